// The new-sweep form, generated from the run option definitions (GET /api/options = RunOptions.ALL).
// Each option is a fixed value, a grid list or a random distribution. Submission goes to the orchestrator;
// its validation messages are shown next to the field they name.
import {getJson, post} from '../api.js';
import {fmtValue, h, replace} from '../dom.js';

const META = [
  {key: 'name', label: 'Sweep name', value: '', placeholder: 'e.g. fcn-vs-cnn', help: 'Shown in the sweeps list.'},
  {key: 'trials', label: 'Trials', value: '1', help: 'Runs per grid point (each with its own seed and random draws).'},
  {key: 'max_parallel', label: 'Max parallel', value: '0', help: 'At most this many runs at once (0 = no limit).'},
  {key: 'priority', label: 'Priority', value: '0', help: 'Higher runs first between sweeps.'},
  {key: 'seed', label: 'Sweep seed', value: '0', help: 'Seed for the random axes; same seed, same runs.'},
];
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export async function newSweepPage(view) {
  const {options} = await getJson('/api/options');
  const rows = options.map(optionRow);
  const count = h('p', {id: 'run-count', class: 'run-count'});
  const formError = h('div', {id: 'form-error', class: 'form-error', role: 'alert'});
  const submit = h('button', {type: 'submit', id: 'submit-sweep', class: 'primary'}, 'Submit sweep');
  const metaInputs = {};
  const groups = [...new Set(options.map(o => o.group))];
  const form = h('form', {id: 'sweep-form', novalidate: true},
    h('fieldset', {class: 'meta'}, h('legend', {}, 'Sweep'), META.map(m => {
      metaInputs[m.key] = h('input', {type: 'text', id: 'meta-' + m.key, name: m.key, value: m.value, placeholder: m.placeholder || ''});
      return h('div', {class: 'option', dataset: {key: m.key}},
        h('label', {for: 'meta-' + m.key}, m.label), metaInputs[m.key], h('small', {class: 'help'}, m.help),
        h('div', {class: 'field-error', dataset: {errorFor: 'meta.' + m.key}}));
    })),
    groups.map(g => h('fieldset', {class: 'group'}, h('legend', {}, g),
      rows.filter(r => r.def.group === g).map(r => r.el))),
    h('div', {class: 'submit-bar'}, count, submit, formError));
  replace(view, h('h1', {}, 'New sweep'),
    h('p', {class: 'muted'}, 'Every option starts at its default. Switch an option to “grid” to try a list of values '
      + '(every combination is run) or to “random” to draw it per run.'), form);

  const spec = () => {
    const s = {base: {}, grid: {}, random: {}};
    for (const m of META) {
      const raw = metaInputs[m.key].value.trim();
      if (raw === '') continue;
      s[m.key] = m.key === 'name' ? raw : (NUMBER.test(raw) ? Number(raw) : raw);
    }
    rows.forEach(r => r.contribute(s));
    return s;
  };
  let seq = 0;
  const updateCount = async () => {
    const mine = ++seq;
    const s = spec();
    let n = localCount(s);
    try {
      n = (await post('/api/sweeps/preview', s)).runs;
    } catch (e) { /* the orchestrator reports the problem on submit; keep the local count */ }
    if (mine === seq) count.textContent = 'This sweep will create ' + n + ' run' + (n === 1 ? '' : 's') + '.';
  };
  form.addEventListener('input', updateCount);
  form.addEventListener('change', updateCount);
  updateCount();

  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    form.querySelectorAll('.field-error').forEach(e => { e.textContent = ''; });
    form.querySelectorAll('.has-error').forEach(e => e.classList.remove('has-error'));
    formError.textContent = '';
    submit.disabled = true;
    try {
      const created = await post('/api/v1/sweeps', spec());
      const id = created.id || created.sweepId || (created.sweep && created.sweep.id);
      location.hash = '#/sweeps/' + encodeURIComponent(id);
    } catch (e) {
      showErrors(form, formError, e);
    } finally {
      submit.disabled = false;
    }
  });
  return null;
}

function showErrors(form, formError, e) {
  const details = (e.body && e.body.details) || [];
  const unplaced = [];
  for (const d of details) {
    const key = fieldSlot(d.field || '');
    const slot = [...form.querySelectorAll('.field-error')].find(s => s.dataset.errorFor === key);
    const text = (d.problem || 'invalid') + (d.allowed ? ' (allowed: ' + d.allowed + ')' : '');
    if (slot) {
      slot.textContent = slot.textContent ? slot.textContent + '; ' + text : text;
      slot.closest('.option').classList.add('has-error');
    } else {
      unplaced.push((d.field ? d.field + ': ' : '') + text);
    }
  }
  replace(formError, h('strong', {}, e.message), unplaced.length ? h('ul', {}, unplaced.map(u => h('li', {}, u))) : null);
  const first = form.querySelector('.has-error');
  if (first) first.scrollIntoView({block: 'center'});
}

/** "base.lr", "grid.lr[1]", "random.lr.min", "runs[3].lr" -> "lr"; sweep fields such as "trials" -> "meta.trials". */
function fieldSlot(field) {
  const option = field.match(/^(?:runs\[\d+\]\.)?(?:base|grid|random)\.([^.[]+)/) || field.match(/^runs\[\d+\]\.([^.[]+)/);
  return option ? option[1] : 'meta.' + field.split(/[.[]/)[0];
}

function localCount(s) {
  const trials = typeof s.trials === 'number' && s.trials > 0 ? s.trials : 1;
  return Object.values(s.grid).reduce((n, values) => n * values.length, trials);
}

function coerce(def, raw) {
  if (def.type === 'INT' || def.type === 'FLOAT') return NUMBER.test(raw) ? Number(raw) : raw;
  if (def.type === 'BOOL') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

function optionRow(def) {
  const key = def.key;
  const isList = def.type === 'INT_LIST';
  const numeric = def.type === 'INT' || def.type === 'FLOAT';
  const modes = ['fixed', 'grid'].concat(def.type === 'STRING' || isList ? [] : ['random']);
  const mode = h('select', {class: 'mode', id: 'mode-' + key, 'aria-label': key + ' mode'}, modes.map(m => h('option', {value: m}, m)));
  const inputs = h('span', {class: 'inputs'});
  const defText = fmtValue(def.default);
  let read = () => null;

  const choiceValues = def.type === 'BOOL' ? ['true', 'false'] : def.choices;
  const render = () => {
    const m = mode.value;
    if (m === 'fixed') {
      const input = choiceValues.length
        ? h('select', {id: 'opt-' + key, name: key}, choiceValues.map(c => h('option', {value: c, selected: c === defText}, c)))
        : h('input', {type: 'text', id: 'opt-' + key, name: key, value: defText});
      replace(inputs, input);
      read = s => {
        const raw = input.value.trim();
        if (raw !== defText) s.base[key] = coerce(def, raw);
      };
    } else if (m === 'grid') {
      const sep = isList ? '|' : ',';
      const placeholder = isList ? '256,128 | 512' : choiceValues.length ? choiceValues.join(',') : defText + ', …';
      const input = h('input', {type: 'text', id: 'opt-' + key, name: key, value: choiceValues.length ? choiceValues.join(',') : defText, placeholder});
      replace(inputs, input, h('small', {class: 'muted'}, isList ? ' lists separated by |' : ' values separated by commas'));
      read = s => {
        const values = input.value.split(sep).map(v => v.trim()).filter(v => v !== '');
        if (values.length) s.grid[key] = values.map(v => coerce(def, v));
      };
    } else {
      const dists = numeric ? ['loguniform', 'uniform', 'choice'] : ['choice'];
      const dist = h('select', {id: 'dist-' + key, 'aria-label': key + ' distribution'}, dists.map(d => h('option', {value: d}, d)));
      const min = h('input', {type: 'text', id: 'min-' + key, class: 'short', placeholder: 'min', value: def.min ?? ''});
      const max = h('input', {type: 'text', id: 'max-' + key, class: 'short', placeholder: 'max', value: def.max ?? ''});
      const values = h('input', {type: 'text', id: 'values-' + key, placeholder: 'a,b,c', value: choiceValues.join(',')});
      const show = () => replace(inputs, dist, ...(dist.value === 'choice' ? [values] : [min, max]));
      dist.addEventListener('change', show);
      show();
      read = s => {
        if (dist.value === 'choice') {
          s.random[key] = {dist: 'choice', values: values.value.split(',').map(v => v.trim()).filter(v => v !== '').map(v => coerce(def, v))};
        } else {
          const num = t => (NUMBER.test(t.trim()) ? Number(t.trim()) : t.trim());
          s.random[key] = {dist: dist.value, min: num(min.value), max: num(max.value)};
        }
      };
    }
  };
  mode.addEventListener('change', render);
  render();
  const el = h('div', {class: 'option', dataset: {key}},
    h('label', {for: 'opt-' + key}, key), mode, inputs,
    h('small', {class: 'help'}, def.help + ' Allowed: ' + def.allowed + '. Default: ' + (defText === '' ? '(empty)' : defText) + '.'),
    h('div', {class: 'field-error', dataset: {errorFor: key}}));
  return {def, el, contribute: s => read(s)};
}
