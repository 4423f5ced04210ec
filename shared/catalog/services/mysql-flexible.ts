import type { CatalogEntry } from '../types';
import { judgeFlexibleServer } from '../rules/flexible-server';

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
    // One judgement with PostgreSQL's flexible servers: a cross-region read replica, geo-redundant backup, zone-redundant HA.
    evaluate: (resource, ctx) => judgeFlexibleServer(resource, ctx),
  },
};

export default mysqlFlexible;
