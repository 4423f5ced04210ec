import type { CatalogEntry } from '../types';
import { getPath, isUnknown } from '../../model/value';

/**
 * Storage accounts, including Data Lake Storage Gen2 (hierarchical namespace).
 * Article: stateful data-platform service; Contoso runs its Data Lake on LRS.
 */
const SKU_LEVELS: Record<string, { redundancy: 'local' | 'zone' | 'geo'; detail?: 'geo-replica' | 'geo-zone'; words: string }> = {
  lrs: { redundancy: 'local', words: 'three copies in one datacenter' },
  zrs: { redundancy: 'zone', words: 'copies across three availability zones in one region' },
  grs: { redundancy: 'geo', detail: 'geo-replica', words: 'copies replicated to the paired region' },
  ragrs: { redundancy: 'geo', detail: 'geo-replica', words: 'copies replicated to the paired region, readable there' },
  gzrs: { redundancy: 'geo', detail: 'geo-zone', words: 'zone-redundant in the region and replicated to the paired region' },
  ragzrs: { redundancy: 'geo', detail: 'geo-zone', words: 'zone-redundant in the region and replicated to the paired region, readable there' },
};

const storageAccount: CatalogEntry = {
  id: 'storage-account',
  displayName: 'Storage account / Data Lake Storage Gen2',
  section: 'stateful-data-platform',
  armTypes: [
    'Microsoft.Storage/storageAccounts',
    'Microsoft.Storage/storageAccounts/blobServices',
    'Microsoft.Storage/storageAccounts/blobServices/containers',
    'Microsoft.Storage/storageAccounts/fileServices',
    'Microsoft.Storage/storageAccounts/fileServices/shares',
    'Microsoft.Storage/storageAccounts/queueServices',
    'Microsoft.Storage/storageAccounts/tableServices',
    'Microsoft.Storage/storageAccounts/managementPolicies',
    'Microsoft.Storage/storageAccounts/objectReplicationPolicies',
  ],
  terraformTypes: ['azurerm_storage_account', 'azurerm_storage_container', 'azurerm_storage_data_lake_gen2_filesystem', 'azurerm_storage_share', 'azurerm_storage_management_policy', 'azurerm_storage_object_replication'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Customer' },
  contosoSku: 'LRS',
  uplift: [
    {
      title: 'Choose a redundancy option that copies data to a secondary region (GRS recommended, GZRS for zone redundancy too)',
      url: 'https://learn.microsoft.com/azure/storage/common/storage-redundancy',
      reaches: 'geo',
    },
  ],
  caveats: [
    'GRS is recommended to uplift redundancy, providing a copy of the data in the paired region.',
    'Replication to the secondary region is asynchronous; after a failover the account is LRS in the new primary until geo-redundancy is configured again.',
  ],
  docs: 'https://learn.microsoft.com/azure/storage/common/storage-disaster-recovery-guidance',
  rule: {
    appliesTo: ['Microsoft.Storage/storageAccounts'],
    evaluate(resource) {
      const sku = getPath(resource.body, 'sku.name');
      if (isUnknown(sku)) {
        return { redundancy: 'unknown', reason: `sku.name cannot be decided statically: ${sku.toString()}` };
      }
      if (typeof sku !== 'string') {
        return { redundancy: 'unknown', reason: 'sku.name is not set; a storage account needs a SKU' };
      }
      const suffix = sku.slice(sku.lastIndexOf('_') + 1).toLowerCase();
      const level = SKU_LEVELS[suffix];
      if (!level) return { redundancy: 'unknown', reason: `sku.name ${sku} is not a known storage redundancy option` };
      return { redundancy: level.redundancy, detail: level.detail, reason: `sku.name is ${sku}: ${level.words}` };
    },
  },
};

export default storageAccount;
