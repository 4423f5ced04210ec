import type { CatalogEntry } from '../types';

/** Azure Synapse Data Explorer pools (retired; migrate to Fabric Eventhouse or Azure Data Explorer). */
const synapseDataExplorerPools: CatalogEntry = {
  id: 'synapse-data-explorer-pools',
  displayName: 'Azure Synapse: Data Explorer pools',
  section: 'stateless-data-platform',
  armTypes: ['Microsoft.Synapse/workspaces/kustoPools', 'Microsoft.Synapse/workspaces/kustoPools/databases'],
  terraformTypes: [],
  stateful: false,
  responsibility: { component: 'Microsoft', workload: 'Customer' },
  contosoSku: 'Computed Optimized, Small (4 cores)',
  uplift: [{ title: 'N/A, Synapse resiliency is part of its SaaS offering', url: 'https://learn.microsoft.com/azure/synapse-analytics/data-explorer/data-explorer-compare', reaches: 'managed' }],
  caveats: ['Availability zones are enabled by default for Synapse Data Explorer where available.', 'Synapse Data Explorer pools were retired on 2025-10-07: migrate to Fabric Eventhouse or Azure Data Explorer.'],
  rule: {
    appliesTo: ['Microsoft.Synapse/workspaces/kustoPools'],
    evaluate() {
      return { redundancy: 'zone', reason: 'availability zones are enabled by default where the region has them; the pool is redeployed in a disaster (note: the service was retired on 2025-10-07)' };
    },
  },
};

export default synapseDataExplorerPools;
