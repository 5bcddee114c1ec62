// "How W is learned", live on a table small enough to read: W starts random, one forward
// pass, a loss, one backward pass in which one row is never looked up, and a plain SGD
// step; each "Step" press repeats the cycle. Every number comes from the package: the
// output from the layer, the loss from model.evaluate, dL/dW from embedding.backward and
// the step from model.trainOnBatch with train.sgd. Only dL/dout, the derivative of the
// mean squared error, is written out here, because showing that formula is the point.
import { el, num } from '../../common/dom.js';
import { matrixTable } from '../../common/tensor_view.js';

const INPUT_DIM = 4;
const OUTPUT_DIM = 2;
const IDS = [[0, 2], [2, 1]];  // id 3 is never looked up
// The output each id should produce; a real task supplies this through its loss instead.
const TARGET_OF = [[1, 0], [0, 1], [-1, 0]];
const TARGETS = IDS.map((row) => row.map((id) => TARGET_OF[id]));
const LEARNING_RATE = 1;
const N_OUT = IDS.length * IDS[0].length * OUTPUT_DIM;

const rowsOf = (data, d) => Array.from({ length: data.length / d }, (_, r) => Array.from(data.subarray(r * d, (r + 1) * d)));
const rowClassOf = (r) => `id-${r}`;
// Rows of W in their id's colour when x looks them up, plain when it does not.
const LOOKED_UP = new Set(IDS.flat());
const tableRowClass = (r) => (LOOKED_UP.has(r) ? rowClassOf(r) : 'untouched');

export function mountLearnW(section, { layers, sequential, train }) {
  const stepButton = el('button', { type: 'button', dataset: { testid: 'learn-step' } }, 'Step: forward, backward, update');
  const resetButton = el('button', { type: 'button', className: 'small', dataset: { testid: 'learn-reset' } }, 'Start again from a new random W');
  const stage = el('div', { className: 'learn-stage', dataset: { testid: 'learn-stage' } });
  const stepLine = el('p', { className: 'status', role: 'status', dataset: { testid: 'learn-status' } });

  section.append(
    el('h3', { id: 'how-w-is-learned' }, 'How W gets its values'),
    el('p', {},
      'Nobody writes W by hand. Keras\'s Embedding(input_dim, output_dim) and Lasagne\'s ',
      'EmbeddingLayer(input_size, output_size) both create a table of input_dim rows (one per id, so ',
      'input_dim is the largest id + 1) and output_dim columns, and fill it with ',
      el('strong', {}, 'random'), ' numbers: Keras\'s default initializer is uniform(−0.05, 0.05). ',
      'The layer maps ids of shape (batch, seq) to vectors of shape (batch, seq, output_dim). ',
      'Training then moves W like any other weight: a forward pass looks rows up, a loss compares the ',
      'output with what it should be, backpropagation gives dL/dW, and the optimizer subtracts a step.'),
    el('p', {},
      `Below, input_dim = ${INPUT_DIM}, output_dim = ${OUTPUT_DIM}, and the batch x = ${JSON.stringify(IDS)} `,
      'never uses id 3. The loss is the mean squared error against a target vector for each id. ',
      'Only rows that were looked up get a gradient, so only they change; row 3 keeps its random values. ',
      'That is why an embedding layer can use sparse updates: a step touches B·T rows, not all input_dim.'),
    el('div', { className: 'controls' }, stepButton, resetButton),
    stepLine,
    stage,
  );

  let seed = 11;
  let model = null;
  let steps = 0;

  function fresh() {
    model?.dispose();
    const embedding = layers.embedding({ inputDim: INPUT_DIM, outputDim: OUTPUT_DIM, embeddingsInitializer: 'uniform', seed });
    model = sequential([embedding]);
    model.compile({ optimizer: train.sgd(LEARNING_RATE), loss: 'meanSquaredError' });
    model.build([IDS[0].length]);
    steps = 0;
    show(null);
  }

  // One cycle: forward, loss, dL/dout, dL/dW, then the update; `before` is W before it.
  function cycle() {
    const [W] = model.getWeights();
    const before = Float32Array.from(W.data);
    const out = model.predict(IDS);
    const y = { data: Float32Array.from(TARGETS.flat(2)), shape: [IDS.length, IDS[0].length, OUTPUT_DIM] };
    const { loss } = model.evaluate(IDS, y);
    // L = mean over the N outputs of (out - y)^2, so dL/dout = 2 (out - y) / N.
    const dOut = out.data.map((v, i) => (2 * (v - y.data[i])) / N_OUT);
    const probe = layers.embedding({ inputDim: INPUT_DIM, outputDim: OUTPUT_DIM, weights: [W] });
    let grad;
    try {
      grad = probe.backward(IDS, { data: dOut, shape: y.shape });
    } finally {
      probe.dispose();
    }
    model.trainOnBatch(IDS, y);
    steps += 1;
    const [after] = model.getWeights();
    return { before, out, y, loss, dOut, grad: Float32Array.from(grad.data), after: Float32Array.from(after.data) };
  }

  function show(result) {
    const [W] = model.getWeights();
    const looked = new Set(IDS.flat());
    const rowLabel = (r) => `id ${r}${looked.has(r) ? '' : ' (not in x)'}`;
    if (!result) {
      stage.dataset.step = '0';
      stage.dataset.w = JSON.stringify(Array.from(W.data));
      stepLine.textContent = `W was just initialised: uniform(−0.05, 0.05), seed ${seed}. Press Step.`;
      stage.replaceChildren(el('div', { className: 'panels' },
        el('div', { className: 'scroll' }, matrixTable(rowsOf(W.data, OUTPUT_DIM), {
          caption: `W (${INPUT_DIM} × ${OUTPUT_DIM}), random start`, rowLabel, rowClass: tableRowClass,
        })),
        el('div', { className: 'scroll' }, matrixTable(IDS, { caption: 'x (batch, seq) = (2, 2)', rowLabel: (b) => `batch ${b}` }))));
      return;
    }
    const { before, out, y, loss, dOut, grad, after } = result;
    const positions = IDS.flat();
    const outRows = rowsOf(out.data, OUTPUT_DIM);
    const changed = (r) => before.subarray(r * OUTPUT_DIM, (r + 1) * OUTPUT_DIM).some((v, k) => v !== after[r * OUTPUT_DIM + k]);
    stage.dataset.step = String(steps);
    stage.dataset.before = JSON.stringify(Array.from(before));
    stage.dataset.dout = JSON.stringify(Array.from(dOut));
    stage.dataset.grad = JSON.stringify(Array.from(grad));
    stage.dataset.w = JSON.stringify(Array.from(after));
    stage.dataset.loss = String(loss);
    stepLine.textContent = `Step ${steps}: loss ${num(loss)} before the update. ` +
      `Rows ${[...looked].sort().join(', ')} moved; row 3 did not.`;
    stage.replaceChildren(
      el('ol', { className: 'learn-steps' },
        el('li', {}, el('p', {}, el('strong', {}, 'Forward: '), 'look up row x[b][t] for each position.'),
          el('div', { className: 'panels' },
            el('div', { className: 'scroll' }, matrixTable(rowsOf(before, OUTPUT_DIM), { caption: 'W before', rowLabel, rowClass: tableRowClass })),
            el('div', { className: 'scroll' }, matrixTable(outRows, {
              caption: 'output (batch·seq × output_dim)', rowLabel: (p) => `b${Math.floor(p / 2)} t${p % 2}: id ${positions[p]}`,
              rowClass: (p) => rowClassOf(positions[p]),
            })),
            el('div', { className: 'scroll' }, matrixTable(rowsOf(y.data, OUTPUT_DIM), {
              caption: 'target', rowLabel: (p) => `id ${positions[p]}`,
            })))),
        el('li', {}, el('p', {}, el('strong', {}, 'Loss: '),
          `L = mean((output − target)²) over the ${N_OUT} numbers = ${num(loss)}.`)),
        el('li', {}, el('p', {}, el('strong', {}, 'Backward: '),
          `dL/doutput = 2 (output − target) / ${N_OUT}; the layer adds each position's row into dL/dW at its id. `,
          'Id 2 appears twice, so its two rows add up; id 3 appears nowhere, so its gradient is exactly zero.'),
          el('div', { className: 'panels' },
            el('div', { className: 'scroll' }, matrixTable(rowsOf(dOut, OUTPUT_DIM), {
              caption: 'dL/doutput', rowLabel: (p) => `id ${positions[p]}`, rowClass: (p) => rowClassOf(positions[p]),
            })),
            el('div', { className: 'scroll', dataset: { testid: 'learn-grad' } }, matrixTable(rowsOf(grad, OUTPUT_DIM), {
              caption: 'dL/dW (embedding.backward)', rowLabel,
              rowClass: (r) => (looked.has(r) ? `${rowClassOf(r)} touched` : 'untouched'),
            })))),
        el('li', {}, el('p', {}, el('strong', {}, 'Update: '),
          `W ← W − ${LEARNING_RATE} · dL/dW (train.sgd(${LEARNING_RATE}) in model.trainOnBatch).`),
          el('div', { className: 'panels' },
            el('div', { className: 'scroll', dataset: { testid: 'learn-after' } }, matrixTable(rowsOf(after, OUTPUT_DIM), {
              caption: `W after step ${steps}`, rowLabel,
              rowClass: (r) => (changed(r) ? `${rowClassOf(r)} changed` : 'unchanged'),
            }))))),
    );
  }

  stepButton.addEventListener('click', () => show(cycle()));
  resetButton.addEventListener('click', () => {
    seed += 1;
    fresh();
  });
  fresh();
}
