// The word map of "Train word vectors" in Chromium and Firefox, on a plain laptop's terms:
// software rendering (the harness runs Chromium with --disable-gpu, Firefox headless has
// no GPU) and, in Chromium, the CPU slowed 2× through the DevTools protocol, training on
// one thread so that it does not take the page's core on a two-core machine. While
// word2vec trains on the State of the Union addresses, no main-thread task may run longer
// than 50 ms (Chromium: PerformanceObserver 'longtask'; Firefox: a timer probe, see
// trainMeasured), and the map is redrawn at most about once a second. Its labels stay
// beside their dots, never overlap and never leave the picture; stopwords are left out by
// default, and a reader's own words replace them. The query forms answer unknown words
// and one-word odd-one-out questions with reasons, and the charts never read "–".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { forEachBrowser, startServer } from './browser.mjs';

let server;
before(async () => { server = await startServer({ isolation: true }); });
after(() => server?.close());

/** The map's visible labels: their boxes, their dots (both page coordinates) and the picture's box. */
async function labelGeometry(page) {
  return page.$eval('[data-testid=word-map]', (map) => {
    // Dots are placed in the label layer's coordinates (inside the picture's border).
    const box = map.querySelector('.pca-labels').getBoundingClientRect();
    const labels = [...map.querySelectorAll('.pca-labels span')].map((span) => {
      const r = span.getBoundingClientRect();
      return {
        word: span.textContent, hidden: span.hidden,
        left: r.left, top: r.top, right: r.right, bottom: r.bottom,
        x: box.left + Number(span.dataset.x), y: box.top + Number(span.dataset.y),
      };
    });
    return { box: { left: box.left, top: box.top, right: box.right, bottom: box.bottom }, labels };
  });
}

function assertLabelsPlaced({ box, labels }, label) {
  const shown = labels.filter((l) => !l.hidden);
  assert.ok(shown.length >= 0.75 * labels.length, `${label}: ${shown.length} of ${labels.length} labels shown`);
  for (const l of shown) {
    // Distance from the dot's centre to the label's box: the dot's radius (3) + a 2 px gap, + 1 for rounding.
    const dx = Math.max(l.left - l.x, 0, l.x - l.right);
    const dy = Math.max(l.top - l.y, 0, l.y - l.bottom);
    assert.ok(Math.hypot(dx, dy) <= 6, `${label}: "${l.word}" is ${Math.hypot(dx, dy).toFixed(1)} px from its dot`);
    assert.ok(l.left >= box.left - 0.5 && l.right <= box.right + 0.5 && l.top >= box.top - 0.5 && l.bottom <= box.bottom + 0.5,
      `${label}: "${l.word}" leaves the picture`);
  }
  for (let i = 0; i < shown.length; ++i) {
    for (let j = i + 1; j < shown.length; ++j) {
      const [a, b] = [shown[i], shown[j]];
      const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
      assert.ok(!overlap, `${label}: "${a.word}" and "${b.word}" overlap`);
    }
  }
}

/**
 * Trains once, recording main-thread long tasks and map redraws until the worker's result
 * is in (state "finishing"); what the page does after that (handing the vectors to the
 * other sections) is reported apart. With `cdp` (Chromium) the CPU is slowed 2× and the
 * long tasks are the browser's 'longtask' entries. Firefox has neither (no 'longtask'
 * entry type, no CPU throttling over WebDriver BiDi), so there, at full speed, a 10 ms
 * timer chain on the main thread records each gap over 60 ms as a task over 50 ms: the
 * thread was busy that long. That is the stricter reading (tasks back to back without
 * the timer's turn between them count as one).
 */
async function trainMeasured(page, cdp) {
  await cdp?.send('Emulation.setCPUThrottlingRate', { rate: 2 });
  await page.evaluate((probe) => {
    for (const o of window.observers ?? []) o.disconnect();  // the last run's
    window.longTasks = [];
    window.trainingEnded = null;
    window.mapDraws = [];
    let tasks;
    if (probe === 'longtask') {
      tasks = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.longTasks.push({ start: e.startTime, duration: e.duration });
      });
      tasks.observe({ type: 'longtask', buffered: false });
    } else {
      let last = performance.now();
      let timer;
      const beat = () => {
        const now = performance.now();
        if (now - last - 10 > 50) window.longTasks.push({ start: last + 10, duration: now - last - 10 });
        last = now;
        timer = setTimeout(beat, 10);
      };
      timer = setTimeout(beat, 10);
      tasks = { disconnect: () => clearTimeout(timer) };
    }
    // Which script ran in each long frame, to name the culprit when the bound fails.
    window.longFrames = [];
    const frames = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.longFrames.push({ start: Math.round(e.startTime), duration: Math.round(e.duration),
          scripts: (e.scripts ?? []).map((x) => `${x.invoker} ${x.sourceFunctionName} ${x.sourceURL.split('/').pop()} ${Math.round(x.duration)} ms`) });
      }
    });
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) frames.observe({ type: 'long-animation-frame' });
    const state = new MutationObserver(() => {
      if (document.querySelector('#train-words').dataset.state === 'finishing') window.trainingEnded ??= performance.now();
    });
    state.observe(document.querySelector('#train-words'), { attributes: true, attributeFilter: ['data-state'] });
    const draws = new MutationObserver(() => { if (window.trainingEnded === null) window.mapDraws.push(performance.now()); });
    draws.observe(document.querySelector('[data-testid=word-map]'), { attributes: true, attributeFilter: ['data-drawn'] });
    window.observers = [tasks, frames, state, draws];
  }, cdp ? 'longtask' : 'timer');
  const began = await page.evaluate(() => performance.now());
  await page.click('[data-testid="train-words-start"]');
  await page.waitForSelector('#train-words[data-state="trained"]', { timeout: 200000 });
  const { all, mapDraws, ended, frames } = await page.evaluate(() => ({ all: window.longTasks, mapDraws: window.mapDraws, ended: window.trainingEnded, frames: window.longFrames }));
  await cdp?.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const longTasks = all.filter((t) => t.start >= began && t.start < ended);
  return {
    seconds: (ended - began) / 1000,
    longTasks,
    worst: Math.max(0, ...longTasks.map((t) => t.duration)),
    afterwards: all.filter((t) => t.start >= ended).map((t) => Math.round(t.duration)),
    frames: frames.filter((f) => f.start >= began && f.start < ended && f.duration > 50),
    mapDraws,
    drawsAt: mapDraws.map((t) => ((t - began) / 1000).toFixed(2)),
  };
}

forEachBrowser((browser) => {
  test(`${browser.name}: trains on SOTU${browser.name === 'chromium' ? ' with the CPU slowed 2×' : ''}: no long task over 50 ms, labels placed, words chosen`, { timeout: 240000 }, async () => {
    const { page, problems } = await browser.openPage(server.url);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForSelector('#train-words[data-state="idle"]', { timeout: 30000 });
    await page.check('input[name="train-words-corpus"][value="sotu"]');
    await page.selectOption('#train-words-share', '0.25');
    // Enough epochs that training outlasts a few of the map's one-second redraws on a fast
    // machine too. On an AMD EPYC (Zen 4) the first picture comes about 2 s after the
    // click (corpus, vocabulary, first chunk); 10 epochs ended at 3.6 s with 3 draws in
    // Chromium (CPU slowed 2×) and at 3.7 s with 3 in Firefox (full speed), so 15.
    const epochs = 15;
    await page.fill('#train-words-epochs', String(epochs));
    await page.fill('#train-words-threads', '1');
    // The snippet follows the form before any training.
    assert.match(await page.textContent('#train-words details.snippet'), new RegExp(`epochs: ${epochs},`));
    assert.match(await page.textContent('#train-words details.snippet'), /datasets-sotu/);

    const cdp = browser.name === 'chromium' ? await page.context().newCDPSession(page) : null;
    // A task's length is wall-clock time, which other processes on a shared machine stretch
    // too: a run fails the bound only if a second run fails it as well. Firefox's timer
    // probe also counts the time an idle main thread waits for a core before its timer
    // runs, which a 'longtask' entry does not, so it gets a third run.
    let run;
    for (let attempt = 1; attempt <= (cdp ? 2 : 3); ++attempt) {
      run = await trainMeasured(page, cdp);
      console.log(`# ${browser.name} run ${attempt}: SOTU 1/4, ${epochs} epochs, 1 thread${cdp ? ', CPU 2× slower' : ''}: ${run.seconds.toFixed(1)} s, ` +
        `${run.longTasks.length} long tasks, longest ${run.worst.toFixed(0)} ms, ${run.mapDraws.length} map draws (at ${run.drawsAt.join(', ')} s); ` +
        `after training, long tasks of ${JSON.stringify(run.afterwards)} ms`);
      if (run.worst <= 50) break;
    }
    assert.ok(run.seconds > 2, `training long enough to measure (${run.seconds} s)`);
    assert.ok(run.worst <= 50, `long tasks: ${JSON.stringify(run.longTasks)}; long frames: ${JSON.stringify(run.frames)}`);
    // At most about once a second (the worker's PCA interval; messages arrive with some
    // jitter), plus the final picture, which comes when training ends.
    assert.ok(run.mapDraws.length >= 3, `map drawn ${run.mapDraws.length} times, at ${run.drawsAt.join(', ')} s`);
    assert.ok(run.mapDraws.length <= Math.ceil(run.seconds) + 2, `${run.mapDraws.length} redraws in ${run.seconds} s`);
    for (let i = 1; i < run.mapDraws.length - 1; ++i) {
      assert.ok(run.mapDraws[i] - run.mapDraws[i - 1] >= 500, `redraws ${run.mapDraws[i] - run.mapDraws[i - 1]} ms apart`);
    }

    // Default words: frequent content words, no stopwords.
    const geometry = await labelGeometry(page);
    const words = geometry.labels.map((l) => l.word);
    assert.ok(words.length >= 30, `${words.length} words on the map`);
    for (const stop of ['the', 'of', 'and', 'to', 'in', 'a', 'that', 'it', 'is', 'which']) assert.ok(!words.includes(stop), `stopword "${stop}" on the map`);
    assertLabelsPlaced(geometry, 'default words, desktop');

    // The reader's words; one that is not among the 1,000 most frequent is named.
    await page.fill('[data-testid=word-map-words]', 'war peace congress government army navy states united iphone');
    await page.click('[data-testid=word-map-show]');
    const chosen = await labelGeometry(page);
    assert.deepEqual(chosen.labels.map((l) => l.word), ['war', 'peace', 'congress', 'government', 'army', 'navy', 'states', 'united']);
    assert.match(await page.textContent('[data-testid=word-map-note]'), /Not on the map .*: iphone\.$/);
    assertLabelsPlaced(chosen, 'chosen words, desktop');

    // On a phone: nothing cut at the right edge, still no overlap.
    await page.click('[data-testid=word-map-default]');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => document.querySelector('[data-testid=word-map]').getBoundingClientRect().width < 390);
    await page.waitForTimeout(200);  // the ResizeObserver's repaint
    assertLabelsPlaced(await labelGeometry(page), 'default words, 390 px');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The charts state values instead of "–" placeholders.
    assert.doesNotMatch(await page.textContent('#train-words .loss-chart'), /–|--/);
    assert.match(await page.textContent('#train-words .chart-readout'), /^Latest: 100% done, loss per word \d/);
    // Multi-thread runs vary, and the page says so.
    assert.match(await page.textContent('[data-testid=train-words-threads-note]'), /differ slightly/);

    // Queries: reasons, not raw API errors.
    await page.fill('#query-neighbours-word', 'iphone');
    await page.click('[data-testid=query-neighbours] button[type=submit]');
    assert.match(await page.textContent('[data-testid=query-neighbours-output]'),
      /^"iphone" is not in the vocabulary\. Training keeps only words seen at least 5 times/);
    await page.fill('#query-doesnt-match-words', 'war');
    await page.click('[data-testid=query-doesnt-match] button[type=submit]');
    assert.match(await page.textContent('[data-testid=query-doesnt-match-output]'), /^Give at least 3 words \(got 1\)/);
    // The query snippet is the reader's last queries.
    await page.fill('#query-similarity-a', 'war');
    await page.fill('#query-similarity-b', 'peace');
    await page.click('[data-testid=query-similarity] button[type=submit]');
    assert.match(await page.textContent('#query details.snippet'), /vectors\.similarity\("war", "peace"\)/);
    // Why use it: the trained table's nearest rows.
    await page.waitForSelector('[data-testid=why-neighbours] li');
    assert.ok(await page.locator('[data-testid=why-neighbours] li').count() >= 2);
    assert.deepEqual(problems, []);
  });
});
