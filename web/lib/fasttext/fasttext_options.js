// fastText's options in camelCase with each mode's defaults, as the core's schemas state
// them (supervised_args_schema(), unsupervised_args_schema(), quantize_options_schema() in
// cpp/include/embedwasm/fasttext/training_args.h).
import { OPTIONS, buildRecord, checkNames, defaultOptions } from '../core/option_schema.js';
import { checkOptionNames, integerOption, kindOf, numberOption } from '../core/options.js';
import { bytesOf } from '../core/file_bytes.js';

const SUPERVISED = OPTIONS.schemas.fastTextSupervised;
const UNSUPERVISED = OPTIONS.schemas.fastTextUnsupervised;
const QUANTIZE = OPTIONS.schemas.fastTextQuantize;

/** The defaults of each mode: {supervised, unsupervised}. */
export const TRAINING_DEFAULTS = Object.freeze({
  supervised: defaultOptions(SUPERVISED),
  unsupervised: defaultOptions(UNSUPERVISED),
});

const decoder = new TextDecoder();

/**
 * The training record: options checked against the mode's schema, defaults filled in.
 * pretrainedVectors is the text (or bytes) of a .vec file, not a file name.
 */
export function trainingRecord(supervised, options, where, extra = []) {
  if (options === null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object, got ${kindOf(options)}`);
  const schema = supervised ? SUPERVISED : UNSUPERVISED;
  checkNames(where, schema, options, extra);
  const given = { ...options };
  for (const name of extra) delete given[name];
  if (given.pretrainedVectors instanceof Uint8Array || given.pretrainedVectors instanceof ArrayBuffer) {
    given.pretrainedVectors = decoder.decode(bytesOf(given.pretrainedVectors, where, 'pretrainedVectors'));
  }
  return buildRecord(where, schema, given);
}

/** The quantize record (fastText's quantize options). */
export function quantizeRecord(options, where, extra = []) {
  checkNames(where, QUANTIZE, options, extra);
  const given = { ...options };
  for (const name of extra) delete given[name];
  return buildRecord(where, QUANTIZE, given);
}

/** predict's and test's {k, threshold}, fastText's defaults (1, 0). */
export function predictOptions(options, where) {
  if (options === null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object, got ${kindOf(options)}`);
  checkOptionNames(where, options, ['k', 'threshold']);
  const k = integerOption(where, options, 'k', 1);
  const threshold = numberOption(where, options, 'threshold', 0);
  if (k < 1 || k > 0x7fffffff) throw new RangeError(`${where}: k must be >= 1, got ${k}`);
  if (Number.isNaN(threshold)) throw new RangeError(`${where}: threshold must be a number, got NaN`);
  return { k, threshold };
}
