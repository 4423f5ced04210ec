import type { CatalogEntry } from '../types';
import { getPath, isUnknown, eqi } from '../../model/value';
import { geoBackupPolicyState, unknownAt } from '../rules/common';

const CAF = 'https://learn.microsoft.com/azure/cloud-adoption-framework/migrate/azure-best-practices/analytics/azure-synapse';

/** Azure Synapse dedicated SQL pools (the serverless pool is built into every workspace). */
const synapseSqlPools: CatalogEntry = {
  id: 'synapse-sql-pools',
  displayName: 'Azure Synapse: Serverless and Dedicated SQL pools',
  section: 'stateless-data-platform',
  armTypes: ['Microsoft.Synapse/workspaces/sqlPools', 'Microsoft.Synapse/workspaces/sqlPools/geoBackupPolicies'],
  terraformTypes: ['azurerm_synapse_sql_pool'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Customer' },
  contosoSku: 'Computed Optimized Gen2',
  uplift: [
    // Actionable options first (a failing pool is LRS or has geo-backups off): storage type and geo-backup policy
    // (https://learn.microsoft.com/azure/synapse-analytics/sql-data-warehouse/backup-and-restore#geo-backups-and-disaster-recovery);
    // storageAccountType is set at creation (azurerm: ForceNew), so an LRS pool is restored into a new GRS one.
    { title: 'Keep geo-backups: create the dedicated SQL pool with storageAccountType GRS (set at creation: restore an LRS pool into a new GRS pool) and its geoBackupPolicies state Enabled, for a daily geo-backup to the paired region', url: 'https://learn.microsoft.com/azure/synapse-analytics/sql-data-warehouse/backup-and-restore#geo-backups-and-disaster-recovery', reaches: 'geo' },
    { title: 'Keep a copy in the secondary region: restore a restore point or the geo-backup into a pool there (then pause it, paying for storage only)', url: 'https://learn.microsoft.com/azure/synapse-analytics/sql-data-warehouse/sql-data-warehouse-restore-from-geo-backup' },
    { title: 'N/A, Synapse resiliency is part of its SaaS offering (keep geo-backups enabled on GRS storage)', url: `${CAF}#disaster-recovery` },
  ],
  caveats: [
    'Azure Synapse Analytics automatically takes snapshots throughout the day to create restore points that are available for seven days.',
    'Azure Synapse Analytics performs a standard geo-backup once per day to a paired data center. The RPO for a geo-restore is 24 hours.',
    "If self-hosted data pipelines are used, they remain the customer's responsibility for recovery from a disaster.",
    'The article lists SQL pools among the stateless services; drcheck treats dedicated pools as stateful because they hold data that must be restored.',
  ],
  docs: `${CAF}#database-restore-points`,
  rule: {
    appliesTo: ['Microsoft.Synapse/workspaces/sqlPools'],
    evaluate(resource, ctx) {
      const storage = getPath(resource.body, 'properties.storageAccountType');
      if (isUnknown(storage)) return unknownAt('properties.storageAccountType', storage);
      const state = geoBackupPolicyState(resource, ctx, 'Microsoft.Synapse/workspaces/sqlPools/geoBackupPolicies');
      if (isUnknown(state)) return unknownAt('geoBackupPolicies properties.state', state);
      if (eqi(storage, 'LRS')) return { redundancy: 'local', reason: 'properties.storageAccountType is LRS: no geo-backups, the data stays in the region' };
      if (eqi(state, 'Disabled')) return { redundancy: 'local', reason: 'the geo-backup policy is Disabled: no copy in the paired region' };
      return { redundancy: 'geo', detail: 'geo-backup', reason: `${storage === undefined ? 'storage is GRS by default' : `properties.storageAccountType is ${String(storage)}`}: a daily geo-backup to the paired region (geo-restore RPO 24 hours)` };
    },
  },
};

export default synapseSqlPools;
