/**
 * What Event Hubs and Service Bus namespaces share: geo-replication (`properties.geoDataReplication`, Premium and
 * Dedicated tiers), which copies metadata and data to secondary regions, and the older Geo-DR pairing (a
 * `disasterRecoveryConfigs` child naming a partner namespace), which copies metadata only.
 *
 * Event Hubs: https://learn.microsoft.com/azure/event-hubs/geo-replication, https://learn.microsoft.com/azure/event-hubs/event-hubs-geo-dr
 * Service Bus: https://learn.microsoft.com/azure/service-bus-messaging/service-bus-geo-replication ("metadata and data"),
 * https://learn.microsoft.com/azure/service-bus-messaging/service-bus-geo-dr (metadata only, no messages).
 */
import type { RuleContext, RuleResult } from '../types';
import type { NormalisedResource } from '../../model/resource';
import { getPath, isUnknown, eqi } from '../../model/value';
import { unknownAt } from './common';

/**
 * `properties.geoDataReplication.locations` with a `Secondary` entry: `geo` (`geo-replica`), naming the secondary regions.
 * `what` names the data ("events", "messages"). Unknown when the list cannot be decided; undefined when it lists no secondary.
 */
export function geoDataReplication(resource: NormalisedResource, what: string): RuleResult | undefined {
  const locations = getPath(resource.body, 'properties.geoDataReplication.locations');
  if (isUnknown(locations)) return unknownAt('properties.geoDataReplication.locations', locations);
  if (!Array.isArray(locations)) return undefined;
  const secondaries = locations.filter((l) => eqi(getPath(l, 'roleType'), 'Secondary'));
  if (!secondaries.length) return undefined;
  const names = secondaries.map((l) => getPath(l, 'locationName')).filter((n): n is string => typeof n === 'string');
  return {
    redundancy: 'geo',
    detail: 'geo-replica',
    reason: `properties.geoDataReplication lists a secondary region${names.length ? ` (${names.join(', ')})` : ''}: ${what} and metadata are replicated`,
  };
}

/**
 * The namespace's Geo-DR pairing, as primary (its own `disasterRecoveryConfigs` child) or as the partner another
 * namespace's pairing names: `geo` (`geo-config`), since only metadata is paired. `what` names the data left behind
 * ("events"), `inRegion` how the namespace stands in its region. Undefined when it is in no pairing.
 */
export function geoDrPairing(resource: NormalisedResource, ctx: RuleContext, what: string, inRegion: string): RuleResult | undefined {
  const configType = `${resource.type}/disasterRecoveryConfigs`;
  const pairing = ctx.children(resource, configType)[0];
  if (pairing) return { redundancy: 'geo', detail: 'geo-config', reason: `Geo-DR pairing ${pairing.name ?? pairing.address} replicates namespace metadata only, not ${what}; the namespace is ${inRegion}` };
  // The secondary of another namespace's pairing: it holds the same metadata, and no data either.
  const partnerOf = ctx.referrers('geo-dr-partner', configType, (r) => [getPath(r.body, 'properties.partnerNamespace')], resource, resource.type)[0];
  if (partnerOf) return { redundancy: 'geo', detail: 'geo-config', reason: `secondary namespace of Geo-DR pairing ${partnerOf.name ?? partnerOf.address}: the pairing replicates namespace metadata only, not ${what}; the namespace is ${inRegion}` };
  return undefined;
}
