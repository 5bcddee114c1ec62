// The contenders of the Node runners: loading each group's runtime (one per process: TF.js
// backends, our init() and ONNX Runtime's thread count are process-global), with the
// runtime text the records carry, and timing one contender. A peer that is not installed
// throws MissingPeer, which becomes a "missing" record instead of a crash.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import { errorText, timeInTurn } from './stats.mjs';

const require = createRequire(import.meta.url);
const NODE = `Node ${process.version}`;
const DIST = fileURLToPath(new URL('../../../dist/index.js', import.meta.url));
const PACKAGE_JSON = new URL('../../../package.json', import.meta.url);

export class MissingPeer extends Error {}

function resolvePackage(name) {
  try {
    return require.resolve(name);
  } catch {
    throw new MissingPeer(`${name} is not installed (npm install -D ${name}, or npm ci)`);
  }
}

/** TF.js on 'cpu' or 'wasm': {tf, runtime}. */
export async function loadTfjs(backend) {
  resolvePackage('@tensorflow/tfjs');
  // The Node entry point (package "main") is the pure-JS tfjs, not tfjs-node.
  const tf = require('@tensorflow/tfjs');
  let build = '';
  if (backend === 'wasm') {
    const wasm = require(resolvePackage('@tensorflow/tfjs-backend-wasm'));
    // The Node build reads the .wasm with fs.readFileSync(prefix + name), so a directory
    // path works; setWasmPaths(prefix, true) would go through Node 20's fetch, which
    // rejects file paths. Under Node the backend turns threads off (tfjs issue #3830).
    wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    build = ` (${simd ? 'SIMD' : 'baseline'} build, ${threads ? 'threads' : '1 thread'})`;
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') returned false`);
  await tf.ready();
  return { tf, runtime: `TF.js ${tf.version.tfjs} ${backend} backend${build}, ${NODE}` };
}

/**
 * ONNX Runtime Web, wasm execution provider, numThreads fixed before the first session.
 * Its default in Node is min(4, ceil(os.cpus().length / 2)) threads (1 on 2 vCPUs).
 */
export function loadOrt(numThreads) {
  const ort = require(resolvePackage('onnxruntime-web'));
  ort.env.wasm.numThreads = numThreads;
  const threads = numThreads === 1 ? '1 thread' : `${numThreads} threads`;
  return { ort, runtime: `ONNX Runtime Web ${ort.env.versions.web} wasm EP (${threads}), ${NODE}` };
}

/** Our package as built in dist/, one build per process: {api, runtime}. */
export async function loadOurs(threads, count = 0) {
  if (!existsSync(DIST)) throw new MissingPeer('dist/ is not built (bash scripts/build.sh dist)');
  const api = await import(DIST);
  const info = await api.init({ threads });
  const { version } = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8'));
  let used = '';
  if (count) used = `, setThreads(${count}) = ${api.setThreads(count)}`;
  // The pool's workers load in the background once this thread is idle, and a timed loop
  // of synchronous calls never lets it be: without this wait the threads build's rows ran
  // on this thread alone (a 100k x 128 gather: 8.1 ms, against 4.7 ms after the wait). A
  // second is ample for two workers.
  if (info.threads) await new Promise((resolve) => { setTimeout(resolve, 1000); });
  return { api, info, runtime: `embedwasm ${version} ${info.variant} build (init({threads: ${threads}})${used}), ${NODE}` };
}

/**
 * A group's runtime ({load, contenders}), or null after printing a record for each of its
 * contenders: "missing" when a peer is not installed, else failed with the load error.
 * base(contender) gives a record's {bench, case, contender, what}.
 */
export async function loadGroup(groupName, group, base) {
  try {
    return await group.load();
  } catch (error) {
    for (const c of group.contenders) {
      console.log(JSON.stringify(error instanceof MissingPeer
        ? { ...base(c), missing: error.message }
        : { ...base(c), runtime: `${groupName} (failed to load)`, env: 'node', ok: false, error: errorText(error) }));
    }
    return null;
  }
}

/**
 * Times one contender: c.prepare(peer, data) -> {run, read?, after?, release?} outside the
 * timing, then timeReps of run() with check(read(output)), then release(), whatever
 * happened. Resolves to timeReps's result, or {ok: false, error} when preparing or a call threw.
 */
export async function measureContender(c, peer, data, timing) {
  const [result] = await measurePrepared(c, peer, data, timing, [() => {}]);
  return result;
}

// Prepares c once, then times its run() once per entry of befores, the runs taking turns
// call by call (timeInTurn; before(), untimed, sets a run up), then releases it, whatever
// happened. Resolves to one result per entry.
async function measurePrepared(c, peer, data, { warmup, reps, check }, befores) {
  let prepared = null;
  try {
    prepared = await c.prepare(peer, data);
    const read = prepared.read ?? ((out) => out);
    const runs = befores.map((before) => ({ run: prepared.run, before }));
    return await timeInTurn(runs, { warmup, reps, check: (out) => check(read(out)), after: prepared.after });
  } catch (error) {
    return befores.map(() => ({ ok: false, error: errorText(error) }));
  } finally {
    try {
      await prepared?.release?.();
    } catch (error) {
      console.error(`${c.contender}: release failed: ${errorText(error)}`);
    }
  }
}

/** The thread counts the threads build's scaling rows compare. */
export const SCALING_THREADS = [1, 2];

/** The record name of a threads-build contender at t threads: ours-threads... -> ours-threads-<t>t... */
export function atThreads(contender, t) {
  return contender.replace(/^ours-threads/, `ours-threads-${t}t`);
}

/**
 * A runner's group timing the threads build's contenders (named ours-threads...) at each
 * of SCALING_THREADS in one process (measureInTurn). contenders lists the records it
 * owes, one per contender and count; inTurn the contenders as given.
 */
export function threadsInTurnGroup(reps, contenders) {
  return {
    reps,
    inTurn: contenders,
    contenders: SCALING_THREADS.flatMap((t) => contenders.map((c) => ({ ...c, contender: atThreads(c.contender, t) }))),
    load: () => loadOurs(true),
  };
}

/**
 * measureContender for the threads build at each of SCALING_THREADS, the counts taking
 * turns call by call (setThreads, untimed, before each) on one prepared contender: the
 * same memory and the same moment of the machine for every count. Timed in separate
 * processes instead, a 1M x 64 gather on 1 thread took 7.4 ms in one run and 4.4 ms in
 * the next, against 4.2 and 4.4 ms on 2 threads. Resolves to [{threads, result}].
 */
export async function measureInTurn(c, peer, data, timing) {
  const befores = SCALING_THREADS.map((t) => () => { peer.api.setThreads(t); });
  const results = await measurePrepared(c, peer, data, timing, befores);
  return results.map((result, k) => ({ threads: SCALING_THREADS[k], result }));
}

/** The runtime text of a record measureInTurn made at `threads`. */
export function inTurnRuntime(runtime, threads) {
  const others = SCALING_THREADS.filter((t) => t !== threads).join(', ');
  return `${runtime}, setThreads(${threads}) before each call, in turn with setThreads(${others})`;
}
