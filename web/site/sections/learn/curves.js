// Train and validation curves per epoch with uPlot: one chart for loss, one for accuracy.
// Charts follow their container's width so they fit a phone screen.
import uPlot from 'uplot';

const COLORS = { train: '#1f6fb2', val: '#d9541e' };

function makeChart(container, title, yLabel, range) {
  const width = () => Math.max(260, container.clientWidth);
  const plot = new uPlot({
    title,
    width: width(),
    height: 220,
    scales: { x: { time: false }, y: range ? { range } : {} },
    axes: [{ label: 'epoch' }, { label: yLabel }],
    // A live legend shows "epoch: -- train: --" until the pointer is over the plot; the
    // series names are enough here, and the status line states the latest values.
    legend: { live: false },
    series: [
      { label: 'epoch' },
      { label: 'train', stroke: COLORS.train, width: 2, points: { show: true } },
      { label: 'validation', stroke: COLORS.val, width: 2, dash: [6, 4], points: { show: true } },
    ],
  }, [[], [], []], container);
  new ResizeObserver(() => plot.setSize({ width: width(), height: 220 })).observe(container);
  return plot;
}

export class Curves {
  constructor(container) {
    this.lossBox = document.createElement('div');
    this.accBox = document.createElement('div');
    this.lossBox.className = 'chart';
    this.accBox.className = 'chart';
    container.append(this.lossBox, this.accBox);
    this.loss = makeChart(this.lossBox, 'Loss (binary cross-entropy)', 'loss', null);
    this.acc = makeChart(this.accBox, 'Accuracy', 'accuracy', (u, min, max) => [Math.min(min, 0.6), 1]);
    this.reset();
  }

  reset() {
    this.rows = { epoch: [], loss: [], val_loss: [], accuracy: [], val_accuracy: [] };
    this.draw();
  }

  /** logs of one epoch as fit() reports them (loss, accuracy, val_loss, val_accuracy). */
  add(epoch, logs) {
    this.rows.epoch.push(epoch + 1);
    for (const key of ['loss', 'val_loss', 'accuracy', 'val_accuracy']) this.rows[key].push(logs[key] ?? null);
    this.draw();
  }

  draw() {
    const r = this.rows;
    this.loss.setData([r.epoch, r.loss, r.val_loss]);
    this.acc.setData([r.epoch, r.accuracy, r.val_accuracy]);
  }
}
