import type { CatalogEntry, RuleContext } from '../types';
import type { NormalisedResource } from '../../model/resource';
import { getPath, isUnknown, eqi } from '../../model/value';
import { unknownAt } from '../rules/common';

const GEO_DR = 'https://learn.microsoft.com/azure/event-hubs/event-hubs-geo-dr?tabs=portal';
const GEO_REPLICATION = 'https://learn.microsoft.com/azure/event-hubs/geo-replication';

/** The Geo-DR pairing (a `disasterRecoveryConfigs` child of another namespace) whose `partnerNamespace` is this namespace. */
function pairingNaming(namespace: NormalisedResource, ctx: RuleContext): NormalisedResource | undefined {
  return ctx.ofType('Microsoft.EventHub/namespaces/disasterRecoveryConfigs').find((r) => ctx.refersTo(getPath(r.body, 'properties.partnerNamespace'), namespace, 'Microsoft.EventHub/namespaces'));
}

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
      const replicas = getPath(resource.body, 'properties.geoDataReplication.locations');
      if (isUnknown(replicas)) return unknownAt('properties.geoDataReplication.locations', replicas);
      if (Array.isArray(replicas) && replicas.some((l) => eqi(getPath(l, 'roleType'), 'Secondary'))) {
        return { redundancy: 'geo', detail: 'geo-replica', reason: 'properties.geoDataReplication lists a secondary region: events and metadata are replicated' };
      }
      const pairing = ctx.children(resource, 'Microsoft.EventHub/namespaces/disasterRecoveryConfigs')[0];
      const zoneRedundant = getPath(resource.body, 'properties.zoneRedundant');
      if (isUnknown(zoneRedundant)) return unknownAt('properties.zoneRedundant', zoneRedundant);
      const sku = getPath(resource.body, 'sku.name');
      const inRegion = zoneRedundant === true ? 'zone-redundant in the region' : zoneRedundant === false ? 'not zone-redundant (properties.zoneRedundant is false)' : 'zone-redundant only where the region has availability zones (properties.zoneRedundant not set)';
      if (pairing) return { redundancy: 'geo', detail: 'geo-config', reason: `Geo-DR pairing ${pairing.name ?? pairing.address} replicates namespace metadata only, not events; the namespace is ${inRegion}` };
      // The secondary of another namespace's pairing: it holds the same metadata, and no events either.
      const partnerOf = pairingNaming(resource, ctx);
      if (partnerOf) return { redundancy: 'geo', detail: 'geo-config', reason: `secondary namespace of Geo-DR pairing ${partnerOf.name ?? partnerOf.address}: the pairing replicates namespace metadata only, not events; the namespace is ${inRegion}` };
      if (zoneRedundant === true) return { redundancy: 'zone', reason: 'properties.zoneRedundant is true: events are replicated across availability zones, not to another region' };
      if (zoneRedundant === false) return { redundancy: 'local', reason: 'properties.zoneRedundant is false: events stay in one datacenter' };
      return { redundancy: 'zone', reason: `sku ${typeof sku === 'string' ? sku : 'Standard'}: zone redundancy is automatic in regions with availability zones; no copy in another region` };
    },
  },
};

export default eventHubs;
