// The engine under Node: the Node glue of each build (node/, linked with
// -sENVIRONMENT=node and without the process handlers Emscripten installs by default),
// given the .wasm bytes read here. Emscripten 3.1.6's glue would otherwise load the .wasm
// with the global fetch, and Node 20's fetch cannot read a file path ("Failed to parse URL").
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const engineDir = path.dirname(fileURLToPath(import.meta.url));

/** The folder given to a user's locateFile as its prefix: where the engine files are. */
export function engineFolder() {
  return engineDir + path.sep;
}

async function wasmBytes(variant, locateFile) {
  const name = `embedwasm_${variant}.wasm`;
  // A locateFile answer may be a path or a file: URL.
  const where = locateFile ? String(locateFile(name, engineFolder())) : path.join(engineDir, name);
  const file = where.startsWith('file:') ? new URL(where) : pathToFileURL(path.resolve(where));
  try {
    return await readFile(file);
  } catch (error) {
    throw new Error(`init: cannot read ${name} at ${fileURLToPath(file)}: ${error.message}`);
  }
}

/**
 * Instantiates `variant` with the glue's `moduleArgs`. `locateFile` (the user's, or
 * undefined) moves the .wasm; the glue itself is not given it, since it fetches nothing
 * here and finds its pthread worker next to itself.
 */
export async function loadNodeEngine(variant, moduleArgs, { locateFile }) {
  const args = { ...moduleArgs };
  args.wasmBinary ??= await wasmBytes(variant, locateFile);
  const { default: factory } = variant === 'threads'
    ? await import('./node/embedwasm_threads.mjs')
    : await import('./node/embedwasm_simd.mjs');
  const m = await factory(args);
  // Idle pool workers must not keep a Node process alive after the user's work ends.
  for (const worker of m.PThread?.unusedWorkers ?? []) worker.unref();
  return m;
}
