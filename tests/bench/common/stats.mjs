// Timing and the record fields every JS runner shares ({ok, warmup, reps, ms, median_ms,
// q1_ms, q3_ms, min_ms, max_ms}; the reports read them). No node: imports: the page
// (tests/bench/browser) loads this module too.

/** Linear interpolation between order statistics, as bench_util.h's Quantile. */
export function quantile(sorted, q) {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const round4 = (x) => Math.round(x * 1e4) / 1e4;

/** {ms, median_ms, q1_ms, q3_ms, min_ms, max_ms} of the timed reps, in call order. */
export function summarize(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    ms: ms.map(round4),
    median_ms: round4(quantile(sorted, 0.5)),
    q1_ms: round4(quantile(sorted, 0.25)),
    q3_ms: round4(quantile(sorted, 0.75)),
    min_ms: round4(sorted[0]),
    max_ms: round4(sorted.at(-1)),
  };
}

/**
 * Calls run() warmup + reps times, each call timed alone: V8 has no on-stack replacement
 * for wasm, so a function's optimized code only runs from a later call on, and warming up
 * means calling, not looping inside one call. run() returns (or resolves to) the output; check(output) runs
 * outside the timing after every call and returns null when right, else the difference
 * as text: the first wrong call stops the measurement. after(output), also untimed,
 * frees what the call made (TF.js tensors).
 * Returns {ok: true, warmup, reps, first_ms, ...summarize()} or {ok: false, error}.
 */
export async function timeReps(run, timing) {
  const [result] = await timeInTurn([{ run }], timing);
  return result;
}

/**
 * timeReps for several runs that take turns call by call (run 1, run 2, ..., then the
 * next round), so that the machine's drift, tens of percent within minutes on these
 * shared VMs, slows them alike and their ratio means something. runs: [{run, before?}];
 * before(), untimed, sets a run up (e.g. a thread count). Returns one timeReps result per
 * run; a wrong output stops all of them.
 */
export async function timeInTurn(runs, { warmup, reps, check, after = () => {}, now = () => performance.now() }) {
  const ms = runs.map(() => []);
  const first = runs.map(() => 0);
  for (let i = 0; i < warmup + reps; ++i) {
    for (const [k, { run, before = () => {} }] of runs.entries()) {
      await before();
      const t0 = now();
      const out = await run();
      const t = now() - t0;
      const wrong = check(out);
      await after(out);
      if (wrong !== null) {
        const which = runs.length > 1 ? `run ${k + 1} of ${runs.length}, ` : '';
        const error = `${which}${i < warmup ? 'warm-up' : 'timed'} call ${i + 1}: ${wrong}`;
        return runs.map(() => ({ ok: false, error }));
      }
      if (i === 0) first[k] = t;
      if (i >= warmup) ms[k].push(t);
    }
  }
  return runs.map((_, k) => ({ ok: true, warmup, reps, first_ms: round4(first[k]), ...summarize(ms[k]) }));
}

/** The message of whatever a peer threw (TF.js and ORT sometimes throw strings). */
export function errorText(error) {
  return error?.message ?? String(error);
}
