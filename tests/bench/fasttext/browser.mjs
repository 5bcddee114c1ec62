// The fastText benchmark's rows in headless Chromium (page.mjs in the browser section's
// page, browser/in_page.mjs): our SIMD build loading lid.176.ftz and predicting the same
// lines as node.mjs, in the same run as the command line and the Node rows.
import path from 'node:path';

import { launchChromium } from '../../../scripts/lib/chromium.mjs';
import { serveStatic } from '../../../scripts/lib/static_server.mjs';
import { errorText, inPage } from '../browser/in_page.mjs';
import { ROOT } from '../common/programs.mjs';

/**
 * dataDir holds lid.176.ftz, lines.txt and (when checked) cli_labels.txt, one label per
 * line. Resolves to the load and predict records, or ok: false ones when the page fails.
 */
export async function fastTextInChromium({ dataDir, warmup, reps, checked }) {
  const server = await serveStatic({
    mounts: { '/': path.join(ROOT, 'tests', 'bench'), '/dist/': path.join(ROOT, 'dist'), '/data/': dataDir },
  });
  let browser = null;
  try {
    browser = await launchChromium();
    const runtime = `Chromium ${browser.version()} headless (--disable-gpu)`;
    const r = await inPage(browser, server.url, { module: '/fasttext/page.mjs', task: { warmup, reps, checked } }, 600_000);
    return r.records.map((record) => ({ ...record, runtime: `${runtime}, ${r.runtime}` }));
  } catch (error) {
    return ['load', 'predict'].map((c) => ({ case: c, ok: false, error: errorText(error) }));
  } finally {
    await browser?.close().catch(() => {});
    await server.close();
  }
}
