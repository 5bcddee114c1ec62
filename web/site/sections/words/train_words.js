// Section 3, "Train word vectors": word2vec on a real book or your own text, trained by
// the package in a Web Worker so the page stays responsive, with live progress, loss and
// a PCA word map of chosen words moving into place. The result becomes the page's current
// vectors (state.js) for the Query and Take-it-with-you sections.
import { bytes, codeSnippet, el, int } from '../../common/dom.js';
import { fetchGzip } from '../../common/data.js';
import { createWordMap } from '../../common/word_map.js';
import { BUNDLED, prefix } from './corpus.js';
import { createLossChart } from './loss_chart.js';
import { alignAxes, defaultWords, parseWords, pickFrom } from './map_words.js';
import { createTrainForm } from './train_form.js';
import { trainSnippet } from './snippets.js';
import { setVectors } from './state.js';

// The worker projects this many most frequent words; the reader may pick any of them.
const PCA_WORDS = 1000;
// A new picture at most once a second: often enough to watch words move, rarely enough
// that drawing never competes with the page.
const PCA_EVERY_MS = 1000;
// Default words on the map: as many as fit with their labels, fewer on a phone.
const MAP_WORDS = 40;
const MAP_WORDS_NARROW = 22;
const narrow = window.matchMedia('(max-width: 600px)');
const PROGRESS_EVERY_MS = 250;
// A turn of the event loop between pieces of work that follow one another, so that no
// single task holds the page.
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

export function mount(section, { embedwasm, info, dataUrl }) {
  const maxThreads = info.threads ? Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2)) : 1;
  const form = createTrainForm({ maxThreads });
  const start = el('button', { type: 'button', className: 'primary', dataset: { testid: 'train-words-start' } }, 'Train');
  const cancel = el('button', { type: 'button', disabled: true, dataset: { testid: 'train-words-cancel' } }, 'Cancel');
  const bar = el('progress', { max: 1, value: 0, 'aria-label': 'training progress' });
  const status = el('p', { className: 'train-status', role: 'status', 'aria-live': 'polite' }, 'Not trained yet.');
  const chartBox = el('div', { className: 'loss-chart' });
  const scatterBox = el('div', { className: 'pca-scatter', dataset: { testid: 'word-map' } });
  const mapInput = el('input', { type: 'text', id: 'word-map-words', autocomplete: 'off', spellcheck: false, dataset: { testid: 'word-map-words' } });
  const mapShow = el('button', { type: 'button', className: 'small', dataset: { testid: 'word-map-show' } }, 'Show these words');
  const mapDefault = el('button', { type: 'button', className: 'small', dataset: { testid: 'word-map-default' } }, 'Most frequent words');
  const mapNote = el('p', { className: 'note', role: 'status', dataset: { testid: 'word-map-note' } });
  const summary = el('p', { className: 'train-summary' });
  const varianceNote = el('span');
  const snippetBox = el('div');

  section.append(
    el('p', {}, 'word2vec learns a vector for every word by training a tiny network to predict ',
      'words from their neighbours (CBOW) or neighbours from a word (skip-gram). Words used in ',
      'similar contexts end up with similar vectors. The vectors are the rows of an embedding table: ',
      'the same layer as above, trained on text instead of a labelled task.'),
    form.element,
    el('div', { className: 'train-actions' }, start, cancel, bar),
    status,
    el('div', { className: 'train-charts' },
      el('figure', {}, el('figcaption', {}, 'Training loss per word (lower is better)'), chartBox),
      el('figure', {}, el('figcaption', {}, 'Word map: chosen words\' vectors projected on the first two principal components ',
        `of the ${int(PCA_WORDS)} most frequent words' vectors`, varianceNote, '. Click a dot to query it.'), scatterBox,
        el('div', { className: 'word-map-controls' },
          el('label', { for: 'word-map-words' }, 'Words on the map (any of the ', int(PCA_WORDS), ' most frequent)'), mapInput,
          el('div', {}, mapShow, ' ', mapDefault)),
        mapNote)),
    summary,
    snippetBox,
  );
  section.dataset.state = 'idle';

  const chart = createLossChart(chartBox);
  const scatter = createWordMap(scatterBox, {
    onPick: (word) => section.dispatchEvent(new CustomEvent('words:pick', { bubbles: true, detail: { word } })),
  });
  let snapshot = null;   // the latest PCA snapshot {words, projection}
  let chosen = null;     // the reader's words, or null for the default
  function drawMap() {
    if (!snapshot) return;
    const wanted = chosen ?? defaultWords(snapshot.words, narrow.matches ? MAP_WORDS_NARROW : MAP_WORDS);
    const { words, coords, missing } = pickFrom(snapshot, wanted);
    if (!chosen) mapInput.value = wanted.join(' ');
    scatter.show(words, coords);
    mapNote.textContent = missing.length
      ? `Not on the map (not among the ${int(PCA_WORDS)} most frequent words, or not in the vocabulary): ${missing.join(', ')}.`
      : (chosen ? '' : `The ${words.length} most frequent words that are not stopwords (the, of, and…, whose vectors say little).`);
  }
  mapShow.addEventListener('click', () => {
    const words = parseWords(mapInput.value);
    chosen = words.length >= 2 ? words : null;
    if (!chosen) mapNote.textContent = 'Type at least two words.';
    drawMap();
  });
  mapDefault.addEventListener('click', () => { chosen = null; drawMap(); });
  narrow.addEventListener('change', () => { if (!chosen) drawMap(); });
  let controller = null;
  const showSnippet = (settings) => snippetBox.replaceChildren(codeSnippet('The same run with the npm package', trainSnippet(settings)));
  showSnippet(form.read());
  // The snippet follows the form as the reader edits it, not only when training starts.
  const followForm = () => { try { showSnippet(form.read()); } catch { /* an invalid field: keep the last good snippet */ } };
  form.element.addEventListener('input', followForm);
  form.element.addEventListener('change', followForm);

  // A snapshot is drawn in a task of its own, apart from the progress message that brought
  // it. The first picture of a page's first run is the slowest (the map's code not yet
  // compiled, while the worker's engine is being compiled on the other core), and in the
  // message's task, with the bar and the loss chart, it took 56-66 ms in 3 of 8 fresh
  // Chromiums with the CPU slowed 2x; in a task of its own, and with the canvas allocated
  // beforehand (common/word_map.js), no task passed 50 ms in 16. Only the latest snapshot
  // waiting is drawn.
  let pendingPca = null;
  function showPcaSoon(pca) {
    if (pendingPca === null) {
      setTimeout(() => {
        const latest = pendingPca;
        pendingPca = null;
        showPca(latest);
      }, 0);
    }
    pendingPca = pca;
  }

  function showPca({ words, projection, explainedVarianceRatio }) {
    const next = { words, projection };
    alignAxes(snapshot, next);
    snapshot = next;
    drawMap();
    const [a, b] = explainedVarianceRatio.map((r) => `${(r * 100).toFixed(1)}%`);
    varianceNote.textContent = ` (${a} and ${b} of their variance)`;
  }

  async function corpusText({ corpus, file, share }) {
    if (corpus === 'upload') {
      if (!file) throw new Error('choose a .txt file first');
      return prefix(new Uint8Array(await file.arrayBuffer()), share);
    }
    return prefix(await fetchGzip(dataUrl(BUNDLED[corpus].file)), share);
  }

  async function train() {
    let settings;
    try {
      settings = form.read();
    } catch (error) {
      status.textContent = error.message;
      return;
    }
    showSnippet(settings);
    controller = new AbortController();
    form.setDisabled(true);
    cancel.disabled = false;
    // Disabling the focused Train button would drop keyboard focus to the page.
    if (document.activeElement === start) cancel.focus({ preventScroll: true });
    start.disabled = true;
    section.dataset.state = 'loading';
    status.textContent = 'Loading the corpus…';
    bar.value = 0;
    // The controls' new state first, the chart in a task of its own.
    await nextTask();
    chart.clear();
    const losses = [];
    const began = performance.now();
    // The package reports gensim's running loss, a sum since training began; the chart
    // shows its rate, loss per trained word over each progress interval, which falls as
    // the model improves (the sum only ever grows).
    let lastLoss = 0;
    let lastWords = 0;
    try {
      const text = await corpusText(settings);
      section.dataset.state = 'training';
      status.textContent = `Building the vocabulary of ${bytes(text.length)} of text…`;
      const result = await embedwasm.trainWord2VecInWorker(settings.options, text, {
        signal: controller.signal,
        pca: { count: PCA_WORDS, every: PCA_EVERY_MS },
        // Four reports a second are plenty for a progress line, and each one costs the
        // page a layout and paint.
        progressEvery: PROGRESS_EVERY_MS,
        onProgress: (p) => {
          bar.value = p.fractionDone;
          const trained = p.effectiveWords - lastWords;
          const perWord = trained > 0 ? (p.loss - lastLoss) / trained : NaN;
          lastLoss = p.loss;
          lastWords = p.effectiveWords;
          if (Number.isFinite(perWord)) {
            losses.push(perWord);
            chart.add(p.fractionDone, perWord);
          }
          status.textContent = `Epoch ${p.epoch + 1} of ${p.epochs}: ${int(p.wordsProcessed)} words read, ` +
            `${int(p.wordsPerSecond)} words/s, loss per word ${Number.isFinite(perWord) ? perWord.toFixed(3) : '–'}.`;
          if (p.pca) showPcaSoon(p.pca);
        },
      });
      // Training is over; what follows (the final picture, the vectors for the other
      // sections) runs in tasks of its own.
      section.dataset.state = 'finishing';
      if (result.pca) showPcaSoon(result.pca);
      await nextTask();
      const vectors = result.toKeyedVectors();
      await nextTask();
      const seconds = (performance.now() - began) / 1000;
      await setVectors(vectors, `trained on ${settings.corpus === 'upload' ? settings.file.name : BUNDLED[settings.corpus].label}`,
        { minCount: settings.options.minCount });
      bar.value = result.cancelled ? bar.value : 1;
      // Plain words; the header's title says why a page may have only one thread.
      const threads = `${result.threadsUsed} thread${result.threadsUsed > 1 ? 's' : ''}` +
        (info.threads ? '' : ' (the only one this page allows)');
      status.textContent = result.cancelled
        ? `Cancelled after ${seconds.toFixed(1)} s with ${threads}. The vectors reached so far are usable: try them below.`
        : `Trained in ${seconds.toFixed(1)} s with ${threads}, ${int(result.wordsPerSecond)} words/s.`;
      status.dataset.threads = String(result.threadsUsed);
      summary.textContent = `${int(result.words.length)} words × ${result.dim} dimensions` +
        (losses.length >= 2 ? `; loss went from ${losses[0].toFixed(4)} to ${losses.at(-1).toFixed(4)}.` : '.');
      status.dataset.firstLoss = String(losses[0] ?? '');
      status.dataset.lastLoss = String(losses.at(-1) ?? '');
      section.dataset.state = result.cancelled ? 'cancelled' : 'trained';
    } catch (error) {
      if (controller.signal.aborted) {
        // Cancelled while the corpus was still loading: nothing was trained.
        section.dataset.state = 'idle';
        status.textContent = 'Cancelled before training began.';
      } else {
        section.dataset.state = 'error';
        // Shown in place: a bad upload (say, too few words for minCount) is the reader's to fix.
        status.textContent = `Training failed: ${error.message}`;
      }
    } finally {
      chart.flush();
      controller = null;
      form.setDisabled(false);
      start.disabled = false;
      // Keyboard users pressed Cancel (or Train): keep their focus on a live button.
      const focusWasHere = document.activeElement === cancel || document.activeElement === document.body;
      cancel.disabled = true;
      if (focusWasHere) start.focus({ preventScroll: true });
    }
  }

  start.addEventListener('click', train);
  cancel.addEventListener('click', () => {
    controller?.abort();
    status.textContent = 'Cancelling after the current chunk…';
  });
}
