import type { CatalogEntry } from '../types';

/** Azure Data Share accounts. */
const dataShare: CatalogEntry = {
  id: 'data-share',
  displayName: 'Azure Data Share',
  section: 'stateful-data-platform',
  armTypes: ['Microsoft.DataShare/accounts', 'Microsoft.DataShare/accounts/shares', 'Microsoft.DataShare/accounts/shares/dataSets', 'Microsoft.DataShare/accounts/shareSubscriptions'],
  terraformTypes: ['azurerm_data_share_account', 'azurerm_data_share', 'azurerm_data_share_dataset_blob_storage', 'azurerm_data_share_dataset_data_lake_gen2', 'azurerm_data_share_dataset_kusto_cluster', 'azurerm_data_share_dataset_kusto_database'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Microsoft' },
  contosoSku: 'N/A',
  uplift: [{ title: "Uplift Azure Data Share's resiliency with an HA deployment into a secondary region", url: 'https://learn.microsoft.com/azure/data-share/disaster-recovery#achieving-business-continuity-for-azure-data-share', reaches: 'geo' }],
  caveats: ['Data Share does not support availability zones; an HA deployment into a secondary region covers datacenter, zone and region failures.'],
  secondaryRegionDeployment: true,
  rule: {
    appliesTo: ['Microsoft.DataShare/accounts'],
    evaluate() {
      return { redundancy: 'local', reason: 'a single Data Share account: shares and subscriptions exist in one region only' };
    },
  },
};

export default dataShare;
