# Sourced by the other scripts. Debian's em++ runs its JS parts with the system node
# and needs Debian's node modules (acorn) on NODE_PATH.
if [[ -d /usr/share/nodejs/acorn ]]; then
  export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
fi
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}
# ccache keys on paths relative to the clone, so that another clone of the same sources
# reuses what this one compiled (and debug builds do not key on the build folder).
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}
# ccache tells compilers apart by their modification time, which says nothing about em++
# (a script whose clang lives elsewhere): the installed toolchain packages' versions do.
if [[ -z ${CCACHE_COMPILERCHECK:-} ]] && command -v dpkg-query >/dev/null; then
  CCACHE_COMPILERCHECK="string:$(dpkg-query -W -f='${Package}=${Version} ' emscripten clang-14 llvm-14 lld-14 binaryen g++-12 libclang-rt-14-dev 2>/dev/null || true)"
  export CCACHE_COMPILERCHECK
fi
