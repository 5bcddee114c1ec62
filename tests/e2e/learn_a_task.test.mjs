// Section 5 ("Learn a task") in Chromium and Firefox: the spam classifier trains in a Web
// Worker and the page reports that run's held-out accuracy, validation curve, the words
// pulling toward each class and its verdict on a typed subject. The page's run is seeded
// end to end (split, initial weights, batch order), so this file repeats it in Node with
// the built package and counts, ranks and scores in plain JS what the page must then
// show, in either browser. Cancel stops a run and leaves a model the page still evaluates.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { init, layers, sequential, train } from '../../dist/index.js';
import { loadSpamSubjects } from '../data/spam_subjects.mjs';
import { forEachBrowser, startServer } from './browser.mjs';

const TRY = 'cheap viagra free money';

/**
 * The page's model and fit options (web/site/sections/learn_a_task.js), trained here with
 * fit(), which trainInWorker repeats exactly in its worker.
 */
async function expectedRun() {
  await init();
  const data = loadSpamSubjects();
  const T = data.seqLength;
  const model = sequential([
    layers.embedding({ inputDim: data.vocab.length, outputDim: 16, maskZero: true, seed: 1 }),
    layers.globalAveragePooling1d(),
    layers.dense({ units: 1, activation: 'sigmoid', seed: 2 }),
  ]);
  model.compile({ optimizer: train.adam(0.002), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  model.build([T]);
  const history = await model.fit({ data: data.train.x, shape: [data.train.n, T] }, { data: data.train.y, shape: [data.train.n, 1] },
    { epochs: 20, batchSize: 32, validationSplit: 0.1, seed: 7 });

  // Accuracy and the majority class counted from the labels and predictions.
  const labels = Array.from(data.test.y);
  const p = model.predict({ data: data.test.x, shape: [data.test.n, T] }).data;
  const correct = labels.filter((label, i) => (p[i] > 0.5 ? 1 : 0) === label).length;
  const spam = labels.filter((label) => label === 1).length;

  // Each word's pull toward spam, embedding row · Dense kernel, over words seen at least
  // 5 times in training (the page's stated rule).
  const [W, kernel] = model.getWeights().map((w) => w.data);
  const D = kernel.length;
  const scored = [];
  for (let r = 2; r < data.vocab.length; ++r) {
    if (data.counts.get(data.vocab[r]) < 5) continue;
    let s = 0;
    for (let j = 0; j < D; ++j) s += W[r * D + j] * kernel[j];
    scored.push([data.vocab[r], s]);
  }
  scored.sort((a, b) => b[1] - a[1]);

  // The typed subject by Keras's TextVectorization rules, written out: lowercase, drop
  // the 32 ASCII punctuation marks, split on whitespace, look up, 0-padded, 1 if unknown.
  const index = new Map(data.vocab.map((w, i) => [w, i]));
  const words = TRY.toLowerCase().replace(/[!-/:-@[-`{-~]/g, '').split(/[ \t\n\v\f\r]+/).filter(Boolean);
  const ids = new Int32Array(T);
  words.slice(0, T).forEach((w, k) => { ids[k] = index.get(w) ?? 1; });
  const pTry = model.predict({ data: ids, shape: [1, T] }).data[0];

  const valLoss = history.history.val_loss;
  const result = {
    accuracy: correct / data.test.n,
    majority: Math.max(spam, data.test.n - spam) / data.test.n,
    testCount: data.test.n,
    spamWords: scored.slice(0, 10),
    hamWords: scored.slice(-10).reverse(),
    pTry,
    bestEpoch: valLoss.indexOf(Math.min(...valLoss)),
    valLoss,
  };
  model.dispose();
  return result;
}

let server;
let expected;
before(async () => {
  expected = await expectedRun();
  server = await startServer();
});
after(() => server?.close());

/** [[word, score]] as a panel of the page lists them. */
async function wordPanel(page, testid) {
  return page.$$eval(`[data-testid=${testid}] li`, (items) =>
    items.map((li) => [li.querySelector('.word').textContent, Number(li.querySelector('.score').textContent)]));
}

function assertPanel(shown, want, label) {
  assert.deepEqual(shown.map(([w]) => w), want.map(([w]) => w), `${label}: the words, in order`);
  // The page prints two decimals.
  shown.forEach(([w, s], i) => assert.ok(Math.abs(s - want[i][1]) <= 0.005 + 1e-6, `${label}: ${w} shows ${s}, expected ${want[i][1]}`));
}

forEachBrowser((browser) => {
  test(`${browser.name}: Embedding -> GlobalAveragePooling1D -> Dense in a worker: the page shows what the seeded run gives`, async () => {
    const { page, problems } = await browser.openPage(server.url);
    await page.waitForSelector('#learn-a-task[data-mounted=true]', { timeout: 30000 });
    const started = Date.now();
    await page.click('[data-testid=spam-train]');
    await page.waitForSelector('#learn-a-task[data-state=trained]', { timeout: 60000 });
    const seconds = (Date.now() - started) / 1000;
    const acc = page.locator('[data-testid=spam-accuracy]');
    const accuracy = Number(await acc.getAttribute('data-accuracy'));
    const majority = Number(await acc.getAttribute('data-majority'));
    // The engine reports accuracy in float32.
    assert.ok(Math.abs(accuracy - expected.accuracy) < 1e-6, `held-out accuracy ${accuracy}, counted ${expected.accuracy}`);
    assert.equal(majority, expected.majority);
    // The point of the section: well above always answering the majority class.
    assert.ok(expected.accuracy > expected.majority + 0.1, `accuracy ${expected.accuracy} vs majority ${expected.majority}`);
    assert.match(await acc.textContent(), new RegExp(`^Held-out accuracy: ${(expected.accuracy * 100).toFixed(1)} % on ${expected.testCount.toLocaleString('en-US')} subjects`));
    assert.match(await page.textContent('[data-testid=spam-progress]'), /^Trained 20 epochs in [\d.]+ s in a Web Worker\.$/);

    // The page reads the overfitting note off this run's validation loss.
    const note = page.locator('[data-testid=spam-overfitting]');
    if (expected.bestEpoch === expected.valLoss.length - 1) {
      assert.equal(await note.count(), 0, 'no note when validation loss is lowest at the end');
    } else {
      assert.match(await note.textContent(), new RegExp(`^Validation loss was lowest after epoch ${expected.bestEpoch + 1} \\(${expected.valLoss[expected.bestEpoch].toFixed(3)}\\) and rose to ${expected.valLoss.at(-1).toFixed(3)} by epoch 20 `));
    }
    // Two charts (loss, accuracy) drawn by uPlot.
    assert.equal(await page.locator('#learn-a-task .uplot').count(), 2);
    assertPanel(await wordPanel(page, 'spam-words'), expected.spamWords, 'toward spam');
    assertPanel(await wordPanel(page, 'ham-words'), expected.hamWords, 'toward ham');

    await page.fill('[data-testid=spam-try]', TRY);
    const verdict = (await page.textContent('[data-testid=spam-try-output]')).match(/^P\(spam\) = ([01]\.\d{3}): (spam|ham)$/);
    assert.ok(verdict, 'P(spam) = <three decimals>: <label>');
    assert.ok(Math.abs(Number(verdict[1]) - expected.pTry) <= 0.0005 + 1e-6, `P(spam) ${verdict[1]}, expected ${expected.pTry}`);
    assert.equal(verdict[2], expected.pTry > 0.5 ? 'spam' : 'ham');
    // The prediction taken apart: each looked-up row with its score, and the logit.
    assert.match(await page.textContent('[data-testid=spam-try-words]'), /^Rows looked up: cheap -?\d.*Mean score -?\d.*plus bias -?\d.*is the logit\.$/);

    // What training did to the table: maps before and after, rows before and after, the
    // padding row untouched (maskZero: it never gets a gradient), scores turned into meaning.
    const showcase = page.locator('[data-testid=spam-showcase]');
    assert.equal(await showcase.getAttribute('data-pad-unchanged'), 'true');
    for (const id of ['spam-map-before', 'spam-map-after']) {
      assert.equal(await page.locator(`[data-testid=${id}] .pca-labels span`).count(), 16, `${id}: 8 spam and 8 ham words`);
    }
    const text = await showcase.textContent();
    assert.match(text, /it is exactly the same before and after/);
    assert.match(text, /"qqqq wxyzq" gets P\(spam\) = [\d.]+ = sigmoid\(-?[\d.]+ \+ -?[\d.]+\): all its rows are this one row/);
    assert.match(text, new RegExp(`"${expected.spamWords[0][0]}" \\(score ${expected.spamWords[0][1].toFixed(2)}`));
    // The list-name leak, shown: adding the strongest ham word lowers P(spam).
    await page.fill('[data-testid=spam-try]', 'FREE money!!! act now');
    const p0 = Number((await page.textContent('[data-testid=spam-try-output]')).match(/= ([\d.]+)/)[1]);
    await page.click('[data-testid=spam-add-tag]');
    const p1 = Number((await page.textContent('[data-testid=spam-try-output]')).match(/= ([\d.]+)/)[1]);
    assert.ok(p1 < p0 || p0 === 0, `adding [${expected.hamWords[0][0]}]: P(spam) ${p0} -> ${p1}`);
    // The legend never reads "--" placeholders.
    assert.doesNotMatch(await page.textContent('#learn-a-task .charts'), /--/);
    console.log(`# trained in ${seconds.toFixed(1)} s to ${accuracy.toFixed(3)} (majority ${majority.toFixed(3)})`);
    assert.deepEqual(problems, []);
  });

  test(`${browser.name}: Cancel stops training and keeps a usable model`, async () => {
    const { page, problems } = await browser.openPage(server.url);
    await page.waitForSelector('#learn-a-task[data-mounted=true]', { timeout: 30000 });
    await page.fill('[data-testid=spam-epochs]', '30');
    // The snippet follows the reader's epoch count.
    assert.match(await page.textContent('[data-testid=spam-snippet]'), /epochs: 30, batchSize: 32/);
    await page.click('[data-testid=spam-train]');
    await page.click('[data-testid=spam-cancel]');
    await page.waitForSelector('#learn-a-task[data-state=cancelled], #learn-a-task[data-state=trained]', { timeout: 60000 });
    assert.equal(await page.getAttribute('#learn-a-task', 'data-state'), 'cancelled');
    assert.match(await page.textContent('[data-testid=spam-progress]'), /^Cancelled after \d+ complete epoch/);
    // Where it stopped depends on timing, so the weights do not; the result must still be
    // the model's evaluation of the held-out subjects: a count of them out of all.
    const shown = await page.getAttribute('[data-testid=spam-accuracy]', 'data-accuracy');
    assert.match(shown ?? '', /^(0|1|0\.\d+)$/, `data-accuracy ${shown}`);
    const count = Number(shown) * expected.testCount;
    assert.ok(Math.abs(count - Math.round(count)) < 1e-3, `accuracy ${shown} is not a count out of ${expected.testCount}`);
    assert.equal(Number(await page.getAttribute('[data-testid=spam-accuracy]', 'data-majority')), expected.majority);
    assert.equal(await page.locator('[data-testid=spam-words] li').count(), 10);
    assert.match(await page.textContent('[data-testid=spam-try-output]'), /^P\(spam\) = [01]\.\d{3}: (spam|ham)$/);
    assert.deepEqual(problems, []);
  });
});
