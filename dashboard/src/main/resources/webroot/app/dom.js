// DOM helpers. Text is only ever set through text nodes / textContent, never parsed as HTML.

/** h('div', {class: 'x', onclick: fn, dataset: {id: 1}}, 'text', child, [more]) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

export function pct(v) {
  return v === null || v === undefined ? '–' : (v * 100).toFixed(2) + ' %';
}

export function num(v, digits = 4) {
  return v === null || v === undefined ? '–' : Number(v).toPrecision(digits);
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.round(seconds);
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '–';
}

/** A config value for display: lists as "a,b". */
export function fmtValue(v) {
  if (Array.isArray(v)) return v.join(',');
  if (v === null || v === undefined) return '';
  return String(v);
}

export function stateBadge(state) {
  return h('span', {class: 'state state-' + String(state)}, state);
}

export function progressBar(done, total) {
  const fraction = total > 0 ? done / total : 0;
  const bar = h('span', {class: 'progress-fill'});
  bar.style.width = (fraction * 100).toFixed(1) + '%';
  return h('span', {class: 'progress', title: done + ' of ' + total + ' runs finished'}, bar,
    h('span', {class: 'progress-label'}, done + '/' + total));
}
