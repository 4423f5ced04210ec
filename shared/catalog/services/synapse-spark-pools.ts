import type { CatalogEntry } from '../types';

/** Azure Synapse Apache Spark pools. */
const synapseSparkPools: CatalogEntry = {
  id: 'synapse-spark-pools',
  displayName: 'Azure Synapse: Spark pools',
  section: 'stateless-data-platform',
  armTypes: ['Microsoft.Synapse/workspaces/bigDataPools'],
  terraformTypes: ['azurerm_synapse_spark_pool'],
  stateful: false,
  responsibility: { component: 'Microsoft', workload: 'Customer' },
  contosoSku: 'Computed Optimized, Small (4 cores)',
  uplift: [{ title: 'N/A, Synapse resiliency is part of its SaaS offering', url: 'https://learn.microsoft.com/azure/synapse-analytics/sql-data-warehouse/backup-and-restore?source=recommendations#geo-backups-and-disaster-recovery', reaches: 'managed' }],
  caveats: ["As of Mar 2023, Azure Synapse Analytics only supports disaster recovery for dedicated SQL pools and doesn't support it for Apache Spark pools.", 'An external Hive metastore needs its own DR.'],
  rule: {
    appliesTo: ['Microsoft.Synapse/workspaces/bigDataPools'],
    evaluate() {
      return { redundancy: 'local', reason: 'Spark pools have no disaster recovery: the pool is redeployed from source control, its data lives in the data lake' };
    },
  },
};

export default synapseSparkPools;
