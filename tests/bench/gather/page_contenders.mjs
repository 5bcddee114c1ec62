// The gather contenders as they run in the page. Each setup(gc) builds its table from the
// case's data outside the timing and resolves to {runtime, call, dispose}: call() is one
// gather of the case's ids, output read back into a JS Float32Array (what a user gets).
// browser.mjs imports this module in Node too, for the contenders' ids and descriptions.
import { gatherModelBytes, ONNX_INT32 } from './onnx_model.mjs';

/** Loads a classic (UMD) script; rejects with the URL when it fails. */
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(s);
  });
}

// reuseOut: apply(x, {out}) into one array for every call, as a caller looking up batch
// after batch does; otherwise apply(x) returns a fresh array per call (page faults);
// 'heap': a reused HeapTensor, the rows written in the wasm heap.
async function ours(gc, threads, reuseOut = false) {
  const { init, layers, heapTensor } = await import('/dist/browser.js');
  const info = await init({ threads });
  // The pool's workers load once this page's thread is idle, which a timed loop of
  // synchronous calls never is: wait for them, as the Node rows do (common/peers.mjs).
  if (info.threads) await new Promise((resolve) => { setTimeout(resolve, 1000); });
  const layer = layers.embedding({
    inputDim: gc.V, outputDim: gc.D, weights: [{ data: gc.table, shape: [gc.V, gc.D] }],
  });
  const x = { data: gc.ids, shape: [gc.B, gc.T] };
  const out = reuseOut === 'heap' ? heapTensor([gc.B, gc.T, gc.D]) : new Float32Array(gc.B * gc.T * gc.D);
  return {
    runtime: `embedwasm dist/ ${info.variant} build`,
    call: reuseOut ? () => layer.apply(x, { out }).data : () => layer.apply(x).data,
    dispose: () => { layer.dispose(); if (reuseOut === 'heap') out.dispose(); },
  };
}

// The GL renderer behind TF.js's webgl backend: with --disable-gpu it is SwiftShader (CPU).
function glRenderer() {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return 'no WebGL2 context';
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

async function tfjs(backend) {
  await loadScript('/vendor/tfjs/tf.min.js');
  const tf = globalThis.tf;
  if (backend === 'wasm') {
    await loadScript('/vendor/tfjs-backend-wasm/tf-backend-wasm.min.js');
    tf.wasm.setWasmPaths('/vendor/tfjs-backend-wasm/');
  }
  // setBackend() answers false and only logs why; keep what it logs as the error.
  const logged = [];
  const { warn, error } = console;
  console.warn = (...a) => { logged.push(a.map(String).join(' ')); warn(...a); };
  console.error = (...a) => { logged.push(a.map(String).join(' ')); error(...a); };
  let ready;
  try {
    ready = await tf.setBackend(backend);
  } finally {
    Object.assign(console, { warn, error });
  }
  if (!ready) throw new Error(`tf.setBackend('${backend}') failed: ${logged.join(' | ') || 'no message'}`);
  await tf.ready();
  let detail = `${backend} backend`;
  if (backend === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threaded = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    const count = tf.wasm.getThreadsCount?.();
    detail += ` (${simd ? 'SIMD' : 'no SIMD'}, ${threaded ? `threaded${count ? `, ${count} thread${count === 1 ? '' : 's'}` : ''}` : 'single-threaded'})`;
  } else if (backend === 'webgl') {
    detail += ` (WebGL ${tf.env().getNumber('WEBGL_VERSION')}, renderer ${glRenderer()})`;
  }
  return { tf, runtime: `TF.js ${tf.version.tfjs} ${detail}` };
}

async function tfjsGather(gc, backend) {
  const { tf, runtime } = await tfjs(backend);
  const table = tf.tensor2d(gc.table, [gc.V, gc.D]);
  const ids = tf.tensor2d(gc.ids, [gc.B, gc.T], 'int32');
  return {
    runtime,
    call: () => {
      const out = tf.gather(table, ids);
      try { return out.dataSync(); } finally { out.dispose(); }
    },
    dispose: () => tf.dispose([table, ids]),
  };
}

async function tfjsEmbedding(gc, backend) {
  const { tf, runtime } = await tfjs(backend);
  const table = tf.tensor2d(gc.table, [gc.V, gc.D]);
  const layer = tf.layers.embedding({ inputDim: gc.V, outputDim: gc.D, weights: [table] });
  const ids = tf.tensor2d(gc.ids, [gc.B, gc.T], 'int32');
  return {
    runtime,
    call: () => {
      const out = layer.apply(ids);
      try { return out.dataSync(); } finally { out.dispose(); }
    },
    dispose: () => { tf.dispose([table, ids]); layer.dispose(); },
  };
}

// numThreads is global to ONNX Runtime Web and fixed when its wasm loads: a page each.
async function ortGather(gc, threads) {
  const ort = await import('/vendor/ort/ort.wasm.min.mjs');
  ort.env.wasm.wasmPaths = '/vendor/ort/';
  ort.env.wasm.numThreads = threads;
  ort.env.wasm.proxy = false;
  const model = gatherModelBytes({ table: gc.table, V: gc.V, D: gc.D, idsShape: [gc.B, gc.T], idsType: ONNX_INT32 });
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
  const ids = new ort.Tensor('int32', gc.ids, [gc.B, gc.T]);
  return {
    runtime: `ONNX Runtime Web ${ort.env.versions?.web ?? '?'} wasm backend, numThreads ${threads}`,
    call: async () => {
      const { out } = await session.run({ ids });
      const data = out.data;  // a JS Float32Array already (the output lives on the CPU)
      out.dispose();
      return data;
    },
    dispose: () => session.release(),
  };
}

export const CONTENDERS = {
  'ours-simd': { what: 'layers.embedding(...).apply(ids), SIMD build (init({threads: false}))', setup: (gc) => ours(gc, false) },
  'ours-threads': { what: 'layers.embedding(...).apply(ids), threads build (init({threads: true}))', setup: (gc) => ours(gc, true) },
  'ours-simd-out': { what: 'layers.embedding(...).apply(ids, {out}), SIMD build, one reused output array', setup: (gc) => ours(gc, false, true) },
  'ours-threads-out': { what: 'layers.embedding(...).apply(ids, {out}), threads build, one reused output array', setup: (gc) => ours(gc, true, true) },
  'ours-threads-heap': { what: 'layers.embedding(...).apply(ids, {out: heapTensor}), threads build, rows written in the wasm heap (no copy)', setup: (gc) => ours(gc, true, 'heap') },
  'ort-wasm-gather': { what: 'ONNX Runtime Web Gather node (wasm EP, 1 thread), output .data', setup: (gc) => ortGather(gc, 1) },
  'ort-wasm-2t-gather': { what: 'ONNX Runtime Web Gather node (wasm EP, 2 threads), output .data', setup: (gc) => ortGather(gc, 2) },
  'tfjs-wasm-gather': { what: 'tf.gather(table, ids).dataSync()', setup: (gc) => tfjsGather(gc, 'wasm') },
  'tfjs-wasm-embedding': { what: 'tf.layers.embedding({weights: [table]}).apply(ids).dataSync()', setup: (gc) => tfjsEmbedding(gc, 'wasm') },
  'tfjs-cpu-gather': { what: 'tf.gather(table, ids).dataSync()', setup: (gc) => tfjsGather(gc, 'cpu') },
  'tfjs-cpu-embedding': { what: 'tf.layers.embedding({weights: [table]}).apply(ids).dataSync()', setup: (gc) => tfjsEmbedding(gc, 'cpu') },
  'tfjs-webgl-gather': { what: 'tf.gather(table, ids).dataSync() on WebGL (software GL under --disable-gpu)', setup: (gc) => tfjsGather(gc, 'webgl') },
  'tfjs-webgl-embedding': { what: 'tf.layers.embedding({weights: [table]}).apply(ids).dataSync() on WebGL (software GL under --disable-gpu)', setup: (gc) => tfjsEmbedding(gc, 'webgl') },
};
