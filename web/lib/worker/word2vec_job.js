// The worker side of trainWord2VecInWorker: trains a Word2Vec on the corpus it was sent
// (or streamed), posts progress (with a PCA snapshot of the most frequent words when
// asked), stops on 'cancel', and sends the vectors back transferred.
import { init } from '../core/init.js';
import { Word2Vec } from '../word2vec/word2vec.js';

// An async iterable over corpus chunks that arrive as messages.
class ChunkQueue {
  #chunks = [];
  #ended = false;
  #wake = null;

  push(chunk) {
    this.#chunks.push(chunk);
    this.#wake?.();
  }
  end() {
    this.#ended = true;
    this.#wake?.();
  }
  async *[Symbol.asyncIterator]() {
    for (;;) {
      if (this.#chunks.length > 0) yield this.#chunks.shift();
      else if (this.#ended) return;
      else await new Promise((resolve) => { this.#wake = resolve; });
    }
  }
}

export class Word2VecJob {
  #post;
  #controller = new AbortController();
  #queue = null;

  // The queue exists before init() finishes, since chunks may arrive meanwhile.
  constructor(post, streamed) {
    this.#post = post;
    if (streamed) this.#queue = new ChunkQueue();
  }

  cancel() { this.#controller.abort(); }
  chunk(data) { this.#queue?.push(data); }
  endChunks() { this.#queue?.end(); }

  async run({ options, corpus, streamed, initOptions, progressEvery, pca }) {
    await init(initOptions);
    const w2v = new Word2Vec(options);
    try {
      let lastPca = -Infinity;
      const snapshot = () => {
        const wv = w2v.wv;
        const count = Math.min(pca.count, wv.size);
        if (count < 2) return undefined;
        const { words, projection, k, explainedVarianceRatio } = wv.pca(pca.k, { count });
        return { words, projection, k, explainedVarianceRatio };
      };
      const result = await w2v.train(streamed ? this.#queue : corpus, {
        signal: this.#controller.signal,
        progressEvery,
        onProgress: (event) => {
          const message = { type: 'progress', ...event };
          const now = Date.now();
          if (pca && (now - lastPca >= pca.every || event.fractionDone === 1)) {
            lastPca = now;
            message.pca = snapshot();
          }
          this.#post(message, message.pca ? [message.pca.projection.buffer] : []);
        },
      });
      const wv = w2v.wv;
      const words = wv.keys();
      const vectors = wv.getVectors();
      this.#post({
        type: 'done', ...result, threadsUsed: w2v.threadsUsed, words, vectors, dim: wv.vectorSize,
        pca: pca ? snapshot() : undefined,
      }, [vectors.buffer]);
    } finally {
      w2v.dispose();
    }
  }
}
