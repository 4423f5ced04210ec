import type { CatalogEntry, RuleContext, RuleResult } from '../types';
import type { NormalisedResource } from '../../model/resource';
import { getPath, isUnknown, eqi, regionKey, type Value } from '../../model/value';
import { geoBackupPolicyState, unknownAt, unset, ZONE_BACKUP_ONLY } from '../rules/common';

const BCDR = 'https://learn.microsoft.com/azure/azure-sql/database/business-continuity-high-availability-disaster-recover-hadr-overview?view=azuresql';

/** The failover group that lists the database (by resource id, Terraform address or name), if any. */
function failoverGroupOf(db: NormalisedResource, ctx: RuleContext): NormalisedResource | undefined {
  const listed = (group: NormalisedResource) => {
    const dbs = getPath(group.body, 'properties.databases');
    return Array.isArray(dbs) ? dbs : [];
  };
  return ctx.referrers('failover-group-databases', 'Microsoft.Sql/servers/failoverGroups', listed, db, 'Microsoft.Sql/servers/databases')[0];
}

/**
 * The zone redundancy of a database: a database in an elastic pool has the pool's (an elastic pool's `zoneRedundant`
 * spreads the replicas of the pool, and so of every database in it, across availability zones:
 * https://learn.microsoft.com/azure/azure-sql/database/elastic-pool-overview,
 * https://learn.microsoft.com/azure/azure-sql/database/high-availability-sla,
 * https://learn.microsoft.com/azure/azure-sql/database/enable-zone-redundancy). A pool the scan does not
 * hold, or a pool id only known at deployment, leaves the database's own setting (as before pools were read).
 */
function zoneOf(db: NormalisedResource, ctx: RuleContext): { zone: Value | undefined; where: string; pool?: string } {
  const poolId = getPath(db.body, 'properties.elasticPoolId');
  const pool = poolId === undefined || poolId === null ? undefined : ctx.resolve(poolId, 'Microsoft.Sql/servers/elasticPools');
  if (pool) return { zone: getPath(pool.body, 'properties.zoneRedundant'), where: `elastic pool ${pool.name ?? pool.address} properties.zoneRedundant`, pool: pool.name ?? pool.address };
  return { zone: getPath(db.body, 'properties.zoneRedundant'), where: 'properties.zoneRedundant' };
}

const DATABASES = 'Microsoft.Sql/servers/databases';

/** Whether a database is created as an active geo-replication secondary (`Secondary`; `OnlineSecondary` and `NonReadableSecondary` in older API versions and azurerm 3.x). */
const isSecondary = (mode: Value | undefined) => eqi(mode, 'Secondary') || eqi(mode, 'OnlineSecondary') || eqi(mode, 'NonReadableSecondary');

/** The databases created as secondaries of `db` (`createMode: Secondary`, `sourceDatabaseId` naming it). */
function secondariesOf(db: NormalisedResource, ctx: RuleContext): readonly NormalisedResource[] {
  const source = (d: NormalisedResource) => (isSecondary(getPath(d.body, 'properties.createMode')) ? [getPath(d.body, 'properties.sourceDatabaseId')] : []);
  return ctx.referrers('sql-geo-secondary-source', DATABASES, source, db, DATABASES);
}

/** A database's region: its own `location`, else its server's (azurerm databases take the server's). */
function regionOf(db: NormalisedResource, ctx: RuleContext): string | undefined {
  const own = getPath(db.body, 'location');
  if (own !== undefined) return typeof own === 'string' ? own : undefined;
  const server = ctx.parent(db);
  const loc = server && getPath(server.body, 'location');
  return typeof loc === 'string' ? loc : undefined;
}

/**
 * A database another one in the scan is created as a secondary of (`createMode: Secondary`, `sourceDatabaseId` naming
 * it; Terraform `create_mode = "Secondary"`, `creation_source_database_id`) is continuously replicated to that secondary
 * (https://learn.microsoft.com/azure/azure-sql/database/active-geo-replication-overview): `geo` when the secondary is in
 * another region; otherwise a note for the reason, and the verdict its own settings give.
 */
function geoSecondary(db: NormalisedResource, ctx: RuleContext): { result?: RuleResult; note: string } {
  let note = '';
  for (const secondary of secondariesOf(db, ctx)) {
    if (secondary === db) continue;
    const named = secondary.name ?? secondary.address;
    const there = regionOf(secondary, ctx);
    const here = regionOf(db, ctx);
    if (there !== undefined && here !== undefined && regionKey(there) !== regionKey(here)) {
      return { result: { redundancy: 'geo', detail: 'geo-replica', reason: `active geo-replication: database ${named} is its secondary in ${there}, another region than its own (${here})` }, note };
    }
    note ||= there !== undefined && here !== undefined ? `; its geo-replication secondary ${named} is in the same region (${there}), so it gives no copy in another region` : `; its geo-replication secondary ${named} is in a region that cannot be decided statically, so it is not counted as a copy in another region`;
  }
  return { note };
}

/**
 * A database created as a secondary (`createMode: Secondary`): `geo` unless its primary is in the scan in the same
 * region, or it is a Hyperscale named replica (`secondaryType: Named`), which serves reads beside its primary; then a
 * note, and the verdict its own settings give.
 */
function secondaryPlace(db: NormalisedResource, ctx: RuleContext): { result?: RuleResult; note: string } {
  if (eqi(getPath(db.body, 'properties.secondaryType'), 'Named')) return { note: '; it is a named replica (secondaryType Named) of its source database, in the same region, not a copy in another region' };
  const primary = ctx.resolve(getPath(db.body, 'properties.sourceDatabaseId'), DATABASES);
  const there = primary && regionOf(primary, ctx);
  const here = regionOf(db, ctx);
  if (primary && there !== undefined && here !== undefined && regionKey(there) === regionKey(here)) {
    return { note: `; it is a geo-replication secondary of ${primary.name ?? primary.address}, in the same region (${here}), so not a copy in another region` };
  }
  const of = primary ? (there !== undefined && here !== undefined ? `, in ${here}, of ${primary.name ?? primary.address} in ${there}` : ` of ${primary.name ?? primary.address}`) : '';
  return { result: { redundancy: 'geo', detail: 'geo-replica', reason: `properties.createMode is Secondary: an active geo-replication secondary${of}` }, note: '' };
}

/**
 * For a database in a failover group whose partner servers the scan places all in the database's own region: a note saying
 * so, since the group then keeps no copy in another region. Undefined when a partner is in another region, or a region
 * cannot be told (the group's replication is counted then, as it was designed for another region).
 */
function samePartnerRegion(db: NormalisedResource, group: NormalisedResource, ctx: RuleContext): string | undefined {
  const here = regionOf(db, ctx);
  const partners = getPath(group.body, 'properties.partnerServers');
  if (here === undefined || !Array.isArray(partners) || partners.length === 0) return undefined;
  const servers: NormalisedResource[] = [];
  for (const p of partners) {
    const server = ctx.resolve(getPath(p, 'id'), 'Microsoft.Sql/servers', group);
    const there = server && getPath(server.body, 'location');
    if (typeof there !== 'string' || regionKey(there) !== regionKey(here)) return undefined;
    servers.push(server!);
  }
  const named = servers.map((server) => server.name ?? server.address).join(', ');
  return `; its failover group ${group.name ?? group.address} pairs it with ${servers.length === 1 ? 'server' : 'servers'} ${named} in the same region (${here}), so it gives no copy in another region`;
}

/** A standalone dedicated SQL pool (formerly SQL Data Warehouse): a `DW…c` SKU or the DataWarehouse tier or edition. */
const isDataWarehouse = (db: NormalisedResource): boolean =>
  /^DW\d/i.test(String(getPath(db.body, 'sku.name') ?? '')) || eqi(getPath(db.body, 'sku.tier'), 'DataWarehouse') || eqi(getPath(db.body, 'properties.edition'), 'DataWarehouse');

/** Azure SQL Database: databases, elastic pools, failover groups. */
const sqlDatabase: CatalogEntry = {
  id: 'sql-database',
  displayName: 'Azure SQL Database',
  section: 'other-key-services',
  armTypes: ['Microsoft.Sql/servers', 'Microsoft.Sql/servers/databases', 'Microsoft.Sql/servers/elasticPools', 'Microsoft.Sql/servers/failoverGroups', 'Microsoft.Sql/servers/firewallRules', 'Microsoft.Sql/servers/databases/backupShortTermRetentionPolicies', 'Microsoft.Sql/servers/databases/backupLongTermRetentionPolicies'],
  // azurerm_sql_server, azurerm_sql_database, azurerm_sql_elasticpool and azurerm_sql_failover_group: the azurerm 3.x
  // types (removed in 4.0) that CAF modules still use.
  terraformTypes: ['azurerm_mssql_server', 'azurerm_sql_server', 'azurerm_mssql_database', 'azurerm_sql_database', 'azurerm_mssql_elasticpool', 'azurerm_sql_elasticpool', 'azurerm_mssql_failover_group', 'azurerm_sql_failover_group', 'azurerm_mssql_firewall_rule'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Customer (not stated in the article)' },
  contosoSku: 'Not stated in the article',
  uplift: [
    { title: 'Add the database to a failover group for automatic cross-region failover', url: 'https://learn.microsoft.com/azure/azure-sql/database/failover-group-sql-db', reaches: 'geo' },
    { title: 'Azure SQL business continuity: geo-redundant backup storage, active geo-replication, zone redundancy', url: BCDR, reaches: 'geo' },
  ],
  caveats: ['SQL databases need a backup strategy of their own: keep backup storage geo-redundant (Geo or GeoZone) to geo-restore in another region.'],
  docs: BCDR,
  rule: {
    appliesTo: ['Microsoft.Sql/servers/databases', 'Microsoft.Sql/servers/elasticPools', 'Microsoft.Sql/servers'],
    evaluate(resource, ctx) {
      const t = resource.type.toLowerCase();
      if (t === 'microsoft.sql/servers') return { redundancy: 'managed', reason: 'a logical server holds no data itself; its databases are judged one by one' };
      if (t === 'microsoft.sql/servers/elasticpools') {
        // A pool is shared compute and storage for its databases, not a store of its own: like the server, it holds no data
        // to recover. Its zone redundancy is its databases', judged on each of them.
        const poolZone = getPath(resource.body, 'properties.zoneRedundant');
        const setting = isUnknown(poolZone) ? `cannot be decided statically (${poolZone.toString()})` : poolZone === true ? 'is true' : poolZone === false ? 'is false' : 'is not set';
        return { redundancy: 'managed', reason: `an elastic pool holds no data itself; the databases in it are judged one by one, with its zone redundancy (properties.zoneRedundant ${setting})` };
      }
      const { zone, where, pool } = zoneOf(resource, ctx);
      // A zone redundancy only known at deployment decides nothing a copy outside the region already decides.
      const inRegion = isUnknown(zone)
        ? `${pool ? `the database is in elastic pool ${pool}, whose` : "the database's"} zone redundancy cannot be decided statically (${zone.toString()})`
        : pool
          ? zone === true
            ? `the database is zone-redundant, as its elastic pool ${pool} is`
            : `the database is not zone-redundant, as its elastic pool ${pool} is not`
          : zone === true
            ? 'the database is zone-redundant'
            : 'the database is not zone-redundant';
      const name = (resource.name ?? '').split('/').pop()!.toLowerCase();
      if (name === 'master') return { redundancy: 'managed', reason: 'the master database is managed by the service' };
      const group = failoverGroupOf(resource, ctx);
      const groupNote = group ? samePartnerRegion(resource, group, ctx) : undefined;
      if (group && groupNote === undefined) return { redundancy: 'geo', detail: 'geo-replica', reason: `in failover group ${group.name ?? group.address}: continuously replicated to the partner server` };
      const mode = getPath(resource.body, 'properties.createMode');
      const asSecondary = isSecondary(mode) ? secondaryPlace(resource, ctx) : undefined;
      if (asSecondary?.result) return asSecondary.result;
      const replicated = geoSecondary(resource, ctx);
      if (asSecondary) replicated.note = asSecondary.note + replicated.note;
      if (groupNote) replicated.note = groupNote + replicated.note;
      if (replicated.result) return replicated.result;
      // A standalone dedicated SQL pool (formerly SQL DW, a DW SKU) keeps its geo-backup only while its policy is enabled.
      if (isDataWarehouse(resource)) {
        const state = geoBackupPolicyState(resource, ctx, 'Microsoft.Sql/servers/databases/geoBackupPolicies');
        if (isUnknown(state)) return unknownAt('geoBackupPolicies properties.state', state);
        if (eqi(state, 'Disabled')) return { redundancy: 'local', reason: `the dedicated SQL pool's geo-backup policy is Disabled: no copy in the paired region; ${inRegion}${replicated.note}` };
      }
      // The legacy property (`storageAccountType`: GRS, LRS, ZRS, GZRS) where the current one is not set: the reason names the one written.
      // An empty or null one (a module's `param requestedBackupStorageRedundancy string = ''`) requests nothing: the default.
      const current = unset(getPath(resource.body, 'properties.requestedBackupStorageRedundancy'));
      const legacy = unset(getPath(resource.body, 'properties.storageAccountType'));
      const backupAt = current === undefined && legacy !== undefined ? 'properties.storageAccountType' : 'properties.requestedBackupStorageRedundancy';
      const backup = current ?? legacy;
      if (isUnknown(backup)) return unknownAt(backupAt, backup);
      if (backup === undefined || eqi(backup, 'Geo') || eqi(backup, 'GRS') || eqi(backup, 'GeoZone') || eqi(backup, 'GZRS')) {
        // GeoZone is the redundancy of the backup storage: outside the region there is still only a backup to restore.
        return { redundancy: 'geo', detail: 'geo-backup', reason: `backup storage is ${backup === undefined ? 'Geo (the default)' : String(backup)}: geo-restore to another region is possible; ${inRegion}${replicated.note}` };
      }
      const zoneBackup = eqi(backup, 'Zone') || eqi(backup, 'ZRS');
      if (isUnknown(zone) && !zoneBackup) return unknownAt(where, zone);
      if (zone !== true && zoneBackup) {
        const itself = isUnknown(zone) ? inRegion : inRegion.replace(/^the database is not/, 'the database itself is not');
        return { redundancy: 'zone', reason: `${backupAt} is ${String(backup)}: ${ZONE_BACKUP_ONLY}; ${itself}${replicated.note}` };
      }
      return { redundancy: zone === true ? 'zone' : 'local', reason: `${backupAt} is ${String(backup)}: backups stay in the region; ${inRegion}${replicated.note}` };
    },
  },
};

export default sqlDatabase;
