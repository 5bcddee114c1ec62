#!/usr/bin/env bash
# Writes the seed corpus of the fasttext-model fuzzer (tests/fuzz/corpus/fasttext-model):
# tiny models (each under 20 kB) trained by the fastText command line on a few lines of
# text, one per loss and model kind, plus quantized ones (qnorm, qout, cutoff). The seeds
# are committed; rerun this only to refresh them.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=tests/fuzz/corpus/fasttext-model
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$DIR"
# Labelled lines: 4 labels for the small models, 260 for the one whose output matrix is
# quantized (a product quantizer needs 256 rows).
for i in $(seq 1 40); do
  echo "__label__l$((i % 4)) w$((i % 7)) w$((i % 5)) été x$((i % 3)) 日本 w$((i % 11))"
done > "$TMP/sup.txt"
for i in $(seq 1 300); do echo "__label__m$((i % 260)) a$((i % 9)) b$((i % 4))"; done > "$TMP/many.txt"
for i in $(seq 1 60); do echo "the w$((i % 9)) of w$((i % 4)) and naïve w$((i % 13)) the end"; done > "$TMP/text.txt"
common=(-dim 2 -epoch 2 -minCount 1 -thread 1 -verbose 0)
ft() { fasttext "$@" >/dev/null; }
ft supervised -input "$TMP/sup.txt" -output "$TMP/sup_softmax" "${common[@]}" -loss softmax
ft supervised -input "$TMP/sup.txt" -output "$TMP/sup_hs_ngrams" "${common[@]}" -loss hs -wordNgrams 2 -bucket 50 -minn 2 -maxn 3
ft supervised -input "$TMP/sup.txt" -output "$TMP/sup_ova" "${common[@]}" -loss ova -wordNgrams 3 -bucket 30
ft supervised -input "$TMP/sup.txt" -output "$TMP/sup_ns" "${common[@]}" -loss ns -bucket 20 -minn 1 -maxn 2
ft skipgram -input "$TMP/text.txt" -output "$TMP/skipgram" "${common[@]}" -bucket 40 -minn 2 -maxn 4
ft cbow -input "$TMP/text.txt" -output "$TMP/cbow_hs" "${common[@]}" -bucket 30 -minn 3 -maxn 3 -loss hs
# Quantizing needs 256 input rows: words plus buckets.
ft supervised -input "$TMP/sup.txt" -output "$TMP/sup_q" "${common[@]}" -loss hs -bucket 300 -minn 2 -maxn 3
ft quantize -input "$TMP/sup.txt" -output "$TMP/sup_q" -qnorm -dsub 2
ft supervised -input "$TMP/sup.txt" -output "$TMP/sup_qcut" "${common[@]}" -bucket 300 -minn 2 -maxn 3 -wordNgrams 2
ft quantize -input "$TMP/sup.txt" -output "$TMP/sup_qcut" -cutoff 260
ft supervised -input "$TMP/many.txt" -output "$TMP/sup_qout" "${common[@]}" -bucket 256 -wordNgrams 2
ft quantize -input "$TMP/many.txt" -output "$TMP/sup_qout" -qnorm -qout
for f in sup_softmax.bin sup_hs_ngrams.bin sup_ova.bin sup_ns.bin skipgram.bin cbow_hs.bin sup_q.ftz sup_qcut.ftz sup_qout.ftz; do
  cp "$TMP/$f" "$DIR/$f"
done
ls -l "$DIR"
