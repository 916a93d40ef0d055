// echarts (served from its WebJar as window.echarts) behind a few small classes. Tooltips use richText mode,
// so no data is ever rendered as HTML.
export const CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const charts = new Set();
window.addEventListener('resize', () => charts.forEach(c => c.resize()));

export function makeChart(el) {
  const chart = echarts.init(el, null, {renderer: 'canvas'});
  charts.add(chart);
  return chart;
}

export function disposeAll() {
  charts.forEach(c => c.dispose());
  charts.clear();
}

const base = title => ({
  animation: false,
  title: {text: title, left: 'center', textStyle: {fontSize: 13}},
  tooltip: {trigger: 'item', renderMode: 'richText', confine: true},
  grid: {left: 55, right: 20, top: 40, bottom: 40},
});

/** Learning curves: one series per (run, metric); points can be appended live. */
export class CurveChart {
  constructor(el, {title, metrics, percent = false}) {
    this.el = el;
    this.metrics = metrics;
    this.percent = percent;
    this.runs = new Map();      // runId -> Map(epoch -> point)
    this.labels = new Map();    // runId -> label
    this.only = null;           // Set of runIds to show, or null for all
    this.pending = false;
    this.full = true;
    this.dirty = new Set();
    this.chart = makeChart(el);
    this.chart.setOption({
      ...base(title),
      xAxis: {type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 25, minInterval: 1},
      yAxis: {type: 'value', scale: true, axisLabel: percent ? {formatter: v => (v * 100).toFixed(0) + '%'} : {}},
      legend: {show: false},
      series: [],
    });
  }

  /** Replaces everything with server curves: {runId: {epoch:[..], val_acc:[..], ...}}. */
  setCurves(curves, labels = {}) {
    this.runs.clear();
    for (const [runId, cols] of Object.entries(curves)) {
      const points = new Map();
      cols.epoch.forEach((epoch, i) => {
        const p = {epoch};
        for (const m of this.metrics) p[m] = cols[m][i];
        points.set(epoch, p);
      });
      this.runs.set(runId, points);
    }
    Object.entries(labels).forEach(([id, label]) => this.labels.set(id, label));
    this.schedule(null);
  }

  setLabel(runId, label) { this.labels.set(runId, label); }

  /** A live epoch row from the server: only that run's series is sent to echarts again. */
  add(row) {
    const known = this.runs.has(row.runId);
    if (!known) this.runs.set(row.runId, new Map());
    this.runs.get(row.runId).set(row.epoch, row);
    this.el.dataset.receivedAt = String(Date.now());
    this.schedule(known ? row.runId : null);
  }

  show(runIds) {
    this.only = runIds ? new Set(runIds) : null;
    this.schedule(null);
  }

  /** runId: redraw that run's series; null: rebuild every series. One redraw per animation frame. */
  schedule(runId) {
    if (runId === null) this.full = true; else this.dirty.add(runId);
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.render(); });
  }

  visible(runId) {
    return !this.only || this.only.has(runId);
  }

  seriesOf(runId) {
    const sorted = [...this.runs.get(runId).values()].sort((a, b) => a.epoch - b.epoch);
    return this.metrics.map(m => ({
      id: runId + '|' + m, name: (this.labels.get(runId) || runId) + (this.metrics.length > 1 ? ' ' + m : ''),
      type: 'line', showSymbol: sorted.length < 30, symbolSize: 5, sampling: 'lttb',
      lineStyle: {width: 1.5, type: m.startsWith('train') ? 'dashed' : 'solid'},
      data: sorted.map(p => [p.epoch, p[m]]),
    }));
  }

  render() {
    if (this.full) {
      const series = [...this.runs.keys()].filter(id => this.visible(id)).flatMap(id => this.seriesOf(id));
      this.chart.setOption({legend: {show: series.length <= 12, bottom: 0, type: 'scroll'},
        grid: {bottom: series.length <= 12 ? 60 : 40}, series}, {replaceMerge: ['series']});
    } else {
      const series = [...this.dirty].filter(id => this.visible(id)).flatMap(id => this.seriesOf(id));
      if (series.length) this.chart.setOption({series});
    }
    this.full = false;
    this.dirty.clear();
    let total = 0;
    this.runs.forEach((points, id) => { if (this.visible(id)) total += points.size * this.metrics.length; });
    this.el.dataset.points = String(total);
    this.el.dataset.renderedAt = String(Date.now());
  }
}

/** Hyper-parameters vs test accuracy; dims: [{key, categories?}], rows: [[...values, acc]]. */
export function parallelOption(dims, rows, names) {
  return {
    ...base('Hyper-parameters vs test accuracy'),
    parallelAxis: dims.map((d, i) => d.categories
      ? {dim: i, name: d.key, type: 'category', data: d.categories}
      : {dim: i, name: d.key, type: d.log ? 'log' : 'value', scale: true}),
    parallel: {left: 60, right: 80, top: 60, bottom: 30},
    visualMap: {show: true, min: 0, max: 1, dimension: dims.length - 1, right: 0, top: 'middle',
      inRange: {color: ['#d94e5d', '#eac736', '#50a3ba']}, text: ['acc', ''], calculable: false},
    series: [{type: 'parallel', lineStyle: {width: 1.5, opacity: 0.6}, data: rows.map((r, i) => ({name: names[i], value: r}))}],
  };
}

/** Rows = true class, columns = predicted class. */
export function confusionOption(matrix) {
  const data = [];
  let max = 0;
  matrix.forEach((row, t) => row.forEach((count, p) => { data.push([p, t, count]); max = Math.max(max, count); }));
  return {
    ...base('Confusion matrix (rows: true class)'),
    grid: {left: 90, right: 20, top: 40, bottom: 90},
    xAxis: {type: 'category', data: CLASSES, name: 'predicted', nameLocation: 'middle', nameGap: 75, axisLabel: {rotate: 45}},
    yAxis: {type: 'category', data: CLASSES, inverse: true},
    visualMap: {min: 0, max: max || 1, show: false, inRange: {color: ['#f7fbff', '#08306b']}},
    series: [{type: 'heatmap', data, label: {show: true, fontSize: 10}}],
  };
}

export function perClassOption(accuracies) {
  return {
    ...base('Per-class test accuracy'),
    grid: {left: 55, right: 20, top: 40, bottom: 80},
    xAxis: {type: 'category', data: CLASSES, axisLabel: {rotate: 45}},
    yAxis: {type: 'value', min: 0, max: 1, axisLabel: {formatter: v => (v * 100).toFixed(0) + '%'}},
    series: [{type: 'bar', data: accuracies, label: {show: true, position: 'top', fontSize: 10,
      formatter: p => (p.value * 100).toFixed(1)}}],
  };
}
