// float_text: reading and writing the numbers of text vectors files (native.cpp), the
// library's conversions against the C library's, natively and in wasm.
import { BUILD_RUNTIME, checkTarget, speedup, timedTable, times } from '../common/report.mjs';

export function report(raw) {
  const records = raw.map((r) => ({ ...r, contender: `${r.build}-${r.variant}`, runtime: BUILD_RUNTIME[r.build] ?? r.build }));
  const find = (build, variant) => records.find((r) => r.build === build && r.variant === variant);
  const n = records[0].count;
  const parts = ['parse', 'format'].map((op) => {
    const rows = records.filter((r) => r.op === op);
    const reference = rows.find((r) => r.build === 'wasm' && !r.variant.startsWith('s'));
    return `float_text ${op}: ${n.toLocaleString('en')} float32 values of text vectors, median of the reps\n\n` +
      timedTable(rows, { reference, vsTitle: 'vs ours (wasm)' });
  });
  const targets = [
    checkTarget({
      label: 'parse_float speed-up over strtof, wasm (Node)', value: speedup(find('wasm', 'parse_float'), find('wasm', 'strtof')),
      required: { min: 1 }, format: times,
    }),
    checkTarget({
      label: 'format_float speed-up over snprintf %.9g, wasm (Node)',
      value: speedup(find('wasm', 'format_float'), find('wasm', 'snprintf %.9g')), required: { min: 1 }, format: times,
    }),
  ];
  return { parts, targets, records };
}
