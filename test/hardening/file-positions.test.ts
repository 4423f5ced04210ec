/**
 * Whole-file problems (binary, too large, unreadable, no reader) are reported at a real 1-based position,
 * so that SARIF viewers, the build log and the Markdown summary can point at the file; problems with no
 * position (a folder, the whole scan) keep line 0 and every publisher shows them without one.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PUBLISHERS } from '../../tasks/DrCheckV1/src/publishers';
import { runScan } from '../../tasks/DrCheckV1/src/scan';
import type { PostureReport } from '../../shared/report/types';
import { lakeTemplate } from '../task/run-task';
import { repo as makeRepo } from '../support/repo';

interface SarifResult {
  ruleId: string;
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number } } }>;
}

const repo = (files: Record<string, string | Buffer>) => makeRepo(files, 'drcheck-positions-');

/** Each read problem as a user sees it: the report, SARIF's region, the table and the Markdown summary. */
function seen(report: PostureReport, code: string) {
  const e = report.errors.find((x) => x.code === code);
  assert.ok(e, `${code} in ${JSON.stringify(report.errors)}`);
  const sarif = JSON.parse(PUBLISHERS.sarif(report)) as { runs: Array<{ invocations: Array<{ toolExecutionNotifications: SarifResult[] }> }> };
  const notes = sarif.runs[0].invocations.flatMap((i) => i.toolExecutionNotifications ?? []);
  const region = notes.find((n) => n.locations[0].physicalLocation.artifactLocation.uri.endsWith(e.file))?.locations[0].physicalLocation.region;
  return { line: e.line, column: e.column, file: e.file, region, table: PUBLISHERS.table(report, { color: false, width: 200 }), markdown: PUBLISHERS.markdown(report, { repositoryUrl: 'https://dev.azure.com/contoso/platform/_git/infra', commit: 'abc123' }) };
}

describe('file-level problems have a real position', () => {
  it('a binary file: the line and column of its first NUL byte', async () => {
    const dir = repo({ 'lake.json': lakeTemplate('Standard_GRS'), 'blob.json': Buffer.from('{\n  "a": 1,\n  "b\u0000": 2\n}\n', 'utf8') });
    const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null });
    const s = seen(report, 'binary-file');
    assert.deepEqual([s.file, s.line, s.column], ['blob.json', 3, 5]);
    assert.deepEqual(s.region, { startLine: 3, startColumn: 5 });
    assert.match(s.table, /blob\.json\(3,5\)/);
    assert.match(s.markdown, /\[blob\.json:3\]\(https:\/\/dev\.azure\.com\/contoso\/platform\/_git\/infra\?path=\/blob\.json&version=GCabc123&line=3&/);
    assert.deepEqual(report.resources.map((r) => r.name), ['stlakeprd'], 'the rest is judged');
  });

  it('a file over limits.maxFileBytes: line 1, column 1', async () => {
    const dir = repo({ 'lake.json': lakeTemplate('Standard_GRS'), 'huge.bicep': `// ${'x'.repeat(5000)}\n` });
    const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null, limits: { maxFileBytes: 4096 } });
    const s = seen(report, 'file-too-large');
    assert.deepEqual([s.file, s.line, s.column], ['huge.bicep', 1, 1]);
    assert.deepEqual(s.region, { startLine: 1, startColumn: 1 });
    assert.match(s.table, /huge\.bicep\(1,1\)/);
  });

  it('an unreadable file (chmod 000): line 1, column 1', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads a chmod 000 file anyway: nothing to observe
    const dir = repo({ 'lake.json': lakeTemplate('Standard_GRS'), 'locked.json': lakeTemplate('Standard_LRS') });
    fs.chmodSync(path.join(dir, 'locked.json'), 0);
    try {
      const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null });
      const s = seen(report, 'unreadable');
      assert.deepEqual([s.file, s.line, s.column], ['locked.json', 1, 1]);
      assert.deepEqual(s.region, { startLine: 1, startColumn: 1 });
      assert.match(report.errors[0].message, /permission denied/);
    } finally {
      fs.chmodSync(path.join(dir, 'locked.json'), 0o644);
    }
  });

  it('an unreadable Bicep module (a folder where the file should be): at the module declaration naming it', async () => {
    const dir = repo({ 'main.bicep': "param location string = 'westeurope'\n\n  module m 'mod.bicep' = {\n  name: 'm'\n}\n" });
    fs.mkdirSync(path.join(dir, 'mod.bicep'));
    const { report } = await runScan({ paths: ['main.bicep'], cwd: dir, configFile: null });
    const s = seen(report, 'unreadable');
    assert.deepEqual([s.file, s.line, s.column], ['main.bicep', 3, 3]);
    assert.deepEqual(s.region, { startLine: 3, startColumn: 3 });
  });

  it('an unreadable ARM parameters file named in the config (a folder, not a file): line 1, column 1 of that file', async () => {
    const dir = repo({ 'lake.json': lakeTemplate('Standard_GRS'), '.drcheck.yml': 'parameters:\n  - template: lake.json\n    parameters: params/prod\n' });
    fs.mkdirSync(path.join(dir, 'params/prod'), { recursive: true });
    const { report } = await runScan({ paths: ['.'], cwd: dir });
    const s = seen(report, 'unreadable');
    assert.deepEqual([s.file, s.line, s.column], ['params/prod', 1, 1]);
    assert.deepEqual(s.region, { startLine: 1, startColumn: 1 });
  });

  it('an unreadable Terraform module file (over the size limit): line 1, column 1 of that file', async () => {
    const dir = repo({
      'main.tf': 'module "data" {\n  source = "./modules/data"\n}\n',
      'modules/data/main.tf': `# ${'x'.repeat(5000)}\nresource "azurerm_storage_account" "st" {\n  name = "stdata"\n}\n`,
    });
    const { report } = await runScan({ paths: ['main.tf'], cwd: dir, configFile: null, limits: { maxFileBytes: 4096 } });
    const s = seen(report, 'unreadable');
    assert.deepEqual([s.file, s.line, s.column], ['modules/data/main.tf', 1, 1]);
    assert.deepEqual(s.region, { startLine: 1, startColumn: 1 });
    assert.match(report.errors.find((e) => e.code === 'unreadable')!.message, /over the 4096-byte limit/);
  });

  it('a problem with no position (a symbolic-link loop) keeps line 0: no SARIF region, no line in the table or Markdown', async () => {
    const dir = repo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    fs.symlinkSync(dir, path.join(dir, 'infra/loop'));
    const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null });
    const s = seen(report, 'symlink-loop');
    assert.deepEqual([s.file, s.line], ['infra/loop', 0]);
    assert.equal(s.region, undefined, 'SARIF leaves the region out rather than startLine 0');
    assert.match(s.table, /infra\/loop: /);
    assert.doesNotMatch(s.table, /infra\/loop\(0/);
    assert.match(s.markdown, /⚠️ infra\/loop: folder already scanned/);
  });
});
