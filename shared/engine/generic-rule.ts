/**
 * The posture of resource types the catalog does not know. Azure uses a handful of conventions
 * across services (`zones`, `properties.zoneRedundant`, storage-style `*_GRS` SKUs); reading them
 * is better than reporting nothing, and everything else stays `unknown` with the reason.
 */
import type { RuleContext, RuleResult } from '../catalog/types';
import type { NormalisedResource } from '../model/resource';
import { getPath, isUnknown, regionKey } from '../model/value';
import { FLEXIBLE_SERVER, judgeFlexibleServer } from '../catalog/rules/flexible-server';

const normalisedLocation = (v: unknown) => (typeof v === 'string' ? regionKey(v) : undefined);

/**
 * A copy in another region, declared as a child: a registry's `replications`, a configuration store's or a SignalR
 * service's `replicas`, a Redis cache's `linkedServers` (geo-replication). Undefined when there is none.
 */
function geoReplica(resource: NormalisedResource, ctx: RuleContext): RuleResult | undefined {
  const home = normalisedLocation(getPath(resource.body, 'location'));
  if (home === undefined) return undefined;
  const elsewhere = (child: NormalisedResource, path: string) => {
    const loc = normalisedLocation(getPath(child.body, path));
    return loc !== undefined && loc !== home && loc !== 'global' ? loc : undefined;
  };
  for (const kind of ['replications', 'replicas']) {
    for (const child of ctx.children(resource, `${resource.type}/${kind}`)) {
      const loc = elsewhere(child, 'location');
      if (loc) return { redundancy: 'geo', detail: 'geo-replica', reason: `${kind} lists a replica in ${loc} (${child.name ?? child.address}): the data is replicated to another region (the type is not in the DR catalog)` };
    }
  }
  for (const link of ctx.children(resource, `${resource.type}/linkedServers`)) {
    const loc = elsewhere(link, 'properties.linkedRedisCacheLocation');
    if (loc) return { redundancy: 'geo', detail: 'geo-replica', reason: `a geo-replication link to a cache in ${loc} (${link.name ?? link.address}) (the type is not in the DR catalog)` };
  }
  return undefined;
}

const REGIONAL_COMPUTE = /^microsoft\.compute\/(virtualmachines|virtualmachinescalesets)$/i;
const SINGLE_VM = /^microsoft\.compute\/virtualmachines$/i;

export function judgeUncatalogued(resource: NormalisedResource, ctx?: RuleContext): RuleResult {
  if (FLEXIBLE_SERVER.test(resource.type)) {
    const result = judgeFlexibleServer(resource, ctx);
    return result.redundancy === 'unknown' ? result : { ...result, reason: `${result.reason} (the type is not in the DR catalog)` };
  }
  const sku = getPath(resource.body, 'sku.name');
  const suffix = typeof sku === 'string' && sku.includes('_') ? sku.toUpperCase().split('_').pop() : undefined;
  if (suffix === 'GRS' || suffix === 'RAGRS' || suffix === 'GZRS' || suffix === 'RAGZRS') {
    return { redundancy: 'geo', detail: suffix.endsWith('GZRS') ? 'geo-zone' : 'geo-replica', reason: `sku.name is ${String(sku)}: geo-redundant storage (read from the SKU; the type is not in the DR catalog)` };
  }
  const replica = ctx && geoReplica(resource, ctx);
  if (replica) return replica;
  // Other servers with a flexible server's backup settings: backups copied to the paired region.
  const geoBackup = getPath(resource.body, 'properties.backup.geoRedundantBackup');
  if (typeof geoBackup === 'string' && geoBackup.toLowerCase() === 'enabled') {
    return { redundancy: 'geo', detail: 'geo-backup', reason: 'properties.backup.geoRedundantBackup is Enabled: backups are copied to the paired region, to restore from (the type is not in the DR catalog)' };
  }
  const haMode = getPath(resource.body, 'properties.highAvailability.mode');
  if (typeof haMode === 'string' && haMode.toLowerCase() === 'zoneredundant') {
    return { redundancy: 'zone', reason: 'properties.highAvailability.mode is ZoneRedundant: a standby in another availability zone (the type is not in the DR catalog)' };
  }
  if (suffix === 'ZRS') return { redundancy: 'zone', reason: `sku.name is ${String(sku)}: copies across availability zones in one region (read from the SKU; the type is not in the DR catalog)` };
  // `zoneRedundant: true` (most services) or `zoneRedundancy: 'Enabled'` (Container Registry and a few others).
  for (const property of ['zoneRedundant', 'zoneRedundancy']) {
    const v = getPath(resource.body, `properties.${property}`);
    if (v === true || (typeof v === 'string' && v.toLowerCase() === 'enabled')) {
      return { redundancy: 'zone', reason: `properties.${property} is set: zone-redundant within the region (the type is not in the DR catalog)` };
    }
  }
  const zones = getPath(resource.body, 'zones');
  if (Array.isArray(zones) && zones.length >= 2) {
    return { redundancy: 'zone', reason: `zones lists ${zones.length} availability zones (the type is not in the DR catalog)` };
  }
  if (Array.isArray(zones) && zones.length === 1 && (typeof zones[0] === 'string' || typeof zones[0] === 'number')) {
    return { redundancy: 'local', detail: 'zonal', reason: `zones lists one availability zone (${String(zones[0])}): zonal, so a failure of that zone takes it down (the type is not in the DR catalog)` };
  }
  if (isUnknown(zones)) {
    // A single virtual machine, or a locally redundant disk, is in one zone or in none: local whichever it is.
    if (SINGLE_VM.test(resource.type) || suffix === 'LRS') {
      return { redundancy: 'local', reason: `zones cannot be decided statically (${zones.toString()}), but ${suffix === 'LRS' ? `a ${String(sku)} disk` : 'a virtual machine'} is in one zone or in none: local either way (the type is not in the DR catalog)` };
    }
    return { redundancy: 'unknown', reason: `zones cannot be decided statically: ${zones.toString()}` };
  }
  // A virtual machine or scale set that names no zone is regional: in one datacenter's fault domains, with no zone or
  // region to fail over to (Azure Site Recovery, which would give one, is set up on the vault, not on the VM).
  if ((zones === undefined || zones === null || (Array.isArray(zones) && zones.length === 0)) && REGIONAL_COMPUTE.test(resource.type)) {
    return { redundancy: 'local', reason: 'zones is not set: the virtual machine is regional, in one datacenter, with no copy in another zone or region (the type is not in the DR catalog)' };
  }
  // Another server with a flexible server's settings that turns geo-redundant backups off, with no zone-redundant standby:
  // everything stays in the region (flexible servers themselves, whose defaults are known, are judged above).
  if (typeof geoBackup === 'string' && geoBackup.toLowerCase() === 'disabled') {
    return { redundancy: 'local', reason: 'properties.backup.geoRedundantBackup is Disabled and no zone-redundant standby is set: the server and its backups stay in the region (the type is not in the DR catalog)' };
  }
  // Last: a locally redundant SKU (managed disks, Elastic SAN) says so only when nothing above gives more.
  if (suffix === 'LRS') return { redundancy: 'local', reason: `sku.name is ${String(sku)}: copies in one datacenter (read from the SKU; the type is not in the DR catalog)` };
  return { redundancy: 'unknown', reason: `${resource.type} is not in the DR catalog and states no zone or geo redundancy drcheck can read` };
}
