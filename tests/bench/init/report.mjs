// init: the .wasm files' download size and init() in a fresh Node process (node.mjs).
import { checkTarget, ms, timedTable } from '../common/report.mjs';

const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

export function report(records) {
  const sizes = records.filter((r) => r.case === 'size');
  const inits = records.filter((r) => r.case === 'init');
  const parts = [
    'engine size (gzip -9, as a static server precompresses) and `await init()` in a fresh Node process',
    sizes.map((r) => `- ${r.contender}: ${kB(r.raw_bytes)} raw, ${kB(r.gzip_bytes)} gzip`).join('\n'),
    timedTable(inits, { reference: inits[0], vsTitle: 'vs SIMD build' }),
  ];
  const targets = [
    ...sizes.map((r) => checkTarget({
      label: `${r.contender} gzipped`, value: r.gzip_bytes, required: { max: 250000 }, format: kB,
    })),
    ...inits.map((r) => checkTarget({
      label: `${r.what} (median)`, value: r.ok ? r.median_ms : null, required: { max: 50 }, format: (x) => `${ms(x)} ms`,
    })),
  ];
  return { parts, targets, records };
}
