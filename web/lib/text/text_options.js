// Option checks the preprocessing layers share: Keras 3's names in camelCase, Keras's
// `None` as null (or leaving the option out).
import { buildRecord } from '../core/option_schema.js';
import { show } from '../core/options.js';

/**
 * A layer's options checked against its schema in the core (names, types, choices and
 * defaults all come from there): `record` is what the core's create() reads (Keras's None
 * as has<Key> false), `config` what the layer keeps and the model file saves (every
 * option of the schema, None as null).
 */
export function layerOptions(where, schema, options) {
  const record = buildRecord(where, schema, options);
  const config = {};
  for (const f of schema.fields) config[f.option] = f.optional && !record[f.hasKey] ? null : record[f.key];
  return { record, config };
}

/** idfWeights as Float64Array (Keras takes them as float64 numbers), or null. */
export function idfWeightsOption(where, weights) {
  if (weights === undefined || weights === null) return null;
  if (!(Array.isArray(weights) || ArrayBuffer.isView(weights))) {
    throw new TypeError(`${where}: option 'idfWeights' must be an array of numbers, got ${show(weights)}`);
  }
  const out = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; ++i) {
    const w = weights[i];
    if (typeof w !== 'number' || !Number.isFinite(w)) {
      throw new TypeError(`${where}: idfWeights[${i}] must be a finite number, got ${show(w)}`);
    }
    out[i] = w;
  }
  return out;
}

/** The string form of a Keras layer's inputs: string[] or string[][] with one per row. */
export function textsOf(where, texts) {
  if (!Array.isArray(texts)) throw new TypeError(`${where}: expected an array of strings, got ${show(texts)}`);
  if (texts.length > 0 && Array.isArray(texts[0])) {
    return texts.map((row, i) => {
      // Keras's [["foo bar"], ["baz"]]: a (B, 1) batch is B documents.
      if (!Array.isArray(row) || row.length !== 1) {
        throw new TypeError(`${where}: a nested input must have shape [B, 1] (one string per row); row ${i} is ${show(row)}`);
      }
      return row[0];
    });
  }
  return texts;
}
