/**
 * The hub's data layer and view model in Node, against a fake Azure DevOps: which builds it reads, how many
 * requests it keeps in flight, what it caches, how it words failures; attachment checks; the trend's
 * per-subscription merge; filters; repository links. Plus: the reports the browser tests serve are valid
 * against posture.schema.json.
 */
import { strict as assert } from 'node:assert';
import { validateReport } from '../../shared/report/validate';
import type { PostureReport } from '../../shared/report/types';
import type { AttachmentRef, BuildInfo, BuildPage, BuildQuery, PostureApi, ProjectRef } from '../../hub/src/common/data/api';
import { attachmentFromHref, describeFailure, httpsOnly, toDate } from '../../hub/src/common/data/api';
import { parsePosture } from '../../hub/src/common/data/attachment';
import { PostureLoader, type LoadSnapshot, type TrendRun } from '../../hub/src/common/data/load';
import { Limiter, mapPool } from '../../hub/src/common/data/pool';
import { buildModel, filterItems, filterRows, NO_FILTERS, sourceLink } from '../../hub/src/common/model';
import { trendSeries } from '../../hub/src/common/trend';
import { contosoArm, sandbox, workloadsTerraform } from './fixtures';

const P: ProjectRef = { id: 'p1', name: 'Contoso' };
const HOUR = 3600_000;

interface FakeBuild extends BuildInfo {
  text?: string;
}

/** A fake Azure DevOps that answers like the server: filters, per-pipeline limits, pages; counts what it is asked. */
class FakeApi implements PostureApi {
  builds: FakeBuild[] = [];
  defaults = new Map<number, string>();
  defaultsFail = false;
  pageSize = 1000;
  delayMs = 1;
  inFlight = 0;
  maxInFlight = 0;
  failDownloads = new Set<number>();
  log: string[] = [];

  private async track<T>(what: string, fn: () => T): Promise<T> {
    this.log.push(what);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((r) => setTimeout(r, this.delayMs));
      return fn();
    } finally {
      this.inFlight--;
    }
  }

  listProjects() {
    return this.track('projects', () => [P]);
  }

  listBuilds(_p: ProjectRef, q: BuildQuery): Promise<BuildPage> {
    return this.track(`builds ${JSON.stringify(q)}`, () => {
      const perDef = new Map<number, number>();
      const all = this.builds
        .filter((b) => (!q.definitions || q.definitions.includes(b.definitionId)) && (!q.branch || b.branch === q.branch))
        .sort((a, b) => b.finishTime!.getTime() - a.finishTime!.getTime())
        .filter((b) => {
          const n = (perDef.get(b.definitionId) ?? 0) + 1;
          perDef.set(b.definitionId, n);
          return n <= (q.maxPerDefinition ?? Infinity);
        });
      const skip = Number(q.continuationToken ?? 0);
      const top = Math.min(q.top ?? this.pageSize, this.pageSize);
      return { builds: all.slice(skip, skip + top), continuationToken: skip + top < all.length ? String(skip + top) : undefined };
    });
  }

  defaultBranches(_p: ProjectRef, ids: number[]) {
    return this.track('definitions', () => {
      if (this.defaultsFail) throw Object.assign(new Error('denied'), { status: 403 });
      return new Map(ids.filter((id) => this.defaults.has(id)).map((id) => [id, this.defaults.get(id)!]));
    });
  }

  listAttachments(_p: ProjectRef, buildId: number): Promise<AttachmentRef[]> {
    return this.track(`list ${buildId}`, () => (this.builds.find((b) => b.id === buildId)?.text === undefined ? [] : [{ name: 'posture.json', timelineId: 't', recordId: 'r' }]));
  }

  downloadAttachment(_p: ProjectRef, buildId: number): Promise<string> {
    return this.track(`download ${buildId}`, () => {
      if (this.failDownloads.has(buildId)) throw Object.assign(new Error('Internal error'), { status: 500 });
      return this.builds.find((b) => b.id === buildId)!.text!;
    });
  }

  add(id: number, definitionId: number, branch: string, hoursAgo: number, report?: PostureReport | string, name = `pipeline-${definitionId}`): void {
    this.builds.push({ id, buildNumber: `b${id}`, definitionId, definitionName: name, branch, finishTime: new Date(Date.now() - hoursAgo * HOUR), project: P, webUrl: `https://dev.azure.com/o/p/_build/results?buildId=${id}`, text: report === undefined ? undefined : typeof report === 'string' ? report : JSON.stringify(report) });
  }
}

const load = (loader: PostureLoader, branch: Parameters<PostureLoader['load']>[1] = { kind: 'default' }) => loader.load([P], branch, () => undefined);
const byName = (s: LoadSnapshot, name: string) => s.pipelines.find((p) => p.name === name)!;

describe('hub data layer', () => {
  let lrs: PostureReport;
  let grs: PostureReport;
  before(async () => {
    lrs = await contosoArm('Standard_LRS');
    grs = await contosoArm('Standard_GRS');
  });

  it('reads the latest run on each pipeline’s default branch and the run before it, never pull-request runs', async () => {
    const api = new FakeApi();
    api.defaults.set(1, 'refs/heads/main').set(2, 'refs/heads/master');
    api.add(10, 1, 'refs/heads/main', 48, grs, 'platform');
    api.add(11, 1, 'refs/heads/main', 5, lrs, 'platform');
    api.add(12, 1, 'refs/pull/3/merge', 1, grs, 'platform');
    api.add(20, 2, 'refs/heads/master', 10, grs, 'legacy');
    api.add(21, 2, 'refs/heads/main', 2, lrs, 'legacy');
    const snap = await load(new PostureLoader(api, { scope: 'org' }));
    assert.equal(snap.phase, 'done');
    const platform = byName(snap, 'platform');
    assert.equal(platform.status, 'ready');
    assert.deepEqual([platform.latest!.build.id, platform.previous!.build.id], [11, 10]);
    assert.equal(byName(snap, 'legacy').latest!.build.id, 20);
    assert.equal(byName(snap, 'legacy').previous, null);
    assert.deepEqual(snap.branches, ['refs/heads/main', 'refs/heads/master']);
    assert.ok(!api.log.some((l) => l === 'download 12' || l === 'download 21'));
    const model = buildModel(snap.pipelines);
    assert.equal(model.rows.find((r) => r.landingZone === 'data')!.regressions, 1);
  });

  it('guesses the branch from the latest branch build when the default branch cannot be read, and says so', async () => {
    const api = new FakeApi();
    api.defaultsFail = true;
    api.add(10, 1, 'refs/heads/develop', 3, grs, 'platform');
    api.add(11, 1, 'refs/pull/9/merge', 1, lrs, 'platform');
    api.add(20, 2, 'refs/pull/4/merge', 1, lrs, 'gate');
    const snap = await load(new PostureLoader(api, { scope: 'org' }));
    const platform = byName(snap, 'platform');
    assert.equal(platform.branchSource, 'guessed');
    assert.equal(platform.latest!.build.id, 10);
    const gate = byName(snap, 'gate');
    assert.equal(gate.status, 'no-posture');
    assert.equal(gate.problem, 'only pull-request builds have run DrCheck@1 recently, and the default branch is unknown');
  });

  it('keeps at most `concurrency` requests in flight across hundreds of pipelines, and follows every page', async () => {
    const api = new FakeApi();
    api.pageSize = 50;
    api.delayMs = 2;
    const small = await sandbox();
    for (let d = 1; d <= 240; d++) {
      api.defaults.set(d, 'refs/heads/main');
      api.add(d * 10, d, 'refs/heads/main', 10, small);
      api.add(d * 10 + 1, d, 'refs/heads/main', 2, small);
    }
    const loader = new PostureLoader(api, { scope: 'org', concurrency: 6 });
    const snap = await load(loader);
    assert.equal(snap.pipelines.filter((p) => p.status === 'ready').length, 240);
    assert.ok(snap.pipelines.every((p) => p.previous?.build.id === p.latest!.build.id - 1));
    assert.ok(api.maxInFlight <= 6, `at most 6 in flight, saw ${api.maxInFlight}`);
    assert.equal(api.maxInFlight, 6, 'and the budget is used');
    assert.equal(loader.calls.downloads, 480);
    // Definitions in chunks of 100 (URL length), builds paged through continuation tokens.
    assert.equal(api.log.filter((l) => l === 'definitions').length, 3);
    assert.ok(api.log.some((l) => l.includes('"continuationToken":"50"')));
  });

  it('reads nothing twice, and does not cache a failed download', async () => {
    const api = new FakeApi();
    api.defaults.set(1, 'refs/heads/main');
    api.add(10, 1, 'refs/heads/main', 5, grs);
    api.add(11, 1, 'refs/heads/main', 1, lrs);
    api.failDownloads.add(11);
    const loader = new PostureLoader(api, { scope: 'org' });
    let snap = await load(loader);
    assert.equal(snap.pipelines[0].status, 'problem');
    assert.equal(snap.pipelines[0].problem, 'build b11: Downloading the posture attachment failed (HTTP 500): Internal error');
    api.failDownloads.clear();
    snap = await load(loader);
    assert.equal(snap.pipelines[0].status, 'ready');
    const downloads = api.log.filter((l) => l.startsWith('download'));
    assert.deepEqual(downloads, ['download 11', 'download 11', 'download 10']);
    await load(loader);
    assert.equal(api.log.filter((l) => l.startsWith('download')).length, 3, 'a third load downloads nothing');
    assert.equal(api.log.filter((l) => l.startsWith('list ')).length, 2, 'attachment lists of completed builds are cached too');
  });

  it('takes the next older run when the newest has no attachment, and names a pipeline whose runs have none', async () => {
    const api = new FakeApi();
    api.defaults.set(1, 'refs/heads/main').set(2, 'refs/heads/main');
    api.add(10, 1, 'refs/heads/main', 5, grs, 'platform');
    api.add(11, 1, 'refs/heads/main', 1, undefined, 'platform');
    api.add(20, 2, 'refs/heads/main', 1, undefined, 'empty');
    const snap = await load(new PostureLoader(api, { scope: 'org' }));
    assert.equal(byName(snap, 'platform').latest!.build.id, 10);
    assert.equal(byName(snap, 'empty').problem, 'the latest 1 build(s) on main have no drcheck.posture attachment (did DrCheck@1 fail before publishing?)');
  });

  it('reads the runs behind the trend and merges pipelines per subscription at each moment', async () => {
    const api = new FakeApi();
    api.defaults.set(1, 'refs/heads/main').set(2, 'refs/heads/main');
    api.add(10, 1, 'refs/heads/main', 30, grs);
    api.add(11, 1, 'refs/heads/main', 20, lrs);
    api.add(20, 2, 'refs/heads/main', 25, await workloadsTerraform());
    const loader = new PostureLoader(api, { scope: 'org' });
    const snap = await load(loader);
    const trend = await loader.loadTrend(snap.pipelines);
    assert.equal(trend.runs.length, 3);
    assert.equal(trend.unreadable, 0);
    const { series, overall } = trendSeries(trend.runs);
    const data = series.find((s) => s.landingZone === 'data')!;
    assert.deepEqual(
      data.points.map((p) => Math.round(p.value * 100)),
      [77, 73],
    );
    // Overall at the terraform run's time = platform (GRS) + workloads together.
    assert.equal(overall.points.length, 3);
    assert.ok(overall.points[1].resources > overall.points[0].resources);
  });

  it('sums two pipelines reporting on one subscription, replacing each pipeline’s earlier contribution', () => {
    const sub = (good: number, resources: number) => ({ subscription: 's1', landingZone: 'lz', managementGroup: null, resources, stateful: 0, pass: good, fail: resources - good, unknown: 0, suppressed: 0, meetingStrategy: good / resources, redundancy: {}, topActions: [] });
    const runs: TrendRun[] = [
      { pipelineKey: 'a', buildId: 1, time: 1, subscriptions: [sub(5, 10)] },
      { pipelineKey: 'b', buildId: 2, time: 2, subscriptions: [sub(10, 10)] },
      { pipelineKey: 'a', buildId: 3, time: 3, subscriptions: [sub(10, 10)] },
    ];
    const s = trendSeries(runs).series[0];
    assert.deepEqual(
      s.points.map((p) => [p.time, p.value, p.resources]),
      [
        [1, 0.5, 10],
        [2, 0.75, 20],
        [3, 1, 20],
      ],
    );
  });
});

describe('hub attachment checks', () => {
  it('reads a report, and explains what is wrong with one that is not', async () => {
    const good = await contosoArm('Standard_GRS');
    assert.ok('report' in parsePosture(`\ufeff${JSON.stringify(good)}`), 'a byte-order mark is tolerated');
    const problem = (text: string) => {
      const r = parsePosture(text);
      return 'problem' in r ? r.problem : 'no problem';
    };
    assert.match(problem('{"schemaVersion": "1.0", "resources": ['), /^the posture attachment is not valid JSON \(/);
    assert.equal(problem('[1,2]'), 'the posture attachment is an array, not a drcheck report');
    assert.equal(problem('{"schemaVersion": 1}'), 'the posture attachment has no schemaVersion (found number 1); it was not written by drcheck');
    assert.equal(problem('{"resources": []}'), 'the posture attachment has no schemaVersion; it was not written by drcheck');
    assert.equal(problem(JSON.stringify({ ...good, schemaVersion: '2.0' })), 'the posture attachment uses schema 2.0, this hub reads 1.x: update the drcheck extension or the DrCheck task so they match');
    assert.ok('report' in parsePosture(JSON.stringify({ ...good, schemaVersion: '1.3' })), 'a newer minor version is read');
    const broken = structuredClone(good);
    (broken.resources[3] as unknown as Record<string, unknown>).status = 'broken';
    assert.equal(problem(JSON.stringify(broken)), 'the posture attachment is not a valid drcheck report: resources[3].status is string "broken", expected one of pass, fail, unknown, suppressed');
    const noFindings = structuredClone(good);
    delete (noFindings.resources[0] as unknown as Record<string, unknown>).findings;
    assert.equal(problem(JSON.stringify(noFindings)), 'the posture attachment is not a valid drcheck report: resources[0].findings is missing, expected a list');
  });

  it('serves the browser tests only reports that are valid against posture.schema.json', async () => {
    for (const report of [await contosoArm('Standard_LRS'), await contosoArm('Standard_RAGRS', { buildId: 1 }), await workloadsTerraform(), await sandbox()]) {
      assert.deepEqual(validateReport(report), []);
    }
  });

  it('parses attachment links, REST dates and failures as the web client gives them', () => {
    assert.deepEqual(attachmentFromHref('https://dev.azure.com/o/p/_apis/build/builds/7/a1b2c3d4-0000-4000-8000-0000000000aa/f1e2d3c4-0000-4000-8000-0000000000bb/attachments/drcheck.posture/posture%202.json', 'x'), {
      timelineId: 'a1b2c3d4-0000-4000-8000-0000000000aa',
      recordId: 'f1e2d3c4-0000-4000-8000-0000000000bb',
      name: 'posture 2.json',
    });
    assert.equal(attachmentFromHref('https://dev.azure.com/o/p/_apis/build/builds/7/attachments/drcheck.posture', 'x'), null);
    assert.equal(toDate('/Date(1764000000000)/')!.toISOString(), new Date(1764000000000).toISOString());
    assert.equal(toDate('2026-11-24T09:00:00Z')!.toISOString(), '2026-11-24T09:00:00.000Z');
    assert.equal(toDate('not a date'), null);
    assert.equal(describeFailure({ status: 403, message: 'TF401027' }, 'listing the builds of project X'), 'You do not have permission for listing the builds of project X (HTTP 403). Ask a project administrator for the "View builds" permission.');
    assert.equal(describeFailure({ name: 'NetworkException', message: 'TF400893' }, 'listing the builds of project X'), 'Listing the builds of project X failed: Azure DevOps could not be reached. Check your connection and try again.');
    assert.equal(httpsOnly('javascript:alert(1)'), null);
    assert.equal(httpsOnly('http://example.com'), null);
    assert.equal(httpsOnly('https://learn.microsoft.com/x'), 'https://learn.microsoft.com/x');
  });
});

describe('hub view model', () => {
  it('filters subscriptions by resource status, service, responsibility and keyword; the drill-down shows the matching resources', async () => {
    const api = new FakeApi();
    api.defaults.set(1, 'refs/heads/main').set(2, 'refs/heads/main');
    api.add(10, 1, 'refs/heads/main', 5, await contosoArm('Standard_GRS'));
    api.add(11, 1, 'refs/heads/main', 1, await contosoArm('Standard_LRS'));
    api.add(20, 2, 'refs/heads/main', 1, await sandbox());
    const snap = await load(new PostureLoader(api, { scope: 'org' }));
    const model = buildModel(snap.pipelines);
    const zones = (f: Partial<typeof NO_FILTERS>) => filterRows(model.rows, { ...NO_FILTERS, ...f }, model.changes).map((r) => r.landingZone ?? 'Unmapped').sort();
    assert.deepEqual(zones({}), ['Unmapped', 'connectivity', 'data', 'management']);
    assert.deepEqual(zones({ statuses: ['regressed'] }), ['data']);
    assert.deepEqual(zones({ statuses: ['fail'] }), ['Unmapped', 'data']);
    assert.deepEqual(zones({ services: ['firewall'] }), ['connectivity']);
    assert.deepEqual(zones({ responsibilities: ['workload:Microsoft'] }), ['connectivity', 'data', 'management']);
    assert.deepEqual(zones({ keyword: 'SANDBOX' }), ['Unmapped']);
    assert.deepEqual(zones({ landingZones: ['data'], statuses: ['pass'] }), ['data']);
    const data = model.rows.find((r) => r.landingZone === 'data')!;
    assert.equal(filterItems(data, NO_FILTERS, model.changes), data.items, 'no filter, no copy');
    assert.deepEqual(
      filterItems(data, { ...NO_FILTERS, statuses: ['regressed'] }, model.changes).map((i) => i.name),
      ['stctsolakeprd'],
    );
    // A keyword that names the subscription keeps all of its resources.
    assert.equal(filterItems(data, { ...NO_FILTERS, keyword: '33333333' }, model.changes).length, 22);
  });

  it('links a resource to its file and line at the scanned commit, in Azure Repos or GitHub, https only', () => {
    const it = { file: 'infra/main folder/storage.json', line: 27, column: 5 };
    assert.equal(
      sourceLink(it, { repositoryUrl: 'https://contoso@dev.azure.com/contoso/Platform/_git/infra', commit: 'abc123' }),
      'https://dev.azure.com/contoso/Platform/_git/infra?path=/infra/main%20folder/storage.json&version=GCabc123&line=27&lineEnd=27&lineStartColumn=5&lineEndColumn=6&lineStyle=plain&_a=contents',
    );
    assert.equal(sourceLink(it, { repositoryUrl: 'https://github.com/contoso/infra.git', commit: 'abc123' }), 'https://github.com/contoso/infra/blob/abc123/infra/main%20folder/storage.json#L27');
    assert.equal(sourceLink(it, { repositoryUrl: 'http://tfs.local/_git/infra', commit: null }), null);
    assert.equal(sourceLink({ ...it, file: '../outside.json' }, { repositoryUrl: 'https://github.com/contoso/infra', commit: null }), null);
  });
});

describe('hub concurrency helpers', () => {
  it('Limiter never exceeds its limit, even when slots are handed over while new calls arrive', async () => {
    const limiter = new Limiter(3);
    let active = 0;
    let max = 0;
    const task = async () => {
      active++;
      max = Math.max(max, active);
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      active--;
    };
    await Promise.all(Array.from({ length: 200 }, () => limiter.run(task)));
    assert.equal(max, 3);
  });

  it('mapPool keeps input order', async () => {
    const out = await mapPool([5, 1, 3, 2], 2, async (n) => {
      await new Promise((r) => setTimeout(r, n));
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 30, 20]);
  });
});
