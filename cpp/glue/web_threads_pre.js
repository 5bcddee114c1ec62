// Placed inside the web threads glue's factory (--pre-js), so this declaration shadows the
// global Worker for the glue's own `new Worker(...)` calls, which make the pthread pool.
// The package's loader (web/lib/wasm/load_browser.js) supplies Module.createPthreadWorker,
// written as new Worker(new URL('./embedwasm_threads.worker.mjs', import.meta.url),
// {type: 'module'}): the one form Vite, webpack, Rspack and Parcel all bundle, and a
// module worker that holds its own copy of this glue (scripts/dist_engine.mjs), so a
// worker bundle needs no code splitting (Vite 5 to 7 build workers as IIFE, which cannot
// split) and shares no module with the training worker.
function Worker() {
  return Module['createPthreadWorker']();
}
