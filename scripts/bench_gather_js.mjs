// The gather benchmark's JS contenders in Node: TF.js tf.gather and tf.layers.embedding
// (cpu and wasm backends), ONNX Runtime Web's Gather (wasm, 1 and 2 threads) and our
// layers.embedding (SIMD and SIMD + threads builds), on the cases of
// tests/bench/gather_bench.cpp (scripts/bench_data.mjs makes the same table and ids).
// Each group runs in a child process of its own (backends and builds are process-global),
// one after another so they do not compete for the two vCPUs. Every timed call includes
// reading the output into a JS typed array, as a user needs it; "-noreadback" rows leave
// that out where the peer allows it. Every output is checked bit for bit (a gather copies).
// Prints one JSON line per (case, contender) on stdout; progress goes to stderr.
// Usage: node scripts/bench_gather_js.mjs [--warmup W] [--reps R] [--case C]... [group...]
//   groups: tfjs-cpu tfjs-wasm ort-wasm ort-wasm-2t ours-simd ours-threads (default all)
//   cases: 100000x128 1000000x64 (default both). W, R default per group (see GROUPS).
import { fileURLToPath } from 'node:url';
import { runGroup } from './bench_children.mjs';
import { GATHER_CASES, fnv1a64, firstMismatch, gatherCase, referenceGather } from './bench_data.mjs';
import { gatherModelBytes, ONNX_INT32 } from './bench_onnx_gather.mjs';
import { MissingPeer, loadOrt, loadOurs, loadTfjs } from './bench_peers.mjs';
import { errorText, timeReps } from './bench_stats.mjs';

const SELF = fileURLToPath(import.meta.url);
const TIMEOUT_MS = 30 * 60 * 1000;

// Slow peers (hundreds of ms per call) get the schema's minimum; quick ones more reps,
// since one preemption on these shared machines moves a 10 ms median.
const SLOW = { warmup: 3, reps: 10 };
const QUICK = { warmup: 10, reps: 30 };

const GROUPS = {
  'tfjs-cpu': { reps: SLOW, contenders: tfjsContenders('cpu'), load: () => loadTfjs('cpu') },
  'tfjs-wasm': { reps: SLOW, contenders: tfjsContenders('wasm'), load: () => loadTfjs('wasm') },
  'ort-wasm': { reps: QUICK, contenders: ortContenders(''), load: () => loadOrt(1) },
  // 2 = os.cpus().length here; ORT's own default in Node is half the cores (1 here).
  'ort-wasm-2t': { reps: QUICK, contenders: ortContenders('-2t'), load: () => loadOrt(2) },
  'ours-simd': { reps: QUICK, contenders: oursContenders('simd'), load: () => loadOurs(false) },
  'ours-threads': { reps: QUICK, contenders: oursContenders('threads'), load: () => loadOurs(true) },
};

// A contender: {contender, what, prepare(peer, gc) -> {run, after?, release?}}; run()
// returns the output as a Float32Array (or {data}) of N*D values.
function tfjsContenders(backend) {
  return [
    {
      contender: `tfjs-${backend}-gather`,
      what: 'tf.gather(table, ids).dataSync()',
      prepare: ({ tf }, gc) => {
        const table = tf.tensor2d(gc.table, [gc.V, gc.D], 'float32');
        const ids = tf.tensor2d(gc.ids, [gc.B, gc.T], 'int32');
        return {
          run: () => {
            const out = tf.gather(table, ids);
            const data = out.dataSync();
            out.dispose();
            return data;
          },
          release: () => tf.dispose([table, ids]),
        };
      },
    },
    {
      contender: `tfjs-${backend}-gather-noreadback`,
      what: 'tf.gather(table, ids), output left in the backend (read after the timing)',
      prepare: ({ tf }, gc) => {
        const table = tf.tensor2d(gc.table, [gc.V, gc.D], 'float32');
        const ids = tf.tensor2d(gc.ids, [gc.B, gc.T], 'int32');
        return {
          run: () => tf.gather(table, ids),
          read: (out) => out.dataSync(),
          after: (out) => out.dispose(),
          release: () => tf.dispose([table, ids]),
        };
      },
    },
    {
      contender: `tfjs-${backend}-embedding`,
      what: 'tf.layers.embedding({weights: [table]}).apply(ids).dataSync()',
      prepare: ({ tf }, gc) => {
        const table = tf.tensor2d(gc.table, [gc.V, gc.D], 'float32');
        const ids = tf.tensor2d(gc.ids, [gc.B, gc.T], 'int32');
        const layer = tf.layers.embedding({ inputDim: gc.V, outputDim: gc.D, weights: [table] });
        return {
          run: () => {
            const out = tf.tidy(() => layer.apply(ids));
            const data = out.dataSync();
            out.dispose();
            return data;
          },
          release: () => {
            layer.dispose();
            tf.dispose([table, ids]);
          },
        };
      },
    },
  ];
}

function ortContenders(suffix) {
  return [{
    contender: `ort-wasm${suffix}-gather`,
    what: 'InferenceSession.run({ids}) of a one-node Gather model (table as initializer, int32 ids), output .data',
    prepare: async ({ ort }, gc) => {
      const bytes = gatherModelBytes({ table: gc.table, V: gc.V, D: gc.D, idsShape: [gc.B, gc.T], idsType: ONNX_INT32 });
      const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
      const ids = new ort.Tensor('int32', gc.ids, [gc.B, gc.T]);
      return {
        // The wasm EP hands back a CPU tensor whose .data is already a JS Float32Array.
        run: async () => (await session.run({ ids })).out,
        read: (out) => out.data,
        after: (out) => out.dispose(),
        release: () => session.release(),
      };
    },
  }];
}

// Two ways to call apply: a fresh output array per call, and one reused array passed as
// {out} (what a caller gathering batch after batch does; PERF-NOTES lesson 4).
function oursContenders(variant) {
  const prepare = (reuseOut) => ({ api }, gc) => {
    const layer = api.layers.embedding({ inputDim: gc.V, outputDim: gc.D, weights: [{ data: gc.table, shape: [gc.V, gc.D] }] });
    const ids = { data: gc.ids, shape: [gc.B, gc.T] };
    const out = reuseOut === 'heap' ? api.heapTensor([gc.B, gc.T, gc.D]) : new Float32Array(gc.B * gc.T * gc.D);
    const run = reuseOut ? () => layer.apply(ids, { out }).data : () => layer.apply(ids).data;
    return { run, release: () => { layer.dispose(); if (reuseOut === 'heap') out.dispose(); } };
  };
  return [{
    contender: `ours-${variant}`,
    what: 'layers.embedding({weights: [table]}).apply({data: ids, shape: [B, T]}).data',
    prepare: prepare(false),
  }, {
    contender: `ours-${variant}-out`,
    what: 'layers.embedding({weights: [table]}).apply(ids, {out}).data, one reused output array',
    prepare: prepare(true),
  }, {
    contender: `ours-${variant}-heap`,
    what: 'layers.embedding({weights: [table]}).apply(ids, {out: heapTensor}).data: rows written in the wasm heap, no copy',
    prepare: prepare('heap'),
  }];
}

function mismatchText(got, expected, D) {
  if (!got || got.length !== expected.length) {
    return `output has ${got?.length} values, expected ${expected.length}`;
  }
  const i = firstMismatch(got, expected);
  if (i < 0) return null;
  return `output differs from the reference gather at element ${i} (output row ${Math.floor(i / D)}, column ${i % D}): got ${got[i]}, expected ${expected[i]}`;
}

async function child(groupName, caseName, warmupArg, repsArg) {
  const group = GROUPS[groupName];
  const warmup = warmupArg ? Number(warmupArg) : group.reps.warmup;
  const reps = repsArg ? Number(repsArg) : group.reps.reps;
  const base = (c) => ({ bench: 'gather', case: caseName, contender: c.contender, what: c.what });
  let peer;
  try {
    peer = await group.load();
  } catch (error) {
    for (const c of group.contenders) {
      console.log(JSON.stringify(error instanceof MissingPeer
        ? { ...base(c), missing: error.message }
        : { ...base(c), runtime: `${groupName} (failed to load)`, env: 'node', ok: false, error: errorText(error) }));
    }
    return;
  }
  const gc = gatherCase(caseName);
  const expected = referenceGather(gc.table, gc.ids, gc.D);
  const check = `bit-exact against a JS element-by-element gather (FNV-1a ${fnv1a64(expected)}, as gather_bench.cpp prints)`;
  for (const c of group.contenders) {
    const record = { ...base(c), runtime: peer.runtime, env: 'node' };
    console.error(`gather ${caseName}: ${c.contender}`);
    let prepared = null;
    try {
      prepared = await c.prepare(peer, gc);
      const read = prepared.read ?? ((out) => out);
      const result = await timeReps(prepared.run, {
        warmup, reps,
        check: (out) => mismatchText(read(out), expected, gc.D),
        after: prepared.after,
      });
      Object.assign(record, result, result.ok ? { bytes: expected.byteLength, check } : {});
    } catch (error) {
      Object.assign(record, { ok: false, error: errorText(error) });
    } finally {
      try {
        await prepared?.release?.();
      } catch (error) {
        console.error(`gather: ${c.contender}: release failed: ${errorText(error)}`);
      }
    }
    if (peer.tf) record.tensorsLeft = peer.tf.memory().numTensors;
    console.log(JSON.stringify(record));
  }
}

function parseArgs(argv) {
  const o = { warmup: '', reps: '', cases: [], groups: [] };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--warmup') o.warmup = argv[++i];
    else if (a === '--reps') o.reps = argv[++i];
    else if (a === '--case') o.cases.push(argv[++i]);
    else if (GROUPS[a]) o.groups.push(a);
    else throw new Error(`unknown argument '${a}' (--warmup W, --reps R, --case ${Object.keys(GATHER_CASES).join('|')}, ${Object.keys(GROUPS).join(', ')})`);
  }
  for (const c of o.cases) if (!GATHER_CASES[c]) throw new Error(`unknown case '${c}' (${Object.keys(GATHER_CASES).join(', ')})`);
  if (o.warmup && !(Number.isInteger(Number(o.warmup)) && Number(o.warmup) >= 1)) throw new Error('--warmup must be an integer >= 1');
  if (o.reps && !(Number.isInteger(Number(o.reps)) && Number(o.reps) >= 1)) throw new Error('--reps must be an integer >= 1');
  if (!o.cases.length) o.cases = Object.keys(GATHER_CASES);
  if (!o.groups.length) o.groups = Object.keys(GROUPS);
  return o;
}

async function main(argv) {
  if (argv[0] === '--child') return child(...argv.slice(1));
  let o;
  try {
    o = parseArgs(argv);
  } catch (error) {
    console.error(`bench_gather_js: ${error.message}`);
    process.exitCode = 2;
    return;
  }
  for (const caseName of o.cases) {
    for (const g of o.groups) {
      const owed = GROUPS[g].contenders.map((c) => ({ case: caseName, contender: c.contender, what: c.what }));
      await runGroup({
        label: 'gather', group: g, bench: 'gather', script: SELF, args: ['--child', g, caseName, o.warmup, o.reps], owed, timeoutMs: TIMEOUT_MS,
      });
    }
  }
}

await main(process.argv.slice(2));
// ORT and our threads build keep worker threads; TF.js may hold timers: end now.
process.exit(process.exitCode ?? 0);
