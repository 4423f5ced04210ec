/**
 * The posture engine: judges normalised resources against the DR catalog and a strategy, and
 * builds the report (posture.json). Pure: no file system, so the CLI, the task and tests share it.
 */
import { CATALOG, deploysToSecondRegion, entryForAncestor, entryForResource, entryJudging, hasJudgedAncestor, resourceNoun, ruleAppliesTo } from '../catalog';
import type { CatalogEntry, RuleResult } from '../catalog/types';
import { classifyScaleSet, classifyUncatalogued, isStoreOfItsOwn } from '../catalog/uncatalogued';
import { landingZoneMatcher } from '../config/landing-zones';
import type { DrCheckConfig, LandingZoneConfig } from '../config/types';
import { rank, STRATEGY_DEFINITIONS, type Finding, type StrategyDefinition, type Redundancy, type RequiredLevel, type Status, type Strategy, type UpliftOption } from '../model/posture';
import { deploymentOf, type NormalisedResource, type ScanIssue } from '../model/resource';
import { getPath, isUnknown, regionKey, Unknown } from '../model/value';
import { SCHEMA_VERSION, type PostureReport, type ResourceReport, type SubscriptionSummary } from '../report/types';
import { judgeAlternatives } from './alternatives';
import { createRuleContext, withVariant } from './context';
import { responsibilityFor } from './responsibility';
import { judgeUncatalogued } from './generic-rule';
import { fingerprint } from './fingerprint';
import { RepeatFinder } from './repeats';
import { topActions } from './top-actions';
import { isProtectable, withProtection } from './protection';
import { applySuppressions, prepareSuppressions } from './suppressions';

export { topActions } from './top-actions';

export interface JudgeInput {
  resources: readonly NormalisedResource[];
  issues: readonly ScanIssue[];
  strategy: Strategy;
  config: DrCheckConfig;
  /**
   * Maps a resource's file (relative to the scan root) to the path its landing-zone globs are written against
   * (relative to the config's folder). Identity when the config sits at the scan root.
   */
  configRelative?: (file: string) => string;
  /** Overrides `config.defaultSubscription`. */
  defaultSubscription?: string;
  now?: Date;
  toolVersion: string;
  roots: string[];
  run?: PostureReport['run'];
}

function judgeOne(resource: NormalisedResource, entry: CatalogEntry | undefined, lowerType: string, ctx: ReturnType<typeof createRuleContext>, issues: ScanIssue[]): RuleResult {
  if (!entry) return judgeUncatalogued(resource, ctx);
  const rule = entry.rule;
  const applies = rule && ruleAppliesTo(entry, lowerType) && (!rule.match || rule.match(resource));
  if (!rule || !applies) {
    return {
      redundancy: entry.defaultRedundancy ?? 'managed',
      reason: entry.defaultReason ?? `${entry.displayName}: resilience is part of the Azure service`,
    };
  }
  try {
    return rule.evaluate(resource, ctx);
  } catch (e) {
    issues.push({
      file: resource.source.file,
      line: resource.source.line,
      column: resource.source.column,
      severity: 'error',
      code: 'rule-error',
      message: `the ${entry.id} rule could not judge ${resource.address}: ${(e as Error).message}`,
    });
    return { redundancy: 'unknown', reason: `the ${entry.id} rule failed: ${(e as Error).message}` };
  }
}

/** True when the resource is a sub-resource whose DR settings are judged on its parent (a rule exists for the parent type). */
function isSettingOfParent(lowerType: string, entry: CatalogEntry | undefined): boolean {
  if (!entry?.rule) return false;
  if (ruleAppliesTo(entry, lowerType)) return false;
  if (isSettingType(lowerType, entry)) return true;
  return entry.rule.appliesTo.some((a) => lowerType.startsWith(`${a.toLowerCase()}/`));
}

/** One of the entry's `settingTypes`: configuration of the resources its rule judges, not their child. */
function isSettingType(lowerType: string, entry: CatalogEntry): boolean {
  return entry.settingTypes?.some((t) => t.toLowerCase() === lowerType) ?? false;
}

/** `microsoft.x/parents/children`: an ARM child type (a Terraform type without an ARM mapping is not one). */
function isArmChildType(lowerType: string): boolean {
  const first = lowerType.indexOf('/');
  return first > 0 && lowerType.indexOf('/', first + 1) > first + 1 && lowerType.startsWith('microsoft.');
}

/** Uplift options (the entry's, or those a rule chose for the resource), those that reach the required level first. */
function upliftFor(options: readonly UpliftOption[], required: RequiredLevel): UpliftOption[] {
  const reaches = (u: UpliftOption) => u.reaches === 'managed' || (u.reaches !== undefined && u.reaches !== 'unknown' && (rank(u.reaches) ?? 0) >= (rank(required) ?? 0));
  return [...options.filter(reaches), ...options.filter((u) => !reaches(u))];
}

/** `body.location`, normalised: lower case, no white space (memoised: a scan has few distinct locations). */
function locationOf(resource: NormalisedResource, normalised: Map<string, string>): string | null {
  const loc = getPath(resource.body, 'location');
  if (typeof loc !== 'string') return null;
  let out = normalised.get(loc);
  if (out === undefined) {
    out = regionKey(loc);
    if (normalised.size < 10_000) normalised.set(loc, out);
  }
  return out;
}

/** A resource of a service whose DR design is a second deployment, placed where only a deployment knows. */
interface UnknownPlacement {
  resource: NormalisedResource;
  location: Unknown;
}

/**
 * Where the counterparts of a second-region service are: in any deployment, those whose region is known (or can only
 * be a few regions); in its own deployment, all. A region only known at deployment makes another deployment's copy
 * in a second region something it may be only where both are deployed together (one template's two regions, one
 * configuration's two modules): two unrelated templates of a repository, each in its resource group's region, are
 * not copies of each other.
 */
interface Counterparts {
  /** Per region, the first resource placed there, in any deployment. */
  known?: Map<string, NormalisedResource>;
  /** Placed in a region only known at deployment that can only be one of a few, in any deployment. */
  bounded?: UnknownPlacement[];
  /** Per region, the first resource placed there, in this deployment. */
  knownHere?: Map<string, NormalisedResource>;
  /** Placed in a region only known at deployment, in this deployment. */
  unknownHere?: UnknownPlacement[];
}

/** One location written twice (a parameter read by both, the resource group's location in two modules): one value. */
function sameUnknown(a: Unknown, b: Unknown): boolean {
  return a === b || (a.expression === b.expression && a.reason === b.reason);
}

/**
 * Where an unknown location can be, against a known one: `other` when each value it can only be is another region,
 * `same` when each is this one, else `maybe`.
 */
function placedAgainst(location: Unknown, known: string): 'other' | 'same' | 'maybe' {
  const values = location.oneOf;
  if (!values?.length || !values.every((v) => typeof v === 'string')) return 'maybe';
  const keys = (values as string[]).map(regionKey);
  return keys.every((k) => k !== known) ? 'other' : keys.every((k) => k === known) ? 'same' : 'maybe';
}

const named = (r: NormalisedResource) => `'${r.name ?? r.address}'`;

/** The regions a location only known at deployment can be (`northeurope or uksouth`), as written. */
const regionsOf = (location: Unknown) => (location.oneOf as string[]).join(' or ');

/**
 * A deployment of the same service and type in a second region, for a service whose DR design is one: certain when
 * its region is known to differ, else (a location only known at deployment, here or there) a copy it may be.
 */
function secondRegion(resource: NormalisedResource, loc: string | null, near: Counterparts): { certain: boolean; reason: string } | undefined {
  if (loc !== null) {
    for (const [l, r] of near.known ?? []) if (l !== loc) return { certain: true, reason: `a counterpart is also deployed in ${l} (${r.name ?? r.address}), a second region; this one is in ${loc}` };
    for (const p of near.bounded ?? []) {
      if (placedAgainst(p.location, loc) === 'other') return { certain: true, reason: `a counterpart is also deployed in ${regionsOf(p.location)} (${p.resource.name ?? p.resource.address}), a second region; this one is in ${loc}` };
    }
    const maybe = near.unknownHere?.find((p) => placedAgainst(p.location, loc) === 'maybe');
    return maybe && { certain: false, reason: `${named(maybe.resource)} of the same type is deployed in a region not known statically (${maybe.location.toString()}): a copy in a second region unless that is ${loc} too; this one is in ${loc}` };
  }
  const own = getPath(resource.body, 'location');
  if (!isUnknown(own)) return undefined;
  for (const [l, r] of near.known ?? []) {
    if (placedAgainst(own, l) === 'other') return { certain: true, reason: `a counterpart is also deployed in ${l} (${r.name ?? r.address}), and this one in ${regionsOf(own)}, a second region` };
  }
  let maybe: string | undefined;
  for (const [l, r] of near.knownHere ?? []) {
    if (placedAgainst(own, l) === 'maybe') {
      maybe = `${named(r)} of the same type is deployed in ${l}`;
      break;
    }
  }
  const other = near.unknownHere?.find((p) => p.resource !== resource && !sameUnknown(p.location, own));
  if (!maybe && other) maybe = `${named(other.resource)} of the same type is deployed in a region not known statically (${other.location.toString()})`;
  return maybe === undefined ? undefined : { certain: false, reason: `this one's region is not known statically (${own.toString()}) and ${maybe}: one may be the copy in a second region` };
}

function statusFor(redundancy: Redundancy, required: RequiredLevel): Status {
  if (redundancy === 'managed') return 'pass';
  if (redundancy === 'unknown') return required === 'none' ? 'pass' : 'unknown';
  return (rank(redundancy) ?? 0) >= (rank(required) ?? 0) ? 'pass' : 'fail';
}

/**
 * The status a rule's result earns against what the strategy requires: its redundancy level, then what the strategy
 * does not accept as a copy outside the region (only a geo backup, only configuration). `failure` says why, when the
 * level alone would pass. Error findings, which also fail a pass, are the caller's.
 */
function verdictOf(result: RuleResult, required: RequiredLevel, stateful: boolean, strategyDef: StrategyDefinition): { status: Status; failure?: string } {
  const status = statusFor(result.redundancy, required);
  if (status !== 'pass' || !stateful || required === 'none' || rank(required)! < rank('geo')!) return { status };
  if (result.detail === 'geo-backup' && !strategyDef.acceptsGeoBackup) {
    return { status: 'fail', failure: `only a geo-redundant backup exists outside the region; the ${strategyDef.title} strategy needs the data replicated to the secondary region` };
  }
  if (result.detail === 'geo-config' && !strategyDef.acceptsGeoConfigOnly) {
    return { status: 'fail', failure: `only configuration/metadata is replicated to the secondary region, not the data; the ${strategyDef.title} strategy needs a copy of the data` };
  }
  return { status };
}

function stableId(lowerType: string, name: string | null, address: string, subscription: string | null): string {
  const sub = subscription ?? '-';
  return name ? flat([sub, '/', lowerType, '/', name.toLowerCase()]) : flat([sub, '/', lowerType, '/@', address]);
}

/**
 * The parts joined into one flat string. Report strings live as long as the report: built with `+` they
 * would be chains of many small string objects for the garbage collector to copy and trace.
 */
function flat(parts: string[]): string {
  return parts.join('');
}

/**
 * Each problem once: a module called from several roots (or several times) is evaluated per call, and
 * would otherwise repeat the same warning, at the same place, once per call.
 */
function distinctIssues(issues: ScanIssue[]): ScanIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.file}\0${i.line}\0${i.column}\0${i.severity}\0${i.code ?? ''}\0${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Memoised per scan: values that depend only on a resource's type, file or catalog entry. */
function memo<K, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined && !cache.has(key)) {
      v = compute(key);
      cache.set(key, v);
    }
    return v as V;
  };
}

export function judge(input: JudgeInput): PostureReport {
  const strategyDef = STRATEGY_DEFINITIONS[input.strategy];
  const issues = [...input.issues];
  // Each resource's type in lower case, filled in below before any rule runs.
  const lowerTypes = new Array<string>(input.resources.length);
  const ctx = createRuleContext(input.resources, input.strategy, lowerTypes);
  const now = input.now ?? new Date();
  const suppressions = prepareSuppressions(input.config.suppressions, now);
  const toConfig = input.configRelative ?? ((f: string) => f);
  const defaultSubscription = input.defaultSubscription ?? input.config.defaultSubscription ?? null;
  const resources = input.resources;
  const n = resources.length;

  const lower = memo((type: string) => type.toLowerCase());
  const ancestorEntry = memo((lowerType: string) => entryForAncestor(lowerType));
  // A part of a resource no catalog rule judges (a Redis Enterprise database, a PostgreSQL server's database, an AI
  // Foundry project of a Microsoft-managed Cognitive Services account): its data and redundancy are its parent's. Not a
  // store of its own under a container that holds no data (a NetApp volume): its redundancy is set on it.
  const partOfUncatalogued = memo((lowerType: string) => isArmChildType(lowerType) && !hasJudgedAncestor(lowerType) && !isStoreOfItsOwn(lowerType));
  const heuristicOf = memo((type: string) => classifyUncatalogued(type));
  const landingZoneOf = landingZoneMatcher(input.config, toConfig);
  const normalisedLocations = new Map<string, string>();
  const upliftCache = new Map<CatalogEntry, Map<RequiredLevel, UpliftOption[]>>();
  const upliftOf = (entry: CatalogEntry, required: RequiredLevel) => {
    let perLevel = upliftCache.get(entry);
    if (!perLevel) upliftCache.set(entry, (perLevel = new Map()));
    let list = perLevel.get(required);
    if (!list) perLevel.set(required, (list = upliftFor(entry.uplift, required)));
    return list;
  };
  const allUplift = memo((entry: CatalogEntry) => [...entry.uplift]);
  const ruleIds = new Map<string, Map<string, string>>();
  const ruleIdOf = (serviceId: string, check: string) => {
    let perCheck = ruleIds.get(serviceId);
    if (!perCheck) ruleIds.set(serviceId, (perCheck = new Map()));
    let id = perCheck.get(check);
    if (id === undefined) perCheck.set(check, (id = `${serviceId}/${check}`));
    return id;
  };

  // Secondary-region deployments: for services whose DR design is a second deployment, a resource of the
  // same service and type in another region counts as the geo copy.
  const entries = new Array<CatalogEntry | undefined>(n);
  const locations = new Array<string | null>(n);
  const locationsByService = new Map<string, Map<string, NormalisedResource>>();
  const locationsHere = new Map<string, Map<string, NormalisedResource>>();
  // And those of them whose location is only known at deployment (`location: secondaryLocation`, a parameter with no
  // value): one of them may be the copy in a second region, or not.
  const boundedLocations = new Map<string, UnknownPlacement[]>();
  const unknownHere = new Map<string, UnknownPlacement[]>();
  const deployments = new Array<string | undefined>(n);
  // Whether a resource of the same service and type in another region is its copy: the catalog says so per service; a
  // stateless type the catalog does not know (a virtual hub, a resource group) is redeployed from source control, so the
  // same declaration deployed in another region is its warm spare too.
  const acrossRegions = new Array<boolean>(n);
  const heuristics = new Array<{ stateful: boolean; reason: string } | undefined>(n);
  // The catalog's services pair by type. A type it does not know pairs only with the same declaration deployed in another
  // region (a loop over regions, one module called per region): a hub's private endpoint and a spoke's, or an API app and a
  // front-end app, are two components, whatever their type.
  const peerKey = (entry: CatalogEntry | undefined, lowerType: string, r: NormalisedResource) =>
    entry ? `${entry.id}|${lowerType}` : `uncatalogued|${lowerType}|${r.source.file}:${r.source.line}`;
  // A few are enough to tell one that may differ from another: they are only named.
  const place = (lists: Map<string, UnknownPlacement[]>, key: string, p: UnknownPlacement) => {
    const placed = lists.get(key) ?? [];
    if (placed.length < 8 && !placed.some((q) => sameUnknown(q.location, p.location))) placed.push(p);
    lists.set(key, placed);
  };
  const firstIn = (maps: Map<string, Map<string, NormalisedResource>>, key: string, loc: string, r: NormalisedResource) => {
    const perLoc = maps.get(key) ?? new Map<string, NormalisedResource>();
    if (!perLoc.has(loc)) perLoc.set(loc, r);
    maps.set(key, perLoc);
  };
  for (let i = 0; i < n; i++) {
    const r = resources[i];
    lowerTypes[i] = lower(r.type);
    // A type the catalog does not list but whose parent it judges is a part of that parent, judged there.
    const entry = entryForResource(r, lowerTypes[i]) ?? ancestorEntry(lowerTypes[i]) ?? (r.settingOf ? entryJudging(r.settingOf) : undefined);
    entries[i] = entry;
    const loc = locationOf(r, normalisedLocations);
    locations[i] = loc;
    // An uncatalogued type's stateful or stateless, by its type (or, for a scale set, its disks).
    const heuristic = entry ? undefined : (heuristics[i] = classifyScaleSet(r, lowerTypes[i]) ?? heuristicOf(r.type));
    acrossRegions[i] = entry ? deploysToSecondRegion(entry, lowerTypes[i]) : r.settingOf === undefined && !partOfUncatalogued(lowerTypes[i]) && !heuristic!.stateful;
    if (!acrossRegions[i]) continue;
    const key = peerKey(entry, lowerTypes[i], r);
    const here = `${key}|${(deployments[i] = deploymentOf(r))}`;
    if (loc === null) {
      const raw = getPath(r.body, 'location');
      if (!isUnknown(raw)) continue;
      const placement = { resource: r, location: raw };
      place(unknownHere, here, placement);
      if (raw.oneOf?.length) place(boundedLocations, key, placement);
      continue;
    }
    if (loc === 'global') continue;
    firstIn(locationsByService, key, loc, r);
    firstIn(locationsHere, here, loc, r);
  }

  const reports = new Array<ResourceReport>(n);
  const ids = new RepeatFinder(n);
  const repeatedIds = new Set<string>();
  const lzByResource = new Array<LandingZoneConfig | undefined>(n);
  for (let i = 0; i < n; i++) {
    const resource = resources[i];
    const entry = entries[i];
    const lowerType = lowerTypes[i];
    const settingOfParent =
      resource.settingOf !== undefined || isSettingOfParent(lowerType, entry) || (entry === undefined && resource.settingOf === undefined && partOfUncatalogued(lowerType));
    const heuristic = heuristics[i];
    const stateful = settingOfParent ? false : entry ? entry.stateful : heuristic!.stateful;
    const required: RequiredLevel = settingOfParent ? 'none' : stateful ? strategyDef.stateful : strategyDef.stateless;
    // Rules are pure: judged here, in resource order, their results need not be kept for the whole scan.
    let result = judgeOne(resource, entry, lowerType, ctx, issues);
    if (result.redundancy === 'unknown') {
      // Unknown settings that can only be one of a few values: judged on each (a rule's errors on them were reported already).
      let decided: RuleResult | undefined;
      try {
        // Each combination's status as the resource would get it: the strategy's verdict, then its error findings.
        const statusOf = (r: RuleResult): Status => {
          const s = verdictOf(r, required, stateful, strategyDef).status;
          return s === 'pass' && r.findings?.some((f) => f.severity === 'error') ? 'fail' : s;
        };
        decided = judgeAlternatives(resource, (variant) => judgeOne(variant, entry, lowerType, withVariant(ctx, resource, variant), []), statusOf);
      } catch {
        // A body the rule could not read (reported above as a rule error) stays unknown.
      }
      if (decided) result = decided;
    }
    // Protection other resources give it (a VM replicated by Site Recovery, or backed up to a geo-redundant vault; a storage
    // account's blobs backed up to a geo-redundant Backup vault).
    if (isProtectable(lowerType)) result = withProtection(resource, lowerType, result, ctx, (r) => statusFor(r.redundancy, required) === 'fail' && statusFor('geo', required) === 'pass');
    const loc = locations[i];
    // An uncatalogued type's unknown is what it states in its region: a copy in another region makes it geo all the same.
    if (acrossRegions[i] && loc !== 'global' && (result.redundancy !== 'unknown' || !entry) && result.redundancy !== 'managed' && (rank(result.redundancy) ?? 0) < (rank('geo') ?? 0)) {
      const key = peerKey(entry, lowerType, resource);
      const here = `${key}|${deployments[i]}`;
      const peer = secondRegion(resource, loc, {
        known: locationsByService.get(key),
        bounded: boundedLocations.get(key),
        knownHere: locationsHere.get(here),
        unknownHere: unknownHere.get(here),
      });
      if (peer?.certain) result = { ...result, redundancy: 'geo', detail: 'geo-peer', reason: `${peer.reason}; on its own here: ${result.reason}` };
      // Only where it decides the verdict: a copy in a second region would pass what fails without one.
      else if (peer && statusFor(result.redundancy, required) === 'fail' && statusFor('geo', required) === 'pass') {
        result = { redundancy: 'unknown', reason: `${peer.reason}; on its own here: ${result.reason}`, ...(result.findings ? { findings: result.findings } : {}) };
      }
    }
    const verdict = verdictOf(result, required, stateful, strategyDef);
    let status = verdict.status;
    const failure = verdict.failure;

    const landing = landingZoneOf(resource.source.file);
    lzByResource[i] = landing;
    const subscription = resource.subscription ?? landing?.subscription ?? defaultSubscription;
    const serviceId = entry?.id ?? 'uncatalogued';
    const responsibility = entry ? responsibilityFor(entry.responsibility, input.config.organisation) : null;
    const findings: Finding[] = [];
    const name = resource.name ?? resource.address;
    if (status === 'fail' || status === 'unknown') {
      const requires = flat(['; the ', strategyDef.title, ' strategy requires ', required, ' for a ', stateful ? 'stateful' : 'stateless', ' resource']);
      const why = failure ?? (status === 'unknown' ? flat(['redundancy cannot be decided statically (', String(result.reason), ')', requires]) : flat([String(result.reason), requires]));
      findings.push({
        ruleId: ruleIdOf(serviceId, 'redundancy'),
        severity: status === 'unknown' ? 'warning' : stateful ? 'error' : 'warning',
        message: flat([entry ? resourceNoun(entry, resource) : resource.type, " '", name, "' is ", String(result.redundancy), result.detail ? ` (${result.detail})` : '', ': ', why, '.']),
        responsibility,
        uplift: result.uplift ? upliftFor(result.uplift, required) : entry ? upliftOf(entry, required) : [],
      });
    }
    if (result.findings) {
      for (const f of result.findings) {
        findings.push({ ruleId: ruleIdOf(serviceId, f.check), severity: f.severity, message: f.message, responsibility, uplift: f.uplift ?? (entry ? allUplift(entry) : []) });
        if (f.severity === 'error' && status === 'pass') status = 'fail';
      }
    }
    const id = stableId(lowerType, resource.name, resource.address, subscription);
    // Checked as it is made, while the new string is still in the processor's cache (a second pass costs a miss per id).
    if (ids.seen(id)) repeatedIds.add(id);
    if (suppressions.length) {
      applySuppressions(findings, [resource.name ?? '', resource.address, resource.terraform?.address ?? '', id], suppressions);
      if ((status === 'fail' || status === 'unknown') && findings.some((f) => f.suppressed) && findings.every((f) => f.suppressed || f.severity === 'note')) {
        status = 'suppressed';
      }
    }
    const report: ResourceReport = {
      id,
      type: resource.type,
      name: resource.name,
      address: resource.address,
      file: resource.source.file,
      line: resource.source.line,
      column: resource.source.column,
      language: resource.source.language,
      location: loc,
      subscription,
      landingZone: landing?.name ?? null,
      service: entry?.id ?? null,
      stateful,
      statefulSource: entry ? 'catalog' : 'heuristic',
      redundancy: result.redundancy,
      reason: settingOfParent
        ? entry
          ? isSettingType(lowerType, entry)
            ? `a setting of the resources it configures, judged there (${entry.displayName})`
            : `a setting of its parent resource, judged there (${entry.displayName})`
          : resource.settingOf !== undefined
            ? `a setting of its parent resource (${resource.settingOf}), whose redundancy is judged there`
            : `a part of its parent resource (${resource.type.slice(0, resource.type.lastIndexOf('/'))}), whose redundancy is judged there`
        : heuristic
          ? `${result.reason}; ${heuristic.reason}`
          : result.reason,
      required,
      status,
      responsibility,
      findings,
      fingerprint: fingerprint(resource, lowerType),
    };
    if (resource.terraform) report.terraformType = resource.terraform.type;
    if (resource.via) report.via = resource.via as ResourceReport['via'];
    if (resource.movedFrom) report.movedFrom = [...resource.movedFrom];
    if (result.detail) report.redundancyDetail = result.detail;
    reports[i] = report;
  }

  // Ids must be unique: two resources with one identity (one address in two files, one module's resource deployed
  // from two entries: a Terraform root, a Bicep file, an ARM template) stay apart.
  if (repeatedIds.size) {
    // First the file and line, as ids always were: two resources with one identity in two files keep the ids they had.
    const plain = new Map<number, string>();
    const groups = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const r = reports[i];
      if (!repeatedIds.has(r.id)) continue;
      plain.set(i, r.id);
      r.id = `${r.id}#${r.file}:${r.line}`;
      const group = groups.get(r.id);
      if (group) group.push(i);
      else groups.set(r.id, [i]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      // Written at one place and deployed from different entries: each names its entry (not the scan root's own
      // Terraform root, nor a top-level template, which has none). A folder holding the file is still named: two
      // nested roots both hold it.
      if (group.some((i) => resources[i].entry !== resources[group[0]].entry)) {
        for (const i of group) {
          const entry = resources[i].entry;
          if (entry !== undefined && entry !== '.') reports[i].id = `${plain.get(i)}#${entry}:${reports[i].file}:${reports[i].line}`;
        }
      }
      // Still one id for several: instances written at one place (a child named `default` under each of a loop's
      // parents). Their addresses tell them apart.
      const count = new Map<string, number>();
      for (const i of group) count.set(reports[i].id, (count.get(reports[i].id) ?? 0) + 1);
      for (const i of group) if (count.get(reports[i].id)! > 1) reports[i].id = `${reports[i].id}@${reports[i].address}`;
      // Still one id: one template deployed twice from one file (an ARM template linked by two deployments, each to
      // its own scope). The deployments that deploy each tell them apart.
      const again = new Map<string, number>();
      for (const i of group) again.set(reports[i].id, (again.get(reports[i].id) ?? 0) + 1);
      for (const i of group) {
        const via = resources[i].via;
        if (again.get(reports[i].id)! > 1 && via?.length) reports[i].id = `${reports[i].id}~via:${via.map((c) => `${c.file}:${c.line}`).join('~via:')}`;
      }
    }
  }

  const totals = { resources: reports.length, pass: 0, fail: 0, unknown: 0, suppressed: 0, findings: 0 };
  for (const r of reports) {
    totals[r.status]++;
    for (const f of r.findings) if (!f.suppressed) totals.findings++;
  }

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'drcheck', version: input.toolVersion },
    generatedAt: now.toISOString(),
    strategy: input.strategy,
    roots: input.roots,
    resources: reports,
    subscriptions: summarise(reports, lzByResource),
    platformServices: CATALOG.filter((e) => e.armTypes.length === 0 || (!e.rule && (e.defaultRedundancy ?? 'managed') === 'managed')).map((e) => ({
      service: e.id,
      displayName: e.displayName,
      redundancy: e.defaultRedundancy ?? 'managed',
      responsibility: responsibilityFor(e.responsibility, input.config.organisation),
      contosoSku: e.contosoSku,
      note: e.defaultReason ?? e.uplift[0]?.title ?? 'Resilience is part of the service',
    })),
    coverage: coverage(reports),
    totals,
    suppressions: suppressions.map((s) => ({
      ...(s.config.rule ? { rule: s.config.rule } : {}),
      ...(s.config.resource ? { resource: s.config.resource } : {}),
      justification: s.config.justification,
      ...(s.config.expires ? { expires: s.config.expires } : {}),
      state: s.expired ? 'expired' : s.used ? 'active' : 'unused',
    })),
    // By file, then position: readers report in the order they meet problems (loops, modules), people read top to bottom.
    errors: distinctIssues(issues)
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column))
      .map((i) => ({ file: i.file, line: i.line, column: i.column, message: i.message, severity: i.severity, ...(i.code ? { code: i.code } : {}) })),
    ...(input.run ? { run: input.run } : {}),
  };
}

function coverage(reports: ResourceReport[]): PostureReport['coverage'] {
  let uncatalogued = 0;
  const types = new Set<string>();
  for (const r of reports) {
    if (r.service !== null) continue;
    uncatalogued++;
    types.add(r.type);
  }
  return {
    resources: reports.length,
    catalogued: reports.length - uncatalogued,
    uncatalogued,
    ratio: reports.length ? (reports.length - uncatalogued) / reports.length : 1,
    uncataloguedTypes: [...types].sort(),
  };
}

function summarise(reports: ResourceReport[], zones: Array<LandingZoneConfig | undefined>): SubscriptionSummary[] {
  interface Group {
    subscription: string | null;
    lz: LandingZoneConfig | undefined;
    items: ResourceReport[];
    stateful: number;
    status: Record<Status, number>;
    redundancy: Partial<Record<Redundancy, number>>;
  }
  const groups = new Map<string, Group>();
  // The group key of each (subscription, landing zone) pair, made once: its hash is then computed once.
  const keys = new Map<string | null, Map<string | null, string>>();
  for (let i = 0; i < reports.length; i++) {
    const r = reports[i];
    let bySub = keys.get(r.subscription);
    if (!bySub) keys.set(r.subscription, (bySub = new Map()));
    let k = bySub.get(r.landingZone);
    if (k === undefined) bySub.set(r.landingZone, (k = `${r.subscription ?? ''}|${r.landingZone ?? ''}`));
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { subscription: r.subscription, lz: zones[i], items: [], stateful: 0, status: { pass: 0, fail: 0, unknown: 0, suppressed: 0 }, redundancy: {} }));
    g.items.push(r);
    if (r.stateful) g.stateful++;
    g.status[r.status]++;
    g.redundancy[r.redundancy] = (g.redundancy[r.redundancy] ?? 0) + 1;
  }
  return [...groups.values()]
    .map(({ subscription, lz, items, stateful, status, redundancy }) => ({
      subscription,
      landingZone: lz?.name ?? null,
      managementGroup: lz?.managementGroup ?? null,
      resources: items.length,
      stateful,
      pass: status.pass,
      fail: status.fail,
      unknown: status.unknown,
      suppressed: status.suppressed,
      meetingStrategy: items.length ? (status.pass + status.suppressed) / items.length : 1,
      redundancy,
      topActions: topActions(items),
    }))
    .sort((a, b) => (a.landingZone ?? '\uffff').localeCompare(b.landingZone ?? '\uffff') || (a.subscription ?? '').localeCompare(b.subscription ?? ''));
}
