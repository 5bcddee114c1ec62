#!/usr/bin/env bash
# Builds into build/ and dist/. Usage: scripts/build.sh [native] [sanitize] [wasm] [dist] [lib] [site]
# (no argument: native sanitize wasm dist). Incremental: a second run only rebuilds what
# changed. `lib` only refreshes the JS in an existing dist/ (no compiler run), for work on
# web/lib while someone else rebuilds the C++. `site` bundles the tutorial into build/site/
# (scripts/build_site.mjs; quick when nothing changed).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# One build at a time in this tree: two cmake runs in one build directory corrupt it.
if [[ -z ${EMBEDWASM_BUILD_LOCKED:-} ]]; then
  mkdir -p build
  exec 9>build/.build.lock
  flock 9
  export EMBEDWASM_BUILD_LOCKED=1
fi

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
      staging=$(mktemp -d dist.tmp.XXXX)
      mkdir -p "$staging/wasm"
      cp -r web/lib/. "$staging/"
      for variant in simd threads; do
        cp build/wasm/cpp/embedwasm_$variant.mjs build/wasm/cpp/embedwasm_$variant.wasm "$staging/wasm/"
      done
      cp build/wasm/cpp/embedwasm_threads.worker.js "$staging/wasm/"
      # Emscripten 3.1.6's pthread helper (.worker.js) is CommonJS; inside a "type": "module"
      # package Node would parse it as an ES module (require is not defined) without this marker.
      echo '{ "type": "commonjs" }' > "$staging/wasm/package.json"
      # The options' names, defaults and ranges, as the engine's schemas state them.
      node scripts/write_option_schemas.mjs "$staging/wasm/embedwasm_simd.mjs" \
        "$staging/wasm/embedwasm_simd.wasm" "$staging/core/option_schemas.js"
      chmod 755 "$staging"
      rm -rf dist && mv "$staging" dist ;;
    lib)
      [[ -d dist/wasm ]] || { echo "build.sh lib: no dist/ yet; run scripts/build.sh dist once" >&2; exit 1; }
      cp -r web/lib/. dist/ ;;
    site)
      node scripts/build_site.mjs ;;
    *) echo "build.sh: unknown target '$target' (native, sanitize, wasm, dist, lib, site)" >&2; exit 2 ;;
  esac
done
