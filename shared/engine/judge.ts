/**
 * The posture engine: judges normalised resources against the DR catalog and a strategy, and
 * builds the report (posture.json). Pure: no file system, so the CLI, the task and tests share it.
 */
import picomatch from 'picomatch';
import { CATALOG, entryForResource, ruleAppliesTo } from '../catalog';
import type { CatalogEntry, RuleResult } from '../catalog/types';
import { classifyUncatalogued } from '../catalog/uncatalogued';
import type { DrCheckConfig, LandingZoneConfig } from '../config/types';
import { rank, STRATEGY_DEFINITIONS, type Finding, type Redundancy, type RequiredLevel, type Status, type Strategy, type UpliftOption } from '../model/posture';
import type { NormalisedResource, ScanIssue } from '../model/resource';
import { getPath } from '../model/value';
import { SCHEMA_VERSION, type PostureReport, type ResourceReport, type SubscriptionSummary } from '../report/types';
import { createRuleContext } from './context';
import { judgeUncatalogued } from './generic-rule';
import { topActions } from './top-actions';
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

interface Verdict {
  entry: CatalogEntry | undefined;
  result: RuleResult;
}

function judgeOne(resource: NormalisedResource, ctx: ReturnType<typeof createRuleContext>, issues: ScanIssue[]): Verdict {
  const entry = entryForResource(resource);
  if (!entry) return { entry, result: judgeUncatalogued(resource) };
  const rule = entry.rule;
  const applies = rule && ruleAppliesTo(entry, resource.type.toLowerCase()) && (!rule.match || rule.match(resource));
  if (!rule || !applies) {
    return {
      entry,
      result: {
        redundancy: entry.defaultRedundancy ?? 'managed',
        reason: entry.defaultReason ?? `${entry.displayName}: resilience is part of the Azure service`,
      },
    };
  }
  try {
    return { entry, result: rule.evaluate(resource, ctx) };
  } catch (e) {
    issues.push({
      file: resource.source.file,
      line: resource.source.line,
      column: resource.source.column,
      severity: 'error',
      code: 'rule-error',
      message: `the ${entry.id} rule could not judge ${resource.address}: ${(e as Error).message}`,
    });
    return { entry, result: { redundancy: 'unknown', reason: `the ${entry.id} rule failed: ${(e as Error).message}` } };
  }
}

/** True when the resource is a sub-resource whose DR settings are judged on its parent (a rule exists for the parent type). */
function isSettingOfParent(resource: NormalisedResource, entry: CatalogEntry | undefined): boolean {
  if (!entry?.rule) return false;
  const t = resource.type.toLowerCase();
  if (ruleAppliesTo(entry, t)) return false;
  return entry.rule.appliesTo.some((a) => t.startsWith(`${a.toLowerCase()}/`));
}

/** The entry's uplift options, those that reach the required level first. */
function upliftFor(entry: CatalogEntry, required: RequiredLevel): UpliftOption[] {
  const reaches = (u: UpliftOption) => u.reaches === 'managed' || (u.reaches !== undefined && u.reaches !== 'unknown' && (rank(u.reaches) ?? 0) >= (rank(required) ?? 0));
  return [...entry.uplift.filter(reaches), ...entry.uplift.filter((u) => !reaches(u))];
}

function locationOf(resource: NormalisedResource): string | null {
  const loc = getPath(resource.body, 'location');
  return typeof loc === 'string' ? loc.toLowerCase().replace(/\s+/g, '') : null;
}

function statusFor(redundancy: Redundancy, required: RequiredLevel): Status {
  if (redundancy === 'managed') return 'pass';
  if (redundancy === 'unknown') return required === 'none' ? 'pass' : 'unknown';
  return (rank(redundancy) ?? 0) >= (rank(required) ?? 0) ? 'pass' : 'fail';
}

function stableId(type: string, name: string | null, address: string, subscription: string | null): string {
  const sub = subscription ?? '-';
  return name ? `${sub}/${type.toLowerCase()}/${name.toLowerCase()}` : `${sub}/${type.toLowerCase()}/@${address}`;
}

export function judge(input: JudgeInput): PostureReport {
  const strategyDef = STRATEGY_DEFINITIONS[input.strategy];
  const issues = [...input.issues];
  const ctx = createRuleContext(input.resources, input.strategy);
  const now = input.now ?? new Date();
  const suppressions = prepareSuppressions(input.config.suppressions, now);
  const zones = (input.config.landingZones ?? []).map((lz) => ({ lz, match: picomatch(lz.paths, { dot: true }) }));
  const toConfig = input.configRelative ?? ((f: string) => f);
  const defaultSubscription = input.defaultSubscription ?? input.config.defaultSubscription ?? null;

  const verdicts = input.resources.map((r) => judgeOne(r, ctx, issues));

  // Secondary-region deployments: for services whose DR design is a second deployment, a resource of the
  // same service and type in another region counts as the geo copy.
  const locationsByService = new Map<string, Map<string, NormalisedResource>>();
  input.resources.forEach((r, i) => {
    const entry = verdicts[i].entry;
    const loc = locationOf(r);
    if (!entry?.secondaryRegionDeployment || !loc || loc === 'global') return;
    const key = `${entry.id}|${r.type.toLowerCase()}`;
    const perLoc = locationsByService.get(key) ?? new Map<string, NormalisedResource>();
    if (!perLoc.has(loc)) perLoc.set(loc, r);
    locationsByService.set(key, perLoc);
  });

  const reports: ResourceReport[] = [];
  const lzByResource: Array<LandingZoneConfig | undefined> = [];
  input.resources.forEach((resource, i) => {
    const { entry } = verdicts[i];
    let result = verdicts[i].result;
    const loc = locationOf(resource);
    if (entry?.secondaryRegionDeployment && loc && loc !== 'global' && result.redundancy !== 'unknown' && result.redundancy !== 'managed' && (rank(result.redundancy) ?? 0) < (rank('geo') ?? 0)) {
      const perLoc = locationsByService.get(`${entry.id}|${resource.type.toLowerCase()}`);
      const other = perLoc && [...perLoc.entries()].find(([l]) => l !== loc);
      if (other) {
        result = { ...result, redundancy: 'geo', detail: 'geo-peer', reason: `${entry.displayName} is also deployed in ${other[0]} (${other[1].name ?? other[1].address}); in ${loc}: ${result.reason}` };
      }
    }
    const settingOfParent = isSettingOfParent(resource, entry);
    const heuristic = entry ? undefined : classifyUncatalogued(resource.type);
    const stateful = settingOfParent ? false : entry ? entry.stateful : heuristic!.stateful;
    const required: RequiredLevel = settingOfParent ? 'none' : stateful ? strategyDef.stateful : strategyDef.stateless;
    let status = statusFor(result.redundancy, required);
    let failure: string | undefined;
    if (status === 'pass' && stateful && required !== 'none' && rank(required)! >= rank('geo')!) {
      if (result.detail === 'geo-backup' && !strategyDef.acceptsGeoBackup) {
        status = 'fail';
        failure = `only a geo-redundant backup exists outside the region; the ${strategyDef.title} strategy needs the data replicated to the secondary region`;
      } else if (result.detail === 'geo-config' && !strategyDef.acceptsGeoConfigOnly) {
        status = 'fail';
        failure = `only configuration/metadata is replicated to the secondary region, not the data; the ${strategyDef.title} strategy needs a copy of the data`;
      }
    }

    const landing = zones.find((z) => z.match(toConfig(resource.source.file)))?.lz;
    lzByResource.push(landing);
    const subscription = resource.subscription ?? landing?.subscription ?? defaultSubscription;
    const serviceId = entry?.id ?? 'uncatalogued';
    const responsibility = entry?.responsibility ?? null;
    const findings: Finding[] = [];
    const name = resource.name ?? resource.address;
    if (status === 'fail' || status === 'unknown') {
      const why = failure ?? (status === 'unknown'
        ? `redundancy cannot be decided statically (${result.reason}); the ${strategyDef.title} strategy requires ${required} for a ${stateful ? 'stateful' : 'stateless'} resource`
        : `${result.reason}; the ${strategyDef.title} strategy requires ${required} for a ${stateful ? 'stateful' : 'stateless'} resource`);
      findings.push({
        ruleId: `${serviceId}/redundancy`,
        severity: status === 'unknown' ? 'warning' : stateful ? 'error' : 'warning',
        message: `${entry?.displayName ?? resource.type} '${name}' is ${result.redundancy}${result.detail ? ` (${result.detail})` : ''}: ${why}.`,
        responsibility,
        uplift: entry ? upliftFor(entry, required) : [],
      });
    }
    for (const f of result.findings ?? []) {
      findings.push({ ruleId: `${serviceId}/${f.check}`, severity: f.severity, message: f.message, responsibility, uplift: f.uplift ?? (entry ? [...entry.uplift] : []) });
      if (f.severity === 'error' && status === 'pass') status = 'fail';
    }
    const id = stableId(resource.type, resource.name, resource.address, subscription);
    applySuppressions(findings, [resource.name ?? '', resource.address, resource.terraform?.address ?? '', id], suppressions);
    if ((status === 'fail' || status === 'unknown') && findings.some((f) => f.suppressed) && findings.every((f) => f.suppressed || f.severity === 'note')) {
      status = 'suppressed';
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
      reason: settingOfParent ? `${result.reason} (a setting of its parent resource, judged there)` : heuristic ? `${result.reason}; ${heuristic.reason}` : result.reason,
      required,
      status,
      responsibility,
      findings,
    };
    if (resource.terraform) report.terraformType = resource.terraform.type;
    if (result.detail) report.redundancyDetail = result.detail;
    reports.push(report);
  });

  // Ids must be unique: two resources with one identity (e.g. one address in two files) stay apart.
  const seen = new Map<string, number>();
  for (const r of reports) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
  for (const r of reports) if (seen.get(r.id)! > 1) r.id = `${r.id}#${r.file}:${r.line}`;

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
      responsibility: e.responsibility,
      contosoSku: e.contosoSku,
      note: e.defaultReason ?? e.uplift[0]?.title ?? 'Resilience is part of the service',
    })),
    coverage: coverage(reports),
    totals: {
      resources: reports.length,
      pass: reports.filter((r) => r.status === 'pass').length,
      fail: reports.filter((r) => r.status === 'fail').length,
      unknown: reports.filter((r) => r.status === 'unknown').length,
      suppressed: reports.filter((r) => r.status === 'suppressed').length,
      findings: reports.reduce((n, r) => n + r.findings.filter((f) => !f.suppressed).length, 0),
    },
    suppressions: suppressions.map((s) => ({
      ...(s.config.rule ? { rule: s.config.rule } : {}),
      ...(s.config.resource ? { resource: s.config.resource } : {}),
      justification: s.config.justification,
      ...(s.config.expires ? { expires: s.config.expires } : {}),
      state: s.expired ? 'expired' : s.used ? 'active' : 'unused',
    })),
    errors: issues.map((i) => ({ file: i.file, line: i.line, column: i.column, message: i.message, severity: i.severity, ...(i.code ? { code: i.code } : {}) })),
    ...(input.run ? { run: input.run } : {}),
  };
}

function coverage(reports: ResourceReport[]): PostureReport['coverage'] {
  const uncatalogued = reports.filter((r) => r.service === null);
  return {
    resources: reports.length,
    catalogued: reports.length - uncatalogued.length,
    uncatalogued: uncatalogued.length,
    ratio: reports.length ? (reports.length - uncatalogued.length) / reports.length : 1,
    uncataloguedTypes: [...new Set(uncatalogued.map((r) => r.type))].sort(),
  };
}

function summarise(reports: ResourceReport[], zones: Array<LandingZoneConfig | undefined>): SubscriptionSummary[] {
  const groups = new Map<string, { subscription: string | null; lz: LandingZoneConfig | undefined; items: ResourceReport[] }>();
  reports.forEach((r, i) => {
    const k = `${r.subscription ?? ''}|${r.landingZone ?? ''}`;
    const g = groups.get(k) ?? { subscription: r.subscription, lz: zones[i], items: [] };
    g.items.push(r);
    groups.set(k, g);
  });
  return [...groups.values()]
    .map(({ subscription, lz, items }) => {
      const count = (s: Status) => items.filter((r) => r.status === s).length;
      const redundancy: Partial<Record<Redundancy, number>> = {};
      for (const r of items) redundancy[r.redundancy] = (redundancy[r.redundancy] ?? 0) + 1;
      return {
        subscription,
        landingZone: lz?.name ?? null,
        managementGroup: lz?.managementGroup ?? null,
        resources: items.length,
        stateful: items.filter((r) => r.stateful).length,
        pass: count('pass'),
        fail: count('fail'),
        unknown: count('unknown'),
        suppressed: count('suppressed'),
        meetingStrategy: items.length ? (count('pass') + count('suppressed')) / items.length : 1,
        redundancy,
        topActions: topActions(items),
      };
    })
    .sort((a, b) => (a.landingZone ?? '\uffff').localeCompare(b.landingZone ?? '\uffff') || (a.subscription ?? '').localeCompare(b.subscription ?? ''));
}
