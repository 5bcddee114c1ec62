// The page at a 390 px phone width, in Chromium and Firefox: nothing widens the page
// sideways, and every control can be reached with the keyboard and has an accessible name.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { forEachBrowser, startServer } from './browser.mjs';

let server;
before(async () => { server = await startServer(); });
after(() => server?.close());

forEachBrowser((browser) => {
  test(`${browser.name}: 390 px wide: no horizontal scrolling; controls are labelled and focusable`, async () => {
    const { page, problems } = await browser.openPage(server.url);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForSelector('body[data-ready=true]', { timeout: 60000 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390),
      `page is ${await page.evaluate(() => document.documentElement.scrollWidth)} px wide`);
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('#what-it-does input, #why-use-it input, #why-use-it textarea, #learn-a-task input, #learn-a-task button')]
      .filter((e) => !(e.labels?.length || e.getAttribute('aria-label') || e.textContent.trim()))
      .map((e) => e.outerHTML));
    assert.deepEqual(unlabelled, []);
    // Tab from the top reaches the skip link first, then the navigation.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
    await page.keyboard.press('Tab');
    if (browser.name === 'firefox') {
      // Firefox makes a scrolling box a tab stop of its own so that the keyboard can
      // scroll it, and at this width the navigation list scrolls sideways (its links are
      // wider than the phone): Tab reaches the list, then its first link.
      assert.equal(await page.evaluate(() => document.activeElement.id), 'section-nav');
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#what-it-does');
    assert.deepEqual(problems, []);
  });
});
