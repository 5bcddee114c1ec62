// Which words push a subject toward spam or ham. The model averages word vectors e (D)
// and scores sigmoid(mean(e) · k + bias), so each word contributes e_w · k to the logit
// (scaled by 1/length): ranking the rows of W by W · k ranks words by their pull.

/**
 * @param {Float32Array} W (V, D) embedding table; kernel (D, 1) Dense kernel
 * @param {number} minCount only words seen at least this often in training, so a word
 *   that appeared once does not top the list by chance
 * @returns {{spam: Array<{word, score}>, ham: Array<{word, score}>}} top k each side
 */
export function topWords(W, kernel, vocab, counts, { k = 10, minCount = 5 } = {}) {
  const d = kernel.length;
  const scored = [];
  for (let r = 2; r < vocab.length; ++r) {  // skip <pad> and <unk>
    if ((counts.get(vocab[r]) ?? 0) < minCount) continue;
    let s = 0;
    for (let j = 0; j < d; ++j) s += W[r * d + j] * kernel[j];
    scored.push({ word: vocab[r], score: s });
  }
  scored.sort((a, b) => b.score - a.score);
  return { spam: scored.slice(0, k), ham: scored.slice(-k).reverse() };
}
