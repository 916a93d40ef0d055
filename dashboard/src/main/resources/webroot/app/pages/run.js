// Run detail: config, live curves, per-class accuracy, confusion matrix, cGAN samples, artifacts, cancel/retry.
import {actionButton, getJson} from '../api.js';
import {confusionOption, CurveChart, makeChart, perClassOption} from '../charts.js';
import {duration, fmtValue, h, pct, replace, stateBadge, when} from '../dom.js';
import {openStream, throttle} from '../live.js';

const FINISHED = new Set(['completed', 'failed', 'cancelled']);

export async function runPage(view, id) {
  const enc = encodeURIComponent(id);
  const stream = openStream({run: id});
  await stream.opened;
  const [run, curves, options] = await Promise.all([
    getJson('/api/runs/' + enc), getJson('/api/runs/' + enc + '/curves'), getJson('/api/options')]);
  const defaults = Object.fromEntries(options.options.map(o => [o.key, fmtValue(o.default)]));
  const head = h('section', {class: 'summary'});
  const lossEl = h('div', {class: 'chart', id: 'run-loss-chart'});
  const accEl = h('div', {class: 'chart', id: 'run-acc-chart'});
  const results = h('section', {id: 'results'});
  const artifacts = h('section', {id: 'artifacts'});
  const config = h('section', {id: 'config'});
  replace(view, head, h('div', {class: 'charts'}, lossEl, accEl), results, artifacts, config);

  const loss = new CurveChart(lossEl, {title: 'Loss (dashed: train, solid: validation)', metrics: ['train_loss', 'val_loss']});
  const acc = new CurveChart(accEl, {title: 'Accuracy (dashed: train, solid: validation)', metrics: ['train_acc', 'val_acc'], percent: true});
  loss.setCurves(curves.runs, {[id]: 'run'});
  acc.setCurves(curves.runs, {[id]: 'run'});
  let current = run;
  let confusion = null;
  let perClass = null;

  const show = r => {
    current = r;
    renderHead(head, r);
    if (r.result) {
      if (!confusion) {
        const confEl = h('div', {class: 'chart square', id: 'confusion-chart'});
        const perEl = h('div', {class: 'chart', id: 'per-class-chart'});
        replace(results, h('h2', {}, 'Test results'), resultFacts(r.result), h('div', {class: 'charts'}, perEl, confEl));
        confusion = makeChart(confEl);
        perClass = makeChart(perEl);
        confEl.dataset.cells = String(r.result.confusion_matrix.flat().length);
      }
      confusion.setOption(confusionOption(r.result.confusion_matrix), true);
      perClass.setOption(perClassOption(r.result.per_class_accuracy), true);
    } else {
      replace(results, h('p', {class: 'muted'}, FINISHED.has(r.state)
        ? 'This run has no test results.' : 'Test results (per-class accuracy, confusion matrix) appear when the run completes.'));
    }
    renderArtifacts(artifacts, r);
    renderConfig(config, r.config || {}, defaults);
  };
  show(run);

  const reload = throttle(async () => show(await getJson('/api/runs/' + enc)), 500);
  const resync = throttle(async () => {
    const fresh = await getJson('/api/runs/' + enc + '/curves');
    [loss, acc].forEach(c => c.setCurves(fresh.runs));
    reload();
  }, 500);
  stream.start({
    epoch: e => {
      loss.add(e);
      acc.add(e);
      if (e.epoch >= (current.last_epoch || 0)) {
        Object.assign(current, {last_epoch: e.epoch, val_acc: e.val_acc, val_loss: e.val_loss});
        head.querySelector('#run-epoch').textContent = epochText(current);
        head.querySelector('#run-val').textContent = pct(current.val_acc);
      }
    },
    run: reload,
    resync,
  });
  return () => stream.close();
}

function renderHead(el, r) {
  const action = (label, path) => actionButton(label, '/api/v1/runs/' + encodeURIComponent(r.id) + '/' + path, {id: 'run-' + path});
  replace(el,
    h('p', {class: 'crumbs'}, h('a', {href: '#/sweeps'}, 'Sweeps'), ' / ',
      h('a', {href: '#/sweeps/' + encodeURIComponent(r.sweep_id), id: 'run-sweep-link'}, r.sweep_name || r.sweep_id)),
    h('h1', {}, 'Run #' + r.idx + ' ', stateBadge(r.state)),
    h('div', {class: 'facts'},
      h('span', {id: 'run-epoch'}, epochText(r)),
      h('span', {}, 'val acc ', h('strong', {id: 'run-val'}, pct(r.val_acc))),
      h('span', {}, 'best val ', h('strong', {}, pct(r.best_val_acc))),
      h('span', {}, 'test ', h('strong', {}, pct(r.test_acc))),
      h('span', {}, 'attempt ' + r.attempt + ' of ' + r.max_attempts),
      r.worker_id ? h('span', {}, 'worker ' + r.worker_id) : null,
      h('span', {}, 'started ' + when(r.started_at)),
      h('span', {class: 'muted'}, r.id)),
    r.error ? h('p', {class: 'error', id: 'run-error'}, r.error) : null,
    h('div', {class: 'actions'},
      FINISHED.has(r.state) ? null : action('Cancel run', 'cancel'),
      r.state === 'failed' || r.state === 'cancelled' ? action('Retry run', 'retry') : null));
}

function epochText(r) {
  return 'epoch ' + (r.last_epoch || 0) + ' of ' + fmtValue((r.config || {}).epochs);
}

function resultFacts(res) {
  return h('div', {class: 'facts'},
    h('span', {}, 'test acc ', h('strong', {}, pct(res.test_acc))),
    h('span', {}, 'test loss ' + Number(res.test_loss).toFixed(4)),
    h('span', {}, 'best epoch ' + res.best_epoch + ' (val ' + pct(res.best_val_acc) + ')'),
    h('span', {}, 'training time ' + duration(res.total_seconds)));
}

function renderArtifacts(el, r) {
  const href = (a, download) => '/api/runs/' + encodeURIComponent(r.id) + '/artifacts/' + encodeURIComponent(a.name) + (download ? '?download=1' : '');
  const samples = r.artifacts.find(a => /^image\/(png|jpeg)/.test(a.content_type) && /sample|grid|gan/i.test(a.name));
  replace(el,
    samples ? h('figure', {class: 'samples'}, h('img', {src: href(samples, false), alt: 'cGAN samples', id: 'gan-samples'}),
      h('figcaption', {}, 'cGAN samples: ' + samples.name)) : null,
    h('h2', {}, 'Artifacts'),
    r.artifacts.length === 0 ? h('p', {class: 'muted'}, 'No artifacts yet.') : h('table', {class: 'grid', id: 'artifacts-table'},
      h('thead', {}, h('tr', {}, ['Name', 'Type', 'Size', 'Created', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, r.artifacts.map(a => h('tr', {},
        h('td', {}, a.name), h('td', {}, a.content_type), h('td', {class: 'num'}, kib(a.size_bytes)), h('td', {}, when(a.created_at)),
        h('td', {}, h('a', {class: 'button', href: href(a, true), download: a.name}, 'Download')))))));
}

function renderConfig(el, config, defaults) {
  replace(el, h('h2', {}, 'Configuration'), h('p', {class: 'muted'}, 'Bold: differs from the default.'),
    h('table', {class: 'grid config', id: 'config-table'}, h('tbody', {}, Object.entries(config).map(([k, v]) => {
      const text = fmtValue(v);
      return h('tr', {class: text !== defaults[k] ? 'changed' : ''}, h('td', {}, k), h('td', {}, text));
    }))));
}

function kib(bytes) {
  return bytes < 1024 ? bytes + ' B' : bytes < 1048576 ? (bytes / 1024).toFixed(1) + ' KiB' : (bytes / 1048576).toFixed(1) + ' MiB';
}
