// Where to put each point's label so that labels stay next to their points, never overlap
// each other or another point's dot, and stay inside the picture. Greedy: points in the
// order given (most important first) try a few spots around their dot; a label with no
// free spot is left out rather than drawn over another (the point stays, and a reader can
// still pick it). n points cost O(n^2) rectangle tests, nothing for the few hundred here.

/**
 * @param {Array<{x: number, y: number, width: number, height: number}>} items a dot's
 *   centre and its label's size, in CSS pixels
 * @param {{width: number, height: number, radius?: number, gap?: number}} box the picture
 * @returns {Array<{left: number, top: number} | null>} each label's top-left corner, or
 *   null when it has no free place
 */
export function placeLabels(items, { width, height, radius = 3, gap = 2 }) {
  const placed = [];
  // Every dot is an obstacle, so a label never hides another word's point.
  const dots = items.map(({ x, y }) => ({ left: x - radius, top: y - radius, right: x + radius, bottom: y + radius }));
  return items.map(({ x, y, width: w, height: h }, i) => {
    const r = radius + gap;
    const spots = [
      [x + r, y - h / 2], [x - r - w, y - h / 2],   // right, left
      [x - w / 2, y - r - h], [x - w / 2, y + r],   // above, below
      [x + r - 1, y - h], [x + r - 1, y],           // above right, below right
      [x - r - w + 1, y - h], [x - r - w + 1, y],   // above left, below left
    ];
    for (const [left, top] of spots) {
      const rect = { left, top, right: left + w, bottom: top + h };
      if (rect.left < 0 || rect.top < 0 || rect.right > width || rect.bottom > height) continue;
      if (placed.some((other) => overlaps(rect, other))) continue;
      if (dots.some((dot, j) => j !== i && overlaps(rect, dot))) continue;
      placed.push(rect);
      return { left, top };
    }
    return null;
  });
}

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
