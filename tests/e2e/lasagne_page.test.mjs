// Section 1 ("What it does") in Chromium and Firefox: the Lasagne example computed by the
// package, the one-hot product equal to the lookup, edits recomputing it, invalid ids
// showing the package's error inline, and the Keras docstring example. Run once
// cross-origin isolated (threads build) and once not (single-thread SIMD build), checking
// the header says so and that every section mounts with either build.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { forEachBrowser, startServer } from './browser.mjs';

const LASAGNE = [0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
const SECTIONS = ['what-it-does', 'why-use-it', 'train-words', 'query', 'learn-a-task', 'take-it-with-you'];
// Playwright reads a selector starting with '//' as XPath, and so does FirefoxPage.
const INPUT_DIM = '//*[@id="what-it-does"]//label[contains(., "input_dim")]//input';
const values = async (page, testid) => JSON.parse(await page.getAttribute(`[data-testid=${testid}]`, 'data-values'));

const servers = new Map();  // isolation -> the site served with or without COOP/COEP
before(async () => { for (const isolation of [true, false]) servers.set(isolation, await startServer({ isolation })); });
after(() => { for (const server of servers.values()) server.close(); });

forEachBrowser((browser) => {
  for (const isolation of [true, false]) {
    test(`${browser.name}: Lasagne example, one-hot product, edits and errors (${isolation ? 'isolated: threads' : 'not isolated: single thread'})`, async () => {
      const server = servers.get(isolation);
      const { page, problems } = await browser.openPage(server.url);
      await page.waitForSelector('#what-it-does[data-mounted=true]', { timeout: 30000 });
      assert.equal(await page.getAttribute('#mode', 'data-variant'), isolation ? 'threads' : 'simd');
      const mode = await page.textContent('#mode');
      // Plain words in the header; the technical reason only in its title.
      assert.match(mode, isolation ? /^Engine ready: WebAssembly, up to \d+ CPU threads$/ : /^Engine ready: WebAssembly, one CPU thread$/);
      assert.match(await page.getAttribute('#mode', 'title'), isolation ? /is cross-origin isolated/ : /not cross-origin isolated/);
      await page.waitForSelector('body[data-ready=true]', { timeout: 60000 });
      for (const id of SECTIONS) assert.equal(await page.getAttribute(`#${id}`, 'data-mounted'), 'true', `section ${id} mounted`);

      assert.deepEqual(await values(page, 'lookup-output'), LASAGNE);
      assert.deepEqual(JSON.parse(await page.getAttribute('[data-testid=lookup-output]', 'data-shape')), [2, 2, 5]);
      assert.equal(await page.textContent('[data-testid=lookup-shape]'), 'x: (2, 2) → output: (2, 2, 5)');
      assert.equal(await page.locator('#what-it-does .grid.editable tr.looked-up').count(), 3);
      // Each row of W and the output rows copied from it share their id's colour class.
      assert.deepEqual(await page.$eval('#what-it-does .grid.editable', (w) => [...w.tBodies[0].rows].map((tr) => [...tr.classList].find((c) => /^id-\d+$/.test(c)) ?? null)), ['id-0', 'id-1', 'id-2']);
      const outputRows = await page.$$eval('[data-testid=lookup-output] tbody tr', (trs) => trs.map((tr) => [tr.querySelector('th').textContent, [...tr.classList].find((c) => /^id-\d+$/.test(c))]));
      assert.deepEqual(outputRows, [['t0: id 0', 'id-0'], ['t1: id 2', 'id-2'], ['t0: id 1', 'id-1'], ['t1: id 2', 'id-2']]);
      // The snippet is the reader's table and ids.
      assert.match(await page.textContent('[data-testid=lookup-snippet]'), /const out = embedding\.apply\(\[\[0,2\],\[1,2\]\]\)/);
      // one-hot(x) · W, computed by a Dense layer, equals the lookup exactly.
      assert.deepEqual(await values(page, 'onehot-output'), LASAGNE);
      assert.equal(await page.getAttribute('[data-testid=lookup-match]', 'data-equal'), 'true');
      assert.match(await page.textContent('[data-testid=lookup-costs]'), /B·T·D = 20 numbers.*B·T·V·D = 60 multiply-adds/);

      // x[0][1] = 1: batch 0 now looks up rows 0 and 1; row 2 is still used by batch 1.
      await page.fill('[aria-label="x row 0, column 1"]', '1');
      const edited = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
      assert.deepEqual(await values(page, 'lookup-output'), edited);
      assert.deepEqual(await values(page, 'onehot-output'), edited);
      assert.match(await page.textContent('[data-testid=lookup-snippet]'), /embedding\.apply\(\[\[0,1\],\[1,2\]\]\)/);

      // Out of range: the package's RangeError, inline.
      await page.fill('[aria-label="x row 1, column 0"]', '7');
      const error = page.locator('[data-testid=lookup-error]');
      assert.ok(await error.isVisible());
      assert.match(await error.textContent(), /^RangeError: embedding\.apply: id 7 at position \[1, 0\] is out of range for inputDim 3 \(valid ids are 0\.\.2\)$/);
      // No leftover "same numbers" tick under the error.
      assert.equal(await page.getAttribute('[data-testid=lookup-match]', 'data-equal'), null);
      assert.equal(await page.textContent('[data-testid=lookup-match]'), '');
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
      assert.match(await page.textContent('#what-it-does'), /input_dim = 20 \+ 1 = 21 rows.*output_dim = 2.*the other 19 rows keep the random starting values/);
      // Table values at most 4 significant digits (the random rows are float32 noise).
      const cells = await page.$$eval('#what-it-does details .grid td', (tds) => tds.map((td) => td.textContent));
      assert.equal(cells.length, 42);
      for (const c of cells) assert.ok(c.replace(/^-?0\.0*/, '').replace(/[-.]/g, '').length <= 4, `cell ${c} has more than 4 digits`);

      // A size out of range is set to the nearest allowed one, and the page says so.
      await page.fill(INPUT_DIM, '50');
      await page.press(INPUT_DIM, 'Enter');
      await page.locator(INPUT_DIM).blur();
      await page.waitForFunction(() => document.querySelector('[data-testid=lookup-clamp]').textContent !== '');
      assert.equal(await page.inputValue(INPUT_DIM), '10');
      assert.match(await page.textContent('[data-testid=lookup-clamp]'), /^input_dim is 1–10 in this demo, so 10 is used \(you typed 50\)\.$/);
      assert.deepEqual(problems, []);
    });
  }
});
