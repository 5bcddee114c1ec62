// The one static file server of the repository: the site (scripts/serve.mjs, and the e2e
// tests through it), the browser benchmark's page and peers (tests/bench/browser), and the
// bundlers' output folders (tests/package). Listens on 127.0.0.1 only.
//
//   const server = await serveStatic({ root: dir });                 // one folder at /
//   const server = await serveStatic({ mounts: { '/': a, '/dist/': b }, isolation: false, csp: true, port: 8080 });
//   fetch(server.url); ...; await server.close();
//
// isolation (default true): COOP/COEP, so a page is cross-origin isolated and has
// SharedArrayBuffer (the package's threads build, TF.js's and ONNX Runtime's threads need
// it); false shows the single-threaded fallback. csp (default false): the site's
// Content-Security-Policy on every response (SITE_POLICY below).
import { once } from 'node:events';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.map': 'application/json', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
  '.gz': 'application/gzip', '.bin': 'application/octet-stream',
};

// The site's policy: only same-origin scripts, workers, styles and fetches; nothing may
// leave the origin. Each source other than 'self' and 'none':
//  - 'wasm-unsafe-eval': compiling WebAssembly counts as eval under CSP; without it
//    Chromium refuses WebAssembly.instantiate(Streaming) and the engine cannot load.
//    It allows wasm compilation only, never JS eval.
//  - img-src data: the page's <link rel="icon" href="data:,">, which stops the browser
//    asking for /favicon.ico; a data: image makes no request.
// frame-ancestors exists only as a header, which is why the policy is not repeated in a
// <meta> tag: this server is how the site is served.
const SITE_POLICY = [
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
const POLICY = SITE_POLICY.join('; ');

/**
 * Serves `root` at / or `mounts` ({urlPrefix: folder}, prefixes ending in '/', the longest
 * matching prefix winning) on `port` (0: a free one). Resolves to {url, port, close()}
 * once listening; url is http://localhost:<port>/.
 */
export async function serveStatic({ root, mounts, isolation = true, csp = false, port = 0 }) {
  if ((root === undefined) === (mounts === undefined)) throw new TypeError('serveStatic: pass either root or mounts');
  const table = Object.entries(mounts ?? { '/': root })
    .map(([prefix, dir]) => {
      if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new TypeError(`serveStatic: mount '${prefix}' must start and end with '/'`);
      return [prefix, path.resolve(dir)];
    })
    .sort((a, b) => b[0].length - a[0].length);
  const resolve = (urlPath) => {
    for (const [prefix, dir] of table) {
      if (!urlPath.startsWith(prefix)) continue;
      const file = path.join(dir, decodeURIComponent(urlPath.slice(prefix.length)));
      // No escaping the mounted folder with ../
      return file === dir || file.startsWith(dir + path.sep) ? file : null;
    }
    return null;
  };
  const server = createServer(async (req, res) => {
    const headers = { 'Cache-Control': 'no-cache' };
    if (isolation) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    }
    if (csp) headers['Content-Security-Policy'] = POLICY;
    let file = resolve(new URL(req.url, 'http://localhost').pathname);
    try {
      if (file === null) throw new Error('outside every mount');
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { ...headers, 'Content-Type': type });
      res.end(body);
    } catch {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const actual = server.address().port;
  return {
    url: `http://localhost:${actual}/`,
    port: actual,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
  };
}
