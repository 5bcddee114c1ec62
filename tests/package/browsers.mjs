// The two browsers the package is tested in, behind one small interface: Debian's
// Chromium (playwright-core, scripts/lib/chromium.mjs) and Debian's Firefox ESR
// (puppeteer-core over WebDriver BiDi, scripts/lib/firefox.mjs).
//   const browser = await launch('firefox');
//   const { result, requests } = await browser.runScenarioPage(url);
//   await browser.close();
import assert from 'node:assert/strict';

import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { launchFirefox } from '../../scripts/lib/firefox.mjs';

export const BROWSERS = ['chromium', 'firefox'];

/**
 * Opens `url` in a fresh context, waits for the fixture page's scenario
 * (window.scenarioResult or window.scenarioFailure) and returns its result and the paths
 * requested from the page's origin. Console errors, page errors, failed requests and
 * requests to other origins fail the run. `driver` adapts one driver's waits and events.
 */
async function runScenario(page, url, /* driver */ { onRequest, onResponse, waitFor }, { isolated = false } = {}) {
  const requests = [];
  const problems = [];
  const origin = new URL(url).origin;
  onRequest((requestUrl) => {
    const u = new URL(requestUrl);
    if (u.origin === origin) requests.push(u.pathname);
    else if (!['data:', 'blob:'].includes(u.protocol)) problems.push(`request to another origin: ${u}`);
  });
  onResponse((status, responseUrl) => { if (status >= 400) problems.push(`${status} ${responseUrl}`); });
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console error: ${message.text()}`); });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url);
  // isolated: the page is expected to reload itself into cross-origin isolation (the
  // service worker, coi-serviceworker.js): the result counts only from the isolated load,
  // and the reload destroys the context a wait runs in, so the wait starts again.
  for (let attempt = 0; ; ++attempt) {
    try {
      await waitFor((needIsolation) => (window.scenarioResult || window.scenarioFailure)
        && (!needIsolation || window.crossOriginIsolated), isolated);
      break;
    } catch (error) {
      if (!isolated || attempt >= 3 || !/context|navigat/i.test(error.message)) throw error;
    }
  }
  const { result, failure } = await page.evaluate(() => ({ result: window.scenarioResult, failure: window.scenarioFailure }));
  assert.equal(failure, undefined, 'the page ran the scenario');
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
  return { result, requests };
}

export async function launch(name) {
  if (name === 'chromium') {
    const browser = await launchChromium();
    return {
      name,
      async runScenarioPage(url, options) {
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          return await runScenario(page, url, {
            waitFor: (fn, arg) => page.waitForFunction(fn, arg, { timeout: 90_000, polling: 100 }),
            // The context's events include the workers' requests.
            onRequest: (fn) => context.on('request', (request) => fn(request.url())),
            onResponse: (fn) => context.on('response', (response) => fn(response.status(), response.url())),
          }, options);
        } finally {
          await context.close();
        }
      },
      close: () => browser.close(),
    };
  }
  if (name === 'firefox') {
    const browser = await launchFirefox();
    return {
      name,
      async runScenarioPage(url, options) {
        const context = await browser.createBrowserContext();
        try {
          const page = await context.newPage();
          return await runScenario(page, url, {
            waitFor: (fn, arg) => page.waitForFunction(fn, { timeout: 90_000, polling: 100 }, arg),
            onRequest: (fn) => page.on('request', (request) => fn(request.url())),
            onResponse: (fn) => page.on('response', (response) => fn(response.status(), response.url())),
          }, options);
        } finally {
          await context.close();
        }
      },
      close: () => browser.close(),
    };
  }
  throw new TypeError(`unknown browser '${name}' (${BROWSERS.join(', ')})`);
}
