// Deterministic fuzzing of the file readers (loadModel of our model files and of TF.js
// layers models, readNpy, readSafetensors),
// shared by the tests (a few thousand cases each) and scripts/fuzz_parsers.mjs (as many
// as asked). Mutations start from valid files: truncations, byte flips, rewritten length
// fields, and edits of the header's JSON / Python dict that keep the rest of the file
// consistent, so many cases get past the framing into the semantic checks.
//
// The contract checked: a reader either returns or throws a TypeError / RangeError /
// Error whose message starts with its own name; never another kind of value, never a
// trap out of the wasm core; and what it returns holds no more values than the file has
// bytes, since a table sized by a header's claim rather than by the data is how a reader
// stalls or exhausts memory on a few hundred bytes.
import { init, layers, sequential, train } from '../../dist/index.js';
import { loadModel, saveModel } from '../../dist/files/model_file.js';
import { toTfjsArtifacts } from '../../dist/files/tfjs_layers_model.js';
import { readNpy, writeNpy } from '../../dist/files/npy.js';
import { readSafetensors, writeSafetensors } from '../../dist/files/safetensors.js';
import { seededRandom } from '../../dist/model/batches.js';

// The package's seeded generator (mulberry32): the same cases on every run and machine.
export { seededRandom };

const u32 = (b, at) => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at, true);
const u16 = (b, at) => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint16(at, true);
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const le32 = (n) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0, true);
  return b;
};

function disposeModel(model) {
  for (const layer of model.layers) if (typeof layer.dispose === 'function') layer.dispose();
  model.dispose();
}

const valueCount = (tables) => tables.reduce((n, t) => n + t.data.length, 0);

/**
 * How each format frames its header, so a mutated header can be put back in place, and
 * parse(bytes) -> how many values the reader returned.
 */
export const FORMATS = {
  model: {
    name: 'loadModel',
    parse(bytes) {
      const model = loadModel(bytes);
      try {
        return valueCount(model.getWeights());
      } finally {
        disposeModel(model);
      }
    },
    header: (b) => [16, 16 + u32(b, 12)],
    headerKind: 'json',
    lengthField: [12, 4],
    // The data section starts at the next multiple of 16 after the header.
    wrap(b, header) {
      const [, end] = this.header(b);
      const data = b.subarray(Math.ceil(end / 16) * 16);
      const pad = new Uint8Array((16 - ((16 + header.length) % 16)) % 16);
      return concat(b.subarray(0, 12), le32(header.length), header, pad, data);
    },
  },
  // A TF.js layers model framed as one file for mutation: a uint32 LE length L, L bytes
  // of JSON {modelTopology, weightSpecs} (model.json without its manifest paths), then
  // the weight data. Only the framing is the harness's; loadModel reads the artifacts.
  tfjs: {
    name: 'loadModel',
    parse(bytes) {
      if (bytes.length < 4) throw new RangeError('loadModel: (fuzz framing) shorter than the length field');
      const [begin, end] = FORMATS.tfjs.header(bytes);
      let json;
      try {
        json = JSON.parse(new TextDecoder().decode(bytes.subarray(begin, Math.min(end, bytes.length))));
      } catch (e) {
        throw new TypeError(`loadModel: (fuzz framing) ${e.message}`);
      }
      if (json === null || typeof json !== 'object') throw new TypeError('loadModel: (fuzz framing) not an object');
      const model = loadModel({ modelTopology: json.modelTopology, weightSpecs: json.weightSpecs, weightData: bytes.slice(end).buffer });
      try {
        return valueCount(model.getWeights());
      } finally {
        disposeModel(model);
      }
    },
    header: (b) => [4, 4 + u32(b, 0)],
    headerKind: 'json',
    lengthField: [0, 4],
    wrap(b, header) {
      const [, end] = this.header(b);
      return concat(le32(header.length), header, b.subarray(end));
    },
  },
  npy: {
    name: 'readNpy',
    parse: (bytes) => readNpy(bytes).data.length,
    header: (b) => (b[6] === 1 ? [10, 10 + u16(b, 8)] : [12, 12 + u32(b, 8)]),
    headerKind: 'pydict',
    lengthField: [8, 2],
    wrap(b, header) {
      const [, end] = this.header(b);
      const v1 = b[6] === 1 && header.length <= 0xffff;
      const length = v1 ? [header.length & 0xff, header.length >> 8] : le32(header.length);
      return concat(b.subarray(0, 6), [v1 ? 1 : b[6] === 1 ? 2 : b[6], 0], length, header, b.subarray(end));
    },
  },
  safetensors: {
    name: 'readSafetensors',
    parse: (bytes) => valueCount(Object.values(readSafetensors(bytes).tensors)),
    header: (b) => [8, 8 + u32(b, 0)],
    headerKind: 'json',
    lengthField: [0, 8],
    wrap(b, header) {
      const [, end] = this.header(b);
      return concat(le32(header.length), new Uint8Array(4), header, b.subarray(end));
    },
  },
};

/** Valid files of each format to start mutating from (needs the engine for models). */
export async function sampleFiles() {
  await init();
  const random = seededRandom(1);
  const ids = (n, v) => Float32Array.from({ length: n }, () => Math.floor(random() * v));

  const a = sequential([
    layers.embedding({ inputDim: 7, outputDim: 4, seed: 1, paddingIdx: 0, maxNorm: 1.5 }),
    layers.globalAveragePooling1d(),
    layers.dense({ units: 3, activation: 'softmax', seed: 2, name: 'out' }),
  ]);
  a.compile({ optimizer: train.adam({ learningRate: 0.01, schedule: { name: 'exponential', decayRate: 0.5 } }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  a.trainOnBatch({ data: ids(12, 7), shape: [4, 3] }, { data: ids(4, 3), shape: [4, 1] });
  const b = sequential([
    layers.embeddingBag({ inputDim: 5, outputDim: 3, mode: 'sum', seed: 3, embeddingsConstraint: 'unitNorm' }),
    layers.dropout({ rate: 0.25, seed: 4 }),
    layers.dense({ units: 2, useBias: false, seed: 5, weights: [{ data: Float32Array.from({ length: 6 }, (_, i) => i / 10), shape: [3, 2] }] }),
    layers.activation({ activation: 'tanh' }),
  ]);
  b.compile({ optimizer: 'sgd', loss: 'mse' });
  const c = sequential([layers.embedding({ inputDim: 3, outputDim: 2, seed: 6, inputLength: 2 }), layers.flatten(), layers.dense({ units: 1, seed: 7 })]);
  c.build([2]);
  const d = sequential([
    layers.embedding({ inputDim: 6, outputDim: 3, seed: 8, maskZero: true, embeddingsRegularizer: { l1: 0, l2: 0.01 } }),
    layers.globalMaxPooling1d(),
    layers.dense({ units: 4, activation: 'relu', seed: 9, kernelConstraint: 'maxNorm' }),
    layers.dropout({ rate: 0.5, seed: 10 }),
    layers.dense({ units: 2, seed: 11 }),
    layers.activation({ activation: 'softmax' }),
  ]);
  d.build([5]);
  const tfjs = [c, d].map((m) => {
    const { modelTopology, weightSpecs, weightData } = toTfjsArtifacts(m);
    const json = new TextEncoder().encode(JSON.stringify({ modelTopology, weightSpecs }));
    return concat(le32(json.length), json, new Uint8Array(weightData));
  });
  disposeModel(d);
  // A model that takes strings: its preprocessing layer's state is in the header.
  const vectorize = layers.textVectorization({ maxTokens: 12, outputMode: 'tf_idf', ngrams: 2 });
  vectorize.adapt(['the cat sat', 'the mat', 'a cat on a mat']);
  const e = sequential([vectorize, layers.dense({ units: 2, seed: 12 })]);
  e.build([vectorize.vocabularySize()]);
  const models = [a, b, c, e].map((m) => {
    const bytes = saveModel(m);
    disposeModel(m);
    return bytes;
  });

  const table = { data: Float32Array.from({ length: 12 }, (_, i) => i - 5.5), shape: [3, 4] };
  const npy = writeNpy(table);
  // The same table as numpy writes it in version 2.0, as '<f8', and in Fortran order.
  const npyHeader = (major, descr, fortran, data) => {
    const dict = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (3, 4), }`;
    const prefix = major === 1 ? 10 : 12;
    const length = Math.ceil((prefix + dict.length + 1) / 64) * 64 - prefix;
    const header = new TextEncoder().encode(dict.padEnd(length - 1) + '\n');
    const len = major === 1 ? [length & 0xff, length >> 8] : le32(length);
    return concat([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0], len, header, new Uint8Array(data.buffer));
  };
  const f8 = Float64Array.from(table.data);
  const fortran = Float32Array.from({ length: 12 }, (_, k) => table.data[(k % 3) * 4 + Math.floor(k / 3)]);

  const st = writeSafetensors({ weight: table, 'embedding/embeddings': { data: new Float32Array(6), shape: [2, 3] } }, { format: 'pt' });
  // F16 [1, -2] and BF16 [1] by hand.
  const stHeader = new TextEncoder().encode('{"h":{"dtype":"F16","shape":[2],"data_offsets":[0,4]},"b":{"dtype":"BF16","shape":[1],"data_offsets":[4,6]}}');
  const st16 = concat(le32(stHeader.length), new Uint8Array(4), stHeader, [0x00, 0x3c, 0x00, 0xc0, 0x80, 0x3f]);

  return {
    model: models,
    tfjs,
    npy: [npy, npyHeader(2, '<f4', false, table.data), npyHeader(1, '<f8', false, f8), npyHeader(3, '<f4', true, fortran)],
    safetensors: [st, st16],
  };
}

const SPECIAL = [0, -1, 1, 2, 3, 16, 0.5, -0.5, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 64, 1e308, -1e308, null, true, false, '', 'x',
  'float64', 'F16', 'I64', 'dense', 'embedding', 'flatten', [], {}, [0], [0, 0], [2 ** 31, 2 ** 31], [1, 2, 3], ['x'],
  '__INF__', '__NAN__', '__DEEP__'];

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

/** Edits one node of the JSON value: a new value, a nudged number, a removal, an addition or a swap. */
function mutateJson(text, random) {
  let root;
  try {
    root = JSON.parse(text);
  } catch {
    return text;
  }
  const holder = { root };
  const slots = [[holder, 'root']];
  for (let k = 0; k < slots.length; ++k) {
    const [parent, key] = slots[k];
    const v = parent[key];
    if (v !== null && typeof v === 'object') for (const child of Object.keys(v)) slots.push([v, child]);
  }
  const [parent, key] = pick(random, slots);
  const value = parent[key];
  const op = random();
  if (op < 0.3 && typeof value === 'number') {
    parent[key] = value + pick(random, [1, -1, 4, -4, 16, -16, value, -2 * value, 0.5]);
  } else if (op < 0.6) {
    parent[key] = structuredClone(pick(random, SPECIAL));
  } else if (op < 0.72) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (op < 0.84 && value !== null && typeof value === 'object') {
    if (Array.isArray(value)) value.push(structuredClone(pick(random, SPECIAL)));
    else value[pick(random, ['extra', '__proto__', 'kind', 'weights', 'dtype'])] = structuredClone(pick(random, SPECIAL));
  } else {
    parent[key] = structuredClone(pick(random, slots)[0][pick(random, slots)[1]] ?? null);
  }
  return JSON.stringify(holder.root ?? null);
}

// After all edits: JSON.stringify cannot write these, and a later edit must not parse them.
function expandSentinels(text) {
  return text
    .replaceAll('"__INF__"', '1e999')
    .replaceAll('"__NAN__"', '-1e999')
    .replaceAll('"__DEEP__"', `${'['.repeat(20000)}${']'.repeat(20000)}`);
}

const PY_EDITS = [
  [/\(\d+, \d+\)/, ['()', '(3,)', '(12,)', '(-1, 4)', '(3, 4, 1)', '(99999999999999999999, 1)', '(3, 4', '[3, 4]', '(4, 3)', '(3L, 4L)', '(0, 4)', '(2147483648, 2147483648)']],
  [/'[<>|=][a-z]\d'/, ["'<f4'", "'>f4'", "'<f8'", "'>f8'", "'<i4'", "'|u1'", "'<f2'", "[('a', '<f4')]", "''", "'<f4", '3', "'\\'<f4'"]],
  [/True|False/, ['True', 'False', '1', 'None', "'yes'"]],
  [/'shape'/, ["'shap'", "'descr'", "'extra'", '3']],
  [/ \}/, [' }}', '', ", 'extra': 1, }", ` ${'('.repeat(5000)}`]],
];

function mutatePyDict(text, random) {
  if (random() < 0.7) {
    const [pattern, replacements] = pick(random, PY_EDITS);
    return text.replace(pattern, pick(random, replacements));
  }
  const at = Math.floor(random() * text.length);
  return text.slice(0, at) + pick(random, [..."{}()[]',: \"\\L0123456789", 'True', 'False', '']) + text.slice(at + 1);
}

/** One mutated copy of bytes. */
export function mutate(format, bytes, random) {
  const f = FORMATS[format];
  const op = random();
  let b = bytes.slice();
  if (op < 0.15) return b.slice(0, Math.floor(random() * b.length));
  if (op < 0.35) {
    const [begin, end] = f.header(bytes);
    for (let k = 1 + Math.floor(random() * 6); k > 0; --k) {
      const inHeader = random() < 0.5 && end > begin;
      const at = inHeader ? begin + Math.floor(random() * (end - begin)) : Math.floor(random() * b.length);
      b[at] = random() < 0.5 ? Math.floor(random() * 256) : b[at] ^ (1 << Math.floor(random() * 8));
    }
    return b;
  }
  if (op < 0.45) {
    const [at, size] = f.lengthField;
    const [begin, end] = f.header(bytes);
    const value = pick(random, [0, 1, end - begin - 1, end - begin + 1, b.length, 2 ** 31, 2 ** 32 - 1, Math.floor(random() * 2 ** 32)]);
    const view = new DataView(b.buffer);
    if (size === 2) view.setUint16(at, value & 0xffff, true);
    else view.setUint32(at, value >>> 0, true);
    if (size === 8 && random() < 0.3) view.setUint32(at + 4, 1, true);
    return b;
  }
  if (op < 0.5) {
    const at = Math.floor(random() * b.length);
    const extra = Uint8Array.from({ length: 1 + Math.floor(random() * 20) }, () => Math.floor(random() * 256));
    return concat(b.subarray(0, at), extra, b.subarray(at));
  }
  // Header edits, several in a row now and then.
  const [begin, end] = f.header(bytes);
  let text = new TextDecoder().decode(bytes.subarray(begin, end));
  const edits = random() < 0.2 ? 2 + Math.floor(random() * 3) : 1;
  for (let k = 0; k < edits; ++k) text = f.headerKind === 'json' ? mutateJson(text, random) : mutatePyDict(text, random);
  text = f.headerKind === 'json' ? expandSentinels(text) : `${text.trimEnd()}\n`;
  b = f.wrap(bytes, new TextEncoder().encode(text));
  return b;
}

function describeThrown(e) {
  return e instanceof Error ? `${e.constructor.name}: ${e.message}` : `non-Error ${typeof e}: ${String(e)}`;
}

function causedByTrap(e) {
  for (let c = e; c; c = c.cause) if (c instanceof WebAssembly.RuntimeError) return true;
  return false;
}

/**
 * Runs `iterations` mutated cases per format. Returns, per format, counts of parses
 * and errors, the slowest case (for scripts/fuzz_parsers.mjs to report; the tests assert
 * no times), messages of engine errors we only prefixed (worth a clearer message) and
 * failures (contract breaks), each with the case's seed.
 */
export function fuzz(samples, { iterations, seed = 1, formats = Object.keys(FORMATS), log = null }) {
  const report = {};
  for (const format of formats) {
    const f = FORMATS[format];
    const stats = { parsed: 0, errors: 0, slowestMs: 0, wrapped: new Map(), failures: [] };
    const random = seededRandom(seed * 7919 + format.length);
    for (let i = 0; i < iterations; ++i) {
      const bytes = mutate(format, pick(random, samples[format]), random);
      const start = performance.now();
      try {
        const values = f.parse(bytes);
        stats.parsed += 1;
        if (values > bytes.length) {
          stats.failures.push({ case: i, error: `returned ${values} values from a file of ${bytes.length} bytes`, bytes });
        }
      } catch (e) {
        stats.errors += 1;
        const allowed = e instanceof Error && [TypeError, RangeError, Error].includes(e.constructor);
        if (!allowed || !e.message.startsWith(`${f.name}:`) || causedByTrap(e)) {
          stats.failures.push({ case: i, error: describeThrown(e), bytes });
        } else if (e.cause && !String(e.cause.message).startsWith(`${f.name}:`)) {
          const key = String(e.cause.message).slice(0, 120);
          stats.wrapped.set(key, (stats.wrapped.get(key) ?? 0) + 1);
        }
      }
      stats.slowestMs = Math.max(stats.slowestMs, performance.now() - start);
      if (log && (i + 1) % 10000 === 0) log(`${format}: ${i + 1} cases`);
    }
    report[format] = stats;
  }
  return report;
}
