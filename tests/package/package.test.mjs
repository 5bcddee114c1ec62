// The packed package as a user gets it: `npm pack` of the repo (dist/ must be built)
// installed offline into a fresh project, then used from Node, from TypeScript (three
// moduleResolution modes), from Vitest and Jest, and from the page of every bundler row
// (Vite 5 to 8, webpack, Rspack, Parcel, esbuild, no bundler), each built once and run in
// Chromium and Firefox, with COOP/COEP (the threads build) and without (SIMD alone), and
// from the dev servers of Vite, webpack, Rspack and Parcel with COOP/COEP.
// Every run does the same thing (fixture/scenario.js, fixture/worker_scenario.js) and is
// judged the same way (expectations.mjs).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { serveStatic } from '../../scripts/lib/static_server.mjs';
import { BROWSERS, launch } from './browsers.mjs';
import {
  bundleWithEsbuild, bundleWithParcel, bundleWithRspack, bundleWithVite, bundleWithWebpack, copyFixture, plainPage, startViteDevServer,
} from './bundlers.mjs';
import { startParcelDevServer, startRspackDevServer, startWebpackDevServer } from './dev_servers.mjs';
import { checkScenario, checkWorkers } from './expectations.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let work;
let project;
let packed;
const browsers = {};

before(async () => {
  await access(path.join(root, 'dist/wasm/node/embedwasm_threads.mjs')).catch(() => {
    throw new Error('no dist/: run scripts/build.sh dist first');
  });
  work = await mkdtemp(path.join(os.tmpdir(), 'embedwasm-package-'));
  const { stdout } = await run(npm, ['pack', '--json', '--pack-destination', work], { cwd: root });
  [packed] = JSON.parse(stdout);
  project = path.join(work, 'project');
  await copyFixture(path.join(here, 'fixture'), project);
  await copyFixture(path.join(here, 'runners'), path.join(project, 'runners'));
  await writeFile(path.join(project, 'package.json'),
    JSON.stringify({ name: 'embedwasm-user', private: true, type: 'module' }, null, 2));
  // The package has no dependencies, so this needs no network.
  await run(npm, ['install', '--offline', '--no-audit', '--no-fund', path.join(work, packed.filename)], { cwd: project });
  for (const name of BROWSERS) browsers[name] = await launch(name);
});

after(async () => {
  for (const browser of Object.values(browsers)) await browser.close();
  if (work) await rm(work, { recursive: true, force: true });
});

test('the tarball holds dist/ (JS, types, both builds with web and Node glue, pthread workers) and nothing else', () => {
  const files = packed.files.map((f) => f.path).sort();
  for (const f of ['dist/index.js', 'dist/browser.js', 'dist/api.js', 'dist/index.d.ts', 'dist/word2vec/index.d.ts',
    'dist/vectors/index.d.ts', 'dist/worker/worker_main.js', 'dist/worker/browser_worker_main.js', 'dist/coi-serviceworker.js',
    'dist/wasm/embedwasm_simd.mjs', 'dist/wasm/embedwasm_simd.wasm', 'dist/wasm/embedwasm_threads.mjs',
    'dist/wasm/embedwasm_threads.wasm', 'dist/wasm/embedwasm_threads.worker.mjs',
    'dist/wasm/node/embedwasm_simd.mjs', 'dist/wasm/node/embedwasm_threads.mjs',
    'dist/wasm/node/embedwasm_threads.worker.js', 'dist/wasm/node/package.json']) {
    assert.ok(files.includes(f), `${f} is packed`);
  }
  assert.deepEqual(files.filter((f) => f.endsWith('.wasm')), ['dist/wasm/embedwasm_simd.wasm', 'dist/wasm/embedwasm_threads.wasm'],
    'one .wasm per build, shared by its web and Node glue');
  const stray = files.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(f));
  assert.deepEqual(stray, [], 'only dist/, package.json and README are packed');
});

test('the web glue and everything the browser entry reaches hold no Node code', async () => {
  const dist = path.join(project, 'node_modules/embedwasm/dist');
  for (const file of ['wasm/embedwasm_simd.mjs', 'wasm/embedwasm_threads.mjs', 'wasm/embedwasm_threads.worker.mjs',
    'wasm/load_browser.js', 'platform/browser.js', 'browser.js', 'worker/browser_worker_main.js']) {
    const text = await readFile(path.join(dist, file), 'utf8');
    assert.doesNotMatch(text, /require\(|worker_threads|node:|process\.on|process\[/, `${file} has no Node branch`);
  }
});

test('the web pthread worker imports nothing: it shares no module with the training worker (Parcel 2 cannot load one)', async () => {
  const text = await readFile(path.join(project, 'node_modules/embedwasm/dist/wasm/embedwasm_threads.worker.mjs'), 'utf8');
  assert.doesNotMatch(text, /\bimport\s*[("'{*]|\bimport\s+\w|\bimportScripts\(/, 'no import or import() in the pthread worker');
  assert.match(text, /var createEmbedwasm\s*=/, 'the pthread worker declares the glue factory itself');
});

test('Node: init, lookup, fit, word2vec and mostSimilar from the installed package', async () => {
  const { stdout } = await run(process.execPath, ['node_app.mjs'], { cwd: project, timeout: 60_000 });
  checkScenario(JSON.parse(stdout), { variant: 'threads' }, 'Node');
});

for (const [module, moduleResolution] of [['esnext', 'bundler'], ['node16', 'node16'], ['nodenext', 'nodenext']]) {
  test(`TypeScript, moduleResolution ${moduleResolution}: the installed package type-checks a user program`, async () => {
    const config = JSON.parse(await readFile(path.join(root, 'tests/types/tsconfig.json'), 'utf8'));
    Object.assign(config.compilerOptions, { module, moduleResolution });
    const name = `tsconfig.${moduleResolution}.json`;
    await writeFile(path.join(project, name), JSON.stringify(config, null, 2));
    await writeFile(path.join(project, 'example.ts'), await readFile(path.join(root, 'tests/types/example.ts')));
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    const { code = 0, stdout, stderr } = await run(process.execPath, [tsc, '--noEmit', '-p', name], { cwd: project })
      .catch((error) => error);
    assert.equal(`${stdout}${stderr}`.trim(), '', 'tsc reported errors');
    assert.equal(code, 0, 'tsc exit status');
  });
}

/** The scenario result a runner's test file printed (a line starting with SCENARIO). */
function printedScenario(output, where) {
  const line = output.split('\n').find((l) => l.includes('SCENARIO {'));
  assert.ok(line, `${where} printed the scenario:\n${output}`);
  return JSON.parse(line.slice(line.indexOf('{')));
}

test('Vitest (node environment, no config file) runs the package in a test file', async () => {
  const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
  const { stdout, stderr } = await run(process.execPath, [vitest, 'run', 'runners/vitest_user.spec.js'],
    { cwd: project, timeout: 120_000, env: { ...process.env, NO_COLOR: '1', CI: '1' } })
    .catch((error) => assert.fail(`vitest failed:\n${error.stdout}\n${error.stderr}`));
  checkScenario(printedScenario(`${stdout}${stderr}`, 'Vitest'), { variant: 'threads' }, 'Vitest');
});

test('Jest (node environment, --experimental-vm-modules, transform: {}) runs the package in a test file', async () => {
  const jest = path.join(root, 'node_modules/jest/bin/jest.js');
  const { stdout, stderr } = await run(process.execPath, ['--experimental-vm-modules', '--no-warnings', jest,
    '--rootDir', project, '--transform', '{}', '--ci', 'runners/jest_user.spec.js'],
  { cwd: project, timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } })
    .catch((error) => assert.fail(`jest failed:\n${error.stdout}\n${error.stderr}`));
  checkScenario(printedScenario(`${stdout}${stderr}`, 'Jest'), { variant: 'threads' }, 'Jest');
});

/** Serves `dir` (with or without COOP/COEP) and runs the fixture page in `browser`. */
async function runPage(browser, dir, { isolation, page = '', query = '', isolated = false }) {
  const server = await serveStatic({ root: dir, isolation });
  try {
    return await browser.runScenarioPage(`${server.url}${page}${query}`, { isolated });
  } finally {
    await server.close();
  }
}

/** JS files of a bundle, for what must not be in a browser bundle. */
async function bundleScripts(dir) {
  const files = (await readdir(dir, { recursive: true })).filter((f) => /\.m?js$/.test(f));
  return Promise.all(files.map(async (f) => ({ file: f, text: await readFile(path.join(dir, f), 'utf8') })));
}

// Each row: a build made once (resolving to {dir, log, page?, query?}), then the page in
// each browser with and without cross-origin isolation.
const ROWS = [
  ['Vite 5', (out) => bundleWithVite('vite5', project, out)],
  ['Vite 6', (out) => bundleWithVite('vite6', project, out)],
  ['Vite 7', (out) => bundleWithVite('vite7', project, out)],
  ['Vite 8', (out) => bundleWithVite('vite', project, out)],
  ['webpack 5', (out) => bundleWithWebpack(project, out)],
  ['Rspack', (out) => bundleWithRspack(project, out)],
  ['Parcel 2', (out) => bundleWithParcel(project, out)],
  ['esbuild', async (out) => ({ ...(await bundleWithEsbuild(project, out)), query: '?worker=embedwasm-worker.js' })],
  ['no bundler (import map)', async () => ({ ...(await plainPage(project)), page: 'plain.html' })],
];

for (const [row, build] of ROWS) {
  describe(row, () => {
    let bundle;
    before(async () => {
      bundle = await build(path.join(work, `out-${row.replace(/\W+/g, '-')}`));
    });

    test('builds with no Node code and no warnings about Node built-ins', async () => {
      assert.doesNotMatch(bundle.log, /externalized|Can't resolve|Module not found|worker_threads|node:/i, 'the build log');
      if (row.startsWith('no bundler')) return;
      for (const { file, text } of await bundleScripts(bundle.dir)) {
        assert.doesNotMatch(text, /require\(["'](fs|path|worker_threads|perf_hooks)["']\)|["']node:|worker_threads/, `${row}: ${file} has no Node branch`);
      }
    });

    for (const browserName of BROWSERS) {
      test(`in ${browserName}: threads with COOP/COEP, SIMD without; training in workers`, async () => {
        for (const isolation of [true, false]) {
          const where = `${row}, ${browserName}, ${isolation ? 'COOP/COEP' : 'no isolation'}`;
          const { result } = await runPage(browsers[browserName], bundle.dir, { isolation, page: bundle.page, query: bundle.query });
          checkScenario(result, { variant: isolation ? 'threads' : 'simd' }, where);
          checkWorkers(result.workers, where);
        }
      });
    }
  });
}

test('esbuild: engine files found next to the bundle or where locateFile says', async () => {
  const out = path.join(work, 'out-esbuild');
  const { engineFiles } = await bundleWithEsbuild(project, out);
  assert.deepEqual(engineFiles.sort(), ['embedwasm_simd.mjs', 'embedwasm_simd.wasm', 'embedwasm_threads.mjs',
    'embedwasm_threads.wasm', 'embedwasm_threads.worker.mjs']);
  const nextToBundle = await runPage(browsers.chromium, out, { isolation: true, query: '?worker=embedwasm-worker.js' });
  // The training workers use the SIMD build: its .wasm is fetched only by them.
  for (const file of ['embedwasm_threads.wasm', 'embedwasm_threads.worker.mjs', 'embedwasm_simd.wasm', 'embedwasm-worker.js']) {
    assert.ok(nextToBundle.requests.includes(`/${file}`), `${file} fetched next to the bundle: ${nextToBundle.requests}`);
  }
  const located = await runPage(browsers.chromium, out, { isolation: true, query: '?wasm=embedwasm-files/&worker=embedwasm-worker.js' });
  checkScenario(located.result, { variant: 'threads' }, 'esbuild, COOP/COEP, locateFile');
  checkWorkers(located.result.workers, 'esbuild, COOP/COEP, locateFile');
  for (const file of ['embedwasm_threads.wasm', 'embedwasm_threads.worker.mjs', 'embedwasm_simd.wasm']) {
    assert.ok(located.requests.includes(`/embedwasm-files/${file}`) && !located.requests.includes(`/${file}`),
      `${file} fetched where locateFile says: ${located.requests}`);
  }
});

// Vite 5 to 7 pre-bundle dependencies for the dev server with esbuild, which moves the
// package's code into node_modules/.vite/deps/ without its files: the new URL(...) of the
// .wasm then points at nothing. Their one line of config is optimizeDeps.exclude; Vite 8's
// pre-bundler keeps the URLs right.
for (const [name, vitePackage, exclude] of [['Vite 5', 'vite5', true], ['Vite 6', 'vite6', true], ['Vite 7', 'vite7', true], ['Vite 8', 'vite', false]]) {
  test(`${name} dev server: the page runs unbundled with server.headers${exclude ? ' and optimizeDeps.exclude' : ''}`, async () => {
    const server = await startViteDevServer(vitePackage, project, { optimizeDeps: exclude ? { exclude: ['embedwasm'] } : {} });
    try {
      for (const browserName of BROWSERS) {
        const { result } = await browsers[browserName].runScenarioPage(server.url);
        checkScenario(result, { variant: 'threads' }, `${name} dev server, ${browserName}`);
        checkWorkers(result.workers, `${name} dev server, ${browserName}`);
      }
    } finally {
      await server.close();
    }
  });
}

// The dev servers run as command lines (dev_servers.mjs): the setup each needs for the
// threads build's headers is all they are given.
for (const [name, start, setup] of [
  ['webpack 5 dev server (webpack serve)', startWebpackDevServer, 'devServer.headers'],
  ['Rspack dev server (rspack serve)', startRspackDevServer, 'devServer.headers'],
  ['Parcel 2 dev server (parcel serve)', startParcelDevServer, 'a .proxyrc.cjs middleware setting the headers'],
]) {
  test(`${name}: the page runs with ${setup}`, async () => {
    const server = await start(project);
    try {
      for (const browserName of BROWSERS) {
        const { result } = await browsers[browserName].runScenarioPage(server.url);
        checkScenario(result, { variant: 'threads' }, `${name}, ${browserName}`);
        checkWorkers(result.workers, `${name}, ${browserName}`);
      }
      assert.doesNotMatch(server.log(), /Can't resolve|Module not found|worker_threads/i, `${name}: the server's log`);
    } catch (error) {
      error.message += `\n${name} printed:\n${server.log()}`;
      throw error;
    } finally {
      await server.close();
    }
  });
}

test('static hosting without headers: coi-serviceworker.js reloads the page isolated (threads); without it, SIMD', async () => {
  // The Vite 8 bundle, served with no COOP/COEP, with the service worker copied to its
  // root and loaded first, as the README says.
  const dir = path.join(work, 'out-coi');
  await bundleWithVite('vite', project, dir);
  await copyFile(path.join(project, 'node_modules/embedwasm/dist/coi-serviceworker.js'), path.join(dir, 'coi-serviceworker.js'));
  const index = await readFile(path.join(dir, 'index.html'), 'utf8');
  await writeFile(path.join(dir, 'coi.html'), index.replace('<head>', '<head>\n  <script src="./coi-serviceworker.js"></script>'));
  for (const browserName of BROWSERS) {
    const isolated = await runPage(browsers[browserName], dir, { isolation: false, page: 'coi.html', isolated: true });
    checkScenario(isolated.result, { variant: 'threads' }, `service worker, ${browserName}`);
    checkWorkers(isolated.result.workers, `service worker, ${browserName}`);
    const plain = await runPage(browsers[browserName], dir, { isolation: false });
    checkScenario(plain.result, { variant: 'simd' }, `no service worker, ${browserName}`);
  }
});
