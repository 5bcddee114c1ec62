#!/usr/bin/env bash
# Builds into build/ and dist/. Usage: scripts/build.sh [native] [sanitize] [wasm] [engine] [dist] [lib] [site]
# (no argument: native sanitize wasm dist). Incremental: a second run only rebuilds what
# changed. `wasm` builds every wasm target (the C++ tests too); `engine` only the package's
# two builds, web and Node (what `dist` needs). `lib` only refreshes the JS in an existing
# dist/ (no compiler run), for work on web/lib while someone else rebuilds the C++. `site`
# bundles the tutorial into build/site/ (scripts/build_site.mjs; quick when nothing
# changed) with the package's browser files in build/site/embedwasm/: it links only the
# two web builds, which is all `npm start` compiles.
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

# package_files <folder> [--web-only]: the package's files (web/lib, the engine files, the
# option schemas) written into a staging folder that then replaces <folder> whole, so a
# failed step never leaves a half-written package behind.
package_files() {
  local folder=$1 staging
  staging=$(mktemp -d "$folder.tmp.XXXX")
  cp -r web/lib/. "$staging/"
  node scripts/dist_engine.mjs "${@:2}" build/wasm/cpp "$staging/wasm"
  # The options' names, defaults and ranges, as the engine's schemas state them.
  node scripts/write_option_schemas.mjs "$staging/wasm/embedwasm_simd.mjs" \
    "$staging/wasm/embedwasm_simd.wasm" "$staging/core/option_schemas.js"
  chmod 755 "$staging"
  rm -rf "$folder" && mv "$staging" "$folder"
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
    engine)
      configure build/wasm emcmake cmake -DCMAKE_BUILD_TYPE=Release
      cmake --build build/wasm --target embedwasm_simd embedwasm_threads embedwasm_simd_node embedwasm_threads_node ;;
    dist)
      "$0" engine  # incremental: quick when nothing changed
      package_files dist ;;
    lib)
      [[ -d dist/wasm/node ]] || { echo "build.sh lib: no dist/ yet; run scripts/build.sh dist once" >&2; exit 1; }
      cp -r web/lib/. dist/ ;;
    site)
      configure build/wasm emcmake cmake -DCMAKE_BUILD_TYPE=Release
      cmake --build build/wasm --target embedwasm_simd embedwasm_threads
      mkdir -p build/site
      package_files build/site/embedwasm --web-only
      node scripts/build_site.mjs ;;
    *) echo "build.sh: unknown target '$target' (native, sanitize, wasm, engine, dist, lib, site)" >&2; exit 2 ;;
  esac
done
