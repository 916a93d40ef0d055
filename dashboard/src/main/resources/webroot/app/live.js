// One EventSource per page; the server filters by sweep or run. Handlers: {epoch(e), run(e), resync()};
// resync means events may have been lost (reconnect, slow reader): reload from the read API.
const status = () => document.getElementById('live-status');

export function subscribe(query, handlers) {
  const url = '/api/events' + (query ? '?' + new URLSearchParams(query) : '');
  const source = new EventSource(url);
  let opened = false;
  source.addEventListener('open', () => {
    status().textContent = '● live';
    status().className = 'live-status on';
    if (opened && handlers.resync) handlers.resync();  // events may have been missed while reconnecting
    opened = true;
  });
  source.addEventListener('error', () => { status().textContent = '○ reconnecting'; status().className = 'live-status off'; });
  for (const kind of ['epoch', 'run', 'resync']) {
    if (handlers[kind]) source.addEventListener(kind, ev => handlers[kind](JSON.parse(ev.data)));
  }
  return () => source.close();
}

/** Runs fn at most once per `ms` (trailing), e.g. to reload a table after a burst of events. */
export function throttle(fn, ms) {
  let timer = null;
  return () => {
    if (timer) return;
    timer = setTimeout(() => { timer = null; fn(); }, ms);
  };
}
