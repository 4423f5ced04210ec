/**
 * Pull-request gating against a loopback stand-in for Azure DevOps, through the real azure-devops-node-api.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startAdoServer, type StandIn } from '../support/ado-server';
import { lakeTemplate, makeRepo, runTask, type TaskRun } from './run-task';

const TIMELINE = '11111111-2222-4333-8444-555555555555';
const RECORD = '66666666-7777-4888-9999-000000000000';

describe('DrCheck@1 pull-request gating', function () {
  this.timeout(120000);
  let ado: StandIn;
  beforeEach(async () => {
    ado = await startAdoServer();
    ado.iterations = [1, 2, 3];
  });
  afterEach(() => ado.close());

  const prVariables = () => ({
    'System.CollectionUri': ado.url,
    'System.TeamFoundationCollectionUri': ado.url,
    'System.TeamProject': 'Contoso',
    'System.TeamProjectId': 'project',
    'System.DefinitionId': '7',
    'Build.BuildId': '500',
    'Build.BuildNumber': '20261125.5',
    'Build.Reason': 'PullRequest',
    'Build.SourceBranch': 'refs/pull/42/merge',
    'Build.Repository.ID': 'repo-guid',
    'Build.Repository.Uri': 'https://dev.azure.com/contoso/Contoso/_git/platform',
    'System.PullRequest.PullRequestId': '42',
    'System.PullRequest.TargetBranch': 'refs/heads/main',
  });

  /** Runs the task on the main branch and stores its posture.json as build `id`'s attachment. */
  async function mainBuild(repo: string, id: number, inputs: Record<string, string> = {}): Promise<void> {
    const run = await runTask({ sources: repo, inputs: { baseline: 'none', failOn: 'never', ...inputs } });
    const content = fs.readFileSync(run.find('task.addattachment', { type: 'drcheck.posture' })!.message, 'utf8');
    ado.builds.push({ id, buildNumber: `20261124.${id}`, definitionId: 7, sourceBranch: 'refs/heads/main', result: 'partiallySucceeded', finishTime: `2026-11-24T10:${String(id % 60).padStart(2, '0')}:00Z`, attachments: [{ type: 'drcheck.posture', name: 'posture.json', timelineId: TIMELINE, recordId: RECORD, content }] });
  }

  const prRun = (repo: string, inputs: Record<string, string> = {}) => runTask({ sources: repo, inputs: { failOn: 'regressions', ...inputs }, variables: prVariables(), token: ado.token, collectionUrl: ado.url });

  function assertNoSecrets(run: TaskRun): void {
    assert.ok(!run.stdout.includes(ado.token) && !run.stderr.includes(ado.token), 'the token is never printed');
    for (const f of walk(run.staging)) assert.ok(!fs.readFileSync(f, 'utf8').includes(ado.token), `the token is not in ${f}`);
  }

  it('fails the PR on a regression (GRS turned LRS), posts a failed status on the latest iteration and one comment', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 101);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS'));
    const run = await prRun(repo);
    assert.equal(run.result, 'Failed');
    assert.equal(run.resultMessage, 'DR posture: 1 regression against the baseline (stlakeprd)');
    assert.equal(ado.statuses.length, 1);
    const status = ado.statuses[0];
    assert.deepEqual(status.context, { genre: 'drcheck', name: 'dr-posture' });
    assert.ok(status.state === 3 || status.state === 'failed', `state ${status.state}`);
    assert.equal(status.iterationId, 3);
    assert.match(String(status.targetUrl), /project\/_build\/results\?buildId=500$/);
    assert.equal(ado.threads.length, 1);
    const comment = ado.threads[0].comments[0].content;
    assert.match(comment, /This pull request lowers the DR posture: 1 regression/);
    assert.match(comment, /stlakeprd/);
    assert.match(comment, /geo \(pass\) → local \(fail\)/);
    assert.match(comment, /Microsoft \/ Contoso/);
    assert.match(comment, /\(https:\/\/learn\.microsoft\.com\/azure\/storage\/common\/storage-redundancy\)/);
    assert.equal(ado.threads[0].status, 1);
    assert.ok(ado.requests.some((r) => r.method === 'OPTIONS' && r.path.endsWith('/_apis/git')), 'location look-up through OPTIONS');
    assert.ok(ado.requests.filter((r) => r.method !== 'OPTIONS').every((r) => r.auth === `Bearer ${ado.token}`));
    assertNoSecrets(run);
  });

  it('passes a clean PR with a succeeded status and no comment; legacy findings do not block', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_LRS') });
    await mainBuild(repo, 102);
    const run = await prRun(repo);
    assert.equal(run.result, 'SucceededWithIssues');
    assert.match(run.resultMessage!, /no regressions against the baseline; 1 open finding on 1 resource\(s\) already there/);
    assert.ok(ado.statuses[0].state === 2 || ado.statuses[0].state === 'succeeded');
    assert.equal(ado.threads.length, 0);
  });

  it('reports an improvement as such, and a moved resource as no change', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_LRS') });
    await mainBuild(repo, 103);
    fs.rmSync(path.join(repo, 'infra/lake.json'));
    fs.mkdirSync(path.join(repo, 'data'));
    fs.writeFileSync(path.join(repo, 'data/moved-lake.json'), lakeTemplate('Standard_GZRS'));
    const run = await prRun(repo);
    assert.equal(run.result, 'Succeeded');
    const comment = ado.threads[0].comments[0].content;
    assert.match(comment, /No DR regressions/);
    assert.match(comment, /\*\*Improvements\*\*/);
    assert.match(comment, /redundancy raised from local to geo/);
    assert.doesNotMatch(comment, /removed|added/i);
    assert.equal(ado.threads[0].status, 2, 'nothing to fix: the thread is resolved');
  });

  it('treats an expired suppression as a regression', async () => {
    const suppress = (expires?: string) => `suppressions:\n  - rule: storage-account/redundancy\n    resource: stlakeprd\n    justification: migration in progress\n${expires ? `    expires: ${expires}\n` : ''}`;
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_LRS'), '.drcheck.yml': suppress() });
    await mainBuild(repo, 104);
    fs.writeFileSync(path.join(repo, '.drcheck.yml'), suppress('2020-01-31'));
    const run = await prRun(repo);
    assert.equal(run.result, 'Failed');
    assert.match(ado.threads[0].comments[0].content, /is no longer suppressed/);
  });

  it('updates the same thread on re-runs and resolves it when the regression is gone', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 105);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS'));
    await prRun(repo);
    ado.iterations.push(4);
    await prRun(repo);
    assert.equal(ado.threads.length, 1, 'never a new thread each push');
    assert.equal(ado.statuses.length, 2);
    assert.equal(ado.statuses[1].iterationId, 4);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_GRS'));
    const fixed = await prRun(repo);
    assert.equal(fixed.result, 'Succeeded');
    assert.equal(ado.threads.length, 1);
    assert.equal(ado.threads[0].status, 2);
    assert.match(ado.threads[0].comments[0].content, /No DR regressions/);
  });

  it('without a baseline: says so, judges the PR on its own findings, and fails closed when asked', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_LRS') });
    const open = await prRun(repo);
    assert.ok(open.issues.some((i) => /no successful build of this pipeline on refs\/heads\/main to compare with/.test(i.message)));
    assert.equal(open.result, 'Failed');
    assert.match(open.resultMessage!, /judged on its own: 1 open finding/);
    const clean = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    assert.equal((await prRun(clean)).result, 'Succeeded');
    const closed = await prRun(clean, { noBaseline: 'fail' });
    assert.equal(closed.result, 'Failed');
    assert.match(closed.resultMessage!, /failing closed/);
  });

  it('retries 429 honouring Retry-After, and 500s, then succeeds', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 106);
    ado.faults.push({ route: 'statuses', status: 429, headers: { 'Retry-After': '1' }, body: { message: 'throttled' } as unknown as string });
    ado.faults.push({ route: 'builds', status: 503, times: 2 });
    const run = await prRun(repo);
    assert.equal(run.result, 'Succeeded', run.stdout.slice(-1500));
    const posts = ado.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/statuses'));
    assert.equal(posts.length, 2);
    assert.ok(posts[1].at - posts[0].at >= 950, `waited ${posts[1].at - posts[0].at} ms for Retry-After`);
    assert.equal(ado.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/build/builds')).length, 3);
  });

  it('recovers from a timeout, and a malformed baseline never hides the scan result', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_LRS') });
    ado.builds.push({ id: 107, buildNumber: '20261124.107', definitionId: 7, sourceBranch: 'refs/heads/main', result: 'succeeded', finishTime: '2026-11-24T11:00:00Z', attachments: [{ type: 'drcheck.posture', name: 'posture.json', timelineId: TIMELINE, recordId: RECORD, content: '{"schemaVersion": "1.0", "resources": [' }] });
    ado.faults.push({ route: 'iterations', hang: true });
    const run = await prRun(repo);
    assert.ok(run.issues.some((i) => /the posture of build 20261124\.107 is not valid JSON/.test(i.message)));
    assert.equal(run.result, 'Failed', 'judged on its own findings');
    assert.equal(ado.statuses.length, 1, 'the status was posted after the timed-out call was retried');
    assert.ok(fs.existsSync(run.find('task.addattachment')!.message));
  });

  it('explains a 403 (missing permission) and keeps the scan result', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 108);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS'));
    ado.faults.push({ route: 'threads', status: 403, times: 10, body: JSON.stringify({ message: "TF401027: You need the Git 'PullRequestContribute' permission to perform this action." }) });
    const run = await prRun(repo);
    assert.equal(run.result, 'Failed', 'the regression still fails the task');
    const warning = run.issues.find((i) => /could not update the pull request/.test(i.message))!;
    assert.match(warning.message, /HTTP 403.*'Contribute to pull requests' permission/);
    assertNoSecrets(run);
  });

  it('survives a malformed REST response with a warning', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 109);
    ado.faults.push({ route: 'iterations', status: 200, times: 10, body: '<html>proxy error</html>' });
    const run = await prRun(repo);
    assert.equal(run.result, 'SucceededWithIssues');
    assert.ok(run.issues.some((i) => /could not update the pull request: reading the pull request iterations failed/.test(i.message)));
  });
});

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
