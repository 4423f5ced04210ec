import type { CatalogEntry } from '../types';
import { getPath, isUnknown, eqi } from '../../model/value';
import { unknownAt } from '../rules/common';
import { regionWithoutZones } from '../rules/regions';

const PERF = 'https://learn.microsoft.com/azure/search/search-performance-optimization';

/** Azure Cognitive Search (Azure AI Search) services. */
const cognitiveSearch: CatalogEntry = {
  id: 'cognitive-search',
  displayName: 'Azure Cognitive Search',
  section: 'stateless-data-platform',
  armTypes: ['Microsoft.Search/searchServices'],
  terraformTypes: ['azurerm_search_service'],
  stateful: false,
  responsibility: { component: 'Microsoft', workload: 'Microsoft' },
  contosoSku: 'Standard S1',
  uplift: [
    { title: 'Raise Cognitive Search to an HA design with replicas across availability zones', url: `${PERF}#availability-zones`, reaches: 'zone' },
    { title: 'Run multiple services in separate regions to extend resiliency further', url: `${PERF}#multiple-services-in-separate-geographic-regions`, reaches: 'geo' },
  ],
  caveats: [
    'In Cognitive Search, business continuity and disaster recovery are achieved through multiple search services.',
    "There's no built-in mechanism for disaster recovery: a second service in another region needs its own geo-replication of indexes.",
  ],
  docs: `${PERF}#disaster-recovery-and-service-outages`,
  secondaryRegionDeployment: true,
  rule: {
    appliesTo: ['Microsoft.Search/searchServices'],
    evaluate(resource) {
      const sku = getPath(resource.body, 'sku.name');
      if (isUnknown(sku)) return unknownAt('sku.name', sku);
      if (eqi(sku, 'free')) return { redundancy: 'none', reason: 'sku.name is free: one shared replica, no SLA' };
      const replicas = getPath(resource.body, 'properties.replicaCount');
      if (isUnknown(replicas)) return unknownAt('properties.replicaCount', replicas);
      const count = typeof replicas === 'number' ? replicas : 1;
      const location = count >= 2 ? regionWithoutZones(resource) : undefined;
      if (location) {
        return { redundancy: 'local', reason: `properties.replicaCount is ${count} in ${location}, a region without availability zones: the replicas keep the service available within the region, not across availability zones` };
      }
      if (count >= 2) return { redundancy: 'zone', reason: `properties.replicaCount is ${count}: replicas are spread across availability zones in regions that have them` };
      return { redundancy: 'local', reason: `properties.replicaCount is ${replicas === undefined ? 'not set (1)' : count}: a single replica` };
    },
  },
};

export default cognitiveSearch;
