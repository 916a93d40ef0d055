// Workers: live from their heartbeats (the orchestrator records them); refreshed every 2 s.
import {getJson} from '../api.js';
import {duration, h, replace} from '../dom.js';
import {showPolling} from '../live.js';

const STALE_SECONDS = 30;

export async function workersPage(view) {
  const body = h('tbody');
  replace(view, h('h1', {}, 'Workers'),
    h('table', {class: 'grid', id: 'workers-table'}, h('thead', {}, h('tr', {},
      ['Worker', 'Host', 'Device', 'State', 'Slots', 'Current run (epoch)', 'Images/s', 'Last heartbeat'].map(t => h('th', {}, t)))), body));
  const load = async () => {
    const {items} = await getJson('/api/workers');
    replace(body, items.length ? items.map(w => {
      const stale = w.seconds_since_seen > STALE_SECONDS;
      return h('tr', {class: stale ? 'stale' : ''},
        h('td', {}, w.id), h('td', {}, w.host), h('td', {}, w.device),
        h('td', {}, h('span', {class: 'state state-' + (stale ? 'stale' : w.state)}, stale ? 'silent' : w.state)),
        h('td', {class: 'num'}, w.busy_slots + '/' + w.slots),
        h('td', {}, (w.current || []).map(c => h('div', {},
          h('a', {href: '#/runs/' + encodeURIComponent(c.runId)}, c.runId), ' (epoch ' + (c.epoch ?? '–') + ')'))),
        h('td', {class: 'num'}, Math.round(w.images_per_second)),
        h('td', {}, duration(w.seconds_since_seen) + ' ago'));
    }) : h('tr', {}, h('td', {colspan: 8, class: 'empty'}, 'No worker has reported yet. Start one with ./atelier worker.')));
  };
  await load();
  showPolling(2);
  const timer = setInterval(() => load().catch(() => {}), 2000);
  return () => clearInterval(timer);
}
