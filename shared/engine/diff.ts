/**
 * Compares two posture reports (a baseline and a new run) resource by resource.
 * Used by `drcheck diff`, the task's pull-request gate and the hub's "regressions since the previous run".
 *
 * Resources are matched by their stable `id` (ARM type + resolved name + subscription, else the IaC address),
 * never by file path, so moving a resource between files is not a change. Resources left unmatched are then
 * paired by that identity without what tells repeated ids apart (`#file:line`, the entry, the address), when it
 * is unique on both sides: a line added above one of two same-named resources, or ids from another drcheck
 * version, do not turn a resource into a removed one and a new one.
 *
 * When the baseline was made by another drcheck version, a resource whose fingerprint (its declaration as read)
 * did not change and whose verdict did was judged differently by the new version, not changed by the code:
 * such changes are listed apart (`rejudged`), neither regressions nor improvements. Not when the strategy changed
 * too, and never a lapsed suppression: those come from the config, not from drcheck. So are new resources at a
 * module the baseline reported as not followed: the new version reads a module the old one could not.
 */
import { rank, SEVERITY_ORDER, type Finding, type Redundancy, type Status } from '../model/posture';
import type { PostureReport, ResourceReport } from '../report/types';
import { readErrors } from './gate';

export type ChangeKind =
  /** Redundancy went down (e.g. GRS → LRS, a Cosmos DB region dropped). */
  | 'redundancy-dropped'
  /** A new resource that does not meet what the strategy requires. */
  | 'new-below-required'
  /** A finding that was suppressed no longer is (suppression expired or removed). */
  | 'suppression-lapsed'
  /**
   * A baseline resource missing from the new run because its file could not be read or parsed there: its
   * posture is unknown, so it counts against the change (breaking a file must not hide a downgrade).
   */
  | 'source-unreadable'
  /** Status went from pass (or suppressed) to fail or unknown. */
  | 'status-worsened'
  /**
   * A finding at warning or above that the baseline did not have open on the same resource, while the
   * redundancy level and status did not move: removing Key Vault purge protection, or dropping a Cosmos DB
   * account's second region while periodic backups keep it at `geo`, leaves only this trace.
   */
  | 'finding-added'
  /** Redundancy went up. */
  | 'redundancy-improved'
  /** Status went from fail/unknown to pass. */
  | 'status-improved'
  /** A finding at warning or above that was open in the baseline is gone. */
  | 'finding-resolved'
  /** The resource is gone from the new run. */
  | 'removed'
  /** A new resource that meets what the strategy requires. */
  | 'added';

export const REGRESSION_KINDS: ReadonlySet<ChangeKind> = new Set([
  'redundancy-dropped',
  'new-below-required',
  'suppression-lapsed',
  'status-worsened',
  'finding-added',
  'source-unreadable',
]);

export interface Change {
  kind: ChangeKind;
  /** Stable resource id. */
  id: string;
  /** The resource as it is in the new run (or in the baseline for `removed`). */
  resource: ResourceReport;
  /** The resource as it was in the baseline, when it existed there. */
  base?: ResourceReport;
  /** One sentence for people: what changed. */
  message: string;
}

export interface PostureDiff {
  regressions: Change[];
  improvements: Change[];
  /** New resources that meet the strategy, and removed resources. */
  other: Change[];
  unchanged: number;
  /** True when the two reports were judged against different strategies (the comparison still runs). */
  strategyChanged: boolean;
  /** The drcheck versions, when the baseline was made by another one. */
  toolChanged: { from: string; to: string } | null;
  /**
   * Changes on resources whose declaration reads the same in both runs, while drcheck's version changed: the new
   * version judges them differently (a new rule, a corrected fact). Shown, never counted as regressions.
   */
  rejudged: Change[];
}

function levelOf(r: Redundancy): number | undefined {
  if (r === 'managed') return undefined;
  return rank(r);
}

const WORSE: Record<Status, number> = { pass: 0, suppressed: 0, unknown: 1, fail: 2 };

function label(r: ResourceReport): string {
  return r.name ?? r.address;
}

/** Open (not suppressed) findings at warning or above: the ones a change in a pull request is judged by. */
const openFindings = (r: ResourceReport): Finding[] => r.findings.filter((f) => !f.suppressed && SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER.warning);

/** Compares one resource present in both runs; returns every change that applies (most important first). */
function compareResource(base: ResourceReport, head: ResourceReport): Change[] {
  const changes: Change[] = [];
  const b = levelOf(base.redundancy);
  const h = levelOf(head.redundancy);
  const what = `${head.type} ${label(head)}`;
  if (b !== undefined && h !== undefined && h < b) {
    changes.push({ kind: 'redundancy-dropped', id: head.id, resource: head, base, message: `${what}: redundancy dropped from ${base.redundancy} to ${head.redundancy} (${head.reason})` });
  } else if (b !== undefined && h !== undefined && h > b) {
    changes.push({ kind: 'redundancy-improved', id: head.id, resource: head, base, message: `${what}: redundancy raised from ${base.redundancy} to ${head.redundancy}` });
  }
  const lapsed = head.findings.filter(
    (f) => !f.suppressed && base.findings.some((bf) => bf.ruleId === f.ruleId && bf.suppressed),
  );
  for (const f of lapsed) {
    changes.push({ kind: 'suppression-lapsed', id: head.id, resource: head, base, message: `${what}: ${f.ruleId} is no longer suppressed (the suppression expired or was removed): ${f.message}` });
  }
  // One change per resource and direction: a drop in redundancy already explains a worse status.
  const regressed = changes.length > 0 && changes[0].kind !== 'redundancy-improved';
  const improved = changes.length > 0 && changes[0].kind === 'redundancy-improved';
  if (WORSE[head.status] > WORSE[base.status] && (base.status === 'pass' || base.status === 'suppressed') && !regressed) {
    changes.push({ kind: 'status-worsened', id: head.id, resource: head, base, message: `${what}: status went from ${base.status} to ${head.status} (${head.reason})` });
  } else if (WORSE[head.status] < WORSE[base.status] && !improved) {
    changes.push({ kind: 'status-improved', id: head.id, resource: head, base, message: `${what}: status went from ${base.status} to ${head.status}` });
  }
  // Findings that appear or go away while level and status stay put; one change per resource and direction.
  const anyRegression = changes.some((c) => REGRESSION_KINDS.has(c.kind));
  const anyImprovement = changes.some((c) => !REGRESSION_KINDS.has(c.kind));
  const openBefore = openFindings(base);
  const openNow = openFindings(head);
  const wasOpen = new Set(openBefore.map((f) => f.ruleId));
  const wasSuppressed = new Set(base.findings.filter((f) => f.suppressed).map((f) => f.ruleId));
  // Suppressed in the baseline and open now is `suppression-lapsed` above, not a new finding.
  const added = openNow.filter((f) => !wasOpen.has(f.ruleId) && !wasSuppressed.has(f.ruleId));
  if (added.length && !anyRegression) {
    const [first] = added;
    const more = added.length > 1 ? ` (and ${added.length - 1} more)` : '';
    changes.push({ kind: 'finding-added', id: head.id, resource: head, base, message: `${what}: new ${first.severity} ${first.ruleId}: ${first.message}${more}` });
  }
  const isOpen = new Set(openNow.map((f) => f.ruleId));
  const nowSuppressed = new Set(head.findings.filter((f) => f.suppressed).map((f) => f.ruleId));
  // A finding suppressed in this run is not resolved: it is still there, accepted.
  const resolved = openBefore.filter((f) => !isOpen.has(f.ruleId) && !nowSuppressed.has(f.ruleId));
  if (resolved.length && !anyImprovement && !added.length) {
    changes.push({ kind: 'finding-resolved', id: head.id, resource: head, base, message: `${what}: ${resolved.map((f) => f.ruleId).join(', ')} resolved` });
  }
  return changes;
}

/**
 * One sentence on a baseline made by another drcheck version and what that means for the changes listed; `text`
 * escapes the versions (they come from the baseline file) for where the sentence goes.
 */
export function toolChangeNote(diff: PostureDiff, text: (s: string) => string = (s) => s): string {
  if (!diff.toolChanged) return '';
  // Resources, not changes: one resource can have two (status improved and a new finding).
  const n = new Set(diff.rejudged.map((c) => c.resource)).size;
  const rejudged = n
    ? ` ${n} resource${n === 1 ? '' : 's'} whose code did not change ${n === 1 ? 'is' : 'are'} judged differently by the new version: listed apart, not counted as regressions or improvements.`
    : '';
  return `The baseline was made by drcheck ${text(diff.toolChanged.from)}; this run is drcheck ${text(diff.toolChanged.to)}.${rejudged}`;
}

/**
 * A repeated id's plain form: the identity (subscription, type, name, else the address) that `#file:line`, the entry
 * or `@address` were added to, made from the report's own fields, as the engine makes it (a `#` in a name or a
 * Terraform address is part of the identity). An id that does not start with it is its own plain form.
 */
function plainId(r: ResourceReport): string {
  const sub = r.subscription ?? '-';
  const type = r.type.toLowerCase();
  const plain = r.name ? `${sub}/${type}/${r.name.toLowerCase()}` : `${sub}/${type}/@${r.address}`;
  // 35: '#'.
  return r.id.startsWith(plain) && r.id.charCodeAt(plain.length) === 35 ? plain : r.id;
}

/**
 * Pairs the resources left unmatched by id: by plain id, file and address (instances written at one place, whose
 * ids an earlier version repeated), then by plain id and file, then by plain id alone, each only where exactly one
 * resource on each side has the key (anything ambiguous stays added and removed).
 */
function pairUnmatched(base: ResourceReport[], head: ResourceReport[]): Map<ResourceReport, ResourceReport> {
  const pairs = new Map<ResourceReport, ResourceReport>();
  const pairedBase = new Set<ResourceReport>();
  const keys = [
    (r: ResourceReport) => `${plainId(r)}\0${r.file}\0${r.address}`,
    (r: ResourceReport) => `${plainId(r)}\0${r.file}`,
    (r: ResourceReport) => plainId(r),
  ];
  for (const key of keys) {
    const group = (list: ResourceReport[]) => {
      const by = new Map<string, ResourceReport[]>();
      for (const r of list) {
        const k = key(r);
        const g = by.get(k);
        if (g) g.push(r);
        else by.set(k, [r]);
      }
      return by;
    };
    const bases = group(base.filter((r) => !pairedBase.has(r)));
    for (const [k, heads] of group(head.filter((r) => !pairs.has(r)))) {
      const candidates = bases.get(k);
      if (heads.length !== 1 || candidates?.length !== 1) continue;
      pairs.set(heads[0], candidates[0]);
      pairedBase.add(candidates[0]);
    }
  }
  return pairs;
}

/** How many resources of the list have each id (reports from before ids were unique could repeat one). */
function idCounts(list: ResourceReport[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of list) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
  return counts;
}

export function diffReports(base: PostureReport, head: PostureReport): PostureDiff {
  // Matched by id where the id is once in each report; a repeated one says nothing about which is which, so those
  // are paired like the rest.
  const baseCounts = idCounts(base.resources);
  const headCounts = idCounts(head.resources);
  const matches = (id: string) => baseCounts.get(id) === 1 && headCounts.get(id) === 1;
  const baseById = new Map(base.resources.filter((r) => matches(r.id)).map((r) => [r.id, r]));
  const toolChanged = base.tool.version !== head.tool.version ? { from: base.tool.version, to: head.tool.version } : null;
  const out: PostureDiff = { regressions: [], improvements: [], other: [], unchanged: 0, strategyChanged: base.strategy !== head.strategy, toolChanged, rejudged: [] };
  const paired = pairUnmatched(
    base.resources.filter((r) => !matches(r.id)),
    head.resources.filter((r) => !matches(r.id)),
  );
  const pairedBase = new Set(paired.values());
  // Modules the baseline's drcheck did not follow where this one does (a Bicep registry module read from the local
  // cache since 1.2.0): their resources are new to the report, not to the code. Only across versions, as above.
  const unfollowed = toolChanged && !out.strategyChanged ? new Set((base.errors ?? []).filter((e) => e.code === 'module-not-followed').map((e) => `${e.file}:${e.line}`)) : undefined;
  for (const r of head.resources) {
    const before = baseById.get(r.id) ?? paired.get(r);
    if (!before) {
      if (unfollowed?.has(`${r.file}:${r.line}`)) {
        out.rejudged.push({ kind: 'added', id: r.id, resource: r, message: `${r.type} ${label(r)}: read for the first time (drcheck ${toolChanged!.from} did not follow the module at ${r.file}:${r.line}), ${r.status}` });
      } else if (r.status === 'fail' || (r.status === 'unknown' && r.stateful)) {
        out.regressions.push({ kind: 'new-below-required', id: r.id, resource: r, message: `${r.type} ${label(r)}: new ${r.stateful ? 'stateful ' : ''}resource is ${r.redundancy}, the ${head.strategy} strategy requires ${r.required} (${r.reason})` });
      } else {
        out.other.push({ kind: 'added', id: r.id, resource: r, message: `${r.type} ${label(r)}: new resource, ${r.status}` });
      }
      continue;
    }
    const changes = compareResource(before, r);
    if (!changes.length) out.unchanged++;
    // Only what the new version can change: a lapsed suppression comes from the config (or the date), a stricter
    // strategy from the config or the pipeline, neither from drcheck; both still count.
    const rejudging = toolChanged && !out.strategyChanged && before.fingerprint !== undefined && before.fingerprint === r.fingerprint;
    for (const c of changes) {
      if (rejudging && c.kind !== 'suppression-lapsed') out.rejudged.push(c);
      else (REGRESSION_KINDS.has(c.kind) ? out.regressions : out.improvements).push(c);
    }
  }
  const unread = new Map<string, string>();
  for (const e of readErrors(head)) if (!unread.has(e.file)) unread.set(e.file, `${e.file}(${e.line},${e.column}): ${e.message}`);
  for (const r of base.resources) {
    if (matches(r.id) || pairedBase.has(r)) continue;
    const why = unread.get(r.file);
    if (why) out.regressions.push({ kind: 'source-unreadable', id: r.id, resource: r, base: r, message: `${r.type} ${label(r)}: not judged, its file could not be read in this run (${why})` });
    else out.other.push({ kind: 'removed', id: r.id, resource: r, message: `${r.type} ${label(r)}: removed` });
  }
  return out;
}
