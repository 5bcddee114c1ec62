// The live training-loss chart: uPlot, fed the loss from each progress event against the
// fraction of training done (0..1 across all epochs), so runs with different epoch counts
// share one x axis. The chart resizes with its container for narrow screens.
import uPlot from 'uplot';

export function createLossChart(container) {
  const xs = [];
  const ys = [];
  const width = () => Math.max(240, container.clientWidth);
  const plot = new uPlot({
    width: width(),
    height: 220,
    scales: { x: { time: false, range: [0, 1] } },
    axes: [
      { label: 'fraction of training done', values: (u, splits) => splits.map((v) => `${Math.round(v * 100)}%`) },
      { label: 'loss', size: 60 },
    ],
    series: [
      { label: 'done', value: (u, v) => (v == null ? '–' : `${(v * 100).toFixed(1)}%`) },
      { label: 'loss', stroke: '#3465a4', width: 2, points: { show: false }, value: (u, v) => (v == null ? '–' : v.toFixed(4)) },
    ],
    // A live legend reads "done: – loss: –" until the pointer is over the plot; the
    // readout below states the latest values instead.
    legend: { live: false },
  }, [xs, ys], container);
  const readout = document.createElement('p');
  readout.className = 'note chart-readout';
  readout.textContent = 'No training yet.';
  container.append(readout);
  const observer = new ResizeObserver(() => plot.setSize({ width: width(), height: 220 }));
  observer.observe(container);
  // Progress can come many times a second; redrawing the chart at most every REDRAW_MS
  // keeps the main thread free while training (the last points are drawn by flush()).
  const REDRAW_MS = 1000;
  let timer = null;
  const redraw = () => {
    timer = null;
    plot.setData([xs, ys]);
    if (xs.length) readout.textContent = `Latest: ${(xs.at(-1) * 100).toFixed(0)}% done, loss per word ${ys.at(-1).toPrecision(4)}.`;
  };
  return {
    add(fractionDone, loss) {
      if (!Number.isFinite(loss)) return;
      xs.push(fractionDone);
      ys.push(loss);
      timer ??= setTimeout(redraw, REDRAW_MS);
    },
    /** Draws what add() has buffered now (at the end of training). */
    flush() {
      clearTimeout(timer);
      redraw();
    },
    clear() {
      clearTimeout(timer);
      timer = null;
      xs.length = 0;
      ys.length = 0;
      plot.setData([xs, ys]);
      readout.textContent = 'No training yet.';
    },
    destroy() {
      observer.disconnect();
      plot.destroy();
    },
  };
}
