// The browser benchmark's static server: the page, the built package, the peers' browser
// builds and the benchmark data, each folder under its own URL prefix, on 127.0.0.1 only.
// COOP/COEP make the page cross-origin isolated, so SharedArrayBuffer exists: our threads
// build, TF.js's threaded wasm and ONNX Runtime's threads all need it.
import { createServer } from 'node:http';
import { once } from 'node:events';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `mounts` ([[urlPrefix, folder], ...], prefixes ending in '/') on a free port;
 * resolves to {url, close()}. The longest matching prefix wins.
 */
export async function serveMounts(mounts) {
  const sorted = mounts.map(([prefix, dir]) => [prefix, path.resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  const resolve = (urlPath) => {
    for (const [prefix, dir] of sorted) {
      if (!urlPath.startsWith(prefix)) continue;
      const file = path.join(dir, decodeURIComponent(urlPath.slice(prefix.length)));
      // No escaping the mounted folder with ../
      return file === dir || file.startsWith(dir + path.sep) ? file : null;
    }
    return null;
  };
  const server = createServer(async (req, res) => {
    const headers = {
      'Cache-Control': 'no-cache',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    };
    let file = resolve(new URL(req.url, 'http://localhost').pathname);
    try {
      if (file === null) throw new Error('outside');
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
  };
}
