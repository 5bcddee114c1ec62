// A user's program for host_process.test.mjs: node host_process_program.mjs <uses> <ending>
//   uses:   'package' imports the built package (the Node entry), loads the threads build,
//           and runs a lookup and a two-thread word2vec; 'nothing' skips all of that.
//   ending: 'throw' throws the program's own error from a timer; 'reject' leaves its own
//           promise rejection unhandled; 'exit-code' sets process.exitCode = 3 and returns;
//           'globals' prints the global names and process listeners it ends with.
// Whatever it uses, the package must not change how the program reports errors or exits.
const [uses, ending] = process.argv.slice(2);

const globalsBefore = new Set(Object.getOwnPropertyNames(globalThis));
const listenersBefore = listenerCounts();

function listenerCounts() {
  return Object.fromEntries(['uncaughtException', 'unhandledRejection', 'exit', 'beforeExit', 'warning', 'SIGINT']
    .map((event) => [event, process.listenerCount(event)]));
}

if (uses === 'package') {
  const { init, layers, Word2Vec } = await import('../../dist/index.js');
  await init({ threads: true });
  const table = layers.embedding({ inputDim: 4, outputDim: 2, seed: 1 });
  table.apply([[1, 2]]);
  table.dispose();
  const w2v = new Word2Vec({ vectorSize: 8, minCount: 1, epochs: 2, seed: 1, threads: 2 });
  await w2v.train(Array.from({ length: 200 }, (_, i) => `a b c d e f ${i % 7}`).join('\n'));
  if (w2v.threadsUsed !== 2) throw new Error(`expected 2 training threads, got ${w2v.threadsUsed}`);
  w2v.dispose();
}

if (ending === 'throw') {
  setTimeout(() => { throw new Error('the program\'s own error'); }, 0);
} else if (ending === 'reject') {
  setTimeout(() => { Promise.reject(new Error('the program\'s own rejection')); }, 0);
} else if (ending === 'exit-code') {
  process.exitCode = 3;
} else if (ending === 'globals') {
  const added = Object.getOwnPropertyNames(globalThis).filter((name) => !globalsBefore.has(name));
  process.stdout.write(JSON.stringify({ added, listenersBefore, listenersAfter: listenerCounts() }));
} else {
  throw new TypeError(`unknown ending '${ending}'`);
}
