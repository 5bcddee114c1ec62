// Our raw gather kernel in the page: tests/bench/gather_bench.cpp built by em++ for the
// web (scripts/bench_browser.mjs builds it into build/bench/browser/). Its main() times
// and checks its variants itself and prints one JSON line each; they go back as text.
export async function runKernel({ V, D, warmup, reps }) {
  const { default: createGatherBench } = await import('/kernel/gather_bench.mjs');
  const lines = [];
  const errors = [];
  const m = await createGatherBench({ print: (l) => lines.push(l), printErr: (l) => errors.push(l) });
  const code = m.callMain([`--V=${V}`, `--D=${D}`, `--warmup=${warmup}`, `--reps=${reps}`]);
  return { code, lines, errors };
}
