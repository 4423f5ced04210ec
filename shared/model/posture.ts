/**
 * The DR posture vocabulary shared by the engine, the reports and the hub.
 */

/**
 * How far a resource's data or configuration survives a failure.
 * - `none`: single instance, no redundancy.
 * - `local`: within one datacenter or pinned to one zone (LRS, non-AZ SKUs, zonal).
 * - `zone`: across availability zones in one region.
 * - `geo`: a recoverable copy of data or configuration in a second region.
 * - `multi-region`: serving from more than one region at once.
 * - `managed`: resilience is part of the Microsoft-managed service; nothing to set in IaC.
 * - `unknown`: cannot be decided statically (the reason names the expression).
 */
export type Redundancy = 'none' | 'local' | 'zone' | 'geo' | 'multi-region' | 'managed' | 'unknown';
export const REDUNDANCIES: readonly Redundancy[] = ['none', 'local', 'zone', 'geo', 'multi-region', 'managed', 'unknown'];

/** Ordered levels a strategy can require. */
export type RequiredLevel = 'none' | 'local' | 'zone' | 'geo' | 'multi-region';
const ORDER: Record<RequiredLevel, number> = { none: 0, local: 1, zone: 2, geo: 3, 'multi-region': 4 };

/** Rank of a measured level; `managed` and `unknown` have no rank. */
export function rank(r: Redundancy): number | undefined {
  return r in ORDER ? ORDER[r as RequiredLevel] : undefined;
}

/**
 * Finer detail kept alongside `redundancy`, for the user and for strategies that need
 * a replica rather than a backup:
 * - `zonal`: pinned to one zone (reported as `local`).
 * - `geo-zone`: zone-redundant primary plus a geo copy of the data (GZRS storage). GeoZone *backups* are `geo-backup`.
 * - `geo-backup`: the only copy outside the region is a backup to restore from.
 * - `geo-replica`: data continuously replicated to a second region (GRS, Cosmos DB region, failover group).
 * - `geo-config`: only configuration/metadata is in a second region (Event Hubs Geo-DR alias).
 * - `geo-peer`: an equivalent deployment of the service exists in another region in the same scan.
 * - `geo-platform`: Microsoft replicates to the paired region (IoT Hub, Key Vault).
 */
export type RedundancyDetail = 'zonal' | 'geo-zone' | 'geo-backup' | 'geo-replica' | 'geo-config' | 'geo-peer' | 'geo-platform';

export type Strategy = 'redeploy' | 'warm-spare' | 'hot-spare' | 'active-active';
export const STRATEGIES: readonly Strategy[] = ['redeploy', 'warm-spare', 'hot-spare', 'active-active'];

export interface StrategyDefinition {
  id: Strategy;
  title: string;
  /** One paragraph, from the Azure Architecture Center DR series (scenario details / recommendations). */
  description: string;
  /** What a stateful resource needs under this strategy. */
  stateful: RequiredLevel;
  /** What a stateless resource needs under this strategy. */
  stateless: RequiredLevel;
  /** Whether a backup-only geo copy (`geo-backup`) satisfies a `geo` requirement for stateful resources. */
  acceptsGeoBackup: boolean;
  /** Whether a configuration-only geo copy (`geo-config`) satisfies a `geo` requirement for stateful resources. */
  acceptsGeoConfigOnly: boolean;
}

export const STRATEGY_DEFINITIONS: Record<Strategy, StrategyDefinition> = {
  redeploy: {
    id: 'redeploy',
    title: 'Redeploy on disaster',
    description:
      'After a regional disaster the platform is redeployed from source control into an available region. ' +
      'Stateless components are redeployed and smoke-tested; stateful data stores are rehydrated from a copy of ' +
      'their data outside the primary region (geo-redundant storage or a geo-redundant backup). Lowest operating cost, longest recovery.',
    stateful: 'geo',
    stateless: 'none',
    acceptsGeoBackup: true,
    acceptsGeoConfigOnly: false,
  },
  'warm-spare': {
    id: 'warm-spare',
    title: 'Warm spare (active/passive)',
    description:
      'A secondary region is pre-provisioned with minimal capacity and takes no production traffic until a disaster. ' +
      'Stateful data is continuously replicated to the secondary region; stateless components are already deployed there, ' +
      'so recovery avoids capacity contention and is faster than redeploying.',
    stateful: 'geo',
    stateless: 'geo',
    acceptsGeoBackup: false,
    acceptsGeoConfigOnly: false,
  },
  'hot-spare': {
    id: 'hot-spare',
    title: 'Hot spare',
    description:
      'The solution runs fully in a second region, which processes data as part of the system and can take over at once. ' +
      'Stateful data is replicated with automatic failover; stateless components run in both regions.',
    stateful: 'geo',
    stateless: 'geo',
    acceptsGeoBackup: false,
    acceptsGeoConfigOnly: false,
  },
  'active-active': {
    id: 'active-active',
    title: 'Active/active',
    description:
      'Every region serves production traffic at once. Stateful stores accept reads and writes in more than one region; ' +
      'stateless components run in every region behind global routing.',
    stateful: 'multi-region',
    stateless: 'geo',
    acceptsGeoBackup: false,
    acceptsGeoConfigOnly: false,
  },
};

export type Status = 'pass' | 'fail' | 'unknown' | 'suppressed';
export const STATUSES: readonly Status[] = ['pass', 'fail', 'unknown', 'suppressed'];

/** Finding severity, in SARIF's vocabulary. */
export type Severity = 'error' | 'warning' | 'note';
export const SEVERITY_ORDER: Record<Severity, number> = { note: 0, warning: 1, error: 2 };

/**
 * Who recovers something: the article's "Component" and "Workload/Configuration" recovery responsibility. The article's
 * example customer (Contoso) is the neutral "Customer" in the catalog; in a report "Customer" is replaced by the
 * `organisation` of `.drcheck.yml` when it is set.
 */
export interface Responsibility {
  /** Who recovers the component itself, e.g. "Microsoft", "Customer", "Customer and Microsoft" (or "Fabrikam and Microsoft" with `organisation: Fabrikam`). */
  component: string;
  /** Who recovers the workload/configuration, in the same words (e.g. "Customer", or the organisation's name). */
  workload: string;
}

export interface UpliftOption {
  /** What to do, in one sentence. */
  title: string;
  /** learn.microsoft.com (or other official) link. */
  url: string;
  /** The redundancy this option reaches, when it maps onto one. */
  reaches?: Redundancy;
}

export interface Finding {
  /** Stable rule id: `<service-id>/<check>`, e.g. `storage-account/redundancy`, `cosmos-db/automatic-failover`. */
  ruleId: string;
  severity: Severity;
  message: string;
  /** Who recovers the resource (as on the resource): "Customer" is the config's `organisation` when set. */
  responsibility: Responsibility | null;
  uplift: UpliftOption[];
  /** Set when a suppression in the config matched this finding. */
  suppressed?: { justification: string; expires?: string };
}
