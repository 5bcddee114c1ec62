#!/usr/bin/python3
"""Loads the files embedwasm writes with gensim (and plain Python) and checks every word
and float against what was written.

    EMBEDWASM_VECTOR_FILES_EXPORT_DIR=/tmp/ew <build>/tests/cpp/embedwasm_tests "[vector_files][export]"
    /usr/bin/python3 tests/python/load_our_files.py /tmp/ew

The directory holds ours_w2v.txt, ours_w2v.bin (C-tool layout, "\\n" after vectors),
ours_w2v_nonl.bin (gensim layout), ours_fasttext.vec, ours_glove.txt, ours.ewvec,
ours_vectors.tsv, ours_metadata.tsv and expected.txt (per row: the word's UTF-8 in hex,
then the float32 bits in hex). Needs gensim (Debian: python3-gensim). Exit status 1 on
any difference.
"""
import struct
import sys

import numpy as np
from gensim.models import KeyedVectors


def load_expected(path):
    words, rows = [], []
    with open(path, encoding='ascii') as f:
        for line in f:
            parts = line.split()
            words.append(bytes.fromhex(parts[0]).decode('utf-8'))
            rows.append([int(h, 16) for h in parts[1:]])
    return words, np.array(rows, dtype=np.uint32).view(np.float32)


def compare(name, words, vectors, exp_words, exp_vectors, exact_nan):
    """exact_nan: binary formats keep NaN bits; text keeps only NaN-ness."""
    problems = []
    if list(words) != exp_words:
        problems.append('words differ: %r vs %r' % (list(words)[:5], exp_words[:5]))
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.shape != exp_vectors.shape:
        problems.append('shape %s vs %s' % (vectors.shape, exp_vectors.shape))
    else:
        got_bits = vectors.view(np.uint32)
        exp_bits = exp_vectors.view(np.uint32)
        same = got_bits == exp_bits
        if not exact_nan:
            same |= np.isnan(vectors) & np.isnan(exp_vectors)
        if not same.all():
            r, c = np.argwhere(~same)[0]
            problems.append('%d floats differ, first at [%d, %d]: %r (0x%08x) vs %r (0x%08x)' % (
                (~same).sum(), r, c, vectors[r, c], got_bits[r, c], exp_vectors[r, c], exp_bits[r, c]))
    print('%-28s %s' % (name, 'ok' if not problems else 'FAILED: ' + '; '.join(problems)))
    return not problems


def read_ewvec(path):
    data = open(path, 'rb').read()
    assert data[:8] == b'EWVEC\0\0\0', 'magic'
    version, v, d = struct.unpack_from('<III', data, 8)
    assert version == 1, 'version %d' % version
    at, words = 20, []
    for _ in range(v):
        (n,) = struct.unpack_from('<I', data, at)
        words.append(data[at + 4:at + 4 + n].decode('utf-8'))
        at += 4 + n
    pad = (4 - at % 4) % 4
    assert data[at:at + pad] == b'\0' * pad, 'padding'
    at += pad
    assert len(data) == at + 4 * v * d, 'size %d vs %d' % (len(data), at + 4 * v * d)
    return words, np.frombuffer(data, dtype='<f4', offset=at).reshape(v, d)


def read_tsv(vectors_path, metadata_path):
    with open(metadata_path, encoding='utf-8', newline='') as f:
        words = f.read().split('\n')[:-1]
    with open(vectors_path, encoding='ascii') as f:
        rows = [[np.float32(x) for x in line.rstrip('\n').split('\t')] for line in f]
    return words, np.array(rows, dtype=np.float32)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    d = sys.argv[1].rstrip('/') + '/'
    exp_words, exp_vectors = load_expected(d + 'expected.txt')
    ok = True
    for name, binary, no_header in [('ours_w2v.txt', False, False), ('ours_w2v.bin', True, False),
                                    ('ours_w2v_nonl.bin', True, False),
                                    ('ours_fasttext.vec', False, False),
                                    ('ours_glove.txt', False, True)]:
        kv = KeyedVectors.load_word2vec_format(d + name, binary=binary, no_header=no_header)
        ok &= compare('gensim ' + name, kv.index_to_key, kv.vectors, exp_words, exp_vectors,
                      exact_nan=binary)
    words, vectors = read_ewvec(d + 'ours.ewvec')
    ok &= compare('python ours.ewvec', words, vectors, exp_words, exp_vectors, exact_nan=True)
    words, vectors = read_tsv(d + 'ours_vectors.tsv', d + 'ours_metadata.tsv')
    ok &= compare('python ours_*.tsv', words, vectors, exp_words, exp_vectors, exact_nan=False)
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
