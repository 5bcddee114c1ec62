// The worker side of trainFastTextInWorker: trains a fastText model on the text it was
// sent, posts progress, stops on 'cancel', and sends the model file back transferred.
import { init } from '../core/init.js';
import { FastText } from '../fasttext/fasttext.js';

export class FastTextJob {
  #post;
  #controller = new AbortController();

  constructor(post) { this.#post = post; }

  cancel() { this.#controller.abort(); }

  async run({ supervised, text, options, initOptions, progressEvery }) {
    await init(initOptions);
    const train = supervised ? FastText.trainSupervised : FastText.trainUnsupervised;
    const model = await train(text, options, {
      signal: this.#controller.signal,
      progressEvery,
      onProgress: (event) => this.#post({ type: 'progress', ...event }),
    });
    try {
      const bytes = model.save();
      this.#post({ type: 'done', ...model.training, modelBytes: bytes }, [bytes.buffer]);
    } finally {
      model.dispose();
    }
  }
}
