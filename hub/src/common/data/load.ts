/**
 * Finds the DR posture of every pipeline and reads it, quickly and within a request budget:
 *
 * 1. Discovery, per project: the newest DrCheck@1 build of each pipeline (`maxBuildsPerDefinition=1`, tag
 *    `drcheck`), recent branches for the branch switcher, and each pipeline's repository default branch.
 * 2. History: per branch, the last `history` builds of each pipeline on it (one paged query per branch).
 * 3. Reading: the latest run with a posture attachment per pipeline, then the run before it (regressions),
 *    through one shared limiter of concurrent requests, with results cached (`cache.ts`).
 *
 * Progress is reported as snapshots (at most every `updateEveryMs`), so the hub shows pipelines as they
 * arrive. Every failure becomes a message on its project or pipeline; nothing is dropped silently.
 */
import type { PostureReport, SubscriptionSummary } from '../../../../shared/report/types';
import { describeFailure, isPermissionFailure, type AttachmentRef, type BuildInfo, type PostureApi, type ProjectRef } from './api';
import { parsePosture, type ParsedAttachment } from './attachment';
import { InFlight, NoTextStore, ParsedCache, type TextStore } from './cache';
import { Limiter, mapPool } from './pool';

export type BranchChoice = { kind: 'default' } | { kind: 'branch'; name: string };

export interface RunReport {
  /** Attachment name (`posture.json`, `posture-2.json` for a second DrCheck step). */
  attachment: string;
  report: PostureReport;
}

export interface RunInfo {
  build: BuildInfo;
  reports: RunReport[];
}

export type PipelineStatus = 'loading' | 'ready' | 'problem' | 'no-posture';

export interface PipelineState {
  /** `projectId|definitionId` */
  key: string;
  project: ProjectRef;
  definitionId: number;
  name: string;
  branch: string;
  /** How the branch was chosen: the repository default, a guess when the default is unknown, or the user's pick. */
  branchSource: 'default' | 'guessed' | 'chosen';
  /** Builds on `branch` that ran DrCheck@1, newest first. */
  builds: BuildInfo[];
  status: PipelineStatus;
  latest?: RunInfo;
  /** The run before `latest`: undefined while loading, null when there is none (or it cannot be read). */
  previous?: RunInfo | null;
  /** Why `status` is problem or no-posture. */
  problem?: string;
  /** Why `previous` is null although older builds exist. */
  previousProblem?: string;
}

export interface ProjectProblem {
  project: ProjectRef;
  message: string;
  permission: boolean;
}

export type LoadPhase = 'discovering' | 'reading' | 'comparing' | 'done';

export interface LoadSnapshot {
  phase: LoadPhase;
  pipelines: PipelineState[];
  projectProblems: ProjectProblem[];
  /** Branches (not pull-request refs) that recent DR scans ran on, for the branch switcher. */
  branches: string[];
}

/** One run of one pipeline for the trend: when, and its per-subscription summaries. */
export interface TrendRun {
  pipelineKey: string;
  buildId: number;
  time: number;
  subscriptions: SubscriptionSummary[];
}

export interface TrendLoad {
  runs: TrendRun[];
  /** Older runs whose posture could not be read. */
  unreadable: number;
}

export interface LoaderOptions {
  /** Keys cached data by organisation (the host id). */
  scope: string;
  textStore?: TextStore;
  /** Concurrent REST requests at most. */
  concurrency?: number;
  /** Builds per pipeline kept for the trend. */
  history?: number;
  updateEveryMs?: number;
}

export interface Cancellation {
  cancelled: boolean;
}

const MAX_PAGES = 20;
const DEFINITIONS_PER_QUERY = 100;
/** Builds tried, newest first, before deciding a pipeline has no posture attachment. */
const BUILDS_TRIED = 3;

export const isPullRequestRef = (ref: string) => /^refs\/pull\//i.test(ref);
export const shortBranch = (ref: string) => ref.replace(/^refs\/heads\//, '');

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class PostureLoader {
  private readonly limiter: Limiter;
  private readonly parsed = new ParsedCache();
  private readonly reading = new InFlight<ParsedAttachment>();
  private readonly lists = new InFlight<AttachmentRef[]>();
  private readonly store: TextStore;
  readonly history: number;
  /** REST calls made, by kind (for tests and the benchmark). */
  readonly calls = { builds: 0, definitions: 0, attachmentLists: 0, downloads: 0, fromStore: 0 };

  constructor(
    private readonly api: PostureApi,
    private readonly options: LoaderOptions,
  ) {
    this.limiter = new Limiter(options.concurrency ?? 8);
    this.store = options.textStore ?? new NoTextStore();
    this.history = Math.max(2, options.history ?? 10);
  }

  private call<T>(kind: keyof PostureLoader['calls'], fn: () => Promise<T>): Promise<T> {
    this.calls[kind]++;
    return this.limiter.run(fn);
  }

  /** Reads the posture of every pipeline in `projects` for the chosen branch. */
  async load(projects: ProjectRef[], branch: BranchChoice, onUpdate: (s: LoadSnapshot) => void, cancel: Cancellation = { cancelled: false }): Promise<LoadSnapshot> {
    const pipelines = new Map<string, PipelineState>();
    const projectProblems: ProjectProblem[] = [];
    const branches = new Set<string>();
    let phase: LoadPhase = 'discovering';
    const snapshot = (): LoadSnapshot => ({ phase, pipelines: [...pipelines.values()], projectProblems: [...projectProblems], branches: [...branches].sort(branchOrder) });
    const emitter = throttle(() => !cancel.cancelled && onUpdate(snapshot()), this.options.updateEveryMs ?? 150);
    const set = (p: PipelineState) => {
      pipelines.set(p.key, p);
      emitter.request();
    };

    await mapPool(projects, 4, async (project) => {
      if (cancel.cancelled) return;
      try {
        for (const p of await this.discover(project, branch, branches)) set(p);
      } catch (e) {
        projectProblems.push({ project, message: describeFailure(e, `listing the builds of project ${project.name}`), permission: isPermissionFailure(e) });
        emitter.request();
      }
    });

    phase = 'reading';
    emitter.request();
    const ordered = [...pipelines.values()].filter((p) => p.status === 'loading').sort((a, b) => (b.builds[0]?.finishTime?.getTime() ?? 0) - (a.builds[0]?.finishTime?.getTime() ?? 0));
    await mapPool(ordered, 64, async (p) => {
      if (!cancel.cancelled) set(await this.readLatest(p));
    });

    phase = 'comparing';
    emitter.request();
    await mapPool(
      [...pipelines.values()].filter((p) => p.status === 'ready'),
      64,
      async (p) => {
        if (!cancel.cancelled) set(await this.readPrevious(p));
      },
    );
    phase = 'done';
    emitter.flush();
    return snapshot();
  }

  /** Pipelines of one project with their builds on the chosen branch (no attachment read yet). */
  private async discover(project: ProjectRef, choice: BranchChoice, branches: Set<string>): Promise<PipelineState[]> {
    const [latestPerPipeline, recent] = await Promise.all([this.allPages(project, { maxPerDefinition: 1 }), this.allPages(project, { top: 200 }, 1)]);
    for (const b of [...latestPerPipeline, ...recent]) if (b.branch && !isPullRequestRef(b.branch)) branches.add(b.branch);
    if (!latestPerPipeline.length) return [];

    const names = new Map<number, string>();
    for (const b of latestPerPipeline) names.set(b.definitionId, b.definitionName);
    const target = new Map<number, { branch: string; source: PipelineState['branchSource'] }>();
    const problems = new Map<number, string>();
    if (choice.kind === 'branch') {
      for (const id of names.keys()) target.set(id, { branch: choice.name, source: 'chosen' });
    } else {
      let defaults = new Map<number, string>();
      try {
        const parts = await Promise.all(chunks([...names.keys()], DEFINITIONS_PER_QUERY).map((ids) => this.call('definitions', () => this.api.defaultBranches(project, ids))));
        defaults = new Map(parts.flatMap((m) => [...m]));
      } catch {
        // Without the definitions (permission, older server) each pipeline's latest branch build stands in.
      }
      for (const id of names.keys()) {
        const known = defaults.get(id);
        if (known) {
          target.set(id, { branch: known, source: 'default' });
          continue;
        }
        const guess = [...latestPerPipeline, ...recent].find((b) => b.definitionId === id && b.branch && !isPullRequestRef(b.branch));
        if (guess) target.set(id, { branch: guess.branch, source: 'guessed' });
        else problems.set(id, 'only pull-request builds have run DrCheck@1 recently, and the default branch is unknown');
      }
    }

    const byBranch = new Map<string, number[]>();
    for (const [id, t] of target) byBranch.set(t.branch, [...(byBranch.get(t.branch) ?? []), id]);
    const history = new Map<number, BuildInfo[]>();
    for (const [ref, ids] of byBranch) {
      for (const part of chunks(ids, DEFINITIONS_PER_QUERY)) {
        for (const b of await this.allPages(project, { branch: ref, definitions: part, maxPerDefinition: this.history })) {
          if (b.branch !== ref) continue;
          const list = history.get(b.definitionId) ?? [];
          list.push(b);
          history.set(b.definitionId, list);
        }
      }
    }

    const out: PipelineState[] = [];
    for (const [id, name] of names) {
      const t = target.get(id);
      const builds = (history.get(id) ?? []).sort((a, b) => (b.finishTime?.getTime() ?? 0) - (a.finishTime?.getTime() ?? 0)).slice(0, this.history);
      // A pipeline that never scanned the branch the user picked is simply not part of that view.
      if (choice.kind === 'branch' && !builds.length) continue;
      const base = { key: `${project.id}|${id}`, project, definitionId: id, name, branch: t?.branch ?? '', branchSource: t?.source ?? 'guessed', builds };
      if (!t) out.push({ ...base, status: 'no-posture', problem: problems.get(id) });
      else if (!builds.length) out.push({ ...base, status: 'no-posture', problem: `no DR scan on its default branch ${shortBranch(t.branch)} yet` });
      else out.push({ ...base, status: 'loading' });
    }
    return out;
  }

  private async allPages(project: ProjectRef, query: Omit<Parameters<PostureApi['listBuilds']>[1], 'continuationToken'>, maxPages = MAX_PAGES): Promise<BuildInfo[]> {
    const out: BuildInfo[] = [];
    let token: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const res = await this.call('builds', () => this.api.listBuilds(project, { ...query, continuationToken: token }));
      out.push(...res.builds);
      token = res.continuationToken;
      if (!token || !res.builds.length) break;
    }
    return out;
  }

  /** The attachments of a build, read and parsed (cached); `null` when the build has none. */
  async readRun(build: BuildInfo): Promise<{ run: RunInfo } | { problem: string } | null> {
    const listKey = `${this.options.scope}|${build.project.id}|${build.id}`;
    let refs: AttachmentRef[];
    try {
      refs = await this.lists.get(listKey, () => this.call('attachmentLists', () => this.api.listAttachments(build.project, build.id)));
    } catch (e) {
      return { problem: describeFailure(e, `listing the attachments of build ${build.buildNumber}`) };
    }
    if (!refs.length) return null;
    const reports: RunReport[] = [];
    for (const ref of refs) {
      const parsed = await this.readAttachment(build, ref);
      if ('problem' in parsed) return { problem: `build ${build.buildNumber}${refs.length > 1 ? ` (${ref.name})` : ''}: ${parsed.problem}` };
      reports.push({ attachment: ref.name, report: parsed.report });
    }
    return { run: { build, reports } };
  }

  private readAttachment(build: BuildInfo, ref: AttachmentRef): Promise<ParsedAttachment> {
    const key = `${this.options.scope}|${build.project.id}|${build.id}|${ref.name}`;
    const hit = this.parsed.get(key);
    if (hit) return Promise.resolve(hit);
    return this.reading.get(key, async () => {
      let text = await this.store.get(key);
      if (text !== undefined) this.calls.fromStore++;
      else {
        try {
          text = await this.call('downloads', () => this.api.downloadAttachment(build.project, build.id, ref));
        } catch (e) {
          // Not cached: the next load tries again.
          this.reading.forget(key);
          return { problem: describeFailure(e, `downloading the posture attachment`) };
        }
        this.store.put(key, text);
      }
      const parsed = parsePosture(text);
      this.parsed.set(key, parsed);
      this.reading.forget(key);
      return parsed;
    });
  }

  private async readLatest(p: PipelineState): Promise<PipelineState> {
    for (const build of p.builds.slice(0, BUILDS_TRIED)) {
      const r = await this.readRun(build);
      if (r === null) continue;
      if ('problem' in r) return { ...p, status: 'problem', problem: r.problem };
      return { ...p, status: 'ready', latest: r.run };
    }
    return { ...p, status: 'no-posture', problem: `the latest ${Math.min(BUILDS_TRIED, p.builds.length)} build(s) on ${shortBranch(p.branch)} have no drcheck.posture attachment (did DrCheck@1 fail before publishing?)` };
  }

  private async readPrevious(p: PipelineState): Promise<PipelineState> {
    const at = p.builds.findIndex((b) => b.id === p.latest?.build.id);
    for (const build of p.builds.slice(at + 1, at + 1 + BUILDS_TRIED)) {
      const r = await this.readRun(build);
      if (r === null) continue;
      if ('problem' in r) return { ...p, previous: null, previousProblem: r.problem };
      return { ...p, previous: r.run };
    }
    return { ...p, previous: null };
  }

  /** The runs behind the trend: up to `history` per pipeline, each reduced to its subscription summaries. */
  async loadTrend(pipelines: PipelineState[], onProgress?: (done: number, total: number) => void, cancel: Cancellation = { cancelled: false }): Promise<TrendLoad> {
    const builds = pipelines.filter((p) => p.status === 'ready').flatMap((p) => p.builds.map((b) => ({ p, b })));
    let done = 0;
    let unreadable = 0;
    const runs = await mapPool(builds, 64, async ({ p, b }) => {
      if (cancel.cancelled) return [];
      const r = await this.readRun(b);
      onProgress?.(++done, builds.length);
      if (r === null) return [];
      if ('problem' in r) {
        unreadable++;
        return [];
      }
      const time = b.finishTime?.getTime();
      if (time === undefined) return [];
      return [{ pipelineKey: p.key, buildId: b.id, time, subscriptions: r.run.reports.flatMap((x) => x.report.subscriptions) }];
    });
    return { runs: runs.flat(), unreadable };
  }

  /** One build (the build results tab): its posture, and the run of the same pipeline and branch before it. */
  async loadBuild(build: BuildInfo): Promise<{ latest: RunInfo; previous: RunInfo | null; previousProblem?: string } | { problem: string } | null> {
    const r = await this.readRun(build);
    if (r === null || 'problem' in r) return r;
    let earlier: BuildInfo[] = [];
    try {
      earlier = (await this.call('builds', () => this.api.listBuilds(build.project, { definitions: [build.definitionId], branch: build.branch, top: 20 }))).builds.filter(
        (b) => b.id !== build.id && (!build.finishTime || !b.finishTime || b.finishTime < build.finishTime),
      );
    } catch (e) {
      return { latest: r.run, previous: null, previousProblem: describeFailure(e, 'listing earlier builds') };
    }
    for (const b of earlier.slice(0, BUILDS_TRIED)) {
      const prev = await this.readRun(b);
      if (prev === null) continue;
      if ('problem' in prev) return { latest: r.run, previous: null, previousProblem: prev.problem };
      return { latest: r.run, previous: prev.run };
    }
    return { latest: r.run, previous: null };
  }
}

/** main and master first, then release branches, then the rest, each alphabetically. */
function branchOrder(a: string, b: string): number {
  const rank = (r: string) => (/^refs\/heads\/(main|master)$/.test(r) ? 0 : /^refs\/heads\/release/.test(r) ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** Calls `fn` at most once per `ms` while requests keep coming; `flush` calls it now. */
function throttle(fn: () => void, ms: number): { request(): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    request() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        fn();
      }, ms);
    },
    flush() {
      if (timer) clearTimeout(timer);
      timer = null;
      fn();
    },
  };
}
