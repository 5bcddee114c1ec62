// The options Embedding and EmbeddingBag share (the table and its PyTorch row options),
// turned into the flat record the Embind layer expects.
import { MAX_HEAP_BYTES } from '../core/heap.js';
import { booleanOption, checkOptionNames, integerOption, numberOption } from '../core/options.js';

export const TABLE_OPTIONS = [
  'inputDim', 'outputDim', 'embeddingsInitializer', 'weights', 'paddingIdx', 'maxNorm',
  'normType', 'scaleGradByFreq', 'sparse', 'seed', 'name', 'embeddingsRegularizer',
  'embeddingsConstraint',
];

export const INITIALIZERS = [
  'uniform', 'randomUniform', 'normal', 'randomNormal', 'truncatedNormal', 'glorotUniform',
  'glorotNormal', 'heUniform', 'heNormal', 'lecunUniform', 'lecunNormal', 'zeros', 'ones',
  'constant', 'orthogonal',
];
const INITIALIZER_PARAMS = ['name', 'minval', 'maxval', 'mean', 'stddev', 'value', 'gain'];

function initializerRecord(where, spec) {
  const s = typeof spec === 'string' ? { name: spec } : spec ?? { name: 'uniform' };
  if (typeof s !== 'object' || Array.isArray(s)) {
    throw new TypeError(`${where}: embeddingsInitializer must be a name or {name, ...parameters}`);
  }
  checkOptionNames(`${where} embeddingsInitializer`, s, INITIALIZER_PARAMS);
  if (!INITIALIZERS.includes(s.name)) {
    throw new TypeError(`${where}: unknown embeddingsInitializer '${s.name}' (valid: ${INITIALIZERS.join(', ')})`);
  }
  const p = (name, fallback) => numberOption(`${where} embeddingsInitializer`, s, name, fallback);
  return {
    initializer: s.name,
    minval: p('minval', -0.05),
    maxval: p('maxval', 0.05),
    mean: p('mean', 0),
    stddev: p('stddev', 0.05),
    value: p('value', 0),
    gain: p('gain', 1),
  };
}

/**
 * A table that cannot fit in the wasm heap is a RangeError naming both sizes, raised
 * before anything is allocated (the product is taken in doubles, so 70000 x 70000 is not
 * wrapped to 32 bits). Rows are padded to 4 floats, as the core stores them.
 */
function checkTableBytes(where, inputDim, outputDim) {
  if (inputDim <= 0 || outputDim <= 0) return;  // the core's RangeError names those
  const bytes = inputDim * Math.ceil(outputDim / 4) * 16;
  if (bytes > MAX_HEAP_BYTES) {
    throw new RangeError(`${where}: inputDim ${inputDim} x outputDim ${outputDim} float32 weights need ` +
      `${bytes} bytes, over the 4 GiB wasm memory limit (${MAX_HEAP_BYTES} bytes)`);
  }
}

export function tableRecord(where, options) {
  const paddingIdx = options.paddingIdx ?? null;
  const maxNorm = options.maxNorm ?? null;
  const seed = integerOption(where, options, 'seed', Math.floor(Math.random() * 2 ** 32));
  if (seed < 0 || seed > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`${where}: seed must be a non-negative safe integer, got ${seed}`);
  }
  const inputDim = integerOption(where, options, 'inputDim');
  const outputDim = integerOption(where, options, 'outputDim');
  checkTableBytes(where, inputDim, outputDim);
  return {
    inputDim,
    outputDim,
    ...initializerRecord(where, options.embeddingsInitializer),
    seed,
    hasPaddingIdx: paddingIdx !== null,
    paddingIdx: paddingIdx === null ? 0 : integerOption(where, options, 'paddingIdx'),
    hasMaxNorm: maxNorm !== null,
    maxNorm: maxNorm === null ? 0 : numberOption(where, options, 'maxNorm'),
    normType: numberOption(where, options, 'normType', 2),
    scaleGradByFreq: booleanOption(where, options, 'scaleGradByFreq', false),
    sparse: booleanOption(where, options, 'sparse', false),
    // Layer-specific fields; each layer sets its own.
    maskZero: false,
    inputLength: 0,
    mode: 'mean',
    includeLastOffset: false,
  };
}
