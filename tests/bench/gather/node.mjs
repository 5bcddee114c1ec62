// The gather benchmark in Node, on the cases of common/data.mjs (the same table and ids
// as native.cpp draws): native.cpp's builds (group "native": native -O3 and -march=native,
// wasm SIMD and wasm without vectorisation under Node), then the JS contenders: TF.js
// tf.gather and tf.layers.embedding (cpu and wasm backends), ONNX Runtime Web's Gather
// (wasm, 1 and 2 threads) and our layers.embedding (SIMD and SIMD + threads builds).
// Each JS group runs in a child process of its own (common/children.mjs). Every timed
// call includes reading the output into a JS typed array, as a user needs it;
// "-noreadback" rows leave that out where the peer allows it. Every output is checked bit
// for bit (a gather copies). Prints one JSON line per (case, contender) on stdout;
// progress goes to stderr.
// Usage: node tests/bench/gather/node.mjs [--warmup W] [--reps R] [--case C]... [group...]
//   groups: native tfjs-cpu tfjs-wasm ort-wasm ort-wasm-2t ours-simd ours-threads ours-threads-1t-2t
//           (default all)
//   cases: 100000x128 1000000x64 (default both). W, R default per group (see GROUPS).
import { fileURLToPath } from 'node:url';

import { passArgs, readArgs } from '../../../scripts/lib/args.mjs';
import { REPS_OPTIONS, runGroup } from '../common/children.mjs';
import { GATHER_CASES, fnv1a64, firstMismatch, gatherCase, referenceGather } from '../common/data.mjs';
import {
  atThreads, inTurnRuntime, loadGroup, loadOrt, loadOurs, loadTfjs, measureContender, measureInTurn, threadsInTurnGroup,
} from '../common/peers.mjs';
import { printProgram } from '../common/programs.mjs';
import { gatherModelBytes, ONNX_INT32 } from './onnx_model.mjs';

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
  // The threads build with the hot paths on 1 and on 2 threads (setThreads), taking turns
  // call by call in one process, for scaling: records ours-threads-1t... and -2t....
  'ours-threads-1t-2t': threadsInTurnGroup(QUICK, oursContenders('threads')),
};

// native.cpp's variants per build: the portable -O3 binary has every native one, the
// -march=native build the memcpy-per-row baseline, the wasm builds the kernels under Node.
const PROGRAMS = [
  ['native', 'gather_bench', ['memcpy_rows', 'memcpy', 'scalar']],
  ['native-march', 'gather_bench', ['memcpy_rows']],
  ['wasm', 'gather_bench', ['wasmsimd', 'scalar', 'memcpy']],
  ['wasm', 'gather_bench_novec', ['scalar']],
];

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

// Three ways to call apply: a fresh output array per call, one reused array passed as
// {out} (what a caller gathering batch after batch does: a fresh output of tens of MB
// costs page faults on every call), and a reused HeapTensor (no copy out of the heap).
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

async function child({ child: groupName, case: [caseName], warmup, reps }) {
  const group = GROUPS[groupName];
  const base = (c) => ({ bench: 'gather', case: caseName, contender: c.contender, what: c.what });
  const peer = await loadGroup(groupName, group, base);
  if (!peer) return;
  const gc = gatherCase(caseName);
  const expected = referenceGather(gc.table, gc.ids, gc.D);
  const check = `bit-exact against a JS element-by-element gather (FNV-1a ${fnv1a64(expected)}, as native.cpp prints)`;
  const timing = { warmup: warmup ?? group.reps.warmup, reps: reps ?? group.reps.reps, check: (out) => mismatchText(out, expected, gc.D) };
  const print = (c, runtime, result) => {
    const record = { ...base(c), runtime, env: 'node', ...result, ...(result.ok ? { bytes: expected.byteLength, check } : {}) };
    if (peer.tf) record.tensorsLeft = peer.tf.memory().numTensors;
    console.log(JSON.stringify(record));
  };
  if (group.inTurn) {
    for (const c of group.inTurn) {
      console.error(`gather ${caseName}: ${c.contender}, thread counts in turn`);
      for (const { threads, result } of await measureInTurn(c, peer, gc, timing)) {
        print({ ...c, contender: atThreads(c.contender, threads) }, inTurnRuntime(peer.runtime, threads), result);
      }
    }
    return;
  }
  for (const c of group.contenders) {
    console.error(`gather ${caseName}: ${c.contender}`);
    print(c, peer.runtime, await measureContender(c, peer, gc, timing));
  }
}

const args = readArgs({
  name: 'gather',
  usage: 'node tests/bench/gather/node.mjs [--warmup W] [--reps R] [--case C]... [native|group...]',
  options: {
    ...REPS_OPTIONS,
    case: { type: 'string', multiple: true, choices: Object.keys(GATHER_CASES) },
    child: { type: 'string', choices: Object.keys(GROUPS) },
  },
  positionals: ['native', ...Object.keys(GROUPS)],
});
if (args.child) {
  await child(args);
} else {
  const cases = args.case ?? Object.keys(GATHER_CASES);
  const groups = args.positionals.length ? args.positionals : ['native', ...Object.keys(GROUPS)];
  const counts = passArgs(args, ['warmup', 'reps']);
  if (groups.includes('native')) {
    for (const caseName of cases) {
      const { V, D } = GATHER_CASES[caseName];
      console.error(`gather ${caseName}: native.cpp, native and wasm under Node ${process.version}`);
      for (const [build, name, variants] of PROGRAMS) await printProgram(build, name, [`--V=${V}`, `--D=${D}`, ...counts, ...variants]);
    }
  }
  for (const caseName of cases) {
    for (const g of groups.filter((name) => name !== 'native')) {
      const owed = GROUPS[g].contenders.map((c) => ({ case: caseName, contender: c.contender, what: c.what }));
      const childArgs = [`--child=${g}`, `--case=${caseName}`, ...counts];
      await runGroup({ label: 'gather', group: g, bench: 'gather', script: SELF, args: childArgs, owed, timeoutMs: TIMEOUT_MS });
    }
  }
}
// ORT and our threads build keep worker threads; TF.js may hold timers: end now.
process.exit(process.exitCode ?? 0);
