// Section 4, "Query the vectors": nearest neighbours, analogies, similarity and the odd
// one out, over whatever vectors state.js holds (trained above or imported below). Every
// result word is a button that asks for its own neighbours, so a reader can walk the space.
// A word the vectors do not have is answered in place with why (the minimum count), and
// the snippet shows the reader's own last queries.
import { codeSnippet, el } from '../../common/dom.js';
import { querySnippet } from './snippets.js';
import { onVectors } from './state.js';

/** A query the reader can fix: shown as is, not as the package's message. */
class QueryError extends Error {}

// Words to start from when they are in the vocabulary.
const STARTERS = ['whale', 'ship', 'sea', 'government', 'war', 'congress', 'man'];

function queryForm(name, title, fields, buttonLabel) {
  const inputs = fields.map(([key, label]) => el('input', { type: 'text', id: `query-${name}-${key}`, name: key, autocomplete: 'off', spellcheck: false, 'aria-label': label }));
  const output = el('div', { className: 'query-output', role: 'status', 'aria-live': 'polite', dataset: { testid: `query-${name}-output` } });
  const form = el('form', { className: 'query-form', dataset: { testid: `query-${name}` } },
    el('h3', {}, title),
    el('div', { className: 'query-inputs' }, ...inputs.flatMap((input, i) => [el('label', { for: input.id }, fields[i][1]), input])),
    el('button', { type: 'submit' }, buttonLabel),
    output);
  return { form, inputs, output };
}

function similarityText(value) {
  return value.toFixed(4);
}

export function mount(section) {
  const source = el('p', { className: 'query-source', dataset: { testid: 'query-source' } },
    'No vectors yet: train some in section 3 or import a file in section 6.');
  const neighbours = queryForm('neighbours', 'Nearest neighbours', [['word', 'Word']], 'Find');
  const analogy = queryForm('analogy', 'Analogy: a − b + c', [['a', 'a'], ['b', 'minus b'], ['c', 'plus c']], 'Solve');
  const similarity = queryForm('similarity', 'Similarity', [['a', 'Word'], ['b', 'and word']], 'Compare');
  const oddOne = queryForm('doesnt-match', 'Which does not match?', [['words', 'Words']], 'Pick');
  oddOne.inputs[0].placeholder = 'separated by spaces';
  const snippetBox = el('div');
  section.append(
    el('p', {}, 'Closeness here is the cosine of the angle between two word vectors: 1 for the same ',
      'direction, 0 for unrelated. An analogy adds and subtracts vectors and looks for the word ',
      'nearest to the result, leaving out the words asked about. Analogies such as king − man + woman ',
      'need far more text than one book (word2vec was shown on billions of words): on Moby-Dick expect ',
      'neighbours to make sense and analogies to miss, or import GloVe vectors in section 6. ',
      'Click any result word to see its neighbours.'),
    source,
    el('div', { className: 'query-grid' }, neighbours.form, analogy.form, similarity.form, oddOne.form),
    snippetBox,
  );
  let vectors = null;
  let minCount;

  const run = (form, fn) => form.form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!vectors) {
      form.output.replaceChildren(el('p', { className: 'error' }, 'Train or import vectors first.'));
      return;
    }
    const values = form.inputs.map((i) => i.value.trim());
    if (values.includes('')) {
      form.output.replaceChildren(el('p', { className: 'error' }, 'Type a word in every box.'));
      return;
    }
    try {
      form.output.replaceChildren(fn(...values));
      showSnippet();
    } catch (error) {
      // Unknown words and too few words are caught first as QueryError; anything else the
      // package rejects (a RangeError or TypeError naming the problem) is shown as it says.
      form.output.replaceChildren(el('p', { className: 'error' }, error.message));
    }
  });

  // Every word known, or a QueryError that says why one is not.
  function known(...list) {
    const missing = list.filter((word) => !vectors.has(word));
    if (!missing.length) return;
    const names = missing.map((m) => `"${m}"`).join(', ');
    const why = minCount !== undefined
      ? `Training keeps only words seen at least ${minCount} times (Minimum count, section 3), so rare words, and words this text never uses, get no vector.`
      : `These vectors have ${vectors.size.toLocaleString('en-US')} words; a file only holds the words it was trained with.`;
    throw new QueryError(`${names} ${missing.length > 1 ? 'are' : 'is'} not in the vocabulary. ${why}`);
  }

  function wordButton(word) {
    const b = el('button', { type: 'button', className: 'word', dataset: { word } }, word);
    b.addEventListener('click', () => showNeighbours(word, { focus: true }));
    return b;
  }

  function rankedList(pairs) {
    return el('ol', { className: 'ranked' }, ...pairs.map(([word, sim]) =>
      el('li', { dataset: { similarity: String(sim) } }, wordButton(word), ' ', el('span', { className: 'sim' }, similarityText(sim)))));
  }

  // Trained vocabularies are lower-cased but imported ones may not be: take the word as
  // typed when it is known, else its lower case; an unknown word then gets the package's
  // RangeError, which names it.
  const w = (word) => (vectors.has(word) || !vectors.has(word.toLowerCase()) ? word : word.toLowerCase());
  const words = (text) => text.split(/[\s,]+/).filter(Boolean).map(w);
  const last = {};
  run(neighbours, (word) => {
    known(w(word));
    last.word = w(word);
    return rankedList(vectors.mostSimilar({ positive: [w(word)], topn: 10 }));
  });
  run(analogy, (a, b, c) => {
    known(w(a), w(b), w(c));
    last.analogy = [w(a), w(b), w(c)];
    return rankedList(vectors.mostSimilar({ positive: [w(a), w(c)], negative: [w(b)], topn: 5 }));
  });
  run(similarity, (a, b) => {
    known(w(a), w(b));
    last.pair = [w(a), w(b)];
    return el('p', {}, `cos(${w(a)}, ${w(b)}) = `, el('output', {}, similarityText(vectors.similarity(w(a), w(b)))));
  });
  run(oddOne, (text) => {
    const list = words(text);
    if (list.length < 3) throw new QueryError(`Give at least 3 words (got ${list.length}): the odd one out is the word least like the others, so it needs others to compare.`);
    known(...list);
    last.odd = list;
    return el('p', {}, 'Odd one out: ', wordButton(vectors.doesntMatch(list)));
  });
  function showSnippet() {
    if (!last.word || !last.analogy || !last.pair || !last.odd) return;
    snippetBox.replaceChildren(codeSnippet('These queries with the npm package (your last ones)', querySnippet(last)));
  }

  function showNeighbours(word, { focus = false } = {}) {
    neighbours.inputs[0].value = word;
    neighbours.form.requestSubmit();
    if (focus) neighbours.inputs[0].focus();
  }
  // A word clicked in the training section's PCA picture.
  document.addEventListener('words:pick', (event) => showNeighbours(event.detail.word));

  onVectors((current) => {
    vectors = current.vectors;
    minCount = current.minCount;
    const keys = vectors.keys();  // a copy, ordered most frequent first
    source.textContent = `Querying ${vectors.size.toLocaleString('en-US')} words × ${vectors.vectorSize} dimensions, ${current.source}.`;
    // Starting points taken from this vocabulary, so the first results are never errors.
    // The most frequent of them: 'whale' for Moby-Dick, 'government' for the addresses.
    const known = STARTERS.filter((w) => vectors.has(w)).sort((a, b) => vectors.indexOf(a) - vectors.indexOf(b));
    const pick = (i) => known[i] ?? keys[Math.min(keys.length - 1, 50 + i)];
    analogy.inputs.forEach((input, i) => { input.value = ['king', 'man', 'woman'].every((w) => vectors.has(w)) ? ['king', 'man', 'woman'][i] : pick(i); });
    similarity.inputs[0].value = pick(0);
    similarity.inputs[1].value = pick(1);
    oddOne.inputs[0].value = [pick(0), pick(1), pick(2), keys[Math.min(keys.length - 1, 5)]].join(' ');
    // Answer all four at once, so the section shows these vectors' results straight away.
    for (const form of [analogy, similarity, oddOne]) form.form.requestSubmit();
    showNeighbours(pick(0));
  });
}
