// Prepared assets live in build/site/data/ as gzip (scripts/site/prepare_*.mjs); the page
// inflates them with the browser's own DecompressionStream rather than shipping a
// decompressor.

/** URL of a prepared asset, e.g. dataUrl('spam_subjects.json.gz'). */
export function dataUrl(name) {
  return new URL(`data/${name}`, document.baseURI).href;
}

// DecompressionStream inflates each piece it is given in one main-thread task; a cached
// file can arrive as one piece of megabytes, a task of 100 ms and more. Cut into pieces
// this size, each task stays a few milliseconds.
const INFLATE_PIECE = 16 * 1024;

function smallPieces() {
  return new TransformStream({
    async transform(chunk, controller) {
      for (let i = 0; i < chunk.length; i += INFLATE_PIECE) {
        controller.enqueue(chunk.subarray(i, i + INFLATE_PIECE));
        // Streams hand pieces on in microtasks, which all run in the same task: wait for
        // the next task so that the page gets a turn between two pieces.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    },
  });
}

/** Fetches a .gz asset and returns its decompressed bytes. */
export async function fetchGzip(url, { signal } = {}) {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const stream = response.body.pipeThrough(smallPieces()).pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Fetches a .json.gz asset and parses it. */
export async function fetchGzipJson(url, options) {
  return JSON.parse(new TextDecoder().decode(await fetchGzip(url, options)));
}
