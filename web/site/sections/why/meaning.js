// Why an embedding at all, before any talk of cost: a learned dense vector per id, in
// which ids that behave alike end up close (shown on whatever vectors the page holds, from
// section 3 or 6), tables that come pretrained and can be frozen, and ids that are not
// words at all.
import { el, num } from '../../common/dom.js';
import { onVectors } from '../words/state.js';

// Words to show neighbours for, when the current vocabulary has them.
const PROBES = ['whale', 'ship', 'captain', 'sea', 'war', 'congress', 'tax', 'peace', 'she', 'three'];

export function mountMeaning(section) {
  const neighbours = el('div', { className: 'meaning-neighbours', dataset: { testid: 'why-neighbours' } },
    el('p', { className: 'note' }, 'Train word vectors in ',
      el('a', { href: '#train-words' }, 'section 3'), ' (Moby-Dick takes a few seconds) or import a file in ',
      el('a', { href: '#take-it-with-you' }, 'section 6'), ', and the nearest rows of that table appear here.'));
  section.append(
    el('h3', {}, 'What you get: a learned feature vector for every id'),
    el('ul', { className: 'reasons' },
      el('li', {}, el('strong', {}, 'Dense, learned features. '),
        'One-hot gives every id its own axis, all equally far apart: id 7 tells the model nothing about id 8. ',
        'An embedding gives each id output_dim numbers that training tunes for the task, so what the model ',
        'learns from one id carries over to ids with similar rows.'),
      el('li', {}, el('strong', {}, 'Similar ids end up close. '),
        'Nothing tells the table which ids are alike; ids that play the same part in the data get pushed the ',
        'same way by the gradient, so their rows drift together. Cosine similarity between rows then measures ',
        'relatedness, which is what the Query section (4) searches.'),
      el('li', {}, el('strong', {}, 'Pretrained and frozen tables. '),
        'A table trained once on a lot of text (word2vec, GloVe, fastText) can be loaded as W ',
        '(layers.embedding({weights: [W]}), Keras\'s weights=, Lasagne\'s W=) and either fine-tuned or frozen: ',
        'used only to look rows up while the layers after it train, which is what to do with little labelled data.'),
      el('li', {}, el('strong', {}, 'Any categorical id, not only words. '),
        'Users, products, postcodes, hours of the week, diagnosis codes: any id from a fixed set can index a table. ',
        'A recommender learns one table for users and one for products and scores a pair by the dot product ',
        'of their rows.')),
    el('p', {}, 'Nearest rows in the table the page holds now (cosine similarity, 1 = same direction):'),
    neighbours,
  );

  onVectors(({ vectors, source }) => {
    const probes = PROBES.filter((w) => vectors.has(w)).slice(0, 4);
    const keys = probes.length ? probes : vectors.keys().slice(20, 24);
    const rows = keys.map((word) => {
      const near = vectors.mostSimilar({ positive: [word], topn: 4 });
      return el('li', { dataset: { word, near: JSON.stringify(near.map(([w]) => w)) } },
        el('strong', {}, word), ' → ', near.map(([w, s]) => `${w} (${num(s)})`).join(', '));
    });
    neighbours.replaceChildren(
      el('p', { className: 'note' }, `Vectors ${source}: ${vectors.size.toLocaleString('en-US')} words × ${vectors.vectorSize} dimensions.`),
      el('ul', {}, ...rows));
  });
}
