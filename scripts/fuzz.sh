#!/usr/bin/env bash
# Fuzzes every file parser: the C++ readers (cpp/src/vector_files) with libFuzzer + ASan + UBSan,
# one target per format (tests/fuzz), then the JS readers of the model file, .npy and
# .safetensors with the mutation fuzzer of tests/js/parser_fuzz.mjs.
#
#   scripts/fuzz.sh [seconds per C++ target] [targets]    (npm run fuzz -- 180 glove,tsv)
#   scripts/fuzz.sh --regress                              (part of npm test)
#
# targets: word2vec,word2vec-binary,glove,fasttext,embedwasm,tsv,float-text,fasttext-model,js (default all).
# FUZZ_SECONDS (default 30) and FUZZ_JS_ITERATIONS (default 20000 per JS format) set the
# bounds when no argument does. Corpora grow in build/fuzz/run/<target>/corpus, seeded
# from tests/fuzz/corpus/<target>; a crash is saved as build/fuzz/run/<target>/crash-*
# (the JS fuzzer's as build/fuzz/<format>-<seed>-<case>.bin), its path printed, and the
# exit status is 1. Each crash fixed becomes an input in tests/fuzz/regressions/<target>/.
#
# --regress replays tests/fuzz/corpus and tests/fuzz/regressions through each target
# without mutating (a few seconds once built), so a parser change that breaks on a
# known input, or starts refusing a valid seed, fails the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

CPP_TARGETS=(word2vec word2vec-binary glove fasttext embedwasm tsv float-text fasttext-model)
BUILD=build/fuzz
CXX=${FUZZ_CXX:-clang++-14}

ensure_clang() {
  local missing=()
  command -v "$CXX" >/dev/null 2>&1 || missing+=(clang-14)
  compgen -G "/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null ||
    missing+=(libclang-rt-14-dev)
  ((${#missing[@]})) || return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "fuzz: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "fuzz: missing ${missing[*]} (Debian, as root: apt-get install ${missing[*]})" >&2
    exit 1
  fi
}

build() {
  # The tree's build lock (scripts/build.sh): one compiler run at a time.
  mkdir -p build
  (
    if [[ -z ${EMBEDWASM_BUILD_LOCKED:-} ]]; then
      exec 9>build/.build.lock
      flock 9
    fi
    mkdir -p "$BUILD"
    {
      [[ -f $BUILD/CMakeCache.txt ]] ||
        cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER="$CXX" \
          -DEMBEDWASM_FUZZ=ON -DEMBEDWASM_TESTS=OFF
      cmake --build "$BUILD" --target embedwasm_fuzzers -- -j"$(nproc)"
    } >"$BUILD/build.log" 2>&1 || { tail -n 30 "$BUILD/build.log"; echo "fuzz: build failed ($BUILD/build.log)" >&2; exit 1; }
  )
}

dict_of() {  # the -dict file of a target, if any
  case $1 in
    word2vec|glove|fasttext|tsv|float-text) echo tests/fuzz/dict/text.dict ;;
    word2vec-binary|embedwasm|fasttext-model) echo "tests/fuzz/dict/$1.dict" ;;
  esac
}

replay() {  # replay <target> <dir> [env...]: runs every file of dir once, no mutation
  local target=$1 dir=$2 files out
  shift 2
  mapfile -t files < <(find "$dir" -type f 2>/dev/null | sort)
  ((${#files[@]})) || return 0
  if ! out=$(env "$@" "$BUILD/bin/fuzz_$target" -rss_limit_mb=2048 -timeout=10 "${files[@]}" 2>&1); then
    echo "$out" | grep -E 'Running:|FUZZ PROPERTY|ERROR|SUMMARY|runtime error' | tail -n 12
    echo "!! fuzz_$target fails on an input in $dir (the last 'Running:' above)"
    return 1
  fi
  echo "fuzz_$target: ${#files[@]} inputs of $dir pass"
}

regress() {
  local status=0 target
  for target in "${CPP_TARGETS[@]}"; do
    # The seeds are valid files, so there a rejection fails too.
    replay "$target" "tests/fuzz/corpus/$target" EMBEDWASM_FUZZ_EXPECT_VALID=1 || status=1
    replay "$target" "tests/fuzz/regressions/$target" || status=1
  done
  return $status
}

fuzz_cpp() {  # fuzz_cpp <target> <seconds>
  local target=$1 seconds=$2 dir=$BUILD/run/$1 dict
  mkdir -p "$dir/corpus"
  dict=$(dict_of "$target")
  local status=0
  # nice: the fuzzer may share the machine; one process, no -jobs.
  nice -n 10 "$BUILD/bin/fuzz_$target" -max_total_time="$seconds" -max_len=4096 \
    -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -artifact_prefix="$dir/" \
    ${dict:+-dict="$dict"} "$dir/corpus" "tests/fuzz/corpus/$target" >"$dir/fuzz.log" 2>&1 || status=$?
  local execs cov crash
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$dir/fuzz.log" | grep -oE '[0-9]+$' || true)
  [[ -n $execs ]] || execs=$(grep -oE '^#[0-9]+' "$dir/fuzz.log" | tail -n 1 | tr -d '#')
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$dir/fuzz.log" | tail -n 1 || true)
  crash=$(grep -oE 'Test unit written to [^ ]+' "$dir/fuzz.log" | sed 's/Test unit written to //' || true)
  if ((status != 0)); then
    echo "FAIL fuzz_$target: (limit ${seconds}s) ${execs:-?} execs, ${cov:-no coverage line}; input: ${crash:-none saved}; log: $dir/fuzz.log"
    grep -E 'FUZZ PROPERTY|ERROR: |SUMMARY: |runtime error' "$dir/fuzz.log" | head -n 4 | sed 's/^/    /'
    return 1
  fi
  echo "ok   fuzz_$target: ${seconds}s, ${execs:-?} execs, $cov, 0 crashes"
}

fuzz_js() {  # the JS readers, on the built package
  local iterations=$1
  bash scripts/build.sh dist >/dev/null
  local out status=0 seed=${FUZZ_JS_SEED:-$RANDOM}
  echo "js   seed $seed (FUZZ_JS_SEED=$seed repeats this run)"
  out=$(nice -n 10 node scripts/fuzz_parsers.mjs "$iterations" "$seed" 2>&1) || status=$?
  echo "$out" | grep -E '^[a-z]+: [0-9]+ cases|FAILURE|input:|^[0-9.]+ s$' | sed 's/^/js   /'
  ((status == 0)) || echo "FAIL js parsers: see the inputs above"
  return $status
}

ensure_clang
if [[ ${1:-} == --regress ]]; then
  build
  regress
  exit
fi

seconds=${1:-${FUZZ_SECONDS:-30}}
IFS=, read -ra targets <<<"${2:-$(IFS=,; echo "${CPP_TARGETS[*]}"),js}"
[[ $seconds =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [seconds] [targets] | --regress" >&2; exit 2; }
build
failed=0
for target in "${targets[@]}"; do
  if [[ $target == js ]]; then
    fuzz_js "${FUZZ_JS_ITERATIONS:-20000}" || failed=1
  elif [[ -x $BUILD/bin/fuzz_$target ]]; then
    fuzz_cpp "$target" "$seconds" || failed=1
  else
    echo "fuzz.sh: unknown target '$target' (${CPP_TARGETS[*]} js)" >&2
    exit 2
  fi
done
exit $failed
