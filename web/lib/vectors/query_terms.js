// gensim's most_similar inputs in JS form: a word (string), a row id (number), a vector
// (a typed array, or a plain number array of length D), or a [term, weight] pair.
import { heapF32, withHeap } from '../core/heap.js';

function isVector(x, dim) {
  return (ArrayBuffer.isView(x) && !(x instanceof DataView)) ||
    (Array.isArray(x) && x.length === dim && x.every((v) => typeof v === 'number'));
}

function isPair(x, dim) {
  return Array.isArray(x) && x.length === 2 && typeof x[1] === 'number' && !isVector(x, dim);
}

/** Normalises positive / negative to arrays of terms (a single term becomes [term]). */
export function termList(x, dim, where, name) {
  if (x === undefined || x === null) return [];
  if (typeof x === 'string' || typeof x === 'number' || isVector(x, dim) || isPair(x, dim)) return [x];
  if (!Array.isArray(x)) throw new TypeError(`${where}: ${name} must be a word, an array of words, vectors or [word, weight] pairs`);
  return x;
}

/** Adds `terms` to an Embind QueryTerms handle. */
export function addTerms(m, handle, terms, dim, where, name) {
  terms.forEach((raw, i) => {
    let term = raw;
    let hasWeight = false;
    let weight = 0;
    if (isPair(raw, dim)) {
      [term, weight] = raw;
      hasWeight = true;
      if (!Number.isFinite(weight)) throw new TypeError(`${where}: ${name}[${i}]: weight must be a finite number, got ${weight}`);
    }
    if (typeof term === 'string') {
      handle.addWord(term, hasWeight, weight);
    } else if (typeof term === 'number') {
      if (!Number.isInteger(term)) throw new TypeError(`${where}: ${name}[${i}]: a row id must be an integer, got ${term}`);
      if (term < 0 || term > 0x7fffffff) throw new RangeError(`${where}: ${name}[${i}]: row id ${term} is out of range`);
      handle.addIndex(term, hasWeight, weight);
    } else if (isVector(term, dim)) {
      if (term.length !== dim) throw new RangeError(`${where}: ${name}[${i}]: vector has ${term.length} values, expected ${dim}`);
      withHeap(m, [dim * 4], ([p]) => {
        heapF32(m, p, dim).set(term);
        handle.addVector(p, dim, hasWeight, weight);
      });
    } else {
      throw new TypeError(`${where}: ${name}[${i}] must be a word, a row id, a vector of ${dim} numbers or a [term, weight] pair`);
    }
  });
}
