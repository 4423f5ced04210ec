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
 * module the baseline reported as not followed (the new version reads a module the old one could not), and the resources
 * of files the old version did not read at all (`.tf.json` before 1.5.0).
 *
 * Terraform resources Terraform moved are paired first, with the baseline's resource at their former address in the same
 * root module: a `moved` block's (`movedFrom`), else the one `count` added or removed implies, as Terraform plans them.
 *
 * What is still unmatched after that is paired by type and file where exactly one resource of a type left a file and
 * one came into it: a renamed Bicep symbol or Terraform address (whose id is the address when the name is not
 * known), compared as a change and noted as renamed. A regression on a resource the config suppresses (an active
 * suppression: an expired one stops applying) is accepted, listed apart with the justification and never counted;
 * so are improvements that only a lower strategy explains. A file the new run could not read, where the baseline
 * could, is a regression of its own.
 */
import { rank, SEVERITY_ORDER, STRATEGIES, type Finding, type Redundancy, type Status, type Strategy } from '../model/posture';
import { folderOf, isTerraformOverrideFile } from '../model/resource';
import type { PostureReport, ReportError, ResourceReport } from '../report/types';
import { notReadErrors } from './gate';

/** Files drcheck reads from a version on: their resources are new to an older version's report, not to the code. */
const FIRST_READ: ReadonlyArray<{ since: string; file: RegExp; what: string }> = [{ since: '1.5.0', file: /\.tf\.json$/i, what: "Terraform's JSON syntax (.tf.json)" }];

/** Whether drcheck version `a` comes before `b` (`1.4.0` before `1.5.0`; pre-release and build parts ignored). */
function versionBefore(a: string, b: string): boolean {
  const parts = (v: string) => v.split(/[-+]/)[0].split('.').map((n) => Number.parseInt(n, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0);
  return false;
}

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
  /**
   * A file the new run could not read or parse (an error, not a warning) that the baseline read without one: a new
   * file, or one that broke. Once per file, whatever it holds; `resource` stands for the file and `error` says why.
   */
  | 'file-unreadable'
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
  | 'added'
  /** The one resource of its type that left a file paired with the one that came into it, with nothing else changed. */
  | 'renamed';

export const REGRESSION_KINDS: ReadonlySet<ChangeKind> = new Set([
  'redundancy-dropped',
  'new-below-required',
  'suppression-lapsed',
  'status-worsened',
  'finding-added',
  'source-unreadable',
  'file-unreadable',
]);

export interface Change {
  kind: ChangeKind;
  /** Stable resource id. */
  id: string;
  /** The resource as it is in the new run (or in the baseline for `removed`). */
  resource: ResourceReport;
  /** The resource as it was in the baseline, when it existed there. */
  base?: ResourceReport;
  /** One sentence for people: what changed, starting with the resource's type and name. */
  message: string;
  /** The same without the type and name, for where the resource is shown beside it (a table's Resource column). */
  detail: string;
  /** For a resource paired by type and file, or as Terraform moved it: its name (else address) in the baseline. */
  renamedFrom?: string;
  /** Set when Terraform moved it (a `moved` block, or `count` added or removed), not a rename drcheck inferred. */
  moved?: true;
}

export interface PostureDiff {
  regressions: Change[];
  improvements: Change[];
  /** New resources that meet the strategy, and removed resources. */
  other: Change[];
  unchanged: number;
  /** True when the two reports were judged against different strategies (the comparison still runs). */
  strategyChanged: boolean;
  /** The strategies the baseline and the new run were judged against. */
  strategies: { base: Strategy; head: Strategy };
  /** True when the new run's strategy asks less than the baseline's (the pull request lowers the bar). */
  strategyLowered: boolean;
  /** The commit the baseline was made from, when its report says (to link files that are gone from the new run). */
  baseCommit?: string;
  /** The drcheck versions, when the baseline was made by another one. */
  toolChanged: { from: string; to: string } | null;
  /**
   * Changes on resources whose declaration reads the same in both runs, while drcheck's version changed: the new
   * version judges them differently (a new rule, a corrected fact). Shown, never counted as regressions.
   */
  rejudged: Change[];
  /**
   * Regressions on resources whose findings the config suppresses in the new run (justified, not expired): accepted,
   * shown with the suppression, never counted. A suppression that lapsed still counts (`suppression-lapsed`).
   */
  accepted: Change[];
  /**
   * Improvements on resources whose declaration did not change, when the strategy was lowered: the bar moved, not
   * the code. Shown apart as judged against another strategy, not as improvements.
   */
  byStrategy: Change[];
}

function levelOf(r: Redundancy): number | undefined {
  if (r === 'managed') return undefined;
  return rank(r);
}

const WORSE: Record<Status, number> = { pass: 0, suppressed: 0, unknown: 1, fail: 2 };

function label(r: ResourceReport): string {
  return r.name ?? r.address;
}

/** Report text kept short for a sentence: its first line, at most `max` characters (a read error can be 300,000). */
export function shortText(value: unknown, max = 300): string {
  // Report text comes from an attachment another run wrote: anything but a string is shown as it prints.
  const text = typeof value === 'string' ? value : String(value ?? '');
  const nl = text.indexOf('\n');
  const line = (nl >= 0 ? text.slice(0, nl) : text).trimEnd();
  return line.length > max ? `${line.slice(0, max - 1)}…` : nl >= 0 && nl < text.length - 1 ? `${line} …` : line;
}

/** A change on a resource: `detail` is what changed, `message` the same after the resource's type and name. */
function change(kind: ChangeKind, resource: ResourceReport, base: ResourceReport | undefined, detail: string): Change {
  return { kind, id: resource.id, resource, ...(base ? { base } : {}), message: `${resource.type} ${label(resource)}: ${detail}`, detail };
}

/** What the baseline said, when it said something else (`; was: …`): a regression names what was lost. */
function was(base: ResourceReport, head: ResourceReport): string {
  return base.reason && base.reason !== head.reason ? `; was: ${shortText(base.reason)}` : '';
}

/** Open (not suppressed) findings at warning or above: the ones a change in a pull request is judged by. */
const openFindings = (r: ResourceReport): Finding[] => r.findings.filter((f) => !f.suppressed && SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER.warning);

/** Compares one resource present in both runs; returns every change that applies (most important first). */
function compareResource(base: ResourceReport, head: ResourceReport): Change[] {
  const changes: Change[] = [];
  const b = levelOf(base.redundancy);
  const h = levelOf(head.redundancy);
  if (b !== undefined && h !== undefined && h < b) {
    changes.push(change('redundancy-dropped', head, base, `redundancy dropped from ${base.redundancy} to ${head.redundancy} (${shortText(head.reason)}${was(base, head)})`));
  } else if (b !== undefined && h !== undefined && h > b) {
    changes.push(change('redundancy-improved', head, base, `redundancy raised from ${base.redundancy} to ${head.redundancy}`));
  }
  const lapsed = head.findings.filter(
    (f) => !f.suppressed && base.findings.some((bf) => bf.ruleId === f.ruleId && bf.suppressed),
  );
  for (const f of lapsed) {
    changes.push(change('suppression-lapsed', head, base, `${f.ruleId} is no longer suppressed (the suppression expired or was removed): ${shortText(f.message)}`));
  }
  // One change per resource and direction: a drop in redundancy already explains a worse status.
  const regressed = changes.length > 0 && changes[0].kind !== 'redundancy-improved';
  const improved = changes.length > 0 && changes[0].kind === 'redundancy-improved';
  if (WORSE[head.status] > WORSE[base.status] && (base.status === 'pass' || base.status === 'suppressed') && !regressed) {
    changes.push(change('status-worsened', head, base, `status went from ${base.status} to ${head.status} (${shortText(head.reason)}${was(base, head)})`));
  } else if (WORSE[head.status] < WORSE[base.status] && !improved) {
    changes.push(change('status-improved', head, base, `status went from ${base.status} to ${head.status}`));
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
    changes.push(change('finding-added', head, base, `new ${first.severity} ${first.ruleId}: ${shortText(first.message)}${more}${was(base, head) ? ` (${was(base, head).slice(2)})` : ''}`));
  }
  const isOpen = new Set(openNow.map((f) => f.ruleId));
  const nowSuppressed = new Set(head.findings.filter((f) => f.suppressed).map((f) => f.ruleId));
  // A finding suppressed in this run is not resolved: it is still there, accepted.
  const resolved = openBefore.filter((f) => !isOpen.has(f.ruleId) && !nowSuppressed.has(f.ruleId));
  if (resolved.length && !anyImprovement && !added.length) {
    changes.push(change('finding-resolved', head, base, `${resolved.map((f) => f.ruleId).join(', ')} resolved`));
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
 * Pairs resources by each key in turn, only where exactly one resource on each side has the key (anything ambiguous
 * stays added and removed); a resource paired by one key is not paired again.
 */
function pairBy(base: ResourceReport[], head: ResourceReport[], keys: Array<(r: ResourceReport) => string>): Map<ResourceReport, ResourceReport> {
  const pairs = new Map<ResourceReport, ResourceReport>();
  const pairedBase = new Set<ResourceReport>();
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

/**
 * Pairs the resources left unmatched by id: by plain id, file and address (instances written at one place, whose
 * ids an earlier version repeated), then by plain id and file, then by plain id alone.
 */
function pairUnmatched(base: ResourceReport[], head: ResourceReport[]): Map<ResourceReport, ResourceReport> {
  return pairBy(base, head, [(r) => `${plainId(r)}\0${r.file}\0${r.address}`, (r) => `${plainId(r)}\0${r.file}`, (r) => plainId(r)]);
}

/** How many resources of the list have each id (reports from before ids were unique could repeat one). */
function idCounts(list: ResourceReport[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of list) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
  return counts;
}

/**
 * Pairs what `pairUnmatched` left: per type and file, the one resource that left it with the one that came into it
 * (exactly one on each side): a renamed Bicep symbol or Terraform address, or a name that changed. Anything more
 * (two of a type removed, or added) stays removed and added.
 */
function pairRenamed(base: ResourceReport[], head: ResourceReport[]): Map<ResourceReport, ResourceReport> {
  return pairBy(base, head, [(r) => `${r.type.toLowerCase()}\0${r.file}`]);
}

/**
 * The Terraform configuration a resource is part of, as its report tells it: the folder of the root module, where the
 * outermost module call is written (else the resource itself), or the plan file. `moved` blocks apply within one.
 */
function terraformRoot(r: ResourceReport): string {
  return r.language === 'terraform-plan' ? r.file : folderOf(r.via?.[0]?.file ?? r.file);
}

/**
 * The addresses Terraform moves an object from without a `moved` block: adding `count` to a resource or module call
 * moves its object to instance `[0]`, removing it moves `[0]` back
 * (https://developer.hashicorp.com/terraform/language/meta-arguments/count). One toggle at a time: the resource's own
 * key, or one module call's.
 */
function impliedFormers(address: string): Array<{ former: string; note: string }> {
  const out: Array<{ former: string; note: string }> = [];
  if (address.endsWith('[0]')) out.push({ former: address.slice(0, -3), note: 'count added' });
  else if (!address.endsWith(']')) out.push({ former: `${address}[0]`, note: 'count removed' });
  for (const m of address.matchAll(/(?:^|\.)module\.[A-Za-z_][\w-]*/g)) {
    const end = m.index + m[0].length;
    if (address.startsWith('[0].', end)) out.push({ former: address.slice(0, end) + address.slice(end + 3), note: 'count added' });
    else if (address[end] === '.') out.push({ former: `${address.slice(0, end)}[0]${address.slice(end)}`, note: 'count removed' });
  }
  return out;
}

/**
 * Pairs Terraform resources whose `moved` blocks name their former address (`movedFrom`, most recent first) with the
 * baseline's resource at that address in the same root module (a `moved` block means nothing to another configuration),
 * as Terraform plans them: the object moves, nothing is destroyed. Then, for those left, the moves Terraform makes
 * itself when `count` is added or removed. A former address that more than one baseline resource of the type has there,
 * or that more than one moved resource claims, says nothing about which is which: those are paired like the rest.
 * Each pair comes with what moved it, for the change's note.
 */
function pairMoved(base: ResourceReport[], head: ResourceReport[]): Map<ResourceReport, { base: ResourceReport; note: string }> {
  const pairs = new Map<ResourceReport, { base: ResourceReport; note: string }>();
  const terraform = head.filter((r) => r.terraformType !== undefined && r.language === 'terraform');
  if (!terraform.length && !head.some((r) => r.movedFrom?.length)) return pairs;
  const at = new Map<string, ResourceReport[]>();
  for (const r of base) {
    if (r.terraformType === undefined) continue;
    const k = `${terraformRoot(r)}\0${r.type.toLowerCase()}\0${r.address}`;
    const list = at.get(k);
    if (list) list.push(r);
    else at.set(k, [r]);
  }
  const claimed = new Set<ResourceReport>();
  const pass = (candidates: (r: ResourceReport) => Array<{ former: string; note: string }>, from: readonly ResourceReport[]) => {
    const claims = new Map<ResourceReport, Array<{ head: ResourceReport; note: string }>>();
    for (const r of from) {
      if (pairs.has(r)) continue;
      for (const { former, note } of candidates(r)) {
        const found = at.get(`${terraformRoot(r)}\0${r.type.toLowerCase()}\0${former}`);
        if (!found) continue;
        if (found.length === 1 && !claimed.has(found[0])) claims.set(found[0], [...(claims.get(found[0]) ?? []), { head: r, note: `moved from ${former} (${note})` }]);
        break;
      }
    }
    for (const [b, heads] of claims) {
      if (heads.length !== 1) continue;
      pairs.set(heads[0].head, { base: b, note: heads[0].note });
      claimed.add(b);
    }
  };
  pass((r) => (r.movedFrom ?? []).map((former) => ({ former, note: 'moved block' })), head);
  pass((r) => impliedFormers(r.address), terraform);
  return pairs;
}

/**
 * Whether a Terraform resource paired by type, address and file across versions differs only as the new version reads
 * it: another ARM type for the Terraform type, or its name now under its parent's (`sql-weu/orders`, was `orders`). A
 * name changed otherwise is a change in the code, compared and counted.
 */
function readAnew(base: ResourceReport, head: ResourceReport): boolean {
  if (base.type.toLowerCase() !== head.type.toLowerCase()) return true;
  return base.name !== null && head.name !== null && head.name.toLowerCase().endsWith(`/${base.name.toLowerCase()}`);
}

/** The justification (and expiry) of the suppressions that make a resource `suppressed`, for people. */
function suppressionNote(r: ResourceReport): string {
  const used = r.findings.filter((f) => f.suppressed).map((f) => f.suppressed!);
  const seen = new Set<string>();
  const distinct = used.filter((s) => !seen.has(`${s.justification}\0${s.expires ?? ''}`) && seen.add(`${s.justification}\0${s.expires ?? ''}`));
  if (!distinct.length) return 'accepted by a suppression';
  const [first] = distinct;
  const more = distinct.length > 1 ? ` (and ${distinct.length - 1} more)` : '';
  return `accepted by a suppression: "${shortText(first.justification, 200)}", ${first.expires ? `expires ${first.expires}` : 'no expiry'}${more}`;
}

/** A resource-shaped stand-in for a file, so that a file's change lists, counts and links like a resource's. */
function fileEntry(e: ReportError): ResourceReport {
  const language: ResourceReport['language'] = /\.tf(\.json)?$/i.test(e.file) ? 'terraform' : /\.bicep(param)?$/i.test(e.file) ? 'bicep' : 'arm';
  return {
    id: `@file/${e.file}`,
    type: 'file',
    name: null,
    address: e.file,
    file: e.file,
    line: e.line,
    column: e.column,
    language,
    location: null,
    subscription: null,
    landingZone: null,
    service: null,
    stateful: false,
    statefulSource: 'heuristic',
    redundancy: 'unknown',
    reason: shortText(e.message),
    required: 'none',
    status: 'unknown',
    responsibility: null,
    findings: [],
  };
}

export function diffReports(base: PostureReport, head: PostureReport): PostureDiff {
  // Matched by id where the id is once in each report; a repeated one says nothing about which is which, so those
  // are paired like the rest.
  const baseCounts = idCounts(base.resources);
  const headCounts = idCounts(head.resources);
  const matches = (id: string) => baseCounts.get(id) === 1 && headCounts.get(id) === 1;
  const baseById = new Map(base.resources.filter((r) => matches(r.id)).map((r) => [r.id, r]));
  const toolChanged = base.tool.version !== head.tool.version ? { from: base.tool.version, to: head.tool.version } : null;
  const strategyChanged = base.strategy !== head.strategy;
  const strategyLowered = STRATEGIES.indexOf(head.strategy) < STRATEGIES.indexOf(base.strategy);
  const out: PostureDiff = {
    regressions: [],
    improvements: [],
    other: [],
    unchanged: 0,
    strategyChanged,
    strategies: { base: base.strategy, head: head.strategy },
    strategyLowered,
    toolChanged,
    rejudged: [],
    accepted: [],
    byStrategy: [],
    ...(base.run?.sourceVersion ? { baseCommit: base.run.sourceVersion } : {}),
  };
  // The first read error of each file the new run could not read; a baseline resource there is not renamed or removed.
  const unread = new Map<string, ReportError>();
  for (const e of notReadErrors(head)) if (!unread.has(e.file)) unread.set(e.file, e);
  const unmatchedBase = base.resources.filter((r) => !matches(r.id));
  const unmatchedHead = head.resources.filter((r) => !matches(r.id));
  // Moves Terraform makes first (`moved` blocks, `count` added or removed): they say which is which, where the rest is inferred.
  const moved = pairMoved(unmatchedBase, unmatchedHead);
  const movedBase = new Set([...moved.values()].map((m) => m.base));
  const paired = pairUnmatched(unmatchedBase.filter((r) => !movedBase.has(r)), unmatchedHead.filter((r) => !moved.has(r)));
  for (const [h, m] of moved) paired.set(h, m.base);
  // A Terraform resource the new version reads as another type or name (1.3 maps the azurerm 3.x `azurerm_sql_database`
  // onto Microsoft.Sql/servers/databases; 1.4 names a plan's database under its server): across versions, one Terraform
  // type at one address in one file is one resource, and what changed is the new version's reading of it. Before the
  // pairing of renames, which only guesses at one. Not when the strategy changed too (as for fingerprints).
  const pairedNow = new Set(paired.values());
  // So is a Bicep resource: one symbol at one address in one file (1.6 names a child by its own name where its parent's
  // was repeated).
  const byDeclaration = (r: ResourceReport) => r.terraformType !== undefined || r.language === 'bicep';
  const remapped = toolChanged && !strategyChanged
    ? pairBy(
        unmatchedBase.filter((r) => byDeclaration(r) && !pairedNow.has(r)),
        unmatchedHead.filter((r) => byDeclaration(r) && !paired.has(r)),
        [(r) => `${r.file}\0${r.terraformType ?? r.type.toLowerCase()}\0${r.address}`],
      )
    : new Map<ResourceReport, ResourceReport>();
  for (const [h, b] of remapped) paired.set(h, b);
  const pairedAfterRemap = new Set(paired.values());
  const renamed = pairRenamed(
    unmatchedBase.filter((r) => !pairedAfterRemap.has(r) && !unread.has(r.file)),
    unmatchedHead.filter((r) => !paired.has(r)),
  );
  for (const [h, b] of renamed) paired.set(h, b);
  const pairedBase = new Set(paired.values());
  // Modules the baseline's drcheck did not follow where this one does (a Bicep registry module read from the local
  // cache since 1.2.0): their resources are new to the report, not to the code. Only across versions, as above.
  const unfollowed = toolChanged && !strategyChanged ? new Set((base.errors ?? []).filter((e) => e.code === 'module-not-followed').map((e) => `${e.file}:${e.line}`)) : undefined;
  // Terraform resources an override file changes, which the baseline's drcheck read as second declarations at the same
  // address in the same folder (before 1.5.0), not merged: their new verdicts come from the merge, not from the code.
  const overriddenUnmerged = new Set(
    toolChanged && !strategyChanged && versionBefore(toolChanged.from, '1.5.0') ? base.resources.filter((r) => r.language === 'terraform' && isTerraformOverrideFile(r.file)).map((r) => `${folderOf(r.file)}\0${r.address}`) : [],
  );
  // So are the resources of files the baseline's drcheck did not read at all (Terraform's JSON syntax before 1.5.0).
  const notReadBy = toolChanged && !strategyChanged ? (file: string) => FIRST_READ.find((f) => f.file.test(file) && versionBefore(toolChanged.from, f.since)) : () => undefined;
  for (const r of head.resources) {
    const before = baseById.get(r.id) ?? paired.get(r);
    if (!before) {
      const unreadFile = notReadBy(r.file);
      if (unfollowed?.has(`${r.file}:${r.line}`)) {
        out.rejudged.push(change('added', r, undefined, `read for the first time (drcheck ${toolChanged!.from} did not follow the module at ${r.file}:${r.line}), ${r.status}`));
      } else if (unreadFile) {
        out.rejudged.push(change('added', r, undefined, `read for the first time (drcheck ${toolChanged!.from} did not read ${unreadFile.what}), ${r.status}`));
      } else if (r.status === 'fail' || (r.status === 'unknown' && r.stateful)) {
        out.regressions.push(change('new-below-required', r, undefined, `new ${r.stateful ? 'stateful ' : ''}resource is ${r.redundancy}, the ${head.strategy} strategy requires ${r.required} (${shortText(r.reason)})`));
      } else if (r.status === 'suppressed') {
        // Below the strategy but for the suppression that covers it: accepted, shown with the justification.
        out.accepted.push(change('new-below-required', r, undefined, `new ${r.stateful ? 'stateful ' : ''}resource is ${r.redundancy}, the ${head.strategy} strategy requires ${r.required}; ${suppressionNote(r)}`));
      } else {
        out.other.push(change('added', r, undefined, `new resource, ${r.status}`));
      }
      continue;
    }
    const changes = compareResource(before, r);
    const from = (renamed.has(r) || moved.has(r)) && label(before) !== label(r) ? label(before) : undefined;
    // A move says how Terraform made it; a rename is what drcheck inferred from one resource of a type leaving a file.
    const how = moved.get(r)?.note ?? `renamed from ${from}`;
    const movedTag = moved.has(r) ? { moved: true as const } : {};
    if (from) {
      for (const c of changes) {
        Object.assign(c, { renamedFrom: from, ...movedTag });
        c.detail += `; ${how}`;
        c.message += `; ${how}`;
      }
    }
    if (!changes.length) {
      out.unchanged++;
      if (from) out.other.push({ ...change('renamed', r, before, how), renamedFrom: from, ...movedTag });
    }
    // Only what the new version can change: a lapsed suppression comes from the config (or the date), a stricter
    // strategy from the config or the pipeline, neither from drcheck; both still count.
    const rejudging =
      toolChanged &&
      !strategyChanged &&
      ((before.fingerprint !== undefined && before.fingerprint === r.fingerprint) || (remapped.has(r) && readAnew(before, r)) || overriddenUnmerged.has(`${folderOf(r.file)}\0${r.address}`));
    // The declaration reads the same (by fingerprint, else by its redundancy): only the strategy can have moved it.
    const sameDeclaration = before.fingerprint !== undefined && r.fingerprint !== undefined ? before.fingerprint === r.fingerprint : before.redundancy === r.redundancy;
    for (const c of changes) {
      const regression = REGRESSION_KINDS.has(c.kind);
      if (rejudging && c.kind !== 'suppression-lapsed') out.rejudged.push(c);
      else if (regression && c.kind !== 'suppression-lapsed' && r.status === 'suppressed') {
        c.detail += `; ${suppressionNote(r)}`;
        c.message += `; ${suppressionNote(r)}`;
        out.accepted.push(c);
      } else if (!regression && strategyLowered && sameDeclaration) out.byStrategy.push(c);
      else (regression ? out.regressions : out.improvements).push(c);
    }
  }
  // A file this run could not read where the baseline read it (a new file, or one that broke): what it holds is not
  // judged, so it counts, once; its resources in the baseline are listed below it.
  const unreadBefore = new Set(notReadErrors(base).map((e) => e.file));
  const newlyUnread = new Set<string>();
  for (const e of unread.values()) {
    if (unreadBefore.has(e.file)) continue;
    newlyUnread.add(e.file);
    const why = `could not be read in this run: ${shortText(e.message, 200)}`;
    out.regressions.push({ kind: 'file-unreadable', id: `@file/${e.file}`, resource: fileEntry(e), message: `${e.file}(${e.line},${e.column}): ${why}`, detail: why });
  }
  for (const r of base.resources) {
    if (matches(r.id) || pairedBase.has(r)) continue;
    const e = unread.get(r.file);
    if (e) {
      // The error is shown once, on the file's own line; else (the baseline could not read all of it either) here.
      const where = `${e.file}(${e.line},${e.column})`;
      const why = newlyUnread.has(e.file) ? where : `${where}: ${shortText(e.message, 200)}`;
      out.regressions.push(change('source-unreadable', r, r, `not judged, its file could not be read in this run (${why})`));
    } else out.other.push(change('removed', r, undefined, 'removed'));
  }
  return out;
}
