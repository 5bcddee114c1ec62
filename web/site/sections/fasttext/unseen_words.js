// "Words it has never seen": a skip-gram model with character n-grams trained in the page
// on State of the Union text (FastText.trainUnsupervised, in chunks with progress). A
// misspelled or new word still gets a vector, the mean of its n-grams' rows, and
// neighbours that make sense; a word2vec model would have no row for it at all.
import { FastText } from 'embedwasm';

import { dataUrl, fetchGzip } from '../../common/data.js';
import { el, num } from '../../common/dom.js';

const CORPUS_BYTES = 700000;
const OPTIONS = { model: 'skipgram', dim: 40, epoch: 3, minCount: 3, minn: 3, maxn: 6, bucket: 100000, thread: 1, seed: 1 };

export async function mountUnseenWords(root) {
  const button = el('button', { type: 'button', dataset: { testid: 'unseen-train' } }, 'Train a subword model');
  const progress = el('progress', { max: 1, value: 0, dataset: { testid: 'unseen-progress' } });
  const status = el('p', { className: 'ft-status', role: 'status', dataset: { testid: 'unseen-status' } }, '');
  const input = el('input', { type: 'text', value: 'goverment', disabled: true, spellcheck: false, dataset: { testid: 'unseen-word' }, 'aria-label': 'A word' });
  const out = el('div', { className: 'ft-unseen', dataset: { testid: 'unseen-output' }, 'aria-live': 'polite' });
  root.append(
    el('h3', {}, 'Words it has never seen'),
    el('p', {}, 'Train fastText\'s skip-gram with character n-grams on the first ',
      `${Math.round(CORPUS_BYTES / 1000)} KB of the State of the Union addresses, then ask for a word that is not in its vocabulary: `,
      'a misspelling, a new compound. Its vector is the mean of its n-grams\' rows, so it lands near the words it resembles.'),
    el('div', { className: 'ft-row' }, button, progress),
    status,
    el('label', { className: 'ft-field' }, 'Word', input),
    out,
  );

  let model = null;
  const show = () => {
    const word = input.value.trim().toLowerCase();
    out.replaceChildren();
    if (!model || !word || /\s/.test(word)) return;
    const known = model.wv.hasIndexFor(word);
    const vector = model.getWordVector(word);
    const neighbours = model.wv.mostSimilar(word, { topn: 8 });
    out.dataset.known = String(known);
    out.dataset.neighbours = JSON.stringify(neighbours.map(([w]) => w));
    out.append(
      el('p', {}, known ? `"${word}" is in the vocabulary (${model.words.length} words).`
        : `"${word}" is not in the vocabulary: its vector comes from ${model.getSubwords(word).subwords.length} character n-grams.`),
      el('p', { className: 'ft-vector' }, `vector (first 8 of ${vector.length}): [${Array.from(vector.slice(0, 8), num).join(', ')}, …]`),
      el('ol', { className: 'ft-neighbours' }, ...neighbours.map(([w, s]) => el('li', {}, `${w} `, el('span', { className: 'ft-prob' }, s.toFixed(3))))),
    );
  };

  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Fetching the text…';
    try {
      const all = new TextDecoder().decode(await fetchGzip(dataUrl('sotu.txt.gz')));
      let end = Math.min(all.length, CORPUS_BYTES);
      while (end < all.length && !/\s/.test(all[end])) end += 1;
      const text = all.slice(0, end).toLowerCase().replace(/[.,;:!?()"]/g, ' ');
      model?.dispose();
      model = await FastText.trainUnsupervised(text, OPTIONS, {
        onProgress: (e) => {
          progress.value = e.fractionDone;
          status.textContent = `Training: ${(e.fractionDone * 100).toFixed(0)}%, ${Math.round(e.tokensPerSecond).toLocaleString('en-US')} tokens/s, loss ${e.loss.toFixed(3)}`;
        },
        progressEvery: 100,
      });
      status.textContent = `Trained on ${model.training.tokensProcessed.toLocaleString('en-US')} tokens in ${model.training.seconds.toFixed(1)} s: ` +
        `${model.words.length.toLocaleString('en-US')} words, ${OPTIONS.bucket.toLocaleString('en-US')} n-gram rows.`;
      status.dataset.trained = 'true';
      input.disabled = false;
      show();
    } catch (error) {
      status.textContent = `Training failed: ${error.message}`;
      console.error(error);
    } finally {
      button.disabled = false;
    }
  });
  input.addEventListener('input', show);
}
