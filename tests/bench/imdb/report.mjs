// imdb: one training step (trainOnBatch, batch 256) of the IMDB-sized classifier
// (contender.mjs) and one epoch, ours (dense and sparse embedding, SIMD and threads builds)
// against PyTorch natively (1 and 2 threads) and TF.js (cpu, wasm), all from one run.
import { checkTarget, ms, speedup, status, timedTable, times } from '../common/report.mjs';

const find = (records, contender) => records.find((r) => r.contender === contender);

export function report(records) {
  const s = records.find((r) => r.V) ?? {};
  const sums = new Set(records.filter((r) => r.dataChecksum).map((r) => r.dataChecksum));
  const reference = find(records, 'ours-simd-dense');
  const parts = [
    `imdb: Embedding(${s.V} x ${s.D}) -> GlobalAveragePooling1D -> Dense(${s.hidden}, relu) -> Dense(1, sigmoid), ` +
    `binary cross-entropy, Adam lr ${s.learningRate} (sparse rows: sparse embedding + sparseAdam / SparseAdam), ` +
    `batch ${s.batchSize} of ${s.T} ids; synthetic Zipf-distributed ids (P(id) ~ 1/id, tests/bench/imdb/data.mjs), ` +
    `${s.samples} samples = ${s.stepsPerEpoch} steps per epoch (${sums.size <= 1 ? 'our contenders read the same data' : 'DATA CHECKSUMS DIFFER'}). ` +
    'One rep = one trainOnBatch (PyTorch: zero_grad, forward, backward, step) on a batch of the data.',
    timedTable(records, {
      reference, vsTitle: 'vs ours (SIMD build, dense)',
      extra: [{ key: 'epoch', title: 'epoch s', right: true, value: (r) => ms(r.epoch_ms / 1000) }],
    }),
  ];
  const tfjsFailed = records.filter((r) => r.contender.startsWith('tfjs') && status(r)).map((r) => `${r.contender}: ${status(r)}`);
  if (tfjsFailed.length) parts.push(`TF.js cannot train this model: ${tfjsFailed.join('; ')}`);

  const ratio = (a, b) => (status(a) || status(b) ? null : a.median_ms / b.median_ms);
  const targets = [];
  for (const build of ['simd', 'threads']) {
    targets.push(checkTarget({
      label: `sparse step / dense step, ours (${build} build)`,
      value: ratio(find(records, `ours-${build}-sparse`), find(records, `ours-${build}-dense`)),
      required: { max: 0.5 }, format: times,
    }));
  }
  for (const kind of ['dense', 'sparse']) {
    for (const t of [1, 2]) {
      // One thread of ours against PyTorch at 1 thread; the threads build against 2.
      const ours = find(records, `ours-${t === 1 ? 'simd' : 'threads'}-${kind}`);
      targets.push(checkTarget({
        label: `${kind} step: ours (${t === 1 ? 'SIMD build' : 'threads build'}) vs PyTorch native CPU, ${t} thread${t > 1 ? 's' : ''}`,
        value: speedup(ours, find(records, `torch-${kind}-${t}t`)), required: { min: 5 }, format: times,
      }));
    }
  }
  for (const kind of ['dense', 'sparse']) {
    const one = find(records, `ours-threads-${kind}-1t`);
    const two = find(records, `ours-threads-${kind}-2t`);
    targets.push(checkTarget({
      label: `${kind} step scaling, threads build 1 -> 2 threads (setThreads)`, value: speedup(two, one), required: { min: 1.7 }, format: times,
    }));
    for (const t of [1, 2]) {
      targets.push(checkTarget({
        label: `${kind} step: ours on ${t} thread${t > 1 ? 's' : ''} (threads build, setThreads) vs PyTorch native CPU, ${t} thread${t > 1 ? 's' : ''}`,
        value: speedup(t === 1 ? one : two, find(records, `torch-${kind}-${t}t`)), required: { min: 5 }, format: times,
      }));
    }
    if (kind === 'sparse') {
      targets.push(checkTarget({
        label: 'sparse step / dense step, ours on 2 threads', value: ratio(two, find(records, 'ours-threads-dense-2t')),
        required: { max: 0.5 }, format: times,
      }));
    }
  }
  return { parts, targets, records };
}
