#!/usr/bin/env bash
# Every test: installs what is missing, builds, then runs the C++ tests natively, under
# ASan + UBSan and as wasm under Node, the JS tests against the built package, the packed
# package in every bundler and runner row (Chromium and Firefox), and the site in headless
# Chromium and Firefox.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh native sanitize wasm dist site
source scripts/env.sh

failed=0
run() {  # run <label> <command...>: runs every suite even when one fails
  echo "== $1"
  shift
  "$@" || { echo "!! FAILED: $*"; failed=1; }
}
run "C++ tests (native g++)" ctest --test-dir build/native --output-on-failure
run "C++ tests (ASan + UBSan)" ctest --test-dir build/sanitize --output-on-failure
run "Parsers on the fuzz seeds and regressions (libFuzzer + ASan + UBSan)" bash scripts/fuzz.sh --regress
run "C++ tests (wasm SIMD under Node)" ctest --test-dir build/wasm --output-on-failure
run "JS tests (built package under Node)" node --test tests/js/
run "Package (packed tarball: Node, TypeScript, Vitest, Jest; Vite 5-8, webpack, Rspack, Parcel, esbuild, no bundler in Chromium and Firefox)" node --test tests/package/
run "Browser tests (site in headless Chromium and Firefox)" node --test tests/e2e/
exit $failed
