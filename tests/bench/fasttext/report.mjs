// fasttext: lid.176.ftz predictions and load, and training speed per thread (node.mjs).
import { checkTarget, count, formatTable, ms, status, timedTable } from '../common/report.mjs';

export function report(records) {
  const find = (c, who) => records.find((r) => r.case === c && r.contender === who);
  const rate = (r) => (status(r) ? null : (r.lines / r.median_ms) * 1000);
  const predict = records.filter((r) => r.case === 'predict');
  const cli = find('predict', 'fasttext-cli');
  const peer = find('predict', 'fasttext.wasm');
  const oursBatch = find('predict', 'ours-batch');
  const oursEach = find('predict', 'ours-each');
  const oursChromium = find('predict', 'ours-chromium');
  const ratio = (a, b) => (rate(a) !== null && rate(b) !== null ? rate(a) / rate(b) : null);
  const trainRows = ['train-supervised', 'train-skipgram'].map((c) => {
    const ours = find(c, 'ours');
    const theirs = find(c, 'fasttext-cli');
    return { c, ours, theirs, ratio: !status(ours) && !status(theirs) ? ours.tokens_per_cpu_s / theirs.tokens_per_cpu_s : null };
  });
  const parts = [
    `lid.176.ftz on ${count(oursBatch?.lines ?? cli?.lines ?? 0)} lines (~5000 sentences in ~110 languages, repeated), top-1 label; ` +
      'ours agree with the command line on every line (checked on every call). Times are CPU time ' +
      '(the machine is shared; wall time beside it); the CLI\'s are its run on the file less its run on one line.',
    timedTable(predict, { reference: cli, vsTitle: 'vs fasttext CLI',
      extra: [{ key: 'rate', title: 'predictions/CPU s', right: true, value: (r) => count(rate(r)) },
        { key: 'wall', title: 'wall median ms', right: true, value: (r) => ms(r.wall_median_ms) }] }),
    '**load lid.176.ftz** (bytes in memory -> a model ready to predict; CPU ms)',
    timedTable(records.filter((r) => r.case === 'load'), { reference: find('load', 'ours'), vsTitle: 'vs ours' }) +
      (cli && !status(cli) ? `\n\nfasttext CLI, process start + load + one prediction: ${ms(cli.load_ms)} CPU ms` : ''),
    '**training, one thread** (tokens per CPU second of training alone: the extra tokens and CPU time of epoch 2E over E; in brackets each program\'s own wall-time tokens/s)',
    formatTable([
      { key: 'mode', title: 'mode' }, { key: 'tokens', title: 'extra tokens', right: true },
      { key: 'ours', title: 'ours (wasm SIMD, Node)', right: true },
      { key: 'cli', title: 'fasttext CLI (native)', right: true }, { key: 'ratio', title: 'ours / CLI', right: true },
    ], trainRows.map(({ c, ours, theirs, ratio: x }) => ({
      mode: c.replace('train-', ''),
      tokens: status(ours) ? '—' : count(ours.tokens),
      ours: status(ours) ?? `${count(ours.tokens_per_cpu_s)} (${count(ours.reported_tokens_per_s)})`,
      cli: status(theirs) ?? `${count(theirs.tokens_per_cpu_s)} (${count(theirs.reported_tokens_per_s)})`,
      ratio: x === null ? '—' : `${x.toFixed(2)}×`,
    }))),
  ];
  const x = (v) => `${v.toFixed(2)}×`;
  const targets = [
    checkTarget({ label: 'predictions/s vs fasttext.wasm (ours one call per line, as it)', value: ratio(oursEach, peer), required: { min: 2 }, format: x }),
    checkTarget({ label: 'predictions/s vs native fastText (ours, batch)', value: ratio(oursBatch, cli), required: { min: 0.8 }, format: x }),
    checkTarget({ label: 'predictions/s in Chromium vs native fastText (ours, batch; wall time against CPU time)', value: ratio(oursChromium, cli), required: { min: 0.8 }, format: x }),
    checkTarget({ label: 'load lid.176.ftz (median)', value: status(find('load', 'ours')) ? null : find('load', 'ours').median_ms, required: { max: 50 }, format: (v) => `${ms(v)} ms` }),
    ...trainRows.map(({ c, ratio: v }) => checkTarget({ label: `${c.replace('train-', '')} training tokens per CPU second, one thread, vs native fastText`, value: v, required: { min: 1 }, format: x })),
  ];
  return { parts, targets, records };
}
