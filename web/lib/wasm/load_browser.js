// The engine in a browser (or a bundle for one): the web glue of each build, which has no
// Node branch, imported statically, and its files named here in the forms bundlers follow.
//
// - Each .wasm as new URL('./<file>', import.meta.url): Vite, webpack, Rspack and Parcel
//   emit it and rewrite the URL; unbundled, and after esbuild with the engine files copied
//   next to the bundle, it resolves next to this module.
// - The threads build's pool workers as new Worker(new URL('./<file>', import.meta.url),
//   {type: 'module'}), which those bundlers build as a worker entry. The worker module
//   holds its own copy of the glue and imports nothing (scripts/dist_engine.mjs), so no
//   worker bundle needs code splitting (Vite 5 to 7 build workers as IIFE, which cannot
//   split) and no module is shared between it and the training worker (Parcel 2 packages
//   such a shared module into neither worker). The glue calls createPthreadWorker
//   (its pre-js, cpp/glue/web_threads_pre.js, routes its own new Worker() here).
//
// Both glues are static imports, not import(): code reachable from a worker (the training
// worker loads the engine too) must not split for the same reason. The browser still
// fetches only the .wasm of the build it runs.
import createSimd from './embedwasm_simd.mjs';
import createThreads from './embedwasm_threads.mjs';

// Held in a variable so that new URL('./', here) is not the new URL('x', import.meta.url)
// pattern, which bundlers would try to emit as a file.
const here = import.meta.url;

const BUILDS = {
  simd: { factory: createSimd, wasmUrl: () => new URL('./embedwasm_simd.wasm', import.meta.url).href },
  threads: { factory: createThreads, wasmUrl: () => new URL('./embedwasm_threads.wasm', import.meta.url).href },
};

/** The folder given to a user's locateFile as its prefix: where the engine files are. */
export function engineFolder() {
  return new URL('./', here).href;
}

/**
 * Instantiates `variant` with the glue's `moduleArgs`; `locateFile` (the user's, or
 * undefined) moves every engine file: the .wasm and the pool workers' module.
 */
export function loadBrowserEngine(variant, moduleArgs, { locateFile }) {
  const { factory, wasmUrl } = BUILDS[variant];
  const prefix = engineFolder();
  const locate = locateFile
    ? (name) => String(locateFile(name, prefix))
    : (name) => (name === `embedwasm_${variant}.wasm` ? wasmUrl() : prefix + name);
  const args = { ...moduleArgs, locateFile: locate };
  if (variant === 'threads') {
    args.createPthreadWorker = locateFile
      ? () => new Worker(locate('embedwasm_threads.worker.mjs'), { type: 'module' })
      : () => new Worker(new URL('./embedwasm_threads.worker.mjs', import.meta.url), { type: 'module' });
  }
  return factory(args);
}
