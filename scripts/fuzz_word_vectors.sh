#!/usr/bin/env bash
# Fuzzes the word-vector file readers and writers (cpp/src/io) with libFuzzer + ASan +
# UBSan, one target per format, each for N seconds. Not part of the test suite.
#
#   scripts/fuzz_word_vectors.sh [seconds per format = 60] [formats = all]
#   formats: word2vec,word2vec-binary,glove,fasttext,embedwasm,tsv
#
# Needs clang++-14 with libclang-rt-14-dev (Debian: apt-get install clang-14
# libclang-rt-14-dev). Corpora persist in build/fuzz/word-vectors/<format>/corpus, seeded
# from tests/cpp/io/fixtures and a few hand-made files; crashes are written next to them
# (crash-*) and the script exits 1. The targets check more than crashes: see the comment
# at the top of tests/fuzz/word_vectors_fuzzer.cpp.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
formats=${2:-word2vec,word2vec-binary,glove,fasttext,embedwasm,tsv}
CXX=${CXX:-clang++-14}
out=build/fuzz/word-vectors
mkdir -p "$out"

declare -A FORMAT_ID=([word2vec]=0 [word2vec-binary]=1 [glove]=2 [fasttext]=3 [embedwasm]=4 [tsv]=5)
fixtures=tests/cpp/io/fixtures

seed_corpus() {  # seed_corpus <format> <dir>
  local dir=$2
  case $1 in
    word2vec|fasttext)
      cp "$fixtures/gensim_w2v.txt" "$dir/gensim.txt"
      printf '3 4\r\nking 0.1 -2 1e-05 3.5 \r\nqueen 0x1p-2  -0 inf\t-nan\r\ncaf\xc3\xa9 1.5E+2 .5 5. -1e-40' > "$dir/crlf.txt"
      printf '2 3\n</s> 0.004003 0.004419 -0.003830 \nthe -0.039 0.13271 0.018 \n' > "$dir/ctool.txt" ;;
    glove)
      tail -n +2 "$fixtures/gensim_w2v.txt" > "$dir/gensim.txt"
      printf 'the 0.1 0.2 0.3\n. . . 1 2 3\nat name@domain.com 4 5 6\r\nna\xc3\xafve -1 -2 -3' > "$dir/spaced.txt" ;;
    word2vec-binary)
      cp "$fixtures/gensim_w2v.bin" "$dir/gensim.bin"
      printf '2 2\nab \x00\x00\x80\x3f\x00\x00\x00\xc0\n\xe6\x97\xa5 \x00\x00\x00\x3f\x00\x00\x80\x80\n' > "$dir/ctool.bin" ;;
    embedwasm)
      printf 'EWVEC\0\0\0\x01\0\0\0\x02\0\0\0\x03\0\0\0\x04\0\0\0king\x06\0\0\0\xe6\x97\xa5\xe6\x9c\xac\0\0' > "$dir/small.ewvec"
      head -c 24 /dev/zero | tr '\0' '\x3f' >> "$dir/small.ewvec" ;;
    tsv)
      printf 'king\nqueen\nthe end\n\0000.1\t0.2\t-3\r\n1e-05\t-0\t4\n 5\t6 \t7\n' > "$dir/one-column.tsv"
      printf 'word\tcount\nking\t5\nqueen\t3\n\0001\t2\n3\t4\n' > "$dir/header.tsv" ;;
  esac
}

status=0
IFS=, read -ra list <<< "$formats"
for format in "${list[@]}"; do
  id=${FORMAT_ID[$format]:?unknown format $format}
  dir=$out/$format
  mkdir -p "$dir/corpus"
  "$CXX" -std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -DEMBEDWASM_FUZZ_FORMAT="$id" -Icpp/include \
    tests/fuzz/word_vectors_fuzzer.cpp cpp/src/io/*.cpp cpp/src/core/row_matrix.cpp \
    -o "$dir/fuzzer"
  [[ -n $(ls -A "$dir/corpus") ]] || seed_corpus "$format" "$dir/corpus"
  echo "== $format: ${seconds}s"
  if ! (cd "$dir" && ./fuzzer -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=2048 \
          -timeout=10 -print_final_stats=1 corpus 2> fuzz.log); then
    status=1
    echo "!! $format: failure, see $dir/fuzz.log and $dir/crash-*"
  fi
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$dir/fuzz.log" || true
  tail -n 3 "$dir/fuzz.log" | grep -E 'FAILED|ERROR|SUMMARY' || true
done
exit $status
