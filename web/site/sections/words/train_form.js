// The controls of "Train word vectors": which corpus, how much of it, and the Word2Vec
// options that matter most for a first run. Defaults train Moby-Dick (about 215 thousand
// words) in a few seconds: CBOW, 50 dimensions, 20 epochs. Fewer epochs leave every
// vector pointing almost the same way (all cosines near 1) on a corpus this small; with
// 20, "whale" lands next to "sperm", "leviathan" and "porpoise".
import { el } from '../../common/dom.js';
import { BUNDLED } from './corpus.js';

const NUMBER_FIELDS = [
  // [option, label, default, min, max, step, why a reader would change it]
  ['vectorSize', 'Dimensions', 50, 2, 300, 1, 'more dimensions hold more distinctions but train slower'],
  ['window', 'Window', 5, 1, 20, 1, 'how many words either side count as context'],
  ['minCount', 'Minimum count', 5, 1, 100, 1, 'rarer words are dropped from the vocabulary'],
  ['negative', 'Negative samples', 5, 0, 25, 1, 'noise words contrasted with each true context word'],
  ['epochs', 'Epochs', 20, 1, 100, 1, 'passes over the corpus; a small book needs many'],
  ['alpha', 'Learning rate', 0.025, 0.001, 1, 0.001, 'decays linearly to 0.0001 over training'],
  ['seed', 'Seed', 1, 0, 2 ** 31 - 1, 1, 'the same seed gives the same vectors with 1 thread; with more, runs differ slightly'],
];

export function createTrainForm({ maxThreads }) {
  const id = (name) => `train-words-${name}`;
  const corpusChoices = [...Object.entries(BUNDLED).map(([value, c]) => [value, c.label]), ['upload', 'A .txt file of your own']];
  const corpus = el('fieldset', { className: 'corpus-choice' }, el('legend', {}, 'Corpus'),
    ...corpusChoices.map(([value, label], i) => el('label', {},
      el('input', { type: 'radio', name: 'train-words-corpus', value, checked: i === 0 }), ` ${label}`)));
  const file = el('input', { type: 'file', id: id('file'), accept: '.txt,text/plain', disabled: true });
  corpus.append(el('div', { className: 'corpus-row' }, el('label', { for: id('file') }, 'Text file'), file));
  corpus.addEventListener('change', () => {
    file.disabled = selectedCorpus() !== 'upload';
  });
  const share = el('select', { id: id('share') },
    ...[[1, 'all of it'], [0.5, 'the first half'], [0.25, 'the first quarter'], [0.1, 'the first tenth']]
      .map(([v, label]) => el('option', { value: String(v) }, label)));
  corpus.append(el('div', { className: 'corpus-row' }, el('label', { for: id('share') }, 'Use'), share));

  const inputs = {};
  const params = el('fieldset', { className: 'params' }, el('legend', {}, 'Word2Vec options'));
  const architecture = el('select', { id: id('sg') },
    el('option', { value: '0' }, 'CBOW (predict a word from its context; faster)'),
    el('option', { value: '1' }, 'skip-gram (predict the context from a word; better for rare words)'));
  params.append(el('label', { for: id('sg') }, 'Architecture', architecture));
  for (const [name, label, value, min, max, step, hint] of NUMBER_FIELDS) {
    inputs[name] = el('input', { type: 'number', id: id(name), value: String(value), min: String(min), max: String(max), step: String(step), title: hint });
    params.append(el('label', { for: id(name) }, label, inputs[name]));
  }
  // Threads only exist when the page is cross-origin isolated (the threads wasm build).
  inputs.threads = el('input', {
    type: 'number', id: id('threads'), min: '1', max: String(maxThreads), step: '1',
    value: String(Math.min(4, maxThreads)), disabled: maxThreads === 1,
    title: maxThreads === 1 ? 'this page is not cross-origin isolated, so wasm runs one thread' : 'Hogwild threads updating shared weights',
  });
  params.append(el('label', { for: id('threads') }, 'Threads', inputs.threads));
  // Said in place, because a reader re-running "Seed 1" expects the same numbers.
  params.append(el('p', { className: 'note params-note', dataset: { testid: 'train-words-threads-note' } },
    maxThreads === 1
      ? 'One thread: the same seed gives the same vectors every run.'
      : 'With one thread, the same seed gives the same vectors every run. With more, the threads update ' +
        'the shared table without waiting for each other (Hogwild, as word2vec and gensim do), in an order ' +
        'that changes from run to run: results differ slightly each time, equally good.'));

  function selectedCorpus() {
    return corpus.querySelector('input[name="train-words-corpus"]:checked').value;
  }

  return {
    element: el('div', { className: 'train-form' }, corpus, params),
    read() {
      const options = { sg: Number(architecture.value) };
      for (const [name, input] of Object.entries(inputs)) {
        const v = Number(input.value);
        if (!input.checkValidity() || !Number.isFinite(v)) throw new RangeError(`${input.labels[0].firstChild.textContent}: ${input.validationMessage || 'not a number'}`);
        options[name] = v;
      }
      return { corpus: selectedCorpus(), file: file.files[0] ?? null, share: Number(share.value), options };
    },
    setDisabled(disabled) {
      for (const control of [...corpus.querySelectorAll('input, select'), ...params.querySelectorAll('input, select')]) {
        if (control === file) control.disabled = disabled || selectedCorpus() !== 'upload';
        else if (control === inputs.threads) control.disabled = disabled || maxThreads === 1;
        else control.disabled = disabled;
      }
    },
  };
}
