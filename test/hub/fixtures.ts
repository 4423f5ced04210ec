/**
 * Posture reports for the hub tests, produced by the real engine (`runScan`) from the Contoso examples:
 * the ARM example with the data lake's SKU varied run to run, and the Terraform example re-mapped onto other
 * landing-zone subscriptions as a second pipeline would scan them. Then a realistic organisation for the
 * REST stand-in: pipelines with history on their default branch, a feature branch, pull-request builds, a
 * pipeline whose default branch is `master`, one with a broken attachment and one with pull-request runs only.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScan } from '../../tasks/DrCheckV1/src/scan';
import type { PostureReport } from '../../shared/report/types';
import type { StandIn, StandInBuild } from './server';

const REPO = path.resolve(__dirname, '../..');
export const REPO_URL = 'https://dev.azure.com/contoso/Contoso/_git/platform';

function copyExample(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-hub-'));
  fs.cpSync(path.join(REPO, 'examples', name), dir, { recursive: true });
  return dir;
}

const scans = new Map<string, Promise<PostureReport>>();

/** The ARM Contoso example with the data lake at `lakeSku` (Standard_LRS fails the redeploy strategy). */
export function contosoArm(lakeSku: string, run: PostureReport['run'] = {}): Promise<PostureReport> {
  const key = `arm|${lakeSku}|${JSON.stringify(run)}`;
  if (!scans.has(key)) {
    scans.set(
      key,
      (async () => {
        const dir = copyExample('contoso');
        const params = path.join(dir, 'landing-zone-data/data-lake.parameters.json');
        fs.writeFileSync(params, fs.readFileSync(params, 'utf8').replace('"Standard_LRS"', JSON.stringify(lakeSku)));
        return (await runScan({ paths: ['.'], cwd: dir, run: { repositoryUrl: REPO_URL, ...run } })).report;
      })(),
    );
  }
  return scans.get(key)!;
}

/** The Terraform Contoso example, scanned as the "workloads" pipeline: its landing zones renamed onto other subscriptions. */
export function workloadsTerraform(run: PostureReport['run'] = {}): Promise<PostureReport> {
  const key = `tf|${JSON.stringify(run)}`;
  if (!scans.has(key)) {
    scans.set(
      key,
      (async () => {
        const dir = copyExample('contoso-terraform');
        const config = path.join(dir, '.drcheck.yml');
        const text = fs
          .readFileSync(config, 'utf8')
          .replace('name: management', 'name: identity')
          .replace('11111111-1111-4111-8111-111111111111', '44444444-4444-4444-8444-444444444444')
          .replace('contoso-platform-management', 'contoso-platform-identity')
          .replace('name: connectivity', 'name: online')
          .replace('22222222-2222-4222-8222-222222222222', '55555555-5555-4555-8555-555555555555')
          .replace('contoso-platform-connectivity', 'contoso-landingzones-online')
          .replace('name: data', 'name: corp-analytics')
          .replace('33333333-3333-4333-8333-333333333333', '66666666-6666-4666-8666-666666666666');
        fs.writeFileSync(config, text);
        return (await runScan({ paths: ['.'], cwd: dir, run: { repositoryUrl: 'https://dev.azure.com/contoso/Contoso/_git/workloads', ...run } })).report;
      })(),
    );
  }
  return scans.get(key)!;
}

/** A sandbox subscription outside any landing zone (one storage account template). */
export function sandbox(run: PostureReport['run'] = {}): Promise<PostureReport> {
  const key = `sandbox|${JSON.stringify(run)}`;
  if (!scans.has(key)) {
    scans.set(key, runScan({ paths: [path.join(REPO, 'test/cli/fixtures/mixed/storage.json')], configFile: null, subscription: 'sandbox-subscription', run: { repositoryUrl: 'https://github.com/contoso/sandbox.git', ...run } }).then((r) => r.report));
  }
  return scans.get(key)!;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export const CONTOSO = { id: 'b7a1c3d4-0000-4000-8000-00000000c0de', name: 'Contoso' };

export interface Organisation {
  /** Build ids by role, for assertions. */
  ids: { latestPlatform: number; previousPlatform: number; featurePlatform: number; brokenLegacy: number; workloadsLatest: number; sandboxMaster: number; sandboxMain: number; prPlatform: number };
}

const attach = (report: PostureReport) => [{ name: 'posture.json', text: JSON.stringify(report) }];

/** Seeds the stand-in with Contoso's pipelines (times relative to now). */
export async function seedOrganisation(s: StandIn, now = Date.now()): Promise<Organisation> {
  s.definitions.push(
    { id: 11, name: 'platform-landing-zones', project: 'Contoso', defaultBranch: 'refs/heads/main' },
    { id: 12, name: 'workloads-terraform', project: 'Contoso', defaultBranch: 'refs/heads/main' },
    { id: 13, name: 'sandbox', project: 'Contoso', defaultBranch: 'refs/heads/master' },
    { id: 14, name: 'legacy-infra', project: 'Contoso', defaultBranch: 'refs/heads/main' },
    { id: 15, name: 'network-pr-gate', project: 'Contoso', defaultBranch: 'refs/heads/main' },
  );
  const build = (b: Omit<StandInBuild, 'project' | 'tags'> & { tags?: string[] }): StandInBuild => ({ project: 'Contoso', tags: ['drcheck'], ...b });
  const run = (id: number, def: number, name: string, branch: string) => ({ buildId: id, buildNumber: name, definitionId: def, sourceBranch: branch, sourceVersion: `c0ffee${id}`.padEnd(40, '0') });
  const platform = [
    { id: 1101, sku: 'Standard_GRS', at: now - 13 * DAY },
    { id: 1102, sku: 'Standard_LRS', at: now - 9 * DAY },
    { id: 1103, sku: 'Standard_RAGRS', at: now - 5 * DAY },
    { id: 1104, sku: 'Standard_LRS', at: now - 2 * HOUR },
  ];
  for (const p of platform) {
    const number = `2026.${p.id}`;
    s.builds.push(build({ id: p.id, definitionId: 11, buildNumber: number, branch: 'refs/heads/main', finishTime: new Date(p.at), attachments: attach(await contosoArm(p.sku, run(p.id, 11, number, 'refs/heads/main'))) }));
  }
  // A pull-request build after the latest main run: the default view must not take it.
  s.builds.push(build({ id: 1150, definitionId: 11, buildNumber: '2026.1150', branch: 'refs/pull/42/merge', finishTime: new Date(now - HOUR), reason: 256, attachments: attach(await contosoArm('Standard_ZRS', run(1150, 11, '2026.1150', 'refs/pull/42/merge'))) }));
  s.builds.push(build({ id: 1160, definitionId: 11, buildNumber: '2026.1160', branch: 'refs/heads/feature/dr-uplift', finishTime: new Date(now - 3 * HOUR), attachments: attach(await contosoArm('Standard_GZRS', run(1160, 11, '2026.1160', 'refs/heads/feature/dr-uplift'))) }));

  for (const [id, at] of [
    [1201, now - 11 * DAY],
    [1202, now - 1 * DAY],
  ] as const) {
    s.builds.push(build({ id, definitionId: 12, buildNumber: `2026.${id}`, branch: 'refs/heads/main', finishTime: new Date(at), attachments: attach(await workloadsTerraform(run(id, 12, `2026.${id}`, 'refs/heads/main'))) }));
  }
  s.builds.push(build({ id: 1301, definitionId: 13, buildNumber: '2026.1301', branch: 'refs/heads/master', finishTime: new Date(now - 3 * DAY), attachments: attach(await sandbox(run(1301, 13, '2026.1301', 'refs/heads/master'))) }));
  // Not the sandbox's default branch: ignored in the default view.
  s.builds.push(build({ id: 1302, definitionId: 13, buildNumber: '2026.1302', branch: 'refs/heads/main', finishTime: new Date(now - 4 * HOUR), attachments: attach(await sandbox(run(1302, 13, '2026.1302', 'refs/heads/main'))) }));

  s.builds.push(build({ id: 1401, definitionId: 14, buildNumber: '2026.1401', branch: 'refs/heads/main', finishTime: new Date(now - 5 * HOUR), attachments: [{ name: 'posture.json', text: '{"schemaVersion": "1.0", "resources": [' }] }));
  s.builds.push(build({ id: 1501, definitionId: 15, buildNumber: '2026.1501', branch: 'refs/pull/7/merge', finishTime: new Date(now - 6 * HOUR), reason: 256, attachments: attach(await sandbox(run(1501, 15, '2026.1501', 'refs/pull/7/merge'))) }));
  // A build of another pipeline without the task: no tag, never listed.
  s.builds.push({ id: 1601, project: 'Contoso', definitionId: 16, buildNumber: '2026.1601', branch: 'refs/heads/main', finishTime: new Date(now - HOUR), tags: [], attachments: [] });
  return { ids: { latestPlatform: 1104, previousPlatform: 1103, featurePlatform: 1160, brokenLegacy: 1401, workloadsLatest: 1202, sandboxMaster: 1301, sandboxMain: 1302, prPlatform: 1150 } };
}
