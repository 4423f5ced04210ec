import type { CatalogEntry, RuleContext } from '../types';
import type { NormalisedResource } from '../../model/resource';
import { getPath, isUnknown, eqi, type Value } from '../../model/value';
import { unknownAt } from '../rules/common';

const BCDR = 'https://learn.microsoft.com/azure/azure-sql/database/business-continuity-high-availability-disaster-recover-hadr-overview?view=azuresql';

/** Whether a failover group lists the database: by resource id, Terraform address or name. */
function listsDatabase(group: NormalisedResource, db: NormalisedResource, ctx: RuleContext): boolean {
  const dbs = getPath(group.body, 'properties.databases');
  if (!Array.isArray(dbs)) return false;
  return dbs.some((d: Value) => ctx.resolve(d, 'Microsoft.Sql/servers/databases') === db);
}

/** Azure SQL Database: databases, elastic pools, failover groups. */
const sqlDatabase: CatalogEntry = {
  id: 'sql-database',
  displayName: 'Azure SQL Database',
  section: 'other-key-services',
  armTypes: ['Microsoft.Sql/servers', 'Microsoft.Sql/servers/databases', 'Microsoft.Sql/servers/elasticPools', 'Microsoft.Sql/servers/failoverGroups', 'Microsoft.Sql/servers/firewallRules', 'Microsoft.Sql/servers/databases/backupShortTermRetentionPolicies', 'Microsoft.Sql/servers/databases/backupLongTermRetentionPolicies'],
  terraformTypes: ['azurerm_mssql_server', 'azurerm_mssql_database', 'azurerm_mssql_elasticpool', 'azurerm_mssql_failover_group', 'azurerm_mssql_firewall_rule'],
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
      const zone = getPath(resource.body, 'properties.zoneRedundant');
      if (isUnknown(zone)) return unknownAt('properties.zoneRedundant', zone);
      const inRegion = zone === true ? 'zone-redundant' : 'not zone-redundant';
      if (t === 'microsoft.sql/servers/elasticpools') return { redundancy: zone === true ? 'zone' : 'local', reason: `properties.zoneRedundant is ${zone === true ? 'true' : 'not set'}: the pool is ${inRegion}` };
      const name = (resource.name ?? '').split('/').pop()!.toLowerCase();
      if (name === 'master') return { redundancy: 'managed', reason: 'the master database is managed by the service' };
      const group = ctx.resources.find((r) => r.type.toLowerCase() === 'microsoft.sql/servers/failovergroups' && listsDatabase(r, resource, ctx));
      if (group) return { redundancy: 'geo', detail: 'geo-replica', reason: `in failover group ${group.name ?? group.address}: continuously replicated to the partner server` };
      const mode = getPath(resource.body, 'properties.createMode');
      if (eqi(mode, 'Secondary') || eqi(mode, 'OnlineSecondary')) return { redundancy: 'geo', detail: 'geo-replica', reason: 'properties.createMode is Secondary: an active geo-replication secondary' };
      const backup = getPath(resource.body, 'properties.requestedBackupStorageRedundancy') ?? getPath(resource.body, 'properties.storageAccountType');
      if (isUnknown(backup)) return unknownAt('properties.requestedBackupStorageRedundancy', backup);
      if (backup === undefined || eqi(backup, 'Geo') || eqi(backup, 'GRS') || eqi(backup, 'GeoZone') || eqi(backup, 'GZRS')) {
        // GeoZone is the redundancy of the backup storage: outside the region there is still only a backup to restore.
        return { redundancy: 'geo', detail: 'geo-backup', reason: `backup storage is ${backup === undefined ? 'Geo (the default)' : String(backup)}: geo-restore to another region is possible; the database is ${inRegion}` };
      }
      return { redundancy: zone === true || eqi(backup, 'Zone') ? 'zone' : 'local', reason: `properties.requestedBackupStorageRedundancy is ${String(backup)}: backups stay in the region; the database is ${inRegion}` };
    },
  },
};

export default sqlDatabase;
