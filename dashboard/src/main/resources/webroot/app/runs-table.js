// The sweep's runs table: sortable by any column, filterable by expressions such as
// "optimizer=adam test_acc>0.85 lr<=0.001", rows selectable for comparison.
import {fmtValue, h, num, pct, replace, stateBadge} from './dom.js';

const METRICS = [
  {key: 'last_epoch', label: 'epoch', fmt: v => (v ?? '–')},
  {key: 'val_acc', label: 'val acc', fmt: pct},
  {key: 'val_loss', label: 'val loss', fmt: v => num(v)},
  {key: 'best_val_acc', label: 'best val acc', fmt: pct},
  {key: 'test_acc', label: 'test acc', fmt: pct},
];
const TERM = /^([A-Za-z_]+)(>=|<=|!=|=|>|<)(.+)$/;

export class RunsTable {
  constructor(el, {onSelect}) {
    this.el = el;
    this.onSelect = onSelect;
    this.runs = [];
    this.keys = [];
    this.sort = {key: 'idx', dir: 1};
    this.filter = '';
    this.selected = new Set();
  }

  set(runs, keys) {
    this.runs = runs;
    this.keys = keys;
    this.render();
  }

  value(run, key) {
    if (key === 'idx' || key === 'state' || METRICS.some(m => m.key === key)) return run[key];
    return run.config ? run.config[key] : undefined;
  }

  matches(run) {
    const terms = this.filter.trim().split(/\s+/).filter(Boolean);
    return terms.every(term => {
      const m = term.match(TERM);
      if (!m) {
        const needle = term.toLowerCase();
        return [run.id, run.state, ...this.keys.map(k => fmtValue(this.value(run, k)))]
          .some(v => String(v).toLowerCase().includes(needle));
      }
      const [, key, op, want] = m;
      const have = this.value(run, key);
      if (have === undefined || have === null) return false;
      const a = typeof have === 'number' ? have : fmtValue(have);
      const b = typeof have === 'number' ? Number(want) : want;
      switch (op) {
        case '=': return String(a) === String(b) || a === b;
        case '!=': return String(a) !== String(b);
        case '>': return a > b;
        case '<': return a < b;
        case '>=': return a >= b;
        default: return a <= b;
      }
    });
  }

  visibleRuns() {
    const {key, dir} = this.sort;
    const cmp = (x, y) => {
      const a = this.value(x, key);
      const b = this.value(y, key);
      if (a === b) return 0;
      if (a === undefined || a === null) return 1;
      if (b === undefined || b === null) return -1;
      return (typeof a === 'number' && typeof b === 'number' ? a - b : String(fmtValue(a)).localeCompare(String(fmtValue(b)))) * dir;
    };
    return this.runs.filter(r => this.matches(r)).sort(cmp);
  }

  render() {
    const columns = [{key: 'idx', label: '#'}, {key: 'state', label: 'state'},
      ...this.keys.map(k => ({key: k, label: k})), ...METRICS];
    const head = h('tr', {}, h('th', {}, ''), columns.map(c => h('th', {
      class: 'sortable' + (this.sort.key === c.key ? (this.sort.dir > 0 ? ' asc' : ' desc') : ''),
      dataset: {sort: c.key},
      onclick: () => {
        this.sort = {key: c.key, dir: this.sort.key === c.key ? -this.sort.dir : (METRICS.includes(c) ? -1 : 1)};
        this.render();
      },
    }, c.label)));
    const visible = this.visibleRuns();
    const body = visible.map(run => h('tr', {dataset: {runId: run.id}, class: this.selected.has(run.id) ? 'selected' : ''},
      h('td', {}, h('input', {type: 'checkbox', class: 'select-run', checked: this.selected.has(run.id), 'aria-label': 'compare run ' + run.idx,
        onchange: ev => {
          if (ev.target.checked) this.selected.add(run.id); else this.selected.delete(run.id);
          ev.target.closest('tr').classList.toggle('selected', ev.target.checked);
          this.onSelect([...this.selected]);
        }})),
      h('td', {}, h('a', {href: '#/runs/' + encodeURIComponent(run.id), class: 'run-link'}, '#' + run.idx)),
      h('td', {}, stateBadge(run.state)),
      this.keys.map(k => h('td', {}, fmtValue(this.value(run, k)))),
      METRICS.map(m => h('td', {class: 'num'}, m.fmt(run[m.key])))));
    replace(this.el,
      h('thead', {}, head),
      h('tbody', {}, body.length ? body : h('tr', {}, h('td', {colspan: columns.length + 1, class: 'empty'}, 'No run matches the filter.'))));
  }
}
