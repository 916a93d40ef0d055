// Live events over SSE. A page opens its stream first, waits until it is open (the server then has it registered),
// loads its data, and only then starts handling events; events that arrived meanwhile are replayed, so nothing
// between "loaded" and "listening" is lost. Handlers: {epoch(e), run(e), resync()}; resync means events may have
// been missed (reconnect, slow reader, back from the back/forward cache): reload from the read API.
//
// Streams are closed on `pagehide` and reopened on `pageshow`: Chromium keeps a page the user left in its
// back/forward cache with its EventSource still connected, and over HTTP/1.1 every such page holds one of the
// browser's 6 connections to this host. Five left-behind pages were enough to queue the next page's fetches for
// ~30 s behind them (see docs/dashboard.md, "Why a sweep page once took 30 s").
const status = () => document.getElementById('live-status');
const streams = new Set();
const OPEN_WAIT_MS = 3000;

/** Opens a stream for `query` ({sweep}, {run}, {kinds}); call .start(handlers) once the page's data is loaded. */
export function openStream(query) {
  const url = '/api/events' + (query ? '?' + new URLSearchParams(query) : '');
  let source = null;
  let handlers = null;
  const buffered = [];
  let openedOnce = false;
  let markOpened;
  const opened = new Promise(resolve => {
    markOpened = resolve;
    setTimeout(resolve, OPEN_WAIT_MS);
  });
  const dispatch = (kind, data) => {
    if (!handlers) buffered.push([kind, data]);
    else if (handlers[kind]) handlers[kind](data);
  };
  const connect = () => {
    source = new EventSource(url);
    source.addEventListener('open', () => {
      status().textContent = '● live';
      status().className = 'live-status on';
      if (openedOnce) dispatch('resync', null);
      openedOnce = true;
      markOpened();
    });
    source.addEventListener('error', () => { status().textContent = '○ reconnecting'; status().className = 'live-status off'; });
    for (const kind of ['epoch', 'run', 'resync']) {
      source.addEventListener(kind, ev => dispatch(kind, JSON.parse(ev.data)));
    }
  };
  const stream = {
    opened,
    start(h) {
      handlers = h;
      buffered.splice(0).forEach(([kind, data]) => dispatch(kind, data));
    },
    /** Drops the connection (the page is being hidden); resume() reconnects and the page resyncs. */
    suspend() {
      if (source) source.close();
      source = null;
    },
    resume() {
      if (!source) connect();
    },
    close() {
      stream.suspend();
      streams.delete(stream);
    },
  };
  connect();
  streams.add(stream);
  return stream;
}

/** Closes every stream (on navigation, even when a page failed to load). */
export function closeAll() {
  streams.forEach(s => s.suspend());
  streams.clear();
  status().textContent = '';
  status().className = 'live-status';
}

window.addEventListener('pagehide', () => streams.forEach(s => s.suspend()));
window.addEventListener('pageshow', ev => { if (ev.persisted) streams.forEach(s => s.resume()); });

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
