// In-page instruments for the hub benchmark, added to every frame as an init script (only the hub frame arms
// them). Plain JavaScript read as text: tsx compiles TypeScript with esbuild's keepNames, which wraps named
// functions in `__name(...)`; a function handed from a .ts file to Playwright's evaluate() reaches the page
// with that call and no helper (ReferenceError: __name is not defined). Nothing here goes through tsx.
(() => {
  if (!/\/ext\/hub\.html$/.test(location.pathname)) return;
  const epoch = (t) => performance.timeOrigin + t;
  const bench = {
    longTasks: [],
    marks: {},
  };
  window.__bench = bench;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    bench.noLongTasks = true;
  }

  const dataRows = (table) => document.querySelectorAll(`${table} tr.bolt-table-row`).length;
  const kpi = () => {
    const el = document.querySelector('[data-kpi="scope"] .drcheck-kpi-value');
    return el ? el.textContent : null;
  };
  const description = () => {
    const el = document.querySelector('.drcheck-header .bolt-header-description');
    return el ? el.textContent : '';
  };
  bench.kpi = kpi;
  bench.rows = dataRows;

  // Loading: the first frame with subscription rows, and the first where every pipeline is read and compared.
  const watch = () => {
    if (!bench.marks.firstRows && dataRows('.drcheck-subscriptions') > 0) {
      bench.marks.firstRows = epoch(performance.now());
      bench.marks.firstRowsDescription = description();
      bench.marks.firstRowsKpi = kpi();
    }
    if (bench.marks.firstRows && !bench.marks.settled && /· \d+ pipelines?$/.test(description())) {
      bench.marks.settled = epoch(performance.now());
      bench.marks.settledKpi = kpi();
    }
    if (!bench.marks.settled) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);

  // One measured interaction: `arm(what)` before the action; the promise it leaves in `bench.pending` resolves
  // with the first input event after arming, the DOM commit that shows the outcome (seen by a MutationObserver)
  // and the next animation frame, plus the long tasks in between.
  const DONE = {
    // The subscription count in the summary changed (filters; the table renders in the same commit).
    kpi: (before) => kpi() !== null && kpi() !== before && dataRows('.drcheck-subscriptions') > 0,
    kpiNoMatch: (before) => kpi() !== before,
    resources: () => dataRows('.drcheck-resources') > 0 && !!document.querySelector('.drcheck-detail-title'),
    subscriptions: () => dataRows('.drcheck-subscriptions') > 0,
    trend: () => !!document.querySelector('.drcheck-trend svg, .drcheck-trend-card svg'),
  };
  bench.arm = (what, timeoutMs) => {
    const before = kpi();
    const done = DONE[what];
    let input = null;
    const events = ['pointerdown', 'mousedown', 'keydown', 'input', 'click'];
    const onInput = (e) => {
      if (input === null) input = e.timeStamp;
    };
    for (const t of events) window.addEventListener(t, onInput, true);
    bench.pending = new Promise((resolve, reject) => {
      const finish = (commit) => {
        observer.disconnect();
        clearTimeout(timer);
        for (const t of events) window.removeEventListener(t, onInput, true);
        // performance.now() in the callback, not its timestamp: the frame that handled the input began before it.
        requestAnimationFrame(() => {
          const frame = performance.now();
          const start = input === null ? commit : input;
          resolve({
            ms: frame - start,
            commitMs: commit - start,
            inputSeen: input !== null,
            kpi: kpi(),
            longTasks: bench.longTasks.filter((t) => t.start + t.duration >= start && t.start <= frame).map((t) => Math.round(t.duration)),
          });
        });
      };
      const observer = new MutationObserver(() => {
        if (input !== null && done(before)) finish(performance.now());
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`${what}: nothing changed within ${timeoutMs} ms (input seen: ${input !== null}, kpi ${kpi()})`));
      }, timeoutMs);
    });
    return before;
  };

  // Frame intervals and long tasks while something happens (typing, for instance).
  bench.recordFrames = () => {
    const rec = { intervals: [], start: performance.now(), stop: false };
    let last = rec.start;
    const tick = (t) => {
      rec.intervals.push(t - last);
      last = t;
      if (!rec.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    bench.frames = rec;
  };
  bench.stopFrames = () => {
    const rec = bench.frames;
    rec.stop = true;
    const end = performance.now();
    return { intervals: rec.intervals, longTasks: bench.longTasks.filter((t) => t.start + t.duration >= rec.start && t.start <= end).map((t) => Math.round(t.duration)) };
  };

  // Scrolls the table's scroll container one step per frame; per frame: the interval, the rows in the DOM,
  // and whether the row under the middle of the visible table is drawn (not a blank placeholder).
  bench.scroll = async (table, steps, stepPx) => {
    const el = document.querySelector(table);
    let scroller = el.parentElement;
    while (scroller && !(scroller.scrollHeight > scroller.clientHeight + 10 && /(auto|scroll)/.test(getComputedStyle(scroller).overflowY))) scroller = scroller.parentElement;
    const target = scroller || document.scrollingElement;
    const view = target === document.scrollingElement ? { top: 0, bottom: innerHeight } : target.getBoundingClientRect();
    const probeX = el.getBoundingClientRect().left + 60;
    const drawn = () => {
      const r = el.getBoundingClientRect();
      const y = (Math.max(r.top, view.top) + Math.min(r.bottom, view.bottom, innerHeight)) / 2;
      const row = document.elementFromPoint(probeX, y);
      const tr = row && row.closest('tr.bolt-table-row');
      return !!tr && tr.textContent.trim().length > 0;
    };
    const start = performance.now();
    const from = target.scrollTop;
    const intervals = [];
    let maxRows = 0;
    let blank = 0;
    let last = await new Promise((r) => requestAnimationFrame(r));
    for (let i = 0; i < steps; i++) {
      const before = target.scrollTop;
      target.scrollTop += stepPx;
      const now = await new Promise((r) => requestAnimationFrame(r));
      intervals.push(now - last);
      last = now;
      maxRows = Math.max(maxRows, dataRows(table));
      if (!drawn()) blank++;
      if (target.scrollTop === before) break;
    }
    // One more frame so rows rendered for the last position are counted.
    await new Promise((r) => requestAnimationFrame(r));
    const end = performance.now();
    return {
      intervals,
      maxRows,
      blank,
      scrolledPx: target.scrollTop - from,
      scrollHeight: target.scrollHeight,
      longTasks: bench.longTasks.filter((t) => t.start + t.duration >= start && t.start <= end).map((t) => Math.round(t.duration)),
      container: target === document.scrollingElement ? 'document' : target.className,
    };
  };
  bench.scrollTop = (table) => {
    const el = document.querySelector(table);
    let s = el && el.parentElement;
    while (s && !(s.scrollHeight > s.clientHeight + 10 && /(auto|scroll)/.test(getComputedStyle(s).overflowY))) s = s.parentElement;
    (s || document.scrollingElement).scrollTop = 0;
  };
})();
