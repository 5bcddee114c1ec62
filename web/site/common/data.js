// Prepared assets live in build/site/data/ as gzip (scripts/site/prepare_*.mjs); the page
// inflates them with the browser's own DecompressionStream rather than shipping a
// decompressor.

/** URL of a prepared asset, e.g. dataUrl('spam_subjects.json.gz'). */
export function dataUrl(name) {
  return new URL(`data/${name}`, document.baseURI).href;
}

/** Fetches a .gz asset and returns its decompressed bytes. */
export async function fetchGzip(url, { signal } = {}) {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const stream = response.body.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Fetches a .json.gz asset and parses it. */
export async function fetchGzipJson(url, options) {
  return JSON.parse(new TextDecoder().decode(await fetchGzip(url, options)));
}
