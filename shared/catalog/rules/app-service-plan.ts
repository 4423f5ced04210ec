/**
 * An App Service plan's redundancy: the instances every app on it (function apps, web apps) runs on. Consumption (Y1,
 * Dynamic) has no availability zone support; other plans are zone-redundant when `properties.zoneRedundant` says so.
 */
import type { RuleResult } from '../types';
import type { NormalisedResource } from '../../model/resource';
import { eqi, getPath, isUnknown, type Value } from '../../model/value';
import { unknownAt } from './common';

/** How a reason names the plan's SKU: its name, or that none is set (never "undefined"). */
function skuText(sku: Value | undefined): string {
  if (sku === undefined || sku === null) return 'sku.name not set';
  return typeof sku === 'string' || typeof sku === 'number' ? String(sku) : JSON.stringify(sku);
}

export function planLevel(plan: NormalisedResource): RuleResult {
  const label = plan.name ?? plan.address;
  const sku = getPath(plan.body, 'sku.name');
  if (isUnknown(sku)) return unknownAt(`plan ${label} sku.name`, sku);
  if (eqi(sku, 'Y1') || eqi(getPath(plan.body, 'sku.tier'), 'Dynamic')) return { redundancy: 'none', reason: `plan ${label} is Consumption (${skuText(sku)}): no availability zone support` };
  const zr = getPath(plan.body, 'properties.zoneRedundant');
  if (isUnknown(zr)) return unknownAt(`plan ${label} properties.zoneRedundant`, zr);
  if (zr === true) return { redundancy: 'zone', reason: `plan ${label} (${skuText(sku)}) is zone-redundant` };
  return { redundancy: 'local', reason: `plan ${label} (${skuText(sku)}) is not zone-redundant` };
}
