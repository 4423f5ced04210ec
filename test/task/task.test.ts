/**
 * DrCheck@1 as the agent runs it: the bundled script (dist/tasks/DrCheckV1/index.js) in a child process with
 * the agent's environment, asserting on the `##vso[...]` commands it prints and the files it writes.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateReport } from '../../shared/report/validate';
import { lakeTemplate, leaks, makeRepo, REPO, runTask, TASK, type TaskRun } from './run-task';

const CONTOSO = path.join(REPO, 'examples/contoso');

const posture = (run: TaskRun) => JSON.parse(fs.readFileSync(run.find('task.addattachment', { type: 'drcheck.posture' })!.message, 'utf8'));
const variables = (run: TaskRun) => Object.fromEntries(run.commands.filter((c) => c.command === 'task.setvariable').map((c) => [c.properties.variable, c.message]));
const noStackTrace = (run: TaskRun) => assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at .*\.js:\d+/, 'no stack trace');

describe('DrCheck@1 task', function () {
  this.timeout(60000);

  before(() => assert.ok(fs.existsSync(TASK), `${TASK} is missing: run npm run build first`));

  it('scans the Contoso example and publishes SARIF, JUnit, the summary, the posture attachment and output variables', async () => {
    const run = await runTask({ sources: CONTOSO, inputs: { paths: CONTOSO, strategy: 'redeploy', failOn: 'findings', baseline: 'none' } });
    assert.equal(run.result, 'Failed', run.stdout.slice(-2000));
    assert.match(run.resultMessage!, /^DR posture: \d+ open findings on \d+ resource\(s\) at or above 'warning'$/);
    const attach = run.find('task.addattachment', { type: 'drcheck.posture', name: 'posture.json' })!;
    assert.equal(attach.message, path.join(run.staging, 'drcheck', 'posture.json'));
    const report = posture(run);
    assert.deepEqual(validateReport(report), []);
    assert.equal(report.totals.fail, 6);
    assert.deepEqual(report.run ?? {}, {}, 'outside a pipeline run there is no build context');
    assert.equal(run.find('build.addbuildtag')!.message, 'drcheck');
    // Build summary: titled by the file name, posture per subscription and the uplift actions.
    assert.equal(run.find('task.uploadsummary')!.message, path.join(run.staging, 'drcheck', 'DR posture.md'));
    const summary = fs.readFileSync(path.join(run.staging, 'drcheck', 'DR posture.md'), 'utf8');
    assert.match(summary, /## Posture per subscription/);
    assert.match(summary, /\*\*Uplift first\*\*/);
    // Tests tab: one JUnit file, published through task-lib's TestPublisher.
    const junit = run.find('results.publish', { type: 'JUnit' })!;
    assert.equal(junit.properties.mergeResults, 'false');
    assert.equal(junit.properties.runTitle, 'DR posture (redeploy)');
    assert.match(fs.readFileSync(junit.properties.resultFiles, 'utf8'), /<testsuites name="drcheck \(redeploy\)" tests="39" failures="7"/);
    // SARIF: our file only, into the CodeAnalysisLogs artifact the Scans tab reads.
    const sarifUpload = run.find('artifact.upload', { artifactname: 'CodeAnalysisLogs' })!;
    assert.equal(sarifUpload.properties.containerfolder, 'CodeAnalysisLogs');
    assert.equal(sarifUpload.message, path.join(run.staging, 'CodeAnalysisLogs', 'drcheck.sarif'));
    const sarif = JSON.parse(fs.readFileSync(sarifUpload.message, 'utf8'));
    assert.equal(sarif.runs[0].tool.driver.name, 'drcheck');
    assert.ok(sarif.runs[0].tool.driver.rules.find((r: { id: string; helpUri: string }) => r.id === 'storage-account/redundancy' && r.helpUri.startsWith('https://learn.microsoft.com/')));
    assert.equal(run.find('artifact.upload', { artifactname: 'drcheck' })!.message, path.join(run.staging, 'drcheck'));
    // Annotations with file, line and column; the failing findings are errors.
    const lakeIssue = run.issues.find((i) => i.properties.code === 'storage-account/redundancy' && /stctsolakeprd/.test(i.message))!;
    assert.equal(lakeIssue.properties.type, 'error');
    assert.equal(lakeIssue.properties.sourcepath, 'landing-zone-data/data-lake.json');
    assert.equal(lakeIssue.properties.linenumber, '27');
    assert.match(lakeIssue.properties.columnnumber, /^\d+$/);
    const vars = variables(run);
    assert.deepEqual(
      { resourceCount: vars.resourceCount, failCount: vars.failCount, passCount: vars.passCount, suppressedCount: vars.suppressedCount, regressionCount: vars.regressionCount, postureFile: vars.postureFile },
      { resourceCount: '39', failCount: '6', passCount: '32', suppressedCount: '1', regressionCount: '', postureFile: attach.message },
    );
    assert.equal(vars.findingCount, String(report.totals.findings));
    assert.ok(run.commands.filter((c) => c.command === 'task.setvariable').every((c) => c.properties.isOutput === 'true'), 'output variables');
    assert.equal(run.code, 0, 'task-lib reports failure through task.complete, not the exit code');
  });

  it('ends SucceededWithIssues when findings do not fail the run, Succeeded when there are none', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_LRS') });
    const issues = await runTask({ sources: repo, inputs: { failOn: 'never', baseline: 'none' } });
    assert.equal(issues.result, 'SucceededWithIssues');
    assert.equal(issues.resultMessage, 'DR posture: 1 open finding on 1 resource(s) (failOn: never)');
    assert.equal(issues.issues.find((i) => i.properties.code === 'storage-account/redundancy')!.properties.type, 'warning', 'a finding that does not fail the run is a warning');
    const clean = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_RAGZRS') });
    const ok = await runTask({ sources: clean, inputs: { failOn: 'findings', baseline: 'none' } });
    assert.equal(ok.result, 'Succeeded');
    assert.equal(ok.resultMessage, 'DR posture: no open findings');
    assert.equal(ok.issues.length, 0);
    fs.writeFileSync(path.join(clean, 'infra/broken.json'), '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [,]}');
    const broken = await runTask({ sources: clean, inputs: { failOn: 'findings', baseline: 'none' } });
    assert.equal(broken.result, 'Failed');
    assert.equal(broken.resultMessage, 'DR posture: 1 file could not be read, so what it holds is not judged');
  });

  it('honours strategy, subscription, the ARM service connection, publishSarif and publishTestResults', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    const run = await runTask({
      sources: repo,
      inputs: { paths: 'infra', strategy: 'active-active', failOn: 'findings', baseline: 'none', publishSarif: 'false', publishTestResults: 'false', azureSubscription: 'arm-conn' },
      endpoints: { 'arm-conn': { url: 'https://management.azure.com/', data: { subscriptionId: '55555555-5555-4555-8555-555555555555' } } },
    });
    assert.equal(run.result, 'Failed', 'GRS is not multi-region');
    const p = posture(run);
    assert.equal(p.strategy, 'active-active');
    assert.equal(p.resources[0].subscription, '55555555-5555-4555-8555-555555555555');
    assert.equal(p.resources[0].file, 'infra/lake.json');
    assert.equal(run.find('results.publish'), undefined);
    assert.equal(run.find('artifact.upload', { artifactname: 'CodeAnalysisLogs' }), undefined);
    assert.ok(!fs.existsSync(path.join(run.staging, 'CodeAnalysisLogs')));
    assert.deepEqual(leaks(run, 'spn-secret-value-123'), [], 'the service connection secret is never printed');
    const explicit = await runTask({ sources: repo, inputs: { strategy: 'warm-spare', subscription: 'sub-from-input', baseline: 'none', failOn: 'never', azureSubscription: 'arm-conn' }, endpoints: { 'arm-conn': { data: { subscriptionId: 'ignored' } } } });
    const p2 = posture(explicit);
    assert.equal(p2.strategy, 'warm-spare');
    assert.equal(p2.resources[0].subscription, 'sub-from-input', 'the subscription input wins over the connection');
  });

  it('warns when the service connection has no subscription id', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    const run = await runTask({ sources: repo, inputs: { baseline: 'none', failOn: 'never', azureSubscription: 'mg-conn' }, endpoints: { 'mg-conn': { data: { managementGroupId: 'contoso' } } } });
    assert.ok(run.issues.some((i) => i.properties.type === 'warning' && /service connection 'mg-conn' has no subscription id/.test(i.message)));
    assert.equal(posture(run).resources[0].subscription, null);
  });

  it('scans several paths and globs given one per line, relative to the sources directory', async () => {
    const repo = makeRepo({
      'platform/lake.json': lakeTemplate('Standard_GRS'),
      'apps/a/lake.json': lakeTemplate('Standard_LRS').replace('stlakeprd', 'stappa'),
      'apps/b/lake.json': lakeTemplate('Standard_LRS').replace('stlakeprd', 'stappb'),
      'legacy/lake.json': lakeTemplate('Standard_LRS').replace('stlakeprd', 'stlegacy'),
    });
    const run = await runTask({ sources: repo, inputs: { paths: 'platform\r\napps/*/lake.json\n\n', failOn: 'never', baseline: 'none' } });
    assert.deepEqual(posture(run).resources.map((r: { name: string }) => r.name).sort(), ['stappa', 'stappb', 'stlakeprd']);
  });

  it('reads Bicep natively, or compiles it with the Bicep CLI and says so when the CLI is missing', async () => {
    const bicep = `param location string = resourceGroup().location\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stbicepprd'\n  location: location\n  sku: { name: 'Standard_ZRS' }\n  kind: 'StorageV2'\n}\n`;
    const repo = makeRepo({ 'infra/main.bicep': bicep });
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-nopath-'));
    const native = await runTask({ sources: repo, inputs: { bicep: 'native', failOn: 'never', baseline: 'none' }, env: { PATH: empty } });
    const compiled = await runTask({ sources: repo, inputs: { bicep: 'compile', failOn: 'never', baseline: 'none' }, env: { PATH: empty } });
    for (const run of [native, compiled]) assert.deepEqual(posture(run).resources.map((r: { name: string; redundancy: string }) => [r.name, r.redundancy]), [['stbicepprd', 'zone']]);
    assert.ok(!native.issues.some((i) => i.properties.code === 'bicep-cli'));
    const notFound = compiled.issues.find((i) => i.properties.code === 'bicep-cli')!;
    assert.match(notFound.message, /Bicep CLI not found on PATH/);
    assert.equal(notFound.properties.sourcepath, 'infra/main.bicep');
  });

  it("judges an Azure Verified Module from the agent's Bicep cache (after bicep restore), at the module line", async () => {
    // The agent user's home, as a `bicep restore` step earlier in the job left it: ~/.bicep/br/mcr.microsoft.com/…/main.json.
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-agent-home-'));
    fs.cpSync(path.join(REPO, 'test/readers/bicep/fixtures/bicep-cache'), path.join(home, '.bicep'), { recursive: true });
    const main = `module lake 'br/public:avm/res/storage/storage-account:0.33.0' = {\n  name: 'lake'\n  params: {\n    name: 'stctsolakeprd'\n    skuName: 'Standard_LRS'\n  }\n}\n`;
    const repo = makeRepo({ 'infra/main.bicep': main });
    const run = await runTask({ sources: repo, inputs: { failOn: 'never', baseline: 'none' }, env: { HOME: home, USERPROFILE: home } });
    noStackTrace(run);
    const lake = posture(run).resources.find((r: { address: string }) => r.address === 'lake.storageAccount');
    assert.deepEqual([lake.name, lake.status, lake.file, lake.line], ['stctsolakeprd', 'fail', 'infra/main.bicep', 1]);
    const sarif = JSON.parse(fs.readFileSync(path.join(run.staging, 'CodeAnalysisLogs', 'drcheck.sarif'), 'utf8'));
    const result = sarif.runs[0].results.find((x: { message: { text: string } }) => /stctsolakeprd/.test(x.message.text));
    assert.deepEqual([result.locations[0].physicalLocation.artifactLocation.uri, result.locations[0].physicalLocation.region.startLine], ['infra/main.bicep', 1]);
    // Without the restore step the module is a warning that says what to do, and nothing is judged from it.
    const bare = await runTask({ sources: repo, inputs: { failOn: 'never', baseline: 'none' }, env: { HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-agent-home-')) } });
    assert.equal(posture(bare).resources.length, 0);
    const warning = bare.issues.find((i) => i.properties.code === 'module-not-followed')!;
    assert.match(warning.message, /not in the local Bicep module cache .*run `bicep restore`/);
    assert.deepEqual([warning.properties.type, warning.properties.sourcepath, warning.properties.linenumber], ['warning', 'infra/main.bicep', '1']);
  });

  it('annotates the findings that fail the run before hundreds of modules not followed, within the cap', async () => {
    // 250 registry modules with no `bicep restore` before the task, and one account that fails the strategy.
    const modules = Array.from({ length: 250 }, (_, i) => `module m${i} 'br/public:avm/res/network/private-dns-zone:0.3.${i}' = {\n  name: 'm${i}'\n}\n`).join('');
    const lake = `resource lake 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stctsolakeprd'\n  location: 'westeurope'\n  sku: { name: 'Standard_LRS' }\n  kind: 'StorageV2'\n}\n`;
    const repo = makeRepo({ 'infra/main.bicep': modules + lake });
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-agent-home-'));
    const run = await runTask({ sources: repo, inputs: { failOn: 'findings', baseline: 'none' }, env: { HOME: home, USERPROFILE: home } });
    const annotations = run.issues.filter((i) => i.command === 'task.logissue');
    assert.equal(annotations.length, 200, 'capped');
    const finding = annotations.find((i) => /stctsolakeprd/.test(i.message))!;
    assert.ok(finding, 'the failing account is annotated');
    assert.deepEqual([finding.properties.type, finding.properties.sourcepath, finding.properties.linenumber], ['error', 'infra/main.bicep', '751']);
    assert.equal(annotations.filter((i) => i.properties.code === 'module-not-followed').length, 199);
    assert.match(run.stdout, /drcheck: 51 more problems and findings are in posture\.json and the SARIF log\./);
  });

  it('reads configFile and a baseline path; a regression against it fails the run', async () => {
    const repo = makeRepo({
      'infra/lake.json': lakeTemplate('Standard_GRS'),
      'ci/drcheck.yml': 'strategy: redeploy\nlandingZones:\n  - name: data\n    subscription: 33333333-3333-4333-8333-333333333333\n    paths: ["../infra/**"]\n',
    });
    const first = await runTask({ sources: repo, inputs: { configFile: 'ci/drcheck.yml', baseline: 'none', failOn: 'never' } });
    const baseline = path.join(repo, 'baseline.json');
    fs.copyFileSync(first.find('task.addattachment')!.message, baseline);
    assert.equal(JSON.parse(fs.readFileSync(baseline, 'utf8')).resources[0].landingZone, 'data');
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS'));
    const second = await runTask({ sources: repo, inputs: { configFile: 'ci/drcheck.yml', baseline: 'baseline.json', failOn: 'regressions' } });
    assert.equal(second.result, 'Failed');
    assert.equal(second.resultMessage, 'DR posture: 1 regression against the baseline (stlakeprd)');
    assert.equal(variables(second).regressionCount, '1');
    assert.equal(variables(second).improvementCount, '0');
    assert.match(fs.readFileSync(path.join(second.staging, 'drcheck', 'DR posture.md'), 'utf8'), /## Changes since the baseline: 1 regression, 0 improvements/);
    // failOn: never reports the regression without failing.
    const never = await runTask({ sources: repo, inputs: { configFile: 'ci/drcheck.yml', baseline: 'baseline.json', failOn: 'never' } });
    assert.equal(never.result, 'SucceededWithIssues');
    assert.equal(never.resultMessage, 'DR posture: 1 regression against the baseline (stlakeprd); not failing the run (failOn: never)');
  });

  it('fails with a clear message when the baseline path is missing or not a posture report', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS'), 'not-posture.json': '{"hello": "world"}' });
    const missing = await runTask({ sources: repo, inputs: { baseline: 'baselines/main.json' } });
    assert.equal(missing.result, 'Failed');
    assert.equal(missing.resultMessage, "baseline file baselines/main.json cannot be read (not found); write one with 'drcheck baseline', or use baseline: auto or none");
    const wrong = await runTask({ sources: repo, inputs: { baseline: 'not-posture.json' } });
    assert.equal(wrong.result, 'Failed');
    assert.match(wrong.resultMessage!, /^baseline file not-posture\.json is not a drcheck posture report \(/);
    for (const r of [missing, wrong]) {
      noStackTrace(r);
      assert.ok(fs.existsSync(r.find('task.addattachment')!.message), 'the scan is still published');
    }
  });

  it('on a branch build with no baseline yet, lets the run become the baseline (noBaseline: auto), or fails closed', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_LRS') });
    const variablesOfMain = { 'Build.Reason': 'IndividualCI', 'Build.SourceBranch': 'refs/heads/main' };
    const first = await runTask({ sources: repo, inputs: { failOn: 'regressions' }, variables: variablesOfMain });
    assert.equal(first.result, 'SucceededWithIssues');
    assert.match(first.resultMessage!, /^DR posture: baseline: auto needs a pipeline run .*; 1 open finding on 1 resource\(s\) not gated \(this run becomes the baseline for the next ones\)$/);
    const closed = await runTask({ sources: repo, inputs: { failOn: 'regressions', noBaseline: 'fail' }, variables: variablesOfMain });
    assert.equal(closed.result, 'Failed');
    assert.match(closed.resultMessage!, /failing closed \(noBaseline: fail\)$/);
    const judged = await runTask({ sources: repo, inputs: { failOn: 'regressions', noBaseline: 'findings' }, variables: variablesOfMain });
    assert.equal(judged.result, 'Failed');
    assert.match(judged.resultMessage!, /so the run is judged on its own: 1 open finding/);
  });

  it('fails with a clear one-line reason for a missing path, a broken config and bad input values, never a stack trace', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS'), '.drcheck.yml': 'strategy: redeploy\nlandingZones:\n  - name: data\n    paths: ["**"]\n' });
    const missing = await runTask({ sources: makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') }), inputs: { paths: 'no/such/dir', baseline: 'none' } });
    assert.equal(missing.result, 'Failed');
    assert.equal(missing.resultMessage, 'path not found: no/such/dir');
    const broken = await runTask({ sources: repo, inputs: { baseline: 'none' } });
    assert.equal(broken.result, 'Failed');
    assert.match(broken.resultMessage!, /\.drcheck\.yml\(3,5\): landingZones\.0 must have required property 'subscription'/);
    const issue = broken.issues.find((i) => i.properties.sourcepath === '.drcheck.yml')!;
    assert.deepEqual([issue.properties.type, issue.properties.linenumber, issue.properties.columnnumber], ['error', '3', '5']);
    const runs = [missing, broken];
    for (const [name, value, allowed] of [
      ['strategy', 'pilot-light', 'redeploy, warm-spare, hot-spare, active-active'],
      ['failOn', 'warnings', 'regressions, findings, never'],
      ['bicep', 'docker', 'native, compile'],
      ['noBaseline', 'ignore', 'auto, findings, fail, pass'],
    ]) {
      const bad = await runTask({ sources: repo, inputs: { [name]: value, baseline: 'none' } });
      assert.equal(bad.result, 'Failed');
      assert.equal(bad.resultMessage, `input '${name}' is '${value}'; expected one of ${allowed}`);
      assert.equal(bad.find('task.addattachment'), undefined, 'nothing is published for a run that did not scan');
      runs.push(bad);
    }
    const noBool = await runTask({ sources: repo, inputs: { publishSarif: 'sometimes', baseline: 'none' } });
    assert.equal(noBool.resultMessage, "input 'publishSarif' is 'sometimes'; expected true or false");
    const noConfig = await runTask({ sources: repo, inputs: { configFile: 'ci/none.yml', baseline: 'none' } });
    assert.equal(noConfig.result, 'Failed');
    assert.match(noConfig.resultMessage!, /ci\/none\.yml/);
    runs.push(noBool, noConfig);
    for (const r of runs) noStackTrace(r);
  });

  it('in a release pipeline writes the reports and the summary but uploads no build artifact', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    const run = await runTask({ sources: repo, inputs: { baseline: 'none', failOn: 'never' }, variables: { 'System.HostType': 'release' } });
    assert.equal(run.result, 'Succeeded');
    assert.equal(run.find('artifact.upload'), undefined);
    assert.equal(run.find('build.addbuildtag'), undefined);
    assert.ok(run.find('task.uploadsummary'));
    assert.ok(fs.existsSync(path.join(run.staging, 'CodeAnalysisLogs', 'drcheck.sarif')));
    assert.match(run.stdout, /artifacts are uploaded only in build pipelines/);
  });

  it('keeps the files of two DrCheck steps in one job apart', async () => {
    const repo = makeRepo({ 'platform/lake.json': lakeTemplate('Standard_GRS'), 'apps/lake.json': lakeTemplate('Standard_LRS').replace('stlakeprd', 'stapp') });
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-agent-'));
    const first = await runTask({ sources: repo, temp, inputs: { paths: 'platform', baseline: 'none', failOn: 'never' } });
    const second = await runTask({ sources: repo, temp, inputs: { paths: 'apps', baseline: 'none', failOn: 'never' } });
    assert.equal(first.find('task.addattachment')!.message, path.join(temp, 'a', 'drcheck', 'posture.json'));
    assert.equal(second.find('task.addattachment')!.message, path.join(temp, 'a', 'drcheck', 'posture-2.json'));
    assert.equal(second.find('task.addattachment')!.properties.name, 'posture-2.json');
    assert.equal(second.find('artifact.upload', { artifactname: 'CodeAnalysisLogs' })!.message, path.join(temp, 'a', 'CodeAnalysisLogs', 'drcheck-2.sarif'));
    assert.equal(second.find('task.uploadsummary')!.message, path.join(temp, 'a', 'drcheck', 'DR posture 2.md'));
    assert.equal(posture(first).resources[0].name, 'stlakeprd');
    assert.equal(posture(second).resources[0].name, 'stapp');
  });

  it('never lets a resource name inject a logging command, and escapes it in the summary', async () => {
    const evil = '##vso[task.setvariable variable=pwned]yes';
    const repo = makeRepo({
      'infra/evil.json': JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: `\n${evil}\n<img src=x onerror=alert(1)>|*x*`, location: 'westeurope', sku: { name: 'Standard_LRS' } }],
      }),
    });
    const run = await runTask({ sources: repo, inputs: { failOn: 'findings', baseline: 'none' } });
    assert.equal(run.result, 'Failed');
    assert.equal(run.commands.filter((c) => c.properties.variable === 'pwned').length, 0);
    assert.ok(!run.stdout.includes(evil), 'the name reaches stdout only defused');
    const summary = fs.readFileSync(path.join(run.staging, 'drcheck', 'DR posture.md'), 'utf8');
    assert.doesNotMatch(summary, /<img/);
    assert.match(summary, /&lt;img src=x onerror=alert\\\(1\\\)&gt;\\\|\\\*x\\\*/);
  });
});
