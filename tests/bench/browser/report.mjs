// browser: the gather and word2vec rows in headless Chromium (chromium.mjs), with the
// native baselines of the same run: the native memcpy-per-row gather and our trainer built
// with -O3 -march=native (gather/native.cpp, word2vec/native.cpp).
import { checkTarget, count, timedTable, times } from '../common/report.mjs';
import { gatherTargets } from '../gather/report.mjs';

export function report(raw) {
  const gather = raw.filter((r) => r.bench === 'gather');
  const word2vec = raw.filter((r) => r.bench === 'word2vec').map((r) => (r.contender ? r : {
    ...r, contender: `cpp-${r.build}-${r.threads}`, what: `our trainer's C++, ${r.threads} thread${r.threads > 1 ? 's' : ''}`,
    runtime: 'native g++ -O3 -march=native',
  }));
  const parts = [];
  const targets = [];
  for (const c of [...new Set(gather.map((r) => r.case))]) {
    const rows = gather.filter((r) => r.case === c);
    parts.push(`gather ${c} in headless Chromium (ids 1024 x 64, same data as in Node; each rep one call, outputs checked)`);
    parts.push(timedTable(rows, {
      reference: rows.find((r) => r.contender === 'native-memcpy-rows'), vsTitle: 'vs native memcpy per row',
      extra: [{ key: 'gbps', title: 'GB/s', right: true, value: (r) => (r.bytes ? (r.bytes / r.median_ms / 1e6).toFixed(2) : '—') }],
    }));
    targets.push(...gatherTargets(gather, c, { env: 'Chromium', kernel: 'kernel-wasmsimd', native: 'native-memcpy-rows' }));
  }
  if (word2vec.length) {
    parts.push('word2vec skip-gram on SOTU in headless Chromium (one rep = one epoch, the first warm-up), ' +
      'against our trainer built natively in the same run');
    parts.push(timedTable(word2vec, {
      reference: word2vec.find((r) => r.contender === 'cpp-native-march-1'), vsTitle: 'vs native, 1 thread',
      extra: [{ key: 'wps', title: 'raw words/s per thread', right: true, value: (r) => count(r.words_per_second_per_thread) }],
    }));
    const wps = (id) => word2vec.find((r) => r.contender === id && r.ok !== false)?.words_per_second_per_thread ?? null;
    const ratio = (a, b) => (wps(a) && wps(b) ? wps(a) / wps(b) : null);
    targets.push(checkTarget({
      label: 'word2vec 1 thread: Chromium (SIMD build) / native -O3 -march=native', value: ratio('ours-simd-1', 'cpp-native-march-1'),
      required: { min: 0.8 }, format: times,
    }));
    targets.push(checkTarget({
      label: 'word2vec 2 threads: Chromium (threads build) / native -O3 -march=native, per thread', value: ratio('ours-2', 'cpp-native-march-2'),
      required: { min: 0.8 }, format: times,
    }));
  }
  return { parts, targets, records: raw };
}
