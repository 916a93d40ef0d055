// Live events over SSE. A page opens its stream first, waits until it is open (the server then has it registered),
// loads its data, and only then starts handling events; events that arrived meanwhile are replayed, so nothing
// between "loaded" and "listening" is lost. Handlers: {epoch(e), run(e), resync()}; resync means events may have
// been missed (reconnect, slow reader): reload from the read API.
const status = () => document.getElementById('live-status');
const streams = new Set();
const OPEN_WAIT_MS = 3000;

/** Opens a stream for `query` ({sweep}, {run}, {kinds}); call .start(handlers) once the page's data is loaded. */
export function openStream(query) {
  const source = new EventSource('/api/events' + (query ? '?' + new URLSearchParams(query) : ''));
  streams.add(source);
  let handlers = null;
  const buffered = [];
  let openedOnce = false;
  const opened = new Promise(resolve => {
    setTimeout(resolve, OPEN_WAIT_MS);
    source.addEventListener('open', () => {
      status().textContent = '● live';
      status().className = 'live-status on';
      if (openedOnce) dispatch('resync', null);
      openedOnce = true;
      resolve();
    });
  });
  source.addEventListener('error', () => { status().textContent = '○ reconnecting'; status().className = 'live-status off'; });
  const dispatch = (kind, data) => {
    if (!handlers) buffered.push([kind, data]);
    else if (handlers[kind]) handlers[kind](data);
  };
  for (const kind of ['epoch', 'run', 'resync']) {
    source.addEventListener(kind, ev => dispatch(kind, JSON.parse(ev.data)));
  }
  return {
    opened,
    start(h) {
      handlers = h;
      buffered.splice(0).forEach(([kind, data]) => dispatch(kind, data));
    },
    close() {
      source.close();
      streams.delete(source);
    },
  };
}

/** Closes every stream (on navigation, even when a page failed to load). */
export function closeAll() {
  streams.forEach(s => s.close());
  streams.clear();
  status().textContent = '';
  status().className = 'live-status';
}

/** For pages that poll instead of streaming. */
export function showPolling(seconds) {
  status().textContent = '↻ every ' + seconds + ' s';
  status().className = 'live-status on';
}

/** Runs fn at most once per `ms` (trailing), e.g. to reload a table after a burst of events. */
export function throttle(fn, ms) {
  let timer = null;
  return () => {
    if (timer) return;
    timer = setTimeout(() => { timer = null; fn(); }, ms);
  };
}
