#!/usr/bin/env node
// `npm run bench`: scan speed, memory and scale, measured against a floor in the same run.
// Every figure is a ratio or a rate measured here and now; nothing is compared with numbers from another machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const corpusRoot = path.join(here, 'corpus');
const sizes = (process.env.DRCHECK_BENCH_SIZES ?? '100,10000,100000').split(',').map(Number);
const languages = (process.env.DRCHECK_BENCH_LANGUAGES ?? 'arm,bicep,terraform').split(',');
const REPEAT = 3;

function child(args) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', path.join(here, 'child.cjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = r.stdout.trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch {
    return { error: r.stderr.trim().split('\n').slice(-3).join(' ') || `exit ${r.status}` };
  }
}

/**
 * Each measurement's median of REPEAT runs, by wall time. The runs are interleaved (scan, floor, report floor, scan, …):
 * a shared or virtual machine's speed drifts over minutes, and a ratio of runs made minutes apart would carry the drift.
 */
function measureTogether(argsList) {
  const runs = argsList.map(() => []);
  for (let i = 0; i < REPEAT; i++) argsList.forEach((args, k) => runs[k].push(child(args)));
  return runs.map((rs) => {
    const ok = rs.filter((r) => !r.error);
    if (!ok.length) return rs[0];
    ok.sort((a, b) => a.ms - b.ms);
    return ok[Math.floor(ok.length / 2)];
  });
}

const rows = [];
const fmt = (n, d = 0) => (n === null || n === undefined || Number.isNaN(n) ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
const perArmResource = {};

for (const size of sizes) {
  for (const language of languages) {
    const dir = path.join(corpusRoot, `${language}-${size}`);
    const files = generate(language, size, dir);
    const [scan, floor = null, reportFloor = null] = measureTogether(
      language === 'arm' ? [['scan', dir, '--warm'], ['floor', dir], ['report-floor', dir]] : [['scan', dir]],
    );
    if (scan.error) {
      rows.push({ language, size, files, error: scan.error });
      continue;
    }
    const perResource = scan.ms / scan.resources;
    if (language === 'arm') perArmResource[size] = perResource;
    rows.push({
      language,
      size,
      files,
      resources: scan.resources,
      ms: scan.ms,
      rate: scan.resources / (scan.ms / 1000),
      warmRate: scan.warmMs ? scan.resources / (scan.warmMs / 1000) : null,
      peakMiB: scan.peakMiB,
      floorMs: floor?.ms ?? null,
      floorRatio: floor ? scan.ms / floor.ms : null,
      reportFloorRatio: reportFloor && !reportFloor.error ? scan.ms / reportFloor.ms : null,
      reportOverFloor: reportFloor && floor && !reportFloor.error ? reportFloor.ms / floor.ms : null,
      vsArm: perArmResource[size] ? perResource / perArmResource[size] : null,
      usPerResource: perResource * 1000,
      errors: scan.errors,
    });
  }
}

// Cold start of the CLI on the Contoso example, and the task bundle.
function timeCommand(args, cwd) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[2];
}
const nodeStart = timeCommand(['-e', '0'], repo);
const contoso = existsSync(path.join(repo, 'examples/contoso')) ? timeCommand([path.join(repo, 'dist/cli.js'), 'scan', 'examples/contoso', '--format', 'json', '--quiet'], repo) : null;
const taskCandidates = ['dist/tasks/DrCheckV1/index.js', 'tasks/DrCheckV1/dist/index.js'].map((p) => path.join(repo, p));
const taskBundle = taskCandidates.find((p) => existsSync(p));
const taskSize = taskBundle ? statSync(taskBundle).size : null;
// Started outside an agent the task scans its working directory: give it an empty one, so the figure is the bundle's start
// (load, inputs, an empty scan, publishing) and not a scan of whatever the temp folder holds.
const emptySources = mkdtempSync(path.join(os.tmpdir(), 'drcheck-task-start-'));
const taskStart = taskBundle ? timeCommand(['-e', `require(${JSON.stringify(taskBundle)})`], emptySources) : null;
rmSync(emptySources, { recursive: true, force: true });

const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
const table = [
  '| language | resources | files | wall ms | resources/s | warm resources/s | peak MiB | × floor | × report floor | × ARM per resource | µs/resource | read errors |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) =>
    r.error
      ? `| ${r.language} | ${fmt(r.size)} | ${fmt(r.files)} | failed: ${r.error} | | | | | | | | |`
      : `| ${r.language} | ${fmt(r.resources)} | ${fmt(r.files)} | ${fmt(r.ms)} | ${fmt(r.rate)} | ${fmt(r.warmRate)} | ${fmt(r.peakMiB)} | ${fmt(r.floorRatio, 2)} | ${fmt(r.reportFloorRatio, 2)} | ${fmt(r.vsArm, 2)} | ${fmt(r.usPerResource, 1)} | ${fmt(r.errors)} |`,
  ),
];
const targets = [];
const armRows = rows.filter((r) => r.language === 'arm' && !r.error);
const big = armRows.find((r) => r.size === Math.max(...armRows.map((x) => x.size)));
if (big) {
  targets.push(`- ARM within 2.5× the read-and-parse floor: **${fmt(big.floorRatio, 2)}×** at ${fmt(big.resources)} resources (${big.floorRatio <= 2.5 ? 'met' : 'NOT met'}).`);
  if (big.reportOverFloor !== null) {
    targets.push(
      `  For scale: the report floor (read, parse and make one report entry per resource; nothing evaluated or judged) takes **${fmt(big.reportOverFloor, 2)}×** the read-and-parse floor by itself, and the scan takes **${fmt(big.reportFloorRatio, 2)}×** the report floor.`,
    );
  }
  targets.push(`- ≥100,000 ARM resources/s once warm: **${fmt(big.warmRate)}**/s (${big.warmRate >= 100000 ? 'met' : 'NOT met'}).`);
}
const hundredK = rows.filter((r) => r.size === 100000 && !r.error);
for (const r of hundredK) targets.push(`- ${r.language}, 100,000 resources under 1 GiB: **${fmt(r.peakMiB)} MiB** peak (${r.peakMiB < 1024 ? 'met' : 'NOT met'}).`);
for (const r of rows.filter((x) => x.language !== 'arm' && !x.error && x.vsArm !== null && x.size >= 10000)) {
  targets.push(`- ${r.language} within 2× of ARM per resource at ${fmt(r.resources)}: **${fmt(r.vsArm, 2)}×** (${r.vsArm <= 2 ? 'met' : 'NOT met'}).`);
}
for (const language of languages) {
  const lr = rows.filter((r) => r.language === language && !r.error).sort((a, b) => a.size - b.size);
  if (lr.length >= 2) targets.push(`- ${language} linearity, µs per resource by size: ${lr.map((r) => `${fmt(r.resources)} → ${fmt(r.usPerResource, 1)}`).join(', ')}.`);
}
const extras = [
  `- CLI cold start on examples/contoso: **${fmt(contoso)} ms** (a bare \`node -e 0\` takes ${fmt(nodeStart)} ms here).`,
  taskBundle ? `- Task bundle: ${path.relative(repo, taskBundle)}, **${fmt(taskSize / 1024)} KiB**, starts and finishes on an empty sources folder in **${fmt(taskStart)} ms** (node start included).` : '- Task bundle: not built.',
];

const md = [
  '# drcheck benchmarks',
  '',
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.`,
  'Each figure is the median of three runs in fresh processes, the scan\'s and its floors\' runs interleaved. "× floor" divides the ARM scan time by the time a process takes only to read and',
  '`JSON.parse` the same files; "× report floor" divides it by the time a process takes to read, parse and make one report entry (id, fields,',
  'one finding\'s message) per resource, evaluating and judging nothing; "× ARM per resource" divides a language\'s time per resource by ARM\'s',
  'at the same size. Corpora come from',
  '`bench/generate.mjs` (deterministic): ~100 resources per file with parameters, variables, expressions, copy/count/for loops.',
  '',
  ...table,
  '',
  '## Targets',
  '',
  ...targets,
  ...extras,
  '',
].join('\n');
mkdirSync(here, { recursive: true });
writeFileSync(path.join(here, 'results.md'), md);
console.log(md);
