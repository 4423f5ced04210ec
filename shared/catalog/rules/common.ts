/**
 * Small helpers the catalog rules share: reading zones, reporting Unknown values, and SKU parsing.
 */
import type { RuleResult } from '../types';
import type { NormalisedResource } from '../../model/resource';
import { getPath, isUnknown, type Value } from '../../model/value';

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
