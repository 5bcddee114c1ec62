// Section 2: why a lookup instead of one-hot · Dense (size and work, timed live), and how
// padded batches are handled (maskZero, paddingIdx).
import { codeSnippet } from '../common/dom.js';
import { mountCostTable } from './why/cost_table.js';
import { mountPadding } from './why/padding.js';

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
  mountCostTable(section, embedwasm);
  mountPadding(section, embedwasm);
  section.append(codeSnippet('Reproduce the padding example with the npm package', SNIPPET));
}
