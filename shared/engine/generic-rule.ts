/**
 * The posture of resource types the catalog does not know. Azure uses a handful of conventions
 * across services (`zones`, `properties.zoneRedundant`, storage-style `*_GRS` SKUs); reading them
 * is better than reporting nothing, and everything else stays `unknown` with the reason.
 */
import type { RuleResult } from '../catalog/types';
import type { NormalisedResource } from '../model/resource';
import { getPath, isUnknown } from '../model/value';

const REGIONAL_COMPUTE = /^microsoft\.compute\/(virtualmachines|virtualmachinescalesets)$/i;

export function judgeUncatalogued(resource: NormalisedResource): RuleResult {
  const sku = getPath(resource.body, 'sku.name');
  const suffix = typeof sku === 'string' && sku.includes('_') ? sku.toUpperCase().split('_').pop() : undefined;
  if (suffix === 'GRS' || suffix === 'RAGRS' || suffix === 'GZRS' || suffix === 'RAGZRS') {
    return { redundancy: 'geo', detail: suffix.endsWith('GZRS') ? 'geo-zone' : 'geo-replica', reason: `sku.name is ${String(sku)}: geo-redundant storage (read from the SKU; the type is not in the DR catalog)` };
  }
  // Flexible database servers (PostgreSQL and others): backups copied to the paired region.
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
    return { redundancy: 'unknown', reason: `zones cannot be decided statically: ${zones.toString()}` };
  }
  // A virtual machine or scale set that names no zone is regional: in one datacenter's fault domains, with no zone or
  // region to fail over to (Azure Site Recovery, which would give one, is set up on the vault, not on the VM).
  if ((zones === undefined || zones === null || (Array.isArray(zones) && zones.length === 0)) && REGIONAL_COMPUTE.test(resource.type)) {
    return { redundancy: 'local', reason: 'zones is not set: the virtual machine is regional, in one datacenter, with no copy in another zone or region (the type is not in the DR catalog)' };
  }
  // Last: a locally redundant SKU (managed disks, Elastic SAN) says so only when nothing above gives more.
  if (suffix === 'LRS') return { redundancy: 'local', reason: `sku.name is ${String(sku)}: copies in one datacenter (read from the SKU; the type is not in the DR catalog)` };
  return { redundancy: 'unknown', reason: `${resource.type} is not in the DR catalog and states no zone or geo redundancy drcheck can read` };
}
