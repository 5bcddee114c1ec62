// Sections 3, 4 and 6 in headless Chromium and Firefox: train word2vec on Moby-Dick in a
// worker until the loss falls and the word map is painted, query the vectors four ways,
// export them as word2vec text through the download link and import that file back: the
// same queries must give the same answers.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';

import { forEachBrowser, startServer } from './browser.mjs';

let server;
before(async () => { server = await startServer({ isolation: true }); });
after(() => server?.close());

/** word -> unit vector (Float64Array) from word2vec text bytes. */
function unitVectors(text) {
  const lines = text.toString().trimEnd().split('\n').slice(1);
  return new Map(lines.map((line) => {
    const [word, ...values] = line.trimEnd().split(' ');
    const v = Float64Array.from(values, Number);
    const norm = Math.hypot(...v);
    return [word, v.map((x) => x / norm)];
  }));
}

const dot = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);

/** gensim's most_similar: cosines to the normalised mean of ±unit vectors, query words left out. */
function referenceMostSimilar(unit, positive, negative) {
  const mean = new Float64Array(unit.get(positive[0]).length);
  for (const [words, sign] of [[positive, 1], [negative, -1]]) {
    for (const w of words) unit.get(w).forEach((x, i) => { mean[i] += sign * x; });
  }
  const norm = Math.hypot(...mean);
  const q = mean.map((x) => x / norm);
  return [...unit].filter(([w]) => !positive.includes(w) && !negative.includes(w))
    .map(([w, v]) => [w, dot(v, q)]).sort((a, b) => b[1] - a[1]);
}

/**
 * A ranked list the page showed against the reference over the exported file, whose 6
 * significant digits per component move a cosine by ~1e-6: each listed word has its
 * reference cosine, in order, and no word left out beats the last one listed.
 */
function assertRanked(shown, reference, label) {
  const want = new Map(reference);
  shown.forEach(([w, s], i) => {
    assert.ok(want.has(w), `${label}: ${w} is a candidate`);
    assert.ok(Math.abs(want.get(w) - s) < 1e-4, `${label}: ${w} shows ${s}, reference ${want.get(w)}`);
    if (i > 0) assert.ok(s <= shown[i - 1][1], `${label}: sorted`);
  });
  const listed = new Set(shown.map(([w]) => w));
  const best = reference.find(([w]) => !listed.has(w));
  assert.ok(best[1] <= shown.at(-1)[1] + 1e-4, `${label}: ${best[0]} (${best[1]}) beats the last listed ${JSON.stringify(shown.at(-1))}`);
}

/** [[word, similarity]] of a query's ranked list. */
async function ranked(page, testid) {
  return page.$$eval(`[data-testid="${testid}"] li`, (items) =>
    items.map((li) => [li.querySelector('button.word').dataset.word, Number(li.dataset.similarity)]));
}

async function submit(page, name, values) {
  const form = page.locator(`[data-testid="query-${name}"]`);
  const inputs = form.locator('input');
  for (let i = 0; i < values.length; ++i) await inputs.nth(i).fill(values[i]);
  await form.locator('button[type="submit"]').click();
  return page.locator(`[data-testid="query-${name}-output"]`);
}

forEachBrowser((browser) => {
  test(`${browser.name}: train on Moby-Dick, query, export word2vec text and import it back`, { timeout: 150000 }, async () => {
    const { page, problems } = await browser.openPage(server.url);
    const started = Date.now();
    await page.waitForSelector('#train-words[data-state="idle"]', { timeout: 20000 });
    // The page's defaults: Moby-Dick, CBOW, 50 dimensions, 20 epochs, threads.
    await page.click('[data-testid="train-words-start"]');
    await page.waitForSelector('#train-words[data-state="trained"]', { timeout: 90000 });
    const trainSeconds = (Date.now() - started) / 1000;

    const first = Number(await page.getAttribute('#train-words .train-status', 'data-first-loss'));
    const last = Number(await page.getAttribute('#train-words .train-status', 'data-last-loss'));
    assert.ok(Number.isFinite(first) && Number.isFinite(last), `losses reported: ${first}, ${last}`);
    assert.ok(last < first, `loss falls: first ${first}, last ${last}`);
    assert.ok(await page.locator('#train-words .pca-labels span').count() > 10, 'PCA scatter labels drawn');
    // The dots under the labels: the map paints its 2-D canvas white, then the dots, so an
    // opaque pixel that is not white is a dot (a canvas never painted is transparent).
    const painted = await page.$eval('[data-testid=word-map] canvas', (canvas) => {
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      return pixels.some((v, i) => i % 4 === 3 && v === 255 && (pixels[i - 3] !== 255 || pixels[i - 2] !== 255 || pixels[i - 1] !== 255));
    });
    assert.equal(painted, true, 'word map dots painted');

    // The Query section answers for a starter word on its own.
    await page.waitForSelector('[data-testid="query-neighbours-output"] li');
    const word = await page.inputValue('#query-neighbours-word');
    assert.equal(word, 'whale');
    const neighbours = await ranked(page, 'query-neighbours-output');
    assert.equal(neighbours.length, 10);
    assert.ok(neighbours.every(([w, s]) => w !== 'whale' && s <= 1 && s >= -1));
    for (let i = 1; i < neighbours.length; ++i) assert.ok(neighbours[i][1] <= neighbours[i - 1][1], 'sorted');
    // Trained, not merely initialised: the whale's neighbours are about whales.
    const whaley = ['sperm', "whale's", 'leviathan', 'whales', 'fishery', 'porpoise', 'greenland', 'right'];
    assert.ok(neighbours.some(([w]) => whaley.includes(w)), `whale ~ ${neighbours.map(([w]) => w).join(' ')}`);

    // Clicking a result word asks for its neighbours.
    const clicked = neighbours[0][0];
    await page.click(`[data-testid="query-neighbours-output"] button[data-word="${clicked}"]`);
    await page.waitForFunction((w) => document.querySelector('#query-neighbours-word').value === w, clicked);
    assert.equal((await ranked(page, 'query-neighbours-output')).length, 10);

    await submit(page, 'analogy', ['king', 'man', 'woman']);
    const analogy = await ranked(page, 'query-analogy-output');
    assert.equal(analogy.length, 5);
    assert.ok(analogy.every(([w]) => !['king', 'man', 'woman'].includes(w)), 'query words left out');

    // Checked against the exported vectors below.
    const similarity = await (await submit(page, 'similarity', ['whale', 'ship'])).locator('output').textContent();
    assert.match(similarity, /^-?[01]\.\d{4}$/);
    const oddWords = ['whale', 'ship', 'sea', 'the'];
    const odd = await (await submit(page, 'doesnt-match', [oddWords.join(' ')])).locator('button.word').textContent();

    // An unknown word is an inline error naming the word, not an exception.
    const unknown = await submit(page, 'neighbours', ['zzyzxnotaword']);
    assert.match(await unknown.textContent(), /zzyzxnotaword/);
    assert.equal(await unknown.locator('.error').count(), 1);

    // Export word2vec text through the download link.
    await submit(page, 'neighbours', ['whale']);
    const before = await ranked(page, 'query-neighbours-output');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-word2vec"]')]);
    assert.equal(download.suggestedFilename(), 'vectors.txt');
    const text = await readFile(await download.path());
    const [count, dim] = text.subarray(0, text.indexOf(10)).toString().split(' ').map(Number);
    assert.ok(count > 1000 && dim === 50, `header ${count} ${dim}`);

    // The answers above, recomputed in plain JS from the exported vectors.
    const unit = unitVectors(text);
    assert.equal(unit.size, count);
    assertRanked(neighbours, referenceMostSimilar(unit, ['whale'], []), 'whale');
    assertRanked(analogy, referenceMostSimilar(unit, ['king', 'woman'], ['man']), 'king - man + woman');
    // The page prints four decimals.
    assert.ok(Math.abs(Number(similarity) - dot(unit.get('whale'), unit.get('ship'))) <= 5e-5 + 1e-5,
      `cos(whale, ship) shown ${similarity}, reference ${dot(unit.get('whale'), unit.get('ship'))}`);
    // gensim's doesnt_match: the word least like the normalised mean of the unit vectors.
    const mean = oddWords.map((w) => unit.get(w)).reduce((m, v) => m.map((x, i) => x + v[i]));
    assert.ok(oddWords.includes(odd), `odd one out ${odd}`);
    const fromMean = oddWords.map((w) => [w, dot(unit.get(w), mean) / Math.hypot(...mean)]).sort((a, b) => a[1] - b[1]);
    assert.ok(fromMean.find(([w]) => w === odd)[1] <= fromMean[0][1] + 1e-4, `odd one out ${odd}; reference ${JSON.stringify(fromMean)}`);

    // The other formats download too.
    const [binary] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-word2vec-binary"]')]);
    assert.equal(binary.suggestedFilename(), 'vectors.bin');
    const binaryBytes = await readFile(await binary.path());
    const tsv = {};
    await page.click('[data-testid="export-tsv"]');
    for (const name of ['vectors.tsv', 'metadata.tsv']) {
      const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="download-${name}"]`)]);
      tsv[name] = await readFile(await file.path());
      const lines = tsv[name].toString().trimEnd().split('\n');
      assert.equal(lines.length, count, `${name} has a line per word`);
      if (name === 'vectors.tsv') assert.equal(lines[0].split('\t').length, dim);
    }

    // Import it back: the Query section switches to it and answers the same.
    await page.setInputFiles('[data-testid="import-file"]', { name: 'vectors.txt', mimeType: 'text/plain', buffer: text });
    await page.click('[data-testid="import-load"]');
    await page.waitForSelector('#take-it-with-you[data-imported="vectors.txt"]');
    assert.match(await page.textContent('[data-testid="query-source"]'), /imported from vectors\.txt/);
    await submit(page, 'neighbours', ['whale']);
    const afterImport = await ranked(page, 'query-neighbours-output');
    assert.deepEqual(afterImport.map(([w]) => w), before.map(([w]) => w));
    // word2vec text keeps 6 significant digits per component.
    afterImport.forEach(([, s], i) => assert.ok(Math.abs(s - before[i][1]) < 1e-4, `similarity ${s} vs ${before[i][1]}`));

    // The same rows without the header line are GloVe's format, which "detect" recognises.
    const glove = text.subarray(text.indexOf(10) + 1);
    await page.setInputFiles('[data-testid="import-file"]', { name: 'glove.txt', mimeType: 'text/plain', buffer: glove });
    await page.click('[data-testid="import-load"]');
    await page.waitForSelector('#take-it-with-you[data-imported="glove.txt"]');
    assert.match(await page.textContent('[data-testid="import-status"]'), /GloVe/);
    await submit(page, 'neighbours', ['whale']);
    assert.deepEqual((await ranked(page, 'query-neighbours-output')).map(([w]) => w), before.map(([w]) => w));

    // word2vec binary and the Projector pair come back too (the binary keeps float32 exactly).
    const imports = [
      [[{ name: 'vectors.bin', mimeType: 'application/octet-stream', buffer: binaryBytes }], 'vectors.bin'],
      [['vectors.tsv', 'metadata.tsv'].map((name) => ({ name, mimeType: 'text/tab-separated-values', buffer: tsv[name] })), 'vectors.tsv and metadata.tsv'],
    ];
    for (const [files, label] of imports) {
      await page.setInputFiles('[data-testid="import-file"]', files);
      await page.click('[data-testid="import-load"]');
      await page.waitForSelector(`#take-it-with-you[data-imported="${label}"]`);
      await submit(page, 'neighbours', ['whale']);
      assert.deepEqual((await ranked(page, 'query-neighbours-output')).map(([w]) => w), before.map(([w]) => w), label);
    }

    console.log(`words e2e: trained in ${trainSeconds.toFixed(1)} s, loss ${first.toFixed(4)} -> ${last.toFixed(4)}, ` +
      `${count} words, whale ~ ${before.slice(0, 3).map(([w]) => w).join(', ')}`);
    assert.deepEqual(problems, []);
  });
});
