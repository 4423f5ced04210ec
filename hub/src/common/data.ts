/**
 * The hub's data layer: finds the builds that ran DrCheck@1 (tag `drcheck`), fetches their `drcheck.posture`
 * attachments with bounded concurrency and a cache, and keeps the latest and previous run per pipeline
 * and branch. Bad attachments and REST failures become messages, never an empty page.
 */
import type { PostureReport } from '../../../shared/report/types';
import { ATTACHMENT_TYPE } from '../../../shared/report/types';
import type { PipelineRun } from '../../../shared/report/merge';

/** The parts of the Build REST client the hub uses (azure-devops-extension-api's BuildRestClient). */
export interface BuildsApi {
  getBuilds(project: string, definitions?: number[], queues?: number[], buildNumber?: string, minTime?: Date, maxTime?: Date, requestedFor?: string, reasonFilter?: number, statusFilter?: number, resultFilter?: number, tagFilters?: string[], properties?: string[], top?: number): Promise<Array<BuildLike>>;
  getAttachments(project: string, buildId: number, type: string): Promise<Array<{ name: string; _links?: { self?: { href?: string } } }>>;
  getAttachment(project: string, buildId: number, timelineId: string, recordId: string, type: string, name: string): Promise<ArrayBuffer>;
}

export interface BuildLike {
  id?: number;
  buildNumber?: string;
  definition?: { id?: number; name?: string };
  sourceBranch?: string;
  finishTime?: Date | string;
  result?: number;
  project?: { name?: string };
  _links?: { web?: { href?: string } };
}

export interface LoadedRuns {
  /** Latest run per pipeline and branch, with the previous one, and the trend of recent runs. */
  runs: Array<PipelineRun & { branch: string; project: string; history: Array<{ finishTime: Date | null; report: PostureReport }> }>;
  branches: string[];
  problems: string[];
}

const COMPLETED = 2; // BuildStatus.Completed
const cache = new Map<string, Promise<PostureReport | string>>();

/** Runs tasks with at most `limit` in flight. */
async function pool<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

function isReport(x: unknown): x is PostureReport {
  return !!x && typeof x === 'object' && (x as PostureReport).schemaVersion === '1.0' && Array.isArray((x as PostureReport).resources) && Array.isArray((x as PostureReport).subscriptions);
}

/** The posture of one build, cached; a string is the reason it could not be read. */
export function postureOf(api: BuildsApi, project: string, build: BuildLike): Promise<PostureReport | string> {
  const key = `${project}|${build.id}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = (async () => {
      try {
        const list = await api.getAttachments(project, build.id!, ATTACHMENT_TYPE);
        const href = list[0]?._links?.self?.href ?? '';
        const m = /\/builds\/\d+\/([0-9a-f-]{36})\/([0-9a-f-]{36})\/attachments\/[^/]+\/([^/?#]+)/i.exec(href);
        if (!m) return `build ${build.buildNumber ?? build.id} has no drcheck.posture attachment`;
        const buffer = await api.getAttachment(project, build.id!, m[1], m[2], ATTACHMENT_TYPE, decodeURIComponent(m[3]));
        const text = new TextDecoder().decode(buffer);
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch {
          return `the posture attached to build ${build.buildNumber ?? build.id} is not valid JSON`;
        }
        return isReport(data) ? data : `the posture attached to build ${build.buildNumber ?? build.id} is not a drcheck report (schema ${String((data as { schemaVersion?: unknown })?.schemaVersion ?? 'missing')})`;
      } catch (e) {
        return `cannot read build ${build.buildNumber ?? build.id}: ${describe(e)}`;
      }
    })();
    cache.set(key, hit);
  }
  return hit;
}

export function describe(e: unknown): string {
  const err = e as { status?: number; message?: string };
  if (err?.status === 401 || err?.status === 403) return 'you do not have permission to read builds in this project';
  return err?.message ?? String(e);
}

/** A build time as the REST client gives it: a Date, an ISO string, or the `/Date(ms)/` wire format. */
export function toDate(d: Date | string | undefined): Date | null {
  if (!d) return null;
  const ms = typeof d === 'string' ? /^\/Date\((-?\d+)\)\/$/.exec(d) : null;
  const date = ms ? new Date(Number(ms[1])) : new Date(d);
  return Number.isNaN(date.getTime()) ? null : date;
}

export async function loadRuns(api: BuildsApi, projects: string[], opts: { concurrency?: number; historyLength?: number } = {}): Promise<LoadedRuns> {
  const problems: string[] = [];
  const groups = new Map<string, { project: string; builds: BuildLike[] }>();
  await pool(projects, 4, async (project) => {
    try {
      const builds = await api.getBuilds(project, undefined, undefined, undefined, undefined, undefined, undefined, undefined, COMPLETED, undefined, ['drcheck'], undefined, 500);
      for (const b of builds ?? []) {
        const key = `${project}|${b.definition?.id}|${b.sourceBranch}`;
        const g = groups.get(key) ?? { project, builds: [] };
        g.builds.push(b);
        groups.set(key, g);
      }
    } catch (e) {
      problems.push(`${project}: ${describe(e)}`);
    }
  });
  const history = opts.historyLength ?? 10;
  const out: LoadedRuns['runs'] = [];
  await pool([...groups.values()], 1, async (g) => {
    const builds = g.builds.sort((a, b) => (toDate(b.finishTime)?.getTime() ?? 0) - (toDate(a.finishTime)?.getTime() ?? 0)).slice(0, history);
    const reports = await pool(builds, opts.concurrency ?? 6, (b) => postureOf(api, g.project, b));
    const ok = builds.map((b, i) => ({ b, r: reports[i] })).filter((x): x is { b: BuildLike; r: PostureReport } => typeof x.r !== 'string');
    for (const x of reports) if (typeof x === 'string') problems.push(x);
    if (!ok.length) return;
    const [latest, previous] = ok;
    out.push({
      pipeline: latest.b.definition?.name ?? `pipeline ${latest.b.definition?.id}`,
      definitionId: latest.b.definition?.id ?? 0,
      buildId: latest.b.id ?? 0,
      buildNumber: latest.b.buildNumber ?? String(latest.b.id),
      finishTime: toDate(latest.b.finishTime),
      buildUrl: latest.b._links?.web?.href ?? '',
      report: latest.r,
      previous: previous?.r,
      branch: latest.b.sourceBranch ?? '',
      project: g.project,
      history: ok.map((x) => ({ finishTime: toDate(x.b.finishTime), report: x.r })),
    });
  });
  const branches = [...new Set(out.map((r) => r.branch))].sort();
  return { runs: out, branches, problems: [...new Set(problems)] };
}

/** The branch shown first: main, else master, else the most used. */
export function defaultBranch(branches: string[]): string | undefined {
  return branches.find((b) => b === 'refs/heads/main') ?? branches.find((b) => b === 'refs/heads/master') ?? branches[0];
}
