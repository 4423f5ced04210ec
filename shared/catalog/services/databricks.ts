import type { CatalogEntry } from '../types';
import { getPath, isUnknown } from '../../model/value';

/** Azure Databricks workspaces. */
const databricks: CatalogEntry = {
  id: 'databricks',
  displayName: 'Azure Databricks',
  section: 'other-key-services',
  armTypes: ['Microsoft.Databricks/workspaces', 'Microsoft.Databricks/accessConnectors'],
  terraformTypes: ['azurerm_databricks_workspace', 'azurerm_databricks_access_connector'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Customer' },
  contosoSku: 'Not stated in the article',
  uplift: [{ title: 'Follow the Azure Databricks disaster recovery guidance: a second workspace in another region, data replicated through storage', url: 'https://learn.microsoft.com/azure/databricks/administration-guide/disaster-recovery', reaches: 'geo' }],
  caveats: ['Databricks is a single-region service: disaster recovery needs a second workspace (active-passive or active-active).', 'Keep production data in Unity Catalog storage, not in the DBFS root.'],
  docs: 'https://learn.microsoft.com/azure/databricks/administration-guide/disaster-recovery',
  secondaryRegionDeployment: true,
  rule: {
    appliesTo: ['Microsoft.Databricks/workspaces'],
    evaluate(resource) {
      const dbfs = getPath(resource.body, 'properties.parameters.storageAccountSkuName.value');
      // The verdict is the workspace's, whatever the DBFS root's SKU: a single workspace is local even on GRS storage.
      if (isUnknown(dbfs)) {
        return { redundancy: 'local', reason: `a single workspace (control plane zone-redundant in AZ regions; the DBFS root storage SKU, properties.parameters.storageAccountSkuName, cannot be decided statically: ${dbfs.toString()}): no second workspace to fail over to` };
      }
      const sku = typeof dbfs === 'string' ? dbfs : 'Standard_GRS';
      return { redundancy: 'local', reason: `a single workspace (control plane zone-redundant in AZ regions; DBFS root storage ${sku}${dbfs === undefined ? ' by default' : ''}): no second workspace to fail over to` };
    },
  },
};

export default databricks;
