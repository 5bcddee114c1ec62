// The rows of a timing table: one per record, in the order given, each with its median,
// min-max, repetitions and its speed relative to a reference record.
import { formatTable, ms, status, times } from './common.mjs';

// speedOf(r): a larger-is-faster figure for the "vs" column (default 1 / median).
export function timedTable(rows, { reference, extra = [], speedOf = (r) => 1 / r.median_ms, vsTitle = 'vs reference' }) {
  const refSpeed = reference && !status(reference) ? speedOf(reference) : null;
  return formatTable(
    [
      { key: 'contender', title: 'contender' },
      { key: 'runtime', title: 'runtime' },
      { key: 'median', title: 'median ms', right: true },
      { key: 'range', title: 'min–max ms', right: true },
      { key: 'reps', title: 'reps', right: true },
      ...extra.map(({ key, title, right }) => ({ key, title, right })),
      { key: 'vs', title: vsTitle },
    ],
    rows.map((r) => {
      const problem = status(r);
      const row = {
        contender: r.what ?? r.contender,
        runtime: r.runtime ?? '',
        median: problem ? '—' : ms(r.median_ms),
        range: problem ? '—' : `${ms(r.min_ms)}–${ms(r.max_ms)}`,
        reps: problem ? '—' : r.reps,
      };
      for (const e of extra) row[e.key] = problem ? '—' : e.value(r);
      if (problem) row.vs = problem;
      else if (r === reference) row.vs = '1.00× (reference)';
      else if (refSpeed === null) row.vs = '—';
      else {
        const ratio = refSpeed / speedOf(r);
        row.vs = ratio >= 1 ? `${times(ratio)} slower` : `${times(1 / ratio)} faster`;
      }
      return row;
    }),
  );
}

// The speed of `ours` over `peer` (peer time / our time), or null if either is not measured.
export function speedup(ours, peer) {
  if (status(ours) || status(peer)) return null;
  return peer.median_ms / ours.median_ms;
}
