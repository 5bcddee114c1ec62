// The imdb benchmark's data: an IMDB-sized text classification set made up here, since the
// benchmark times training steps and needs no real reviews. 25,000 training samples (IMDB's
// train split) of T = 256 ids each over a vocabulary of V = 100,000; id 0 is the padding id
// and never drawn. Ids follow a Zipf law, P(id) proportional to 1 / id for 1 <= id < V, as
// word ranks in English text roughly do (a tokenizer that numbers words by frequency gives
// the most frequent word id 1): a batch touches a realistic mix of a few hot rows and a
// long tail. Labels are learnable: each id has a random "sentiment" in [-0.5, 0.5), and a
// sample is positive when the mean sentiment of its ids is > 0.
//
// Every contender (our package in Node, PyTorch in Python) reads the same two files, which
// the runner writes once per run: ids as int32 (N, T) and labels as float32 (N,), both
// little-endian, in build/bench/.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { SplitMix64, fnv1a64 } from '../common/data.mjs';

export const VOCAB = 100000;   // V
export const DIM = 128;        // D
export const SEQ = 256;        // T
export const BATCH = 256;      // B
export const HIDDEN = 64;      // units of the first Dense layer
export const SAMPLES = 25000;  // IMDB's training split
export const LEARNING_RATE = 0.001;  // Keras' and PyTorch's Adam default
export const STEPS_PER_EPOCH = Math.ceil(SAMPLES / BATCH);
export const CASE_NAME = `imdb-${VOCAB}x${DIM}-t${SEQ}-b${BATCH}`;
const SEED = 20260518;

export function dataFiles(dir) {
  return { ids: path.join(dir, 'imdb-ids.i32'), labels: path.join(dir, 'imdb-labels.f32') };
}

function zipfCdf() {
  const cdf = new Float64Array(VOCAB);  // cdf[id] = P(drawn id <= id); cdf[0] = 0
  let total = 0;
  for (let id = 1; id < VOCAB; ++id) total += 1 / id;
  let acc = 0;
  for (let id = 1; id < VOCAB; ++id) {
    acc += 1 / id / total;
    cdf[id] = acc;
  }
  cdf[VOCAB - 1] = 1;
  return cdf;
}

// The smallest id with cdf[id] > u (u in [0, 1)).
function drawId(cdf, u) {
  let lo = 1;
  let hi = VOCAB - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** {ids: Int32Array (N*T), labels: Float32Array (N)}, the same on every run. */
export function makeData() {
  const rng = new SplitMix64(SEED);
  const sentiment = rng.fillValues(new Float32Array(VOCAB));
  const cdf = zipfCdf();
  const ids = new Int32Array(SAMPLES * SEQ);
  const labels = new Float32Array(SAMPLES);
  for (let s = 0; s < SAMPLES; ++s) {
    let sum = 0;
    for (let t = 0; t < SEQ; ++t) {
      const id = drawId(cdf, rng.nextValue() + 0.5);
      ids[s * SEQ + t] = id;
      sum += sentiment[id];
    }
    labels[s] = sum > 0 ? 1 : 0;
  }
  return { ids, labels };
}

/** Writes the files unless they are there already; returns their paths. */
export function writeData(dir) {
  const files = dataFiles(dir);
  if (!existsSync(files.ids) || !existsSync(files.labels)) {
    const { ids, labels } = makeData();
    writeFileSync(files.ids, new Uint8Array(ids.buffer));
    writeFileSync(files.labels, new Uint8Array(labels.buffer));
  }
  return files;
}

/** The data as written by writeData, with its checksum (every contender reports it). */
export function readData(dir) {
  const files = dataFiles(dir);
  const idBytes = readFileSync(files.ids);
  const labelBytes = readFileSync(files.labels);
  const ids = new Int32Array(idBytes.buffer.slice(idBytes.byteOffset, idBytes.byteOffset + idBytes.byteLength));
  const labels = new Float32Array(labelBytes.buffer.slice(labelBytes.byteOffset, labelBytes.byteOffset + labelBytes.byteLength));
  if (ids.length !== SAMPLES * SEQ || labels.length !== SAMPLES) {
    throw new Error(`imdb data in ${dir}: expected ${SAMPLES} x ${SEQ} ids and ${SAMPLES} labels; delete the files to remake them`);
  }
  return { ids, labels, checksum: fnv1a64(new Float32Array(ids.buffer)) + fnv1a64(labels) };
}
