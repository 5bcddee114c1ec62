// Builds the fixture page (fixture/page/) of a temporary project that has the packed
// embedwasm installed, the way a user of each tool would with no configuration, with the
// tools in the repository's own node_modules (root devDependencies; each Vite major under
// an npm alias: vite5, vite6, vite7, vite = 8). Each builder resolves to
// {dir, log}: the folder to serve (index.html at its root) and what the tool printed.
import { execFile } from 'node:child_process';
import { copyFile, cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);
const bin = (file) => path.join(root, 'node_modules', file);

/** Runs a tool's command line in the project; its output is returned for assertions. */
async function tool(project, script, args, env = {}) {
  const { stdout, stderr } = await run(process.execPath, [bin(script), ...args], {
    cwd: project, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 << 20, timeout: 240_000,
  }).catch((error) => { throw new Error(`${script} ${args.join(' ')} failed:\n${error.stdout}\n${error.stderr}`); });
  return `${stdout}${stderr}`;
}

// A classic-script page for the tools whose output is not an ES module (webpack, Rspack).
export const CLASSIC_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>embedwasm package test</title>
<link rel="icon" href="data:,"><script defer src="./main.js"></script></head><body></body></html>
`;

/**
 * esbuild bundles the JS but cannot emit files named by new URL(..., import.meta.url):
 * the engine files are copied by hand, next to the bundle (where the loader's own URLs
 * point) and into embedwasm-files/ (for the page's ?wasm= locateFile variant), and the
 * training worker is a second entry point, embedwasm/worker, which the page passes as
 * workerUrl (?worker=embedwasm-worker.js), as the README tells esbuild users.
 */
export async function bundleWithEsbuild(project, outDir) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: project,
    entryPoints: { main: path.join(project, 'page/main.js'), 'embedwasm-worker': 'embedwasm/worker' },
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022',
    outdir: outDir, logLevel: 'silent', write: true,
  });
  await copyFile(path.join(project, 'page/index.html'), path.join(outDir, 'index.html'));
  const wasmDir = path.join(project, 'node_modules/embedwasm/dist/wasm');
  const engineFiles = (await readdir(wasmDir)).filter((f) => f.startsWith('embedwasm_'));
  await mkdir(path.join(outDir, 'embedwasm-files'), { recursive: true });
  for (const f of engineFiles) {
    await copyFile(path.join(wasmDir, f), path.join(outDir, f));
    await copyFile(path.join(wasmDir, f), path.join(outDir, 'embedwasm-files', f));
  }
  return { dir: outDir, log: result.warnings.map((w) => w.text).join('\n'), engineFiles };
}

/**
 * `vite build` with no config file, for one Vite major (`vite5`, `vite6`, `vite7`, or
 * `vite` = 8): it follows new URL(..., import.meta.url) and new Worker(new URL(...)) and
 * emits the .wasm files and both workers.
 */
export async function bundleWithVite(vitePackage, project, outDir) {
  const log = await tool(project, `${vitePackage}/bin/vite.js`,
    ['build', 'page', '--base', './', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'info']);
  return { dir: outDir, log };
}

/**
 * `vite` as a user runs it while developing, with the headers that allow threads and
 * `config` (the rest of the user's vite.config.js: optimizeDeps for Vite 5 to 7).
 */
export async function startViteDevServer(vitePackage, project, config = {}) {
  const { createServer } = await import(vitePackage);
  const server = await createServer({
    ...config,
    configFile: false, root: path.join(project, 'page'), logLevel: 'silent',
    cacheDir: path.join(project, 'node_modules', `.${vitePackage}`),
    server: {
      host: '127.0.0.1', port: 0, strictPort: false,
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    },
  });
  await server.listen();
  return { url: server.resolvedUrls.local[0], close: () => server.close() };
}

/**
 * `parcel build` of the page with no config: it follows new URL(..., import.meta.url) and
 * new Worker(new URL(...)) and emits the .wasm files and both workers. --no-cache: built
 * from scratch each run, never from a cache an earlier package left.
 */
export async function bundleWithParcel(project, outDir) {
  const log = await tool(project, 'parcel/lib/bin.js',
    ['build', 'page/index.html', '--dist-dir', outDir, '--public-url', './', '--no-cache']);
  return { dir: outDir, log };
}

/** `webpack` with no config file: the entry and output folder on the command line. */
export async function bundleWithWebpack(project, outDir) {
  const log = await tool(project, 'webpack-cli/bin/cli.js',
    ['build', '--mode', 'production', '--entry', './page/main.js', '--output-path', outDir]);
  await writeFile(path.join(outDir, 'index.html'), CLASSIC_PAGE);
  return { dir: outDir, log };
}

/** `rspack build` with no config file: the entry and output folder on the command line. */
export async function bundleWithRspack(project, outDir) {
  const log = await tool(project, '@rspack/cli/bin/rspack.js',
    ['build', '--mode', 'production', '--entry', './page/main.js', '--output-path', outDir]);
  await writeFile(path.join(outDir, 'index.html'), CLASSIC_PAGE);
  return { dir: outDir, log };
}

/**
 * No bundler: the project's own files served as they are, the package straight from
 * node_modules/embedwasm/dist/, named by an import map (its only setup).
 */
export async function plainPage(project) {
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>embedwasm package test</title>
<link rel="icon" href="data:,">
<script type="importmap">{ "imports": { "embedwasm": "./node_modules/embedwasm/dist/browser.js" } }</script>
<script type="module" src="./page/main.js"></script></head><body></body></html>
`;
  await writeFile(path.join(project, 'plain.html'), page);
  return { dir: project, log: '', index: 'plain.html' };
}

/** Copies the fixture into the project (scenario, Node app, page). */
export async function copyFixture(fixtureDir, project) {
  await cp(fixtureDir, project, { recursive: true });
}
