// Inputs of the lookup and hashing layers: a flat array (N values, each its own sample)
// or an array of rows (B samples; rows may differ in length for the encodings that
// reduce a sample to one row, and must not in 'int' mode, whose output keeps the shape).
import { show } from '../core/options.js';

/**
 * x -> {values: array, shape: [N] | [B, T], rowSplits: Uint32Array (samples + 1),
 * ragged}; isValue(v) tells an element from a row, kind names it in errors.
 */
export function nestedRows(where, x, isValue, kind) {
  const flat = ArrayBuffer.isView(x) || (Array.isArray(x) && (x.length === 0 || !isRow(x[0])));
  if (flat) {
    const values = Array.from(x);
    values.forEach((v, i) => checkValue(where, v, isValue, kind, `[${i}]`));
    return { values, shape: [values.length], rowSplits: Uint32Array.from({ length: values.length + 1 }, (_, i) => i), ragged: false };
  }
  if (!Array.isArray(x)) throw new TypeError(`${where}: expected an array of ${kind}s or of rows of them, got ${show(x)}`);
  const values = [];
  const rowSplits = new Uint32Array(x.length + 1);
  let ragged = false;
  x.forEach((row, b) => {
    if (!isRow(row)) throw new TypeError(`${where}: row ${b} must be an array of ${kind}s, got ${show(row)}`);
    if (row.length !== x[0].length) ragged = true;
    for (let t = 0; t < row.length; ++t) {
      checkValue(where, row[t], isValue, kind, `[${b}, ${t}]`);
      values.push(row[t]);
    }
    rowSplits[b + 1] = values.length;
  });
  return { values, shape: [x.length, ragged ? -1 : (x[0]?.length ?? 0)], rowSplits, ragged };
}

function isRow(v) {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

function checkValue(where, v, isValue, kind, at) {
  if (!isValue(v)) throw new TypeError(`${where}: element ${at} must be a ${kind}, got ${show(v)}`);
}

/** Refuses ragged rows where the output keeps the input's shape. */
export function requireRectangular(where, input, mode) {
  if (input.ragged) throw new TypeError(`${where}: rows of different lengths cannot give '${mode}' output (its shape is the input's); pad them first`);
}

/** The encodings' output shape: one row of `depth` per sample (one_hot: per element). */
export function encodedShape(input, mode, depth) {
  if (mode === 'one_hot') {
    // Keras squeezes a trailing axis of 1 before one-hot encoding: (N, 1) -> (N, depth).
    const shape = input.shape.length === 2 && input.shape[1] === 1 ? [input.shape[0]] : input.shape;
    return [...shape, depth];
  }
  return [input.rowSplits.length - 1, depth];
}
