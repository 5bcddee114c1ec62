// The imdb benchmark's contenders by name, in run order: which model (models.mjs) each
// trains, in which runtime and how. The runner (node.mjs) runs them, contender.mjs builds
// ours and TF.js's, and the report finds its rows by these names.
//
// A name is <runtime>-[<model>-]<how>: the pooled model's names carry no model part
// (ours-simd-dense, ours-threads-sparse-1t-2t, torch-dense-1t, tfjs-cpu), the flatten
// model's say it (ours-simd-flatten-dense, ours-threads-flatten-sparse-1t-2t,
// torch-flatten-dense-1t, tfjs-flatten-cpu). torch_peer.py names its records by the same
// rule.
import { SCALING_THREADS } from '../common/peers.mjs';
import { MODELS } from './models.mjs';

const MODEL_PART = { pooled: '', flatten: 'flatten' };
const KINDS = ['dense', 'sparse'];

/** contenderName('flatten', 'ours-threads', 'sparse-2t') -> 'ours-threads-flatten-sparse-2t' */
export function contenderName(model, runtime, how) {
  return [runtime, MODEL_PART[model], how].filter(Boolean).join('-');
}

// Spec fields: model; runtime 'ours' (threads: which build; counts: thread counts that
// take turns step by step in one process, each reported under records[i]), 'torch'
// (count: torch.set_num_threads) or 'tfjs' (backend); sparse: a sparse embedding trained
// with sparseAdam (PyTorch: sparse=True + SparseAdam). records: the names its records
// carry (the contender's own name unless it says otherwise).
function contendersOf(model) {
  const list = [];
  const add = (runtime, how, spec) => {
    const name = contenderName(model, runtime, how);
    list.push([name, { model, records: [name], ...spec }]);
  };
  // The threads build on its pool's own size runs for the pooled model only, whose targets
  // name it; on 2 vCPUs that pool has 2 threads, which setThreads(2) measures as well.
  const builds = model === 'pooled' ? ['simd', 'threads'] : ['simd'];
  for (const build of builds) {
    for (const kind of KINDS) add(`ours-${build}`, kind, { runtime: 'ours', threads: build === 'threads', sparse: kind === 'sparse' });
  }
  // The threads build with its hot paths on 1 and on 2 threads (setThreads), taking turns
  // step by step in one process: separate processes moved a step by tens of percent with
  // where their memory landed, which made the 1 -> 2 scaling a coin toss. Its records are
  // named as one contender per count would be (ours-threads-sparse-1t, -2t).
  for (const kind of KINDS) {
    const counts = SCALING_THREADS;
    add('ours-threads', `${kind}-${counts.map((c) => `${c}t`).join('-')}`, {
      runtime: 'ours', threads: true, counts, sparse: kind === 'sparse',
      records: counts.map((c) => contenderName(model, 'ours-threads', `${kind}-${c}t`)),
    });
  }
  for (const kind of KINDS) {
    for (const count of [1, 2]) add('torch', `${kind}-${count}t`, { runtime: 'torch', count, sparse: kind === 'sparse' });
  }
  for (const backend of ['wasm', 'cpu']) add('tfjs', backend, { runtime: 'tfjs', backend, sparse: false });
  return list;
}

export const CONTENDERS = Object.fromEntries(Object.keys(MODELS).flatMap(contendersOf));

/** What a contender's record says it times (its table's first column). */
export function whatOf(spec) {
  if (spec.runtime === 'tfjs') return 'tf.sequential().trainOnBatch(x, y), tf.train.adam';
  if (spec.runtime === 'torch') {
    return `nn.Embedding(sparse=${spec.sparse ? 'True' : 'False'}) model, loss.backward(); ${spec.sparse ? 'SparseAdam + Adam' : 'Adam'}.step()`;
  }
  return `sequential().trainOnBatch(x, y), embedding sparse: ${spec.sparse}, train.${spec.sparse ? 'sparseAdam' : 'adam'}`;
}
