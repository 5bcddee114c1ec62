// The e2e tests' browser and server: Debian's Chromium (scripts/lib/chromium.mjs) and the
// site served as `npm start` does (scripts/serve.mjs: the site's Content-Security-Policy)
// on a free port; pages fail any test that logs a console error or trips the policy.
export { launchChromium as launchBrowser } from '../../scripts/lib/chromium.mjs';
// startServer({isolation}): the site on a free port, with or without COOP/COEP.
export { serveSite as startServer } from '../../scripts/serve.mjs';

/**
 * A page that records console errors, page errors, Content-Security-Policy violations and
 * requests to other origins as `problems`, and every request (url, method, post data) in
 * `requests`, its workers' included.
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
    requests.push({ url: u, method: req.method(), postData: req.postDataBuffer() });
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
