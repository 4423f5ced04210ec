import type { NormalisedResource } from '../../model/resource';
import type { CatalogEntry } from '../types';
import { getPath, isUnknown } from '../../model/value';
import { unknownAt, unset, ZONE_BACKUP_ONLY } from '../rules/common';

/** Azure SQL Managed Instance and instance failover groups. */
const sqlManagedInstance: CatalogEntry = {
  id: 'sql-managed-instance',
  displayName: 'Azure SQL Managed Instance',
  section: 'other-key-services',
  armTypes: ['Microsoft.Sql/managedInstances', 'Microsoft.Sql/managedInstances/databases', 'Microsoft.Sql/locations/instanceFailoverGroups'],
  terraformTypes: ['azurerm_mssql_managed_instance', 'azurerm_mssql_managed_database', 'azurerm_mssql_managed_instance_failover_group'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Customer (not stated in the article)' },
  contosoSku: 'Not stated in the article',
  uplift: [
    { title: 'Add the instance to a failover group with a partner instance in another region', url: 'https://learn.microsoft.com/azure/azure-sql/managed-instance/failover-group-sql-mi', reaches: 'geo' },
    { title: 'Azure SQL business continuity', url: 'https://learn.microsoft.com/azure/azure-sql/database/business-continuity-high-availability-disaster-recover-hadr-overview?view=azuresql', reaches: 'geo' },
  ],
  settingTypes: ['Microsoft.Sql/locations/instanceFailoverGroups'],
  caveats: ['Instance failover groups are location-scoped resources (Microsoft.Sql/locations/instanceFailoverGroups), not children of the instance.'],
  rule: {
    appliesTo: ['Microsoft.Sql/managedInstances'],
    evaluate(resource, ctx) {
      const paired = (g: NormalisedResource) => {
        const pairs = getPath(g.body, 'properties.managedInstancePairs');
        return Array.isArray(pairs) ? pairs.flatMap((p) => [getPath(p, 'primaryManagedInstanceId'), getPath(p, 'partnerManagedInstanceId')]) : [];
      };
      const group = ctx.referrers('instance-failover-group-pairs', 'Microsoft.Sql/locations/instanceFailoverGroups', paired, resource)[0];
      if (group) return { redundancy: 'geo', detail: 'geo-replica', reason: `in instance failover group ${group.name ?? group.address}: replicated to a partner instance` };
      const zone = getPath(resource.body, 'properties.zoneRedundant');
      if (isUnknown(zone)) return unknownAt('properties.zoneRedundant', zone);
      const backup = unset(getPath(resource.body, 'properties.requestedBackupStorageRedundancy')) ?? unset(getPath(resource.body, 'properties.storageAccountType'));
      if (isUnknown(backup)) return unknownAt('properties.requestedBackupStorageRedundancy', backup);
      const inRegion = zone === true ? 'zone-redundant' : 'not zone-redundant';
      if (backup === undefined || ['geo', 'grs', 'geozone', 'gzrs'].includes(String(backup).toLowerCase())) {
        // GeoZone (GZRS) is the redundancy of the backup storage, not of the instance: outside the region there is
        // still only a backup to geo-restore from, never a replica (that takes a failover group, above).
        return { redundancy: 'geo', detail: 'geo-backup', reason: `backup storage is ${backup === undefined ? 'Geo (the default)' : String(backup)}: geo-restore is possible; the instance is ${inRegion}` };
      }
      if (zone !== true && ['zone', 'zrs'].includes(String(backup).toLowerCase())) {
        return { redundancy: 'zone', reason: `backup storage is ${String(backup)}: ${ZONE_BACKUP_ONLY}; the instance itself is ${inRegion}` };
      }
      return { redundancy: zone === true ? 'zone' : 'local', reason: `backup storage is ${String(backup)}: backups stay in the region; the instance is ${inRegion}` };
    },
  },
};

export default sqlManagedInstance;
