// Files named by a URL (fetched) or, where the platform reads local files (Node), by a
// path: how loadModel and FastText.load get what they were pointed at.
import { currentPlatform } from './init.js';

/** Whether `s` names a URL rather than a local path (a scheme with //, blob: or data:). */
export const isUrl = (s) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.startsWith('blob:') || s.startsWith('data:');

/**
 * The resource at `url`: {bytes} for a local file, else {response} (a successful fetch,
 * whose body the caller may stream). Errors name `what` and `url`.
 */
export async function openResource(where, url, what) {
  const platform = currentPlatform();
  if (platform.readLocalFile !== undefined && (!isUrl(url) || url.startsWith('file:'))) {
    try {
      return { bytes: await platform.readLocalFile(url) };
    } catch (error) {
      throw new Error(`${where}: cannot read the ${what} at ${url}: ${error.message}`);
    }
  }
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`${where}: cannot fetch the ${what} at ${url}: ${error.message}`);
  }
  if (!response.ok) throw new Error(`${where}: cannot fetch the ${what} at ${url}: HTTP ${response.status}`);
  return { response };
}

/** The bytes of the resource at `url` (openResource, read whole). */
export async function readResource(where, url, what) {
  const { bytes, response } = await openResource(where, url, what);
  return bytes ?? new Uint8Array(await response.arrayBuffer());
}
