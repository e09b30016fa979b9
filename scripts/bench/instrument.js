// Injected into every benchmark page before any of its own scripts run
// (Playwright addInitScript). Plain browser JS, no imports. Records, in
// window.__bench, with performance.now() times (ms since navigation start):
//
//  - states:   every change of the app's status line (data-state, its text)
//              and of the funnel table's first "reached" value, at the moment
//              the DOM changed (MutationObserver callback, before paint);
//  - changes:  when the upload input fired 'change' (the file was chosen);
//  - longtasks: main-thread tasks over 50 ms (PerformanceObserver 'longtask');
//  - frames:   a requestAnimationFrame loop (started on demand) that keeps the
//              gaps between frames over 50 ms: a frozen tab shows as a long gap;
//  - paints:   the page's 'first-paint' and 'first-contentful-paint' times
//              (PerformanceObserver 'paint', buffered);
//  - msgs:     every request the page sends to a Worker that carries a
//              DuckDB-WASM messageId (RUN_QUERY, REGISTER_FILE_HANDLE, ...),
//              with its SQL and how long the answer took to come back.
(() => {
  if (window.__bench) return;
  const now = () => performance.now();
  const B = (window.__bench = {
    states: [],
    changes: [],
    longtasks: [],
    paints: {},
    gaps: [],
    frames: 0,
    rafRunning: false,
    rafStartedAt: null,
    msgs: [],
    msgsDropped: 0,
    workers: [],
    errors: [],
  });

  // ---- status line + funnel table ----
  let last = '';
  const check = () => {
    const el = document.querySelector('[data-testid="app-status"]');
    if (!el) return;
    const state = el.getAttribute('data-state');
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim();
    const td = document.querySelector('table[data-testid="funnel-table"] tr[data-stage] td[data-metric="reached"]');
    const reached = td ? Number(td.getAttribute('data-value')) : null;
    const key = state + '|' + text + '|' + reached;
    if (key !== last) {
      last = key;
      B.states.push({ t: now(), state, text, reached });
    }
  };
  const mo = new MutationObserver(check);
  const observe = () => {
    mo.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true, attributeFilter: ['data-state', 'data-value'] });
    check();
  };
  if (document.documentElement) observe();
  else document.addEventListener('readystatechange', observe, { once: true });

  // ---- file chosen ----
  document.addEventListener('change', (e) => {
    const t = e.target;
    if (t && t.tagName === 'INPUT' && t.type === 'file') {
      B.changes.push({ t: now(), testid: t.getAttribute('data-testid'), files: [...(t.files || [])].map((f) => ({ name: f.name, size: f.size })) });
    }
  }, true);

  // ---- long tasks ----
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    B.errors.push('longtask observer: ' + e.message);
  }

  // ---- first paints ----
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.paints[e.name] = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch (e) {
    B.errors.push('paint observer: ' + e.message);
  }

  // ---- frames ----
  B.startFrames = () => {
    if (B.rafRunning) return;
    B.rafRunning = true;
    B.rafStartedAt = now();
    let prev = null;
    const tick = (t) => {
      if (!B.rafRunning) return;
      B.frames++;
      if (prev !== null && t - prev > 50) B.gaps.push({ start: prev, gap: t - prev });
      prev = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  B.stopFrames = () => { B.rafRunning = false; };

  // ---- worker messages (DuckDB-WASM's request/response protocol) ----
  const sqlOf = (data) => {
    if (typeof data === 'string') return data;
    if (Array.isArray(data)) { const s = data.find((x) => typeof x === 'string'); return s === undefined ? null : s; }
    return null;
  };
  const Native = window.Worker;
  if (Native) {
    const proto = Native.prototype;
    window.Worker = class BenchWorker extends Native {
      constructor(url, opts) {
        super(url, opts);
        const pending = new Map();
        B.workers.push(String(url));
        this.postMessage = (msg, transfer) => {
          try {
            if (msg && typeof msg === 'object' && 'messageId' in msg && 'type' in msg) {
              const sql = sqlOf(msg.data);
              pending.set(msg.messageId, { type: String(msg.type), sql: sql === null ? null : sql.replace(/\s+/g, ' ').slice(0, 300), t: now() });
            }
          } catch { /* never break the app */ }
          return proto.postMessage.call(this, msg, transfer);
        };
        this.addEventListener('message', (e) => {
          const r = e.data;
          if (!r || typeof r !== 'object' || !('requestId' in r)) return;
          const p = pending.get(r.requestId);
          if (!p) return;
          pending.delete(r.requestId);
          if (B.msgs.length >= 50000) { B.msgsDropped++; return; }
          const bytes = r.data && typeof r.data.byteLength === 'number' ? r.data.byteLength : null;
          B.msgs.push({ type: p.type, sql: p.sql, t: p.t, ms: now() - p.t, resp: String(r.type), bytes });
        });
      }
    };
  }
})();
