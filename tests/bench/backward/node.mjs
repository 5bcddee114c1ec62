// The backward benchmark in Node: dL/dW of an embedding lookup, the scatter-add of
// dy (N, D) into a zeroed (V, D) at rows ids, for ids (B, T) = (1024, 64), V = 100,000,
// D = 128. Data: common/data.mjs, the "100000x128" gather case's table stream, its ids,
// then dy continuing the same splitmix64 stream (backwardDy), as native.cpp draws them.
// Contenders: native.cpp inside the engine (group "native": native -O3 and wasm under
// Node), then, each group in a child process of its own (backends and builds are
// process-global):
//   ours: layer.backward(ids, dy), dense (V, D) and with sparse: true (touched rows);
//   TF.js cpu and wasm: tf.grad of tf.gather (what a model's fit() does), and the kernels
//   an engineer would call directly: tf.unsortedSegmentSum and tf.scatterND (which adds
//   duplicate indices, as TensorFlow's scatter_nd does).
// TF.js's UnsortedSegmentSum (the gradient of gather) makes one pass over all of dy per
// table row on the cpu backend, ~1.5 s per row here: ~40 hours at V = 100,000 (and it
// holds every row's (N, D) product until the end: terabytes). Those
// contenders are measured at small V instead (ids mod V, same dy; cases "<V>x128"), and
// the full-size row is ok: false with the fitted per-row cost and an extrapolated time
// marked as an estimate. Every output is read back into a JS typed array inside the timing
// and checked against a float64 JS scatter-add within float32 summation error.
// Usage: node tests/bench/backward/node.mjs [--warmup W] [--reps R] [--scaling-v V]...
//          [--scaling-reps R] [group...]   groups: native tfjs-cpu tfjs-wasm ours-simd ours-threads
//          ours-threads-1t-2t
import { fileURLToPath } from 'node:url';

import { passArgs, readArgs } from '../../../scripts/lib/args.mjs';
import { REPS_OPTIONS, runGroup } from '../common/children.mjs';
import { backwardDy, compareWithin, gatherCase, referenceScatterAdd, scatterAddTolerance } from '../common/data.mjs';
import {
  atThreads, inTurnRuntime, loadGroup, loadOurs, loadTfjs, measureContender, measureInTurn, threadsInTurnGroup,
} from '../common/peers.mjs';
import { printProgram } from '../common/programs.mjs';

const SELF = fileURLToPath(import.meta.url);
const CASE = '100000x128';
const TIMEOUT_MS = 40 * 60 * 1000;
const SLOW = { warmup: 3, reps: 10 };
const QUICK = { warmup: 10, reps: 30 };
// Scaling points: the per-row cost is what matters and one call at V = 4 already takes
// seconds, so these get 1 warm-up and 3 timed calls each (not comparison rows).
const SCALING = { v: [1, 2, 4], warmup: 1, reps: 3 };

const GROUPS = {
  'tfjs-cpu': { reps: SLOW, contenders: tfjsContenders('cpu'), load: () => loadTfjs('cpu') },
  'tfjs-wasm': { reps: SLOW, contenders: tfjsContenders('wasm'), load: () => loadTfjs('wasm') },
  'ours-simd': { reps: QUICK, contenders: oursContenders('simd'), load: () => loadOurs(false) },
  'ours-threads': { reps: QUICK, contenders: oursContenders('threads'), load: () => loadOurs(true) },
  // The threads build with its hot paths on 1 and on 2 threads (setThreads), taking turns
  // call by call in one process, for scaling: records ours-threads-1t... and -2t....
  'ours-threads-1t-2t': threadsInTurnGroup(QUICK, oursContenders('threads')),
};

// A contender: {contender, what, perRow?, prepare(peer, p) -> {run, release}} where p is
// {V, D, ids, dy} and run() returns {dense: Float32Array (V*D)} or {indices, values}.
// perRow: costs a pass over dy per table row on that backend (measured at small V).
function tfjsContenders(backend) {
  const perRow = backend === 'cpu';
  const tensors = (tf, p) => ({
    ids: tf.tensor1d(p.ids, 'int32'),
    dy: tf.tensor2d(p.dy, [p.ids.length, p.D], 'float32'),
  });
  return [
    {
      contender: `tfjs-${backend}-grad-gather`,
      what: 'tf.grad(w => tf.gather(w, ids))(table, dy).dataSync()',
      perRow,
      prepare: ({ tf }, p) => {
        const { ids, dy } = tensors(tf, p);
        const table = tf.zeros([p.V, p.D]);
        const grad = tf.grad((w) => tf.gather(w, ids));
        return {
          run: () => {
            const g = grad(table, dy);
            const dense = g.dataSync();
            g.dispose();
            return { dense };
          },
          release: () => tf.dispose([ids, dy, table]),
        };
      },
    },
    {
      contender: `tfjs-${backend}-unsorted-segment-sum`,
      what: 'tf.unsortedSegmentSum(dy, ids, V).dataSync()',
      perRow,
      prepare: ({ tf }, p) => {
        const { ids, dy } = tensors(tf, p);
        return {
          run: () => {
            const g = tf.unsortedSegmentSum(dy, ids, p.V);
            const dense = g.dataSync();
            g.dispose();
            return { dense };
          },
          release: () => tf.dispose([ids, dy]),
        };
      },
    },
    {
      contender: `tfjs-${backend}-scatter-nd`,
      what: 'tf.scatterND(ids as (N, 1), dy, [V, D]).dataSync() (duplicates add up)',
      prepare: ({ tf }, p) => {
        const ids = tf.tensor2d(p.ids, [p.ids.length, 1], 'int32');
        const dy = tf.tensor2d(p.dy, [p.ids.length, p.D], 'float32');
        return {
          run: () => {
            const g = tf.scatterND(ids, dy, [p.V, p.D]);
            const dense = g.dataSync();
            g.dispose();
            return { dense };
          },
          release: () => tf.dispose([ids, dy]),
        };
      },
    },
    {
      // The embedding part of a training step the fastest way TF.js has: its fastest
      // gradient (scatterND) and then its Adam step on the (V, D) table. Compared with our
      // fused backward + SparseAdam (native.cpp's fused-adam, wasm).
      contender: `tfjs-${backend}-scatter-nd-adam`,
      what: 'tf.scatterND gradient, then tf.train.adam().applyGradients on the (V, D) variable',
      prepare: ({ tf }, p) => {
        const ids = tf.tensor2d(p.ids, [p.ids.length, 1], 'int32');
        const dy = tf.tensor2d(p.dy, [p.ids.length, p.D], 'float32');
        const table = tf.variable(tf.zeros([p.V, p.D]), true, 'table');
        const adam = tf.train.adam(0.001);
        return {
          run: () => {
            const g = tf.scatterND(ids, dy, [p.V, p.D]);
            adam.applyGradients({ table: g });
            // Reading one value waits for the update (a no-op on the synchronous backends).
            table.dataSync();
            const dense = g.dataSync();
            g.dispose();
            return { dense };
          },
          release: () => { adam.dispose(); tf.dispose([ids, dy, table]); },
        };
      },
    },
  ];
}

// Dense into a fresh array, dense into one reused array ({out}, no allocation per call),
// and sparse (the touched rows).
function oursContenders(variant) {
  // reuseOut: false (a fresh array per call), 'array' (one reused Float32Array as out) or
  // 'heap' (dy and out as HeapTensors: nothing copied between JS and the heap).
  const make = (sparse, reuseOut = false) => ({
    contender: `ours-${variant}${sparse ? '-sparse' : ''}${reuseOut === 'array' ? '-out' : reuseOut === 'heap' ? '-heap' : ''}`,
    what: sparse
      ? 'layers.embedding({sparse: true}).backward(ids, dy): {indices, values} of the touched rows'
      : reuseOut === 'array' ? 'layers.embedding().backward(ids, dy, {out}).data: dense (V, D) into one reused array'
        : reuseOut === 'heap' ? 'layers.embedding().backward(ids, dy: heapTensor, {out: heapTensor}).data: dense (V, D), dy and the gradient in the wasm heap (no copies)'
          : 'layers.embedding().backward(ids, dy).data: dense (V, D)',
    prepare: ({ api }, p) => {
      const layer = api.layers.embedding({ inputDim: p.V, outputDim: p.D, sparse, embeddingsInitializer: 'zeros' });
      const ids = { data: p.ids, shape: [p.ids.length / 64, 64] };
      const dyShape = [p.ids.length / 64, 64, p.D];
      let dy = { data: p.dy, shape: dyShape };
      let out;
      if (reuseOut === 'array') out = new Float32Array(p.V * p.D);
      if (reuseOut === 'heap') {
        dy = api.heapTensor(dyShape);
        dy.data.set(p.dy);
        out = api.heapTensor([p.V, p.D]);
      }
      return {
        run: () => {
          const g = layer.backward(ids, dy, reuseOut ? { out } : {});
          return sparse ? { indices: g.indices, values: g.values.data } : { dense: g.data };
        },
        release: () => {
          layer.dispose();
          if (reuseOut === 'heap') {
            dy.dispose();
            out.dispose();
          }
        },
      };
    },
  });
  return [make(false), make(false, 'array'), make(false, 'heap'), make(true)];
}

// Checks a dense or sparse gradient against the reference; null when right.
function makeChecker(p) {
  const expected = referenceScatterAdd(p.ids, p.dy, p.V, p.D);
  const tolerance = scatterAddTolerance(p.ids, p.dy, p.V, p.D);
  const touched = Int32Array.from(new Set(p.ids)).sort();
  const check = (out) => {
    if (out.dense) {
      const c = compareWithin(out.dense, expected, tolerance);
      return c.ok ? null : c.detail;
    }
    const { indices, values } = out;
    if (indices.length !== touched.length || indices.some((r, i) => r !== touched[i])) {
      return `sparse indices are not the ${touched.length} sorted unique ids (got ${indices.length} rows)`;
    }
    const rows = (a) => {
      const o = new a.constructor(touched.length * p.D);
      touched.forEach((r, i) => o.set(a.subarray(r * p.D, (r + 1) * p.D), i * p.D));
      return o;
    };
    const c = compareWithin(values, rows(expected), rows(tolerance));
    return c.ok ? null : `sparse values: ${c.detail}`;
  };
  const bytes = (out) => (out.dense ? out.dense.byteLength : out.values.byteLength + out.indices.byteLength);
  return { check, bytes };
}

const CHECK = 'against a float64 JS scatter-add, each element within min(count(row), 64) 2^-23 sum|dy| + 2^-30 (float32 sums in any order)';

// The check of p's gradient, which also counts the output's bytes, and the record fields
// a result gets from it.
function checked(p) {
  const checker = makeChecker(p);
  let bytes = 0;
  return {
    check: (out) => {
      bytes = checker.bytes(out);
      return checker.check(out);
    },
    record: (result) => (result.ok ? { ...result, bytes, check: CHECK } : result),
  };
}

async function measure(c, peer, p, reps) {
  const { check, record } = checked(p);
  return record(await measureContender(c, peer, p, { ...reps, check }));
}

// measure() at each thread count in turn (measureInTurn): [{threads, result}].
async function measureThreads(c, peer, p, reps) {
  const { check, record } = checked(p);
  const results = await measureInTurn(c, peer, p, { ...reps, check });
  return results.map(({ threads, result }) => ({ threads, result: record(result) }));
}

// Least-squares line ms = a + b V through the scaling points.
function fitLine(points) {
  const n = points.length;
  const mx = points.reduce((s, q) => s + q.V, 0) / n;
  const my = points.reduce((s, q) => s + q.ms, 0) / n;
  const sxy = points.reduce((s, q) => s + (q.V - mx) * (q.ms - my), 0);
  const sxx = points.reduce((s, q) => s + (q.V - mx) ** 2, 0);
  const b = sxx > 0 ? sxy / sxx : my / mx;
  return { a: my - b * mx, b };
}

async function child({ child: groupName, warmup, reps: timed, 'scaling-v': scalingV, 'scaling-reps': scalingTimed }) {
  const group = GROUPS[groupName];
  const reps = { warmup: warmup ?? group.reps.warmup, reps: timed ?? group.reps.reps };
  const scalingReps = { warmup: SCALING.warmup, reps: scalingTimed ?? SCALING.reps };
  const base = (c, caseName = CASE) => ({ bench: 'backward', case: caseName, contender: c.contender, what: c.what });
  const peer = await loadGroup(groupName, group, base);
  if (!peer) return;
  const gc = gatherCase(CASE);
  const full = { V: gc.V, D: gc.D, ids: gc.ids, dy: backwardDy(gc) };
  const out = (record) => {
    if (peer.tf) record.tensorsLeft = peer.tf.memory().numTensors;
    console.log(JSON.stringify(record));
  };
  for (const c of group.inTurn ?? []) {
    console.error(`backward ${CASE}: ${c.contender}, thread counts in turn`);
    for (const { threads, result } of await measureThreads(c, peer, full, reps)) {
      out({ ...base({ ...c, contender: atThreads(c.contender, threads) }), runtime: inTurnRuntime(peer.runtime, threads), env: 'node', ...result });
    }
  }
  for (const c of group.inTurn ? [] : group.contenders) {
    const head = { runtime: peer.runtime, env: 'node' };
    if (!c.perRow) {
      console.error(`backward ${CASE}: ${c.contender}`);
      out({ ...base(c), ...head, ...(await measure(c, peer, full, reps)) });
      continue;
    }
    const points = [];
    let failed = null;
    for (const V of scalingV ?? SCALING.v) {
      const caseName = `${V}x${gc.D}`;
      console.error(`backward ${caseName} (scaling, ids mod ${V}): ${c.contender}`);
      const p = { ...full, V, ids: full.ids.map((id) => id % V) };
      const r = await measure(c, peer, p, scalingReps);
      out({ ...base(c, caseName), ...head, scalingOf: CASE, idsNote: `ids of ${CASE} mod ${V}, same dy`, ...r });
      if (!r.ok) { failed = r.error; break; }
      points.push({ V, ms: r.median_ms });
    }
    if (failed !== null) {
      out({ ...base(c), ...head, ok: false, error: `not run at full size; at small V it failed: ${failed}` });
      continue;
    }
    const { a, b } = fitLine(points);
    const p0Bytes = full.ids.length * full.D * 4;
    const estimate = a + b * full.V;
    out({
      ...base(c), ...head, ok: false,
      error: `not run at V = ${full.V}: TF.js's ${groupName.slice(5)} UnsortedSegmentSum (also the gradient of gather) makes one pass ` +
        `over dy (N x D) per table row. Measured medians: ${points.map((q) => `V = ${q.V}: ${q.ms.toFixed(0)} ms`).join(', ')}; ` +
        `fitted ${b.toFixed(0)} ms per row. ESTIMATE (extrapolated, not measured) at V = ${full.V}: ` +
        `${(estimate / 1000).toFixed(0)} s (${(estimate / 3.6e6).toFixed(1)} h). It also keeps every row's (N, D) product ` +
        `until the end (tfjs-backend-cpu kernels/UnsortedSegmentSum.js): ${(full.V * p0Bytes / 1e12).toFixed(1)} TB at this V, ` +
        'so it would run out of memory first',
      per_row_ms: b, estimated_ms: estimate, estimate: true,
      scaling: points,
    });
  }
}

const args = readArgs({
  name: 'backward',
  usage: 'node tests/bench/backward/node.mjs [--warmup W] [--reps R] [--scaling-v V]... [--scaling-reps R] [native|group...]',
  options: {
    ...REPS_OPTIONS,
    'scaling-v': { type: 'string', multiple: true, min: 1 },
    'scaling-reps': { type: 'string', min: 1 },
    child: { type: 'string', choices: Object.keys(GROUPS) },
  },
  positionals: ['native', ...Object.keys(GROUPS)],
});
if (args['scaling-v'] && args['scaling-v'].length < 2) {
  console.error('backward: --scaling-v needs at least two values, e.g. --scaling-v 1 --scaling-v 2');
  process.exit(2);
}
if (args.child) {
  await child(args);
} else {
  const groups = args.positionals.length ? args.positionals : ['native', ...Object.keys(GROUPS)];
  const counts = passArgs(args, ['warmup', 'reps']);
  if (groups.includes('native')) {
    console.error('backward: in the engine, native and wasm (native.cpp)');
    for (const build of ['native', 'wasm']) await printProgram(build, 'backward_bench', counts);
  }
  for (const g of groups.filter((name) => name !== 'native')) {
    const owed = GROUPS[g].contenders.map((c) => ({ case: CASE, contender: c.contender, what: c.what }));
    await runGroup({
      label: 'backward', group: g, bench: 'backward', script: SELF,
      args: [`--child=${g}`, ...passArgs(args, ['warmup', 'reps', 'scaling-v', 'scaling-reps'])], owed, timeoutMs: TIMEOUT_MS,
    });
  }
}
process.exit(process.exitCode ?? 0);
