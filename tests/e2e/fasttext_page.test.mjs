// Section 7 ("Real models: fastText") in Chromium and Firefox: lid.176.ftz loaded by the
// page classifies typed text as you type, with the words' n-grams and rows; a subword
// model trained in the page gives an unseen, misspelled word a vector and neighbours.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { forEachBrowser, startServer } from './browser.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.close());

forEachBrowser((browser) => {
  test(`${browser.name}: which language is this: typed text is classified as it changes, with its subwords and rows`, async () => {
    const { page, problems } = await browser.openPage(server.url);
    await page.waitForSelector('#fasttext [data-testid=lid-status][data-loaded=true]', { timeout: 60000 });
    assert.match(await page.textContent('[data-testid=lid-status]'), /176 languages, dimension 16, product-quantized/);
    const top = () => page.getAttribute('[data-testid=lid-labels]', 'data-top');
    assert.equal(await top(), '__label__fr');
    await page.fill('[data-testid=lid-input]', 'Das ist ein kleiner Test auf Deutsch');
    await page.waitForFunction(() => document.querySelector('[data-testid=lid-labels]').dataset.top === '__label__de');
    await page.fill('[data-testid=lid-input]', 'これは日本語の文章です');
    await page.waitForFunction(() => document.querySelector('[data-testid=lid-labels]').dataset.top === '__label__ja');
    await page.fill('[data-testid=lid-input]', 'hello world');
    await page.waitForFunction(() => document.querySelector('[data-testid=lid-labels]').dataset.top === '__label__en');
    const subwords = await page.textContent('[data-testid=lid-subwords]');
    assert.match(subwords, /hello: \d+ n-grams/);
    assert.match(subwords, /<h → (\d+|pruned)/);
    assert.equal((await page.$$('[data-testid=lid-labels] li')).length, 3);
    assert.deepEqual(problems, []);
  });

  test(`${browser.name}: words it has never seen: a model trained in the page gives a misspelled word sensible neighbours`, async () => {
    const { page, problems } = await browser.openPage(server.url);
    await page.waitForSelector('#fasttext[data-mounted=true]', { timeout: 60000 });
    await page.click('[data-testid=unseen-train]');
    await page.waitForSelector('[data-testid=unseen-status][data-trained=true]', { timeout: 120000 });
    const out = page.locator('[data-testid=unseen-output]');
    assert.equal(await out.getAttribute('data-known'), 'false');
    const neighbours = JSON.parse(await out.getAttribute('data-neighbours'));
    assert.equal(neighbours.length, 8);
    // "goverment" shares most n-grams with "government" and its family.
    assert.ok(neighbours.slice(0, 3).some((w) => w.startsWith('govern')), neighbours.join(' '));
    assert.match(await out.textContent(), /not in the vocabulary: its vector comes from \d+ character n-grams/);
    assert.deepEqual(problems, []);
  });
});
