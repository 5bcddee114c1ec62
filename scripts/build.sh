#!/usr/bin/env bash
# Builds into build/ and dist/. Usage: scripts/build.sh [native] [sanitize] [wasm] [dist]
# (no argument: all of them). Incremental: a second run only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

targets=("$@")
((${#targets[@]})) || targets=(native sanitize wasm dist)

configure() {  # configure <dir> <cmake args...>: only when not configured yet
  local dir=$1; shift
  [[ -f $dir/CMakeCache.txt ]] || "$@" -S . -B "$dir" >/dev/null
}

for target in "${targets[@]}"; do
  case $target in
    native)
      configure build/native cmake -DCMAKE_BUILD_TYPE=Release
      cmake --build build/native ;;
    sanitize)
      # O1 keeps the sanitised tests quick while still catching what ASan/UBSan see.
      configure build/sanitize cmake -DCMAKE_BUILD_TYPE=Debug -DEMBEDWASM_SANITIZE=ON -DCMAKE_CXX_FLAGS=-O1
      cmake --build build/sanitize ;;
    wasm)
      configure build/wasm emcmake cmake -DCMAKE_BUILD_TYPE=Release
      cmake --build build/wasm ;;
    dist)
      "$0" wasm  # incremental: quick when nothing changed
      rm -rf dist.tmp && mkdir -p dist.tmp/wasm
      cp -r web/lib/. dist.tmp/
      for variant in simd threads; do
        cp build/wasm/cpp/embedwasm_$variant.mjs build/wasm/cpp/embedwasm_$variant.wasm dist.tmp/wasm/
      done
      cp build/wasm/cpp/embedwasm_threads.worker.js dist.tmp/wasm/
      # The pthread helper is CommonJS; inside a "type": "module" package Node would
      # parse it as an ES module without this marker (TOOLCHAIN-NOTES).
      echo '{ "type": "commonjs" }' > dist.tmp/wasm/package.json
      rm -rf dist && mv dist.tmp dist ;;
    *) echo "build.sh: unknown target '$target' (native, sanitize, wasm, dist)" >&2; exit 2 ;;
  esac
done
