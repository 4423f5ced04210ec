/**
 * Pull-request gating: the bundled task in a PR build against a loopback stand-in for Azure DevOps, through the
 * real azure-devops-node-api (location look-ups, bearer token, retries). The baseline is the posture a main-branch
 * run of the same task wrote, served as a build attachment.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PostureReport } from '../../shared/report/types';
import { TOOL_VERSION } from '../../tasks/DrCheckV1/src/version';
import { startAdoServer, type StandIn } from '../support/ado-server';
import { dataTemplate, lakeTemplate, leaks, makeRepo, runTask, walk, type TaskRun } from './run-task';

const TIMELINE = '11111111-2222-4333-8444-555555555555';
const RECORD = '66666666-7777-4888-9999-000000000000';
const MARKER = '<!-- drcheck:dr-posture -->';

describe('DrCheck@1 pull-request gating', function () {
  this.timeout(120000);
  let ado: StandIn;
  beforeEach(async () => {
    ado = await startAdoServer();
    ado.iterations = [1, 2, 3];
  });
  afterEach(() => ado.close());

  const prVariables = (extra: Record<string, string> = {}) => ({
    'System.CollectionUri': ado.url,
    'System.TeamFoundationCollectionUri': ado.url,
    'System.TeamProject': 'Contoso',
    'System.TeamProjectId': 'Contoso',
    'System.DefinitionId': '7',
    'Build.BuildId': '500',
    'Build.BuildNumber': '20261125.5',
    'Build.Reason': 'PullRequest',
    'Build.SourceBranch': 'refs/pull/42/merge',
    'Build.SourceVersion': '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432',
    'Build.Repository.ID': 'repo-guid',
    'Build.Repository.Provider': 'TfsGit',
    'Build.Repository.Uri': 'https://dev.azure.com/contoso/Contoso/_git/platform',
    'System.PullRequest.PullRequestId': '42',
    'System.PullRequest.TargetBranch': 'refs/heads/main',
    'System.PullRequest.SourceCommitId': '1234abcd5678ef901234abcd5678ef901234abcd',
    ...extra,
  });

  /** Runs the task as the main-branch build `id` and stores its posture.json as that build's attachment. */
  async function mainBuild(
    repo: string,
    id: number,
    opts: { inputs?: Record<string, string>; definitionId?: number; result?: string; attachments?: number; edit?: (posture: PostureReport) => void } = {},
  ): Promise<void> {
    const run = await runTask({ sources: repo, inputs: { baseline: 'none', failOn: 'never', ...opts.inputs } });
    let content = fs.readFileSync(run.find('task.addattachment', { type: 'drcheck.posture' })!.message, 'utf8');
    if (opts.edit) {
      const posture = JSON.parse(content) as PostureReport;
      opts.edit(posture);
      content = JSON.stringify(posture);
    }
    ado.builds.push({
      id,
      buildNumber: `20261124.${id}`,
      definitionId: opts.definitionId ?? 7,
      sourceBranch: 'refs/heads/main',
      result: opts.result ?? 'partiallySucceeded',
      finishTime: `2026-11-24T10:${String(id % 60).padStart(2, '0')}:00Z`,
      attachments: [{ type: 'drcheck.posture', name: 'posture.json', timelineId: TIMELINE, recordId: RECORD, content }],
    });
  }

  const prRun = (repo: string, inputs: Record<string, string> = {}, variables: Record<string, string> = {}) =>
    runTask({ sources: repo, inputs: { failOn: 'regressions', ...inputs }, variables: prVariables(variables), token: ado.token, collectionUrl: ado.url });

  function assertNoSecrets(run: TaskRun): void {
    assert.deepEqual(leaks(run, ado.token), [], 'the token is printed nowhere but the setsecret command the agent consumes');
    assert.ok(run.commands.some((c) => c.command === 'task.setsecret' && c.message === ado.token), 'the token is registered with the masker');
    for (const f of walk(run.staging)) assert.ok(!fs.readFileSync(f, 'utf8').includes(ado.token), `the token is not in ${f}`);
  }
  const stateOf = (s: Record<string, unknown>) => (s.state === 3 || s.state === 'failed' ? 'failed' : s.state === 2 || s.state === 'succeeded' ? 'succeeded' : String(s.state));
  const gitCalls = () => ado.requests.filter((r) => ['statuses', 'threads', 'comments', 'iterations'].includes(r.route));

  it('fails the PR on a regression (GRS turned LRS): failed status on the latest iteration, one active comment', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 101);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS'));
    const run = await prRun(repo);
    assert.equal(run.result, 'Failed');
    assert.equal(run.resultMessage, 'DR posture: 1 regression against the baseline (stlakeprd)');
    assert.equal(ado.statuses.length, 1);
    const status = ado.statuses[0];
    assert.deepEqual(status.context, { genre: 'drcheck', name: 'dr-posture' });
    assert.equal(stateOf(status), 'failed');
    assert.equal(status.iterationId, 3);
    assert.equal(status.description, 'DR posture: 1 regression against the baseline (stlakeprd)');
    assert.equal(status.targetUrl, `${ado.url}Contoso/_build/results?buildId=500`);
    assert.equal(ado.threads.length, 1);
    const comment = ado.threads[0].comments[0].content;
    assert.ok(comment.startsWith(MARKER));
    assert.match(comment, /This pull request lowers the DR posture: 1 regression/);
    assert.match(comment, /\*\*stlakeprd\*\*/);
    assert.match(comment, /geo \(pass\) → local \(fail\)/);
    assert.match(comment, /redundancy dropped from geo to local/);
    assert.match(comment, /\| Microsoft \/ Customer \|/, 'who recovers it: the customer, unnamed without organisation in .drcheck.yml');
    assert.match(comment, /\]\(https:\/\/learn\.microsoft\.com\/azure\/storage\/common\/storage-redundancy[^)]*\)/, 'uplift link');
    assert.match(comment, /\[`infra\/lake\.json:\d+`\]\(https:\/\/dev\.azure\.com\/contoso\/Contoso\/_git\/platform\?path=\/infra\/lake\.json&version=GC1234abcd5678ef90[0-9a-f]*&line=\d+/, 'link to the line at the pull request\'s head commit');
    assert.match(comment, /Compared with build 20261124\.101 on refs\/heads\/main\./);
    assert.equal(ado.threads[0].status, 1, 'active');
    assert.ok(ado.requests.some((r) => r.method === 'OPTIONS' && r.path.endsWith('/_apis/git')), 'location look-up through OPTIONS');
    assert.ok(ado.requests.filter((r) => r.method !== 'OPTIONS').every((r) => r.auth === `Bearer ${ado.token}`), 'the job token as a bearer token');
    assert.match(ado.requests.find((r) => r.route === 'statuses')!.accept!, /api-version=7\.\d/);
    const p = JSON.parse(fs.readFileSync(run.find('task.addattachment')!.message, 'utf8'));
    assert.deepEqual([p.run.pullRequestId, p.run.buildId, p.run.sourceBranch], [42, 500, 'refs/pull/42/merge']);
    assert.equal(run.issues.find((i) => i.properties.code === 'storage-account/redundancy')!.properties.type, 'error', 'the regression is the error');
    assertNoSecrets(run);
  });

  it('stops a PR that drops Cosmos DB\'s second region or removes Key Vault purge protection', async () => {
    const repo = makeRepo({ 'data/main.json': dataTemplate({ purgeProtection: true, secondRegion: true }) });
    await mainBuild(repo, 110);
    fs.writeFileSync(path.join(repo, 'data/main.json'), dataTemplate({ purgeProtection: true, secondRegion: false }));
    const cosmos = await prRun(repo);
    assert.equal(cosmos.result, 'Failed');
    assert.equal(cosmos.resultMessage, 'DR posture: 1 regression against the baseline (cosmos-orders-prd)');
    assert.match(ado.threads[0].comments[0].content, /new warning cosmos\\-db\/single\\-region: Cosmos DB account 'cosmos\\-orders\\-prd' is single\\-region/);
    fs.writeFileSync(path.join(repo, 'data/main.json'), dataTemplate({ purgeProtection: false, secondRegion: true }));
    const vault = await prRun(repo);
    assert.equal(vault.result, 'Failed');
    assert.equal(vault.resultMessage, 'DR posture: 1 regression against the baseline (kv-platform-prd)');
    assert.equal(ado.threads.length, 1, 'the same thread, updated');
    assert.match(ado.threads[0].comments[0].content, /new warning key\\-vault\/purge\\-protection: Key Vault 'kv\\-platform\\-prd' has purge protection not enabled/);
    assert.doesNotMatch(ado.threads[0].comments[0].content, /cosmos-orders-prd/, 'the Cosmos DB regression is gone from the comment');
  });

  it('does not let a broken file hide a downgrade: a baseline resource whose file no longer parses is a regression', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 120);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS').replace('"resources"', '"resources": ,'));
    const run = await prRun(repo);
    assert.equal(run.result, 'Failed');
    // The file, once with its error, and the resource it held, naming the file.
    assert.equal(run.resultMessage, 'DR posture: 2 regressions against the baseline (infra/lake.json, stlakeprd)');
    assert.equal(stateOf(ado.statuses[0]), 'failed');
    const comment = ado.threads[0].comments[0].content;
    assert.match(comment, /→ not read \|/);
    assert.equal(comment.split('invalid JSON: value expected').length - 1, 1, 'the error once');
    assert.match(comment, /\| could not be read in this run: invalid JSON: value expected \|/);
    assert.match(comment, /not judged, its file could not be read in this run \\\(infra\/lake\.json\\\(10,16\\\)\\\)/);
  });

  it('fails a PR that adds a file drcheck cannot read, naming the file in the status and the comment', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 121);
    fs.writeFileSync(path.join(repo, 'infra/cache.json'), lakeTemplate('Standard_LRS').replace('"resources"', '"resources": ,'));
    const run = await prRun(repo);
    assert.equal(run.result, 'Failed');
    assert.equal(run.resultMessage, 'DR posture: 1 regression against the baseline (infra/cache.json)');
    assert.equal(stateOf(ado.statuses[0]), 'failed');
    assert.match(ado.threads[0].comments[0].content, /\| \[`infra\/cache\.json:10`\]\([^)]+\)<br><sub>file<\/sub> \| — → not read \| could not be read in this run: invalid JSON: value expected \|/);
  });

  it('passes a clean PR with a succeeded status and no comment; legacy findings do not block', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_LRS') });
    await mainBuild(repo, 102);
    const run = await prRun(repo);
    assert.equal(run.result, 'SucceededWithIssues');
    assert.equal(run.resultMessage, 'DR posture: no regressions against the baseline; 1 open finding on 1 resource(s) already there');
    assert.equal(stateOf(ado.statuses[0]), 'succeeded');
    assert.equal(ado.threads.length, 0, 'a clean PR stays quiet');
    assert.equal(run.issues.find((i) => i.properties.code === 'storage-account/redundancy')!.properties.type, 'warning', 'a legacy finding is a warning');
    assert.match(run.stdout, /comment thread none/);
  });

  it('after a drcheck upgrade, lists what the new version judges differently on unchanged code apart, and does not block on it', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_LRS') });
    // The baseline as an earlier drcheck wrote it, whose rules judged the account geo-redundant.
    const judgedGeo = (version?: string) => (p: PostureReport) => {
      if (version) p.tool.version = version;
      Object.assign(p.resources.find((r) => r.name === 'stlakeprd')!, { redundancy: 'geo', status: 'pass', findings: [] });
    };
    await mainBuild(repo, 130, { edit: judgedGeo('1.0.0') });
    const run = await prRun(repo);
    assert.equal(run.result, 'SucceededWithIssues');
    assert.equal(run.resultMessage, 'DR posture: no regressions against the baseline; 1 open finding on 1 resource(s) already there');
    assert.equal(stateOf(ado.statuses[0]), 'succeeded');
    assert.equal(ado.threads.length, 0, 'nothing the pull request changed to comment on');
    assert.match(run.stdout, new RegExp(`The baseline was made by drcheck 1\\.0\\.0; this run is drcheck ${escapeRegExp(TOOL_VERSION)}\\. 1 resource whose code did not change is judged differently by the new version`));
    const summary = fs.readFileSync(run.find('task.uploadsummary')!.message, 'utf8');
    assert.match(summary, /- 🔄 Microsoft\.Storage\/storageAccounts stlakeprd: redundancy dropped from geo to local/);

    // The same baseline from this version: the code or the config changed the verdict, and that counts.
    await mainBuild(repo, 131, { edit: judgedGeo() });
    const same = await prRun(repo);
    assert.equal(same.result, 'Failed');
    assert.equal(same.resultMessage, 'DR posture: 1 regression against the baseline (stlakeprd)');

    // After the upgrade, a change to the declaration itself still counts; the comment lists the rest apart.
    const archive = { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'starchprd', location: 'westeurope', sku: { name: 'Standard_LRS' }, kind: 'StorageV2' };
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_GRS', [archive]));
    await mainBuild(repo, 132, {
      edit: (p) => {
        p.tool.version = '1.0.0';
        Object.assign(p.resources.find((r) => r.name === 'starchprd')!, { redundancy: 'geo', status: 'pass', findings: [] });
      },
    });
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS', [archive]));
    const changed = await prRun(repo);
    assert.equal(changed.result, 'Failed');
    assert.equal(changed.resultMessage, 'DR posture: 1 regression against the baseline (stlakeprd)');
    const comment = ado.threads[0].comments[0].content;
    assert.match(comment, new RegExp(`> The baseline was made by drcheck 1\\.0\\.0; this run is drcheck ${escapeRegExp(TOOL_VERSION)}\\. 1 resource whose code did not change is judged differently`));
    const rejudged = comment.slice(comment.indexOf(`**Judged differently by drcheck ${TOOL_VERSION} (code unchanged, not counted)**`));
    assert.match(rejudged, /^\*\*Judged[^\n]*\n\n\|[^\n]*\n\|[^\n]*\n\| \*\*starchprd\*\*/, 'the archive account, in its own table');
    assert.doesNotMatch(comment.slice(0, comment.indexOf('**Judged differently')), /starchprd/, 'not among the regressions');
  });

  it('reports an improvement as such, and a resource moved to another file as no change', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_LRS') });
    await mainBuild(repo, 103);
    fs.rmSync(path.join(repo, 'infra/lake.json'));
    fs.mkdirSync(path.join(repo, 'data'));
    fs.writeFileSync(path.join(repo, 'data/moved-lake.json'), lakeTemplate('Standard_GZRS'));
    const run = await prRun(repo);
    assert.equal(run.result, 'Succeeded');
    assert.equal(variables(run).improvementCount, '1');
    const comment = ado.threads[0].comments[0].content;
    assert.match(comment, /No DR regressions/);
    assert.match(comment, /\*\*Improvements\*\*/);
    assert.match(comment, /redundancy raised from local to geo/);
    assert.doesNotMatch(comment, /added|removed/i, 'matched by identity, not by file');
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

  it('a new stateful resource below the strategy is a regression; a new one that meets it is not', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 111);
    const extra = { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stnewprd', location: 'westeurope', sku: { name: 'Standard_ZRS' }, kind: 'StorageV2' };
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_GRS', [extra]));
    const below = await prRun(repo);
    assert.equal(below.resultMessage, 'DR posture: 1 regression against the baseline (stnewprd)');
    assert.match(ado.threads[0].comments[0].content, /new → zone \(fail\)/);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_GRS', [{ ...extra, sku: { name: 'Standard_RAGZRS' } }]));
    const meets = await prRun(repo);
    assert.equal(meets.result, 'Succeeded');
    assert.match(ado.threads[0].comments[0].content, /1 resource added without lowering the posture/);
  });

  it('updates the same thread on re-runs, resolves it when the regression is gone and reopens it if it comes back', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 105);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS'));
    await prRun(repo);
    ado.iterations.push(4);
    const again = await prRun(repo);
    assert.equal(ado.threads.length, 1, 'never a new thread each push');
    assert.equal(ado.statuses.length, 2, 'a new status each run (same genre and name)');
    assert.equal(ado.statuses[1].iterationId, 4);
    assert.match(again.stdout, /comment thread unchanged/);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_GRS'));
    const fixed = await prRun(repo);
    assert.equal(fixed.result, 'Succeeded');
    assert.equal(ado.threads.length, 1);
    assert.equal(ado.threads[0].status, 2, 'resolved');
    assert.match(ado.threads[0].comments[0].content, /No DR regressions/);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS'));
    const back = await prRun(repo);
    assert.match(back.stdout, /comment thread reopened/);
    assert.equal(ado.threads[0].status, 1);
    assert.equal(ado.threads.length, 1);
  });

  it("leaves a thread a person closed as won't fix closed, and never edits someone else's thread", async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 106);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS'));
    // Someone pasted our marker into their own thread: not ours, never touched.
    const someone = { id: 'aaaaaaaa-0000-4000-8000-000000000001', displayName: 'Mallory', uniqueName: 'mallory@contoso' };
    ado.threads.push({ id: 7, status: 1, comments: [{ id: 1, parentCommentId: 0, content: `${MARKER}\nlooks fine to me`, commentType: 1, author: someone }] });
    await prRun(repo);
    assert.equal(ado.threads.length, 2);
    assert.equal(ado.threads[0].comments[0].content, `${MARKER}\nlooks fine to me`);
    const ours = ado.threads[1];
    assert.equal(ours.comments[0].author.id, ado.buildService.id);
    ours.status = 3; // won't fix, set by a reviewer
    ado.iterations.push(4);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS', [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stother', location: 'westeurope', sku: { name: 'Standard_LRS' } }]));
    const run = await prRun(repo);
    assert.equal(run.result, 'Failed');
    assert.equal(ado.threads.length, 2);
    assert.equal(ours.status, 3, "the reviewer's choice stands");
    assert.match(ours.comments[0].content, /2 regressions/, 'the text is kept current');
  });

  it('without a baseline: says so, judges the PR on its own findings, and fails closed when asked', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_LRS') });
    const open = await prRun(repo);
    assert.ok(open.issues.some((i) => i.properties.type === 'warning' && /no successful build of this pipeline on refs\/heads\/main to compare with/.test(i.message)));
    assert.equal(open.result, 'Failed');
    assert.equal(open.resultMessage, 'DR posture: no successful build of this pipeline on refs/heads/main to compare with, so the run is judged on its own: 1 open finding on 1 resource(s)');
    assert.equal(stateOf(ado.statuses[0]), 'failed');
    const comment = ado.threads[0].comments[0].content;
    assert.match(comment, /DR posture check failed/);
    assert.match(comment, /Failing resources \(no baseline to compare with, so every finding counts\)/);
    assert.match(comment, /\*\*stlakeprd\*\*/);
    assert.equal(ado.threads[0].status, 1);
    const clean = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    assert.equal((await prRun(clean)).result, 'Succeeded');
    const closed = await prRun(clean, { noBaseline: 'fail' });
    assert.equal(closed.result, 'Failed');
    assert.match(closed.resultMessage!, /failing closed \(noBaseline: fail\)$/);
    const passed = await prRun(repo, { noBaseline: 'pass' });
    assert.equal(passed.result, 'SucceededWithIssues');
    assert.match(passed.resultMessage!, /1 open finding on 1 resource\(s\) not gated \(noBaseline: pass\)$/);
  });

  it('skips failed builds and uses the latest successful one; baselinePipeline names another pipeline', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_LRS') });
    await mainBuild(repo, 120); // LRS: the posture at build 120
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_GRS'));
    await mainBuild(repo, 121, { result: 'failed' }); // newer, but failed: not a baseline
    const run = await prRun(repo);
    assert.match(run.stdout, /compared with build 20261124\.120 on refs\/heads\/main/);
    assert.equal(variables(run).improvementCount, '1');
    // A PR pipeline (definition 7) that takes its baseline from the CI pipeline 'platform-ci' (definition 9).
    ado.builds = [];
    ado.definitions.push({ id: 9, name: 'platform-ci' });
    await mainBuild(repo, 130, { definitionId: 9 });
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS'));
    const other = await prRun(repo, { baselinePipeline: 'platform-ci' });
    assert.equal(other.resultMessage, 'DR posture: 1 regression against the baseline (stlakeprd)');
    assert.ok(ado.requests.some((r) => r.route === 'builds' && r.method === 'GET'));
    const byId = await prRun(repo, { baselinePipeline: '9' });
    assert.equal(byId.resultMessage, 'DR posture: 1 regression against the baseline (stlakeprd)');
  });

  it('with several DrCheck steps in the baseline build, compares with the step that scanned the same paths', async () => {
    const repo = makeRepo({ 'platform/lake.json': lakeTemplate('Standard_GRS'), 'apps/lake.json': lakeTemplate('Standard_LRS').replace('stlakeprd', 'stapp') });
    await mainBuild(repo, 140, { inputs: { paths: 'apps' } });
    const apps = ado.builds[0].attachments[0];
    await mainBuild(repo, 141, { inputs: { paths: 'platform' } });
    ado.builds = [ado.builds[1]];
    ado.builds[0].attachments.unshift({ ...apps, recordId: '77777777-7777-4888-9999-000000000000' });
    fs.writeFileSync(path.join(repo, 'platform/lake.json'), lakeTemplate('Standard_LRS'));
    const run = await prRun(repo, { paths: 'platform' });
    assert.equal(run.resultMessage, 'DR posture: 1 regression against the baseline (stlakeprd)');
    assert.doesNotMatch(ado.threads[0].comments[0].content, /stapp|removed/, 'the other step\'s resources are not "removed"');
  });

  it('with failOn: never, the build passes but the PR status still fails on a regression', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 107);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS'));
    const run = await prRun(repo, { failOn: 'never' });
    assert.equal(run.result, 'SucceededWithIssues');
    assert.equal(stateOf(ado.statuses[0]), 'failed', 'a status-check policy can gate on its own');
  });

  it('posts nothing with postToPullRequest: false, and nothing for a repository outside Azure Repos', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 108);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS'));
    const off = await prRun(repo, { postToPullRequest: 'false' });
    assert.equal(off.result, 'Failed', 'the task still gates');
    assert.equal(gitCalls().length, 0);
    const github = await prRun(repo, {}, { 'Build.Repository.Provider': 'GitHub' });
    assert.equal(github.result, 'Failed');
    assert.equal(gitCalls().length, 0);
    assert.match(github.stdout, /the repository is on GitHub; PR status and comment are posted only for Azure Repos/);
  });

  it('retries 429 honouring Retry-After (seconds and HTTP date) and 503s, then succeeds', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 109);
    ado.faults.push({ route: 'statuses', status: 429, headers: { 'Retry-After': '1' }, body: { message: 'TF400733: The request has been throttled' } });
    ado.faults.push({ route: 'builds', status: 503, times: 2 });
    const run = await prRun(repo);
    assert.equal(run.result, 'Succeeded', run.stdout.slice(-1500));
    const posts = ado.requests.filter((r) => r.method === 'POST' && r.route === 'statuses');
    assert.equal(posts.length, 2);
    assert.ok(posts[1].at - posts[0].at >= 950, `waited ${posts[1].at - posts[0].at} ms for Retry-After: 1`);
    assert.equal(ado.requests.filter((r) => r.method === 'GET' && r.route === 'builds').length, 3);
    // Seconds with a proxy's HTML body, and an HTTP date (computed when the 429 is sent: 2 s ahead, whole seconds).
    for (const [kind, headers, body] of [
      ['seconds', () => ({ 'Retry-After': '1' }), '<html>throttled by a proxy</html>'],
      ['HTTP date', () => ({ 'Retry-After': new Date(Date.now() + 2000).toUTCString() }), { message: 'TF400733: The request has been throttled' }],
    ] as const) {
      ado.requests.length = 0;
      ado.faults.push({ route: 'iterations', status: 429, headers, body });
      await prRun(repo);
      const reads = ado.requests.filter((r) => r.route === 'iterations');
      assert.equal(reads.length, 2);
      assert.ok(reads[1].at - reads[0].at >= 900, `waited ${reads[1].at - reads[0].at} ms for a Retry-After in ${kind}`);
    }
  });

  it('gives up on persistent 500s with a warning and keeps the scan result', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 112);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS'));
    ado.faults.push({ route: 'statuses', status: 500, times: 100, body: { message: 'VS402490: internal error' } });
    const run = await prRun(repo);
    assert.equal(run.result, 'Failed', 'the regression still fails the task');
    assert.equal(run.resultMessage, 'DR posture: 1 regression against the baseline (stlakeprd)');
    assert.equal(ado.requests.filter((r) => r.route === 'statuses').length, 4, 'four attempts');
    const warning = run.issues.find((i) => /could not update the pull request/.test(i.message))!;
    assert.equal(warning.message, 'drcheck: could not update the pull request: posting the pull request status failed (HTTP 500): VS402490: internal error. Azure DevOps answered with a server error');
  });

  it('recovers from a timeout, and a malformed baseline never hides the scan result', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_LRS') });
    ado.builds.push({ id: 113, buildNumber: '20261124.113', definitionId: 7, sourceBranch: 'refs/heads/main', result: 'succeeded', finishTime: '2026-11-24T11:00:00Z', attachments: [{ type: 'drcheck.posture', name: 'posture.json', timelineId: TIMELINE, recordId: RECORD, content: '{"schemaVersion": "1.0", "resources": [' }] });
    ado.faults.push({ route: 'iterations', hang: true });
    const run = await prRun(repo);
    assert.ok(run.issues.some((i) => /the posture of build 20261124\.113 is not valid JSON/.test(i.message)));
    assert.equal(run.result, 'Failed', 'judged on its own findings');
    assert.equal(ado.requests.filter((r) => r.route === 'iterations').length, 2, 'the timed-out call was retried');
    assert.equal(ado.statuses.length, 1);
    assert.equal(ado.statuses[0].iterationId, 3);
    assert.ok(fs.existsSync(run.find('task.addattachment')!.message));
  });

  it('stops calling Azure DevOps when the time allowed is spent, and still ends with the scan result', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_LRS') });
    await mainBuild(repo, 117);
    ado.faults.push({ route: 'builds', hang: true, times: 10 });
    const run = await runTask({ sources: repo, inputs: { failOn: 'regressions' }, variables: prVariables(), token: ado.token, collectionUrl: ado.url, env: { DRCHECK_REST_BUDGET_MS: '2500' } });
    assert.equal(run.result, 'Failed', 'no baseline, so judged on its own findings');
    assert.ok(run.issues.some((i) => /no baseline: listing builds for the baseline failed: .*no answer in time/i.test(i.message)), JSON.stringify(run.issues.map((i) => i.message)));
    assert.ok(run.issues.some((i) => /the time allowed for Azure DevOps calls \(3 s\) is spent/.test(i.message)));
    assert.equal(ado.requests.filter((r) => r.route === 'builds').length, 2, 'one retry fitted in the budget');
    assert.equal(ado.statuses.length, 0);
  });

  it('explains a 403 (missing permission) with what to grant, and keeps the scan result and the status', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 114);
    fs.writeFileSync(path.join(repo, 'infra/lake.json'), lakeTemplate('Standard_LRS'));
    ado.faults.push({ route: 'threads', method: 'GET', status: 403, times: 10, body: { message: "TF401027: You need the Git 'PullRequestContribute' permission to perform this action." } });
    const run = await prRun(repo);
    assert.equal(run.result, 'Failed', 'the regression still fails the task');
    assert.equal(ado.statuses.length, 1, 'the status went out before the thread failed');
    assert.equal(ado.requests.filter((r) => r.route === 'threads').length, 1, 'a 403 is not retried');
    const warning = run.issues.find((i) => /pull request: reading the pull request threads failed/.test(i.message))!;
    assert.equal(warning.properties.type, 'warning');
    assert.match(warning.message, /\(HTTP 403\): TF401027: You need the Git 'PullRequestContribute' permission to perform this action\. The build service identity lacks permission: give '<Project> Build Service \(<org>\)'.*'Contribute to pull requests' on the repository/);
    assertNoSecrets(run);
  });

  it('survives a malformed REST response: the status goes out without an iteration, with a warning', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 115);
    ado.faults.push({ route: 'iterations', status: 200, times: 10, body: '<html>proxy error</html>' });
    const run = await prRun(repo);
    assert.equal(run.result, 'SucceededWithIssues', 'a clean PR with a REST problem: succeeded with issues');
    assert.equal(ado.statuses.length, 1);
    assert.equal(ado.statuses[0].iterationId, undefined);
    assert.ok(run.issues.some((i) => /pull request: reading the pull request iterations failed: .*; the status is posted without an iteration/.test(i.message)));
  });

  it('explains a refused token (401) and a missing one, and never prints either', async () => {
    const repo = makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') });
    await mainBuild(repo, 116);
    const wrong = await runTask({ sources: repo, inputs: { failOn: 'regressions' }, variables: prVariables(), token: 'a-revoked-job-token-0123456789', collectionUrl: ado.url });
    assert.equal(wrong.result, 'SucceededWithIssues');
    assert.ok(wrong.issues.some((i) => /no baseline: .* failed \(HTTP 401\).*[Tt]he job access token was refused/.test(i.message)));
    assert.ok(wrong.issues.some((i) => /could not update the pull request: .*\(HTTP 401\)/.test(i.message)));
    assert.deepEqual(leaks(wrong, 'a-revoked-job-token-0123456789'), []);
    const none = await runTask({ sources: repo, inputs: { failOn: 'regressions' }, variables: prVariables() });
    assert.equal(none.result, 'SucceededWithIssues');
    assert.ok(none.issues.some((i) => /could not update the pull request: no job access token/.test(i.message)));
  });
});

function variables(run: TaskRun): Record<string, string> {
  return Object.fromEntries(run.commands.filter((c) => c.command === 'task.setvariable').map((c) => [c.properties.variable, c.message]));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
