// The packed package as a user gets it: `npm pack` of the repo (dist/ must be built)
// installed offline into a fresh project, then used from Node, from TypeScript, from an
// esbuild bundle and a Vite bundle in headless Chromium (with and without cross-origin
// isolation) and under Vite's dev server.
// Every run does the same thing (fixture/scenario.js) and is judged the same way
// (expectations.mjs).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { serveStatic } from '../../scripts/lib/static_server.mjs';
import { launchBrowser } from '../e2e/browser.mjs';
import { bundleWithEsbuild, bundleWithVite, copyFixture, startViteDevServer } from './bundlers.mjs';
import { checkScenario, checkWorkers } from './expectations.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let work;
let project;
let packed;
let browser;

before(async () => {
  await access(path.join(root, 'dist/wasm/embedwasm_threads.wasm')).catch(() => {
    throw new Error('no dist/: run scripts/build.sh dist first');
  });
  work = await mkdtemp(path.join(os.tmpdir(), 'embedwasm-package-'));
  const { stdout } = await run(npm, ['pack', '--json', '--pack-destination', work], { cwd: root });
  [packed] = JSON.parse(stdout);
  project = path.join(work, 'project');
  await copyFixture(path.join(here, 'fixture'), project);
  await writeFile(path.join(project, 'package.json'),
    JSON.stringify({ name: 'embedwasm-user', private: true, type: 'module' }, null, 2));
  // The package has no dependencies, so this needs no network.
  await run(npm, ['install', '--offline', '--no-audit', '--no-fund', path.join(work, packed.filename)], { cwd: project });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

test('the tarball holds dist/ (JS, types, both wasm builds, glue, pthread worker) and nothing else', () => {
  const files = packed.files.map((f) => f.path).sort();
  for (const f of ['dist/index.js', 'dist/index.d.ts', 'dist/word2vec/index.d.ts', 'dist/vectors/index.d.ts', 'dist/worker/worker_main.js',
    'dist/wasm/embedwasm_simd.mjs', 'dist/wasm/embedwasm_simd.wasm', 'dist/wasm/embedwasm_threads.mjs',
    'dist/wasm/embedwasm_threads.wasm', 'dist/wasm/embedwasm_threads.worker.js', 'dist/wasm/package.json']) {
    assert.ok(files.includes(f), `${f} is packed`);
  }
  const stray = files.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(f));
  assert.deepEqual(stray, [], 'only dist/, package.json and README are packed');
});

test('Node: init, lookup, fit, word2vec and mostSimilar from the installed package', async () => {
  const { stdout } = await run(process.execPath, ['node_app.mjs'], { cwd: project, timeout: 60_000 });
  checkScenario(JSON.parse(stdout), { variant: 'threads' }, 'Node');
});

test('TypeScript: the installed package type-checks a user program', async () => {
  await writeFile(path.join(project, 'tsconfig.json'), await readFile(path.join(root, 'tests/types/tsconfig.json')));
  await writeFile(path.join(project, 'example.ts'), await readFile(path.join(root, 'tests/types/example.ts')));
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const { code = 0, stdout, stderr } = await run(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], { cwd: project })
    .catch((error) => error);
  assert.equal(`${stdout}${stderr}`.trim(), '', 'tsc reported errors');
  assert.equal(code, 0, 'tsc exit status');
});

/**
 * Serves a bundle and runs the fixture page in Chromium; returns the scenario's result
 * and the paths requested (workers' requests included). Console errors, page errors,
 * failed requests and requests to other origins fail the run.
 */
async function runPage(dir, { isolation, query = '' }) {
  const server = await serveStatic({ root: dir, isolation });
  try {
    return await runAt(server.url, query);
  } finally {
    await server.close();
  }
}

async function runAt(origin, query = '') {
  const context = await browser.newContext();
  try {
    const requests = [];
    const problems = [];
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === new URL(origin).origin) requests.push(url.pathname);
      else if (!['data:', 'blob:'].includes(url.protocol)) problems.push(`request to another origin: ${url}`);
    });
    context.on('response', (response) => { if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`); });
    const page = await context.newPage();
    page.on('console', (message) => { if (message.type() === 'error') problems.push(`console error: ${message.text()}`); });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${origin}${query}`);
    await page.waitForFunction(() => window.scenarioResult || window.scenarioFailure, null, { timeout: 60_000 });
    const { result, failure } = await page.evaluate(() => ({ result: window.scenarioResult, failure: window.scenarioFailure }));
    assert.equal(failure, undefined, 'the page ran the scenario');
    assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
    return { result, requests };
  } finally {
    await context.close();
  }
}

test('esbuild bundle: engine files copied by hand, found next to the bundle or through locateFile; embedwasm/worker as a second entry', async () => {
  const out = path.join(work, 'out-esbuild');
  const { engineFiles } = await bundleWithEsbuild(project, out);
  assert.deepEqual(engineFiles.sort(), ['embedwasm_simd.mjs', 'embedwasm_simd.wasm', 'embedwasm_threads.mjs',
    'embedwasm_threads.wasm', 'embedwasm_threads.worker.js']);
  const nextToBundle = await runPage(out, { isolation: true, query: '?worker=embedwasm-worker.js' });
  checkScenario(nextToBundle.result, { variant: 'threads' }, 'esbuild, COOP/COEP');
  checkWorkers(nextToBundle.result.workers, 'esbuild, COOP/COEP');
  // The training workers use the SIMD build: its .wasm is fetched only by them.
  for (const file of ['embedwasm_threads.wasm', 'embedwasm_simd.wasm', 'embedwasm-worker.js']) {
    assert.ok(nextToBundle.requests.includes(`/${file}`), `${file} fetched next to the bundle: ${nextToBundle.requests}`);
  }
  const located = await runPage(out, { isolation: true, query: '?wasm=embedwasm-files/&worker=embedwasm-worker.js' });
  checkScenario(located.result, { variant: 'threads' }, 'esbuild, COOP/COEP, locateFile');
  checkWorkers(located.result.workers, 'esbuild, COOP/COEP, locateFile');
  for (const file of ['embedwasm_threads.wasm', 'embedwasm_threads.worker.js', 'embedwasm_simd.wasm']) {
    assert.ok(located.requests.includes(`/embedwasm-files/${file}`) && !located.requests.includes(`/${file}`),
      `${file} fetched where locateFile says: ${located.requests}`);
  }
  const plain = await runPage(out, { isolation: false, query: '?worker=embedwasm-worker.js' });
  checkScenario(plain.result, { variant: 'simd' }, 'esbuild, no isolation');
  checkWorkers(plain.result.workers, 'esbuild, no isolation');
});

test('Vite bundle: the .wasm files, the pthread worker and the training worker are emitted from new URL(..., import.meta.url)', async () => {
  const out = path.join(work, 'out-vite');
  const { assets } = await bundleWithVite(project, out);
  for (const pattern of [/^embedwasm_simd-.*\.wasm$/, /^embedwasm_threads-.*\.wasm$/, /^embedwasm_threads\.worker-.*\.js$/]) {
    assert.ok(assets.some((a) => pattern.test(a)), `Vite emitted ${pattern} (assets: ${assets.join(', ')})`);
  }
  assert.ok(!assets.some((a) => a.endsWith('.mjs')), `no raw glue copies are emitted (assets: ${assets.join(', ')})`);
  // The training worker is bundled (with Vite's default worker format), not inlined unbundled as a data: URL.
  assert.ok(assets.some((a) => /^worker_main-.*\.js$/.test(a)), `Vite bundled the training worker (assets: ${assets.join(', ')})`);
  for (const isolation of [true, false]) {
    const where = isolation ? 'Vite, COOP/COEP' : 'Vite, no isolation';
    const { result } = await runPage(out, { isolation });
    checkScenario(result, { variant: isolation ? 'threads' : 'simd' }, where);
    checkWorkers(result.workers, where);
  }
});

test('Vite dev server: the page runs unbundled with the headers set in server.headers', async () => {
  const server = await startViteDevServer(project);
  try {
    const { result } = await runAt(server.url);
    checkScenario(result, { variant: 'threads' }, 'Vite dev server, COOP/COEP');
    checkWorkers(result.workers, 'Vite dev server, COOP/COEP');
  } finally {
    await server.close();
  }
});
