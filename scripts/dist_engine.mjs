// The engine files of dist/: the web and Node glue of both builds (build/wasm/cpp and
// build/wasm/cpp/node, cpp/CMakeLists.txt), each build's .wasm once, and two exact,
// checked edits of Emscripten 3.1.6's output that no link setting makes:
//  - the web pthread worker becomes an ES module holding its own copy of the threads glue
//    (embedwasm_threads.worker.mjs imports nothing). As generated it loads the glue with
//    import(), from a URL the main thread posts or from './embedwasm_threads.mjs':
//    bundlers then either split the worker into chunks, which Vite 5 to 7 cannot do for
//    workers (their default worker format is IIFE), or cannot follow the URL at all
//    (webpack's chunks are not ES modules). A static import of the glue file is not
//    enough: the training worker imports the same file, and Parcel 2 moves a module two
//    of its worker bundles share into a shared bundle that it packages without the module
//    (the workers then fail with "Cannot find module"). With its own copy, no module is
//    shared between workers, and every bundler gives the pthread worker one file.
//  - the Node threads glue keeps its worker_threads Worker in a local variable instead of
//    assigning global.Worker, which would change the host program's globals.
// Each edit must match exactly once, so an Emscripten upgrade that changes the output
// fails here instead of shipping an unedited file.
// --web-only: the browser's files alone, for the site (`npm start` links only the two web
// builds, not the Node pair, which takes half the time of a build from cached objects).
//   node scripts/dist_engine.mjs [--web-only] <build/wasm/cpp> <dist/wasm>
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { readArgs } from './lib/args.mjs';

const usage = 'node scripts/dist_engine.mjs [--web-only] <build/wasm/cpp> <dist/wasm>';
const { positionals, 'web-only': webOnly } = readArgs({
  name: 'dist_engine', usage, positionals: true, options: { 'web-only': { type: 'boolean', default: false } },
});
if (positionals.length !== 2) {
  console.error(`usage: ${usage}`);
  process.exit(2);
}
const [from, to] = positionals;

/** `text` with `find` replaced by `replacement`; `find` must occur exactly once. */
function replaceOnce(text, find, replacement, file) {
  const at = text.indexOf(find);
  if (at < 0 || text.indexOf(find, at + 1) >= 0) {
    throw new Error(`dist_engine: expected exactly one ${JSON.stringify(find)} in ${file} (Emscripten output changed?)`);
  }
  return text.slice(0, at) + replacement + text.slice(at + find.length);
}

async function edit(source, target, edits) {
  let text = await readFile(source, 'utf8');
  for (const [find, replacement] of edits) text = replaceOnce(text, find, replacement, source);
  await writeFile(target, text);
}

await mkdir(to, { recursive: true });
for (const build of ['simd', 'threads']) {
  const wasm = `embedwasm_${build}.wasm`;
  if (!webOnly) {
    // The Node loader reads the web build's .wasm: the two links must give the same bytes.
    const [web, node] = await Promise.all([readFile(path.join(from, wasm)), readFile(path.join(from, 'node', wasm))]);
    if (!web.equals(node)) throw new Error(`dist_engine: ${wasm} differs between the web and Node links`);
  }
  await copyFile(path.join(from, wasm), path.join(to, wasm));
  await copyFile(path.join(from, `embedwasm_${build}.mjs`), path.join(to, `embedwasm_${build}.mjs`));
}
// The glue's one export becomes a declaration in the worker's scope: the glue defines
// nothing else at its top level (its code lives in the factory), so no name collides.
const threadsGlue = await readFile(path.join(from, 'embedwasm_threads.mjs'), 'utf8');
const glueDeclaration = replaceOnce(threadsGlue, 'export default createEmbedwasm;', '', 'embedwasm_threads.mjs');
await edit(path.join(from, 'embedwasm_threads.worker.js'), path.join(to, 'embedwasm_threads.worker.mjs'), [
  ['"use strict";', `"use strict";\n${glueDeclaration}\n`],
  ['(e.data.urlOrBlob?import(e.data.urlOrBlob):import("./embedwasm_threads.mjs"))', 'Promise.resolve({default:createEmbedwasm})'],
]);
if (!webOnly) {
  await mkdir(path.join(to, 'node'), { recursive: true });
  await copyFile(path.join(from, 'node/embedwasm_simd.mjs'), path.join(to, 'node/embedwasm_simd.mjs'));
  await edit(path.join(from, 'node/embedwasm_threads.mjs'), path.join(to, 'node/embedwasm_threads.mjs'), [
    ['global.Worker=nodeWorkerThreads.Worker', 'var Worker=nodeWorkerThreads.Worker'],
  ]);
  await copyFile(path.join(from, 'node/embedwasm_threads.worker.js'), path.join(to, 'node/embedwasm_threads.worker.js'));
  // Emscripten 3.1.6's Node pthread worker (.worker.js) is CommonJS; inside a "type": "module"
  // package Node would parse it as an ES module (require is not defined) without this marker.
  await writeFile(path.join(to, 'node/package.json'), '{ "type": "commonjs" }\n');
}
