// A static server for the site: the bundled tutorial (build/site/, made by
// scripts/build.sh site) at /, the built package (dist/) at /embedwasm/.
// It sends COOP/COEP so the page is cross-origin isolated and gets the threads build;
// --no-isolation leaves them out to see the single-threaded fallback.
//   node scripts/serve.mjs [--port 8080] [--no-isolation]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.PORT ?? 8080);
const isolate = !args.includes('--no-isolation');

const mounts = [
  ['/embedwasm/', path.join(root, 'dist')],
  ['/', path.join(root, 'build', 'site')],
];
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
  '.gz': 'application/gzip', '.bin': 'application/octet-stream', '.map': 'application/json',
};

function resolve(urlPath) {
  for (const [prefix, dir] of mounts) {
    if (!urlPath.startsWith(prefix)) continue;
    const file = path.join(dir, decodeURIComponent(urlPath.slice(prefix.length)));
    // No escaping the mounted folder with ../
    if (file !== dir && !file.startsWith(dir + path.sep)) return null;
    return file;
  }
  return null;
}

const server = createServer(async (req, res) => {
  const headers = { 'Cache-Control': 'no-cache' };
  if (isolate) {
    headers['Cross-Origin-Opener-Policy'] = 'same-origin';
    headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
  }
  let file = resolve(new URL(req.url, 'http://localhost').pathname);
  try {
    if (file === null) throw new Error('outside');
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, { ...headers, 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
    res.end('not found');
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`embedwasm site: http://localhost:${port}/ (${isolate ? 'cross-origin isolated: threads' : 'not isolated: single thread'})`);
});
