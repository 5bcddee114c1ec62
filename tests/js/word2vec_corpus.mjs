// A corpus whose analogy answer is known by construction: each of king, queen, man and
// woman appears only with context words of its gender (he/she pools) and its status
// (royal/common pools), so king - man + woman can only land on queen.
export function analogyCorpus(sentences = 4000, seed = 7) {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const entities = { king: ['m', 'r'], queen: ['f', 'r'], man: ['m', 'c'], woman: ['f', 'c'] };
  const pools = {
    m: ['he', 'him', 'his', 'beard'], f: ['she', 'her', 'hers', 'dress'],
    r: ['crown', 'throne', 'palace', 'castle'], c: ['street', 'farm', 'market', 'village'],
  };
  const noise = ['the', 'a', 'of', 'and', 'to', 'in', 'was', 'with'];
  const out = [];
  for (let i = 0; i < sentences; ++i) {
    const e = pick(Object.keys(entities));
    const words = [e];
    for (let k = 0; k < 6; ++k) words.push(rand() < 0.3 ? pick(noise) : pick(pools[entities[e][k % 2]]));
    for (let k = words.length - 1; k > 0; --k) {
      const j = Math.floor(rand() * (k + 1));
      [words[k], words[j]] = [words[j], words[k]];
    }
    out.push(words.join(' '));
  }
  return out.join('\n');
}

export const SMALL_OPTIONS = { vectorSize: 16, window: 3, minCount: 1, sg: 1, sample: 0, epochs: 5, seed: 3 };
