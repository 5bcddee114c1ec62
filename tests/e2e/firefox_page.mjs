// Firefox behind the part of Playwright's Page API the e2e tests use, so that one test
// body drives Chromium (playwright-core) and Firefox (puppeteer-core over WebDriver BiDi,
// scripts/lib/firefox.mjs) alike. Each method keeps Playwright's contract: page methods
// act on the first match and wait for it (attached to read it, visible to wait for it,
// visible and enabled to click, fill or check it); locators are strict (more than one
// match is an error) and chain; fill replaces the value with one insertText edit, as
// Playwright's does. Selectors are CSS, or XPath when they start with '//', which
// Playwright reads the same way.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { launchFirefox } from '../../scripts/lib/firefox.mjs';

// Playwright's default viewport, so that pages are laid out alike in both browsers.
const VIEWPORT = { width: 1280, height: 720 };

/**
 * Runs in the page, so it names nothing outside itself. The elements `steps` select:
 * each step a CSS selector (or XPath from '//') applied within every element found so
 * far, or a number picking one of them. `want`: 'count'; 'visibility' (of the first);
 * or the first element once it is 'attached', 'visible' or 'enabled' (visible and not
 * disabled), null until then. A strict query matching several elements says so.
 */
function query(steps, want, strict) {
  let found = [document];
  for (const step of steps) {
    if (typeof step === 'number') {
      found = found.slice(step, step + 1);
      continue;
    }
    const next = new Set();
    for (const root of found) {
      if (step.startsWith('//')) {
        const xpath = document.evaluate(root === document ? step : `.${step}`, root, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
        for (let i = 0; i < xpath.snapshotLength; ++i) next.add(xpath.snapshotItem(i));
      } else {
        for (const e of root.querySelectorAll(step)) next.add(e);
      }
    }
    found = [...next];
  }
  if (want === 'count') return found.length;
  if (strict && found.length > 1) return `strict mode violation: ${found.length} elements match`;
  const e = found[0];
  const visible = () => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== 'hidden';
  };
  if (want === 'visibility') return Boolean(e) && visible();
  if (!e) return null;
  if (want === 'visible' && !visible()) return null;
  if (want === 'enabled' && !(visible() && !e.matches(':disabled'))) return null;
  return e;
}

export class FirefoxLocator {
  #page;
  #steps;
  #strict;

  constructor(page, steps, strict) {
    this.#page = page;
    this.#steps = steps;
    this.#strict = strict;
  }

  locator(selector) { return new FirefoxLocator(this.#page, [...this.#steps, selector], true); }
  nth(index) { return new FirefoxLocator(this.#page, [...this.#steps, index], true); }

  /** The element once it is in `state` ('attached', 'visible', 'enabled'). */
  async element(state, { timeout } = {}) {
    const handle = await this.#page.waitForFunction(query, { timeout }, this.#steps, state, this.#strict);
    const element = handle.asElement();
    if (!element) throw new Error(`${await handle.jsonValue()}: ${this}`);
    return element;
  }

  async #read(fn, ...args) { return (await this.element('attached')).evaluate(fn, ...args); }

  count() { return this.#page.evaluate(query, this.#steps, 'count', false); }
  async isVisible() {
    const visible = await this.#page.evaluate(query, this.#steps, 'visibility', this.#strict);
    if (typeof visible === 'string') throw new Error(`${visible}: ${this}`);
    return visible;
  }
  async isHidden() { return !(await this.isVisible()); }
  textContent() { return this.#read((e) => e.textContent); }
  getAttribute(name) { return this.#read((e, n) => e.getAttribute(n), name); }
  inputValue() { return this.#read((e) => e.value); }
  isDisabled() { return this.#read((e) => e.matches(':disabled')); }
  async isEnabled() { return !(await this.isDisabled()); }
  blur() { return this.#read((e) => e.blur()); }

  /**
   * Playwright clicks only an element that is still between two animation frames and is
   * what a click at its centre would hit, and waits until it is; without that a click can
   * land beside its target while sections above it are still mounting and moving it.
   */
  async click({ timeout = 30_000 } = {}) {
    for (const deadline = Date.now() + timeout; ;) {
      const element = await this.element('enabled', { timeout });
      const ready = await element.evaluate(async (e) => {
        e.scrollIntoView({ block: 'center', inline: 'center' });
        const box = () => JSON.stringify(e.getBoundingClientRect());
        const before = box();
        await new Promise((resolve) => { requestAnimationFrame(() => requestAnimationFrame(resolve)); });
        const r = e.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return box() === before && (hit === e || e.contains(hit));
      });
      if (ready) return element.click();
      if (Date.now() > deadline) throw new Error(`click: ${this} kept moving or was covered for ${timeout} ms`);
    }
  }

  async fill(value) {
    const filled = await (await this.element('enabled')).evaluate((e, text) => {
      e.focus();
      e.select();
      // The edit a user's typing or pasting makes: beforeinput, then input (no change).
      document.execCommand(text === '' ? 'delete' : 'insertText', false, text);
      return e.value;
    }, value);
    if (filled !== value) throw new Error(`fill: ${this} holds ${JSON.stringify(filled)}, not ${JSON.stringify(value)}`);
  }

  async press(key) {
    const element = await this.element('enabled');
    await element.focus();
    await this.#page.keyboard.press(key);
  }

  async check() {
    const element = await this.element('enabled');
    if (!(await element.evaluate((e) => e.checked))) await this.click();
    if (!(await element.evaluate((e) => e.checked))) throw new Error(`check: ${this} did not become checked`);
  }

  async selectOption(value) {
    const selected = await (await this.element('enabled')).select(value);
    if (!selected.includes(value)) throw new Error(`selectOption: ${this} has no option ${value}`);
  }

  /** Playwright's file payloads ({name, mimeType, buffer}), chosen as files on disk (the type comes from the name). */
  async setInputFiles(files, uploadDirectory) {
    const paths = [];
    for (const { name, buffer } of [files].flat()) {
      paths.push(path.join(uploadDirectory, name));
      await writeFile(paths.at(-1), buffer);
    }
    await (await this.element('attached')).uploadFile(...paths);
  }

  toString() { return this.#steps.map((s) => (typeof s === 'number' ? `nth=${s}` : s)).join(' >> '); }
}

/** A file Firefox saved: Playwright's Download, as far as the tests read it. */
class FirefoxDownload {
  #file;
  constructor(file) { this.#file = file; }
  suggestedFilename() { return path.basename(this.#file); }
  async path() { return this.#file; }
}

export class FirefoxPage {
  #page;
  #context;
  #directory;  // this page's own: downloads/ and one folder per upload
  #uploads = 0;

  constructor(page, context, directory) {
    this.#page = page;
    this.#context = context;
    this.#directory = directory;
  }

  get keyboard() { return this.#page.keyboard; }

  locator(selector) { return new FirefoxLocator(this.#page, [selector], true); }
  #first(selector) { return new FirefoxLocator(this.#page, [selector], false); }

  waitForSelector(selector, options) { return this.#first(selector).element('visible', options); }
  textContent(selector) { return this.#first(selector).textContent(); }
  getAttribute(selector, name) { return this.#first(selector).getAttribute(name); }
  inputValue(selector) { return this.#first(selector).inputValue(); }
  isDisabled(selector) { return this.#first(selector).isDisabled(); }
  isEnabled(selector) { return this.#first(selector).isEnabled(); }
  click(selector) { return this.#first(selector).click(); }
  fill(selector, value) { return this.#first(selector).fill(value); }
  press(selector, key) { return this.#first(selector).press(key); }
  check(selector) { return this.#first(selector).check(); }
  selectOption(selector, value) { return this.#first(selector).selectOption(value); }
  async setInputFiles(selector, files) {
    const folder = path.join(this.#directory, `upload-${++this.#uploads}`);
    await mkdir(folder);
    return this.#first(selector).setInputFiles(files, folder);
  }

  $$(selector) { return this.#page.$$(selector); }
  $eval(selector, fn, arg) { return this.#page.$eval(selector, fn, arg); }
  $$eval(selector, fn, arg) { return this.#page.$$eval(selector, fn, arg); }
  evaluate(fn, arg) { return this.#page.evaluate(fn, arg); }
  // Playwright passes (fn, arg, options), puppeteer (fn, options, ...args).
  waitForFunction(fn, arg, { timeout } = {}) { return this.#page.waitForFunction(fn, { timeout }, arg); }
  waitForTimeout(ms) { return sleep(ms); }
  setViewportSize(size) { return this.#page.setViewport(size); }
  goto(url) { return this.#page.goto(url); }
  setContent(html) { return this.#page.setContent(html); }
  addInitScript(fn) { return this.#page.evaluateOnNewDocument(fn); }
  exposeFunction(name, fn) { return this.#page.exposeFunction(name, fn); }
  // 'console' and 'pageerror' carry what Playwright's do; a 'request' is puppeteer's HTTPRequest.
  on(event, listener) { this.#page.on(event, listener); return this; }

  /**
   * Playwright's 'download' event has no counterpart over WebDriver BiDi in puppeteer, so
   * the page's context saves downloads to its own folder (browser.setDownloadBehavior) and
   * this waits for a new file there: Firefox writes `name.part` beside an empty `name`
   * and renames it over `name` when the download completes, so a non-empty file with no
   * .part left is a finished download, under the name Firefox chose from the link. A file
   * listed can be gone by the time it is measured (Firefox renames its temporary file
   * into place), and such a file is not a finished download.
   */
  async waitForEvent(event, { timeout = 30_000 } = {}) {
    if (event !== 'download') throw new TypeError(`FirefoxPage.waitForEvent: only 'download', not '${event}'`);
    const folder = path.join(this.#directory, 'downloads');
    const before = new Set(readdirSync(folder));
    for (const deadline = Date.now() + timeout; Date.now() < deadline; await sleep(50)) {
      const names = readdirSync(folder);
      if (names.some((n) => n.endsWith('.part'))) continue;
      const size = (n) => statSync(path.join(folder, n), { throwIfNoEntry: false })?.size ?? 0;
      const done = names.find((n) => !before.has(n) && size(n) > 0);
      if (done) return new FirefoxDownload(path.join(folder, done));
    }
    throw new Error(`no download finished in ${folder} within ${timeout} ms`);
  }

  async close() {
    await this.#page.close();
    await this.#context.close();
  }
}

export class FirefoxBrowser {
  #browser;
  #directories = [];

  constructor(browser) { this.#browser = browser; }
  static async launch() { return new FirefoxBrowser(await launchFirefox()); }

  /** A page in a context of its own, as Playwright's browser.newPage() makes. */
  async newPage() {
    const directory = await mkdtemp(path.join(tmpdir(), 'embedwasm-e2e-firefox-'));
    this.#directories.push(directory);
    await mkdir(path.join(directory, 'downloads'));
    const context = await this.#browser.createBrowserContext({
      downloadBehavior: { policy: 'allow', downloadPath: path.join(directory, 'downloads') },
    });
    const page = await context.newPage();
    await page.setViewport(VIEWPORT);
    return new FirefoxPage(page, context, directory);
  }

  async close() {
    await this.#browser.close();
    await Promise.all(this.#directories.filter(existsSync).map((d) => rm(d, { recursive: true, force: true })));
  }
}
