// The page npm start serves computes the Lasagne example with wasm, with threads when
// cross-origin isolated and with the single-threaded SIMD build otherwise.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, openPage, startServer } from './browser.mjs';

const LASAGNE = [0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const isolation of [true, false]) {
  test(`Lasagne example in Chromium, ${isolation ? 'isolated: threads' : 'not isolated: simd'}`, async () => {
    const server = await startServer({ isolation });
    try {
      const { page, problems } = await openPage(browser, server.url);
      await page.waitForSelector('#status[data-variant]', { timeout: 20000 });
      assert.equal(await page.getAttribute('#status', 'data-variant'), isolation ? 'threads' : 'simd');
      const values = JSON.parse(await page.getAttribute('#table-out', 'data-values'));
      assert.deepEqual(values, LASAGNE);
      assert.equal(await page.locator('#table-w tr.looked-up').count(), 3);
      assert.deepEqual(problems, []);
    } finally {
      server.close();
    }
  });
}
