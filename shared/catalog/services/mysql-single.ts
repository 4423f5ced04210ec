import type { CatalogEntry } from '../types';
import { getPath, isUnknown, eqi } from '../../model/value';
import { unknownAt } from '../rules/common';

/** Azure Database for MySQL single server (retired 2024-09-16). */
const mysqlSingle: CatalogEntry = {
  id: 'mysql-single',
  displayName: 'Azure Database for MySQL single server',
  section: 'other-key-services',
  armTypes: ['Microsoft.DBforMySQL/servers', 'Microsoft.DBforMySQL/servers/databases'],
  terraformTypes: ['azurerm_mysql_server', 'azurerm_mysql_database'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Customer (not stated in the article)' },
  contosoSku: 'Not stated in the article',
  uplift: [{ title: 'Enable geo-redundant backup for geo-restore (single server business continuity)', url: 'https://learn.microsoft.com/azure/mysql/single-server/concepts-business-continuity', reaches: 'geo' }],
  caveats: ['Single server was retired on 2024-09-16: migrate to flexible server.'],
  rule: {
    appliesTo: ['Microsoft.DBforMySQL/servers'],
    evaluate(resource) {
      const geo = getPath(resource.body, 'properties.storageProfile.geoRedundantBackup');
      if (isUnknown(geo)) return unknownAt('properties.storageProfile.geoRedundantBackup', geo);
      if (eqi(geo, 'Enabled')) return { redundancy: 'geo', detail: 'geo-backup', reason: 'properties.storageProfile.geoRedundantBackup is Enabled: backups are restorable in the paired region' };
      return { redundancy: 'local', reason: `geo-redundant backup is ${geo === undefined ? 'not set (Disabled)' : 'Disabled'}: backups stay in the region` };
    },
  },
};

export default mysqlSingle;
