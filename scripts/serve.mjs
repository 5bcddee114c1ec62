// The site as `npm start` serves it: the bundled tutorial (build/site/, made by
// scripts/build.sh site) at /, with the package's browser files at /embedwasm/, with the site's
// Content-Security-Policy, and COOP/COEP so the page is cross-origin isolated and gets the
// threads build (--no-isolation leaves them out, to see the single-threaded fallback).
// tests/e2e serve it the same way through serveSite().
//   node scripts/serve.mjs [--port 8080] [--no-isolation]
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { readArgs } from './lib/args.mjs';
import { serveStatic } from './lib/static_server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The site on `port` (0: a free one); resolves to {url, port, close()}. */
export function serveSite({ port = 0, isolation = true } = {}) {
  return serveStatic({
    root: path.join(root, 'build', 'site'),
    isolation, csp: true, port,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = readArgs({
    name: 'serve',
    usage: 'node scripts/serve.mjs [--port 8080] [--no-isolation]',
    options: { port: { type: 'string', min: 0, default: Number(process.env.PORT ?? 8080) }, 'no-isolation': { type: 'boolean' } },
  });
  const isolation = !args['no-isolation'];
  const { url } = await serveSite({ port: args.port, isolation });
  console.log(`embedwasm site: ${url} (${isolation ? 'cross-origin isolated: threads' : 'not isolated: single thread'})`);
}
