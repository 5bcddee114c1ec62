// model.save() / loadModel(bytes): a Sequential model as one self-describing file.
//
//   bytes 0..8    "EMBWASM\0"
//   bytes 8..12   uint32 LE format version (1)
//   bytes 12..16  uint32 LE header length H
//   bytes 16..    H bytes of UTF-8 JSON: layers (kind, option record, weights as
//                 {name, shape, dtype, offset, byteLength}), inputShape, compile config;
//                 a preprocessing layer (textVectorization, stringLookup,
//                 integerLookup, hashing) has no weights but a state: its vocabulary
//                 with the special tokens, its float32 idf weights as JSON numbers (each
//                 prints exactly and parses back to the same float32), and
//                 {hasInputVocabulary, frozenSize} (see text/lookup_state.js)
//   then, from the next multiple of 16, the data section: every weight as
//   little-endian float32 at a 16-byte-aligned offset, so a reader can map it directly.
//
// Loading goes through the public API (layers.*, sequential, train.*), so a file can only
// make models a user could make, and every option is checked as it would be there. The
// layer kinds, their weights' names and their records' fields are the core's layer
// registry's (cpp/include/embedwasm/layers/layer_registry.h); the optimizer record is the
// optimizer schema's.
// Optimizer state (Adam moments, step count) is not saved: a loaded model predicts
// exactly as the saved one; training it again starts a fresh optimizer.
import { OPTIONS } from '../core/option_schema.js';
import { dense } from '../layers/dense.js';
import { embedding } from '../layers/embedding.js';
import { embeddingBag } from '../layers/embedding_bag.js';
import { LAYER_KINDS, layerKind, layerOptionsFrom } from '../layers/layer_record.js';
import { ModelLayer } from '../layers/model_layer.js';
import { constraintOption } from '../layers/regularization.js';
import { activation, dropout, flatten, globalAveragePooling1d, globalMaxPooling1d } from '../layers/simple_layers.js';
import { TableLayer } from '../layers/table_layer.js';
import { Sequential, sequential } from '../model/sequential.js';
import { FACTORIES } from '../optim/optimizers.js';
import { hashing, integerLookup, isPreprocessingLayer, stringLookup, textVectorization } from '../text/index.js';
import { fromTfjsArtifacts, isTfjsArtifacts, loadTfjsModel } from './tfjs_layers_model.js';
import {
  asBytes, elementCount, isPlainObject, parseJson, prefixed, readF32, show, withErrorPrefix, writeF32,
} from './bytes.js';

export const MODEL_FORMAT_VERSION = 1;
const MAGIC = [0x45, 0x4d, 0x42, 0x57, 0x41, 0x53, 0x4d, 0x00];  // "EMBWASM\0"
const PREAMBLE = 16;
const ALIGN = 16;
const FORMAT = 'embedwasm-model';
const MAX_DEPTH = 8;  // the deepest field, a weight's shape, is 5 levels down

const TABLE_KINDS = LAYER_KINDS.filter((kind) => layerKind(kind).table);
const MODEL_KINDS = LAYER_KINDS.filter((kind) => !layerKind(kind).table);
// The public factory of each kind, by the registry's name.
const FACTORY = { embedding, embeddingBag, dense, dropout, activation, flatten, globalAveragePooling1d, globalMaxPooling1d };
const SCHEDULE_KEYS = OPTIONS.schemas.optimizer.fields.find((f) => f.option === 'schedule').fields
  .filter((f) => f.name !== 'name').map((f) => f.key);
// A saved optimizer record names its algorithm by its record name; the train.* factory
// of the algorithm of that name rebuilds it (momentum's record is an sgd record).
const OPTIMIZERS = Object.fromEntries(Object.entries(OPTIONS.optimizers)
  .filter(([, a]) => a.name === a.recordName).map(([factory, a]) => [a.recordName, FACTORIES[factory]]));
const PREPROCESSING = { textVectorization, stringLookup, integerLookup, hashing };
const PREPROCESSING_KINDS = Object.keys(PREPROCESSING);

const align = (n) => Math.ceil(n / ALIGN) * ALIGN;

// ---------------------------------------------------------------------------- save

/** The model as the bytes of a version-1 model file (Uint8Array). */
export function saveModel(model) {
  const where = 'saveModel';
  return withErrorPrefix(where, () => {
    if (!(model instanceof Sequential)) throw new TypeError(`${where}: expected a model from sequential(), got ${model === null ? 'null' : typeof model}`);
    if (model.isDisposed) throw new Error(`${where}: the model was disposed`);
    const arrays = [];
    let offset = 0;
    const weightEntry = (name, w) => {
      const entry = { name, shape: [...w.shape], dtype: 'float32', offset, byteLength: 4 * w.data.length };
      arrays.push([offset, w.data]);
      offset = align(offset + entry.byteLength);
      return entry;
    };
    const layerEntries = model.layers.map((layer, i) => {
      const entry = layerEntry(layer, model.built);
      entry.weights = entry.weights.map((w, k) => weightEntry(layerKind(entry.kind).weights[k], w));
      checkStorable(where, `layers[${i}] (${entry.kind})`, entry);
      return entry;
    });
    const header = {
      format: FORMAT,
      layers: layerEntries,
      inputShape: model.built ? [...model.inputShape] : null,
      compile: compileEntry(model.compileConfig),
      dataByteLength: offset,
    };
    checkStorable(where, 'the compile config', header.compile);
    // compile() takes any {name, learningRate, ...}; only what train.* makes loads back.
    if (header.compile) rebuildOptimizer(where, header.compile.optimizer);
    const json = new TextEncoder().encode(JSON.stringify(header));
    const dataStart = align(PREAMBLE + json.length);
    const out = new Uint8Array(dataStart + offset);
    out.set(MAGIC);
    const view = new DataView(out.buffer);
    view.setUint32(8, MODEL_FORMAT_VERSION, true);
    view.setUint32(12, json.length, true);
    out.set(json, PREAMBLE);
    for (const [at, data] of arrays) writeF32(out, dataStart + at, data);
    return out;
  });
}

function layerEntry(layer, built) {
  if (isPreprocessingLayer(layer)) {
    const { kind } = layer;
    if (layer.hasFunctions) {
      throw new TypeError(`cannot save ${layer.where}: its standardize or split is a JS function, which a file cannot hold (rebuild the layer with the function and restore its vocabulary with setVocabulary)`);
    }
    const entry = { kind, config: { ...layer.config }, state: layer.state(), weights: [] };
    if (layer.name !== null) entry.name = layer.name;
    return entry;
  }
  if (layer instanceof TableLayer) {
    return {
      kind: layer.kind,
      config: { ...layer.config },
      regularizer: { ...layer.regularizer },
      constraint: { ...layer.constraint },
      weights: layer.getWeights(),
    };
  }
  if (layer instanceof ModelLayer && MODEL_KINDS.includes(layer.kind)) {
    const entry = { kind: layer.kind, config: { ...layer.record }, weights: [] };
    // The record has no name; the layer keeps it only in its message prefix.
    const name = /^\w+ '(.*)'$/s.exec(layer.where)?.[1];
    if (name !== undefined) entry.name = name;
    if (layer.inputShape !== undefined) entry.inputShape = layer.inputShape;
    if (built) {
      entry.weights = layer.getWeights();
    } else if (layer.initialWeights) {
      const units = layer.record.units;
      entry.weights = layer.initialWeights.map((data, k) => ({ data, shape: k === 0 ? [data.length / units, units] : [units] }));
    }
    return entry;
  }
  throw new TypeError(`cannot save a layer of type ${layer?.constructor?.name ?? typeof layer}`);
}

function compileEntry(config) {
  if (!config) return null;
  const { optimizer, loss, metrics } = config;
  return {
    optimizer: { ...optimizer },
    loss: { name: loss.name, fromLogits: loss.fromLogits ?? false },
    metrics: [...metrics],
  };
}

// JSON would turn Infinity (e.g. normType) into null and load something else.
function checkStorable(where, what, value) {
  const stack = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop();
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new RangeError(`${where}: ${what} has the non-finite value ${v} at ${path}, which the file format cannot store`);
    }
    if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      for (const key of Object.keys(v)) stack.push([v[key], `${path}.${key}`]);
    }
  }
}

// ---------------------------------------------------------------------------- load

/**
 * A Sequential model from the bytes of a model file: built if it was built when saved,
 * compiled if it was compiled. Its table layers (embedding, embeddingBag) are
 * Disposables like any others: dispose them and the model when done.
 */
export function loadModel(input) {
  const where = 'loadModel';
  // TF.js's layers format: a model.json by URL or path (a Promise, as it reads files),
  // or its artifacts in memory.
  if (typeof input === 'string' || input instanceof URL) return loadTfjsModel(String(input), where);
  if (isTfjsArtifacts(input)) return fromTfjsArtifacts(input, where);
  return withErrorPrefix(where, () => {
    const bytes = asBytes(where, input);
    const { header, dataStart } = readHeader(where, bytes);
    return buildModel(where, header, bytes, dataStart);
  });
}

function readHeader(where, bytes) {
  if (bytes.length < PREAMBLE) {
    throw new RangeError(`${where}: truncated: ${bytes.length} bytes, shorter than the ${PREAMBLE}-byte preamble of a model file`);
  }
  for (let i = 0; i < MAGIC.length; ++i) {
    if (bytes[i] !== MAGIC[i]) throw new TypeError(`${where}: not an embedwasm model file: bad magic bytes at byte ${i} (expected "EMBWASM\\0")`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version > MODEL_FORMAT_VERSION) {
    throw new Error(`${where}: this model file was written by format version ${version}; this embedwasm reads up to version ${MODEL_FORMAT_VERSION}: upgrade embedwasm`);
  }
  if (version < 1) throw new RangeError(`${where}: format version 0 at byte 8 does not exist (versions start at 1)`);
  const length = view.getUint32(12, true);
  const end = PREAMBLE + length;
  if (end > bytes.length) {
    throw new RangeError(`${where}: truncated header: ${length} bytes from byte ${PREAMBLE} run past the end of the file (${bytes.length} bytes)`);
  }
  const header = parseJson(where, bytes, PREAMBLE, end, 'header', MAX_DEPTH);
  const dataStart = align(end);
  checkHeader(where, header, bytes.length, dataStart);
  return { header, dataStart };
}

function checkKeys(where, what, object, required, optional = []) {
  if (!isPlainObject(object)) throw new TypeError(`${where}: ${what} must be an object`);
  for (const key of required) {
    if (!Object.hasOwn(object, key)) throw new TypeError(`${where}: ${what} lacks '${key}'`);
  }
  for (const key of Object.keys(object)) {
    if (!required.includes(key) && !optional.includes(key)) throw new TypeError(`${where}: ${what} has an unknown field '${key}'`);
  }
}

/** Everything about sizes and offsets, before anything is allocated. */
function checkHeader(where, header, fileLength, dataStart) {
  checkKeys(where, 'the header', header, ['format', 'layers', 'inputShape', 'compile', 'dataByteLength']);
  if (header.format !== FORMAT) throw new TypeError(`${where}: the header's format is ${show(header.format)}, not "${FORMAT}"`);
  const dataLength = header.dataByteLength;
  if (!Number.isSafeInteger(dataLength) || dataLength < 0) {
    throw new RangeError(`${where}: dataByteLength must be a non-negative integer, got ${show(dataLength)}`);
  }
  if (dataStart + dataLength !== fileLength) {
    const problem = dataStart + dataLength > fileLength ? 'truncated data' : 'unexpected bytes after the data';
    throw new RangeError(`${where}: ${problem}: the data section starts at byte ${dataStart} and holds ${dataLength} bytes, but the file has ${fileLength} bytes`);
  }
  const shape = header.inputShape;
  if (shape !== null && !(Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= 0 && d < 2 ** 32))) {
    throw new TypeError(`${where}: inputShape must be null or a list of non-negative 32-bit integers, got ${show(shape)}`);
  }
  if (!Array.isArray(header.layers)) throw new TypeError(`${where}: layers must be a list`);
  const spans = [];
  header.layers.forEach((layer, i) => {
    const what = `layers[${i}]`;
    if (!isPlainObject(layer)) throw new TypeError(`${where}: ${what} must be an object`);
    const { kind } = layer;
    if (TABLE_KINDS.includes(kind)) {
      checkKeys(where, `${what} (${kind})`, layer, ['kind', 'config', 'regularizer', 'constraint', 'weights']);
    } else if (PREPROCESSING_KINDS.includes(kind)) {
      checkKeys(where, `${what} (${kind})`, layer, ['kind', 'config', 'state', 'weights'], ['name']);
      if (i !== 0) throw new TypeError(`${where}: ${what} (${kind}) must be the first layer`);
      checkPreprocessingState(where, `${what} (${kind}) state`, kind, layer.state);
    } else if (MODEL_KINDS.includes(kind)) {
      checkKeys(where, `${what} (${kind})`, layer, ['kind', 'config', 'weights'], ['name', 'inputShape']);
    } else {
      throw new TypeError(`${where}: ${what} has unknown layer kind ${show(kind)} (valid: ${[...TABLE_KINDS, ...MODEL_KINDS, ...PREPROCESSING_KINDS].join(', ')})`);
    }
    if (!isPlainObject(layer.config)) throw new TypeError(`${where}: ${what} (${kind}) config must be an object`);
    if (!Array.isArray(layer.weights)) throw new TypeError(`${where}: ${what} (${kind}) weights must be a list`);
    const names = layerKind(kind)?.weights ?? [];
    // Every weight a built layer has must be in the file, so that no layer is ever
    // initialised at a size the file does not pay for in bytes.
    const counts = kind === 'dense' ? [layer.config.useBias === false ? 1 : 2] : [names.length];
    if (kind === 'dense' && header.inputShape === null) counts.push(0);
    if (!counts.includes(layer.weights.length)) {
      throw new TypeError(`${where}: ${what} (${kind}) has ${layer.weights.length} weights, expected ${counts.join(' or ')}`);
    }
    layer.weights.forEach((w, k) => {
      const wwhat = `${what} (${kind}) weights[${k}]`;
      checkKeys(where, wwhat, w, ['name', 'shape', 'dtype', 'offset', 'byteLength']);
      if (w.name !== names[k]) throw new TypeError(`${where}: ${wwhat} must be named '${names[k]}', got ${show(w.name)}`);
      if (w.dtype !== 'float32') throw new TypeError(`${where}: ${wwhat} has dtype ${show(w.dtype)}; version 1 stores 'float32'`);
      const count = elementCount(where, w.shape, `${wwhat} shape`);
      const { offset, byteLength } = w;
      if (!Number.isSafeInteger(offset) || offset < 0 || offset % ALIGN !== 0) {
        throw new RangeError(`${where}: ${wwhat} offset must be a non-negative multiple of ${ALIGN}, got ${show(offset)}`);
      }
      if (byteLength !== 4 * count) {
        throw new RangeError(`${where}: ${wwhat} of shape [${w.shape.join(', ')}] needs ${4 * count} bytes of float32, but byteLength is ${show(byteLength)}`);
      }
      if (offset + byteLength > dataLength) {
        throw new RangeError(`${where}: ${wwhat} bytes [${offset}, ${offset + byteLength}) (file bytes ${dataStart + offset}..${dataStart + offset + byteLength}) are out of bounds of the ${dataLength}-byte data section`);
      }
      spans.push([offset, offset + byteLength, wwhat]);
    });
  });
  spans.sort((a, b) => a[0] - b[0]);
  for (let k = 1; k < spans.length; ++k) {
    if (spans[k][0] < spans[k - 1][1]) throw new RangeError(`${where}: ${spans[k][2]} overlaps ${spans[k - 1][2]} in the data section (at byte ${dataStart + spans[k][0]})`);
  }
  if (header.compile !== null) {
    checkKeys(where, 'compile', header.compile, ['optimizer', 'loss', 'metrics']);
    checkKeys(where, 'compile.loss', header.compile.loss, ['name', 'fromLogits']);
    if (typeof header.compile.loss.fromLogits !== 'boolean') throw new TypeError(`${where}: compile.loss.fromLogits must be true or false`);
    if (!isPlainObject(header.compile.optimizer)) throw new TypeError(`${where}: compile.optimizer must be an object`);
    if (!Array.isArray(header.compile.metrics)) throw new TypeError(`${where}: compile.metrics must be a list`);
  }
}

function checkPreprocessingState(where, what, kind, state) {
  if (kind === 'hashing') {
    checkKeys(where, what, state, []);
    return;
  }
  checkKeys(where, what, state, ['vocabulary', 'idfWeights', 'hasInputVocabulary', 'frozenSize']);
  const isToken = kind === 'integerLookup'
    ? (v) => Number.isSafeInteger(v) || (typeof v === 'string' && /^-?\d{1,19}$/.test(v))
    : (v) => typeof v === 'string';
  if (!Array.isArray(state.vocabulary) || !state.vocabulary.every(isToken)) {
    throw new TypeError(`${where}: ${what}.vocabulary must be a list of ${kind === 'integerLookup' ? 'integers' : 'strings'}`);
  }
  if (!Array.isArray(state.idfWeights) || !state.idfWeights.every((w) => typeof w === 'number' && Number.isFinite(w))) {
    throw new TypeError(`${where}: ${what}.idfWeights must be a list of finite numbers`);
  }
  if (typeof state.hasInputVocabulary !== 'boolean') throw new TypeError(`${where}: ${what}.hasInputVocabulary must be true or false`);
  if (state.frozenSize !== null && !(Number.isSafeInteger(state.frozenSize) && state.frozenSize >= 0)) {
    throw new TypeError(`${where}: ${what}.frozenSize must be null or a non-negative integer, got ${show(state.frozenSize)}`);
  }
}

function buildModel(where, header, bytes, dataStart) {
  const created = [];
  let model = null;
  try {
    model = sequential([]);
    header.layers.forEach((entry, i) => {
      const weights = entry.weights.map((w) => ({ data: readF32(bytes, dataStart + w.offset, w.shape.reduce((a, b) => a * b, 1)), shape: w.shape }));
      const layer = withErrorPrefix(`${where}: layers[${i}] (${entry.kind})`, () => makeLayer(entry, weights, created));
      model.add(layer);
    });
    if (header.inputShape !== null) model.build(header.inputShape);
    if (header.compile !== null) {
      const { optimizer, loss, metrics } = header.compile;
      model.compile({ optimizer: rebuildOptimizer(where, optimizer), loss: { ...loss }, metrics: [...metrics] });
    }
    return model;
  } catch (error) {
    for (const layer of created) layer.dispose();
    model?.dispose();
    throw prefixed(where, error);
  }
}

/** The layer through layers.*; its option record must come out as the saved one. */
function makeLayer(entry, weights, created) {
  const c = entry.config;
  let layer;
  if (PREPROCESSING_KINDS.includes(entry.kind)) {
    const options = { ...c };
    if (entry.name !== undefined) options.name = entry.name;
    if (entry.kind === 'textVectorization') {
      for (const key of ['standardize', 'split']) {
        if (c[key] === 'function') throw new TypeError(`${key} is 'function': a layer with a JS function cannot be loaded from a file`);
      }
    }
    layer = PREPROCESSING[entry.kind](options);
    created.push(layer);
    expectSame('option record', layer.config, c);
    layer.restoreState(entry.state);
    return layer;
  }
  const options = layerOptionsFrom(entry.kind, c);
  if (TABLE_KINDS.includes(entry.kind)) {
    Object.assign(options, { weights, embeddingsRegularizer: entry.regularizer });
    const constraint = constraintOption(entry.constraint);
    if (constraint !== undefined) options.embeddingsConstraint = constraint;
    if (c.name !== undefined) options.name = c.name;
    layer = FACTORY[entry.kind](options);
    created.push(layer);
    expectSame('option record', layer.config, c);
    expectSame('regularizer', layer.regularizer, entry.regularizer);
    expectSame('constraint', layer.constraint, entry.constraint);
    return layer;
  }
  if (entry.name !== undefined) options.name = entry.name;
  if (entry.inputShape !== undefined) options.inputShape = entry.inputShape;
  if (entry.kind === 'dense') {
    // Through the options, not setWeights: the core checks them against the input size
    // at build, before it allocates anything. It sees flat arrays, so check the shapes here.
    const [kernel, bias] = weights;
    if (kernel && !(kernel.shape.length === 2 && kernel.shape[1] === c.units)) {
      throw new TypeError(`the kernel must have shape [in, units = ${c.units}], got [${kernel.shape.join(', ')}]`);
    }
    if (bias && !(bias.shape.length === 1 && bias.shape[0] === c.units)) {
      throw new TypeError(`the bias must have shape [units = ${c.units}], got [${bias.shape.join(', ')}]`);
    }
    if (weights.length > 0) options.weights = weights;
  }
  layer = FACTORY[entry.kind](options);
  expectSame('option record', layer.record, c);
  return layer;
}

/** The optimizer through train.*, from the fields where the record differs from its defaults. */
function rebuildOptimizer(where, saved) {
  const factory = Object.hasOwn(OPTIMIZERS, saved.name) ? OPTIMIZERS[saved.name] : null;
  if (!factory) throw new TypeError(`${where}: compile.optimizer has unknown name ${show(saved.name)} (valid: ${Object.keys(OPTIMIZERS).join(', ')})`);
  const defaults = factory();
  // Named with its place in the file; train.* would name it as an option.
  for (const [key, value] of Object.entries(saved)) {
    if (Object.hasOwn(defaults, key) && typeof value !== typeof defaults[key]) {
      throw new TypeError(`${where}: compile.optimizer.${key} must be a ${typeof defaults[key]}, got ${show(value)}`);
    }
  }
  const options = {};
  const schedule = saved.schedule === undefined ? {} : { name: saved.schedule };
  for (const [key, value] of Object.entries(saved)) {
    if (key === 'name' || key === 'schedule' || value === defaults[key]) continue;
    if (SCHEDULE_KEYS.includes(key)) schedule[key] = value;
    else options[key] = value;
  }
  if (saved.schedule !== undefined && (saved.schedule !== defaults.schedule || Object.keys(schedule).length > 1)) {
    options.schedule = schedule;
  }
  const optimizer = withErrorPrefix(`${where}: compile.optimizer`, () => {
    const rebuilt = factory(options);
    expectSame('optimizer record', rebuilt, saved);
    return rebuilt;
  });
  return optimizer;
}

function expectSame(what, rebuilt, saved) {
  if (canonical(rebuilt) === canonical(saved)) return;
  // Name the innermost field that differs, e.g. kernelConstraint.maxValue.
  let path = '';
  let [a, b] = [saved, rebuilt];
  while (isPlainObject(a) && isPlainObject(b)) {
    const key = [...new Set([...Object.keys(a), ...Object.keys(b)])].find((k) => canonical(a[k]) !== canonical(b[k]));
    path += path ? `.${key}` : key;
    [a, b] = [a[key], b[key]];
  }
  const value = (v) => (v === undefined ? 'missing' : show(v));
  throw new TypeError(`the ${what} is not one the API makes: its field '${path}' is ${value(a)}, the API makes ${value(b)} from the same options`);
}

function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).filter((k) => v[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return v === undefined ? 'undefined' : JSON.stringify(v);
}
