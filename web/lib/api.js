// embedwasm: embedding layers compiled from C++ to WebAssembly SIMD. The public API, the
// same in every environment; index.js (Node) and browser.js (elsewhere) are the entries
// that install their platform first.
export { init, memoryInUse, setThreads, threadCount } from './core/init.js';
export { tensor } from './core/tensor.js';
export { heapTensor, HeapTensor } from './core/heap_tensor.js';
export * as layers from './layers/index.js';
export * as train from './optim/index.js';
export { sequential, Sequential } from './model/sequential.js';
export { loadModel, saveModel } from './files/model_file.js';
export { tfjsModelFiles, writeTfjsModel } from './files/tfjs_layers_model.js';
export { readNpy, writeNpy } from './files/npy.js';
export { readSafetensors, writeSafetensors } from './files/safetensors.js';
export { trainInWorker } from './worker/train_in_worker.js';
export { Word2Vec } from './word2vec/index.js';
export { KeyedVectors } from './vectors/index.js';
export { trainWord2VecInWorker } from './worker/train_word2vec_in_worker.js';
export { FastText } from './fasttext/index.js';
export { trainFastTextInWorker } from './worker/train_fasttext_in_worker.js';
