#!/usr/bin/env bash
# Installs what this repository needs on a fresh Debian 12 machine; quick and silent
# when everything is already there. An emcc already on PATH (emsdk) is used as is.
set -euo pipefail
cd "$(dirname "$0")/.."

missing_apt=()
need() {  # need <command-or-path> <debian-package>
  if [[ "$1" == /* ]]; then [[ -e "$1" ]] || missing_apt+=("$2")
  else command -v "$1" >/dev/null 2>&1 || missing_apt+=("$2"); fi
}

command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || {
  echo "setup: Node.js >= 18 with npm is required (Debian: apt-get install nodejs npm)." >&2
  exit 1
}
need cmake cmake
need g++ g++
need make make
need ccache ccache
need emcc emscripten
need /usr/include/catch2/catch.hpp catch2
need /usr/include/fast_float/fast_float.h libfast-float-dev
need /usr/include/fmt/format.h libfmt-dev
need chromium chromium
# The second browser of the package and e2e tests (driven by npm puppeteer-core over
# WebDriver BiDi; never a downloaded browser build).
need firefox-esr firefox-esr
# Reference implementations the tests compare against (tests/js/oracles.mjs; with CI set a
# missing one fails the run): Debian's own python3 with numpy (.npy files) and gensim (word
# vectors). fastText is the benchmarks' peer. No suite needs python3-torch.
need /usr/bin/python3 python3
need /usr/lib/python3/dist-packages/numpy python3-numpy
need /usr/lib/python3/dist-packages/gensim python3-gensim
need fasttext fasttext
# libFuzzer and its sanitizer runtimes, for the parser fuzz targets (scripts/fuzz.sh).
need clang++-14 clang-14
need /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a libclang-rt-14-dev

if ((${#missing_apt[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1 && grep -qi debian /etc/os-release 2>/dev/null; then
    echo "setup: installing ${missing_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing_apt[@]}" >/dev/null
  else
    echo "setup: missing ${missing_apt[*]}." >&2
    echo "  On Debian/Ubuntu as root: apt-get install ${missing_apt[*]}" >&2
    echo "  Elsewhere: install CMake >= 3.20, a C++17 compiler, Catch2 v2, Emscripten (emsdk) with emcc on PATH," >&2
    echo "  and Chromium and Firefox ESR for the browser tests; then run this again." >&2
    exit 1
  fi
fi

# npm ci only when package-lock.json changed since the last install.
stamp=node_modules/.embedwasm-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
  npm ci --no-audit --no-fund --loglevel=error
  mkdir -p node_modules && echo "$want" > "$stamp"
fi
