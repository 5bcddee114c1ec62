// TF.js's layers format both ways: model.json (modelTopology + weightsManifest) with
// binary weight shards, or in memory the artifacts {modelTopology, weightSpecs,
// weightData} that tf.io.withSaveHandler hands out and tf.io.fromMemory takes. Weights
// are named `<layer name>/<weight name>` (embeddings, kernel, bias) and stored
// little-endian float32 one after another, in the order of weightSpecs, as TF.js writes
// them. Layers are built through layers.*, so every option is checked as it would be
// there; weights go in through the layers' `weights` options before anything trains.
import { currentPlatform } from '../core/init.js';
import { isUrl, readResource } from '../core/resources.js';
import { embedding, Embedding } from '../layers/embedding.js';
import { EmbeddingBag } from '../layers/embedding_bag.js';
import { dense } from '../layers/dense.js';
import { ModelLayer } from '../layers/model_layer.js';
import { activation, dropout, flatten, globalAveragePooling1d, globalMaxPooling1d } from '../layers/simple_layers.js';
import { Sequential, sequential } from '../model/sequential.js';
import { isPreprocessingLayer } from '../text/index.js';
import { isPlainObject, prefixed, readF32, show, withErrorPrefix, writeF32 } from './bytes.js';
import {
  className, declaredInputShape, defaultLayerName, embeddingConfig, layerOptions, modelLayerConfig, sequentialLayers,
} from './tfjs_topology.js';

const FACTORIES = { embedding, dense, flatten, dropout, activation, globalAveragePooling1d, globalMaxPooling1d };
const WEIGHT_NAMES = { embedding: ['embeddings'], dense: ['kernel', 'bias'] };
const MAX_MODEL_JSON_BYTES = 64 * 2 ** 20;

// ---------------------------------------------------------------- load

/** A Sequential from TF.js artifacts {modelTopology, weightSpecs, weightData}. */
export function fromTfjsArtifacts(artifacts, where = 'loadModel') {
  return withErrorPrefix(where, () => {
    if (!isPlainObject(artifacts)) throw new TypeError(`${where}: expected TF.js artifacts {modelTopology, weightSpecs, weightData}`);
    const { modelTopology, weightSpecs = [], weightData } = artifacts;
    const { layers: entries } = sequentialLayers(where, modelTopology);
    const weights = readWeights(where, weightSpecs, weightData);
    return buildModel(where, entries, weights);
  });
}

/** name -> {data, shape} for every weight spec; lengths and values checked. */
function readWeights(where, specs, weightData) {
  if (!Array.isArray(specs)) throw new TypeError(`${where}: weightSpecs must be a list`);
  let bytes;
  if (weightData === undefined || weightData === null) bytes = new Uint8Array(0);
  else if (weightData instanceof ArrayBuffer) bytes = new Uint8Array(weightData);
  else if (ArrayBuffer.isView(weightData)) bytes = new Uint8Array(weightData.buffer, weightData.byteOffset, weightData.byteLength);
  else if (Array.isArray(weightData)) bytes = concat(weightData.map((b) => new Uint8Array(b)));
  else throw new TypeError(`${where}: weightData must be an ArrayBuffer, got ${show(typeof weightData)}`);
  const out = new Map();
  let offset = 0;
  specs.forEach((spec, i) => {
    const what = `weightSpecs[${i}] ${show(spec?.name)}`;
    if (!isPlainObject(spec) || typeof spec.name !== 'string') throw new TypeError(`${where}: weightSpecs[${i}] must be {name, shape, dtype}`);
    if (spec.quantization) throw new TypeError(`${where}: ${what} is quantized (${show(spec.quantization.dtype)}); only float32 weights load here`);
    if (spec.dtype !== 'float32') throw new TypeError(`${where}: ${what} has dtype ${show(spec.dtype)}; only float32 weights load here`);
    if (!Array.isArray(spec.shape) || !spec.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new TypeError(`${where}: ${what} shape must be a list of non-negative integers, got ${show(spec.shape)}`);
    }
    const n = spec.shape.reduce((a, b) => a * b, 1);
    if (offset + 4 * n > bytes.length) {
      throw new RangeError(`${where}: ${what} of shape [${spec.shape.join(', ')}] needs bytes ${offset}..${offset + 4 * n} but the weight data holds ${bytes.length}`);
    }
    const data = readF32(bytes, offset, n);
    const bad = data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new RangeError(`${where}: ${what} holds the non-finite value ${data[bad]} at element ${bad}`);
    if (out.has(spec.name)) throw new TypeError(`${where}: ${what} appears twice`);
    out.set(spec.name, { data, shape: [...spec.shape] });
    offset += 4 * n;
  });
  if (offset !== bytes.length) {
    throw new RangeError(`${where}: the weight data holds ${bytes.length} bytes but weightSpecs describe ${offset}`);
  }
  return out;
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// A converter may prefix weight names with the model's scope ("sequential/dense/kernel").
function findWeight(weights, layerName, weightName) {
  const exact = `${layerName}/${weightName}`;
  if (weights.has(exact)) return exact;
  const suffix = `/${exact}`;
  const matches = [...weights.keys()].filter((k) => k.endsWith(suffix));
  return matches.length === 1 ? matches[0] : null;
}

function buildModel(where, entries, weights) {
  const created = [];
  let model = null;
  const used = new Set();
  try {
    model = sequential([]);
    let inputShape = null;
    entries.forEach((entry, i) => {
      const what = `layers[${i}]`;
      inputShape ??= declaredInputShape(entry);
      const spec = layerOptions(`${where}: ${what}`, entry);
      if (spec === null) return;
      const names = WEIGHT_NAMES[spec.kind] ?? [];
      const layerName = entry.config.name;
      const ws = [];
      for (const weightName of names) {
        if (spec.kind === 'dense' && weightName === 'bias' && spec.options.useBias === false) continue;
        const key = typeof layerName === 'string' ? findWeight(weights, layerName, weightName) : null;
        if (key === null) throw new TypeError(`${where}: ${what} (${entry.className} ${show(layerName)}) has no weight '${layerName}/${weightName}' in the weight specs`);
        used.add(key);
        ws.push(weights.get(key));
      }
      const options = { ...spec.options };
      if (ws.length > 0) options.weights = ws;
      const layer = withErrorPrefix(`${where}: ${what} (${entry.className})`, () => {
        if (spec.kind === 'embedding') checkEmbeddingShape(ws[0], options);
        if (spec.kind === 'dense') checkDenseShapes(ws, options);
        return FACTORIES[spec.kind](options);
      });
      if (spec.kind === 'embedding') created.push(layer);
      model.add(layer);
    });
    const unused = [...weights.keys()].filter((k) => !used.has(k));
    if (unused.length > 0) throw new TypeError(`${where}: weights no layer reads: ${unused.slice(0, 5).join(', ')}`);
    if (inputShape !== null) model.build(inputShape);
    return model;
  } catch (error) {
    for (const layer of created) layer.dispose();
    model?.dispose();
    throw prefixed(where, error);
  }
}

function checkEmbeddingShape(w, options) {
  if (!(w.shape.length === 2 && w.shape[0] === options.inputDim && w.shape[1] === options.outputDim)) {
    throw new TypeError(`embeddings must have shape [input_dim ${options.inputDim}, output_dim ${options.outputDim}], got [${w.shape.join(', ')}]`);
  }
}

function checkDenseShapes([kernel, bias], options) {
  if (!(kernel.shape.length === 2 && kernel.shape[1] === options.units)) {
    throw new TypeError(`the kernel must have shape [in, units = ${options.units}], got [${kernel.shape.join(', ')}]`);
  }
  if (bias && !(bias.shape.length === 1 && bias.shape[0] === options.units)) {
    throw new TypeError(`the bias must have shape [units = ${options.units}], got [${bias.shape.join(', ')}]`);
  }
}

/** Whether a loadModel argument is TF.js artifacts rather than our file's bytes. */
export function isTfjsArtifacts(input) {
  return isPlainObject(input) && !ArrayBuffer.isView(input) && 'modelTopology' in input;
}

/**
 * A model.json by URL or path, with its weight shards fetched from beside it (the paths
 * of weightsManifest, relative to the model.json). In Node a plain path or file: URL is
 * read from disk; anything else goes through fetch.
 */
export async function loadTfjsModel(url, where = 'loadModel') {
  const readText = async (u) => new TextDecoder().decode(await readResource(where, u, 'model.json'));
  let json;
  const text = await readText(url);
  if (text.length > MAX_MODEL_JSON_BYTES) throw new RangeError(`${where}: ${url} is over ${MAX_MODEL_JSON_BYTES} bytes: not a model.json`);
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TypeError(`${where}: ${url} is not JSON: ${error.message}`);
  }
  if (!isPlainObject(json) || !('modelTopology' in json)) throw new TypeError(`${where}: ${url} has no modelTopology: not a TF.js layers model.json`);
  const manifest = json.weightsManifest ?? [];
  if (!Array.isArray(manifest)) throw new TypeError(`${where}: weightsManifest must be a list`);
  const weightSpecs = [];
  const shards = [];
  for (const [g, group] of manifest.entries()) {
    if (!isPlainObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new TypeError(`${where}: weightsManifest[${g}] must be {paths, weights}`);
    }
    for (const path of group.paths) {
      if (typeof path !== 'string') throw new TypeError(`${where}: weightsManifest[${g}].paths holds ${show(path)}, not a path`);
      shards.push(await readResource(where, resolveBeside(url, path), `weight shard ${show(path)}`));
    }
    weightSpecs.push(...group.weights);
  }
  return fromTfjsArtifacts({ modelTopology: json.modelTopology, weightSpecs, weightData: concat(shards) }, where);
}

function resolveBeside(modelUrl, path) {
  if (isUrl(modelUrl)) {
    try {
      return new URL(path, modelUrl).href;
    } catch {
      // a blob: or data: URL has no folder to resolve against: split it as a path
    }
  }
  const slash = Math.max(modelUrl.lastIndexOf('/'), modelUrl.lastIndexOf('\\'));
  return slash < 0 ? path : modelUrl.slice(0, slash + 1) + path;
}

// Local files exist only where the platform can read them (Node: platform/node_files.js).
const localFiles = () => currentPlatform().readLocalFile !== undefined;

// ---------------------------------------------------------------- save

/**
 * The model as TF.js artifacts {modelTopology, weightSpecs, weightData, format,
 * generatedBy, convertedBy}, which tf.loadLayersModel(tf.io.fromMemory(...)) loads.
 */
export function toTfjsArtifacts(model, where = 'model.save') {
  return withErrorPrefix(where, () => {
    if (!(model instanceof Sequential)) throw new TypeError(`${where}: expected a model from sequential()`);
    if (model.isDisposed) throw new Error(`${where}: the model was disposed`);
    if (!model.built) throw new TypeError(`${where}: the model is not built; TF.js needs its input shape (call build() or predict() first)`);
    const layerConfigs = [];
    const weightSpecs = [];
    const arrays = [];
    const names = new Set();
    model.layers.forEach((layer, i) => {
      const { kind, name, config, weights } = describeLayer(layer, i);
      if (names.has(name)) throw new TypeError(`${where}: two layers are named ${show(name)}; TF.js needs distinct names`);
      names.add(name);
      if (i === 0) {
        config.batch_input_shape = [null, ...model.inputShape];
        config.dtype = 'float32';
      }
      layerConfigs.push({ class_name: className(kind), config });
      (WEIGHT_NAMES[kind] ?? []).slice(0, weights.length).forEach((weightName, k) => {
        weightSpecs.push({ name: `${name}/${weightName}`, shape: [...weights[k].shape], dtype: 'float32' });
        arrays.push(weights[k].data);
      });
    });
    const weightData = new Uint8Array(arrays.reduce((n, a) => n + 4 * a.length, 0));
    let at = 0;
    for (const a of arrays) {
      writeF32(weightData, at, a);
      at += 4 * a.length;
    }
    return {
      modelTopology: {
        class_name: 'Sequential',
        config: { name: 'sequential', layers: layerConfigs },
        keras_version: 'embedwasm',
        backend: 'tensor_flow.js',
      },
      weightSpecs,
      weightData: weightData.buffer,
      format: 'layers-model',
      generatedBy: 'embedwasm',
      convertedBy: null,
    };
  });
}

function describeLayer(layer, i) {
  if (isPreprocessingLayer(layer)) {
    throw new TypeError(`layers[${i}] (${layer.kind}): TF.js has no ${layer.kind} layer; save the model after it (its vocabulary is in getVocabulary())`);
  }
  if (layer instanceof EmbeddingBag) throw new TypeError(`layers[${i}] (embeddingBag): TF.js has no EmbeddingBag layer`);
  if (layer instanceof Embedding) {
    const c = layer.config;
    // PyTorch's max_norm renormalises rows as they are looked up: TF.js would predict otherwise.
    if (c.hasMaxNorm) throw new TypeError(`layers[${i}] (embedding): maxNorm has no TF.js counterpart`);
    const name = c.name ?? defaultLayerName('embedding', i);
    const inputLength = c.inputLength > 0 ? c.inputLength : null;
    return { kind: 'embedding', name, config: embeddingConfig(name, c, layer.regularizer, layer.constraint, inputLength), weights: layer.getWeights() };
  }
  if (layer instanceof ModelLayer) {
    const name = /^\w+ '(.*)'$/s.exec(layer.where)?.[1] ?? defaultLayerName(layer.kind, i);
    return { kind: layer.kind, name, config: modelLayerConfig(name, layer.record), weights: layer.getWeights() };
  }
  throw new TypeError(`layers[${i}]: cannot save a layer of type ${layer?.constructor?.name ?? typeof layer} to TF.js`);
}

/**
 * The two files of a TF.js layers model: model.json (with its weightsManifest) and one
 * shard, 'group1-shard1of1.bin', as tensorflowjs_converter names a single shard.
 */
export function tfjsModelFiles(model) {
  const artifacts = toTfjsArtifacts(model, 'tfjsModelFiles');
  const shard = 'group1-shard1of1.bin';
  const json = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: [shard], weights: artifacts.weightSpecs }],
  };
  return { 'model.json': JSON.stringify(json), [shard]: new Uint8Array(artifacts.weightData) };
}

/** Node: writes model.json and its shard into `directory` (created if missing). */
export async function writeTfjsModel(model, directory) {
  const where = 'writeTfjsModel';
  if (!localFiles()) throw new Error(`${where}: writes files under Node only; use tfjsModelFiles(model) in a browser`);
  if (typeof directory !== 'string') throw new TypeError(`${where}: directory must be a path, got ${show(directory)}`);
  return currentPlatform().writeLocalFiles(directory, tfjsModelFiles(model));
}
