#!/usr/bin/env python3
"""Compares the fastText command line's output with embedwasm_fasttext_cli's.

usage: compare_outputs.py KIND NAME FASTTEXT_OUTPUT OUR_OUTPUT
KIND:
  predict  predict-prob lines "label p label p ...": same number of lines and of
           predictions per line, the same top label on every line, the same label at
           every rank unless the two probabilities there tie (within 1e-6, where the
           order of equal scores may legitimately differ), |p - p'| <= 1e-4.
  vectors  print-word-vectors / print-sentence-vectors: same words, |x - x'| <= 1e-5 +
           1e-4 |x| (fastText prints 5 significant digits).
  nn       nn / analogies "word similarity" lines: the same words in the same order
           except among similarities within 1e-5 of each other, |s - s'| <= 1e-4.
  test     "N", "P@k", "R@k": N equal, P and R within 1e-3 (fastText prints 3 digits).
Prints one summary line; exits 1 on a mismatch (the first few are listed).
"""
import sys


def fail_list(name, problems):
    for p in problems[:5]:
        print(f"  {name}: {p}")


def predict(a_lines, b_lines):
    problems, max_diff, ranks = [], 0.0, 0
    if len(a_lines) != len(b_lines):
        return [f"{len(a_lines)} lines vs {len(b_lines)}"], 0.0, "", 0
    top_same = 0
    for n, (a, b) in enumerate(zip(a_lines, b_lines), 1):
        ta, tb = a.split(), b.split()
        pa = [(ta[i], float(ta[i + 1])) for i in range(0, len(ta), 2)]
        pb = [(tb[i], float(tb[i + 1])) for i in range(0, len(tb), 2)]
        if len(pa) != len(pb):
            problems.append(f"line {n}: {len(pa)} predictions vs {len(pb)}: {a!r} | {b!r}")
            continue
        if pa and pa[0][0] == pb[0][0]:
            top_same += 1
        for i, ((la, xa), (lb, xb)) in enumerate(zip(pa, pb)):
            ranks += 1
            d = abs(xa - xb)
            max_diff = max(max_diff, d)
            tied = any(abs(xa - y) <= 1e-6 for l, y in pa if l == lb) and abs(xa - xb) <= 1e-6
            if la != lb and not tied:
                problems.append(f"line {n} rank {i + 1}: {la} {xa} vs {lb} {xb}")
            elif d > 1e-4:
                problems.append(f"line {n} rank {i + 1}: p {xa} vs {xb}")
        if pa and pa[0][0] != pb[0][0] and not (abs(pa[0][1] - pb[0][1]) <= 1e-6):
            problems.append(f"line {n}: top label {pa[0][0]} vs {pb[0][0]}")
    return problems, max_diff, f"top label equal on {top_same}/{len(a_lines)} lines, ", ranks


def vectors(a_lines, b_lines):
    problems, max_diff = [], 0.0
    if len(a_lines) != len(b_lines):
        return [f"{len(a_lines)} lines vs {len(b_lines)}"], 0.0
    for n, (a, b) in enumerate(zip(a_lines, b_lines), 1):
        ta, tb = a.split(), b.split()
        # print-sentence-vectors lines have no word; word vector lines start with one.
        wa = [] if _is_number(ta[0]) else [ta.pop(0)]
        wb = [] if _is_number(tb[0]) else [tb.pop(0)]
        if wa != wb or len(ta) != len(tb):
            problems.append(f"line {n}: {wa} {len(ta)} values vs {wb} {len(tb)}")
            continue
        for x, y in zip(map(float, ta), map(float, tb)):
            d = abs(x - y)
            max_diff = max(max_diff, d)
            if d > 1e-5 + 1e-4 * abs(x):
                problems.append(f"line {n} {wa}: {x} vs {y}")
                break
    return problems, max_diff


def _is_number(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def nn(a_lines, b_lines):
    problems, max_diff = [], 0.0
    if len(a_lines) != len(b_lines):
        return [f"{len(a_lines)} lines vs {len(b_lines)}"], 0.0
    pa = [(l.split()[0], float(l.split()[1])) for l in a_lines]
    pb = [(l.split()[0], float(l.split()[1])) for l in b_lines]
    for n, ((wa, sa), (wb, sb)) in enumerate(zip(pa, pb), 1):
        d = abs(sa - sb)
        max_diff = max(max_diff, d)
        if wa != wb and not any(w == wb and abs(s - sa) <= 1e-5 for w, s in pa):
            problems.append(f"line {n}: {wa} {sa} vs {wb} {sb}")
        elif d > 1e-4:
            problems.append(f"line {n}: {wa} {sa} vs {sb}")
    return problems, max_diff


def test(a_lines, b_lines):
    a = dict(l.split("\t") for l in a_lines if "\t" in l)
    b = dict(l.split("\t") for l in b_lines if "\t" in l)
    problems, max_diff = [], 0.0
    if a.get("N") != b.get("N"):
        problems.append(f"N {a.get('N')} vs {b.get('N')}")
    for k in a:
        if k != "N":
            x, y = float(a[k]), float(b.get(k, "inf"))
            if x != x and y != y:  # both NaN: no prediction or no label at all
                continue
            d = abs(x - y)
            max_diff = max(max_diff, d)
            if not d <= 1e-3:
                problems.append(f"{k} {a[k]} vs {b.get(k)}")
    return problems, max_diff


def main():
    kind, name, path_a, path_b = sys.argv[1:5]
    with open(path_a, encoding="utf-8", errors="surrogateescape") as f:
        a_lines = [l.rstrip("\n") for l in f]
    with open(path_b, encoding="utf-8", errors="surrogateescape") as f:
        b_lines = [l.rstrip("\n") for l in f]
    extra = ""
    if kind == "predict":
        problems, max_diff, extra, ranks = predict(a_lines, b_lines)
        extra += f"{ranks} ranked labels, "
    elif kind == "vectors":
        problems, max_diff = vectors(a_lines, b_lines)
    elif kind == "nn":
        problems, max_diff = nn(a_lines, b_lines)
    else:
        problems, max_diff = test(a_lines, b_lines)
    status = "ok  " if not problems else "FAIL"
    print(f"{status} {name}: {len(a_lines)} lines, {extra}max |difference| {max_diff:.3g}"
          + (f", {len(problems)} mismatches" if problems else ""))
    fail_list(name, problems)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
