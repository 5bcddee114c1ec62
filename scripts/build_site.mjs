// Builds the tutorial site into build/site/:
//  - esbuild bundles web/site/main.js and every section module (web/site/sections.js) as
//    separate entry points with shared chunks, so a section that fails to load or throws
//    leaves the others working. uPlot comes from node_modules.
//  - 'embedwasm' stays external, rewritten to /embedwasm/browser.js (the package's browser
//    entry, which scripts/build.sh site puts in build/site/embedwasm/), so the package's
//    own wasm and worker URLs stay valid. An import map would do the same but is
//    an inline script, which the site's Content-Security-Policy (scripts/serve.mjs) blocks.
//  - workers (web/site/**/workers/*.js) are bundled separately, with the same rewrite.
//  - html and css are copied (a section's own stylesheet too, see sections.js), uPlot's
//    CSS into vendor/, and every scripts/site/prepare_*.mjs
//    writes its compressed assets into build/site/data/.
// Quick when nothing changed: it skips esbuild if no input is newer than the last build,
// and each prepare script skips itself when its output is up to date.
//   node scripts/build_site.mjs [--force]
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import * as esbuild from 'esbuild';

import { readArgs } from './lib/args.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'web/site');
const out = path.join(root, 'build/site');
const stamp = path.join(out, '.built');
const { force } = readArgs({ name: 'build_site', usage: 'node scripts/build_site.mjs [--force]', options: { force: { type: 'boolean', default: false } } });

async function walk(dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files = await Promise.all(entries.map((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  }));
  return files.flat();
}

async function mtime(file) {
  try { return (await stat(file)).mtimeMs; } catch { return -1; }
}

async function newestInput() {
  const files = [...await walk(src), fileURLToPath(import.meta.url), path.join(root, 'package-lock.json')];
  return Math.max(...await Promise.all(files.map(mtime)));
}

async function bundle() {
  const { SECTIONS } = await import(`${pathToFileURL(path.join(src, 'sections.js')).href}?${Date.now()}`);
  const present = [];
  for (const s of SECTIONS) {
    // A section another helper has not written yet is simply not built; main.js then
    // shows "coming" for it.
    if ((await mtime(path.join(src, s.module))) >= 0) present.push(path.join(src, s.module));
  }
  const common = {
    bundle: true, format: 'esm', target: 'es2022', sourcemap: true, minify: true,
    outbase: src, outdir: out, logLevel: 'warning', legalComments: 'linked',
    plugins: [{
      name: 'embedwasm-absolute',
      setup(build) {
        build.onResolve({ filter: /^embedwasm$/ }, () => ({ path: '/embedwasm/browser.js', external: true }));
      },
    }],
  };
  await esbuild.build({
    ...common,
    entryPoints: [path.join(src, 'main.js'), ...present],
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });
  const workers = (await walk(src)).filter((f) => /[/\\]workers[/\\][^/\\]+\.js$/.test(f));
  if (workers.length) {
    await esbuild.build({
      ...common,
      entryPoints: workers,
    });
  }
  for (const name of ['index.html', 'style.css']) await copyFile(path.join(src, name), path.join(out, name));
  for (const css of new Set(SECTIONS.map((s) => s.css).filter(Boolean))) {
    if ((await mtime(path.join(src, css))) < 0) continue;
    await mkdir(path.dirname(path.join(out, css)), { recursive: true });
    await copyFile(path.join(src, css), path.join(out, css));
  }
  await mkdir(path.join(out, 'vendor'), { recursive: true });
  await copyFile(path.join(root, 'node_modules/uplot/dist/uPlot.min.css'), path.join(out, 'vendor/uPlot.min.css'));
}

await mkdir(out, { recursive: true });
if (force || (await newestInput()) > (await mtime(stamp))) {
  const started = Date.now();
  await bundle();
  await writeFile(stamp, new Date().toISOString());
  console.log(`build_site: bundled in ${Date.now() - started} ms`);
}
const prepares = (await readdir(path.join(root, 'scripts/site'))).filter((f) => /^prepare_.*\.mjs$/.test(f)).sort();
for (const script of prepares) {
  execFileSync(process.execPath, [path.join(root, 'scripts/site', script), path.join(out, 'data')], { stdio: 'inherit', cwd: root });
}
