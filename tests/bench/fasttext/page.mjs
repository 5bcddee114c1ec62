// The fastText benchmark's Chromium row, in the browser section's page (browser.mjs drives
// it): lid.176.ftz and the benchmark's lines fetched from the server, then load and
// predict timed as node.mjs times ours in Node (one batch call per rep, after a warm-up),
// each call's top labels checked against the command line's. Wall time only: a page has
// no CPU clock, so this row is comparable to the others on a quiet machine.
import { errorText, timeReps } from '../common/stats.mjs';
import { labelMismatch } from './labels.mjs';

const fetchOk = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
};


export async function run({ warmup, reps, checked }) {
  const { init, FastText } = await import('/dist/browser.js');
  const info = await init({ threads: false });
  const runtime = `embedwasm dist/ ${info.variant} build`;
  const [bytes, text] = await Promise.all([
    fetchOk('/data/lid.176.ftz').then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b)),
    fetchOk('/data/lines.txt').then((r) => r.text()),
  ]);
  const lines = text.split('\n').filter(Boolean);
  const expected = checked ? (await fetchOk('/data/cli_labels.txt').then((r) => r.text())).split('\n').filter(Boolean) : null;
  const records = [];
  try {
    records.push({ case: 'load', bytes: bytes.length,
      ...await timeReps(() => FastText.load(bytes), { warmup: 2, reps, check: () => null, after: (m) => m.dispose() }) });
  } catch (error) {
    records.push({ case: 'load', ok: false, error: errorText(error) });
  }
  const model = FastText.load(bytes);
  try {
    records.push({ case: 'predict', lines: lines.length,
      ...await timeReps(() => model.predict(lines).map((p) => p[0].label), { warmup, reps, check: (labels) => labelMismatch(labels, expected) }) });
  } catch (error) {
    records.push({ case: 'predict', ok: false, error: errorText(error) });
  } finally {
    model.dispose();
  }
  return { runtime, records };
}
