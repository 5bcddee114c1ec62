// Section 6, "Take it with you": the current vectors as files other tools read (gensim,
// word2vec.c, fastText, the TensorFlow Embedding Projector), and any such file read back
// in to become the vectors the Query section searches. Files are made in the page and
// handed over as Blob URLs; nothing is uploaded anywhere.
import { bytes, codeSnippet, el } from '../../common/dom.js';
import { detectFormat, FORMATS } from './detect_format.js';
import { EXPORT_SNIPPET } from './snippets.js';
import { onVectors, setVectors } from './state.js';

const EXPORTS = [
  // [format, button label, files: (saved) => [[name, bytes, type]]]
  ['word2vec', 'word2vec text', (saved) => [['vectors.txt', saved, 'text/plain']]],
  ['word2vec-binary', 'word2vec binary', (saved) => [['vectors.bin', saved, 'application/octet-stream']]],
  ['tsv', 'Embedding Projector TSV', (saved) => [
    ['vectors.tsv', saved.vectors, 'text/tab-separated-values'],
    ['metadata.tsv', saved.metadata, 'text/tab-separated-values']]],
];

// One Blob URL per file made, kept as a visible link (so it can be downloaded again, or
// with the keyboard) until the next export replaces it.
let madeUrls = [];
function downloadLinks(files) {
  for (const url of madeUrls) URL.revokeObjectURL(url);
  const blobs = files.map(([, data, type]) => new Blob([data], { type }));
  madeUrls = blobs.map((blob) => URL.createObjectURL(blob));
  // blob.size: the TSV files are strings, whose length counts UTF-16 units, not bytes.
  return files.map(([name], i) => el('a', { href: madeUrls[i], download: name, dataset: { testid: `download-${name}` } }, `${name} (${bytes(blobs[i].size)})`));
}

// The Projector keeps words and numbers in two files; tell them apart by name.
function projectorPair(files, contents) {
  if (files.length !== 2) throw new TypeError('choose both files, vectors.tsv and metadata.tsv, together');
  const m = files.findIndex((f) => /metadata|labels|words/i.test(f.name));
  if (m < 0) throw new TypeError('name the word list metadata.tsv, so it can be told from the vectors');
  return { vectors: contents[1 - m], metadata: contents[m] };
}

export function mount(section, { embedwasm }) {
  const exportStatus = el('p', { role: 'status', 'aria-live': 'polite', dataset: { testid: 'export-status' } }, 'Nothing to export yet: train or import vectors first.');
  const exportButtons = EXPORTS.map(([format, label, files]) => {
    const button = el('button', { type: 'button', disabled: true, dataset: { testid: `export-${format}` } }, label);
    button.addEventListener('click', () => {
      try {
        const links = downloadLinks(files(current.vectors.save({ format })));
        exportStatus.replaceChildren('Download: ', ...links.flatMap((a, i) => (i ? [' and ', a] : [a])));
        // One file: start its download right away. Two (the TSV pair) stay links, since
        // browsers hold back a second automatic download from a single click.
        if (links.length === 1) links[0].click();
      } catch (error) {
        exportStatus.textContent = `Export failed: ${error.message}`;
      }
    });
    return button;
  });

  const file = el('input', { type: 'file', id: 'import-file', multiple: true, accept: '.txt,.vec,.bin,.w2v,.tsv,text/plain', dataset: { testid: 'import-file' } });
  const format = el('select', { id: 'import-format', dataset: { testid: 'import-format' } },
    el('option', { value: 'detect' }, 'detect from the file'),
    ...Object.entries(FORMATS).map(([value, label]) => el('option', { value }, label)));
  const importButton = el('button', { type: 'submit', dataset: { testid: 'import-load' } }, 'Load');
  const importStatus = el('p', { role: 'status', 'aria-live': 'polite', dataset: { testid: 'import-status' } });
  const importForm = el('form', { className: 'import-form' },
    el('label', { for: 'import-file' }, 'Vectors file(s)'), file,
    el('label', { for: 'import-format' }, 'Format'), format,
    importButton, importStatus);

  section.append(
    el('p', {}, 'Word vectors are just a word list and a V × D table of floats, so they travel ',
      'between tools in a few plain formats. Export what you trained, or load vectors made ',
      'elsewhere (gensim, word2vec.c, GloVe, fastText) and query them above.'),
    el('h3', {}, 'Export the current vectors'),
    el('div', { className: 'export-buttons' }, ...exportButtons),
    exportStatus,
    el('p', { className: 'hint' }, 'The two TSV files load into the Embedding Projector ',
      '(projector.tensorflow.org: Load, then choose vectors.tsv and metadata.tsv).'),
    el('h3', {}, 'Import vectors'),
    importForm,
    codeSnippet('Export and import with the npm package', EXPORT_SNIPPET),
  );

  let current = null;
  onVectors((c) => {
    current = c;
    for (const b of exportButtons) b.disabled = false;
    exportStatus.textContent = `Ready to export ${c.vectors.size.toLocaleString('en-US')} words, ${c.source}.`;
  });

  importForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const files = [...file.files];
    if (files.length === 0) {
      importStatus.textContent = 'Choose a file first.';
      return;
    }
    const name = files.map((f) => f.name).join(' and ');
    importButton.disabled = true;
    importStatus.textContent = `Reading ${name}…`;
    try {
      const contents = await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
      const fmt = format.value === 'detect' ? detectFormat(files[0].name, contents[0]) : format.value;
      const vectors = embedwasm.KeyedVectors.load(fmt === 'tsv' ? projectorPair(files, contents) : contents[0], { format: fmt });
      await setVectors(vectors, `imported from ${name}`);
      importStatus.textContent = `Loaded ${vectors.size.toLocaleString('en-US')} words from ${name} as ${FORMATS[fmt]}; the Query section now uses them.`;
      section.dataset.imported = name;
    } catch (error) {
      // A malformed file is a parse error with a line number from the package; show it.
      importStatus.textContent = `Could not load ${name}: ${error.message}`;
    } finally {
      importButton.disabled = false;
    }
  });
}
