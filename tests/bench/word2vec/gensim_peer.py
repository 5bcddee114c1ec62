#!/usr/bin/python3
"""gensim's contender in node.mjs: trains skip-gram on the tokenised corpus file (one
sentence per line, tokens separated by spaces) and prints one JSON line.

    /usr/bin/python3 tests/bench/word2vec/gensim_peer.py <corpus.txt> <workers> <epochs> <seed>

Not named gensim.py: Python puts this file's folder first on sys.path, so `import gensim`
would import this file instead of the library.

The sentences are read into a list before the clock starts, as a JS caller hands ours an
in-memory corpus. Each epoch is timed on its own (a gensim callback at every epoch's
start and end), so the report takes a median over the epochs after the first, as for
ours. Exit status 0 even when gensim is missing: the line then says so, and the report
shows the peer as missing.
"""
import json
import sys
import time


def blas_name():
    # gensim's inner loops call BLAS sdot/saxpy through scipy; Debian's default reference
    # BLAS makes gensim ~1.6x slower than OpenBLAS does, so the report names the one in use.
    import os
    real = os.path.realpath('/usr/lib/x86_64-linux-gnu/libblas.so.3')
    kind = 'OpenBLAS' if 'openblas' in real else 'BLIS' if 'blis' in real else \
        'reference BLAS' if '/blas/' in real else 'BLAS'
    return '%s (%s)' % (kind, real)


def main():
    path, workers, epochs, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    record = {'bench': 'word2vec', 'variant': 'gensim-%d' % workers, 'system': 'gensim', 'threads': workers}
    try:
        import gensim
        from gensim.models import Word2Vec
        from gensim.models.word2vec_inner import FAST_VERSION
    except Exception as e:  # noqa: BLE001 -- any import failure means "peer missing"
        record.update(ok=False, stage='import', error='gensim not importable: %s' % e)
        print(json.dumps(record))
        return
    with open(path, encoding='utf-8') as f:
        sentences = [line.split() for line in f if line.strip()]
    tokens = sum(len(s) for s in sentences)
    from gensim.models.callbacks import CallbackAny2Vec

    class EpochTimer(CallbackAny2Vec):
        def __init__(self):
            self.ms = []
            self.start = None

        def on_epoch_begin(self, model):
            self.start = time.perf_counter()

        def on_epoch_end(self, model):
            self.ms.append((time.perf_counter() - self.start) * 1000)

    timer = EpochTimer()
    model = Word2Vec(vector_size=100, window=5, min_count=5, sample=1e-3, sg=1, hs=0, negative=5,
                     epochs=epochs, workers=workers, seed=seed)
    t0 = time.perf_counter()
    model.build_vocab(sentences)
    t1 = time.perf_counter()
    trained, raw = model.train(sentences, total_examples=model.corpus_count, epochs=epochs, callbacks=[timer])
    t2 = time.perf_counter()
    record.update(
        ok=True, version=gensim.__version__, fast_version=FAST_VERSION, blas=blas_name(),
        tokens=tokens, epochs=epochs, raw_words=raw, effective_words=trained,
        vocab=len(model.wv), vocab_s=t1 - t0, train_s=t2 - t1, total_s=t2 - t0, epoch_ms=timer.ms,
        sample_similar=[w for w, _ in model.wv.most_similar('war', topn=5)])
    print(json.dumps(record))


if __name__ == '__main__':
    main()
