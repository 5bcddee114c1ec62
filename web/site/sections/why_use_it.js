// Section 2: why use an embedding: first what it means (learned features, neighbours,
// pretrained and frozen tables, ids beyond words), then what it saves against one-hot ·
// Dense (size and work, timed live), then how padded batches are handled.
import { codeSnippet, el } from '../common/dom.js';
import { mountCostTable } from './why/cost_table.js';
import { mountMeaning } from './why/meaning.js';
import { mountPadding } from './why/padding.js';

const PRETRAINED_SNIPPET = `
import { readFile } from 'node:fs/promises';
import { init, KeyedVectors, layers, sequential, train } from 'embedwasm';

await init();
const vectors = KeyedVectors.load(await readFile('glove.6B.50d.txt'), { format: 'glove' });
// The pretrained table as W: row i is the vector of vectors.indexToKey[i].
const pretrained = layers.embedding({
  inputDim: vectors.size, outputDim: vectors.vectorSize,
  weights: [{ data: vectors.getVectors(), shape: [vectors.size, vectors.vectorSize] }],
});
// Fine-tuned: put it in the model, and training moves its rows like any weight.
// Frozen: keep it out of the model that trains, and only look rows up with it.
const features = pretrained.apply(ids);  // ids: (N, T) row numbers -> (N, T, 50), W unchanged
const head = sequential([layers.globalAveragePooling1d(), layers.dense({ units: 1, activation: 'sigmoid' })]);
head.compile({ optimizer: train.adam(0.01), loss: 'binaryCrossentropy' });
head.build([T, vectors.vectorSize]);
await head.fit(features, labels, { epochs: 5 });
`;

const SNIPPET = `
import { init, layers, sequential } from 'embedwasm';

await init();
// Ids padded with 0 to one length; row 0 is padding.
const x = [[1, 2, 3, 4, 1, 5], [6, 7, 8, 0, 0, 0], [9, 0, 0, 0, 0, 0]];
const embedding = layers.embedding({ inputDim: 10, outputDim: 3, maskZero: true, paddingIdx: 0 });
console.log(embedding.computeMask(x).data);  // 1 for words, 0 for padding
const model = sequential([embedding, layers.globalAveragePooling1d()]);
console.log(model.predict(x).data);          // mean over each sentence's own words
const grad = embedding.backward(x, { data: new Float32Array(3 * 6 * 3).fill(1), shape: [3, 6, 3] });
console.log(grad.data.subarray(0, 3));       // padding row: no gradient
model.dispose();
`;

export function mount(section, { embedwasm }) {
  mountMeaning(section);
  section.append(codeSnippet('Load a pretrained table, fine-tune it or freeze it (npm package)', PRETRAINED_SNIPPET));
  section.append(el('h3', {}, 'What it saves: a lookup instead of a product with one-hot vectors'));
  mountCostTable(section, embedwasm);
  mountPadding(section, embedwasm);
  section.append(codeSnippet('Reproduce the padding example with the npm package', SNIPPET));
}
