// Section 5: an embedding learns a task. Embedding -> GlobalAveragePooling1D -> Dense
// on SpamAssassin subjects, trained in a Web Worker (trainInWorker) so the page stays
// responsive, with per-epoch curves, held-out accuracy against the majority class, and
// the words whose learned vectors pull hardest toward each class.
import { codeSnippet, el, int, num } from '../common/dom.js';
import { fetchGzipJson } from '../common/data.js';
import { Curves } from './learn/curves.js';
import { trainingShowcase } from './learn/showcase.js';
import { PAD, prepareSpam, UNK } from './learn/spam_data.js';
import { topWords } from './learn/top_words.js';

const DIM = 16;
const BATCH = 32;
const VALIDATION = 0.1;
const SEED = 7;
// Enough epochs for the curves to read as curves and for validation loss to turn up.
const EPOCHS = 20;
// Adam at 0.002: validation loss falls for about half the run, then turns up, so the
// curves show both learning and the start of overfitting.
const LEARNING_RATE = 0.002;
// Made-up words that are in no subject, so both are the unknown-word row ("zzzz" would not
// do: it is a real token of this corpus's spam).
const UNKNOWN_EXAMPLE = 'qqqq wxyzq';
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The page's run as a program, with the reader's epoch count. */
const snippet = (epochs) => `
import { init, layers, sequential, train, trainInWorker } from 'embedwasm';

await init();
// Keras's TextVectorization: lowercase, strip punctuation, split, look up (0 = padding, 1 = unknown)
const vectorize = layers.textVectorization({ maxTokens: 2000, outputSequenceLength: 16 });
vectorize.adapt(trainSubjects);
const xTrain = vectorize.apply(trainSubjects).data;  // (N, 16) Int32Array; y: (N, 1), 1 = spam
const model = sequential([
  layers.embedding({ inputDim: vectorize.vocabularySize(), outputDim: ${DIM}, maskZero: true }),
  layers.globalAveragePooling1d(),
  layers.dense({ units: 1, activation: 'sigmoid' }),
]);
model.compile({ optimizer: train.adam(${LEARNING_RATE}), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
model.build([16]);
const controller = new AbortController();  // controller.abort() stops after the current batch
const { history } = await trainInWorker(model, { data: xTrain, shape: [nTrain, 16] }, { data: yTrain, shape: [nTrain, 1] }, {
  epochs: ${epochs}, batchSize: ${BATCH}, validationSplit: ${VALIDATION}, seed: ${SEED},
  signal: controller.signal,
  onProgress: (e) => { if (e.event === 'epoch') console.log(e.epoch, e.logs); },
});
console.log(model.evaluate(vectorize.apply(testSubjects), { data: yTest, shape: [nTest, 1] }));
console.log(model.predict(vectorize.apply(['FREE money!!! act now'])).data[0]);  // P(spam)
// Each word's pull toward spam: its embedding row · the Dense kernel
const [W, kernel] = model.getWeights();
`;

function wordList(title, items, testid) {
  return el('figure', { className: 'words' }, el('figcaption', {}, title),
    el('ol', { dataset: { testid } }, ...items.map(({ word, score }) =>
      el('li', {}, el('span', { className: 'word' }, word), ' ', el('span', { className: 'score' }, score.toFixed(2))))));
}

export async function mount(section, { embedwasm, dataUrl }) {
  const { layers, sequential, train, trainInWorker } = embedwasm;
  const status = el('p', { role: 'status', className: 'status', dataset: { testid: 'spam-status' } }, 'Loading the SpamAssassin subjects…');
  section.append(
    el('p', {}, 'Here the embedding layer trains inside a model, on a task, the way it usually does. Each e-mail ',
      'subject becomes up to 16 word ids (Keras\'s TextVectorization: id 0 pads, id 1 stands for any word outside ',
      'the vocabulary). The model is Embedding(input_dim = vocabulary size, output_dim = 16) → ',
      'GlobalAveragePooling1D (the mean of the subject\'s word rows, skipping padding thanks to maskZero) → ',
      'Dense(1, sigmoid), which says how likely the subject is spam. Its table starts random; the only signal ',
      'it ever gets is the loss on ham/spam labels, backpropagated into the rows of the words each subject uses.'),
    el('p', {}, 'Training runs in a Web Worker through trainInWorker, so this page stays responsive. When it ends, ',
      'the section shows what the table learned: which words moved toward which class, and why.'),
    status);
  const asset = await fetchGzipJson(dataUrl('spam_subjects.json.gz'));
  const data = prepareSpam(asset, layers);
  const spamShare = data.train.y.reduce((a, b) => a + b, 0) / data.train.n;
  status.textContent = `${int(asset.subjects.length)} subjects from the SpamAssassin public corpus: ` +
    `${int(data.train.n)} to train on (${Math.round(spamShare * 100)} % spam; ${Math.round(VALIDATION * 100)} % of them held back for the validation curve), ` +
    `${int(data.test.n)} held out for the final test. Vocabulary: the ${int(data.vocab.length - 2)} most frequent training words, plus padding and unknown, from layers.textVectorization adapted on the training subjects.`;

  const epochs = el('input', { type: 'number', min: 1, max: 60, step: 1, value: String(EPOCHS), dataset: { testid: 'spam-epochs' } });
  const start = el('button', { type: 'button', dataset: { testid: 'spam-train' } }, 'Train');
  const cancel = el('button', { type: 'button', disabled: true, dataset: { testid: 'spam-cancel' } }, 'Cancel');
  const progress = el('progress', { max: 1, value: 0, 'aria-label': 'Training progress' });
  const progressText = el('p', { role: 'status', className: 'status', dataset: { testid: 'spam-progress' } }, 'Not trained yet.');
  const charts = el('div', { className: 'charts' });
  const result = el('div', { className: 'result', dataset: { testid: 'spam-result' } });
  section.append(
    el('div', { className: 'controls' }, el('label', { className: 'size' }, 'Epochs ', epochs), start, cancel, progress),
    progressText, charts, result);
  const curves = new Curves(charts);

  let controller = null;
  let model = null;

  start.addEventListener('click', async () => {
    const nEpochs = Math.min(60, Math.max(1, Math.round(Number(epochs.value)) || EPOCHS));
    epochs.value = String(nEpochs);
    model?.dispose();
    model = sequential([
      layers.embedding({ inputDim: data.vocab.length, outputDim: DIM, maskZero: true, seed: 1 }),
      layers.globalAveragePooling1d(),
      layers.dense({ units: 1, activation: 'sigmoid', seed: 2 }),
    ]);
    model.compile({ optimizer: train.adam(LEARNING_RATE), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    model.build([data.seqLength]);
    const initialTable = Float32Array.from(model.getWeights()[0].data);
    curves.reset();
    result.replaceChildren();
    section.dataset.state = 'training';
    controller = new AbortController();
    start.disabled = true;
    cancel.disabled = false;
    const batchesPerEpoch = Math.ceil(Math.round(data.train.n * (1 - VALIDATION)) / BATCH);
    progress.max = nEpochs * batchesPerEpoch;
    progress.value = 0;
    let epochsDone = 0;
    const started = performance.now();
    try {
      const { cancelled, history } = await trainInWorker(model,
        { data: data.train.x, shape: [data.train.n, data.seqLength] },
        { data: data.train.y, shape: [data.train.n, 1] }, {
          epochs: nEpochs, batchSize: BATCH, validationSplit: VALIDATION, seed: SEED,
          signal: controller.signal,
          onProgress: (e) => {
            if (e.event === 'epoch') {
              epochsDone = e.epoch + 1;
              curves.add(e.epoch, e.logs);
              progress.value = epochsDone * batchesPerEpoch;
            } else {
              progress.value = epochsDone * batchesPerEpoch + e.batch + 1;
            }
            progressText.textContent = `Epoch ${epochsDone + (e.event === 'batch' ? 1 : 0)} of ${nEpochs}: ` +
              `loss ${e.logs.loss.toFixed(3)}, accuracy ${(e.logs.accuracy ?? NaN).toFixed(3)}`;
          },
        });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      progressText.textContent = cancelled
        ? `Cancelled after ${plural(epochsDone, 'complete epoch')} (${seconds} s); the results below use the weights reached so far.`
        : `Trained ${plural(nEpochs, 'epoch')} in ${seconds} s in a Web Worker.`;
      showResult(cancelled, history, initialTable);
    } catch (error) {
      progressText.textContent = `Training failed: ${error.message}`;
      section.dataset.state = 'error';
      console.error(error);
    } finally {
      start.disabled = false;
      cancel.disabled = true;
      controller = null;
    }
  });
  cancel.addEventListener('click', () => controller?.abort());

  // Read off this run's own curves: where validation loss bottomed out, if before the end.
  function overfittingNote(history) {
    const valLoss = history?.history?.val_loss;
    if (!valLoss || valLoss.length < 2) return null;
    const best = valLoss.indexOf(Math.min(...valLoss));
    if (best === valLoss.length - 1) return null;
    return el('p', { dataset: { testid: 'spam-overfitting' } },
      `Validation loss was lowest after epoch ${best + 1} (${valLoss[best].toFixed(3)}) and rose to `,
      `${valLoss.at(-1).toFixed(3)} by epoch ${valLoss.length} while training loss kept falling: the model has begun to `,
      `memorise its training subjects (overfitting). Training for ${plural(best + 1, 'epoch')}, or stopping when validation loss `,
      'turns up (an onEpochEnd callback that sets model.stopTraining = true), keeps the better model.');
  }

  let showcase = null;
  function showResult(cancelled, history, initialTable) {
    const test = model.evaluate({ data: data.test.x, shape: [data.test.n, data.seqLength] },
      { data: data.test.y, shape: [data.test.n, 1] });
    const [W, kernel, bias] = model.getWeights();
    const words = topWords(W.data, kernel.data, data.vocab, data.counts);
    const accuracy = el('p', { className: 'accuracy', dataset: { testid: 'spam-accuracy', accuracy: String(test.accuracy), majority: String(data.majorityAccuracy) } },
      `Held-out accuracy: ${(test.accuracy * 100).toFixed(1)} % on ${int(data.test.n)} subjects the model never saw, `,
      `against ${(data.majorityAccuracy * 100).toFixed(1)} % for always answering the majority class (${data.majorityLabel}).`);
    const tryInput = el('input', { type: 'text', value: 'FREE money!!! act now', dataset: { testid: 'spam-try' } });
    const tryOut = el('output', { dataset: { testid: 'spam-try-output' } });
    const score = (id) => { let s = 0; for (let j = 0; j < DIM; ++j) s += W.data[id * DIM + j] * kernel.data[j]; return s; };
    const breakdown = el('p', { className: 'note', dataset: { testid: 'spam-try-words' } });
    const classify = () => {
      const ids = data.vectorize.apply([tryInput.value]).data;
      const p = model.predict({ data: ids, shape: [1, data.seqLength] }).data[0];
      tryOut.textContent = `P(spam) = ${p.toFixed(3)}: ${p > 0.5 ? 'spam' : 'ham'}`;
      // Which row each word looked up and what it added: the prediction, taken apart.
      const used = Array.from(ids).filter((id) => id !== PAD);
      breakdown.textContent = used.length
        ? `Rows looked up: ${used.map((id) => `${id === UNK ? '[UNK]' : data.vocab[id]} ${num(score(id))}`).join(', ')}. ` +
          `Mean score ${num(used.reduce((a, id) => a + score(id), 0) / used.length)}, plus bias ${num(bias.data[0])}, is the logit.`
        : 'No words: nothing is looked up.';
    };
    tryInput.addEventListener('input', classify);
    classify();
    // The strongest ham word, added to a spammy subject, shows what the model leans on.
    const tag = words.ham[0]?.word;
    const tagButton = el('button', { type: 'button', className: 'small', dataset: { testid: 'spam-add-tag' } },
      `Add [${tag}] to the subject`);
    tagButton.addEventListener('click', () => {
      tryInput.value = `${tryInput.value} [${tag}]`;
      classify();
    });
    const unkShare = { spam: 0, ham: 0 };
    for (let i = 0; i < data.train.n; ++i) {
      for (let t = 0; t < data.seqLength; ++t) {
        if (data.train.x[i * data.seqLength + t] === UNK) unkShare[data.train.y[i] === 1 ? 'spam' : 'ham'] += 1;
      }
    }
    showcase?.destroy();
    showcase = trainingShowcase({
      before: initialTable, after: W.data, kernel: kernel.data, bias: bias.data[0], vocab: data.vocab, words, unkShare,
      unknownExample: UNKNOWN_EXAMPLE,
      allUnknownP: model.predict(data.vectorize.apply([UNKNOWN_EXAMPLE])).data[0],
    });
    result.replaceChildren(accuracy, ...[overfittingNote(history)].filter(Boolean),
      el('p', {}, 'Words whose learned rows push hardest toward each class. The score is the word\'s row · the Dense ',
        'kernel: what the word adds to the logit (the input of the sigmoid) on its own; below "Reading the scores" ',
        'turns it into a probability. Only words seen at least 5 times in training are listed.'),
      el('div', { className: 'panels' }, wordList('Toward spam', words.spam, 'spam-words'), wordList('Toward ham', words.ham, 'ham-words')),
      el('p', { dataset: { testid: 'spam-leak' } }, 'The ham side is full of odd names such as ', el('strong', {}, words.ham.slice(0, 3).map((w) => w.word).join(', ')),
        '. Most ham in this corpus came from mailing lists whose software puts the list\'s name in the subject ',
        '("[zzzzteana] …", "[SAtalk] …", "[Razor-users] …"), and spam never does. So the surest sign of ham, in this ',
        'data, is a list name, and that is what the table learned: a true pattern of the corpus, not of e-mail. ',
        'Add one to a spam subject and see what happens; a real filter would strip such tags before training.'),
      el('label', { className: 'block' }, 'Try a subject', tryInput), el('p', {}, tagButton), tryOut, breakdown,
      showcase.element);
    showcase.draw();
    section.dataset.state = cancelled ? 'cancelled' : 'trained';
  }

  const snippetBox = el('div', { dataset: { testid: 'spam-snippet' } });
  const showSnippet = () => {
    const n = Math.min(60, Math.max(1, Math.round(Number(epochs.value)) || EPOCHS));
    snippetBox.replaceChildren(codeSnippet('Reproduce it with the npm package', snippet(n)));
  };
  epochs.addEventListener('input', showSnippet);
  showSnippet();
  section.append(snippetBox);
}
