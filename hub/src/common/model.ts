/**
 * The hub's view model, built from what the loader read: subscription rows (merged by the shared
 * `mergeBySubscription`, regressions by the shared `diffReports`), per-resource changes, the facets the
 * filters offer, filtering, totals and links. Pure functions over plain data: no React, no SDK.
 */
import { entryById } from '../../../shared/catalog';
import { diffReports, REGRESSION_KINDS, type Change, type PostureDiff } from '../../../shared/engine/diff';
import { topActions } from '../../../shared/engine/top-actions';
import type { Status } from '../../../shared/model/posture';
import { mergeBySubscription, type PipelineRun, type SubscriptionRow } from '../../../shared/report/merge';
import type { PostureReport, ResourceReport, SubscriptionSummary } from '../../../shared/report/types';
import { httpsOnly, type BuildInfo } from './data/api';
import type { PipelineState, RunInfo } from './data/load';

/** A resource as the hub shows it: the report's resource plus where it came from and a search text. */
export interface ResourceItem extends ResourceReport {
  pipeline: string;
  /** Key of the run it came from (see `runKey`). */
  buildUrl: string;
}

export interface RunContext {
  pipeline: string;
  build: BuildInfo;
  repositoryUrl: string | null;
  commit: string | null;
}

export interface SubscriptionView extends SubscriptionRow {
  items: ResourceItem[];
  /** The build that last scanned this subscription. */
  lastBuild: BuildInfo | null;
  pipelines: string[];
}

export interface HubModel {
  rows: SubscriptionView[];
  /** Regressions and improvements since each pipeline's previous run, by resource id. */
  changes: Map<string, Change[]>;
  runs: Map<string, RunContext>;
  /** True while some pipeline's previous run is still being read (regression counts incomplete). */
  comparing: boolean;
}

export const runKey = (build: BuildInfo, attachment: string) => `${build.project.id}|${build.id}|${attachment}`;

/** The previous run's report to compare an attachment with: same attachment name, else the only one. */
function previousReport(previous: RunInfo | null | undefined, attachment: string): PostureReport | undefined {
  if (!previous) return undefined;
  return previous.reports.find((r) => r.attachment === attachment)?.report ?? (previous.reports.length === 1 ? previous.reports[0].report : undefined);
}

// Reports never change once read: each pipeline's diff is computed once, not on every progress snapshot.
const diffs = new WeakMap<PostureReport, WeakMap<PostureReport, PostureDiff>>();

function diffOf(previous: PostureReport, report: PostureReport): PostureDiff {
  let byPrevious = diffs.get(report);
  if (!byPrevious) diffs.set(report, (byPrevious = new WeakMap()));
  let d = byPrevious.get(previous);
  if (!d) byPrevious.set(previous, (d = diffReports(previous, report)));
  return d;
}

const regressedSets = new WeakMap<PostureDiff, Set<string>>();

/** Ids of the resources that regressed (what the shared merge counts per subscription). */
function regressedIds(d: PostureDiff): Set<string> {
  let ids = regressedSets.get(d);
  if (!ids) regressedSets.set(d, (ids = new Set(d.regressions.map((c) => c.id))));
  return ids;
}

export function buildModel(pipelines: PipelineState[]): HubModel {
  const runs: PipelineRun[] = [];
  const contexts = new Map<string, RunContext>();
  const changes = new Map<string, Change[]>();
  const regressedByRun = new Map<string, Set<string>>();
  let comparing = false;
  for (const p of pipelines) {
    if (p.status !== 'ready' || !p.latest) continue;
    if (p.previous === undefined) comparing = true;
    const build = p.latest.build;
    for (const { attachment, report } of p.latest.reports) {
      const key = runKey(build, attachment);
      const previous = previousReport(p.previous, attachment);
      // No `previous` for the merge: it would diff every run again on every progress snapshot. Its regression
      // count per row is made below from the diffs computed once.
      runs.push({ pipeline: p.name, definitionId: p.definitionId, buildId: build.id, buildNumber: build.buildNumber, finishTime: build.finishTime, buildUrl: key, report });
      contexts.set(key, { pipeline: p.name, build, repositoryUrl: report.run?.repositoryUrl ?? null, commit: report.run?.sourceVersion ?? null });
      if (previous) {
        const d = diffOf(previous, report);
        regressedByRun.set(key, regressedIds(d));
        for (const c of [...d.regressions, ...d.improvements]) changes.set(c.id, [...(changes.get(c.id) ?? []), c]);
      }
    }
  }
  const rows = mergeBySubscription(runs).map((row): SubscriptionView => {
    const pipelineNames = new Set<string>();
    let regressions = 0;
    for (const it of row.items) {
      pipelineNames.add(it.pipeline);
      if (regressedByRun.get(it.buildUrl)?.has(it.id)) regressions++;
    }
    return { ...row, regressions, lastBuild: row.lastScan ? contexts.get(row.lastScan.buildUrl)?.build ?? null : null, pipelines: [...pipelineNames].sort() };
  });
  return { rows, changes, runs: contexts, comparing };
}

// ---------------------------------------------------------------- labels

export const UNMAPPED = 'Unmapped';
export const landingZoneOf = (r: { landingZone: string | null }) => r.landingZone ?? UNMAPPED;

export function serviceLabel(service: string | null, type: string): string {
  if (!service) return `${type} (not in the catalog)`;
  return entryById(service)?.displayName ?? service;
}

export const STATUS_LABEL: Record<Status, string> = { fail: 'Failing', unknown: 'Unknown', suppressed: 'Suppressed', pass: 'Passing' };

// ---------------------------------------------------------------- filters

export interface Filters {
  keyword: string;
  landingZones: string[];
  /** Resource statuses, and `regressed` for resources that regressed since the previous run. */
  statuses: string[];
  /** Catalog service ids, and `(none)` for types outside the catalog. */
  services: string[];
  /** `component:<who>` or `workload:<who>`. */
  responsibilities: string[];
}

export const NO_FILTERS: Filters = { keyword: '', landingZones: [], statuses: [], services: [], responsibilities: [] };
export const NOT_CATALOGUED = '(none)';

export interface Facets {
  landingZones: string[];
  services: Array<{ id: string; label: string; count: number }>;
  components: string[];
  workloads: string[];
}

export function facetsOf(rows: SubscriptionView[]): Facets {
  const zones = new Set<string>();
  const services = new Map<string, { label: string; count: number }>();
  const components = new Set<string>();
  const workloads = new Set<string>();
  for (const row of rows) {
    zones.add(landingZoneOf(row));
    for (const it of row.items) {
      const id = it.service ?? NOT_CATALOGUED;
      const s = services.get(id);
      if (s) s.count++;
      else services.set(id, { label: it.service ? serviceLabel(it.service, it.type) : 'Not in the catalog', count: 1 });
      if (it.responsibility) {
        components.add(it.responsibility.component);
        workloads.add(it.responsibility.workload);
      }
    }
  }
  return {
    landingZones: [...zones].sort((a, b) => a.localeCompare(b)),
    services: [...services].map(([id, s]) => ({ id, ...s })).sort((a, b) => a.label.localeCompare(b.label)),
    components: [...components].sort(),
    workloads: [...workloads].sort(),
  };
}

const searchText = new WeakMap<object, string>();

function itemText(it: ResourceItem): string {
  let s = searchText.get(it);
  if (s === undefined) {
    s = [it.name ?? '', it.address, it.type, it.service ? serviceLabel(it.service, it.type) : '', it.file, it.pipeline].join('\n').toLowerCase();
    searchText.set(it, s);
  }
  return s;
}

function rowText(r: SubscriptionView): string {
  let s = searchText.get(r);
  if (s === undefined) {
    s = [r.landingZone ?? UNMAPPED, r.subscription ?? '', r.managementGroup ?? '', ...r.pipelines].join('\n').toLowerCase();
    searchText.set(r, s);
  }
  return s;
}

export function hasResourceFilters(f: Filters): boolean {
  return f.statuses.length > 0 || f.services.length > 0 || f.responsibilities.length > 0;
}

/** A predicate for one resource under the status/service/responsibility filters and the keyword (if given). */
export function itemPredicate(f: Filters, changes: Map<string, Change[]>, keyword: string): (it: ResourceItem) => boolean {
  const statuses = new Set(f.statuses);
  const regressed = statuses.delete('regressed');
  const services = new Set(f.services);
  const components = new Set(f.responsibilities.filter((r) => r.startsWith('component:')).map((r) => r.slice('component:'.length)));
  const workloads = new Set(f.responsibilities.filter((r) => r.startsWith('workload:')).map((r) => r.slice('workload:'.length)));
  return (it) => {
    if (statuses.size || regressed) {
      const byStatus = statuses.has(it.status);
      const byRegression = regressed && (changes.get(it.id) ?? []).some(isRegression);
      if (!byStatus && !byRegression) return false;
    }
    if (services.size && !services.has(it.service ?? NOT_CATALOGUED)) return false;
    if (components.size || workloads.size) {
      const r = it.responsibility;
      if (!r || !(components.has(r.component) || workloads.has(r.workload))) return false;
    }
    return !keyword || itemText(it).includes(keyword);
  };
}

export const isRegression = (c: Change) => REGRESSION_KINDS.has(c.kind);

/** Subscriptions under the filters: landing zone on the row; resource filters need one matching resource; the keyword matches the row or one of its resources. */
export function filterRows(rows: SubscriptionView[], f: Filters, changes: Map<string, Change[]>): SubscriptionView[] {
  const zones = new Set(f.landingZones);
  const keyword = f.keyword.trim().toLowerCase();
  const resourceFilters = hasResourceFilters(f);
  const withKeyword = itemPredicate(f, changes, keyword);
  const withoutKeyword = itemPredicate(f, changes, '');
  return rows.filter((r) => {
    if (zones.size && !zones.has(landingZoneOf(r))) return false;
    const rowMatchesKeyword = !keyword || rowText(r).includes(keyword);
    if (rowMatchesKeyword) return !resourceFilters || r.items.some(withoutKeyword);
    return r.items.some(withKeyword);
  });
}

/** The resources of one subscription under the filters (the keyword is ignored when it matched the subscription itself). */
export function filterItems(row: SubscriptionView, f: Filters, changes: Map<string, Change[]>): ResourceItem[] {
  const keyword = f.keyword.trim().toLowerCase();
  const effective = keyword && !rowText(row).includes(keyword) ? keyword : '';
  if (!effective && !hasResourceFilters(f)) return row.items;
  return row.items.filter(itemPredicate(f, changes, effective));
}

// ---------------------------------------------------------------- totals

export interface Totals {
  subscriptions: number;
  resources: number;
  stateful: number;
  pass: number;
  fail: number;
  unknown: number;
  suppressed: number;
  regressions: number;
  meetingStrategy: number;
}

export function totalsOf(rows: SubscriptionView[]): Totals {
  const t: Totals = { subscriptions: rows.length, resources: 0, stateful: 0, pass: 0, fail: 0, unknown: 0, suppressed: 0, regressions: 0, meetingStrategy: 1 };
  for (const r of rows) {
    t.resources += r.resources;
    t.stateful += r.stateful;
    t.pass += r.pass;
    t.fail += r.fail;
    t.unknown += r.unknown;
    t.suppressed += r.suppressed;
    t.regressions += r.regressions;
  }
  t.meetingStrategy = t.resources ? (t.pass + t.suppressed) / t.resources : 1;
  return t;
}

/** What to do next across the given subscriptions (the shared top-actions ranking). */
export function nextActions(rows: SubscriptionView[], limit = 5): SubscriptionSummary['topActions'] {
  return topActions(
    rows.flatMap((r) => r.items),
    limit,
  );
}

// ---------------------------------------------------------------- links

/** The repository web URL without credentials or `.git`, https only. */
function repositoryBase(url: string | null): string | null {
  const safe = httpsOnly(url);
  if (!safe) return null;
  try {
    const u = new URL(safe);
    u.username = '';
    u.password = '';
    u.hash = '';
    u.search = '';
    return u.toString().replace(/\/+$/, '').replace(/\.git$/i, '');
  } catch {
    return null;
  }
}

/** A link to the file and line in the repository at the scanned commit (Azure Repos or GitHub), or null. */
export function sourceLink(it: Pick<ResourceReport, 'file' | 'line' | 'column'>, run: Pick<RunContext, 'repositoryUrl' | 'commit'> | undefined): string | null {
  const base = repositoryBase(run?.repositoryUrl ?? null);
  if (!base || !it.file || it.file.startsWith('/') || it.file.includes('..')) return null;
  const path = it.file.split('/').map(encodeURIComponent).join('/');
  const line = Math.max(1, Math.floor(it.line) || 1);
  if (/^https:\/\/github\.com\//i.test(base)) return `${base}/blob/${encodeURIComponent(run?.commit ?? 'HEAD')}/${path}#L${line}`;
  const version = run?.commit ? `&version=GC${encodeURIComponent(run.commit)}` : '';
  const column = Math.max(1, Math.floor(it.column) || 1);
  return `${base}?path=/${path}${version}&line=${line}&lineEnd=${line}&lineStartColumn=${column}&lineEndColumn=${column + 1}&lineStyle=plain&_a=contents`;
}
