// Section 1 ("What it does") in Chromium: the Lasagne example computed by the package,
// the one-hot product equal to the lookup, edits recomputing it, invalid ids showing the
// package's error inline, and the Keras docstring example. Run once cross-origin isolated
// (threads build) and once not (single-thread SIMD build), checking the header says so.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, openPage, startServer } from './browser.mjs';

const LASAGNE = [0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
const values = async (page, testid) => JSON.parse(await page.getAttribute(`[data-testid=${testid}]`, 'data-values'));

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const isolation of [true, false]) {
  test(`Lasagne example, one-hot product, edits and errors (${isolation ? 'isolated: threads' : 'not isolated: single thread'})`, async () => {
    const server = await startServer({ isolation });
    try {
      const { page, problems } = await openPage(browser, server.url);
      await page.waitForSelector('#what-it-does[data-mounted=true]', { timeout: 30000 });
      assert.equal(await page.getAttribute('#mode', 'data-variant'), isolation ? 'threads' : 'simd');
      const mode = await page.textContent('#mode');
      assert.match(mode, isolation ? /^threads: \d+ workers \(cross-origin isolated\)$/ : /^single thread: page not cross-origin isolated$/);

      assert.deepEqual(await values(page, 'lookup-output'), LASAGNE);
      assert.deepEqual(JSON.parse(await page.getAttribute('[data-testid=lookup-output]', 'data-shape')), [2, 2, 5]);
      assert.equal(await page.textContent('[data-testid=lookup-shape]'), 'x: (2, 2) → output: (2, 2, 5)');
      assert.equal(await page.locator('#what-it-does .grid.editable tr.looked-up').count(), 3);
      // one-hot(x) · W, computed by a Dense layer, equals the lookup exactly.
      assert.deepEqual(await values(page, 'onehot-output'), LASAGNE);
      assert.equal(await page.getAttribute('[data-testid=lookup-match]', 'data-equal'), 'true');
      assert.match(await page.textContent('[data-testid=lookup-costs]'), /B·T·D = 20 numbers.*B·T·V·D = 60 multiply-adds/);

      // x[0][1] = 1: batch 0 now looks up rows 0 and 1; row 2 is still used by batch 1.
      await page.fill('[aria-label="x row 0, column 1"]', '1');
      const edited = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
      assert.deepEqual(await values(page, 'lookup-output'), edited);
      assert.deepEqual(await values(page, 'onehot-output'), edited);

      // Out of range: the package's RangeError, inline.
      await page.fill('[aria-label="x row 1, column 0"]', '7');
      const error = page.locator('[data-testid=lookup-error]');
      assert.ok(await error.isVisible());
      assert.match(await error.textContent(), /^RangeError: embedding\.apply: id 7 at position \[1, 0\] is out of range for inputDim 3 \(valid ids are 0\.\.2\)$/);
      // Not an integer: the package's TypeError.
      await page.fill('[aria-label="x row 1, column 0"]', '1.5');
      assert.match(await error.textContent(), /^TypeError: embedding\.apply: id 1\.5 at position \[1, 0\] is not an integer$/);
      // Fixing it clears the error and recomputes.
      await page.fill('[aria-label="x row 1, column 0"]', '2');
      assert.ok(await error.isHidden());
      assert.deepEqual((await values(page, 'lookup-output')).slice(10, 15), [10, 11, 12, 13, 14]);

      // Keras: [[4], [20]] -> [[0.25, 0.1], [0.6, -0.2]] with a 21 x 2 table.
      const keras = await values(page, 'keras-output');
      assert.deepEqual(keras, [0.25, 0.1, 0.6, -0.2].map(Math.fround));
      assert.match(await page.textContent('[data-testid=keras-output]'), /shape \(2, 1, 2\): \[\[\[0\.25, 0\.1\]\], \[\[0\.6, -0\.2\]\]\]/);
      assert.deepEqual(problems, []);
    } finally {
      server.close();
    }
  });
}
