// The live 2-D PCA picture of the most frequent words: regl-scatterplot draws the points
// (WebGL; in browsers without a GPU it runs on the software rasteriser), and an HTML layer
// on top carries the word labels so they stay crisp, selectable and readable by screen
// readers. Clicking a point calls onPick(word). Without WebGL at all (headless Firefox has
// no GPU and no software WebGL), pca_scatter_2d.js draws the same picture on a 2-D canvas.
import createScatterplot from 'regl-scatterplot';

import { createPcaScatter2d } from './pca_scatter_2d.js';

function webglAvailable() {
  try {
    return document.createElement('canvas').getContext('webgl') !== null;
  } catch {
    return false;
  }
}

export function createPcaScatter(container, { onPick } = {}) {
  if (!webglAvailable()) return createPcaScatter2d(container, { onPick });
  const canvas = document.createElement('canvas');
  canvas.setAttribute('aria-hidden', 'true');  // the labels below carry the content
  const labels = document.createElement('div');
  labels.className = 'pca-labels';
  container.append(canvas, labels);

  const scatterplot = createScatterplot({
    canvas,
    width: 'auto',
    height: 'auto',
    pointSize: 6,
    pointColor: '#3465a4',
    backgroundColor: '#ffffff',
    // Lasso and reticle are for exploring large point clouds; here they only get in the way.
    showReticle: false,
    lassoOnLongPress: false,
    actionKeyMap: {},
  });
  let words = [];
  let previous = null;  // the last coordinates drawn, (n, 2)
  // regl-scatterplot rejects a draw() while the last one (its transition) runs, and
  // snapshots can come faster than that: keep only the newest waiting one.
  let drawing = null;
  let waiting = null;

  function placeLabels() {
    const spans = labels.children;
    for (let i = 0; i < spans.length; ++i) {
      const at = scatterplot.getScreenPosition(i);
      if (!at) continue;
      spans[i].style.transform = `translate(${at[0] + 5}px, ${at[1] - 8}px)`;
    }
  }
  scatterplot.subscribe('view', placeLabels);
  scatterplot.subscribe('drawing', placeLabels);
  scatterplot.subscribe('draw', placeLabels);
  scatterplot.subscribe('select', ({ points }) => {
    if (points.length === 1) onPick?.(words[points[0]]);
  });
  const resize = new ResizeObserver(() => placeLabels());
  resize.observe(container);

  return {
    /** coords: (n, 2) row-major, one row per word, in whatever units PCA gave. */
    show(newWords, coords) {
      waiting = [newWords, coords];
      if (!drawing) {
        drawing = (async () => {
          while (waiting) {
            const next = waiting;
            waiting = null;
            await draw(...next);
          }
          drawing = null;
        })();
      }
      return drawing;
    },
    clear() {
      waiting = null;
      words = [];
      previous = null;
      labels.replaceChildren();
      return (drawing ?? Promise.resolve()).then(() => scatterplot.clear());
    },
    destroy() {
      resize.disconnect();
      scatterplot.destroy();
    },
  };

  async function draw(newWords, coords) {
    const n = newWords.length;
    const xy = Float64Array.from(coords.subarray(0, 2 * n));
    // Principal axes are defined up to sign, so consecutive snapshots may flip; turn each
    // axis to agree with the last picture so that points move rather than mirror.
    const sameWords = previous && words.length === n && words.every((w, i) => w === newWords[i]);
    if (sameWords) {
      for (let axis = 0; axis < 2; ++axis) {
        let agreement = 0;
        for (let i = 0; i < n; ++i) agreement += xy[2 * i + axis] * previous[2 * i + axis];
        if (agreement < 0) for (let i = 0; i < n; ++i) xy[2 * i + axis] = -xy[2 * i + axis];
      }
    }
    // regl-scatterplot draws normalized device coordinates, [-1, 1] on both axes; one
    // scale for both keeps PCA distances true.
    let extent = 1e-12;
    for (const v of xy) extent = Math.max(extent, Math.abs(v));
    const points = [];
    for (let i = 0; i < n; ++i) points.push([0.9 * xy[2 * i] / extent, 0.9 * xy[2 * i + 1] / extent]);
    if (!sameWords) {
      labels.replaceChildren(...newWords.map((w) => {
        const span = document.createElement('span');
        span.textContent = w;
        return span;
      }));
    }
    words = newWords;
    previous = xy;
    await scatterplot.draw(points, { transition: sameWords, transitionDuration: 250 });
    placeLabels();
  }
}
