/**
 * The posture of resource types the catalog does not know. Azure uses a handful of conventions
 * across services (`zones`, `properties.zoneRedundant`, storage-style `*_GRS` SKUs); reading them
 * is better than reporting nothing, and everything else stays `unknown` with the reason.
 */
import type { RuleContext, RuleResult } from '../catalog/types';
import type { NormalisedResource } from '../model/resource';
import { eqi, getPath, isUnknown, type Value } from '../model/value';
import { FLEXIBLE_SERVER, judgeFlexibleServer } from '../catalog/rules/flexible-server';
import { geoDataReplication, geoDrPairing } from '../catalog/rules/messaging';
import { entriesForArmType, entryForTerraformType } from '../catalog';
import { planLevel } from '../catalog/rules/app-service-plan';
import { hasAvailabilityZones } from '../catalog/rules/regions';
import { judgeBackupVault } from './vaulted-backup';
import { API_MANAGEMENT, MANAGED_CLUSTER, REDIS, SERVICE_BUS, describe, isBasicRedis, judgeApiManagement, managedClusterPools, normalisedLocation, tierInRegion } from './generic-services';

/**
 * Types whose replicas are always in another region: Container Registry creates the home region's replica with the
 * registry and refuses a second one there, so a declared replication is elsewhere even when only the deployment knows
 * where (https://learn.microsoft.com/azure/container-registry/container-registry-geo-replication).
 */
const REPLICAS_ALWAYS_ELSEWHERE = /^microsoft\.containerregistry\/registries$/i;

/** How a reason names a resource: its name, else its address. */
const named = (r: NormalisedResource) => r.name ?? r.address;

/**
 * A copy in another region, declared as a child: a registry's `replications`, a configuration store's or a SignalR
 * service's `replicas`, a Redis cache's `linkedServers` (geo-replication). Undefined when there is none; `unknown`, naming
 * the locations, when a copy is declared but whether it is in another region depends on a location only the deployment
 * knows (the resource's or the copy's).
 */
function geoReplica(resource: NormalisedResource, ctx: RuleContext, why: string): RuleResult | undefined {
  const homeRaw = getPath(resource.body, 'location');
  const home = normalisedLocation(homeRaw);
  // A registry's geo-replicas are "active and writable": pushes and pulls go to any of them
  // (https://learn.microsoft.com/azure/container-registry/container-registry-geo-replication), so it serves from several regions.
  const geo = (reason: string): RuleResult =>
    REGISTRY.test(resource.type)
      ? { redundancy: 'multi-region', reason: `${reason}; geo-replicas are active and writable, so the registry serves pushes and pulls in each region (${why})` }
      : { redundancy: 'geo', detail: 'geo-replica', reason: `${reason} (${why})` };
  // The first copy whose region cannot be told apart from the resource's: reported when nothing decides.
  let undecided: RuleResult | undefined;
  const undecidedIs = (reason: string) => {
    undecided ??= { redundancy: 'unknown', reason };
  };
  for (const kind of ['replications', 'replicas']) {
    // Replica regions when the resource's own is unknown: two different ones cannot both be its region.
    const regions = new Map<string, NormalisedResource>();
    // Replicas known to be in another region: all named, not only the first.
    const elsewhere: string[] = [];
    for (const child of ctx.children(resource, `${resource.type}/${kind}`)) {
      const raw = getPath(child.body, 'location');
      const loc = normalisedLocation(raw);
      if (loc === undefined) {
        if (REPLICAS_ALWAYS_ELSEWHERE.test(resource.type)) {
          return geo(`${kind} lists a replica (${named(child)}) whose ${describe('location', raw)}: Container Registry refuses a replica in the registry's home region, so it is in another region`);
        }
        undecidedIs(`${kind} lists a replica (${named(child)}) whose ${describe('location', raw)}: it may be in the resource's region or in another`);
        continue;
      }
      if (loc === 'global' || loc === home) continue;
      if (home !== undefined || REPLICAS_ALWAYS_ELSEWHERE.test(resource.type)) {
        elsewhere.push(`${loc} (${named(child)})`);
        continue;
      }
      if (!regions.has(loc)) regions.set(loc, child);
    }
    if (elsewhere.length) return geo(`${kind} lists ${elsewhere.length === 1 ? 'a replica' : `${elsewhere.length} replicas`} in ${elsewhere.join(', ')}: the data is replicated to another region`);
    if (home === undefined && regions.size >= 2) {
      const listed = [...regions].map(([loc, child]) => `${loc} (${named(child)})`).join(', ');
      return geo(`${kind} lists replicas in ${regions.size} regions, ${listed}: at least one is outside the resource's region, whichever that is, so the data is replicated to another region`);
    }
    if (home === undefined && regions.size === 1) {
      const [[loc, child]] = [...regions];
      undecidedIs(`${kind} lists a replica in ${loc} (${named(child)}), but the resource's ${describe('location', homeRaw)}: the replica is in another region unless the resource is in ${loc}`);
    }
  }
  for (const link of ctx.children(resource, `${resource.type}/linkedServers`)) {
    const raw = getPath(link.body, 'properties.linkedRedisCacheLocation');
    let loc = normalisedLocation(raw);
    if (loc === undefined) {
      // The linked cache itself, when the scan declares it where a location is known.
      const linked = ctx.resolve(getPath(link.body, 'properties.linkedRedisCacheId'), 'Microsoft.Cache/redis');
      const linkedLoc = linked && normalisedLocation(getPath(linked.body, 'location'));
      if (linkedLoc !== undefined) loc = linkedLoc;
    }
    if (loc === undefined) {
      // Passive geo-replication links two caches "usually in different regions, though they aren't required to be"
      // (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-how-to-geo-replication): an unknown one may be here.
      undecidedIs(`a geo-replication link (${named(link)}) to a cache whose ${describe('properties.linkedRedisCacheLocation', raw)}: the linked cache may be in another region or, as Azure Cache for Redis allows, in this one`);
      continue;
    }
    if (loc === home || loc === 'global') continue;
    if (home !== undefined) return geo(`a geo-replication link to a cache in ${loc} (${named(link)})`);
    undecidedIs(`a geo-replication link to a cache in ${loc} (${named(link)}), but the cache's ${describe('location', homeRaw)}: the link is to another region unless the cache is in ${loc}`);
  }
  if (REDIS.test(resource.type)) {
    // The secondary of a passive geo-replication link declared on another cache: the copy of that cache's data.
    for (const link of ctx.referrers('redis-linked-cache', `${resource.type}/linkedServers`, (l) => [getPath(l.body, 'properties.linkedRedisCacheId')], resource, resource.type)) {
      const primary = ctx.parent(link);
      if (!primary || primary === resource) continue;
      const primaryRaw = getPath(primary.body, 'location');
      const loc = normalisedLocation(primaryRaw);
      const names = `${named(primary)}, link ${named(link)}`;
      if (loc !== undefined && home !== undefined && loc !== home && loc !== 'global') return geo(`the geo-replication secondary of a cache in ${loc} (${names}): a copy of that cache's data in another region`);
      if (loc === undefined || home === undefined) {
        undecidedIs(`the geo-replication secondary of a cache (${names}) whose ${loc === undefined ? describe('location', primaryRaw) : `region is ${loc}, but this cache's ${describe('location', homeRaw)}`}: the two may be in one region, as Azure Cache for Redis allows`);
      }
    }
  }
  return undecided;
}

const NETAPP_VOLUME = /^microsoft\.netapp\/netappaccounts\/capacitypools\/volumes$/i;
const REDIS_ENTERPRISE = /^microsoft\.cache\/redisenterprise$/i;

/**
 * Azure Managed Redis and Redis Enterprise active geo-replication: a database lists the databases it is linked with
 * (`geoReplication.linkedDatabases`), each a writable primary in its own cluster's region
 * (https://learn.microsoft.com/azure/redis/how-to-active-geo-replication). A link to a database of a cluster in another
 * region makes the cluster `multi-region`. Undefined when none is known to reach another region.
 */
function activeGeoReplication(cluster: NormalisedResource, ctx: RuleContext, why: string): RuleResult | undefined {
  const here = normalisedLocation(getPath(cluster.body, 'location'));
  if (here === undefined) return undefined;
  for (const database of ctx.children(cluster, `${cluster.type}/databases`)) {
    const linked = getPath(database.body, 'properties.geoReplication.linkedDatabases');
    if (!Array.isArray(linked)) continue;
    for (const link of linked) {
      const other = ctx.resolve(getPath(link, 'id'), `${cluster.type}/databases`, database);
      const otherCluster = other && other !== database ? ctx.parent(other) : undefined;
      const there = otherCluster && normalisedLocation(getPath(otherCluster.body, 'location'));
      if (there !== undefined && there !== here && there !== 'global') {
        return {
          redundancy: 'multi-region',
          reason: `active geo-replication: database ${named(database)} is linked with ${named(other!)} of cluster ${named(otherCluster!)} in ${there}; each linked database is a writable primary in its region (${why})`,
        };
      }
    }
  }
  return undefined;
}

/** A volume's region and its one zone, when it names them. */
function volumePlace(v: NormalisedResource): { region?: string; zone?: string } {
  const region = normalisedLocation(getPath(v.body, 'location'));
  const zones = getPath(v.body, 'zones');
  const zone = Array.isArray(zones) && zones.length === 1 && (typeof zones[0] === 'string' || typeof zones[0] === 'number') ? String(zones[0]) : undefined;
  return { region, zone };
}

/**
 * Azure NetApp Files cross-region and cross-zone replication (https://learn.microsoft.com/azure/azure-netapp-files/cross-region-replication-introduction,
 * https://learn.microsoft.com/azure/azure-netapp-files/cross-zone-replication-introduction): the destination volume names its
 * source (`dataProtection.replication`, `endpointType` dst, `remoteVolumeResourceId`). Each end is a copy of the other: `geo`
 * when they are in two regions, `zone` when in two zones of one region. Undefined when no replication in the scan is known
 * to reach another region or zone.
 */
function netAppReplication(volume: NormalisedResource, ctx: RuleContext, why: string): RuleResult | undefined {
  const here = volumePlace(volume);
  const pairs: Array<{ other: NormalisedResource; role: string }> = [];
  const own = getPath(volume.body, 'properties.dataProtection.replication');
  if (own !== undefined && !eqi(getPath(own, 'endpointType'), 'src')) {
    const source = ctx.resolve(getPath(own, 'remoteVolumeResourceId'), volume.type, volume);
    if (source) pairs.push({ other: source, role: 'the replication destination of volume' });
    else {
      const remote = normalisedLocation(getPath(own, 'remoteVolumeRegion'));
      if (remote !== undefined && here.region !== undefined && remote !== here.region) {
        return { redundancy: 'geo', detail: 'geo-replica', reason: `properties.dataProtection.replication makes it the cross-region replication destination of a volume in ${remote}: a copy of its data in another region (${why})` };
      }
    }
  }
  const refs = (d: NormalisedResource) => {
    const r = getPath(d.body, 'properties.dataProtection.replication');
    return r !== undefined && !eqi(getPath(r, 'endpointType'), 'src') ? [getPath(r, 'remoteVolumeResourceId')] : [];
  };
  for (const destination of ctx.referrers('netapp-replication-source', volume.type, refs, volume, volume.type)) if (destination !== volume) pairs.push({ other: destination, role: 'replicated to volume' });
  let zoneCopy: RuleResult | undefined;
  for (const { other, role } of pairs) {
    const there = volumePlace(other);
    if (here.region !== undefined && there.region !== undefined && here.region !== there.region) {
      return { redundancy: 'geo', detail: 'geo-replica', reason: `${role} ${named(other)} in ${there.region} (cross-region replication): a copy of its data in another region (${why})` };
    }
    if (here.region !== undefined && here.region === there.region && here.zone !== undefined && there.zone !== undefined && here.zone !== there.zone) {
      zoneCopy ??= { redundancy: 'zone', reason: `${role} ${named(other)} in zone ${there.zone} of ${there.region}, this one in zone ${here.zone} (cross-zone replication): a copy of its data in another availability zone, none in another region (${why})` };
    }
  }
  return zoneCopy;
}

/**
 * A Service Bus namespace's geo-replication (messages and metadata in a secondary region) or Geo-DR pairing (metadata
 * only), read as Event Hubs' are. Undefined when it has neither.
 */
function serviceBusGeo(resource: NormalisedResource, ctx: RuleContext, why: string): RuleResult | undefined {
  const replicated = geoDataReplication(resource, 'messages');
  if (replicated) return replicated.redundancy === 'unknown' ? replicated : { ...replicated, reason: `${replicated.reason} (${why})` };
  const zoneRedundant = getPath(resource.body, 'properties.zoneRedundant');
  // Zone redundancy is automatic for every tier in regions with zones; the property is deprecated (see tierInRegion).
  const inRegion =
    zoneRedundant === true
      ? 'zone-redundant in the region'
      : `zone-redundant in regions with availability zones, automatically in every tier${zoneRedundant === false ? ' (properties.zoneRedundant is false, but the property is deprecated)' : ''}`;
  const paired = geoDrPairing(resource, ctx, 'messages', inRegion);
  return paired && { ...paired, reason: `${paired.reason} (${why})` };
}

const REGIONAL_COMPUTE = /^microsoft\.compute\/(virtualmachines|virtualmachinescalesets)$/i;
const SINGLE_VM = /^microsoft\.compute\/virtualmachines$/i;

/**
 * How a reason names a type the catalog lists although no rule of it judges the resource: a Terraform type of an entry
 * that no mapping turns into the ARM form its rule reads, an ARM type of an entry whose rule judges other types, or a
 * setting of a resource of such a type. Undefined for a type the catalog does not list ("not in the DR catalog").
 */
function listedInCatalog(resource: NormalisedResource): string | undefined {
  const tf = entryForTerraformType(resource.type);
  if (tf) return `the DR catalog lists the type (${tf.displayName}), but drcheck does not read its DR arguments from Terraform${tf.rule ? ` (its rule reads those of the ARM form, ${tf.rule.appliesTo.join(' or ')})` : ''}`;
  const entry = entriesForArmType(resource.type)[0];
  if (entry) return `the DR catalog lists the type (${entry.displayName}), but its rule does not judge this resource`;
  const of = resource.settingOf !== undefined ? entriesForArmType(resource.settingOf)[0] : undefined;
  return of && `the DR catalog lists the resource it sets options of (${resource.settingOf}, ${of.displayName}), but no rule of it judges that resource`;
}

/**
 * An uncatalogued resource, judged on the conventions Azure services share; each reason says why no catalog rule judged
 * it: the type is not in the catalog, or the catalog lists it but no rule of it reads this resource (listedInCatalog).
 */
export function judgeUncatalogued(resource: NormalisedResource, ctx?: RuleContext): RuleResult {
  const listed = listedInCatalog(resource);
  const why = listed ?? NOT_LISTED;
  if (FLEXIBLE_SERVER.test(resource.type)) {
    const result = judgeFlexibleServer(resource, ctx);
    return result.redundancy === 'unknown' ? result : { ...result, reason: `${result.reason} (${why})` };
  }
  const sku = getPath(resource.body, 'sku.name');
  const suffix = typeof sku === 'string' && sku.includes('_') ? sku.toUpperCase().split('_').pop() : undefined;
  if (suffix === 'GRS' || suffix === 'RAGRS' || suffix === 'GZRS' || suffix === 'RAGZRS') {
    return { redundancy: 'geo', detail: suffix.endsWith('GZRS') ? 'geo-zone' : 'geo-replica', reason: `sku.name is ${String(sku)}: geo-redundant storage (read from the SKU; ${why})` };
  }
  if (ctx) {
    for (const [type, judgeItsWay] of OWN_WAYS) {
      if (!type.test(resource.type)) continue;
      const result = judgeItsWay(resource, ctx, why);
      if (result) return result;
    }
  }
  if (API_MANAGEMENT.test(resource.type)) return judgeApiManagement(resource, () => judgeInRegion(resource, sku, suffix, listed), why);
  if (BACKUP_VAULT.test(resource.type)) return judgeBackupVault(resource, why);
  if (GLOBAL_EDGE.test(resource.type)) {
    return {
      redundancy: 'managed',
      reason: `Azure Front Door and Azure CDN are global services, served from Microsoft's edge locations in many regions, with no region of their own to lose; where they route to is judged on each origin's resources (${why})`,
    };
  }
  if (ctx && WEB_SITES.test(resource.type)) return webAppOnPlan(resource, ctx);
  const replica = ctx && geoReplica(resource, ctx, why);
  if (replica?.redundancy === 'geo' || replica?.redundancy === 'multi-region') return replica;
  const own = judgeInRegion(resource, sku, suffix, listed);
  if (!replica || own.redundancy === 'geo' || own.redundancy === 'multi-region') return own;
  // A copy that may or may not be in another region: what decides the verdict, unless the resource says nothing else.
  return own.redundancy === 'unknown' ? replica : { redundancy: 'unknown', reason: `${replica.reason}; on its own here: ${own.reason}` };
}

/**
 * Services whose copies or spread the scan shows their own way (a pairing, node pools, linked databases, volume
 * replication), each by its type: undefined from one leaves the conventions Azure services share to decide.
 */
const OWN_WAYS: ReadonlyArray<readonly [RegExp, (resource: NormalisedResource, ctx: RuleContext, why: string) => RuleResult | undefined]> = [
  [SERVICE_BUS, serviceBusGeo],
  [MANAGED_CLUSTER, managedClusterPools],
  [REDIS_ENTERPRISE, activeGeoReplication],
  [NETAPP_VOLUME, netAppReplication],
];

/** Why the generic rule judges a type the catalog does not list. */
const NOT_LISTED = 'the type is not in the DR catalog';

const WEB_SITES = /^microsoft\.web\/sites$/i;
const BACKUP_VAULT = /^microsoft\.dataprotection\/backupvaults$/i;
/**
 * Front Door (Standard and Premium, and classic) and CDN profiles: "a global, nonregional" service
 * (https://learn.microsoft.com/azure/reliability/reliability-front-door), deployed to location `global`.
 */
const GLOBAL_EDGE = /^microsoft\.(cdn\/profiles|network\/frontdoors)$/i;

/**
 * A web app (a site that is not a function app, which the Functions entry judges): it runs on the instances of its App
 * Service plan, so the plan's zone redundancy is its own (https://learn.microsoft.com/azure/reliability/reliability-app-service).
 * Unknown, naming the plan, when the scan does not declare it.
 */
function webAppOnPlan(site: NormalisedResource, ctx: RuleContext): RuleResult {
  const ref = getPath(site.body, 'properties.serverFarmId');
  const plan = ctx.resolve(ref, 'Microsoft.Web/serverfarms', site);
  if (!plan) {
    const which = isUnknown(ref) || ref === undefined || ref === null ? `its plan (${describe('properties.serverFarmId', ref)})` : `its plan ${typeof ref === 'string' ? lastSegment(ref) : JSON.stringify(ref)}`;
    return { redundancy: 'unknown', reason: `the web app runs on its App Service plan's instances, and ${which} is not declared in the scan: scan the plan's template with it to judge it (${WEB_APP_WHY})` };
  }
  const level = planLevel(plan);
  if (level.redundancy === 'unknown') return level;
  return { ...level, reason: `the web app runs on its App Service plan's instances: ${level.reason} (${WEB_APP_WHY})` };
}

const WEB_APP_WHY = 'the DR catalog lists function apps, not web apps: a web app is judged on its plan, as function apps are';
const lastSegment = (id: string) => id.split('/').filter(Boolean).pop() ?? id;

const REGISTRY = /^microsoft\.containerregistry\/registries$/i;

/**
 * Container Registry is zone-redundant by default, in every tier, wherever the region has availability zones, whatever
 * `zoneRedundancy` says (https://learn.microsoft.com/azure/container-registry/zone-redundancy); in a region without zones it is in one datacenter. When the
 * region is not known, `zoneRedundancy: 'Enabled'` (which only a region with zones accepts) says zone; otherwise it is one
 * or the other, and never in another region without replications (geo-replication is Premium's): local at worst, which
 * decides every strategy alike (none asks for zones without a second region). Undefined for a known region drcheck has no
 * zone list for, and for a registry that asks for zone redundancy: its settings decide then.
 */
function registryInRegion(resource: NormalisedResource, why: string): RuleResult | undefined {
  const location = getPath(resource.body, 'location');
  const zones = typeof location === 'string' ? hasAvailabilityZones(location) : undefined;
  if (zones === true) return { redundancy: 'zone', reason: `Container Registry is zone-redundant by default in a region with availability zones (${String(location)}), in every tier, whatever properties.zoneRedundancy says (${why})` };
  if (zones === false) return { redundancy: 'local', reason: `${String(location)} has no availability zones: the registry is in one datacenter (${why})` };
  const asked = getPath(resource.body, 'properties.zoneRedundancy');
  // A location of a few known values is judged on each by the engine (every strategy's verdict agrees, the reason names them).
  if (typeof location === 'string' || (isUnknown(location) && location.oneOf?.length) || eqi(asked, 'Enabled')) return undefined;
  const sku = getPath(resource.body, 'sku.name');
  const tier = typeof sku === 'string' ? sku : undefined;
  const noGeo =
    tier && !eqi(tier, 'Premium')
      ? `sku.name is ${tier}: geo-replication needs Premium, so no copy in another region`
      : `${tier ? `sku.name is ${tier}, with` : 'with'} no replication in the scan, so no copy in another region`;
  return {
    redundancy: 'local',
    reason: `${describe('location', location)}: Container Registry is zone-redundant in a region with availability zones and in one datacenter in one without; ${noGeo} (${why})`,
  };
}

/** The uncatalogued resource's redundancy from its own settings: geo-redundant backups, zones, zone-redundant options, SKUs. */
function judgeInRegion(resource: NormalisedResource, sku: Value | undefined, suffix: string | undefined, listed: string | undefined): RuleResult {
  const why = listed ?? NOT_LISTED;
  // Other servers with a flexible server's backup settings, or a single server's (PostgreSQL, MariaDB:
  // `storageProfile.geoRedundantBackup`, as MySQL single server is judged): backups copied to the paired region.
  const flexibleBackup = getPath(resource.body, 'properties.backup.geoRedundantBackup');
  const singleBackup = flexibleBackup === undefined ? getPath(resource.body, 'properties.storageProfile.geoRedundantBackup') : undefined;
  const backupPath = singleBackup !== undefined ? 'properties.storageProfile.geoRedundantBackup' : 'properties.backup.geoRedundantBackup';
  const geoBackup = singleBackup ?? flexibleBackup;
  if (typeof geoBackup === 'string' && geoBackup.toLowerCase() === 'enabled') {
    return { redundancy: 'geo', detail: 'geo-backup', reason: `${backupPath} is Enabled: backups are copied to the paired region, to restore from (${why})` };
  }
  const haMode = getPath(resource.body, 'properties.highAvailability.mode');
  if (typeof haMode === 'string' && haMode.toLowerCase() === 'zoneredundant') {
    return { redundancy: 'zone', reason: `properties.highAvailability.mode is ZoneRedundant: a standby in another availability zone (${why})` };
  }
  if (suffix === 'ZRS') return { redundancy: 'zone', reason: `sku.name is ${String(sku)}: copies across availability zones in one region (read from the SKU; ${why})` };
  const registry = REGISTRY.test(resource.type) ? registryInRegion(resource, why) : undefined;
  if (registry) return registry;
  // `zoneRedundant: true` (most services) or `zoneRedundancy: 'Enabled'` (Container Registry and a few others).
  for (const property of ['zoneRedundant', 'zoneRedundancy']) {
    const v = getPath(resource.body, `properties.${property}`);
    if (v === true || (typeof v === 'string' && v.toLowerCase() === 'enabled')) {
      return { redundancy: 'zone', reason: `properties.${property} is set: zone-redundant within the region (${why})` };
    }
  }
  const zones = getPath(resource.body, 'zones');
  if (Array.isArray(zones) && zones.length >= 2) {
    return { redundancy: 'zone', reason: `zones lists ${zones.length} availability zones (${why})` };
  }
  if (Array.isArray(zones) && zones.length === 1 && (typeof zones[0] === 'string' || typeof zones[0] === 'number')) {
    return { redundancy: 'local', detail: 'zonal', reason: `zones lists one availability zone (${String(zones[0])}): zonal, so a failure of that zone takes it down (${why})` };
  }
  if (isUnknown(zones)) {
    // A single virtual machine, a locally redundant disk or a Basic cache (one VM) is in one zone or in none: local whichever it is.
    if (SINGLE_VM.test(resource.type) || suffix === 'LRS' || isBasicRedis(resource)) {
      const what = suffix === 'LRS' ? `a ${String(sku)} disk` : SINGLE_VM.test(resource.type) ? 'a virtual machine' : 'a Basic cache (one VM)';
      return { redundancy: 'local', reason: `zones cannot be decided statically (${zones.toString()}), but ${what} is in one zone or in none: local either way (${why})` };
    }
    return { redundancy: 'unknown', reason: `zones cannot be decided statically: ${zones.toString()}` };
  }
  // A virtual machine or scale set that names no zone is regional: in one datacenter's fault domains, with no zone or
  // region to fail over to (Azure Site Recovery, which would give one, is set up on the vault, not on the VM).
  if ((zones === undefined || zones === null || (Array.isArray(zones) && zones.length === 0)) && REGIONAL_COMPUTE.test(resource.type)) {
    return { redundancy: 'local', reason: `zones is not set: the virtual machine is regional, in one datacenter, with no copy in another zone or region (${why})` };
  }
  // Another server with a flexible server's settings that turns geo-redundant backups off, with no zone-redundant standby:
  // everything stays in the region (flexible servers themselves, whose defaults are known, are judged above).
  if (typeof geoBackup === 'string' && geoBackup.toLowerCase() === 'disabled') {
    return { redundancy: 'local', reason: `${backupPath} is Disabled and no zone-redundant standby is set: the server and its backups stay in the region (${why})` };
  }
  // Last: a locally redundant SKU (managed disks, Elastic SAN) says so only when nothing above gives more.
  if (suffix === 'LRS') return { redundancy: 'local', reason: `sku.name is ${String(sku)}: copies in one datacenter (read from the SKU; ${why})` };
  // A Service Bus or Redis tier that cannot have a copy outside the region: what it gives inside it.
  const tier = tierInRegion(resource, why);
  if (tier) return tier;
  return { redundancy: 'unknown', reason: `${listed ? `${listed}; it` : `${resource.type} is not in the DR catalog and`} states no zone or geo redundancy drcheck can read` };
}
