// A word map: words at 2-D coordinates (a PCA picture, or any two axes), drawn on a 2-D
// canvas with HTML labels on top (crisp, selectable, read by screen readers) placed by
// common/label_layout.js so each stays beside its dot and none overlap.
//
// Why a 2-D canvas and not WebGL: a few dozen dots cost well under a millisecond this
// way, while a WebGL scatter plot copied into the page with drawImage took up to 383 ms
// per frame on software rendering (a laptop without GPU acceleration), which froze the page
// during training. It also works where WebGL is missing (headless Firefox).
import { placeLabels } from './label_layout.js';

const DOT_RADIUS = 3;
const LABEL_FONT = '12px system-ui, sans-serif';  // the .pca-labels span font in style.css
const LABEL_HEIGHT = 15;

export function createWordMap(container, { onPick, equalAxes = true } = {}) {
  const canvas = document.createElement('canvas');
  canvas.setAttribute('aria-hidden', 'true');  // the labels carry the content
  const labels = document.createElement('div');
  labels.className = 'pca-labels';
  container.append(canvas, labels);
  const context = canvas.getContext('2d');
  const measure = document.createElement('canvas').getContext('2d');
  measure.font = LABEL_FONT;
  // The first measurement loads the font: pay for it now, not in the first picture.
  measure.measureText('word');

  let words = [];
  let xy = null;     // (n, 2) PCA coordinates of `words`
  let screen = [];   // [x, y] in CSS pixels per word
  let colors = null;  // a colour per word, or one colour for all

  // The size comes from the ResizeObserver, not from measuring in paint(): a measurement
  // would force a layout of the whole page on every redraw during training.
  let width = 0;
  let height = 0;
  // The canvas at the picture's size, white. Also done as soon as the picture is laid
  // out, before there is anything to show: the first fill allocates the canvas's pixels
  // (1-16 ms in Chromium with the CPU slowed 2x), which is better spent then than in the
  // first picture of a training run.
  function blank() {
    const ratio = window.devicePixelRatio || 1;
    const [w, h] = [Math.max(1, Math.round(width * ratio)), Math.max(1, Math.round(height * ratio))];
    // Assigning the size reallocates the canvas even when unchanged.
    if (canvas.width !== w || canvas.height !== h) [canvas.width, canvas.height] = [w, h];
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
  }

  function paint() {
    if (!width || !height) return;  // not laid out yet: the observer paints when it is
    blank();
    const n = words.length;
    // One scale for both axes keeps PCA distances true; axes of different meaning may
    // each fill the picture (equalAxes: false). The margin leaves room for labels.
    const extent = [1e-12, 1e-12];
    for (let i = 0; i < 2 * n; ++i) extent[i % 2] = Math.max(extent[i % 2], Math.abs(xy[i]));
    if (equalAxes) extent[0] = extent[1] = Math.max(...extent);
    const margin = 12;
    let sx = (width / 2 - margin) / extent[0];
    let sy = (height / 2 - margin) / extent[1];
    if (equalAxes) sx = sy = Math.min(sx, sy);
    screen = words.map((_, i) => [width / 2 + sx * xy[2 * i], height / 2 - sy * xy[2 * i + 1]]);
    screen.forEach(([x, y], i) => {
      context.fillStyle = colors?.[i] ?? '#3465a4';
      context.beginPath();
      context.arc(x, y, DOT_RADIUS, 0, 2 * Math.PI);
      context.fill();
    });
    const widths = words.map((w) => Math.ceil(measure.measureText(w).width) + 2);
    const spots = placeLabels(words.map((w, i) => ({
      x: screen[i][0], y: screen[i][1], width: widths[i], height: LABEL_HEIGHT,
    })), { width, height, radius: DOT_RADIUS });
    spots.forEach((spot, i) => {
      const span = labels.children[i];
      span.hidden = spot === null;
      if (spot) {
        // The box placed is the box drawn: its measured width, the text against the dot.
        span.style.width = `${widths[i]}px`;
        span.style.textAlign = spot.left < screen[i][0] ? 'right' : 'left';
        span.style.transform = `translate(${spot.left}px, ${spot.top}px)`;
      }
      span.dataset.x = String(screen[i][0]);
      span.dataset.y = String(screen[i][1]);
    });
    container.dataset.drawn = String(Number(container.dataset.drawn ?? 0) + 1);
  }

  canvas.addEventListener('click', (event) => {
    const box = canvas.getBoundingClientRect();
    const [x, y] = [event.clientX - box.left, event.clientY - box.top];
    let best = -1;
    let bestDistance = 8 * 8;  // within 8 px of a dot
    screen.forEach(([px, py], i) => {
      const d = (px - x) ** 2 + (py - y) ** 2;
      if (d < bestDistance) [best, bestDistance] = [i, d];
    });
    if (best >= 0) onPick?.(words[best]);
  });
  const resize = new ResizeObserver(([entry]) => {
    ({ width, height } = entry.contentRect);
    if (xy) paint();
    else if (width && height) blank();
  });
  resize.observe(container);

  return {
    /** coords: (n, 2) row-major coordinates, one row per word; colours: a CSS colour per word. */
    show(newWords, coords, { colors: newColors } = {}) {
      colors = newColors ?? null;
      const sameWords = words.length === newWords.length && words.every((w, i) => w === newWords[i]);
      if (!sameWords) {
        labels.replaceChildren(...newWords.map((w, i) => {
          const span = document.createElement('span');
          span.textContent = w;
          if (colors) span.style.color = colors[i];
          return span;
        }));
      }
      words = newWords;
      xy = Float64Array.from(coords.subarray(0, 2 * newWords.length));
      paint();
    },
    clear() {
      words = [];
      xy = null;
      screen = [];
      labels.replaceChildren();
      context.clearRect(0, 0, canvas.width, canvas.height);
    },
    destroy() {
      resize.disconnect();
    },
  };
}
