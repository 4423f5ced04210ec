import type { CatalogEntry } from '../types';
import { getPath } from '../../model/value';

/** Azure Stream Analytics jobs and clusters. */
const streamAnalytics: CatalogEntry = {
  id: 'stream-analytics',
  displayName: 'Azure Stream Analytics',
  section: 'stateful-data-platform',
  armTypes: ['Microsoft.StreamAnalytics/streamingjobs', 'Microsoft.StreamAnalytics/clusters', 'Microsoft.StreamAnalytics/streamingjobs/inputs', 'Microsoft.StreamAnalytics/streamingjobs/outputs', 'Microsoft.StreamAnalytics/streamingjobs/transformations'],
  terraformTypes: ['azurerm_stream_analytics_job', 'azurerm_stream_analytics_cluster'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Customer' },
  contosoSku: 'Standard',
  uplift: [{ title: 'Achieve geo-redundancy by deploying identical Stream Analytics jobs in multiple Azure regions', url: 'https://learn.microsoft.com/azure/stream-analytics/geo-redundancy', reaches: 'geo' }],
  caveats: ["While Azure Stream Analytics is a fully managed PaaS offering, it doesn't provide automatic geo-failover."],
  secondaryRegionDeployment: true,
  rule: {
    appliesTo: ['Microsoft.StreamAnalytics/streamingjobs'],
    evaluate(resource) {
      const sku = getPath(resource.body, 'properties.sku.name') ?? getPath(resource.body, 'sku.name');
      return { redundancy: 'local', reason: `a single ${typeof sku === 'string' ? sku : 'Standard'} job: it recovers from node failures in the region but has no automatic geo-failover` };
    },
  },
};

export default streamAnalytics;
