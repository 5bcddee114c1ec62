// sequential([...layers]): a Keras / TF.js Sequential model over the wasm core. The
// core trains one batch per call; the loop here (epochs, shuffling, validation,
// callbacks) yields to the event loop between batches so a page stays responsive.
import { Disposable } from '../core/disposable.js';
import { throwIfError } from '../core/errors.js';
import { heapF32, heapU32, withHeap } from '../core/heap.js';
import { engine } from '../core/init.js';
import { checkOptionNames, countOption, kindOf, show } from '../core/options.js';
import { shapeText, toFloats } from '../core/tensor.js';
import { saveModel } from '../files/model_file.js';
import { toTfjsArtifacts } from '../files/tfjs_layers_model.js';
import { ModelLayer } from '../layers/model_layer.js';
import { TableLayer } from '../layers/table_layer.js';
import { isPreprocessingLayer } from '../text/index.js';
import { resolveOptimizer } from '../optim/optimizers.js';
import { classWeights, permutation, seededRandom, splitTail, takeRows } from './batches.js';
import { checkFitOptions } from './fit_options.js';

const LOSSES = ['sparseCategoricalCrossentropy', 'categoricalCrossentropy', 'binaryCrossentropy',
  'meanSquaredError', 'mse'];
const METRICS = ['accuracy', 'acc', 'binaryAccuracy', 'sparseCategoricalAccuracy', 'categoricalAccuracy'];

const nextTick = () => new Promise((resolve) => setTimeout(resolve, 0));

export class Sequential extends Disposable {
  #layers = [];
  #compiled = null;
  // A first layer that turns raw inputs (strings, categories) into the ids or encodings
  // the core takes; it runs in JS before every batch reaches the core.
  #preprocessing = null;

  constructor(layers = []) {
    const m = engine();
    super(new m.Sequential(), 'sequential model');
    this.built = false;
    /** Set to true (e.g. from a callback) to stop fit() after the current batch. */
    this.stopTraining = false;
    try {
      for (const layer of layers) this.add(layer);
    } catch (error) {
      // Nobody gets this model: free it now rather than whenever the GC gets to it.
      this.dispose();
      throw error;
    }
  }

  get layers() {
    return [...this.#layers];
  }

  add(layer) {
    const where = 'sequential.add';
    if (this.built) throw new TypeError(`${where}: the model is already built`);
    const h = this.handle;
    if (isPreprocessingLayer(layer)) {
      if (this.#layers.length > 0) {
        throw new TypeError(`${where}: ${layer.where} must be the model's first layer (it turns raw inputs into what the next layer takes)`);
      }
      if (layer.isDisposed) throw new TypeError(`${where}: ${layer.where} was disposed`);
      this.#preprocessing = layer;
    } else if (layer instanceof TableLayer) {
      const add = `add${layer.className}`;
      if (layer.model !== null) throw new TypeError(`${where}: ${layer.where} already belongs to a model`);
      const layerOptions = { embeddingsRegularizer: layer.regularizer, embeddingsConstraint: layer.constraint };
      throwIfError(h[add](layer.handle, layerOptions), `${where} ${layer.where}`);
      layer.bindTo(this);
    } else if (layer instanceof ModelLayer) {
      const [kernel, bias] = layer.initialWeights ?? [];
      const m = engine();
      withHeap(m, [(kernel?.length ?? 0) * 4, (bias?.length ?? 0) * 4], ([kPtr, bPtr]) => {
        if (kernel) heapF32(m, kPtr, kernel.length).set(kernel);
        if (bias) heapF32(m, bPtr, bias.length).set(bias);
        throwIfError(h.addLayer(layer.record, kernel ? kPtr : 0, kernel?.length ?? 0, bias ? bPtr : 0,
          bias?.length ?? 0), `${where} ${layer.where}`);
      });
      // The core holds no preprocessing layer: its index is one less.
      layer.bindTo(this, this.#layers.length - (this.#preprocessing ? 1 : 0));
    } else {
      throw new TypeError(`${where}: expected a layer from layers.*, got ${layer === null ? 'null' : typeof layer}`);
    }
    this.#layers.push(layer);
  }

  /** inputShape: the per-sample shape, e.g. [sequenceLength] of ids. */
  build(inputShape) {
    if (this.built) return;
    const m = engine();
    withHeap(m, [inputShape.length * 4], ([ptr]) => {
      heapU32(m, ptr, inputShape.length).set(inputShape);
      throwIfError(this.handle.build(ptr, inputShape.length), 'sequential.build');
    });
    this.built = true;
    this.inputShape = [...inputShape];
    this.outputShape = Array.from({ length: this.handle.outputRank() }, (_, i) => this.handle.outputDim(i));
  }

  /** The preprocessing layer in front of the model, or null. */
  get preprocessing() {
    return this.#preprocessing;
  }

  /** x as the core takes it: through the preprocessing layer first when there is one. */
  #inputs(x, what) {
    if (this.#preprocessing === null) return toFloats(x, what, x?.shape);
    const ids = withErrorWhere(what, () => this.#preprocessing.apply(x));
    return toFloats(ids, what, ids.shape);
  }

  #buildFor(x) {
    if (!this.built) this.build(x.shape.slice(1));
  }

  /** compile({optimizer: 'adam' | train.adam(...), loss: name | {name, fromLogits}, metrics}) */
  compile(options) {
    const where = 'sequential.compile';
    checkOptionNames(where, options, ['optimizer', 'loss', 'metrics']);
    const optimizer = resolveOptimizer(where, options.optimizer ?? 'sgd');
    const loss = typeof options.loss === 'string' ? { name: options.loss, fromLogits: false } : options.loss;
    if (!loss || !LOSSES.includes(loss.name)) {
      throw new TypeError(`${where}: loss must be one of ${LOSSES.join(', ')} (or {name, fromLogits}), got ${show(options.loss)}`);
    }
    const metrics = options.metrics ?? [];
    for (const metric of metrics) {
      if (!METRICS.includes(metric)) throw new TypeError(`${where}: unknown metric '${metric}' (valid: ${METRICS.join(', ')})`);
    }
    this.#compiled = { optimizer, loss, metrics: [...metrics] };
    if (this.built) this.#compileCore();
  }

  #compileCore() {
    const { optimizer, loss, metrics } = this.#compiled;
    const coreMetrics = metrics.map((name) => (name === 'acc' ? 'accuracy' : name));
    throwIfError(this.handle.compile(optimizer, loss.name, loss.fromLogits ?? false, coreMetrics), 'sequential.compile');
    this.#compiled.inCore = true;
  }

  #ensureReady(x, where) {
    if (this.#compiled === null) throw new Error(`${where}: compile the model first`);
    this.#buildFor(x);
    if (!this.#compiled.inCore) this.#compileCore();
  }

  /** Runs fn(xPtr, xShapePtr, xRank, yPtr, yShapePtr, yRank, swPtr) with the batch in the heap. */
  #withBatch(x, y, sampleWeight, fn) {
    const m = engine();
    const sizes = [x.data.length * 4, x.shape.length * 4, y ? y.data.length * 4 : 0, y ? y.shape.length * 4 : 0,
      sampleWeight ? sampleWeight.length * 4 : 0];
    return withHeap(m, sizes, ([xp, xs, yp, ys, wp]) => {
      heapF32(m, xp, x.data.length).set(x.data);
      heapU32(m, xs, x.shape.length).set(x.shape);
      if (y) {
        heapF32(m, yp, y.data.length).set(y.data);
        heapU32(m, ys, y.shape.length).set(y.shape);
      }
      if (sampleWeight) heapF32(m, wp, sampleWeight.length).set(sampleWeight);
      return fn(xp, xs, x.shape.length, yp, ys, y ? y.shape.length : 0, sampleWeight ? wp : 0);
    });
  }

  #batchLogs() {
    const h = this.handle;
    const samples = h.lastSamples();
    const logs = { loss: h.lastLoss(), samples };
    this.#compiled.metrics.forEach((name, i) => { logs[name] = h.lastMetric(i); });
    return logs;
  }

  #trainBatch(x, y, sampleWeight) {
    return this.#withBatch(x, y, sampleWeight, (...ptrs) => {
      throwIfError(this.handle.trainOnBatch(...ptrs), 'sequential.fit');
      return this.#batchLogs();
    });
  }

  #testBatch(x, y, sampleWeight) {
    return this.#withBatch(x, y, sampleWeight, (...ptrs) => {
      throwIfError(this.handle.testOnBatch(...ptrs), 'sequential.evaluate');
      return this.#batchLogs();
    });
  }

  /** One optimizer step on one batch: {loss, ...metrics}. */
  trainOnBatch(x, y) {
    const xs = this.#inputs(x, 'sequential.trainOnBatch x');
    const ys = toFloats(y, 'sequential.trainOnBatch y', y?.shape);
    this.#ensureReady(xs, 'sequential.trainOnBatch');
    return batchLogsResult(this.#trainBatch(xs, ys, null), this.#compiled.metrics);
  }

  /** Loss and metrics over (x, y) in batches, without training: {loss, ...metrics}. */
  evaluate(x, y, options = {}) {
    const where = 'sequential.evaluate';
    checkOptionNames(where, options, ['batchSize', 'sampleWeight']);
    return this.#evaluateTensors(where, this.#inputs(x, `${where} x`), toFloats(y, `${where} y`, y?.shape), options);
  }

  #evaluateTensors(where, xs, ys, options) {
    this.#ensureReady(xs, where);
    checkSameLength(where, xs, ys);
    const batchSize = countOption(where, options, 'batchSize', 32, 1);
    const order = Uint32Array.from({ length: xs.shape[0] }, (_, i) => i);
    const totals = newTotals(this.#compiled.metrics);
    for (let start = 0; start < order.length; start += batchSize) {
      const end = Math.min(order.length, start + batchSize);
      const sw = options.sampleWeight ? Float32Array.from(options.sampleWeight).subarray(start, end) : null;
      addToTotals(totals, this.#testBatch(takeRows(xs, order, start, end), takeRows(ys, order, start, end), sw));
    }
    return finishLogs(totals, this.#compiled.metrics);
  }

  /** Outputs for x in batches: {data: Float32Array, shape: [N, ...outputShape]}. */
  predict(x, options = {}) {
    const where = 'sequential.predict';
    checkOptionNames(where, options, ['batchSize']);
    const batchSize = countOption(where, options, 'batchSize', 32, 1);
    const xs = this.#inputs(x, `${where} x`);
    this.#buildFor(xs);
    const n = xs.shape[0];
    const row = this.outputShape.reduce((a, b) => a * b, 1);
    const out = new Float32Array(n * row);
    const order = Uint32Array.from({ length: n }, (_, i) => i);
    const m = engine();
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      this.#withBatch(takeRows(xs, order, start, end), null, null, (xp, xs2, rank) => {
        throwIfError(this.handle.predict(xp, xs2, rank), where);
        out.set(heapF32(m, this.handle.outputPtr(), (end - start) * row), start * row);
      });
    }
    return { data: out, shape: [n, ...this.outputShape] };
  }

  /**
   * Keras fit. Returns {epoch: number[], history: {loss: [], <metric>: [], val_loss: [], ...}}.
   * callbacks: {onTrainBegin, onEpochBegin, onBatchEnd(batch, logs), onEpochEnd(epoch, logs),
   * onTrainEnd}; a callback may set model.stopTraining = true. Same seed, same build:
   * the same result, bit for bit.
   */
  async fit(x, y, options = {}) {
    const where = 'sequential.fit';
    const { epochs, batchSize, seed, shuffle, yieldEvery } = checkFitOptions(where, options);
    let xs = this.#inputs(x, `${where} x`);
    let ys = toFloats(y, `${where} y`, y?.shape);
    checkSameLength(where, xs, ys);
    this.#ensureReady(xs, where);
    const callbacks = options.callbacks ?? {};

    let validation = null;
    if (options.validationData) {
      const [vx, vy] = options.validationData;
      validation = [this.#inputs(vx, `${where} validationData[0]`), toFloats(vy, `${where} validationData[1]`, vy?.shape)];
    } else if (options.validationSplit) {
      const [xt, xv] = splitTail(xs, options.validationSplit);
      const [yt, yv] = splitTail(ys, options.validationSplit);
      xs = xt;
      ys = yt;
      validation = [xv, yv];
    }
    const weights = options.classWeight ? classWeights(ys, options.classWeight)
      : options.sampleWeight ? Float32Array.from(options.sampleWeight) : null;

    const random = seededRandom(seed);
    const history = { epoch: [], history: {} };
    const record = (key, value) => { (history.history[key] ??= []).push(value); };
    this.stopTraining = false;
    await callbacks.onTrainBegin?.();
    let lastYield = Date.now();
    for (let epoch = 0; epoch < epochs && !this.stopTraining; ++epoch) {
      await callbacks.onEpochBegin?.(epoch);
      const n = xs.shape[0];
      const order = !shuffle ? Uint32Array.from({ length: n }, (_, i) => i) : permutation(n, random);
      const totals = newTotals(this.#compiled.metrics);
      for (let start = 0, batch = 0; start < n && !this.stopTraining; start += batchSize, ++batch) {
        const end = Math.min(n, start + batchSize);
        const sw = weights ? takeRows({ data: weights, shape: [weights.length, 1] }, order, start, end).data : null;
        const logs = this.#trainBatch(takeRows(xs, order, start, end), takeRows(ys, order, start, end), sw);
        addToTotals(totals, logs);
        await callbacks.onBatchEnd?.(batch, batchLogsResult(logs, this.#compiled.metrics));
        if (Date.now() - lastYield >= yieldEvery) {
          await nextTick();
          lastYield = Date.now();
        }
      }
      const epochLogs = finishLogs(totals, this.#compiled.metrics);
      if (validation) {
        const val = this.#evaluateTensors('sequential.evaluate', validation[0], validation[1], { batchSize });
        for (const [key, value] of Object.entries(val)) epochLogs[`val_${key}`] = value;
      }
      history.epoch.push(epoch);
      for (const [key, value] of Object.entries(epochLogs)) record(key, value);
      await callbacks.onEpochEnd?.(epoch, epochLogs);
    }
    await callbacks.onTrainEnd?.();
    return history;
  }

  /** All weights, layer by layer, in TF.js order. */
  getWeights() {
    return this.#layers.flatMap((layer) => layer.getWeights());
  }

  setWeights(weights) {
    // The count first, so that a wrong list changes no layer.
    const total = this.#layers.reduce((sum, layer) => sum + layer.getWeights().length, 0);
    if (!Array.isArray(weights) || weights.length !== total) {
      throw new TypeError(`sequential.setWeights: expected a list of ${total} weights, got ${Array.isArray(weights) ? `${weights.length}` : kindOf(weights)}`);
    }
    let k = 0;
    for (const layer of this.#layers) {
      const count = layer.getWeights().length;
      layer.setWeights(weights.slice(k, k + count));
      k += count;
    }
    if (k !== weights.length) throw new TypeError(`sequential.setWeights: expected ${k} weights, got ${weights.length}`);
  }

  /**
   * The model as the bytes of an embedwasm model file, which loadModel(bytes) reads back;
   * with {format: 'tfjs'}, as TF.js artifacts {modelTopology, weightSpecs, weightData, ...}
   * for tf.loadLayersModel(tf.io.fromMemory(...)) or loadModel(artifacts).
   */
  save(options = {}) {
    checkOptionNames('model.save', options, ['format']);
    const format = options.format ?? 'embedwasm';
    if (format === 'tfjs') return toTfjsArtifacts(this);
    if (format !== 'embedwasm') throw new TypeError(`model.save: format must be 'embedwasm' or 'tfjs', got ${show(format)}`);
    return saveModel(this);
  }

  /** Learning rate the next step will use (after schedule and decay). */
  get learningRate() {
    return this.handle.learningRate();
  }

  get compileConfig() {
    return this.#compiled;
  }
}

// The preprocessing layer names itself; the model's call names the argument.
function withErrorWhere(what, fn) {
  try {
    return fn();
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) {
      throw new error.constructor(`${what}: ${error.message}`);
    }
    throw error;
  }
}

function checkSameLength(where, x, y) {
  if (x.shape[0] !== y.shape[0]) {
    throw new TypeError(`${where}: x has ${x.shape[0]} samples (shape ${shapeText(x.shape)}) but y has ${y.shape[0]} (shape ${shapeText(y.shape)})`);
  }
}

function newTotals(metrics) {
  return { loss: 0, samples: 0, ...Object.fromEntries(metrics.map((m) => [m, 0])) };
}

function addToTotals(totals, logs) {
  for (const key of Object.keys(totals)) {
    // Losses are batch means, metrics are counts of correct samples.
    totals[key] += key === 'loss' ? logs.loss * logs.samples : logs[key];
  }
}

// Totals (summed over batches by addToTotals) -> means per sample.
function finishLogs(totals, metrics) {
  const n = totals.samples || 1;
  const logs = { loss: totals.loss / n };
  for (const m of metrics) logs[m] = totals[m] / n;
  return logs;
}

// One batch's logs (its loss is already the batch mean) -> the same form as finishLogs.
function batchLogsResult(logs, metrics) {
  const totals = newTotals(metrics);
  addToTotals(totals, logs);
  return finishLogs(totals, metrics);
}

/** sequential([...layers]) or sequential({layers: [...]}) as in TF.js. */
export function sequential(config = []) {
  const layers = Array.isArray(config) ? config : config.layers ?? [];
  return new Sequential(layers);
}
