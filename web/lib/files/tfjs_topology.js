// The layer configs of TF.js's layers format (model.json's modelTopology) to this
// library's layer options and back. Three writers are read: TF.js's model.save()
// ({class_name: 'Sequential', config: {layers}}), tensorflowjs_converter on a Keras 2
// model ({keras_version, backend, model_config: {class_name, config}}, layers nested as
// {class_name, config}), and on a Keras 3 model (each layer also has module,
// registered_name and build_config; dtype is a DTypePolicy object; InputLayer has
// batch_shape). Keys are snake_case in all three.
import { OPTIONS, defaultOptions } from '../core/option_schema.js';
import { show } from '../core/options.js';
import { isPlainObject } from './bytes.js';

const INITIALIZERS = {
  RandomUniform: 'randomUniform', RandomNormal: 'randomNormal', TruncatedNormal: 'truncatedNormal',
  GlorotUniform: 'glorotUniform', GlorotNormal: 'glorotNormal', HeUniform: 'heUniform', HeNormal: 'heNormal',
  LecunUniform: 'lecunUniform', LecunNormal: 'lecunNormal', Zeros: 'zeros', Ones: 'ones', Constant: 'constant',
  Orthogonal: 'orthogonal',
};
const INITIALIZER_CLASSES = Object.fromEntries(Object.entries(INITIALIZERS).map(([k, v]) => [v, k]));
// Keras's lower-case aliases, as a config may name an initializer by string.
const INITIALIZER_ALIASES = {
  random_uniform: 'randomUniform', uniform: 'randomUniform', random_normal: 'randomNormal', normal: 'randomNormal',
  truncated_normal: 'truncatedNormal', glorot_uniform: 'glorotUniform', glorot_normal: 'glorotNormal',
  he_uniform: 'heUniform', he_normal: 'heNormal', lecun_uniform: 'lecunUniform', lecun_normal: 'lecunNormal',
  zeros: 'zeros', ones: 'ones', constant: 'constant', orthogonal: 'orthogonal',
};
const CONSTRAINTS = { MaxNorm: 'maxNorm', UnitNorm: 'unitNorm', NonNeg: 'nonNeg', MinMaxNorm: 'minMaxNorm' };
const ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh', 'softmax'];

/** The layer classes this library reads and writes, by their Keras / TF.js class name. */
export const TFJS_LAYER_CLASSES = ['InputLayer', 'Embedding', 'Dense', 'Flatten', 'Dropout',
  'GlobalAveragePooling1D', 'GlobalMaxPooling1D', 'Activation'];

/**
 * modelTopology -> {name, layers: [{className, config}]} for a Sequential model, in any
 * of the three writers' shapes.
 */
export function sequentialLayers(where, topology) {
  if (!isPlainObject(topology)) throw new TypeError(`${where}: modelTopology must be an object, got ${show(topology)}`);
  const model = isPlainObject(topology.model_config) ? topology.model_config : topology;
  if (model.class_name !== 'Sequential') {
    throw new TypeError(`${where}: only Sequential models load here; the model is a ${show(model.class_name)}`);
  }
  // Keras before 2.2.3 wrote a Sequential's config as the list of its layers.
  const config = model.config;
  const list = Array.isArray(config) ? config : config?.layers;
  if (!Array.isArray(list)) throw new TypeError(`${where}: the Sequential config has no list of layers`);
  return {
    name: Array.isArray(config) ? null : config.name ?? null,
    layers: list.map((layer, i) => {
      if (!isPlainObject(layer) || typeof layer.class_name !== 'string' || !isPlainObject(layer.config)) {
        throw new TypeError(`${where}: layers[${i}] must be {class_name, config}`);
      }
      return { className: layer.class_name, config: layer.config, buildConfig: layer.build_config ?? null };
    }),
  };
}

/** The per-sample input shape a layer declares (batch_input_shape, batch_shape, build_config), or null. */
export function declaredInputShape(layer) {
  const c = layer.config;
  const batch = c.batch_input_shape ?? c.batch_shape ?? layer.buildConfig?.input_shape ?? null;
  if (!Array.isArray(batch) || batch.length < 2) return null;
  const sample = batch.slice(1);
  return sample.every((d) => Number.isInteger(d) && d > 0) ? sample : null;
}

function initializerOf(where, spec) {
  if (spec === null || spec === undefined) return undefined;
  if (typeof spec === 'string') {
    const name = INITIALIZER_ALIASES[spec];
    if (!name) throw new TypeError(`${where}: unsupported initializer ${show(spec)}`);
    return { name };
  }
  const name = spec.class_name === 'VarianceScaling' ? varianceScalingName(spec.config ?? {}) : INITIALIZERS[spec.class_name];
  if (!name) throw new TypeError(`${where}: unsupported initializer class ${show(spec.class_name)} (supported: ${Object.keys(INITIALIZERS).join(', ')}, and VarianceScaling as one of them)`);
  const c = spec.config ?? {};
  const out = { name };
  for (const [key, ours] of [['minval', 'minval'], ['maxval', 'maxval'], ['mean', 'mean'], ['stddev', 'stddev'], ['value', 'value'], ['gain', 'gain']]) {
    if (typeof c[key] === 'number') out[ours] = c[key];
  }
  return out;
}

// TF.js writes glorotNormal and its kin as the VarianceScaling they are.
function varianceScalingName({ scale, mode, distribution }) {
  const normal = distribution === 'normal' || distribution === 'truncated_normal';
  const uniform = distribution === 'uniform';
  if (scale === 1 && mode === 'fan_avg') return uniform ? 'glorotUniform' : normal ? 'glorotNormal' : null;
  if (scale === 2 && mode === 'fan_in') return uniform ? 'heUniform' : normal ? 'heNormal' : null;
  if (scale === 1 && mode === 'fan_in') return uniform ? 'lecunUniform' : normal ? 'lecunNormal' : null;
  return null;
}

function regularizerOf(where, spec) {
  if (spec === null || spec === undefined) return undefined;
  const c = spec.config ?? {};
  if (!['L1L2', 'L1', 'L2', 'l1_l2'].includes(spec.class_name)) {
    throw new TypeError(`${where}: unsupported regularizer class ${show(spec.class_name)} (supported: L1L2, L1, L2)`);
  }
  return { l1: c.l1 ?? 0, l2: c.l2 ?? 0 };
}

// The axis is not read: the constraint acts as this library's own does (embedding rows,
// kernel columns), whatever axis a Keras config names. Weights arrive already
// constrained, so this only matters when a loaded model trains on.
function constraintOf(where, spec) {
  if (spec === null || spec === undefined) return undefined;
  const kind = CONSTRAINTS[spec.class_name];
  if (!kind) throw new TypeError(`${where}: unsupported constraint class ${show(spec.class_name)} (supported: ${Object.keys(CONSTRAINTS).join(', ')})`);
  const c = spec.config ?? {};
  const out = { kind };
  if (typeof c.max_value === 'number') out.maxValue = c.max_value;
  if (typeof c.min_value === 'number') out.minValue = c.min_value;
  if (typeof c.rate === 'number') out.rate = c.rate;
  return out;
}

function activationOf(where, name) {
  const a = name ?? 'linear';
  if (!ACTIVATIONS.includes(a)) throw new TypeError(`${where}: unsupported activation ${show(a)} (supported: ${ACTIVATIONS.join(', ')})`);
  return a;
}

function seedOf(spec) {
  const seed = spec?.config?.seed;
  return Number.isSafeInteger(seed) && seed >= 0 ? seed : undefined;
}

function refuseSet(where, c, keys) {
  for (const key of keys) {
    if (c[key] !== undefined && c[key] !== null) throw new TypeError(`${where}: ${key} is not supported here (got ${show(c[key])})`);
  }
}

/**
 * One layer's config -> {kind, options} for layers.* (without weights), or null for
 * InputLayer. An unsupported class is a TypeError naming it.
 */
export function layerOptions(where, layer) {
  const c = layer.config;
  const w = `${where} (${layer.className} ${show(c.name ?? '')})`;
  const named = typeof c.name === 'string' ? { name: c.name } : {};
  switch (layer.className) {
    case 'InputLayer':
      return null;
    case 'Embedding': {
      refuseSet(w, c, ['activity_regularizer']);
      const options = { inputDim: c.input_dim, outputDim: c.output_dim, maskZero: c.mask_zero === true, ...named };
      const length = Array.isArray(c.input_length) ? c.input_length[0] : c.input_length;
      if (Number.isInteger(length)) options.inputLength = length;
      const init = initializerOf(w, c.embeddings_initializer);
      if (init) options.embeddingsInitializer = init;
      const seed = seedOf(c.embeddings_initializer);
      if (seed !== undefined) options.seed = seed;
      const reg = regularizerOf(w, c.embeddings_regularizer);
      if (reg) options.embeddingsRegularizer = reg;
      const con = constraintOf(w, c.embeddings_constraint);
      if (con) options.embeddingsConstraint = con;
      return { kind: 'embedding', options };
    }
    case 'Dense': {
      refuseSet(w, c, ['activity_regularizer']);
      const options = { units: c.units, activation: activationOf(w, c.activation), useBias: c.use_bias !== false, ...named };
      const kernel = initializerOf(w, c.kernel_initializer);
      const bias = initializerOf(w, c.bias_initializer);
      // dense() takes initializer names; parameters of them only matter before weights arrive.
      if (kernel) options.kernelInitializer = kernel.name;
      if (bias) options.biasInitializer = bias.name;
      const seed = seedOf(c.kernel_initializer);
      if (seed !== undefined) options.seed = seed;
      for (const [key, ours] of [['kernel_regularizer', 'kernelRegularizer'], ['bias_regularizer', 'biasRegularizer']]) {
        const r = regularizerOf(w, c[key]);
        if (r) options[ours] = r;
      }
      for (const [key, ours] of [['kernel_constraint', 'kernelConstraint'], ['bias_constraint', 'biasConstraint']]) {
        const k = constraintOf(w, c[key]);
        if (k) options[ours] = k;
      }
      return { kind: 'dense', options };
    }
    case 'Flatten':
      if (c.data_format && c.data_format !== 'channels_last') throw new TypeError(`${w}: data_format ${show(c.data_format)} is not supported (channels_last only)`);
      return { kind: 'flatten', options: named };
    case 'GlobalAveragePooling1D':
    case 'GlobalMaxPooling1D':
      if (c.data_format && c.data_format !== 'channels_last') throw new TypeError(`${w}: data_format ${show(c.data_format)} is not supported (channels_last only)`);
      if (c.keepdims === true) throw new TypeError(`${w}: keepdims: true is not supported`);
      return { kind: layer.className === 'GlobalAveragePooling1D' ? 'globalAveragePooling1d' : 'globalMaxPooling1d', options: named };
    case 'Dropout': {
      if (c.noise_shape !== undefined && c.noise_shape !== null) throw new TypeError(`${w}: noise_shape is not supported`);
      const options = { rate: c.rate, ...named };
      if (Number.isSafeInteger(c.seed) && c.seed >= 0) options.seed = c.seed;
      return { kind: 'dropout', options };
    }
    case 'Activation':
      return { kind: 'activation', options: { activation: activationOf(w, c.activation), ...named } };
    default:
      throw new TypeError(`${where}: unsupported layer class ${show(layer.className)} (supported: ${TFJS_LAYER_CLASSES.join(', ')})`);
  }
}

// ---------------------------------------------------------------- writing

const SNAKE_NAMES = {
  embedding: 'embedding', dense: 'dense', flatten: 'flatten', dropout: 'dropout', activation: 'activation',
  globalAveragePooling1d: 'global_average_pooling1d', globalMaxPooling1d: 'global_max_pooling1d',
};
const CLASS_NAMES = {
  embedding: 'Embedding', dense: 'Dense', flatten: 'Flatten', dropout: 'Dropout', activation: 'Activation',
  globalAveragePooling1d: 'GlobalAveragePooling1D', globalMaxPooling1d: 'GlobalMaxPooling1D',
};

export function defaultLayerName(kind, index) {
  return `${SNAKE_NAMES[kind]}_${index + 1}`;
}

export function className(kind) {
  return CLASS_NAMES[kind];
}

function initializerConfig(name, params, seed) {
  const className = INITIALIZER_CLASSES[name === 'uniform' ? 'randomUniform' : name === 'normal' ? 'randomNormal' : name];
  const config = {};
  if (className === 'RandomUniform') Object.assign(config, { minval: params.minval, maxval: params.maxval });
  if (className === 'RandomNormal' || className === 'TruncatedNormal') Object.assign(config, { mean: params.mean, stddev: params.stddev });
  if (className === 'Constant') config.value = params.value;
  if (className === 'Orthogonal') config.gain = params.gain;
  if (!['Zeros', 'Ones', 'Constant'].includes(className)) config.seed = seed ?? null;
  return { class_name: className, config };
}

// dense() takes initializers by name only: the initializer schema's defaults (Keras's)
// stand for their parameters.
const INITIALIZER = OPTIONS.layers.embedding.record.fields.find((f) => f.option === 'table').fields
  .find((f) => f.option === 'embeddingsInitializer');
const DEFAULT_PARAMS = defaultOptions(INITIALIZER);

function regularizerConfig(r) {
  return r.l1 === 0 && r.l2 === 0 ? null : { class_name: 'L1L2', config: { l1: r.l1, l2: r.l2 } };
}

function constraintConfig(c) {
  if (c.kind === 'none') return null;
  const className = Object.keys(CONSTRAINTS).find((k) => CONSTRAINTS[k] === c.kind);
  // Keras's default axis; the axis of a config read in is not checked (see constraintOf).
  const config = { axis: 0 };
  if (c.kind === 'maxNorm') config.max_value = c.maxValue;
  if (c.kind === 'minMaxNorm') Object.assign(config, { min_value: c.minValue, max_value: c.maxValue, rate: c.rate });
  return { class_name: className, config };
}

/** The Keras config of an Embedding from its table record, regularizer and constraint. */
export function embeddingConfig(name, record, regularizer, constraint, inputLength) {
  return {
    input_dim: record.inputDim,
    output_dim: record.outputDim,
    embeddings_initializer: initializerConfig(record.initializer, record, record.seed),
    embeddings_regularizer: regularizerConfig(regularizer),
    activity_regularizer: null,
    embeddings_constraint: constraintConfig(constraint),
    mask_zero: record.maskZero,
    input_length: inputLength,
    name,
    trainable: true,
    dtype: 'float32',
  };
}

/** The Keras config of a layer held in the core, from its option record. */
export function modelLayerConfig(name, record) {
  switch (record.kind) {
    case 'dense':
      return {
        units: record.units,
        activation: record.activation,
        use_bias: record.useBias,
        kernel_initializer: initializerConfig(record.kernelInitializer, DEFAULT_PARAMS, record.seed),
        bias_initializer: initializerConfig(record.biasInitializer, DEFAULT_PARAMS, null),
        kernel_regularizer: regularizerConfig(record.kernelRegularizer),
        bias_regularizer: regularizerConfig(record.biasRegularizer),
        activity_regularizer: null,
        kernel_constraint: constraintConfig(record.kernelConstraint),
        bias_constraint: constraintConfig(record.biasConstraint),
        name,
        trainable: true,
      };
    case 'dropout':
      return { rate: record.rate, noise_shape: null, seed: record.seed, name, trainable: true };
    case 'activation':
      return { activation: record.activation, name, trainable: true };
    case 'flatten':
      return { data_format: 'channels_last', name, trainable: true };
    default:
      return { data_format: 'channels_last', name, trainable: true };
  }
}
