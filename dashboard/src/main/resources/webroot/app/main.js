// Hash router: #/sweeps[?page=N], #/new, #/sweeps/ID, #/runs/ID, #/workers. Each page returns a cleanup function.
import {disposeAll} from './charts.js';
import {closeAll} from './live.js';
import {h, replace} from './dom.js';
import {sweepsPage} from './pages/sweeps.js';
import {newSweepPage} from './pages/new-sweep.js';
import {sweepPage} from './pages/sweep.js';
import {runPage} from './pages/run.js';
import {workersPage} from './pages/workers.js';

const view = document.getElementById('view');
let cleanup = null;

const routes = [
  [/^\/sweeps\/?$/, (q) => sweepsPage(view, q)],
  [/^\/new\/?$/, () => newSweepPage(view)],
  [/^\/sweeps\/([^/]+)$/, (q, id) => sweepPage(view, id)],
  [/^\/runs\/([^/]+)$/, (q, id) => runPage(view, id)],
  [/^\/workers\/?$/, () => workersPage(view)],
];

async function route() {
  if (cleanup) cleanup();
  cleanup = null;
  closeAll();
  disposeAll();
  const hash = location.hash.replace(/^#/, '') || '/sweeps';
  const [path, query] = hash.split('?');
  document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('active', path.startsWith('/' + a.dataset.nav)));
  for (const [re, page] of routes) {
    const m = path.match(re);
    if (m) {
      try {
        cleanup = await page(new URLSearchParams(query || ''), ...m.slice(1).map(decodeURIComponent));
      } catch (e) {
        replace(view, h('p', {class: 'error'}, 'Could not load this page: ' + e.message));
      }
      return;
    }
  }
  replace(view, h('p', {class: 'error'}, 'No such page: ' + path));
}

window.addEventListener('hashchange', route);
route();
