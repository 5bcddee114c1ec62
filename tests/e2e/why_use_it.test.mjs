// Section 2 ("Why use it") in Chromium and Firefox: the size and work of one-hot · Dense
// against the lookup for a vocabulary the reader types, the live timing, and padding
// handled by maskZero and paddingIdx.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { forEachBrowser, startServer } from './browser.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.close());

forEachBrowser((browser) => {
  test(`${browser.name}: one-hot vs lookup sizes and work follow the chosen V, D, T; timing runs both`, async () => {
    const { page, problems } = await browser.openPage(server.url);
    await page.waitForSelector('#why-use-it[data-mounted=true]', { timeout: 30000 });
    await page.fill('[data-testid=why-vocab]', '50000');
    await page.fill('[data-testid=why-dim]', '32');
    await page.fill('[data-testid=why-seq]', '10');
    const numbers = JSON.parse(await page.getAttribute('[data-testid=why-table]', 'data-values'));
    assert.deepEqual(numbers, { inputOneHotBytes: 4 * 10 * 50000, inputIdsBytes: 40, weightBytes: 4 * 50000 * 32, macs: 10 * 50000 * 32, copies: 320 });
    const table = await page.textContent('[data-testid=why-table]');
    assert.match(table, /T·V = 500,000 floats \(2\.00 MB\)/);
    assert.match(table, /T = 10 int32 ids \(40 B\)/);
    assert.match(table, /T·V·D = 16\.0 million multiply-adds/);
    assert.match(table, /T·D = 320 copies/);
    assert.match(await page.textContent('[data-testid=why-ratio]'), /50,000× less input/);

    await page.click('//*[@id="why-use-it"]//button[.="Time both in WebAssembly"]');  // XPath, read alike by both
    const timing = page.locator('[data-testid=why-timing]');
    await page.waitForFunction(() => document.querySelector('[data-testid=why-timing]').dataset.same !== undefined, null, { timeout: 30000 });
    assert.equal(await timing.getAttribute('data-same'), 'true');
    assert.match(await timing.textContent(), /lookup [\d.e-]+ ms, one-hot · Dense [\d.e-]+ ms/);
    assert.deepEqual(problems, []);
  });

  test(`${browser.name}: padding: computeMask, a zero padding row with zero gradient, masked pooling`, async () => {
    const { page, problems } = await browser.openPage(server.url);
    await page.waitForSelector('#why-use-it[data-mounted=true]', { timeout: 30000 });
    await page.fill('[data-testid=padding-text]', 'spam spam eggs\nham');
    const out = page.locator('[data-testid=padding-output]');
    assert.deepEqual(JSON.parse(await out.getAttribute('data-mask')), [1, 1, 1, 1, 0, 0]);
    assert.deepEqual(JSON.parse(await out.getAttribute('data-pad-row')), [0, 0, 0]);
    assert.deepEqual(JSON.parse(await out.getAttribute('data-pad-grad')), [0, 0, 0]);
    assert.match(await out.textContent(), /although id 0 appears 2 times/);
    assert.deepEqual(problems, []);
  });
});
