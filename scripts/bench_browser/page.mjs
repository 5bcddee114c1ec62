// The page's entry: scripts/bench_browser.mjs imports this module in a fresh page for
// each task and awaits run(task), which resolves to plain JSON-able data.
import { runGather } from './gather_task.mjs';
import { runKernel } from './kernel_task.mjs';
import { runWord2Vec } from './word2vec_task.mjs';

const TASKS = { gather: runGather, kernel: runKernel, word2vec: runWord2Vec };

export function run(task) {
  const f = TASKS[task.kind];
  if (!f) throw new TypeError(`run: unknown task kind '${task.kind}' (${Object.keys(TASKS).join(', ')})`);
  return f(task);
}
