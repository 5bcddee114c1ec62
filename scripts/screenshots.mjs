// Serves the built site, opens it in Chromium (tests/e2e/browser.mjs) and writes one PNG
// per section into build/screenshots/, at desktop width and at a 390 px phone width.
// Sections that need a click first are trained through their data-testid buttons:
// "Learn a task" ([data-testid=spam-train]) and "Train word vectors"
// ([data-testid=train-words-start], which marks its section data-state="trained").
// Console errors and requests to other origins are reported and fail the run.
//   node scripts/screenshots.mjs [--only what-it-does,learn-a-task]
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchBrowser, openPage, startServer } from '../tests/e2e/browser.mjs';
import { readArgs } from './lib/args.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'build/screenshots');
const SECTIONS = ['what-it-does', 'why-use-it', 'train-words', 'query', 'learn-a-task', 'take-it-with-you'];
const TRAIN_BUTTONS = { 'train-words': '[data-testid="train-words-start"]', 'learn-a-task': '[data-testid="spam-train"]' };
const VIEWPORTS = [{ name: 'desktop', width: 1280, height: 900 }, { name: 'phone', width: 390, height: 844 }];

const args = readArgs({
  name: 'screenshots', usage: `node scripts/screenshots.mjs [--only ${SECTIONS.join(',')}]`,
  options: { only: { type: 'string', default: SECTIONS.join(',') } },
});
const wanted = args.only.split(',');
const unknown = wanted.filter((s) => !SECTIONS.includes(s));
if (unknown.length) {
  console.error(`screenshots: unknown section ${unknown.join(', ')} (${SECTIONS.join(', ')})`);
  process.exit(2);
}

await mkdir(outDir, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
let failed = false;
try {
  for (const viewport of VIEWPORTS) {
    const { page, problems } = await openPage(browser, server.url);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.waitForSelector('body[data-ready=true]', { timeout: 60000 });
    // The sticky header would otherwise be painted over every section picture.
    await page.addStyleTag({ content: '.site-header { position: static !important; }' });
    for (const id of SECTIONS.filter((s) => wanted.includes(s))) {
      const section = page.locator(`#${id}`);
      const button = TRAIN_BUTTONS[id] ? page.locator(TRAIN_BUTTONS[id]) : null;
      if (button && await button.count()) {
        await button.click();
        try {
          // data-state=error too: a section whose training failed shows why, at once.
          await page.waitForSelector(`#${id}[data-state=trained], #${id}[data-state=error]`, { timeout: 120000 });
          if (await section.getAttribute('data-state') === 'error') throw new Error('error state');
        } catch {
          // Still take the picture: it shows how far the section got.
          failed = true;
          console.error(`${viewport.name}: #${id} did not reach data-state=trained (error, or more than 120 s)`);
        }
      }
      const file = path.join(outDir, `${viewport.name}-${id}.png`);
      await section.screenshot({ path: file });
      console.log(file);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(outDir, `${viewport.name}-top.png`) });
    if (problems.length) {
      failed = true;
      console.error(`${viewport.name}: ${problems.join('\n')}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
