// The site in the second browser, Debian's Firefox ESR (puppeteer-core over WebDriver
// BiDi, scripts/lib/firefox.mjs), headless and so without a GPU or WebGL: every section
// mounts under the site's policy, word2vec trains on Moby-Dick in a worker until the loss
// falls, the PCA picture is drawn (on the 2-D canvas fallback) and the vectors answer a
// query; threads when cross-origin isolated, one thread without.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchFirefox } from '../../scripts/lib/firefox.mjs';
import { startServer } from './browser.mjs';

const SECTIONS = ['what-it-does', 'why-use-it', 'train-words', 'query', 'learn-a-task', 'take-it-with-you'];

let browser;
before(async () => { browser = await launchFirefox(); });
after(async () => { await browser?.close(); });

/** A page that records console errors, page errors and policy violations as `problems`. */
async function openFirefoxPage(url) {
  const page = await (await browser.createBrowserContext()).newPage();
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console error: ${message.text()}`); });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.evaluateOnNewDocument(() => {
    window.policyViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.policyViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  await page.goto(url);
  const allProblems = async () => [...problems, ...(await page.evaluate(() => window.policyViolations))];
  return { page, allProblems };
}

for (const isolation of [true, false]) {
  test(`Firefox, ${isolation ? 'cross-origin isolated (threads)' : 'not isolated (one thread)'}: sections mount, words train and answer`,
    { timeout: 180_000 }, async () => {
      const server = await startServer({ isolation });
      try {
        const { page, allProblems } = await openFirefoxPage(server.url);
        await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
        for (const id of SECTIONS) {
          assert.equal(await page.$eval(`#${id}`, (e) => e.dataset.mounted), 'true', `section ${id} mounted`);
        }
        assert.equal(await page.$eval('#mode', (e) => e.dataset.variant), isolation ? 'threads' : 'simd');
        // How W is learned: one step moves the looked-up rows only.
        await page.click('[data-testid=learn-step]');
        await page.waitForSelector('[data-testid=learn-stage][data-step="1"]');
        assert.deepEqual(await page.$$eval('[data-testid=learn-after] tbody tr', (trs) => trs.map((tr) => tr.classList.contains('changed'))),
          [true, true, true, false]);

        await page.waitForSelector('#train-words[data-state="idle"]', { timeout: 20_000 });
        await page.$eval('#train-words-epochs', (input) => {
          input.value = '3';
          input.dispatchEvent(new Event('input', { bubbles: true }));
          input.dispatchEvent(new Event('change', { bubbles: true }));
        });
        await page.click('[data-testid="train-words-start"]');
        await page.waitForSelector('#train-words[data-state="trained"]', { timeout: 120_000 });
        const [first, last] = await page.$eval('#train-words .train-status',
          (e) => [Number(e.dataset.firstLoss), Number(e.dataset.lastLoss)]);
        assert.ok(Number.isFinite(first) && Number.isFinite(last) && last < first, `loss falls: ${first} -> ${last}`);
        assert.ok(await page.$$eval('#train-words .pca-labels span', (spans) => spans.length) > 10, 'PCA labels drawn');
        const painted = await page.$eval('#train-words canvas', (canvas) => {
          const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
          return pixels ? pixels.some((v, i) => i % 4 === 2 && v !== 255 && pixels[i - 2] !== 255) : null;
        });
        assert.equal(painted, true, 'the 2-D fallback painted the points');

        await page.waitForSelector('[data-testid="query-neighbours-output"] li', { timeout: 20_000 });
        const neighbours = await page.$$eval('[data-testid="query-neighbours-output"] li button.word', (bs) => bs.map((b) => b.dataset.word));
        assert.equal(neighbours.length, 10, `neighbours: ${neighbours}`);
        assert.deepEqual(await allProblems(), []);
      } finally {
        await server.close();
      }
    });
}
