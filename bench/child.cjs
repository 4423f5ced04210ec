// One measurement in a fresh process: `floor DIR` (read + JSON.parse every .json file, the least any ARM
// scanner must do), `report-floor DIR` (that, plus one report entry per resource: the least any scanner that
// hands back a per-resource report must do) or `scan DIR` (the real scan, then a second, warm scan in the same process).
// Prints one JSON line: wall times in ms and the process's peak resident memory in MiB.
const fs = require('node:fs');
const path = require('node:path');

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

async function main() {
  const [mode, dir] = process.argv.slice(2);
  const peak = () => Math.round(process.resourceUsage().maxRSS / 1024);
  if (mode === 'floor') {
    const t0 = performance.now();
    let n = 0;
    for (const f of walk(dir, []).sort()) {
      if (!f.endsWith('.json')) continue;
      const doc = JSON.parse(fs.readFileSync(f, 'utf8'));
      n += Array.isArray(doc.resources) ? doc.resources.length : 0;
    }
    console.log(JSON.stringify({ ms: performance.now() - t0, peakMiB: peak(), objects: n }));
    return;
  }
  if (mode === 'report-floor') {
    // The least any scanner handing back this report must do: read and parse each template, and make one report
    // entry per deployed resource (a literal copy count expanded) with its id and one finding's message; no
    // expression is evaluated and nothing is judged.
    const t0 = performance.now();
    const entries = [];
    for (const f of walk(dir, []).sort()) {
      if (!f.endsWith('.json')) continue;
      const doc = JSON.parse(fs.readFileSync(f, 'utf8'));
      for (const r of Array.isArray(doc.resources) ? doc.resources : []) {
        const count = typeof r.copy?.count === 'number' ? r.copy.count : 1;
        const type = String(r.type);
        for (let i = 0; i < count; i++) {
          const name = count > 1 ? `${r.name}[${i}]` : String(r.name);
          entries.push({
            id: ['-', '/', type.toLowerCase(), '/', name.toLowerCase()].join(''),
            type, name, address: name, file: f, line: 1, column: 1, language: 'arm', location: r.location ?? null, subscription: null, landingZone: null,
            service: null, stateful: true, statefulSource: 'catalog', redundancy: 'unknown', reason: 'not judged', required: 'geo', status: 'unknown', responsibility: null,
            findings: [{ ruleId: 'floor/redundancy', severity: 'warning', message: [type, " '", name, "' is not judged."].join(''), responsibility: null, uplift: [] }],
          });
        }
      }
    }
    console.log(JSON.stringify({ ms: performance.now() - t0, peakMiB: peak(), resources: entries.length }));
    return;
  }
  const { runScan } = require(path.resolve(__dirname, '../dist/cli.js'));
  const t0 = performance.now();
  let first = await runScan({ paths: [dir], configFile: null });
  const cold = performance.now() - t0;
  const coldPeak = peak();
  const summary = { resources: first.report.totals.resources, errors: first.report.errors.length, firstError: first.report.errors[0]?.message ?? null };
  // The warm scan is measured as a long-lived host runs it: the first scan's report is no longer held (its garbage is
  // still collected during the warm scan, and counted there).
  first = null;
  let warm = null;
  if (process.argv.includes('--warm')) {
    const t1 = performance.now();
    await runScan({ paths: [dir], configFile: null });
    warm = performance.now() - t1;
  }
  console.log(JSON.stringify({ ms: cold, warmMs: warm, peakMiB: coldPeak, ...summary }));
}
main().catch((e) => {
  console.log(JSON.stringify({ error: e.message }));
  process.exitCode = 1;
});
