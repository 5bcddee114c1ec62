// Word2Vec's options: gensim 4's names in camelCase, with gensim's defaults.
import { checkOptionNames, show } from '../core/options.js';

export const WORD2VEC_DEFAULTS = Object.freeze({
  vectorSize: 100, window: 5, minCount: 5, sg: 0, hs: 0, negative: 5, nsExponent: 0.75,
  cbowMean: 1, sample: 1e-3, alpha: 0.025, minAlpha: 1e-4, epochs: 5, threads: 1, seed: 1,
  maxVocabSize: 0, maxFinalVocab: 0, lowercase: true, shrinkWindows: true, maxSentenceLength: 10000,
});

const INTEGERS = ['vectorSize', 'window', 'minCount', 'negative', 'epochs', 'threads', 'seed',
  'maxVocabSize', 'maxFinalVocab', 'maxSentenceLength'];
const FLAGS = ['sg', 'hs', 'cbowMean'];
const NUMBERS = ['nsExponent', 'sample', 'alpha', 'minAlpha'];
const BOOLEANS = ['lowercase', 'shrinkWindows'];

/** Checked options with defaults filled in; `null`/`undefined` mean the default (gensim's None). */
export function word2vecOptions(options, where) {
  checkOptionNames(where, options, Object.keys(WORD2VEC_DEFAULTS));
  const o = { ...WORD2VEC_DEFAULTS };
  for (const [name, v] of Object.entries(options)) {
    if (v === undefined || v === null) continue;
    if (INTEGERS.includes(name)) {
      if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError(`${where}: option '${name}' must be an integer, got ${show(v)}`);
      if (v < 0 || v > Number.MAX_SAFE_INTEGER) throw new RangeError(`${where}: option '${name}' must be >= 0, got ${v}`);
    } else if (FLAGS.includes(name)) {
      if (v !== 0 && v !== 1 && v !== true && v !== false) throw new RangeError(`${where}: option '${name}' must be 0 or 1, got ${show(v)}`);
    } else if (NUMBERS.includes(name)) {
      if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`${where}: option '${name}' must be a number, got ${show(v)}`);
    } else if (BOOLEANS.includes(name) && typeof v !== 'boolean') {
      throw new TypeError(`${where}: option '${name}' must be true or false, got ${show(v)}`);
    }
    o[name] = FLAGS.includes(name) ? Number(v) : v;
  }
  if (o.seed > 0xffffffff) throw new RangeError(`${where}: option 'seed' must be below 2^32, got ${o.seed}`);
  return o;
}
