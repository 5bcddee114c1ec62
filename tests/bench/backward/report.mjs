// backward: dL/dW of the gather (ids 1024 x 64, dy (1024 x 64, 128), table 100,000 x 128).
// Ours inside the engine (native.cpp: what training uses, nothing copied to JS) and
// through the public API (node.mjs), against TF.js:
// tf.grad of tf.gather (what its fit() runs) and the kernels an engineer could call instead.
import { BUILD_RUNTIME, checkTarget, ms, speedup, status, timedTable, times } from '../common/report.mjs';

export function report(raw) {
  const records = raw.map((r) => (r.contender ? r : { ...r, contender: `${r.build}-${r.variant}`, runtime: BUILD_RUNTIME[r.build] ?? r.build }));
  const main = records.filter((r) => r.case === '100000x128');
  const scaling = records.filter((r) => r.scalingOf);
  const find = (id) => main.find((r) => r.contender === id);
  const parts = [
    'backward 100000x128: the gradient of W for ids 1024 x 64 and dy (1024 x 64, 128); outputs checked against a float64 scatter-add',
    timedTable(main, { reference: find('wasm-dense'), vsTitle: 'vs ours in the engine (wasm, dense)' }),
  ];
  if (scaling.length) {
    parts.push('TF.js cpu tf.grad(gather) / unsortedSegmentSum at small V (its cost grows with every table row):');
    parts.push(scaling.map((r) => `- ${r.contender} ${r.case}: ${status(r) ?? `${ms(r.median_ms)} ms`}`).join('\n'));
  }
  const tfjs = main.filter((r) => r.contender.startsWith('tfjs') && !status(r)).sort((a, b) => a.median_ms - b.median_ms);
  const fastest = tfjs[0];
  const targets = [
    checkTarget({
      label: `backward: ours in the engine (wasm, dense) vs TF.js's fastest way in Node (${fastest?.contender ?? 'none ran'})`,
      value: speedup(find('wasm-dense'), fastest), required: { min: 20 }, format: times,
    }),
    checkTarget({
      label: `backward: ours through the API (backward(ids, dy, {out})) vs TF.js's fastest way in Node (${fastest?.contender ?? 'none ran'})`,
      value: speedup(find('ours-threads-out'), fastest), required: { min: 20 }, format: times,
    }),
  ];
  // The embedding part of a training step: backward + SparseAdam, fused and not (wasm).
  const tfjsAdam = main.filter((r) => /^tfjs-.*-scatter-nd-adam$/.test(r.contender) && !status(r))
    .sort((a, b) => a.median_ms - b.median_ms)[0];
  targets.push(
    checkTarget({
      label: 'backward + SparseAdam: fused vs unfused, in the engine (wasm)',
      value: speedup(find('wasm-fused-adam'), find('wasm-sparse-adam')), required: { min: 1.5 }, format: times,
    }),
    checkTarget({
      label: `backward + SparseAdam fused (wasm) vs TF.js's fastest gradient + its Adam step (${tfjsAdam?.contender ?? 'none ran'})`,
      value: speedup(find('wasm-fused-adam'), tfjsAdam), required: { min: 20 }, format: times,
    }),
  );
  // The threads build through the API on 1 and 2 threads (setThreads).
  const kinds = [['-out', 'dense backward into {out}'], ['-heap', 'dense backward, dy and out heapTensors'], ['-sparse', 'sparse backward']];
  for (const [suffix, label] of kinds) {
    targets.push(checkTarget({
      label: `${label}: scaling 1 -> 2 threads (API, threads build)`,
      value: speedup(find(`ours-threads-2t${suffix}`), find(`ours-threads-1t${suffix}`)), required: { min: 1.7 }, format: times,
    }));
  }
  return { parts, targets, records };
}
