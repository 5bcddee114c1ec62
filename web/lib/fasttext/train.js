// FastText.trainSupervised / trainUnsupervised: the core's trainer
// (cpp/include/embedwasm/fasttext/fasttext_trainer.h) run in chunks of about 40 ms with
// the event loop running in between, for progress events and an AbortSignal.
import { engine, poolLoaded, threadsAvailable, unrefWorkers } from '../core/init.js';
import { checkOptionNames, integerOption, kindOf } from '../core/options.js';
import { throwIfWordsError } from '../vectors/errors.js';
import { yieldToEventLoop } from '../word2vec/yield.js';
import { trainingRecord } from './fasttext_options.js';
import { withText } from './text_bytes.js';
import { FastText } from './fasttext.js';  // circular: used at call time only

const now = () => globalThis.performance?.now() ?? Date.now();
// Long enough that a chunk's fixed cost (a boundary call, a progress event) vanishes,
// short enough that a page stays responsive and a cancel lands quickly.
const CHUNK_MS = 40;
const TRAIN_OPTIONS = ['onProgress', 'signal', 'progressEvery', 'chunkTokens'];

function trainOptionsOf(where, options, trainOptions) {
  if (trainOptions === null || typeof trainOptions !== 'object') throw new TypeError(`${where}: the third argument must be an object, got ${kindOf(trainOptions)}`);
  checkOptionNames(where, trainOptions, TRAIN_OPTIONS);
  // onProgress and signal may also sit among the options, as in word2vec's train().
  const merged = { ...Object.fromEntries(TRAIN_OPTIONS.filter((k) => options?.[k] !== undefined).map((k) => [k, options[k]])), ...trainOptions };
  const { onProgress, signal } = merged;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError(`${where}: onProgress must be a function, got ${kindOf(onProgress)}`);
  const progressEvery = integerOption(where, merged, 'progressEvery', 0);
  const chunkTokens = integerOption(where, merged, 'chunkTokens', 0);
  if (progressEvery < 0) throw new RangeError(`${where}: progressEvery must be >= 0 (milliseconds), got ${progressEvery}`);
  if (chunkTokens < 0) throw new RangeError(`${where}: chunkTokens must be >= 0, got ${chunkTokens}`);
  return { onProgress, signal, progressEvery, chunkTokens };
}

/**
 * Trains a model; resolves to a FastText whose `training` holds {cancelled, threadsUsed,
 * tokensProcessed, tokensPerSecond, loss, seconds}. A cancelled run still gives the model
 * as it stood.
 */
export async function trainFastText(supervised, text, options, trainOptions) {
  const where = supervised ? 'FastText.trainSupervised' : 'FastText.trainUnsupervised';
  const run = trainOptionsOf(where, options, trainOptions);
  const record = trainingRecord(supervised, options ?? {}, where, TRAIN_OPTIONS);
  const m = engine();
  const threadsUsed = Math.max(1, Math.min(record.thread, threadsAvailable(m)));
  record.thread = threadsUsed;
  run.signal?.throwIfAborted?.();
  const trainer = new m.FastTextTrainer();
  const model = new m.FastTextModel();
  try {
    withText(m, text, where, (p, n) => throwIfWordsError(trainer.create(record, supervised, p, n), where));
    if (threadsUsed > 1) await poolLoaded(m);
    const report = await trainChunks(m, trainer, run, where, threadsUsed);
    throwIfWordsError(trainer.model(model), where);
    // Only a supervised model can be quantized with retrain, which needs the trainer.
    if (!supervised) trainer.delete();
    return FastText._wrap(model, supervised ? trainer : null, Object.freeze(report));
  } catch (error) {
    model.delete();
    if (!trainer.isDeleted()) trainer.delete();
    throw error;
  }
}

async function trainChunks(m, trainer, { onProgress, signal, progressEvery, chunkTokens }, where, threadsUsed) {
  let chunk = chunkTokens || 10000;
  let lastReport = -Infinity;
  let cancelled = false;
  let ms = 0;
  let p = trainer.progress();
  const event = () => ({
    fractionDone: p.fractionDone,
    tokensProcessed: p.tokensProcessed,
    tokensTotal: p.tokensTotal,
    tokensPerSecond: ms > 0 ? (p.tokensProcessed / ms) * 1000 : 0,
    loss: p.loss,
    lr: p.lr,
  });
  while (!p.done) {
    if (signal?.aborted) {
      cancelled = true;
      break;
    }
    const start = now();
    throwIfWordsError(trainer.trainChunk(chunk), where);
    const took = now() - start;
    ms += took;
    unrefWorkers(m);
    const before = p.tokensProcessed;
    p = trainer.progress();
    if (!chunkTokens && took > 0) {
      const perMs = (p.tokensProcessed - before) / took;
      chunk = Math.max(1000, Math.min(1e7, Math.round(perMs * CHUNK_MS)));
    }
    if (onProgress && (p.done || now() - lastReport >= progressEvery)) {
      lastReport = now();
      onProgress(event());
    }
    await yieldToEventLoop();
  }
  return { cancelled, threadsUsed, seconds: ms / 1000, ...event() };
}
