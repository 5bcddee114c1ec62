// Files under Node, for the platform: the TF.js layers format reads a model.json and its
// shards from paths and writes them into a folder. Browsers have no such files (their
// platform leaves these out), so no browser bundle carries a Node built-in for them.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The bytes of a path or a file: URL. */
export async function readLocalFile(pathOrFileUrl) {
  const buffer = await readFile(pathOrFileUrl.startsWith('file:') ? new URL(pathOrFileUrl) : pathOrFileUrl);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Writes {name: contents} into `directory` (created if missing); returns the first file's path. */
export async function writeLocalFiles(directory, files) {
  await mkdir(directory, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(directory, name), content);
  return path.join(directory, Object.keys(files)[0]);
}
