// fit: one training step (trainOnBatch, batch 32) of Embedding -> GlobalAveragePooling1D ->
// Dense(sigmoid) on SpamAssassin subjects (node.mjs), every contender on the
// same batches; a contender run in several processes (rounds) is pooled over its steps.
// An epoch is steps per epoch x the median step (TF.js cpu takes minutes per epoch).
import { checkTarget, ms, speedup, status, timedTable, times } from '../common/report.mjs';
import { quantile } from '../common/stats.mjs';

function pool(records) {
  const bad = records.find((r) => status(r));
  if (bad) return bad;
  const all = records.flatMap((r) => r.ms ?? []);
  const sorted = [...all].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  return {
    ...records[0], ms: all, reps: all.length, median_ms: median, min_ms: sorted[0], max_ms: sorted.at(-1),
    processes: records.length, epoch_ms: median * records[0].stepsPerEpoch,
  };
}

export function report(raw) {
  const contenders = [...new Set(raw.map((r) => r.contender))];
  const records = contenders.map((c) => pool(raw.filter((r) => r.contender === c)));
  const sums = new Set(records.filter((r) => r.dataChecksum).map((r) => r.dataChecksum));
  const ours = records.find((r) => r.contender === 'ours-threads');
  const s = records.find((r) => r.stepsPerEpoch) ?? {};
  const parts = [
    `fit: Embedding(${s.V} x ${s.D}) -> GlobalAveragePooling1D -> Dense(1, sigmoid), Adam lr ${s.learningRate}, ` +
    `batch ${s.batchSize}, ids (batch, ${s.T}); one rep = one trainOnBatch on the same batches for every contender ` +
    `(${sums.size === 1 ? 'data checksums equal' : 'DATA CHECKSUMS DIFFER'}); epoch = ${s.stepsPerEpoch} steps x median step`,
    timedTable(records, {
      reference: ours, vsTitle: 'vs embedwasm (threads build)',
      extra: [
        { key: 'epoch', title: 'epoch ms (est.)', right: true, value: (r) => ms(r.epoch_ms) },
        { key: 'acc', title: 'held-out accuracy', right: true, value: (r) => (r.testAccuracy === undefined ? '—' : r.testAccuracy.toFixed(3)) },
      ],
    }),
  ];
  const tfjs = records.filter((r) => r.contender.startsWith('tfjs') && !status(r));
  const fastest = tfjs.sort((a, b) => a.median_ms - b.median_ms)[0];
  const failed = records.filter((r) => r.contender.startsWith('tfjs') && status(r)).map((r) => `${r.contender}: ${status(r)}`);
  const targets = [checkTarget({
    label: `training step/epoch: ours (threads build) vs TF.js on its fastest backend in Node (${fastest?.contender ?? 'none ran'})`,
    value: speedup(ours, fastest), required: { min: 10 }, format: times,
    detail: fastest ? undefined : failed.join('; '),
  })];
  if (failed.length) parts.push(`TF.js backends that cannot train this model: ${failed.join('; ')}`);
  return { parts, targets, records };
}
