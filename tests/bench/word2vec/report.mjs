// word2vec: skip-gram on SOTU (node.mjs); every contender's epochs are
// its repetitions, the first the warm-up. Speed is raw corpus words per second per thread.
import { checkTarget, count, timedTable, times } from '../common/report.mjs';

const LABEL = {
  embedwasm: 'embedwasm package (wasm SIMD + threads build)',
  gensim: 'gensim 4 (Cython + BLAS)',
  fastText: 'fastText skipgram -minn 0 -maxn 0 (native)',
};

export function report(raw) {
  const records = raw.map((r) => ({
    ...r,
    contender: r.variant,
    what: `${r.variant.startsWith('ours-simd') ? 'embedwasm package (wasm SIMD build)' : LABEL[r.system] ?? r.system} — ${r.threads} thread${r.threads > 1 ? 's' : ''}`,
    runtime: r.system === 'gensim' ? `gensim ${r.version ?? ''}, ${(r.blas ?? '').split(' (')[0]}`
      : r.system === 'fastText' ? `fastText ${r.version ?? ''}` : r.system === 'embedwasm' ? `Node ${r.node ?? ''}`
        : r.variant.includes('native') ? 'native g++ -O3 -march=native' : 'wasm SIMD, Node',
  }));
  const find = (id) => records.find((r) => r.variant === id);
  const wps = (r) => (r && r.ok ? r.words_per_second_per_thread : null);
  const ratio = (a, b) => (wps(a) && wps(b) ? wps(a) / wps(b) : null);
  const c = records.find((r) => r.corpus)?.corpus ?? {};
  const parts = [];
  for (const threads of [1, 2]) {
    const rows = records.filter((r) => r.threads === threads);
    parts.push(`word2vec skip-gram, ${threads} thread${threads > 1 ? 's' : ''}: SOTU ${c.tokens} tokens, ${c.sentences} sentences; ` +
      'vectorSize 100, window 5, negative 5, minCount 5, sample 1e-3; one rep = one epoch');
    parts.push(timedTable(rows, {
      reference: find(`ours-${threads}`), vsTitle: 'vs embedwasm package',
      extra: [{ key: 'wps', title: 'raw words/s per thread', right: true, value: (r) => count(r.words_per_second_per_thread) }],
    }));
  }
  const fmt = times;
  const targets = [
    checkTarget({ label: 'word2vec 1 thread: wasm (package, Node) / our trainer native -O3 -march=native', value: ratio(find('ours-1'), find('cpp-native-march-1')), required: { min: 0.8 }, format: fmt }),
    checkTarget({ label: 'word2vec 1 thread: ours / gensim', value: ratio(find('ours-1'), find('gensim-1')), required: { min: 1 }, format: fmt }),
    checkTarget({ label: 'word2vec 1 thread: ours / fastText', value: ratio(find('ours-1'), find('fasttext-1')), required: { min: 1 }, format: fmt }),
    checkTarget({ label: 'word2vec 2 threads: ours / gensim', value: ratio(find('ours-2'), find('gensim-2')), required: { min: 1 }, format: fmt }),
    checkTarget({ label: 'word2vec 2 threads: ours / fastText', value: ratio(find('ours-2'), find('fasttext-2')), required: { min: 1 }, format: fmt }),
    checkTarget({
      label: 'word2vec: 2 threads total words/s / 1 thread', value: wps(find('ours-2')) && wps(find('ours-1')) ? (2 * wps(find('ours-2'))) / wps(find('ours-1')) : null,
      required: { min: 1.7 }, format: fmt,
    }),
  ];
  return { parts, targets, records };
}
