// Sweep detail: summary, live curves of every run, hyper-parameters vs accuracy, runs table, comparison.
import {actionButton, getJson} from '../api.js';
import {CurveChart, makeChart, parallelOption} from '../charts.js';
import {Compare} from '../compare.js';
import {duration, fmtValue, h, pct, progressBar, replace, stateBadge} from '../dom.js';
import {openStream, throttle} from '../live.js';
import {RunsTable} from '../runs-table.js';

const LOG_KEYS = new Set(['lr', 'weight_decay', 'gan_lr']);

export async function sweepPage(view, id) {
  const stream = openStream({sweep: id});
  await stream.opened;
  const [sweep, curves] = await Promise.all([
    getJson('/api/sweeps/' + encodeURIComponent(id)),
    getJson('/api/sweeps/' + encodeURIComponent(id) + '/curves')]);
  const summary = h('section', {class: 'summary'});
  const lossEl = h('div', {class: 'chart', id: 'loss-chart'});
  const accEl = h('div', {class: 'chart', id: 'acc-chart'});
  const parEl = h('div', {class: 'chart wide', id: 'parallel-chart'});
  const tableEl = h('table', {class: 'grid', id: 'runs-table'});
  const compareEl = h('section', {class: 'compare', id: 'compare'});
  const filter = h('input', {type: 'search', id: 'runs-filter', placeholder: 'filter: optimizer=adam test_acc>0.85 lr<=0.001'});
  const title = h('h1', {id: 'sweep-title'});
  replace(view, title, summary,
    h('div', {class: 'charts'}, lossEl, accEl),
    h('h2', {}, 'Runs'), filter, tableEl, compareEl, parEl);

  const labels = Object.fromEntries(sweep.runs.map(r => [r.id, '#' + r.idx]));
  const loss = new CurveChart(lossEl, {title: 'Validation loss', metrics: ['val_loss']});
  const acc = new CurveChart(accEl, {title: 'Validation accuracy', metrics: ['val_acc'], percent: true});
  loss.setCurves(curves.runs, labels);
  acc.setCurves(curves.runs, labels);
  const compare = new Compare(compareEl);
  compare.mount(curves.runs, labels);
  const byId = new Map();
  const table = new RunsTable(tableEl, {onSelect: ids => compare.show(ids.map(i => byId.get(i)).filter(Boolean))});
  filter.addEventListener('input', () => { table.filter = filter.value; table.render(); });
  const parallel = makeChart(parEl);

  const show = s => {
    byId.clear();
    s.runs.forEach(r => byId.set(r.id, r));
    s.runs.forEach(r => { loss.setLabel(r.id, '#' + r.idx); acc.setLabel(r.id, '#' + r.idx); });
    title.textContent = s.name;
    renderSummary(summary, s);
    const keys = varyingKeys(s.runs);
    table.set(s.runs, keys);
    renderParallel(parallel, parEl, s.runs, keys);
  };
  show(sweep);

  const reload = throttle(async () => show(await getJson('/api/sweeps/' + encodeURIComponent(id))), 1000);
  const resync = throttle(async () => {
    const fresh = await getJson('/api/sweeps/' + encodeURIComponent(id) + '/curves');
    [loss, acc, compare.chart].forEach(c => c.setCurves(fresh.runs));
    reload();
  }, 1000);
  const rerenderTable = throttle(() => table.render(), 500);
  stream.start({
    epoch: e => {
      loss.add(e);
      acc.add(e);
      compare.add(e);
      const run = byId.get(e.runId);
      if (run && e.epoch >= (run.last_epoch || 0)) {
        Object.assign(run, {last_epoch: e.epoch, val_acc: e.val_acc, val_loss: e.val_loss, train_acc: e.train_acc, train_loss: e.train_loss});
        rerenderTable();
      } else if (!run) {
        reload();
      }
    },
    run: reload,
    resync,
  });
  return () => stream.close();
}

function renderSummary(el, s) {
  const done = s.completed + s.failed + s.cancelled;
  const best = key => s.runs.filter(r => r[key] !== null && r[key] !== undefined).sort((a, b) => b[key] - a[key])[0];
  const bestVal = best('best_val_acc');
  const bestTest = best('test_acc');
  const runLink = r => h('a', {href: '#/runs/' + encodeURIComponent(r.id), class: 'best-run'}, '#' + r.idx);
  const act = (label, path, confirmText) => actionButton(label, '/api/v1/sweeps/' + encodeURIComponent(s.id) + path, {confirmText});
  replace(el,
    h('div', {class: 'facts'},
      h('span', {}, stateBadge(s.state)),
      h('span', {}, progressBar(done, s.total)),
      h('span', {}, ['queued', 'dispatched', 'running', 'completed', 'failed', 'cancelled']
        .filter(k => s[k]).map(k => s[k] + ' ' + k).join(' · ')),
      h('span', {}, 'best val ', h('strong', {}, pct(s.best_val_acc)), bestVal ? [' (', runLink(bestVal), ')'] : null),
      h('span', {}, 'best test ', h('strong', {id: 'best-test'}, pct(s.best_test_acc)), bestTest ? [' (', runLink(bestTest), ')'] : null),
      h('span', {}, 'duration ' + duration(s.duration_s)),
      h('span', {class: 'muted'}, s.id)),
    h('div', {class: 'actions'},
      s.state === 'active' ? act('Cancel sweep', '/cancel', 'Cancel every unfinished run of this sweep?') : null,
      s.failed ? act('Retry failed runs', '/retry-failed', 'Retry the failed runs of this sweep?') : null));
}

/** Options whose value differs between runs: the sweep's axes. */
function varyingKeys(runs) {
  if (runs.length < 2) return [];
  const keys = Object.keys(runs[0].config || {});
  return keys.filter(k => new Set(runs.map(r => JSON.stringify((r.config || {})[k]))).size > 1);
}

function renderParallel(chart, el, runs, keys) {
  const scored = runs.filter(r => r.test_acc !== null || r.best_val_acc !== null);
  el.hidden = keys.length === 0;
  if (el.hidden) return;
  const dims = keys.map(k => {
    const values = runs.map(r => r.config[k]);
    if (values.every(v => typeof v === 'number')) return {key: k, log: LOG_KEYS.has(k) && values.every(v => v > 0)};
    return {key: k, categories: [...new Set(values.map(fmtValue))].sort()};
  });
  dims.push({key: scored.some(r => r.test_acc !== null) ? 'test acc' : 'best val acc'});
  const rows = scored.map(r => [...keys.map((k, i) => (dims[i].categories ? fmtValue(r.config[k]) : r.config[k])),
    r.test_acc ?? r.best_val_acc]);
  chart.setOption(parallelOption(dims, rows, scored.map(r => '#' + r.idx)), true);
  chart.resize();
}
