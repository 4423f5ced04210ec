/**
 * Small helpers the catalog rules share: reading zones, reporting Unknown values, and SKU parsing.
 */
import type { RuleContext, RuleResult } from '../types';
import type { NormalisedResource } from '../../model/resource';
import { eqi, getPath, isObject, isUnknown, type Value } from '../../model/value';

/** "learn.microsoft.com" link from an article-relative path (`/azure/...`). */
export const learn = (p: string) => `https://learn.microsoft.com${p.startsWith('/') ? '' : '/'}${p}`;

/** A result for a property that cannot be decided statically. */
export function unknownAt(property: string, value: Value | undefined): RuleResult {
  return { redundancy: 'unknown', reason: `${property} cannot be decided statically: ${isUnknown(value) ? value.toString() : String(value)}` };
}

/** Reads a property; returns the value or an `unknown` result when it is Unknown. */
export function read(resource: NormalisedResource, property: string): { value: Value | undefined } | { unknown: RuleResult } {
  const value = getPath(resource.body, property);
  return isUnknown(value) ? { unknown: unknownAt(property, value) } : { value };
}

/**
 * Zone placement from a `zones` array: none ⇒ no zone redundancy; one zone ⇒ pinned (zonal); two or more ⇒ zone-redundant.
 * `what` names the resource in the reason ("the firewall").
 */
export function zonesResult(resource: NormalisedResource, what: string, noZones: RuleResult, path = 'zones'): RuleResult {
  const zones = getPath(resource.body, path);
  if (isUnknown(zones)) return unknownAt(path, zones);
  if (Array.isArray(zones) && zones.some(isUnknown)) return unknownAt(path, zones.find(isUnknown));
  if (!Array.isArray(zones) || zones.length === 0) return noZones;
  if (zones.length === 1) return { redundancy: 'local', detail: 'zonal', reason: `${path} is [${zones.join(', ')}]: ${what} is pinned to one availability zone` };
  return { redundancy: 'zone', reason: `${path} is [${zones.join(', ')}]: ${what} spans ${zones.length} availability zones` };
}

export function str(v: Value | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function truthy(v: Value | undefined): boolean {
  return v === true || (typeof v === 'string' && ['true', 'enabled'].includes(v.toLowerCase()));
}

/**
 * A Virtual WAN hub's VPN, point-to-site or ExpressRoute gateway. It has no SKU or zone setting: Microsoft deploys each
 * hub gateway active-active across the region's availability zones where the region has them, and a hub lives in one
 * region; surviving a regional outage takes a second hub, with its own gateway, in another region
 * (https://learn.microsoft.com/azure/virtual-wan/virtual-wan-faq#how-are-availability-zones-and-resiliency-handled-in-virtual-wan).
 */
export function virtualWanGateway(kind: 'VPN' | 'ExpressRoute'): RuleResult {
  return {
    redundancy: 'zone',
    reason: `a Virtual WAN hub ${kind} gateway: its active-active instances are spread across availability zones by the service where the region has them, in the hub's one region`,
    uplift: [
      {
        title: `Deploy a second Virtual WAN hub with its own ${kind} gateway in another region and connect ${kind === 'VPN' ? 'the sites and users' : 'the circuits'} to both hubs`,
        url: learn('/azure/virtual-wan/virtual-wan-faq#how-are-availability-zones-and-resiliency-handled-in-virtual-wan'),
        reaches: 'geo',
      },
    ],
  };
}

/**
 * True for a connection (`Microsoft.Network/connections`) between an ExpressRoute gateway and a circuit: it configures
 * ExpressRoute, not a site-to-site VPN. A connection whose type is not known is taken for a VPN's, as gateways are.
 */
export function isExpressRouteConnection(r: NormalisedResource): boolean {
  return isConnection(r) && eqi(getPath(r.body, 'properties.connectionType'), 'ExpressRoute');
}

/** True for a virtual network gateway's connection (`Microsoft.Network/connections`), of whatever type. */
export function isConnection(r: NormalisedResource): boolean {
  return /^microsoft\.network\/connections$/i.test(r.type);
}

/**
 * The `properties.state` of a dedicated SQL pool's geo-backup policy: its `geoBackupPolicies` child resource (ARM,
 * Bicep, `childType`), or the same child nested in its body (how the Terraform mappings carry `geo_backup_enabled` and
 * `geo_backup_policy_enabled`). Undefined when it has none (geo-backups are on by default).
 */
export function geoBackupPolicyState(resource: NormalisedResource, ctx: RuleContext, childType: string): Value | undefined {
  const nested = getPath(resource.body, 'resources');
  const inline = Array.isArray(nested) ? nested.find((c) => isObject(c) && typeof c.type === 'string' && eqi(c.type, 'geoBackupPolicies')) : undefined;
  const policy = ctx.children(resource, childType)[0] ?? (isObject(inline) ? { body: inline } : undefined);
  return policy ? getPath(policy.body, 'properties.state') : undefined;
}

/** A setting written empty or null, as modules pass an argument their caller left out: not set (the service's default). */
export const unset = (v: Value | undefined): Value | undefined => (v === '' || v === null ? undefined : v);

/**
 * What backups kept in zone-redundant storage give a SQL database or managed instance that is not zone-redundant itself: a
 * zone's loss leaves a backup to restore, as a geo backup does a region's.
 */
export const ZONE_BACKUP_ONLY = 'backups stay in the region, in storage spread across its availability zones, to restore from if a zone is lost';
