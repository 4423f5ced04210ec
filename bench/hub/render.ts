/**
 * Hub scale benchmark (`npm run bench:hub`): 1,000 landing-zone subscriptions with 50,000 resources (see
 * corpus.ts: 20 pipelines scanned by the real scan, three runs each), served by the hub tests' REST stand-in
 * and test host (test/hub/server.ts, test/hub/browser.ts) to the built hub (dist/hub) in Debian's Chromium.
 * Measures loading, filtering (keyword, status), drill-down into the largest subscription, scrolling both
 * tables (frame intervals, long tasks, rows in the DOM, blank frames) and the JS heap; writes
 * bench/hub-results.md. No thresholds: figures to read and compare. Timings are taken in the page (input
 * event → the DOM commit that shows the outcome → the next animation frame), not by polling from Node.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { validateReport } from '../../shared/report/validate';
import { hostBundle, launch, openHost, requireChromium, type Session } from '../../test/hub/browser';
import { startStandIn, type StandIn } from '../../test/hub/server';
import { PIPELINES, RESOURCES, SCANNED_AT, scanCorpus, subscriptionSizes, SUBSCRIPTIONS } from './corpus';

const RUNS = 3;
/** The whole run is abandoned (browser and servers closed, exit code 1) after this long. */
const DEADLINE_MS = Number(process.env.HUB_BENCH_DEADLINE_MS ?? 300_000);
const OUT = process.env.HUB_BENCH_OUT ?? path.resolve(__dirname, '../hub-results.md');
const PAGE_SCRIPT = fs.readFileSync(path.join(__dirname, 'page.js'), 'utf8');

interface Interaction {
  ms: number;
  commitMs: number;
  inputSeen: boolean;
  kpi: string | null;
  longTasks: number[];
}
interface Scrolled {
  intervals: number[];
  maxRows: number;
  blank: number;
  scrolledPx: number;
  scrollHeight: number;
  longTasks: number[];
  container: string;
}

const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
const median = (v: number[]) => sorted(v)[Math.floor(v.length / 2)];
const p95 = (v: number[]) => sorted(v)[Math.min(v.length - 1, Math.floor(v.length * 0.95))];
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${int(n)} ms`;
const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
const tasks = (t: number[]) => (t.length ? `${t.length} (longest ${Math.max(...t)} ms)` : '0');

let step = 'starting';
const log = (s: string) => {
  step = s;
  console.error(`[bench:hub] ${s}`);
};

/** Arms the in-page instrument, performs the action, and returns what the page measured. */
async function measure(frame: Frame, what: string, action: () => Promise<unknown>, timeoutMs = 60_000): Promise<Interaction> {
  await frame.evaluate(`window.__bench.arm(${JSON.stringify(what)}, ${timeoutMs}), true`);
  await action();
  const r = (await frame.evaluate('window.__bench.pending')) as Interaction;
  if (!r.inputSeen) throw new Error(`${what}: the page saw no input event`);
  return r;
}

/** The page's JS heap after a GC. */
async function heap(page: Page): Promise<{ used: number; total: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
  return { used: get('JSHeapUsedSize'), total: get('JSHeapTotalSize') };
}

async function main(): Promise<void> {
  requireChromium();
  const started = Date.now();
  const loadBefore = os.loadavg()[0];
  const sizes = subscriptionSizes();
  let standIn: StandIn | null = null;
  let session: Session | null = null;
  try {
    // 1. The corpus: every pipeline's three runs scanned, validated against the schema, attached to builds.
    log(`scanning ${PIPELINES} pipelines × ${RUNS} runs`);
    standIn = await startStandIn(await hostBundle());
    const s = standIn;
    s.definitions.push(...Array.from({ length: PIPELINES }, (_, p) => ({ id: p + 1, name: `landing-zones-${String(p).padStart(2, '0')}`, project: 'Contoso', defaultBranch: 'refs/heads/main' })));
    let bytes = 0;
    let latestBytes = 0;
    let scanMs = 0;
    let validateMs = 0;
    let latest = { subscriptions: 0, resources: 0, fail: 0, unknown: 0, suppressed: 0, errors: 0 };
    let t = Date.now();
    for await (const c of scanCorpus(RUNS)) {
      scanMs += Date.now() - t;
      const v = Date.now();
      const problems = validateReport(c.report);
      validateMs += Date.now() - v;
      if (problems.length) throw new Error(`pipeline ${c.pipeline} run ${c.run}: the report is not valid against posture.schema.json: ${problems.slice(0, 3).join('; ')}`);
      const text = JSON.stringify(c.report);
      bytes += text.length;
      if (c.run === RUNS - 1) {
        latestBytes += text.length;
        latest = {
          subscriptions: latest.subscriptions + c.report.subscriptions.length,
          resources: latest.resources + c.report.totals.resources,
          fail: latest.fail + c.report.totals.fail,
          unknown: latest.unknown + c.report.totals.unknown,
          suppressed: latest.suppressed + c.report.totals.suppressed,
          errors: latest.errors + c.report.errors.length,
        };
      }
      const finishTime = new Date(SCANNED_AT.getTime() - (RUNS - 1 - c.run) * 86_400_000 - c.pipeline * 60_000);
      s.builds.push({ id: c.buildId, project: 'Contoso', definitionId: c.pipeline + 1, buildNumber: `2026.${c.buildId}`, branch: 'refs/heads/main', finishTime, tags: ['drcheck'], attachments: [{ name: 'posture.json', text }] });
      t = Date.now();
    }
    if (latest.subscriptions !== SUBSCRIPTIONS || latest.resources !== RESOURCES || latest.errors) {
      throw new Error(`the latest runs hold ${latest.subscriptions} subscriptions and ${latest.resources} resources (${latest.errors} scan errors); expected ${SUBSCRIPTIONS} and ${RESOURCES}`);
    }
    const corpusMs = Date.now() - started;

    // 2. The hub: open it as the portal would and wait until every pipeline is read and compared.
    log('opening the hub');
    session = await launch();
    await session.context.addInitScript({ content: PAGE_SCRIPT });
    const chromiumVersion = session.browser.version();
    const opened = await openHost(session, s);
    const { page, hub, errors } = opened;
    const frame = page.frames().find((f) => f.url().includes('/ext/hub.html'));
    if (!frame) throw new Error('the hub frame did not load');
    await frame.waitForFunction('window.__bench && window.__bench.marks.settled', undefined, { timeout: 120_000, polling: 250 });
    const origin = (await page.evaluate('performance.timeOrigin')) as number;
    const marks = (await frame.evaluate('window.__bench.marks')) as { firstRows: number; settled: number; firstRowsKpi: string; firstRowsDescription: string; settledKpi: string };
    // Long tasks from the frame's start to the settled frame (the observer is buffered from the first script).
    const loadTasks = (await frame.evaluate(`window.__bench.longTasks.filter((t) => performance.timeOrigin + t.start <= ${marks.settled}).map((t) => t.duration)`)) as number[];
    const downloads = s.requests.filter((r) => /\/attachments\/drcheck\.posture\/posture\.json$/.test(r.path)).length;
    const regressionsShown = (await frame.evaluate(`document.querySelector('[data-kpi="regressions"] .drcheck-kpi-value').textContent`)) as string;
    const heapLoaded = await heap(page);
    if (marks.settledKpi !== SUBSCRIPTIONS.toLocaleString('en-US')) throw new Error(`the hub shows ${marks.settledKpi} subscriptions, expected ${SUBSCRIPTIONS}`);

    // 3. Scrolling the 1,000-row subscriptions table, top to bottom.
    log('scrolling the subscriptions table');
    const subsScroll = (await frame.evaluate('window.__bench.scroll(".drcheck-subscriptions", 200, 600)')) as Scrolled;

    // 4. Filters. Keyword: one landing zone (1,000 → 1 subscription) and back, three rounds; a resource keyword.
    log('filtering');
    await frame.evaluate('window.__bench.scrollTop(".drcheck-subscriptions")');
    const keywordBox = hub.locator('.drcheck-keyword input');
    const narrow: Interaction[] = [];
    const widen: Interaction[] = [];
    for (let i = 0; i < 3; i++) {
      const zone = `lz-07-01${i}`;
      narrow.push(await measure(frame, 'kpi', () => keywordBox.fill(zone)));
      if (narrow[i].kpi !== '1') throw new Error(`keyword ${zone}: ${narrow[i].kpi} subscriptions shown, expected 1`);
      widen.push(await measure(frame, 'kpi', () => keywordBox.fill('')));
    }
    // Single-region Cosmos DB accounts are named …-cosmos1r…: a resource-level match in most subscriptions.
    const resourceKeyword = await measure(frame, 'kpi', () => keywordBox.fill('cosmos1r'));
    const resourceKeywordClear = await measure(frame, 'kpi', () => keywordBox.fill(''));
    // Typing a landing zone's name key by key (a user at ~8 keys a second): frames and long tasks while typing,
    // and the time from the last key to the table.
    await frame.evaluate('window.__bench.recordFrames()');
    await keywordBox.pressSequentially('shared-service', { delay: 120 });
    const typed = await measure(frame, 'kpi', () => keywordBox.press('s'));
    const typing = (await frame.evaluate('window.__bench.stopFrames()')) as { intervals: number[]; longTasks: number[] };
    if (typed.kpi !== '1') throw new Error(`keyword shared-services: ${typed.kpi} subscriptions shown, expected 1`);
    await measure(frame, 'kpi', () => keywordBox.fill(''));

    // Status: Failing, then Regressed since the previous run (each selected, measured, then deselected).
    const status = async (option: string) => {
      await hub.locator('.drcheck-filter-status').click();
      const item = hub.getByRole('option', { name: option });
      await item.waitFor();
      const on = await measure(frame, 'kpi', () => item.click());
      const off = await measure(frame, 'kpi', () => item.click());
      await item.press('Escape');
      await hub.getByRole('option').first().waitFor({ state: 'detached' });
      if (off.kpi !== SUBSCRIPTIONS.toLocaleString('en-US')) throw new Error(`status ${option}: clearing left ${off.kpi} subscriptions`);
      return { on, off };
    };
    const failing = await status('Failing');
    const regressed = await status('Regressed since the previous run');

    // 5. Drill-down into the largest subscription (shared-services: 2,500 resources), then scroll its resources.
    log('drilling down');
    const largest = Math.max(...sizes);
    const link = hub.getByRole('link', { name: /^Open shared-services / });
    if (!(await link.count())) throw new Error('shared-services is not among the first rows of the subscriptions table');
    const drill = await measure(frame, 'resources', () => link.click());
    const detailTitle = await hub.locator('.drcheck-detail-description').innerText();
    if (!detailTitle.startsWith(`${largest.toLocaleString('en-US')} resources`)) throw new Error(`the drill-down shows "${detailTitle}", expected ${largest} resources`);
    log('scrolling the resources table');
    const resWheel = (await frame.evaluate('window.__bench.scroll(".drcheck-resources", 180, 100)')) as Scrolled;
    const resScroll = (await frame.evaluate('window.__bench.scroll(".drcheck-resources", 400, 600)')) as Scrolled;
    const back = await measure(frame, 'subscriptions', () => hub.getByRole('button', { name: 'Back to the subscriptions' }).click());
    const heapEnd = await heap(page);

    // 6. Trend: the earlier runs of every pipeline read (the previous ones are cached), merged and drawn.
    log('trend');
    const trend = await measure(frame, 'trend', () => hub.getByRole('tab', { name: /Trend/ }).click(), 120_000);
    const heapTrend = await heap(page);
    if (errors.length) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
    const totalMs = Date.now() - started;

    // 7. The figures.
    const cpus = os.cpus();
    const frames = (v: number[]) => `${median(v).toFixed(1)} / ${p95(v).toFixed(1)} / ${Math.max(...v).toFixed(1)} ms`;
    const md = [
      '# Hub scale benchmark',
      '',
      `Measured by \`npm run bench:hub\` (bench/hub/render.ts) on ${new Date().toISOString().slice(0, 10)}. Written by the benchmark itself; every figure below is from that run.`,
      '',
      `Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, ${os.type()} ${os.release()}, Node ${process.version}, Chromium ${chromiumVersion} (Debian, headless, software rendering, viewport 1366×768). Load average (1 min) ${loadBefore.toFixed(1)} at the start and ${os.loadavg()[0].toFixed(1)} at the end: other work shares the machine, so figures vary from run to run.`,
      '',
      `Organisation: ${PIPELINES} pipelines scanned by the real scan (ARM reader and engine, bench/hub/corpus.ts), ${RUNS} runs each; their latest runs hold **${int(latest.subscriptions)} subscriptions and ${int(latest.resources)} resources** (${int(latest.fail)} failing, ${int(latest.unknown)} unknown, ${int(latest.suppressed)} suppressed). Subscriptions hold 10 to ${int(largest)} resources. Every report validated against shared/report/posture.schema.json. Posture attachments: ${mib(latestBytes)} in the latest runs, ${mib(bytes)} in all. Served by the hub tests' REST stand-in (another origin: CORS) and test host over loopback, no added latency.`,
      '',
      '| measure | value |',
      '|---|---:|',
      `| open → first rows of the subscriptions table (discovery, the ${PIPELINES} latest runs downloaded and parsed, merged, rendered; ${marks.firstRowsKpi} subscriptions in that first frame) | ${ms(marks.firstRows - origin)} |`,
      `| open → every pipeline read and compared with its previous run (${downloads} attachments downloaded) | ${ms(marks.settled - origin)} |`,
      `| … regressions since the previous runs, as the summary shows them | ${regressionsShown} |`,
      `| … long tasks (> 50 ms) in the hub frame until then: count / total / longest | ${loadTasks.length} / ${ms(loadTasks.reduce((a, b) => a + b, 0))} / ${ms(Math.max(0, ...loadTasks))} |`,
      `| flinging through the subscriptions table (600 px a frame, ${int(subsScroll.scrolledPx)} px of ${int(subsScroll.scrollHeight)}): frame interval median / p95 / max | ${frames(subsScroll.intervals)} |`,
      `| … long tasks (> 50 ms) while scrolling | ${tasks(subsScroll.longTasks)} |`,
      `| … rows in the DOM (virtualised) / frames with a blank row mid-table | at most ${int(subsScroll.maxRows)} of ${int(SUBSCRIPTIONS)} / ${subsScroll.blank} of ${subsScroll.intervals.length} |`,
      `| keyword: one landing zone, 1,000 → 1 subscription (median of 3; includes the filter box's 200 ms throttle) | ${ms(median(narrow.map((r) => r.ms)))} |`,
      `| keyword cleared, 1 → 1,000 subscriptions (median of 3, same throttle) | ${ms(median(widen.map((r) => r.ms)))} |`,
      `| keyword matching resources ("cosmos1r", ${resourceKeyword.kpi} subscriptions) / cleared | ${ms(resourceKeyword.ms)} / ${ms(resourceKeywordClear.ms)} |`,
      `| typing "shared-services" key by key (120 ms apart): last key → table (includes the 200 ms throttle) | ${ms(typed.ms)} |`,
      `| … frame interval median / p95 / max while typing; long tasks | ${frames(typing.intervals)}; ${tasks(typing.longTasks)} |`,
      `| status filter Failing: click → table (${failing.on.kpi} subscriptions) / cleared | ${ms(failing.on.ms)} / ${ms(failing.off.ms)} |`,
      `| status filter Regressed since the previous run: click → table (${regressed.on.kpi} subscriptions) / cleared | ${ms(regressed.on.ms)} / ${ms(regressed.off.ms)} |`,
      `| … long tasks in those four filter changes | ${tasks([...failing.on.longTasks, ...failing.off.longTasks, ...regressed.on.longTasks, ...regressed.off.longTasks])} |`,
      `| drill-down into the largest subscription (${int(largest)} resources): click → resources table | ${ms(drill.ms)} |`,
      `| scrolling its resources table like a mouse wheel (100 px a frame, ${int(resWheel.scrolledPx)} px): frame interval median / p95 / max | ${frames(resWheel.intervals)} |`,
      `| … long tasks (> 50 ms) / frames with a blank row mid-table | ${tasks(resWheel.longTasks)} / ${resWheel.blank} of ${resWheel.intervals.length} |`,
      `| flinging through the rest of it (600 px a frame, ${int(resScroll.scrolledPx)} px, to ${int(resScroll.scrollHeight)}): frame interval median / p95 / max | ${frames(resScroll.intervals)} |`,
      `| … long tasks (> 50 ms) / frames with a blank row mid-table | ${tasks(resScroll.longTasks)} / ${resScroll.blank} of ${resScroll.intervals.length} |`,
      `| … rows in the DOM (virtualised) | at most ${int(Math.max(resWheel.maxRows, resScroll.maxRows))} of ${int(largest)} |`,
      `| back to the subscriptions table | ${ms(back.ms)} |`,
      `| Trend tab: up to ${RUNS} runs of each pipeline read, merged, drawn | ${ms(trend.ms)} |`,
      `| JS heap used after loading / after filtering, drill-down and scrolling / with the trend (after GC) | ${mib(heapLoaded.used)} / ${mib(heapEnd.used)} / ${mib(heapTrend.used)} |`,
      `| page errors | ${errors.length} |`,
      '',
      `Times are taken in the page: from the input event (click, key, text entered) to the DOM commit that shows the outcome (a MutationObserver sees the summary's subscription count or the table change), plus the next animation frame. Loading times run from the host page's navigation start. Long tasks come from PerformanceObserver("longtask"). Scrolling sets the scroll container's scrollTop once per requestAnimationFrame; a "blank" frame is one where the row under the middle of the visible table is not drawn yet.`,
      '',
      `Run: corpus (scan ${ms(scanMs)}, schema validation ${ms(validateMs)}) ${ms(corpusMs)}; whole benchmark ${ms(totalMs)}.`,
      '',
    ].join('\n');
    fs.writeFileSync(OUT, md);
    console.log(md);
  } finally {
    await session?.close().catch(() => undefined);
    await standIn?.close().catch(() => undefined);
  }
}

// A hung step must not hang the run: report where it was and leave (cleanup runs in main's finally first when it can).
const deadline = setTimeout(() => {
  console.error(`[bench:hub] gave up after ${DEADLINE_MS / 1000} s at: ${step}`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

main().then(
  () => clearTimeout(deadline),
  (e) => {
    clearTimeout(deadline);
    console.error(`[bench:hub] failed at: ${step}`);
    console.error(e);
    process.exitCode = 1;
  },
);
