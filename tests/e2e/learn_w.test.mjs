// "How W gets its values" (section 1) in Chromium and Firefox: each Step is one forward
// pass, mean squared error, backward pass and SGD step of learning rate 1 on x = [[0, 2],
// [2, 1]] with a target per id. Checked by hand here in float64 from the W the page shows:
// the output rows, the loss, dL/dout = 2 (out - y) / 8, dL/dW summed per id (zero for id
// 3, never looked up), and W after = W - dL/dW, with row 3 unchanged to the bit.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { forEachBrowser, startServer } from './browser.mjs';

const IDS = [0, 2, 2, 1];
const TARGET_OF = [[1, 0], [0, 1], [-1, 0]];
const D = 2;

let server;
before(async () => { server = await startServer(); });
after(() => server?.close());

const stage = async (page, key) => JSON.parse(await page.getAttribute('[data-testid=learn-stage]', `data-${key}`));

function close(actual, expected, tolerance, label) {
  assert.equal(actual.length, expected.length, `${label}: length`);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]) <= tolerance, `${label}[${i}]: ${a}, by hand ${expected[i]}`));
}

forEachBrowser((browser) => {
  test(`${browser.name}: a step changes only the looked-up rows, by the hand-computed gradient; steps repeat`, async () => {
    const { page, problems } = await browser.openPage(server.url);
    await page.waitForSelector('#what-it-does[data-mounted=true]', { timeout: 30000 });
    const start = await stage(page, 'w');
    assert.equal(start.length, 4 * D);
    // Keras's default initializer: uniform(-0.05, 0.05), and not all zero.
    assert.ok(start.every((v) => Math.abs(v) <= 0.05) && start.some((v) => v !== 0), `W starts random: ${start}`);
    assert.match(await page.textContent('[data-testid=learn-status]'), /uniform\(−0\.05, 0\.05\)/);

    let W = start;
    for (let step = 1; step <= 3; ++step) {
      await page.click('[data-testid=learn-step]');
      await page.waitForFunction((s) => document.querySelector('[data-testid=learn-stage]').dataset.step === String(s), step);
      const beforeW = await stage(page, 'before');
      assert.deepEqual(beforeW, W, `step ${step} starts from the last W`);
      const out = IDS.flatMap((id) => beforeW.slice(id * D, (id + 1) * D));
      const y = IDS.flatMap((id) => TARGET_OF[id]);
      const loss = out.reduce((s, o, i) => s + (o - y[i]) ** 2, 0) / out.length;
      assert.ok(Math.abs(Number(await page.getAttribute('[data-testid=learn-stage]', 'data-loss')) - loss) < 1e-6, `loss ${loss}`);
      const dOut = out.map((o, i) => (2 * (o - y[i])) / out.length);
      close(await stage(page, 'dout'), dOut, 1e-6, `step ${step} dL/dout`);
      const grad = new Array(4 * D).fill(0);
      IDS.forEach((id, p) => { for (let k = 0; k < D; ++k) grad[id * D + k] += dOut[p * D + k]; });
      const shownGrad = await stage(page, 'grad');
      close(shownGrad, grad, 1e-6, `step ${step} dL/dW`);
      assert.deepEqual(shownGrad.slice(3 * D), [0, 0], 'id 3 is not looked up: zero gradient');
      const afterW = await stage(page, 'w');
      close(afterW, beforeW.map((v, i) => v - grad[i]), 1e-6, `step ${step} W after`);
      assert.deepEqual(afterW.slice(3 * D), start.slice(3 * D), 'row 3 keeps its random start exactly');
      for (const r of [0, 1, 2]) assert.ok(afterW.slice(r * D, (r + 1) * D).some((v, k) => v !== beforeW[r * D + k]), `row ${r} moved`);
      // The tables say the same: rows 0-2 marked changed, row 3 not, in W after and dL/dW.
      const marks = await page.$$eval('[data-testid=learn-after] tbody tr', (trs) => trs.map((tr) => tr.classList.contains('changed')));
      assert.deepEqual(marks, [true, true, true, false]);
      const gradMarks = await page.$$eval('[data-testid=learn-grad] tbody tr', (trs) => trs.map((tr) => tr.classList.contains('touched')));
      assert.deepEqual(gradMarks, [true, true, true, false]);
      W = afterW;
    }
    // Training moves rows toward their targets: after 3 steps, row 0 is closer to [1, 0].
    assert.ok(Math.hypot(W[0] - 1, W[1]) < Math.hypot(start[0] - 1, start[1]));

    await page.click('[data-testid=learn-reset]');
    assert.equal(await page.getAttribute('[data-testid=learn-stage]', 'data-step'), '0');
    assert.notDeepEqual(await stage(page, 'w'), start, 'a new random W');
    assert.deepEqual(problems, []);
  });
});
