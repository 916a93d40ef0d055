// Side-by-side comparison of selected runs: their configs diffed and their curves overlaid.
import {CurveChart} from './charts.js';
import {fmtValue, h, replace} from './dom.js';

export class Compare {
  constructor(el) {
    this.el = el;
    this.table = h('table', {class: 'grid compare-table', id: 'compare-table'});
    this.showAll = h('input', {type: 'checkbox', id: 'compare-all', onchange: () => this.renderTable()});
    this.chartEl = h('div', {class: 'chart', id: 'compare-chart'});
    this.runs = [];
  }

  mount(curves, labels) {
    replace(this.el, h('h2', {}, 'Compare selected runs'),
      h('label', {class: 'muted'}, this.showAll, ' show identical options too'), this.table, this.chartEl);
    this.chart = new CurveChart(this.chartEl, {title: 'Accuracy (dashed: train, solid: validation)', metrics: ['train_acc', 'val_acc'], percent: true});
    this.chart.setCurves(curves, labels);
    this.el.hidden = true;
  }

  add(row) {
    if (this.chart) this.chart.add(row);
  }

  show(runs) {
    this.runs = runs;
    this.el.hidden = runs.length < 2;
    if (this.el.hidden) return;
    this.chart.show(runs.map(r => r.id));
    this.chart.chart.resize();
    this.renderTable();
  }

  renderTable() {
    const keys = [...new Set(this.runs.flatMap(r => Object.keys(r.config || {})))];
    const rows = keys.map(k => {
      const values = this.runs.map(r => fmtValue((r.config || {})[k]));
      return {k, values, differs: new Set(values).size > 1};
    }).filter(r => r.differs || this.showAll.checked);
    replace(this.table,
      h('thead', {}, h('tr', {}, h('th', {}, 'option'), this.runs.map(r => h('th', {}, '#' + r.idx)))),
      h('tbody', {}, rows.map(r => h('tr', {class: r.differs ? 'differs' : ''}, h('td', {}, r.k), r.values.map(v => h('td', {}, v))))));
  }
}
