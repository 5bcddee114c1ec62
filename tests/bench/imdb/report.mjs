// imdb: one training step (trainOnBatch, batch 256) of each IMDB-sized classifier
// (models.mjs: pooled and flatten) and one epoch, ours (dense and sparse embedding, SIMD and
// threads builds) against PyTorch natively (1 and 2 threads) and TF.js (cpu, wasm), all from
// one run: a timing table per model, then both models' steps against PyTorch's side by side.
import { checkTarget, formatTable, ms, speedup, status, timedTable, times } from '../common/report.mjs';
import { CONTENDERS, contenderName } from './contenders.mjs';
import { MODELS } from './models.mjs';

const find = (records, contender) => records.find((r) => r.contender === contender);

// One row per model and embedding kind: ms per step (medians) of PyTorch and ours, and
// PyTorch's step over ours (above 1×: ours is faster), one thread against one (the SIMD
// build and the threads build on setThreads(1)) and two against two.
function againstTorch(records) {
  const step = (r) => (status(r) ? '—' : ms(r.median_ms));
  const over = (ours, peer) => {
    const x = speedup(ours, peer);
    return x === null ? '—' : times(x);
  };
  const rows = Object.keys(MODELS).flatMap((model) => ['dense', 'sparse'].map((kind) => {
    const get = (runtime, how) => find(records, contenderName(model, runtime, how));
    const [torch1, torch2] = [get('torch', `${kind}-1t`), get('torch', `${kind}-2t`)];
    const [simd, one, two] = [get('ours-simd', kind), get('ours-threads', `${kind}-1t`), get('ours-threads', `${kind}-2t`)];
    return {
      model, kind, torch1: step(torch1), torch2: step(torch2), simd: step(simd), one: step(one), two: step(two),
      simdVs1: over(simd, torch1), oneVs1: over(one, torch1), twoVs2: over(two, torch2),
    };
  }));
  return formatTable([
    { key: 'model', title: 'model' },
    { key: 'kind', title: 'embedding' },
    { key: 'torch1', title: 'PyTorch 1t ms', right: true },
    { key: 'torch2', title: 'PyTorch 2t ms', right: true },
    { key: 'simd', title: 'ours SIMD ms', right: true },
    { key: 'one', title: 'ours 1t ms', right: true },
    { key: 'two', title: 'ours 2t ms', right: true },
    { key: 'simdVs1', title: 'PyTorch 1t / ours SIMD', right: true },
    { key: 'oneVs1', title: 'PyTorch 1t / ours 1t', right: true },
    { key: 'twoVs2', title: 'PyTorch 2t / ours 2t', right: true },
  ], rows);
}

export function report(records) {
  const s = records.find((r) => r.V) ?? {};
  const sums = new Set(records.filter((r) => r.dataChecksum).map((r) => r.dataChecksum));
  const parts = [
    `imdb: two models (below), binary cross-entropy, Adam lr ${s.learningRate} (sparse rows: sparse embedding + ` +
    `sparseAdam / SparseAdam), batch ${s.batchSize} of ${s.T} ids; synthetic Zipf-distributed ids (P(id) ~ 1/id, ` +
    `tests/bench/imdb/data.mjs), ${s.samples} samples = ${s.stepsPerEpoch} steps per epoch ` +
    `(${sums.size <= 1 ? 'our contenders read the same data' : 'DATA CHECKSUMS DIFFER'}). ` +
    'One rep = one trainOnBatch (PyTorch: zero_grad, forward, backward, step) on a batch of the data.',
  ];
  for (const [model, { summary }] of Object.entries(MODELS)) {
    const rows = records.filter((r) => CONTENDERS[r.contender]?.model === model);
    parts.push(`Model ${model}: ${summary}.`, timedTable(rows, {
      reference: find(records, contenderName(model, 'ours-simd', 'dense')), vsTitle: 'vs ours (SIMD build, dense)',
      extra: [{ key: 'epoch', title: 'epoch s', right: true, value: (r) => ms(r.epoch_ms / 1000) }],
    }));
    const tfjsFailed = rows.filter((r) => CONTENDERS[r.contender].runtime === 'tfjs' && status(r)).map((r) => `${r.contender}: ${status(r)}`);
    if (tfjsFailed.length) parts.push(`TF.js cannot train the ${model} model: ${tfjsFailed.join('; ')}`);
  }
  parts.push('Steps against PyTorch (medians; the 1t / 2t columns of ours are the threads build on setThreads(1) / (2)):',
    againstTorch(records));

  // The targets are the pooled model's (its contenders' names carry no model part).
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
