// The e2e tests' browsers and server: Debian's Chromium (playwright-core,
// scripts/lib/chromium.mjs) and Debian's Firefox ESR (puppeteer-core over WebDriver BiDi,
// scripts/lib/firefox.mjs, behind Playwright's Page API: firefox_page.mjs), and the site
// served as `npm start` does (scripts/serve.mjs: the site's Content-Security-Policy) on a
// free port; pages fail any test that logs a console error or trips the policy.
import { after, before, describe } from 'node:test';

import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { FirefoxBrowser, FirefoxPage } from './firefox_page.mjs';

// startServer({isolation}): the site on a free port, with or without COOP/COEP.
export { serveSite as startServer } from '../../scripts/serve.mjs';

export const BROWSERS = ['chromium', 'firefox'];

/** Chromium (playwright-core's Browser) or Firefox (FirefoxBrowser, the same API in part). */
export function launchBrowser(name = 'chromium') {
  if (name === 'chromium') return launchChromium();
  if (name === 'firefox') return FirefoxBrowser.launch();
  throw new TypeError(`unknown browser '${name}' (${BROWSERS.join(', ')})`);
}

/**
 * Defines a file's tests once per browser, each browser's in a suite named after it:
 * `define(browser)` gets {name, newPage(), openPage(url)}, usable inside its tests; the
 * browser is launched before the suite's first test and closed after its last, so only
 * one runs at a time.
 */
export function forEachBrowser(define) {
  for (const name of BROWSERS) {
    describe(name, () => {
      let launched;
      before(async () => { launched = await launchBrowser(name); });
      after(async () => { await launched?.close(); });
      define({
        name,
        newPage: () => launched.newPage(),
        openPage: (url) => openPage(launched, url),
      });
    });
  }
}

/**
 * A page that records console errors, page errors, Content-Security-Policy violations and
 * requests to other origins as `problems`, and every request (url, method, whether it
 * carries a body) in `requests`, its workers' included.
 */
export async function openPage(browser, url) {
  const page = await browser.newPage();
  const problems = [];
  const requests = [];
  const origin = new URL(url).origin;
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (req) => {
    const u = req.url();
    // Playwright hands a request's body over; WebDriver BiDi reports only its size.
    const hasBody = page instanceof FirefoxPage ? req.hasPostData() : req.postDataBuffer() !== null;
    requests.push({ url: u, method: req.method(), hasBody });
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request to another origin: ${u}`);
  });
  // Chromium also logs a violation as a console error, but the event names the directive.
  await page.exposeFunction('reportPolicyViolation', (text) => problems.push(`policy violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.reportPolicyViolation(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  await page.goto(url);
  return { page, problems, requests };
}
