#!/usr/bin/env bash
# One PNG per section of the tutorial in build/screenshots/ (desktop and 390 px phone
# width), taken in Debian's Chromium after building the site (scripts/build.sh site links
# the two web builds it needs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh site
exec node scripts/screenshots.mjs "$@"
