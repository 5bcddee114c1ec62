// One task in a fresh page of the benchmark's browser: a context of its own (a new realm,
// so each of our builds and each TF.js backend starts clean), every request that is not
// for the local server aborted and reported, and a deadline after which the context is
// closed, whatever the page is doing.

/** The first line of an error's message (playwright's carry a call log after it). */
export const errorText = (error) => String(error?.message ?? error).split('\n')[0];

/**
 * Loads page.html from `url` in a fresh page, imports `module` (a path on the server) and
 * awaits its export `fn` (default run) called with `task`; resolves to what that returns,
 * or throws with the page's own error (its console errors added) after timeoutMs at most.
 */
export async function inPage(browser, url, { module, fn = 'run', task }, timeoutMs) {
  const context = await browser.newContext();
  const origin = new URL(url).origin;
  const problems = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    problems.push(`blocked request to ${u}`);
    return route.abort();
  });
  let timer;
  try {
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${url}browser/page.html`);
    if (!(await page.evaluate(() => globalThis.crossOriginIsolated))) throw new Error('the page is not cross-origin isolated');
    const work = page.evaluate(async (t) => (await import(t.module))[t.fn](t.task), { module, fn, task });
    work.catch(() => {});  // closing the context on a timeout rejects it too
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
    });
    const result = await Promise.race([work, timeout]);
    const blocked = problems.filter((p) => p.startsWith('blocked'));
    if (blocked.length) throw new Error(blocked.join('; '));
    return result;
  } catch (error) {
    const extra = problems.length ? ` (${problems.slice(0, 3).join('; ')})` : '';
    throw new Error(`${errorText(error)}${extra}`);
  } finally {
    clearTimeout(timer);
    await context.close().catch(() => {});
  }
}
