/**
 * Flexible database servers (Azure Database for PostgreSQL and for MySQL): one judgement for both, whichever language
 * declared them (Terraform's arguments are normalised to ARM's shape). MySQL's catalog entry uses it, and the
 * uncatalogued-type rule uses it for PostgreSQL.
 */
import type { RuleContext, RuleResult } from '../types';
import type { NormalisedResource } from '../../model/resource';
import { eqi, getPath, isUnknown, regionKey } from '../../model/value';
import { unknownAt } from './common';

/**
 * Flexible database servers. Their backup and high-availability settings have defaults, the same in ARM, Bicep and
 * Terraform (which are normalised to ARM's shape): geo-redundant backup is Disabled (`geo_redundant_backup_enabled`
 * defaults to false) and high availability is Disabled. MySQL's is in the DR catalog (mysql-flexible), whose rule
 * reads the same settings; PostgreSQL's is judged here.
 */
export const FLEXIBLE_SERVER = /^microsoft\.(dbforpostgresql|dbformysql)\/flexibleservers$/i;

/** Where a resource is, normalised; undefined when it is not a region (unknown, or `global`). */
const regionOf = (r: NormalisedResource) => {
  const loc = getPath(r.body, 'location');
  if (typeof loc !== 'string') return undefined;
  const key = regionKey(loc);
  return key === 'global' ? undefined : key;
};

/**
 * A read replica in another region: the server is one (`createMode: Replica` with its source in another region), or
 * a replica of it is declared in another region of the scan. Undefined when there is none.
 */
function crossRegionReplica(resource: NormalisedResource, ctx: RuleContext): RuleResult | undefined {
  const home = regionOf(resource);
  if (home === undefined) return undefined;
  const sourceOf = (r: NormalisedResource) => (eqi(getPath(r.body, 'properties.createMode'), 'Replica') ? ctx.resolve(getPath(r.body, 'properties.sourceServerResourceId')) : undefined);
  const source = sourceOf(resource);
  const sourceRegion = source && regionOf(source);
  if (sourceRegion !== undefined && sourceRegion !== home) {
    return { redundancy: 'geo', detail: 'geo-replica', reason: `a read replica in ${home} of ${source!.name ?? source!.address} in ${sourceRegion}: the data is replicated to another region` };
  }
  const sourceOfReplica = (r: NormalisedResource) => (eqi(getPath(r.body, 'properties.createMode'), 'Replica') ? [getPath(r.body, 'properties.sourceServerResourceId')] : []);
  for (const r of ctx.referrers('read-replica-source', resource.type, sourceOfReplica, resource)) {
    if (r === resource) continue;
    const there = regionOf(r);
    if (there !== undefined && there !== home) {
      return { redundancy: 'geo', detail: 'geo-replica', reason: `read replica ${r.name ?? r.address} in ${there}: the data is replicated to another region` };
    }
  }
  return undefined;
}

/**
 * A flexible database server (PostgreSQL, MySQL): a read replica in another region, else geo-redundant backups, else
 * a zone-redundant standby, else local. Settings left out take their defaults (see FLEXIBLE_SERVER), so a server
 * written without a `backup` block is judged as Azure creates it, in ARM and Bicep as in Terraform. A catalog rule
 * for these servers can use it as it is: its reasons do not say whether the type is in the catalog.
 */
export function judgeFlexibleServer(resource: NormalisedResource, ctx?: RuleContext): RuleResult {
  const replica = ctx && crossRegionReplica(resource, ctx);
  if (replica) return replica;
  const geoBackup = getPath(resource.body, 'properties.backup.geoRedundantBackup');
  if (isUnknown(geoBackup)) return unknownAt('properties.backup.geoRedundantBackup', geoBackup);
  if (eqi(geoBackup, 'Enabled')) {
    // In the region, a zone-redundant standby (said, it decides nothing outside the region).
    const standby = eqi(getPath(resource.body, 'properties.highAvailability.mode'), 'ZoneRedundant') ? '; in the region, a zone-redundant standby (properties.highAvailability.mode is ZoneRedundant)' : '';
    return { redundancy: 'geo', detail: 'geo-backup', reason: `properties.backup.geoRedundantBackup is Enabled: backups are copied to the paired region, to restore from${standby}` };
  }
  const haMode = getPath(resource.body, 'properties.highAvailability.mode');
  if (isUnknown(haMode)) return unknownAt('properties.highAvailability.mode', haMode);
  const backupText = geoBackup === undefined || geoBackup === null ? 'not set (Disabled by default)' : String(geoBackup);
  if (eqi(haMode, 'ZoneRedundant')) {
    return { redundancy: 'zone', reason: `properties.highAvailability.mode is ZoneRedundant: a standby in another availability zone; properties.backup.geoRedundantBackup is ${backupText}, so no copy outside the region` };
  }
  const haText = eqi(haMode, 'SameZone') ? 'the standby is in the same zone' : 'no zone-redundant standby is set';
  // Pinned to one availability zone: ARM's `properties.availabilityZone`; Terraform's `zone` is also mapped to `zones`.
  for (const path of ['zones', 'properties.availabilityZone']) {
    const zone = getPath(resource.body, path);
    if (isUnknown(zone)) return unknownAt(path, zone);
    const one = Array.isArray(zone) ? (zone.length === 1 ? zone[0] : undefined) : zone;
    if ((typeof one === 'string' && one !== '') || typeof one === 'number') {
      const where = path === 'zones' ? `zones lists one availability zone (${String(one)})` : `properties.availabilityZone is ${String(one)}`;
      return { redundancy: 'local', detail: 'zonal', reason: `${where}: zonal, so a failure of that zone takes it down; ${haText} and properties.backup.geoRedundantBackup is ${backupText}, so no copy outside the region` };
    }
  }
  return { redundancy: 'local', reason: `properties.backup.geoRedundantBackup is ${backupText} and ${haText}: the server and its backups stay in the region` };
}
