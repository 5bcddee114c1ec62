// The dev servers that run as a command line, started in the fixture project the way a
// user starts them, each with the smallest setup it documents for the COOP/COEP headers
// that allow the threads build: `webpack serve` (webpack-dev-server) and `rspack serve`
// (@rspack/dev-server) with devServer.headers in their config file and the page in
// public/ (their default static folder); `parcel serve` with a .proxyrc.cjs middleware
// (its dev server has no headers option). Each resolves to {url, log(), close()}.
// The setup files are written into the project root, where the tools look for them, and
// removed by close(), so that no other test's command picks them up.
import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { CLASSIC_PAGE } from './bundlers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (file) => path.join(root, 'node_modules', file);

const READY_TIMEOUT_MS = 180_000;
const EXIT_TIMEOUT_MS = 10_000;

// webpack.config.js and rspack.config.js alike (the project is "type": "module").
const DEV_SERVER_CONFIG = `export default {
  entry: './page/main.js',
  devServer: {
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  },
};
`;

// .cjs: Parcel loads an ES-module .proxyrc.js only as an experimental feature (it warns).
const PARCEL_PROXYRC = `module.exports = function (app) {
  app.use((req, res, next) => {
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    next();
  });
};
`;

/** A port free on 127.0.0.1 now (the tools take a port number, not 0). */
async function freePort() {
  const server = net.createServer();
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves true when `promise` settles within `ms`, false otherwise. */
function settlesWithin(promise, ms) {
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(resolve, ms, false); });
  return Promise.race([promise.then(() => true), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs a tool's command line (`args(port)`) in the project as its own process group and
 * waits until it answers 200 for the page. close() ends the whole group (SIGTERM, then
 * SIGKILL), so a server that hangs on exit or leaves helper processes behind leaves
 * nothing running; `files` (the setup written for it) are removed then too.
 */
async function startCommand(project, script, args, files) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child = spawn(process.execPath, [bin(script), ...args(port)], {
    cwd: project, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  let exitStatus;
  const exited = new Promise((resolve) => child.once('close', (code, signal) => { exitStatus = { code, signal }; resolve(); }));
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch (error) {
      if (error.code !== 'ESRCH') throw error;  // ESRCH: the group has already gone
    }
  };
  const close = async () => {
    signalGroup('SIGTERM');
    await settlesWithin(exited, EXIT_TIMEOUT_MS);
    signalGroup('SIGKILL');
    await settlesWithin(exited, EXIT_TIMEOUT_MS);
    await Promise.all(files.map((f) => rm(path.join(project, f), { recursive: true, force: true })));
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  try {
    for (let last = 'no answer'; ;) {
      if (exitStatus) throw new Error(`${script} exited (${JSON.stringify(exitStatus)}) before serving ${url}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`${script} did not serve ${url} in ${READY_TIMEOUT_MS / 1000} s (${last}):\n${output}`);
      // The servers hold a request until the first build is done, so one answer can take long.
      const response = await fetch(url, { signal: AbortSignal.timeout(Math.max(deadline - Date.now(), 1)) })
        .catch((error) => { last = error.cause?.code ?? error.name; });
      if (response?.ok) {
        await response.arrayBuffer();
        break;
      }
      if (response) {
        last = `status ${response.status}`;
        await response.arrayBuffer();
      }
      await new Promise((resolve) => { setTimeout(resolve, 250); });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { url, log: () => output, close };
}

/**
 * `<tool> serve` of webpack (webpack-dev-server) or Rspack (@rspack/dev-server): both read
 * the same config, under their own file name, and serve public/index.html.
 */
async function startWebpackStyleDevServer(project, configFile, cli) {
  await writeFile(path.join(project, configFile), DEV_SERVER_CONFIG);
  await mkdir(path.join(project, 'public'), { recursive: true });
  await writeFile(path.join(project, 'public/index.html'), CLASSIC_PAGE);
  return startCommand(project, cli, (port) => ['serve', '--host', '127.0.0.1', '--port', String(port)], [configFile, 'public']);
}

/** `webpack serve` (webpack-dev-server) with webpack.config.js and public/index.html. */
export const startWebpackDevServer = (project) => startWebpackStyleDevServer(project, 'webpack.config.js', 'webpack-cli/bin/cli.js');

/** `rspack serve` (@rspack/dev-server) with rspack.config.js and public/index.html. */
export const startRspackDevServer = (project) => startWebpackStyleDevServer(project, 'rspack.config.js', '@rspack/cli/bin/rspack.js');

/** `parcel serve page/index.html` with .proxyrc.cjs setting the headers. */
export async function startParcelDevServer(project) {
  await writeFile(path.join(project, '.proxyrc.cjs'), PARCEL_PROXYRC);
  return startCommand(project, 'parcel/lib/bin.js',
    (port) => ['serve', 'page/index.html', '--host', '127.0.0.1', '--port', String(port)], ['.proxyrc.cjs', 'dist', '.parcel-cache']);
}
