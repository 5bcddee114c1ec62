// The gather benchmark in the browser section's page (browser.mjs drives it).
// run(): one contender of page_contenders.mjs on one case: the case's data from the shared
// generator (common/data.mjs), then timed calls (common/stats.mjs, as the Node runners
// time them), each output checked bit for bit against the reference gather (a gather
// copies, so nothing but exact equality passes).
// runKernel(): our raw kernel, native.cpp built for the web (gather_bench_web, served under
// /kernel/); its main() times and checks its variants itself and prints one JSON line
// each, which go back as text.
import { firstMismatch, fnv1a64, gatherCase, referenceGather } from '../common/data.mjs';
import { errorText, timeReps } from '../common/stats.mjs';

import { CONTENDERS } from './page_contenders.mjs';

/** null when out is exactly the expected rows, else where and how it differs. */
export function compare(out, expected, D) {
  if (!(out instanceof Float32Array)) return `output is ${out?.constructor?.name ?? typeof out}, not a Float32Array`;
  const i = firstMismatch(out, expected);
  if (i < 0) return null;
  if (out.length !== expected.length) return `output has ${out.length} floats, expected ${expected.length}`;
  // Bit patterns too, so that -0 against 0 (or two NaNs) reads as a difference.
  const bits = (x) => `0x${new Uint32Array(Float32Array.of(x).buffer)[0].toString(16).padStart(8, '0')}`;
  return `output float ${i} (row ${Math.floor(i / D)}, column ${i % D}) is ${out[i]} (${bits(out[i])}), ` +
    `the table row holds ${expected[i]} (${bits(expected[i])})`;
}

export async function run({ caseName, contender, warmup, reps }) {
  const c = CONTENDERS[contender];
  if (!c) throw new TypeError(`run: unknown contender '${contender}' (${Object.keys(CONTENDERS).join(', ')})`);
  const record = { bench: 'gather', case: caseName, contender, what: c.what };
  const gc = gatherCase(caseName);
  const expected = referenceGather(gc.table, gc.ids, gc.D);
  let impl;
  try {
    impl = await c.setup(gc);
  } catch (error) {
    return { ...record, ok: false, stage: 'setup', error: errorText(error) };
  }
  record.runtime = impl.runtime;
  try {
    const result = await timeReps(impl.call, { warmup, reps, check: (out) => compare(out, expected, gc.D) });
    const check = `every call: bit-exact against a JS element-by-element gather (FNV-1a ${fnv1a64(expected)}, as native.cpp prints)`;
    return { ...record, ...result, ...(result.ok ? { bytes: expected.byteLength, check } : { stage: 'check' }) };
  } catch (error) {
    return { ...record, ok: false, stage: 'run', error: errorText(error) };
  } finally {
    try { impl.dispose?.(); } catch { /* the page is closed next anyway */ }
  }
}

export async function runKernel({ V, D, warmup, reps }) {
  const { default: createGatherBench } = await import('/kernel/gather_bench_web.mjs');
  const lines = [];
  const errors = [];
  const m = await createGatherBench({ print: (l) => lines.push(l), printErr: (l) => errors.push(l) });
  const code = m.callMain([`--V=${V}`, `--D=${D}`, `--warmup=${warmup}`, `--reps=${reps}`]);
  return { code, lines, errors };
}
