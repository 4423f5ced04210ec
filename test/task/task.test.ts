/**
 * DrCheck@1 as the agent runs it: the bundled script in a child process with the agent's environment.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateReport } from '../../shared/report/validate';
import { lakeTemplate, makeRepo, REPO, runTask } from './run-task';

const CONTOSO = path.join(REPO, 'examples/contoso');

describe('DrCheck@1 task', () => {
  it('scans the Contoso example and publishes SARIF, JUnit, the summary, the posture attachment and output variables', async () => {
    const run = await runTask({ sources: CONTOSO, inputs: { paths: CONTOSO, strategy: 'redeploy', failOn: 'findings', baseline: 'none' } });
    assert.equal(run.result, 'Failed', run.stdout.slice(-2000));
    assert.match(run.resultMessage!, /^DR posture: \d+ open findings on \d+ resource\(s\) at or above 'warning'$/);
    const attach = run.find('task.addattachment', { type: 'drcheck.posture', name: 'posture.json' })!;
    const posture = JSON.parse(fs.readFileSync(attach.message, 'utf8'));
    assert.deepEqual(validateReport(posture), []);
    assert.equal(posture.totals.fail, 6);
    assert.equal(run.find('build.addbuildtag')!.message, 'drcheck');
    assert.equal(run.find('task.uploadsummary')!.message, path.join(run.staging, 'drcheck', 'DR posture.md'));
    assert.match(fs.readFileSync(path.join(run.staging, 'drcheck', 'DR posture.md'), 'utf8'), /## Posture per subscription/);
    const junit = run.find('results.publish', { type: 'JUnit' })!;
    assert.match(fs.readFileSync(junit.properties.resultFiles, 'utf8'), /<testsuites name="drcheck \(redeploy\)" tests="39" failures="6"/);
    const sarifUpload = run.find('artifact.upload', { artifactname: 'CodeAnalysisLogs' })!;
    assert.equal(sarifUpload.message, path.join(run.staging, 'CodeAnalysisLogs'));
    const sarif = JSON.parse(fs.readFileSync(path.join(run.staging, 'CodeAnalysisLogs', 'drcheck.sarif'), 'utf8'));
    assert.equal(sarif.runs[0].tool.driver.name, 'drcheck');
    assert.ok(sarif.runs[0].tool.driver.rules.find((r: { id: string; helpUri: string }) => r.id === 'storage-account/redundancy' && r.helpUri.startsWith('https://learn.microsoft.com/')));
    const lakeIssue = run.issues.find((i) => i.properties.code === 'storage-account/redundancy')!;
    assert.equal(lakeIssue.properties.type, 'error');
    assert.equal(lakeIssue.properties.sourcepath, 'landing-zone-data/data-lake.json');
    assert.equal(lakeIssue.properties.linenumber, '27');
    const vars = Object.fromEntries(run.commands.filter((c) => c.command === 'task.setvariable').map((c) => [c.properties.variable, [c.message, c.properties.isOutput]]));
    assert.deepEqual(vars.failCount, ['6', 'true']);
    assert.deepEqual(vars.passCount, ['32', 'true']);
    assert.deepEqual(vars.suppressedCount, ['1', 'true']);
    assert.deepEqual(vars.postureFile, [attach.message, 'true']);
    assert.equal(run.code, 0, 'task-lib reports failure through task.complete, not the exit code');
  });

  it('ends SucceededWithIssues when findings do not fail the run, Succeeded when there are none', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_LRS') });
    const issues = await runTask({ sources: repo, inputs: { failOn: 'never', baseline: 'none' } });
    assert.equal(issues.result, 'SucceededWithIssues');
    assert.match(issues.resultMessage!, /1 open finding on 1 resource\(s\) \(failOn: never\)/);
    const clean = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_RAGZRS') });
    const ok = await runTask({ sources: clean, inputs: { failOn: 'findings', baseline: 'none' } });
    assert.equal(ok.result, 'Succeeded');
    assert.equal(ok.resultMessage, 'DR posture: no open findings');
  });

  it('honours strategy, subscription, the ARM service connection, publishSarif and publishTestResults', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    const run = await runTask({
      sources: repo,
      inputs: { paths: 'infra', strategy: 'active-active', failOn: 'findings', baseline: 'none', publishSarif: 'false', publishTestResults: 'false', azureSubscription: 'arm-conn' },
      endpoints: { 'arm-conn': { url: 'https://management.azure.com/', data: { subscriptionId: '55555555-5555-4555-8555-555555555555' } } },
    });
    assert.equal(run.result, 'Failed', 'GRS is not multi-region');
    const posture = JSON.parse(fs.readFileSync(run.find('task.addattachment')!.message, 'utf8'));
    assert.equal(posture.strategy, 'active-active');
    assert.equal(posture.resources[0].subscription, '55555555-5555-4555-8555-555555555555');
    assert.equal(posture.resources[0].file, 'infra/lake.json');
    assert.equal(run.find('results.publish'), undefined);
    assert.equal(run.find('artifact.upload', { artifactname: 'CodeAnalysisLogs' }), undefined);
    assert.ok(!fs.existsSync(path.join(run.staging, 'CodeAnalysisLogs')));
    assert.doesNotMatch(run.stdout, /spn-secret-value-123/, 'the service connection secret is never printed');
    const explicit = await runTask({ sources: repo, inputs: { strategy: 'warm-spare', subscription: 'sub-from-input', baseline: 'none', failOn: 'never' } });
    const p2 = JSON.parse(fs.readFileSync(explicit.find('task.addattachment')!.message, 'utf8'));
    assert.equal(p2.strategy, 'warm-spare');
    assert.equal(p2.resources[0].subscription, 'sub-from-input');
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
    const vars = second.commands.filter((c) => c.command === 'task.setvariable' && c.properties.variable === 'regressionCount');
    assert.equal(vars[0].message, '1');
  });

  it('fails with a clear one-line reason for a missing path, a broken config and a bad input, never a stack trace', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS'), '.drcheck.yml': 'strategy: redeploy\nlandingZones:\n  - name: data\n    paths: ["**"]\n' });
    const missing = await runTask({ sources: makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') }), inputs: { paths: 'no/such/dir', baseline: 'none' } });
    assert.equal(missing.result, 'Failed');
    assert.match(missing.resultMessage!, /^path not found: no\/such\/dir$/);
    const broken = await runTask({ sources: repo, inputs: { baseline: 'none' } });
    assert.equal(broken.result, 'Failed');
    assert.match(broken.resultMessage!, /\.drcheck\.yml\(3,5\): landingZones\.0 must have required property 'subscription'/);
    const issue = broken.issues.find((i) => i.properties.sourcepath === '.drcheck.yml')!;
    assert.equal(issue.properties.linenumber, '3');
    const bad = await runTask({ sources: repo, inputs: { strategy: 'pilot-light', baseline: 'none' } });
    assert.equal(bad.result, 'Failed');
    assert.equal(bad.resultMessage, "input 'strategy' is 'pilot-light'; expected one of redeploy, warm-spare, hot-spare, active-active");
    for (const r of [missing, broken, bad]) {
      assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at .*\.js:\d+/, 'no stack trace');
    }
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
    const run = await runTask({ sources: repo, inputs: { failOn: 'never', baseline: 'none' } });
    assert.ok(!run.stdout.split('\n').some((l) => l.startsWith('##vso[task.setvariable variable=pwned')), 'no injected command');
    assert.equal(run.commands.filter((c) => c.properties.variable === 'pwned').length, 0);
    const summary = fs.readFileSync(path.join(run.staging, 'drcheck', 'DR posture.md'), 'utf8');
    assert.doesNotMatch(summary, /<img/);
    assert.match(summary, /&lt;img src=x onerror=alert\\\(1\\\)&gt;\\\|\\\*x\\\*/);
  });
});
