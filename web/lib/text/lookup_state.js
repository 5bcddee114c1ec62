// What StringLookup, IntegerLookup and TextVectorization handles share: reading the idf
// weights out of the heap and putting a saved state back.
import { throwIfError } from '../core/errors.js';
import { heapF32, heapF64, withHeap } from '../core/heap.js';

/** The idf weights the handle holds ([] outside 'tf_idf' or before a vocabulary). */
export function readIdfWeights(m, handle) {
  return Array.from(heapF32(m, handle.idfWeightsPtr(), handle.idfWeightsSize()));
}

/** Runs fn(ptr, n) with doubles (Float64Array or null) in the heap; ptr is 0 for null. */
export function withDoubles(m, values, fn) {
  if (values === null) return fn(0, 0);
  return withHeap(m, [values.length * 8], ([p]) => {
    heapF64(m, p, values.length).set(values);
    return fn(p, values.length);
  });
}

/** Runs fn(ptr, n) with float32 values in the heap. */
export function withFloats(m, values, fn) {
  return withHeap(m, [values.length * 4], ([p]) => {
    heapF32(m, p, values.length).set(values);
    return fn(p, values.length);
  });
}

/** The part of a lookup's state that is not its vocabulary, for the model file. */
export function stateRecord(handle) {
  const s = handle.state();
  return { hasInputVocabulary: s.hasInputVocabulary, frozenSize: s.hasFrozenSize ? s.frozenSize : null };
}

export function restoreState(m, handle, withVocabulary, idfWeights, state, where) {
  const coreState = {
    hasInputVocabulary: state.hasInputVocabulary === true,
    hasFrozenSize: state.frozenSize !== null,
    frozenSize: state.frozenSize ?? 0,
  };
  withVocabulary((batch) => withFloats(m, Float32Array.from(idfWeights), (p, n) => {
    throwIfError(handle.restore(batch, p, n, coreState), where);
  }));
}
