/**
 * Service conventions the generic rule reads for a few uncatalogued types whose DR posture is in a setting of their own,
 * not in `zones` or a SKU suffix: API Management's additional regional gateways, the availability zones of an AKS
 * cluster's node pools, and what the Service Bus and Azure Cache for Redis tiers without a copy outside the region give
 * inside it. `why` is what each reason ends with: why no catalog rule judged the resource (see judgeUncatalogued).
 */
import type { RuleContext, RuleResult } from '../catalog/types';
import { deploymentOf, type NormalisedResource } from '../model/resource';
import { eqi, getPath, isObject, isUnknown, regionKey, type Value } from '../model/value';
import { hasAvailabilityZones } from '../catalog/rules/regions';

export const normalisedLocation = (v: unknown) => (typeof v === 'string' ? regionKey(v) : undefined);
/** How an unset or undecidable location reads in a reason. */
export const describe = (property: string, v: unknown) => (isUnknown(v) ? `${property} cannot be decided statically (${v.toString()})` : `${property} is not set`);

export const API_MANAGEMENT = /^microsoft\.apimanagement\/service$/i;

/**
 * An API Management service's gateways in other regions (`properties.additionalLocations`, Premium): "only the gateway
 * component … is replicated to multiple regions. The instance's management plane and developer portal remain hosted only
 * in the primary region", and "if the primary region goes offline … secondary regions continue to serve API requests"
 * (https://learn.microsoft.com/azure/api-management/api-management-howto-deploy-multi-region). So an enabled gateway in
 * another region is `geo`. One whose `disableGateway` is true routes no traffic, and cannot be turned on from the
 * primary's management plane once that region is down. The documentation does not say an additional location must be
 * in another region than the primary, so one that may be in the primary's region decides nothing. Without a gateway
 * elsewhere the service is judged on its primary (`zones`, by `inRegion`), with what its additional locations are;
 * `unknown` when whether one is an enabled gateway in another region depends on the deployment.
 */
export function judgeApiManagement(resource: NormalisedResource, inRegion: () => RuleResult, why: string): RuleResult {
  const additional = getPath(resource.body, 'properties.additionalLocations');
  if (isUnknown(additional)) return withInRegion(`properties.additionalLocations cannot be decided statically (${additional.toString()}): the service may have gateways in other regions`, inRegion());
  if (!Array.isArray(additional) || additional.length === 0) return inRegion();
  const homeRaw = getPath(resource.body, 'location');
  const home = normalisedLocation(homeRaw);
  const elsewhere: string[] = [];
  // Regions of enabled gateways when the primary's is unknown: two different ones cannot both be the primary's.
  const regions = new Set<string>();
  const notes: string[] = [];
  let undecided: string | undefined;
  for (const entry of additional) {
    const raw = isObject(entry) ? getPath(entry, 'location') : entry;
    const loc = isObject(entry) ? normalisedLocation(raw) : undefined;
    const disabled = isObject(entry) ? getPath(entry, 'disableGateway') : undefined;
    if (loc === undefined) {
      if (disabled !== true) undecided ??= `properties.additionalLocations lists a gateway whose ${describe('location', raw)}: it may be in the primary region or in another`;
    } else if (disabled === true) {
      if (loc !== home) notes.push(`the gateway in ${loc} is disabled (disableGateway is true), so it routes no API traffic and cannot be enabled while the primary region, which hosts the management plane, is down`);
    } else if (isUnknown(disabled)) {
      if (loc !== home) undecided ??= `properties.additionalLocations lists a gateway in ${loc} whose disableGateway cannot be decided statically (${disabled.toString()}): a disabled gateway routes no API traffic`;
    } else if (loc === home) notes.push(`the additional location ${loc} is the primary's own region`);
    else if (home !== undefined) elsewhere.push(loc);
    else regions.add(loc);
  }
  const geo = (where: string): RuleResult => ({
    redundancy: 'geo',
    reason: `properties.additionalLocations ${where}, so API requests are still served if the primary region fails; the management plane and developer portal stay in the primary region (${why})`,
  });
  if (elsewhere.length) return geo(`deploys gateways in ${[...new Set(elsewhere)].join(', ')}, outside the primary region (${home})`);
  if (home === undefined && regions.size >= 2) return geo(`deploys gateways in ${regions.size} regions (${[...regions].join(', ')}), at least one outside the primary region whichever that is`);
  const own = inRegion();
  if (undecided) return withInRegion(undecided, own);
  if (home === undefined && regions.size === 1) {
    const [loc] = regions;
    return withInRegion(`properties.additionalLocations deploys a gateway in ${loc}, but the service's ${describe('location', homeRaw)}: the gateway is in another region unless the primary is in ${loc}`, own);
  }
  return notes.length ? { ...own, reason: `${own.reason}; no gateway in another region: ${notes.join('; ')}` } : own;
}

/** A gateway elsewhere that the deployment decides: unknown, with what the primary gives on its own when that is known. */
function withInRegion(reason: string, own: RuleResult): RuleResult {
  return { redundancy: 'unknown', reason: own.redundancy === 'unknown' ? reason : `${reason}; on its own here: ${own.reason}` };
}

export const MANAGED_CLUSTER = /^microsoft\.containerservice\/managedclusters$/i;
const AGENT_POOLS = 'Microsoft.ContainerService/managedClusters/agentPools';

/** One node pool's standing: its name, its level and why. `zones` orders zone-redundant pools (fewest zones first). */
interface Pool {
  name: string;
  level: 'local' | 'zonal' | 'zone' | 'unknown';
  zones: number;
  reason: string;
}

function judgePool(name: string, property: string, zones: Value | undefined): Pool {
  if (isUnknown(zones)) return { name, level: 'unknown', zones: 0, reason: `node pool ${name}: ${property} cannot be decided statically (${zones.toString()})` };
  if (Array.isArray(zones) && zones.length >= 2) return { name, level: 'zone', zones: zones.length, reason: `${zones.length} availability zones (${zones.map(String).join(', ')})` };
  if (Array.isArray(zones) && zones.length === 1) {
    return { name, level: 'zonal', zones: 1, reason: `node pool ${name} lists one availability zone (${String(zones[0])}) in ${property}: zonal, so a failure of that zone takes its nodes down` };
  }
  return { name, level: 'local', zones: 0, reason: `node pool ${name} lists no availability zones (${property} not set): its nodes are regional, in no chosen zone, with no copy in another zone or region` };
}

/** Terraform node pools no cluster is linked to, by deployment (root module): grouped once per scan, not per cluster. */
const unlinkedByContext = new WeakMap<RuleContext, Map<string, NormalisedResource[]>>();
function unlinkedPools(ctx: RuleContext): Map<string, NormalisedResource[]> {
  let byDeployment = unlinkedByContext.get(ctx);
  if (!byDeployment) {
    byDeployment = new Map();
    for (const p of ctx.ofType(AGENT_POOLS)) {
      if (!p.terraform || ctx.parent(p)) continue;
      const d = deploymentOf(p);
      const list = byDeployment.get(d);
      if (list) list.push(p);
      else byDeployment.set(d, [p]);
    }
    unlinkedByContext.set(ctx, byDeployment);
  }
  return byDeployment;
}

/**
 * An AKS cluster's node pools: in `properties.agentPoolProfiles` (each `availabilityZones`, or the Terraform
 * `default_node_pool` `zones` the mapping passes there) and as `agentPools` children (`properties.availabilityZones`, or
 * `zones` as Terraform's `azurerm_kubernetes_cluster_node_pool` gives them). The weakest pool decides: any pool without
 * zones, or in one, leaves workloads on it exposed to a zone failure. A Terraform node pool is linked to its cluster by
 * `kubernetes_cluster_id`; one of its root module the reader could not link (an id it cannot follow) whose zones are weaker than this
 * cluster's own pools may be this cluster's, so it makes the verdict unknown, naming it. Undefined when the cluster
 * declares no pool.
 */
export function managedClusterPools(resource: NormalisedResource, ctx: RuleContext, why: string): RuleResult | undefined {
  const profiles = getPath(resource.body, 'properties.agentPoolProfiles');
  const pools: Pool[] = [];
  if (isUnknown(profiles)) pools.push({ name: 'agentPoolProfiles', level: 'unknown', zones: 0, reason: `properties.agentPoolProfiles cannot be decided statically (${profiles.toString()})` });
  else if (Array.isArray(profiles)) {
    profiles.forEach((p, i) => {
      const name = isObject(p) && typeof p.name === 'string' ? p.name : `agentPoolProfiles[${i}]`;
      // The Terraform mapping passes default_node_pool's `zones` as the first profile's availabilityZones.
      const property = resource.terraform ? 'default_node_pool zones' : 'availabilityZones';
      pools.push(isUnknown(p) ? judgePool(name, 'the pool', p) : judgePool(name, property, isObject(p) ? p.availabilityZones : undefined));
    });
  }
  const poolZones = (child: NormalisedResource): [string, Value | undefined] => {
    // ARM and Bicep write properties.availabilityZones; the Terraform reader passes a node pool's `zones` as they are.
    return child.terraform ? ['zones', getPath(child.body, 'zones')] : ['properties.availabilityZones', getPath(child.body, 'properties.availabilityZones')];
  };
  for (const child of ctx.children(resource, AGENT_POOLS)) pools.push(judgePool(child.name ?? child.address, ...poolZones(child)));
  if (!pools.length) return undefined;
  const order = { local: 0, zonal: 0, unknown: 1, zone: 2 } as const;
  const weakest = pools.reduce((w, p) => (order[p.level] < order[w.level] || (p.level === 'zone' && w.level === 'zone' && p.zones < w.zones) ? p : w));
  const single = pools.length === 1;
  if (weakest.level === 'local' || weakest.level === 'zonal') {
    return { redundancy: 'local', detail: weakest.level === 'zonal' ? 'zonal' : undefined, reason: `${weakest.reason}${single ? '' : `; the weakest of ${pools.length} node pools decides`} (${why})` };
  }
  if (weakest.level === 'unknown') return { redundancy: 'unknown', reason: weakest.reason };
  // Terraform node pools the reader could not link to a cluster, weaker than this cluster's own: they may be this cluster's.
  if (resource.terraform) {
    // Only from this cluster's own configuration (root module): another root's pool belongs to another cluster.
    const unlinked = unlinkedPools(ctx).get(deploymentOf(resource)) ?? [];
    const weaker = unlinked.map((p) => ({ p, pool: judgePool(p.name ?? p.address, ...poolZones(p)) })).find(({ pool }) => pool.level !== 'zone' || pool.zones < weakest.zones);
    if (weaker) {
      return { redundancy: 'unknown', reason: `${weaker.p.address} is a node pool drcheck does not link to its cluster; if it is this cluster's, ${weaker.pool.level === 'zone' ? `it spreads over ${weaker.pool.reason}` : weaker.pool.reason}` };
    }
  }
  return {
    redundancy: 'zone',
    reason: `${single ? `node pool ${weakest.name} spreads its nodes over ${weakest.reason}` : `${pools.length === 2 ? 'both' : `all ${pools.length}`} node pools spread their nodes over availability zones; the weakest, ${weakest.name}, over ${weakest.reason}`}: a zone failure leaves nodes running in the others, but nothing in another region (${why})`,
  };
}

export const SERVICE_BUS = /^microsoft\.servicebus\/namespaces$/i;
export const REDIS = /^microsoft\.cache\/redis$/i;

/** The tier name and where it was read (sku.name, then sku.tier; for Redis `properties.sku.name` as ARM writes it), when a known string. */
function tierOf(resource: NormalisedResource, ...paths: string[]): { tier?: string; path: string } {
  for (const path of paths) {
    const v = getPath(resource.body, path);
    if (v !== undefined && v !== null) return { tier: typeof v === 'string' ? v : undefined, path };
  }
  return { path: paths[0] };
}

/** Whether a Redis cache is on the Basic tier: one VM, in one zone or in none. */
export function isBasicRedis(resource: NormalisedResource): boolean {
  return REDIS.test(resource.type) && eqi(tierOf(resource, 'properties.sku.name', 'sku.name').tier, 'Basic');
}

/**
 * What a tier that cannot have a copy outside the region gives inside it, when nothing else the resource states decides:
 *
 * - Service Bus Basic and Standard: "Service Bus provides two types of multi-region support, both of which require
 *   Premium tier namespaces", and "All Service Bus tiers (Basic, Standard, and Premium) support availability zones":
 *   zone redundancy "is automatically enabled" in regions with zones, and `zoneRedundant` "is deprecated … might appear as
 *   false even when zone redundancy is enabled" (https://learn.microsoft.com/azure/reliability/reliability-service-bus).
 *   So `zone`, as Event Hubs Standard is judged.
 * - Azure Cache for Redis Basic: "an OSS Redis cache running on a single VM"
 *   (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-overview#service-tiers): `local`.
 * - Redis Standard: geo-replication is "No" for Standard (passive is Premium, active Enterprise), and "Azure Cache For
 *   Redis by default creates zone redundant caches for Premium, Standard Tiers using Automatic_Zonal_Allocation in
 *   regions that support zones" (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-high-availability;
 *   https://learn.microsoft.com/azure/azure-cache-for-redis/cache-how-to-geo-replication: "Both caches are Premium tier
 *   caches"). So `zone` unless `properties.zonalAllocationPolicy` is NoZones (`local`).
 * - Redis Premium with no geo-replication link in the scan to or from a cache known to be in another region (looked for
 *   before): as Standard.
 *
 * Undefined for other types and tiers (Enterprise), or a tier that cannot be read.
 */
export function tierInRegion(resource: NormalisedResource, why: string): RuleResult | undefined {
  if (SERVICE_BUS.test(resource.type)) {
    const { tier, path } = tierOf(resource, 'sku.name', 'sku.tier');
    if (!tier || !['basic', 'standard', 'premium'].includes(tier.toLowerCase())) return undefined;
    const zoneRedundant = getPath(resource.body, 'properties.zoneRedundant');
    const stated = zoneRedundant === false ? ' (properties.zoneRedundant is false, but the property is deprecated and all namespaces there are zone-redundant)' : '';
    // Premium's geo features (geo-replication, a Geo-DR pairing) were looked for before: none in the scan names this one.
    const noGeo = eqi(tier, 'Premium')
      ? `${path} is Premium, with no geo-replication (properties.geoDataReplication) and no Geo-DR pairing in the scan, so no copy in another region`
      : `${path} is ${tier}: Service Bus geo-replication and Geo-DR need Premium, so no copy in another region`;
    return { redundancy: 'zone', reason: `${noGeo}; zone redundancy is automatic in regions with availability zones${stated} (${why})` };
  }
  if (!REDIS.test(resource.type)) return undefined;
  const { tier, path } = tierOf(resource, 'properties.sku.name', 'sku.name');
  if (eqi(tier, 'Basic')) return { redundancy: 'local', reason: `${path} is ${tier}: one VM with no replica, and geo-replication needs Premium: no copy in another zone or region (${why})` };
  if (!eqi(tier, 'Standard') && !eqi(tier, 'Premium')) return undefined;
  const policy = getPath(resource.body, 'properties.zonalAllocationPolicy');
  // Premium's links to and from other caches were looked for before: none in the scan is known to reach another region.
  const noGeo = eqi(tier, 'Premium')
    ? `${path} is ${tier}: geo-replication (a linkedServers link) would give a copy in another region, and the scan links it to no cache known to be in another region`
    : `${path} is ${tier}: geo-replication needs Premium (passive) or Enterprise (active), so no copy in another region`;
  if (isUnknown(policy)) return { redundancy: 'unknown', reason: `${noGeo}; properties.zonalAllocationPolicy cannot be decided statically (${policy.toString()})` };
  if (eqi(policy, 'NoZones')) return { redundancy: 'local', reason: `${noGeo}; properties.zonalAllocationPolicy is NoZones: a primary and a replica in the region, in no chosen zones (${why})` };
  if (policy !== undefined && policy !== null && !eqi(policy, 'Automatic')) return undefined;
  // "set to 'NoZones' in regions where zones are not supported" (the API's zonalAllocationPolicy).
  const location = getPath(resource.body, 'location');
  if (typeof location === 'string' && hasAvailabilityZones(location) === false) {
    return { redundancy: 'local', reason: `${noGeo}; ${location} has no availability zones, so the cache's primary and replica are in no chosen zones (${why})` };
  }
  const how = policy === undefined || policy === null ? `Azure creates ${tier} caches zone-redundant (automatic zonal allocation) in regions with availability zones` : 'properties.zonalAllocationPolicy is Automatic: zone-redundant in regions with availability zones';
  return { redundancy: 'zone', reason: `${noGeo}; ${how} (${why})` };
}
