// The PCA picture on a 2-D canvas, for browsers without WebGL (headless Firefox has no
// GPU and no software WebGL): the same interface as pca_scatter.js, without its animated
// transitions. Points and the HTML word labels are placed from the same coordinates;
// clicking near a point calls onPick(word).
export function createPcaScatter2d(container, { onPick } = {}) {
  const canvas = document.createElement('canvas');
  canvas.setAttribute('aria-hidden', 'true');  // the labels below carry the content
  const labels = document.createElement('div');
  labels.className = 'pca-labels';
  container.append(canvas, labels);
  const context = canvas.getContext('2d');

  let words = [];
  let previous = null;  // the last coordinates drawn, (n, 2)
  let screen = [];      // [x, y] in CSS pixels per word

  function paint() {
    const { width, height } = container.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(width * ratio));
    canvas.height = Math.max(1, Math.round(height * ratio));
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.fillStyle = '#3465a4';
    const n = words.length;
    // One scale for both axes keeps PCA distances true (as pca_scatter.js).
    let extent = 1e-12;
    for (let i = 0; i < 2 * n; ++i) extent = Math.max(extent, Math.abs(previous[i]));
    const half = Math.min(width, height) / 2;
    screen = [];
    for (let i = 0; i < n; ++i) {
      const x = width / 2 + 0.9 * half * previous[2 * i] / extent;
      const y = height / 2 - 0.9 * half * previous[2 * i + 1] / extent;
      screen.push([x, y]);
      context.beginPath();
      context.arc(x, y, 3, 0, 2 * Math.PI);
      context.fill();
      labels.children[i]?.style.setProperty('transform', `translate(${x + 5}px, ${y - 8}px)`);
    }
  }

  canvas.addEventListener('click', (event) => {
    const box = canvas.getBoundingClientRect();
    const [x, y] = [event.clientX - box.left, event.clientY - box.top];
    let best = -1;
    let bestDistance = 8 * 8;  // within 8 px of a point
    screen.forEach(([px, py], i) => {
      const d = (px - x) ** 2 + (py - y) ** 2;
      if (d < bestDistance) [best, bestDistance] = [i, d];
    });
    if (best >= 0) onPick?.(words[best]);
  });
  const resize = new ResizeObserver(() => { if (previous) paint(); });
  resize.observe(container);

  return {
    /** coords: (n, 2) row-major, one row per word, in whatever units PCA gave. */
    show(newWords, coords) {
      const n = newWords.length;
      const xy = Float64Array.from(coords.subarray(0, 2 * n));
      // Principal axes are defined up to sign: keep each axis turned as in the last picture.
      const sameWords = previous && words.length === n && words.every((w, i) => w === newWords[i]);
      if (sameWords) {
        for (let axis = 0; axis < 2; ++axis) {
          let agreement = 0;
          for (let i = 0; i < n; ++i) agreement += xy[2 * i + axis] * previous[2 * i + axis];
          if (agreement < 0) for (let i = 0; i < n; ++i) xy[2 * i + axis] = -xy[2 * i + axis];
        }
      } else {
        labels.replaceChildren(...newWords.map((w) => {
          const span = document.createElement('span');
          span.textContent = w;
          return span;
        }));
      }
      words = newWords;
      previous = xy;
      paint();
      return Promise.resolve();
    },
    clear() {
      words = [];
      previous = null;
      screen = [];
      labels.replaceChildren();
      context.clearRect(0, 0, canvas.width, canvas.height);
      return Promise.resolve();
    },
    destroy() {
      resize.disconnect();
    },
  };
}
