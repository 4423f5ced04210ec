/**
 * The posture of resource types the catalog does not know. Azure uses a handful of conventions
 * across services (`zones`, `properties.zoneRedundant`, storage-style `*_GRS` SKUs); reading them
 * is better than reporting nothing, and everything else stays `unknown` with the reason.
 */
import type { RuleResult } from '../catalog/types';
import type { NormalisedResource } from '../model/resource';
import { getPath, isUnknown } from '../model/value';

export function judgeUncatalogued(resource: NormalisedResource): RuleResult {
  const sku = getPath(resource.body, 'sku.name');
  if (typeof sku === 'string') {
    const suffix = sku.toUpperCase().split('_').pop();
    if (suffix === 'GRS' || suffix === 'RAGRS' || suffix === 'GZRS' || suffix === 'RAGZRS') {
      return { redundancy: 'geo', detail: suffix.endsWith('GZRS') ? 'geo-zone' : 'geo-replica', reason: `sku.name is ${sku}: geo-redundant storage (read from the SKU; the type is not in the DR catalog)` };
    }
  }
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
  return { redundancy: 'unknown', reason: `${resource.type} is not in the DR catalog and states no zone or geo redundancy drcheck can read` };
}
