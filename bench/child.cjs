// One measurement in a fresh process: `floor DIR` (read + JSON.parse every .json file, the least any ARM
// scanner must do) or `scan DIR` (the real scan, then a second, warm scan in the same process).
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
  const { runScan } = require(path.resolve(__dirname, '../dist/cli.js'));
  const t0 = performance.now();
  const first = await runScan({ paths: [dir], configFile: null });
  const cold = performance.now() - t0;
  const coldPeak = peak();
  let warm = null;
  if (process.argv.includes('--warm')) {
    const t1 = performance.now();
    await runScan({ paths: [dir], configFile: null });
    warm = performance.now() - t1;
  }
  console.log(JSON.stringify({ ms: cold, warmMs: warm, peakMiB: coldPeak, resources: first.report.totals.resources, errors: first.report.errors.length, firstError: first.report.errors[0]?.message ?? null }));
}
main().catch((e) => {
  console.log(JSON.stringify({ error: e.message }));
  process.exitCode = 1;
});
