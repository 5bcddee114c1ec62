// gather: out (1024 x 64, D) <- rows of a (V, D) table, two table sizes. The C++ program
// (native.cpp) prints {build, variant, V, D}; the JS runners print
// {case, contender}. Targets compare our wasm SIMD kernel with the native memcpy-per-row
// gather, and our package's public call (ids in, a Float32Array out) with the peers' public
// calls, each including the read-back of the output into a typed array.
import { BUILD_RUNTIME, checkTarget, speedup, timedTable, times } from '../common/report.mjs';

export function normalize(r) {
  if (r.case) return r;
  return {
    ...r, case: `${r.V}x${r.D}`, contender: `${r.build}-${r.variant}`,
    runtime: BUILD_RUNTIME[r.build] ?? r.build, what: r.what,
  };
}

// Peer contenders the issue names, by the ids node.mjs prints.
export const PEERS = [
  ['tfjs-cpu-gather', 'TF.js tf.gather, cpu backend', 30],
  ['tfjs-wasm-gather', 'TF.js tf.gather, wasm backend', 30],
  ['tfjs-cpu-embedding', 'TF.js tf.layers.embedding, cpu backend', 30],
  ['tfjs-wasm-embedding', 'TF.js tf.layers.embedding, wasm backend', 30],
  ['ort-wasm-gather', 'ONNX Runtime Web Gather, wasm', 2],
];
// Ours as a user calls it in a loop: the public apply() into a reused HeapTensor (rows
// written in the wasm heap; the Float32Array-out and fresh-array rows are in the table).
export const OURS_API = 'ours-threads-heap';

export function gatherTargets(records, caseId, { env = 'Node', kernel = 'wasm-wasmsimd', native = 'native-memcpy_rows', api = OURS_API } = {}) {
  const find = (id) => records.find((r) => r.case === caseId && r.contender === id);
  const fmt = (x) => times(x);
  const targets = [checkTarget({
    label: `${caseId}: wasm SIMD kernel (${env}) vs native memcpy-per-row gather`,
    value: speedup(find(kernel), find(native)), required: { min: 0.9 }, format: fmt,
  })];
  for (const [id, label, min] of PEERS) {
    const peer = find(id) ?? records.find((r) => r.case === caseId && r.contender.startsWith(id));
    targets.push(checkTarget({
      label: `${caseId}: ours (${api}, ${env}) vs ${label}`, value: speedup(find(api), peer), required: { min },
      format: fmt, detail: peer?.missing ? `missing: ${peer.missing}` : peer?.error ? `peer failed: ${peer.error}` : undefined,
    }));
  }
  return targets;
}

// The threads build's gather on 1 and 2 threads (setThreads), each through the public
// apply() into a reused HeapTensor: its scaling, and 2 threads against ONNX Runtime Web
// on 1 and on 2 threads.
export function threadTargets(records, caseId) {
  const find = (id) => records.find((r) => r.case === caseId && r.contender === id);
  const one = find('ours-threads-1t-heap');
  const two = find('ours-threads-2t-heap');
  const targets = [checkTarget({
    label: `${caseId}: gather scaling, 1 -> 2 threads (ours-threads-1t-heap / -2t-heap)`,
    value: speedup(two, one), required: { min: 1.7 }, format: times,
  })];
  for (const [id, label] of [['ort-wasm-gather', 'ONNX Runtime Web, 1 thread'], ['ort-wasm-2t-gather', 'ONNX Runtime Web, 2 threads']]) {
    targets.push(checkTarget({
      label: `${caseId}: ours on 2 threads vs ${label}`, value: speedup(two, find(id)), required: { min: 2 }, format: times,
    }));
  }
  return targets;
}

export function report(raw) {
  const records = raw.map(normalize);
  const cases = [...new Set(records.map((r) => r.case))];
  const parts = [];
  const targets = [];
  for (const c of cases) {
    const rows = records.filter((r) => r.case === c);
    const ref = rows.find((r) => r.contender === 'native-memcpy_rows');
    const sample = rows.find((r) => r.bytes);
    parts.push(`gather ${c} (V x D), ids 1024 x 64 uniform (splitmix64 seed 20240611)` +
      `${sample ? `, output ${(sample.bytes / 1e6).toFixed(1)} MB` : ''}; each rep one call; ` +
      'outputs checked against the expected rows');
    parts.push(timedTable(rows, {
      reference: ref, vsTitle: 'vs native memcpy per row',
      extra: [{ key: 'gbps', title: 'GB/s', right: true, value: (r) => (r.bytes ? (r.bytes / r.median_ms / 1e6).toFixed(2) : '—') }],
    }));
    targets.push(...gatherTargets(records, c));
    targets.push(...threadTargets(records, c));
  }
  return { parts, targets, records };
}
