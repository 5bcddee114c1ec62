// text: textVectorization adapt and call against plain JS, and one string's prediction (node.mjs).
import { checkTarget, count, ms, timedTable } from '../common/report.mjs';

export function report(records) {
  const by = (c) => records.filter((r) => r.case === c);
  const ratio = (c) => {
    const ours = by(c).find((r) => r.contender === 'ours');
    const peer = by(c).find((r) => r.contender === 'plain-js');
    return ours?.ok && peer?.ok ? peer.median_ms / ours.median_ms : null;
  };
  const first = records[0];
  const parts = [
    `State of the Union paragraphs: ${count(first.documents)} documents, ${count(first.bytes)} bytes; ` +
      `maxTokens ${first.maxTokens}, T = ${first.T}. Ours and the plain-JS baseline give the same vocabulary and ids (checked before timing).`,
    '**adapt** (texts/s = documents / median)',
    timedTable(by('adapt'), { reference: by('adapt').find((r) => r.contender === 'plain-js'), vsTitle: 'vs plain JS',
      extra: [{ key: 'rate', title: 'texts/s', right: true, value: (r) => count(r.texts_per_s) }] }),
    '**call** (documents -> ids)',
    timedTable(by('call'), { reference: by('call').find((r) => r.contender === 'plain-js'), vsTitle: 'vs plain JS',
      extra: [{ key: 'rate', title: 'texts/s', right: true, value: (r) => count(r.texts_per_s) }] }),
    '**call on whole speeches** (one speech per document)',
    timedTable(by('call-speeches'), { reference: by('call-speeches').find((r) => r.contender === 'plain-js'), vsTitle: 'vs plain JS',
      extra: [{ key: 'rate', title: 'texts/s', right: true, value: (r) => count(r.texts_per_s) }] }),
    '**one string -> prediction**',
    timedTable(by('predict'), { reference: by('predict')[0], vsTitle: '' }),
  ];
  const targets = ['adapt', 'call', 'call-speeches'].map((c) => checkTarget({
    label: `textVectorization ${c} speed vs plain JS`, value: ratio(c), required: { min: 1 }, format: (x) => `${x.toFixed(2)}x`,
  }));
  const predict = by('predict')[0];
  targets.push(checkTarget({
    label: 'one string -> prediction (median)', value: predict?.ok ? predict.median_ms : null, required: { max: 1 }, format: (x) => `${ms(x)} ms`,
  }));
  return { parts, targets, records };
}
