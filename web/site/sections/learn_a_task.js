// Section 5: an embedding learns a task. Embedding -> GlobalAveragePooling1D -> Dense
// on SpamAssassin subjects, trained in a Web Worker (trainInWorker) so the page stays
// responsive, with per-epoch curves, held-out accuracy against the majority class, and
// the words whose learned vectors pull hardest toward each class.
import { codeSnippet, el, int } from '../common/dom.js';
import { fetchGzipJson } from '../common/data.js';
import { Curves } from './learn/curves.js';
import { prepareSpam } from './learn/spam_data.js';
import { topWords } from './learn/top_words.js';

const DIM = 16;
const BATCH = 32;
const VALIDATION = 0.1;
const SEED = 7;

const SNIPPET = `
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
model.compile({ optimizer: train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
model.build([16]);
const controller = new AbortController();  // controller.abort() stops after the current batch
const { history } = await trainInWorker(model, { data: xTrain, shape: [nTrain, 16] }, { data: yTrain, shape: [nTrain, 1] }, {
  epochs: 6, batchSize: ${BATCH}, validationSplit: ${VALIDATION}, seed: ${SEED},
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
    el('p', {}, 'An embedding table is trained like any other weight. Here each e-mail subject becomes up to 16 word ids; ',
      'the model averages their vectors (skipping padding thanks to maskZero) and a Dense layer with a sigmoid ',
      'says ham or spam. Training runs in a Web Worker through trainInWorker, so this page stays responsive.'),
    status);
  const asset = await fetchGzipJson(dataUrl('spam_subjects.json.gz'));
  const data = prepareSpam(asset, layers);
  const spamShare = data.train.y.reduce((a, b) => a + b, 0) / data.train.n;
  status.textContent = `${int(asset.subjects.length)} subjects from the SpamAssassin public corpus: ` +
    `${int(data.train.n)} to train on (${Math.round(spamShare * 100)} % spam; ${Math.round(VALIDATION * 100)} % of them held back for the validation curve), ` +
    `${int(data.test.n)} held out for the final test. Vocabulary: the ${int(data.vocab.length - 2)} most frequent training words, plus padding and unknown, from layers.textVectorization adapted on the training subjects.`;

  const epochs = el('input', { type: 'number', min: 1, max: 30, step: 1, value: '6', dataset: { testid: 'spam-epochs' } });
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
    const nEpochs = Math.min(30, Math.max(1, Math.round(Number(epochs.value)) || 6));
    model?.dispose();
    model = sequential([
      layers.embedding({ inputDim: data.vocab.length, outputDim: DIM, maskZero: true, seed: 1 }),
      layers.globalAveragePooling1d(),
      layers.dense({ units: 1, activation: 'sigmoid', seed: 2 }),
    ]);
    model.compile({ optimizer: train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    model.build([data.seqLength]);
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
        ? `Cancelled after ${epochsDone} complete epoch(s) (${seconds} s); the results below use the weights reached so far.`
        : `Trained ${nEpochs} epochs in ${seconds} s in a Web Worker.`;
      showResult(cancelled, history);
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
      `memorise its training subjects (overfitting). Training for ${best + 1} epoch(s), or stopping when validation loss `,
      'turns up (an onEpochEnd callback that sets model.stopTraining = true), keeps the better model.');
  }

  function showResult(cancelled, history) {
    const test = model.evaluate({ data: data.test.x, shape: [data.test.n, data.seqLength] },
      { data: data.test.y, shape: [data.test.n, 1] });
    const [W, kernel] = model.getWeights();
    const words = topWords(W.data, kernel.data, data.vocab, data.counts);
    const accuracy = el('p', { className: 'accuracy', dataset: { testid: 'spam-accuracy', accuracy: String(test.accuracy), majority: String(data.majorityAccuracy) } },
      `Held-out accuracy: ${(test.accuracy * 100).toFixed(1)} % on ${int(data.test.n)} subjects the model never saw, `,
      `against ${(data.majorityAccuracy * 100).toFixed(1)} % for always answering the majority class (${data.majorityLabel}).`);
    const tryInput = el('input', { type: 'text', value: 'FREE money!!! act now', dataset: { testid: 'spam-try' } });
    const tryOut = el('output', { dataset: { testid: 'spam-try-output' } });
    const classify = () => {
      const p = model.predict(data.vectorize.apply([tryInput.value])).data[0];
      tryOut.textContent = `P(spam) = ${p.toFixed(3)}: ${p > 0.5 ? 'spam' : 'ham'}`;
    };
    tryInput.addEventListener('input', classify);
    classify();
    result.replaceChildren(accuracy, ...[overfittingNote(history)].filter(Boolean),
      el('p', {}, 'Words whose learned vectors push hardest toward each class (embedding row · Dense kernel; ',
        'words seen at least 5 times in training):'),
      el('div', { className: 'panels' }, wordList('Toward spam', words.spam, 'spam-words'), wordList('Toward ham', words.ham, 'ham-words')),
      el('label', { className: 'block' }, 'Try a subject', tryInput), tryOut);
    section.dataset.state = cancelled ? 'cancelled' : 'trained';
  }

  section.append(codeSnippet('Reproduce it with the npm package', SNIPPET));
}
