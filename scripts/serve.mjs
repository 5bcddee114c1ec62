// A static server for the site: the bundled tutorial (build/site/, made by
// scripts/build.sh site) at /, the built package (dist/) at /embedwasm/.
// It sends COOP/COEP so the page is cross-origin isolated and gets the threads build;
// --no-isolation leaves them out to see the single-threaded fallback. Every response
// carries the Content-Security-Policy below.
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

// Only same-origin scripts, workers, styles and fetches; nothing may leave the origin.
// Each source other than 'self' and 'none':
//  - 'wasm-unsafe-eval': compiling WebAssembly counts as eval under CSP; without it
//    Chromium refuses WebAssembly.instantiate(Streaming) and the engine cannot load.
//    It allows wasm compilation only, never JS eval.
//  - img-src data: the page's <link rel="icon" href="data:,">, which stops the browser
//    asking for /favicon.ico; a data: image makes no request.
//  - 'unsafe-eval', in the page document's policy only: regl (under regl-scatterplot, the
//    live PCA plot) compiles its draw commands with Function(). The package itself does
//    not eval (Embind is linked with DYNAMIC_EXECUTION=0), so workers, whose policy comes
//    from their own script's response, run without it: that is where training runs.
// frame-ancestors exists only as a header, which is why the policy is not repeated in a
// <meta> tag: this server is how the site is served.
const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];
const DOCUMENT_POLICY = POLICY.map((d) => (d.startsWith('script-src ') ? `${d} 'unsafe-eval'` : d)).join('; ');
const SUBRESOURCE_POLICY = POLICY.join('; ');

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
  const headers = { 'Cache-Control': 'no-cache', 'Content-Security-Policy': SUBRESOURCE_POLICY };
  if (isolate) {
    headers['Cross-Origin-Opener-Policy'] = 'same-origin';
    headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
  }
  let file = resolve(new URL(req.url, 'http://localhost').pathname);
  try {
    if (file === null) throw new Error('outside');
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    const body = await readFile(file);
    const type = types[path.extname(file)] ?? 'application/octet-stream';
    headers['Content-Security-Policy'] = type.startsWith('text/html') ? DOCUMENT_POLICY : SUBRESOURCE_POLICY;
    res.writeHead(200, { ...headers, 'Content-Type': type });
    res.end(body);
  } catch {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
    res.end('not found');
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`embedwasm site: http://localhost:${port}/ (${isolate ? 'cross-origin isolated: threads' : 'not isolated: single thread'})`);
});
