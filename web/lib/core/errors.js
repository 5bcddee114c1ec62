// The core reports {code, message}; users of a JS library expect typed errors with
// JS names. Codes mirror embedwasm::StatusCode (cpp/include/embedwasm/core/status.h).
const OK = 0;
const INVALID_ARGUMENT = 1;
const OUT_OF_RANGE = 2;
const RESOURCE_EXHAUSTED = 3;

// The C++ core speaks Keras / PyTorch snake_case; JS users set camelCase options.
const JS_NAMES = {
  input_dim: 'inputDim',
  output_dim: 'outputDim',
  input_length: 'inputLength',
  padding_idx: 'paddingIdx',
  max_norm: 'maxNorm',
  norm_type: 'normType',
  mask_zero: 'maskZero',
  scale_grad_by_freq: 'scaleGradByFreq',
  per_sample_weights: 'perSampleWeights',
  include_last_offset: 'includeLastOffset',
  compute_mask: 'computeMask',
  // word vectors
  vector_size: 'vectorSize',
  min_count: 'minCount',
  max_vocab_size: 'maxVocabSize',
  max_final_vocab: 'maxFinalVocab',
  ns_exponent: 'nsExponent',
  cbow_mean: 'cbowMean',
  min_alpha: 'minAlpha',
  max_sentence_length: 'maxSentenceLength',
  restrict_vocab: 'restrictVocab',
  // preprocessing layers
  max_tokens: 'maxTokens',
  output_mode: 'outputMode',
  output_sequence_length: 'outputSequenceLength',
  pad_to_max_tokens: 'padToMaxTokens',
  num_oov_indices: 'numOovIndices',
  mask_token: 'maskToken',
  oov_token: 'oovToken',
  idf_weights: 'idfWeights',
  num_bins: 'numBins',
  mask_value: 'maskValue',
  oov_method: 'oovMethod',
};
const SNAKE = new RegExp(`\\b(${Object.keys(JS_NAMES).join('|')})\\b`, 'g');

export function toJsNames(message) {
  return message.replace(SNAKE, (name) => JS_NAMES[name]);
}

/** Throws the JS error matching a core status; returns nothing when it is OK. */
export function throwIfError(status, where) {
  if (status.code === OK) return;
  const message = `${where}: ${toJsNames(status.message)}`;
  // A size the memory limit cannot hold is a value out of range, as an array length is.
  if (status.code === OUT_OF_RANGE || status.code === RESOURCE_EXHAUSTED) throw new RangeError(message);
  if (status.code === INVALID_ARGUMENT) throw new TypeError(message);
  throw new Error(message);
}
