import type { CatalogEntry } from '../types';
import { getPath, isUnknown } from '../../model/value';
import { unknownAt } from '../rules/common';
import { geoDataReplication, geoDrPairing } from '../rules/messaging';
import { regionWithoutZones } from '../rules/regions';

const GEO_DR = 'https://learn.microsoft.com/azure/event-hubs/event-hubs-geo-dr?tabs=portal';
const GEO_REPLICATION = 'https://learn.microsoft.com/azure/event-hubs/geo-replication';

/** Azure Event Hubs namespaces, their Geo-DR pairings and geo-replication. */
const eventHubs: CatalogEntry = {
  id: 'event-hubs',
  displayName: 'Azure Event Hubs',
  section: 'stateful-data-platform',
  armTypes: ['Microsoft.EventHub/namespaces', 'Microsoft.EventHub/namespaces/disasterRecoveryConfigs', 'Microsoft.EventHub/namespaces/eventhubs', 'Microsoft.EventHub/namespaces/eventhubs/consumergroups', 'Microsoft.EventHub/namespaces/authorizationRules', 'Microsoft.EventHub/clusters'],
  terraformTypes: ['azurerm_eventhub_namespace', 'azurerm_eventhub_namespace_disaster_recovery_config', 'azurerm_eventhub', 'azurerm_eventhub_consumer_group', 'azurerm_eventhub_cluster'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Customer' },
  contosoSku: 'Standard',
  uplift: [
    // Geo-replication is the option that copies the events: first. Geo-DR, the article's option, pairs metadata only
    // (geo-config), which no strategy accepts as a copy of this stateful service's data, so it claims no level and is
    // never put first, not even to a namespace that has it already.
    { title: 'Replicate events and metadata to a secondary region with geo-replication (Premium and Dedicated tiers, properties.geoDataReplication)', url: GEO_REPLICATION, reaches: 'geo' },
    { title: 'Create the namespace with availability zones enabled', url: `${GEO_DR}#availability-zones`, reaches: 'zone' },
    { title: 'Extend resiliency to a full region outage with Geo-disaster recovery', url: GEO_DR },
  ],
  caveats: [
    "By design, Event Hubs Geo-disaster recovery doesn't replicate data: it pairs namespace metadata only, so there are several considerations for failover and fallback.",
    'Geo-replication (Premium and Dedicated) replicates metadata and event data to secondary regions.',
  ],
  docs: `${GEO_DR}#considerations`,
  rule: {
    appliesTo: ['Microsoft.EventHub/namespaces'],
    evaluate(resource, ctx) {
      const replicated = geoDataReplication(resource, 'events');
      if (replicated) return replicated;
      const zoneRedundant = getPath(resource.body, 'properties.zoneRedundant');
      if (isUnknown(zoneRedundant)) return unknownAt('properties.zoneRedundant', zoneRedundant);
      const sku = getPath(resource.body, 'sku.name');
      const inRegion = zoneRedundant === true ? 'zone-redundant in the region' : zoneRedundant === false ? 'not zone-redundant (properties.zoneRedundant is false)' : 'zone-redundant only where the region has availability zones (properties.zoneRedundant not set)';
      const paired = geoDrPairing(resource, ctx, 'events', inRegion);
      if (paired) return paired;
      if (zoneRedundant === true) return { redundancy: 'zone', reason: 'properties.zoneRedundant is true: events are replicated across availability zones, not to another region' };
      if (zoneRedundant === false) return { redundancy: 'local', reason: 'properties.zoneRedundant is false: events stay in one datacenter' };
      const location = regionWithoutZones(resource);
      if (location) {
        return { redundancy: 'local', reason: `sku ${typeof sku === 'string' ? sku : 'Standard'} in ${location}, a region without availability zones: events are not spread across zones; no copy in another region` };
      }
      return { redundancy: 'zone', reason: `sku ${typeof sku === 'string' ? sku : 'Standard'}: zone redundancy is automatic in regions with availability zones; no copy in another region` };
    },
  },
};

export default eventHubs;
