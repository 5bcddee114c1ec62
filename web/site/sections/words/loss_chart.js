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
    legend: { live: true },
  }, [xs, ys], container);
  const observer = new ResizeObserver(() => plot.setSize({ width: width(), height: 220 }));
  observer.observe(container);
  return {
    add(fractionDone, loss) {
      if (!Number.isFinite(loss)) return;
      xs.push(fractionDone);
      ys.push(loss);
      plot.setData([xs, ys]);
    },
    clear() {
      xs.length = 0;
      ys.length = 0;
      plot.setData([xs, ys]);
    },
    destroy() {
      observer.disconnect();
      plot.destroy();
    },
  };
}
