#!/usr/bin/python3
"""gensim's side of scripts/compare_gensim.mjs (npm run compare-gensim): trains gensim 4.2
skip-gram on the same tokenised SOTU sentences as ours, then measures both with gensim's
own code, and prints one JSON object.

    /usr/bin/python3 scripts/compare_gensim.py <corpus.txt> <questions.txt> <out-dir> <seed>...

<out-dir> holds ours_seed<S>.bin (word2vec binary, written by our KeyedVectors.save) for
each seed; gensim's vectors are written beside them as gensim_seed<S>.bin.

Measures, for every model (ours and gensim, one per seed):
- the top-10 neighbours (most_similar) of a few frequent words;
- neighbour overlap |top10(x) & top10(y)| / 10 between two models, averaged over the
  words ranked 100-1099 by frequency (frequent enough to have settled vectors, past the
  function words); gensim against gensim with another seed is the noise floor: two runs of
  the same algorithm differ by that much;
- analogy accuracy with gensim's evaluate_word_analogies on tests/data/sotu_analogies.txt,
  the same evaluator for both (ours is loaded through load_word2vec_format).

tests/data/sotu_analogies.txt was written for this comparison from the corpus's own words:
pairs in 9 sections (country-adjective, gender, singular-plural, present-past,
verb-participle, verb-3rd-person, opposite, comparative, superlative), each word seen at
least 5 times in the tokenised SOTU (so inside minCount 5), at most 20 pairs per section,
every ordered combination of two different pairs as one question.
"""
import json
import sys
import time

import numpy as np
from gensim.models import KeyedVectors, Word2Vec

PROBES = ['government', 'war', 'congress', 'people', 'peace', 'law', 'money', 'tax',
          'president', 'world', 'trade', 'freedom', 'army', 'economy']
OVERLAP_RANKS = (100, 1100)
TOPN = 10


def train_gensim(sentences, seed):
    t0 = time.perf_counter()
    model = Word2Vec(sentences, vector_size=100, window=5, min_count=5, sample=1e-3, sg=1, hs=0,
                     negative=5, epochs=5, workers=1, seed=seed)
    return model.wv, time.perf_counter() - t0


def neighbours(kv, words):
    return {w: [[n, round(float(s), 4)] for n, s in kv.most_similar(w, topn=TOPN)] for w in words if w in kv}


def top_sets(kv, words):
    # Cosine top-10 of every word at once, one matrix product instead of a call per word.
    v = kv.get_normed_vectors()
    rows = np.array([kv.key_to_index[w] for w in words])
    sims = v[rows] @ v.T
    sims[np.arange(len(rows)), rows] = -np.inf  # a word is not its own neighbour
    top = np.argpartition(-sims, TOPN, axis=1)[:, :TOPN]
    return [set(kv.index_to_key[j] for j in row) for row in top]


def overlap(a, b):
    return float(np.mean([len(x & y) / TOPN for x, y in zip(a, b)]))


def analogies(kv, path):
    score, sections = kv.evaluate_word_analogies(path)
    by = {s['section']: {'correct': len(s['correct']), 'total': len(s['correct']) + len(s['incorrect'])}
          for s in sections}
    return {'score': float(score), 'sections': by}


def main():
    corpus, questions, out_dir = sys.argv[1:4]
    seeds = [int(s) for s in sys.argv[4:]]
    with open(corpus, encoding='utf-8') as f:
        sentences = [line.split() for line in f if line.strip()]
    models = {}
    train_s = {}
    for seed in seeds:
        models['ours', seed] = KeyedVectors.load_word2vec_format('%s/ours_seed%d.bin' % (out_dir, seed), binary=True)
        kv, seconds = train_gensim(sentences, seed)
        kv.save_word2vec_format('%s/gensim_seed%d.bin' % (out_dir, seed), binary=True)
        models['gensim', seed] = kv
        train_s['gensim_seed%d' % seed] = seconds
        print('gensim seed %d trained in %.1f s' % (seed, seconds), file=sys.stderr)

    first = models['gensim', seeds[0]]
    ours_vocab = set(models['ours', seeds[0]].index_to_key)
    overlap_words = first.index_to_key[OVERLAP_RANKS[0]:OVERLAP_RANKS[1]]
    sets = {key: top_sets(kv, overlap_words) for key, kv in models.items()}
    pairs = {'ours-gensim': [], 'gensim-gensim': [], 'ours-ours': []}
    for i, s in enumerate(seeds):
        for t in seeds:
            pairs['ours-gensim'].append(overlap(sets['ours', s], sets['gensim', t]))
        for t in seeds[i + 1:]:
            pairs['gensim-gensim'].append(overlap(sets['gensim', s], sets['gensim', t]))
            pairs['ours-ours'].append(overlap(sets['ours', s], sets['ours', t]))
    probe_sets = {key: top_sets(kv, [w for w in PROBES if w in kv]) for key, kv in models.items()}
    probe_pairs = {
        'ours-gensim': [overlap(probe_sets['ours', s], probe_sets['gensim', t]) for s in seeds for t in seeds],
        'gensim-gensim': [overlap(probe_sets['gensim', s], probe_sets['gensim', t])
                          for i, s in enumerate(seeds) for t in seeds[i + 1:]],
        'ours-ours': [overlap(probe_sets['ours', s], probe_sets['ours', t])
                      for i, s in enumerate(seeds) for t in seeds[i + 1:]],
    }
    result = {
        'gensim_version': __import__('gensim').__version__,
        'seeds': seeds,
        'vocab': {'ours': len(ours_vocab), 'gensim': len(first), 'same_words': ours_vocab == set(first.index_to_key)},
        'train_s': train_s,
        'probes': PROBES,
        'neighbours': {'%s_seed%d' % key: neighbours(kv, PROBES) for key, kv in models.items()},
        'overlap_ranks': OVERLAP_RANKS,
        'overlap': pairs,
        'probe_overlap': probe_pairs,
        'analogies_gensim_evaluator': {'%s_seed%d' % key: analogies(kv, questions) for key, kv in models.items()},
    }
    print(json.dumps(result))


if __name__ == '__main__':
    main()
