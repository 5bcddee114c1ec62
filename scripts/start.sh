#!/usr/bin/env bash
# Builds the package and serves the site on http://localhost:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh site
exec node scripts/serve.mjs "$@"
