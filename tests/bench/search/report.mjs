// search: brute-force cosine top-10 over 400,000 x 100 (native.cpp), one
// query per call, float32 and int8, natively and in wasm, with int8's recall@10.
import { BUILD_RUNTIME, checkTarget, speedup, timedTable, times } from '../common/report.mjs';

export function report(raw) {
  const records = raw.map((r) => ({ ...r, contender: `${r.build}-${r.variant}`, runtime: r.runtime ?? BUILD_RUNTIME[r.build] ?? r.build }));
  const find = (id) => records.find((r) => r.contender === id);
  const programs = records.filter((r) => !r.build.startsWith('api-'));
  const api = records.filter((r) => r.build.startsWith('api-'));
  const s = programs[0] ?? records[0];
  const parts = [
    `search: top-${s.topn} by cosine over ${s.V} x ${s.D} clustered rows, one query per call, ` +
    `${s.reps} queries after ${s.warmup} warm-up; recall@10 against exact (double) search`,
    timedTable(programs, {
      reference: find('native-float'), vsTitle: 'vs native -O3 float',
      extra: [
        { key: 'recall', title: 'recall@10', right: true, value: (r) => r.recall_at_10.toFixed(3) },
        { key: 'mb', title: 'table MB', right: true, value: (r) => (r.table_bytes / 1e6).toFixed(1) },
      ],
    }),
  ];
  if (api.length) {
    parts.push(`search through the public API (threads build, Node), ${api[0].V} x ${api[0].D}, top-${api[0].topn}: ` +
      '100 single queries (one call each) vs one batched call of 100, on 1 and 2 threads; ms per query; ' +
      'batched results checked identical to the single ones');
    parts.push(timedTable(api, { reference: find('api-1t-float-single'), vsTitle: 'vs 1 thread, float single' }));
  }
  const int8 = find('wasm-int8');
  const targets = [
    checkTarget({
      label: 'float32 top-10, wasm (Node) time / native -O3 time', value: speedup(find('native-float'), find('wasm-float')),
      required: { max: 1.5 }, format: times,
    }),
    checkTarget({
      label: 'int8 top-10 speed-up over float32, wasm (Node)', value: speedup(int8, find('wasm-float')),
      required: { min: 2.5 }, format: times,
    }),
    checkTarget({
      label: 'int8 recall@10, wasm', value: int8?.recall_at_10 ?? null, required: { min: 0.95 }, format: (x) => x.toFixed(3),
    }),
  ];
  for (const kind of ['float', 'int8']) {
    targets.push(checkTarget({
      label: `${kind} batch of 100 vs single queries, per query, 2 threads (API)`,
      value: speedup(find(`api-2t-${kind}-batch100`), find(`api-2t-${kind}-single`)), required: { min: 3 }, format: times,
    }));
    for (const how of ['single', 'batch100']) {
      targets.push(checkTarget({
        label: `${kind} ${how} search scaling, 1 -> 2 threads (API)`,
        value: speedup(find(`api-2t-${kind}-${how}`), find(`api-1t-${kind}-${how}`)), required: { min: 1.7 }, format: times,
      }));
    }
  }
  return { parts, targets, records };
}
