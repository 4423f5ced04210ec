import type { CatalogEntry } from '../types';
import { getPath, isUnknown, eqi } from '../../model/value';
import { unknownAt } from '../rules/common';

/** Azure Database for MySQL flexible server. */
const mysqlFlexible: CatalogEntry = {
  id: 'mysql-flexible',
  displayName: 'Azure Database for MySQL flexible server',
  section: 'other-key-services',
  armTypes: ['Microsoft.DBforMySQL/flexibleServers', 'Microsoft.DBforMySQL/flexibleServers/databases', 'Microsoft.DBforMySQL/flexibleServers/configurations', 'Microsoft.DBforMySQL/flexibleServers/firewallRules'],
  terraformTypes: ['azurerm_mysql_flexible_server', 'azurerm_mysql_flexible_database', 'azurerm_mysql_flexible_server_configuration', 'azurerm_mysql_flexible_server_firewall_rule'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Customer (not stated in the article)' },
  contosoSku: 'Not stated in the article',
  uplift: [
    { title: 'Enable geo-redundant backup (at server creation) for geo-restore, or add a cross-region read replica', url: 'https://learn.microsoft.com/azure/mysql/flexible-server/concepts-business-continuity', reaches: 'geo' },
    { title: 'Enable zone-redundant high availability', url: 'https://learn.microsoft.com/azure/mysql/flexible-server/concepts-high-availability', reaches: 'zone' },
  ],
  caveats: ['Geo-redundant backup can only be chosen when the server is created.'],
  rule: {
    appliesTo: ['Microsoft.DBforMySQL/flexibleServers'],
    evaluate(resource, ctx) {
      const mode = getPath(resource.body, 'properties.createMode');
      const source = getPath(resource.body, 'properties.sourceServerResourceId');
      if (eqi(mode, 'Replica')) {
        const primary = ctx.resolve(source);
        const here = getPath(resource.body, 'location');
        const there = primary ? getPath(primary.body, 'location') : undefined;
        if (typeof here === 'string' && typeof there === 'string' && here.toLowerCase() !== there.toLowerCase()) return { redundancy: 'geo', detail: 'geo-replica', reason: `a cross-region read replica of ${primary!.name ?? primary!.address} (${there} → ${here})` };
      }
      const replica = ctx.ofType('Microsoft.DBforMySQL/flexibleServers').find((r) => r !== resource && eqi(getPath(r.body, 'properties.createMode'), 'Replica') && ctx.refersTo(getPath(r.body, 'properties.sourceServerResourceId'), resource));
      const geoBackup = getPath(resource.body, 'properties.backup.geoRedundantBackup');
      if (isUnknown(geoBackup)) return unknownAt('properties.backup.geoRedundantBackup', geoBackup);
      const ha = getPath(resource.body, 'properties.highAvailability.mode');
      if (isUnknown(ha)) return unknownAt('properties.highAvailability.mode', ha);
      const haText = eqi(ha, 'ZoneRedundant') ? 'zone-redundant HA' : eqi(ha, 'SameZone') ? 'same-zone HA' : 'no HA';
      if (replica) {
        const rl = getPath(replica.body, 'location');
        const ml = getPath(resource.body, 'location');
        if (typeof rl === 'string' && typeof ml === 'string' && rl.toLowerCase() !== ml.toLowerCase()) return { redundancy: 'geo', detail: 'geo-replica', reason: `read replica ${replica.name ?? replica.address} in ${rl} (${haText} in the primary region)` };
      }
      if (eqi(geoBackup, 'Enabled')) return { redundancy: 'geo', detail: 'geo-backup', reason: `properties.backup.geoRedundantBackup is Enabled: backups are restorable in the paired region (${haText})` };
      if (eqi(ha, 'ZoneRedundant')) return { redundancy: 'zone', reason: 'properties.highAvailability.mode is ZoneRedundant and geo-redundant backup is off: no copy outside the region' };
      return { redundancy: 'local', reason: `${haText} and geo-redundant backup ${geoBackup === undefined ? 'not set (Disabled)' : 'Disabled'}: backups stay in the region` };
    },
  },
};

export default mysqlFlexible;
