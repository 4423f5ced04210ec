import type { CatalogEntry } from '../types';

/** Microsoft Purview accounts. */
const purview: CatalogEntry = {
  id: 'purview',
  displayName: 'Microsoft Purview',
  section: 'stateful-data-platform',
  armTypes: ['Microsoft.Purview/accounts'],
  terraformTypes: ['azurerm_purview_account'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Customer' },
  contosoSku: 'N/A',
  uplift: [{ title: 'N/A: back up and restore the catalog yourself, into a second account in another region', url: 'https://learn.microsoft.com/azure/purview/disaster-recovery#achieve-business-continuity-for-azure-purview', reaches: 'geo' }],
  caveats: [
    "As at Mar 2023, Microsoft Purview doesn't support automated BCDR: the customer is responsible for all backup and restore activities.",
    'A primary and a secondary account cannot both connect to the same Data Factory, Data Share or Synapse workspace, so lineage is not visible in the secondary.',
  ],
  secondaryRegionDeployment: true,
  rule: {
    appliesTo: ['Microsoft.Purview/accounts'],
    evaluate() {
      return { redundancy: 'local', reason: 'a single Purview account: there is no automated BCDR, the catalog exists in one region only' };
    },
  },
};

export default purview;
