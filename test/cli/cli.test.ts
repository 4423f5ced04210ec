import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateReport } from '../../shared/report/validate';
import type { PostureReport } from '../../shared/report/types';
import { spawn } from 'node:child_process';
import { judge } from '../../shared/engine/judge';
import { storage } from '../engine/helpers';
import { drcheck, REPO } from './run-cli';

const fixtures = path.join(__dirname, 'fixtures');

describe('drcheck CLI', () => {
  it('scans a folder, reports each resource and keeps going past a malformed and an empty file', () => {
    const r = drcheck(['scan', path.join(fixtures, 'mixed'), '--format', 'json', '--no-config']);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as PostureReport;
    assert.deepEqual(validateReport(report), []);
    const lake = report.resources.find((x) => x.name === 'stlakemixed')!;
    assert.equal(lake.redundancy, 'local');
    assert.equal(lake.status, 'fail');
    assert.equal(lake.address, "[parameters('lakeName')]");
    assert.equal(lake.file, 'test/cli/fixtures/mixed/storage.json');
    assert.equal(lake.line, 9);
    assert.equal(report.resources.find((x) => x.name === 'stbackupmixed')!.status, 'pass');
    const broken = report.errors.find((e) => e.file.endsWith('broken.json'))!;
    assert.equal(broken.line, 9);
    assert.ok(broken.column > 0);
    assert.ok(report.errors.some((e) => e.file.endsWith('empty.json')));
    assert.ok(!report.errors.some((e) => e.file.endsWith('package.json')), 'package.json is not a template and is skipped silently');
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });

  it('scans paths whose only common folder is the file system root, reporting files relative to it', function () {
    if (!fs.existsSync('/dev/null')) this.skip();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-root-'));
    fs.copyFileSync(path.join(fixtures, 'mixed/storage.json'), path.join(work, 'lake.json'));
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-cwd-'));
    // A file in /dev (not IaC, so not read) and a folder in the temp folder: only `/` holds both, and neither is in cwd.
    const r = drcheck(['scan', work, '/dev/null', '--format', 'json', '--no-config', '--fail-on', 'never'], { cwd: elsewhere, timeout: 20000 });
    assert.equal(r.code, 0, `the scan ends (it looped forever looking for a common folder above the root): ${r.stderr}`);
    const report = JSON.parse(r.stdout) as PostureReport;
    assert.deepEqual(
      report.resources.map((x) => x.file),
      ['stlakemixed', 'stbackupmixed'].map(() => path.relative('/', path.join(work, 'lake.json')).split(path.sep).join('/')),
    );
  });

  it('exits 0 when the threshold is not reached, 1 when it is', () => {
    const dir = path.join(fixtures, 'mixed');
    assert.equal(drcheck(['scan', dir, '--format', 'json', '--no-config', '--fail-on', 'never']).code, 0);
    assert.equal(drcheck(['scan', dir, '--format', 'json', '--no-config', '--fail-on', 'error']).code, 1);
  });

  it('exits 2 with a clear message for a missing path and for an invalid config, naming file, line and column', () => {
    const missing = drcheck(['scan', 'no/such/folder']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /drcheck: path not found: no\/such\/folder/);
    const bad = drcheck(['scan', path.join(fixtures, 'bad-config')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad-config\/\.drcheck\.yml\(6,5\): landingZones\.0 has an unknown key 'owner'/);
    assert.doesNotMatch(bad.stderr, /\n\s+at /);
    const usage = drcheck(['scan', '--strategy', 'pilot-light']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /pilot-light/);
  });

  it('exits 1 when a scanned file cannot be parsed, even with nothing else failing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-broken-'));
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [,]}');
    const r = drcheck(['scan', dir, '--format', 'json', '--no-config']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /drcheck: 1 read error in 1 file: what it holds is not judged/);
    assert.deepEqual(JSON.parse(r.stdout).errors.map((e: { file: string; line: number }) => [path.basename(e.file), e.line]), [['broken.json', 1]]);
    assert.equal(drcheck(['scan', dir, '--format', 'json', '--no-config', '--fail-on', 'never']).code, 0);
  });

  it('exits 1 on an error in a file that was read (a module cycle), as on a file that was not', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-cycle-'));
    fs.writeFileSync(path.join(dir, 'a.bicep'), "module b 'b.bicep' = {\n  name: 'b'\n}\n");
    fs.writeFileSync(path.join(dir, 'b.bicep'), "module a 'a.bicep' = {\n  name: 'a'\n}\n");
    const r = drcheck(['scan', dir, '--format', 'json', '--no-config']);
    assert.ok(JSON.parse(r.stdout).errors.some((e: { code?: string }) => e.code === 'module-cycle'), r.stdout);
    assert.equal(r.code, 1, r.stderr);
  });

  it('prints a plain table when piped, and writes every format with --out', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-out-'));
    const r = drcheck(['scan', path.join(fixtures, 'mixed'), '--format', 'table', '--no-config', '--out', out, '--fail-on', 'never']);
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no ANSI colours when piped');
    assert.match(r.stdout, /FAIL\s+Storage account.*stlakemixed\s+local → geo/);
    assert.match(r.stdout, /Uplift first:/);
    assert.deepEqual(fs.readdirSync(out).sort(), ['drcheck-junit.xml', 'drcheck.sarif', 'posture.json', 'posture.md', 'posture.txt']);
    assert.deepEqual(validateReport(JSON.parse(fs.readFileSync(path.join(out, 'posture.json'), 'utf8'))), []);
  });

  it('colours the table when forced, as on a terminal', () => {
    const r = drcheck(['scan', path.join(fixtures, 'mixed'), '--format', 'table', '--no-config', '--fail-on', 'never'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } as unknown as NodeJS.ProcessEnv });
    assert.match(r.stdout, /\x1b\[31m/);
  });

  it('prints the catalog as Markdown and JSON', () => {
    const md = drcheck(['catalog', '--format', 'markdown']);
    assert.equal(md.code, 0);
    assert.match(md.stdout, /\| \*\*Storage account/);
    const json = JSON.parse(drcheck(['catalog', '--format', 'json']).stdout);
    assert.ok(json.services.some((s: { id: string }) => s.id === 'storage-account'));
  });

  it('writes a baseline and diffs a later scan against it', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-diff-'));
    const tpl = JSON.parse(fs.readFileSync(path.join(fixtures, 'mixed/storage.json'), 'utf8'));
    tpl.parameters.skuName.defaultValue = 'Standard_GRS';
    fs.writeFileSync(path.join(work, 'lake.json'), JSON.stringify(tpl, null, 2));
    const base = drcheck(['baseline', '.', '-o', 'base.json', '--no-config'], { cwd: work });
    assert.equal(base.code, 0, base.stderr);
    tpl.parameters.skuName.defaultValue = 'Standard_LRS';
    fs.mkdirSync(path.join(work, 'moved'));
    fs.rmSync(path.join(work, 'lake.json'));
    fs.writeFileSync(path.join(work, 'moved/lake.json'), JSON.stringify(tpl, null, 2));
    fs.writeFileSync(path.join(work, 'head.json'), drcheck(['scan', 'moved', '--format', 'json', '--no-config'], { cwd: work }).stdout);
    const diff = drcheck(['diff', 'base.json', 'head.json'], { cwd: work });
    assert.equal(diff.code, 1);
    assert.match(diff.stdout, /1 regression/);
    assert.match(diff.stdout, /stlakemixed: redundancy dropped from geo to local/);
    assert.doesNotMatch(diff.stdout, /stbackupmixed/, 'the moved, unchanged account is not a change');
    const bad = drcheck(['diff', 'base.json', path.join(REPO, 'package.json')], { cwd: work });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /is not a drcheck posture report/);
  });

  it('diffs against a baseline from an earlier drcheck: changed verdicts on unchanged code are listed apart and do not fail', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-diff-'));
    fs.copyFileSync(path.join(fixtures, 'mixed/storage.json'), path.join(work, 'lake.json'));
    assert.equal(drcheck(['baseline', '.', '-o', 'head.json', '--no-config'], { cwd: work }).code, 0);
    const head = JSON.parse(fs.readFileSync(path.join(work, 'head.json'), 'utf8'));
    // What an earlier version, whose rules judged the LRS account geo-redundant, would have written.
    const base = structuredClone(head);
    base.tool.version = '1.0.0';
    const lake = base.resources.find((r: { name: string }) => r.name === 'stlakemixed');
    Object.assign(lake, { redundancy: 'geo', status: 'pass', findings: [] });
    fs.writeFileSync(path.join(work, 'base.json'), JSON.stringify(base));
    const text = drcheck(['diff', 'base.json', 'head.json'], { cwd: work });
    assert.equal(text.code, 0, text.stdout);
    assert.match(text.stdout, /no regressions/);
    assert.match(text.stdout, /Judged differently by drcheck \d+\.\d+\.\d+ \(code unchanged, not counted\)\n  ↻ Microsoft\.Storage\/storageAccounts stlakemixed: redundancy dropped from geo to local/);
    assert.match(text.stdout, /The baseline was made by drcheck 1\.0\.0; this run is drcheck \d+\.\d+\.\d+\. 1 resource whose code did not change is judged differently/);
    const json = JSON.parse(drcheck(['diff', 'base.json', 'head.json', '--format', 'json'], { cwd: work }).stdout);
    assert.deepEqual([json.regressions.length, json.rejudged.map((c: { name: string }) => c.name), json.toolChanged.from], [0, ['stlakemixed'], '1.0.0']);
    const md = drcheck(['diff', 'base.json', 'head.json', '--format', 'markdown'], { cwd: work }).stdout;
    assert.match(md, /\*\*Judged differently by drcheck \d+\.\d+\.\d+ \(code unchanged, not counted\)\*\*\n\n\| Resource \|[^\n]*\n\|---[^\n]*\n\| \*\*stlakemixed\*\*<br>/);
  });

  it('exits quietly when the reader of its output goes away (drcheck diff … | head)', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-epipe-'));
    const many = (sku: string) => ({ resources: Array.from({ length: 3000 }, (_, i) => storage(`st${i}epipe`, sku)), issues: [], strategy: 'redeploy' as const, config: {}, toolVersion: '1.3.0', roots: ['.'] });
    fs.writeFileSync(path.join(work, 'base.json'), JSON.stringify(judge(many('Standard_GRS'))));
    fs.writeFileSync(path.join(work, 'head.json'), JSON.stringify(judge(many('Standard_LRS'))));
    // The CLI from source: its output is far more than a pipe holds, and the reader closes after the first chunk.
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(REPO, 'cli/main.ts'), 'diff', 'base.json', 'head.json', '--format', 'json'], { cwd: work, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.doesNotMatch(stderr, /EPIPE|Unhandled|\n\s+at /, stderr);
    assert.equal(code, 1, 'the exit code is still the comparison\'s: regressions');
  });
});
