// Bundles (or serves, Vite's dev server) the fixture page (fixture/page/) of a temporary project that has the packed
// embedwasm installed, the way a user of each bundler would, with the repo's own
// esbuild and Vite (this file resolves them from the repo's node_modules).
import { copyFile, cp, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * esbuild bundles the JS but cannot emit files named by new URL(..., import.meta.url):
 * the engine files are copied by hand, next to the bundle (where the glue's own URLs
 * point) and into embedwasm-files/ (for the page's ?wasm= locateFile variant), and the
 * training worker is a second entry point, embedwasm/worker, which the page passes as
 * workerUrl (?worker=embedwasm-worker.js), as the README tells esbuild users.
 */
export async function bundleWithEsbuild(project, outDir) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: project,
    entryPoints: { main: path.join(project, 'page/main.js'), 'embedwasm-worker': 'embedwasm/worker' },
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022',
    outdir: outDir, logLevel: 'silent',
  });
  await copyFile(path.join(project, 'page/index.html'), path.join(outDir, 'index.html'));
  const wasmDir = path.join(project, 'node_modules/embedwasm/dist/wasm');
  const engineFiles = (await readdir(wasmDir)).filter((f) => f.startsWith('embedwasm_'));
  await mkdir(path.join(outDir, 'embedwasm-files'), { recursive: true });
  for (const f of engineFiles) {
    await copyFile(path.join(wasmDir, f), path.join(outDir, f));
    await copyFile(path.join(wasmDir, f), path.join(outDir, 'embedwasm-files', f));
  }
  return { engineFiles };
}

/** Vite follows the glue's new URL(...) itself: the .wasm files and the pthread worker are emitted as assets. */
export async function bundleWithVite(project, outDir) {
  const { build } = await import('vite');
  // Silent: Vite 8 warns that the glue's Node-only require('fs') etc. are externalized
  // (harmless in a page, see README); failures still throw.
  await build({
    configFile: false, root: path.join(project, 'page'), base: './', logLevel: 'silent',
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  return { assets: await readdir(path.join(outDir, 'assets')) };
}

/** `vite` as a user runs it while developing, with the headers that allow threads. */
export async function startViteDevServer(project) {
  const { createServer } = await import('vite');
  const server = await createServer({
    configFile: false, root: path.join(project, 'page'), logLevel: 'silent',
    cacheDir: path.join(project, 'node_modules/.vite'),
    server: {
      host: '127.0.0.1', port: 0, strictPort: false,
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    },
  });
  await server.listen();
  return { url: server.resolvedUrls.local[0], close: () => server.close() };
}

/** Copies the fixture into the project (scenario, Node app, page). */
export async function copyFixture(fixtureDir, project) {
  await cp(fixtureDir, project, { recursive: true });
}
