import {getJson} from '../api.js';
import {duration, h, pct, progressBar, replace, stateBadge, when} from '../dom.js';
import {openStream, throttle} from '../live.js';

const PAGE_SIZE = 20;

export async function sweepsPage(view, query) {
  const page = Math.max(0, parseInt(query.get('page') || '0', 10) || 0);
  const table = h('tbody');
  const pager = h('div', {class: 'pager'});
  replace(view,
    h('div', {class: 'page-head'}, h('h1', {}, 'Sweeps'), h('a', {class: 'button', href: '#/new'}, 'New sweep')),
    h('table', {class: 'grid', id: 'sweeps-table'},
      h('thead', {}, h('tr', {}, ['Name', 'State', 'Progress', 'Best val acc', 'Best test acc', 'Duration', 'Created']
        .map(t => h('th', {}, t)))), table),
    pager);

  const stream = openStream({kinds: 'run'});
  await stream.opened;
  const load = async () => {
    const data = await getJson('/api/sweeps?page=' + page + '&size=' + PAGE_SIZE);
    replace(table, data.items.length ? data.items.map(row) : h('tr', {}, h('td', {colspan: 7, class: 'empty'},
      'No sweeps yet. ', h('a', {href: '#/new'}, 'Submit one.'))));
    const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
    replace(pager,
      page > 0 ? h('a', {class: 'button', href: '#/sweeps?page=' + (page - 1)}, '← Newer') : null,
      h('span', {}, 'Page ' + (page + 1) + ' of ' + pages + ' (' + data.total + ' sweeps)'),
      page + 1 < pages ? h('a', {class: 'button', href: '#/sweeps?page=' + (page + 1)}, 'Older →') : null);
  };
  await load();
  const reload = throttle(load, 1000);
  stream.start({run: reload, resync: reload});
  return () => stream.close();
}

function row(s) {
  const done = s.completed + s.failed + s.cancelled;
  return h('tr', {dataset: {sweepId: s.id}},
    h('td', {}, h('a', {class: 'sweep-name', href: '#/sweeps/' + encodeURIComponent(s.id)}, s.name),
      h('div', {class: 'muted'}, s.id)),
    h('td', {}, stateBadge(s.state), s.running ? h('span', {class: 'muted'}, ' ' + s.running + ' running') : null,
      s.failed ? h('span', {class: 'bad'}, ' ' + s.failed + ' failed') : null),
    h('td', {}, progressBar(done, s.total)),
    h('td', {class: 'num'}, pct(s.best_val_acc)),
    h('td', {class: 'num'}, pct(s.best_test_acc)),
    h('td', {class: 'num'}, duration(s.duration_s)),
    h('td', {}, when(s.created_at)));
}
