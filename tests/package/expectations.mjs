// One judgement of runScenario()'s result (fixture/scenario.js), whichever environment
// ran it: Node, a test runner, or a page of any bundler row in either browser, isolated or not.
import assert from 'node:assert/strict';

import { ANIMALS, VEHICLES } from './fixture/scenario.js';

export function checkScenario(result, { variant }, where) {
  assert.deepEqual(result.info, { simd: true, threads: variant === 'threads', variant }, `${where}: init() result`);
  assert.equal(result.sameInfoTwice, true, `${where}: a second init() returns the first result`);

  assert.deepEqual(result.lookup.shape, [2, 2, 3], `${where}: lookup shape`);
  assert.deepEqual(result.lookup.weightsShape, [6, 3], `${where}: table shape`);
  assert.equal(result.lookup.error, 0, `${where}: looked-up rows equal the table rows`);
  assert.equal(result.raggedError?.name, 'TypeError', `${where}: a ragged input is a TypeError`);
  assert.match(result.raggedError.message, /ragged nested array at \[1\]/, `${where}: the error names where`);

  const { historyKeys, losses, accuracy, correct } = result.fit;
  assert.deepEqual(historyKeys, ['accuracy', 'loss'], `${where}: the metric is logged under the name compile() was given`);
  assert.equal(losses.length, 30, `${where}: one loss per epoch`);
  assert.equal(accuracy.length, 30, `${where}: one accuracy per epoch`);
  assert.ok(losses.every(Number.isFinite), `${where}: finite losses ${losses}`);
  assert.ok(losses.at(-1) < 0.5 * losses[0], `${where}: loss fell from ${losses[0]} to ${losses.at(-1)}`);
  // Whether a sequence holds id 1 is learnable exactly: every one of the 64 is right.
  assert.equal(correct, 64, `${where}: sequences the trained model classifies right`);
  assert.ok(accuracy.at(-1) >= 0.9, `${where}: final accuracy ${accuracy.at(-1)}`);

  // Keras's printed results: get_vocabulary() and [[4, 1, 3, 0], [1, 2, 0, 0]].
  assert.deepEqual(result.text.vocabulary, ['', '[UNK]', 'baz', 'bar', 'foo', 'boom', 'bada'], `${where}: textVectorization vocabulary`);
  assert.deepEqual(result.text.ids, [4, 1, 3, 0, 1, 2, 0, 0], `${where}: textVectorization ids`);
  // 'boom' (after lowercasing and stripping '!') decides the label: all 32 right.
  assert.equal(result.text.correct, 32, `${where}: texts the string model classifies right`);

  const w2v = result.word2vec;
  assert.equal(w2v.vocabSize, ANIMALS.length + VEHICLES.length, `${where}: vocabulary`);
  assert.equal(w2v.threadsUsed, variant === 'threads' ? 2 : 1, `${where}: word2vec threads used`);
  for (const [word, topic] of [['cat', ANIMALS], ['car', VEHICLES]]) {
    const neighbours = w2v[word];
    assert.equal(neighbours.length, 5, `${where}: topn 5 for '${word}'`);
    assert.ok(neighbours.every(([w, sim]) => typeof w === 'string' && w !== word && sim <= 1 + 1e-6),
      `${where}: neighbours of '${word}' are other words with cosines: ${JSON.stringify(neighbours)}`);
    assert.ok(neighbours.every(([w]) => topic.includes(w)),
      `${where}: the 5 nearest to '${word}' share its topic: ${JSON.stringify(neighbours)}`);
  }
}

/** The result of runWorkerScenario() (fixture/worker_scenario.js) in a page. */
export function checkWorkers(result, where) {
  assert.ok(result, `${where}: the page ran the worker scenario`);
  const w2v = result.word2vec;
  assert.equal(w2v.cancelled, false, `${where}: trainWord2VecInWorker ran to the end`);
  assert.equal(w2v.epochs, 4, `${where}: trainWord2VecInWorker epochs`);
  assert.equal(w2v.vocabSize, ANIMALS.length + VEHICLES.length, `${where}: trainWord2VecInWorker vocabulary`);
  assert.equal(w2v.dim, 16, `${where}: trainWord2VecInWorker dim`);
  assert.ok(w2v.events.length >= 2, `${where}: progress events arrived from the worker: ${JSON.stringify(w2v.events)}`);
  const fractions = w2v.events.map((e) => e.fractionDone);
  assert.ok(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]), `${where}: fractionDone never falls: ${fractions}`);
  assert.equal(fractions.at(-1), 1, `${where}: the last progress event is at fractionDone 1`);
  for (const [word, topic] of [['cat', ANIMALS], ['car', VEHICLES]]) {
    const [[nearest]] = w2v[word];
    assert.ok(nearest !== word && topic.includes(nearest),
      `${where}: the vectors from the worker put '${word}' nearest a word of its topic: ${JSON.stringify(w2v[word])}`);
  }

  const { fit } = result;
  assert.equal(fit.cancelled, false, `${where}: trainInWorker ran to the end`);
  assert.deepEqual(fit.epochEvents, [0, 1, 2, 3, 4, 5, 6, 7], `${where}: trainInWorker sent one progress event per epoch`);
  assert.equal(fit.losses.length, 8, `${where}: trainInWorker history has one loss per epoch`);
  assert.ok(fit.losses.every(Number.isFinite) && fit.losses.at(-1) < fit.losses[0],
    `${where}: trainInWorker loss fell: ${fit.losses}`);
  assert.deepEqual(fit.weightShapes, [[8, 4], [4, 2], [2]], `${where}: trainInWorker weights in getWeights() order`);
  assert.equal(fit.weightsChanged, true, `${where}: the returned weights are trained ones`);
  assert.equal(fit.modelHoldsResult, true, `${where}: the model was updated with the returned weights`);
}
