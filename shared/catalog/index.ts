import type { CatalogEntry } from './types';
import type { NormalisedResource } from '../model/resource';
import { FOUNDATION_SERVICES } from './services/foundations';
import { DATA_PLATFORM_SERVICES } from './services/data-platform';

/**
 * The DR catalog: one entry per service the article names.
 * Add a service by adding a file under `services/` and listing it in `services/foundations.ts`
 * or `services/data-platform.ts`.
 */
export const CATALOG: readonly CatalogEntry[] = [...FOUNDATION_SERVICES, ...DATA_PLATFORM_SERVICES];

const byArmType = new Map<string, CatalogEntry[]>();
const byTerraformType = new Map<string, CatalogEntry>();
for (const entry of CATALOG) {
  for (const t of entry.armTypes) {
    const key = t.toLowerCase();
    byArmType.set(key, [...(byArmType.get(key) ?? []), entry]);
  }
  for (const t of entry.terraformTypes) byTerraformType.set(t.toLowerCase(), entry);
}

/** Every entry that lists the ARM type (several when a type is shared, e.g. virtual network gateways for VPN and ExpressRoute). */
export function entriesForArmType(type: string): readonly CatalogEntry[] {
  return byArmType.get(type.toLowerCase()) ?? [];
}

const ruleTypes = new Map(CATALOG.map((e) => [e, new Set((e.rule?.appliesTo ?? []).map((t) => t.toLowerCase()))]));

/** True when the entry's rule judges resources of this (lower-cased) type. */
export function ruleAppliesTo(entry: CatalogEntry, lowerType: string): boolean {
  return ruleTypes.get(entry)?.has(lowerType) ?? false;
}

const secondRegionTypes = new Map(
  CATALOG.filter((e) => Array.isArray(e.secondaryRegionDeployment)).map((e) => [e, new Set((e.secondaryRegionDeployment as readonly string[]).map((t) => t.toLowerCase()))]),
);

/** True when a second deployment of this (lower-cased) type of the entry's in another region is itself its DR design. */
export function deploysToSecondRegion(entry: CatalogEntry, lowerType: string): boolean {
  if (!entry.secondaryRegionDeployment) return false;
  return secondRegionTypes.get(entry)?.has(lowerType) ?? true;
}

/** The entry whose rule judges the nearest ancestor of this (lower-cased) ARM type, if any. */
function judgedAncestor(lowerType: string): CatalogEntry | undefined {
  for (let cut = lowerType.lastIndexOf('/'); cut > lowerType.indexOf('/'); cut = lowerType.lastIndexOf('/', cut - 1)) {
    const owner = entryJudging(lowerType.slice(0, cut));
    if (owner) return owner;
  }
  return undefined;
}

/**
 * For a type the catalog does not list, the entry whose rule judges one of its ancestors
 * (`Microsoft.Storage/storageAccounts/queueServices/queues` → the storage account's): the resource is a part
 * or setting of that parent, and its DR posture is the parent's. Undefined when no ancestor is judged.
 */
export function entryForAncestor(lowerType: string): CatalogEntry | undefined {
  // A store of its own (a database, a pool) under a service the catalog judges as stateless (a Synapse workspace's
  // pipelines) is not a setting of it: left uncatalogued, so it is classified on its own.
  const owner = judgedAncestor(lowerType);
  return owner && DATA_CHILD.test(lowerType) && !owner.stateful ? undefined : owner;
}

/** True when a catalog rule judges an ancestor of this (lower-cased) ARM type. */
export function hasJudgedAncestor(lowerType: string): boolean {
  return judgedAncestor(lowerType) !== undefined;
}

/** The entry whose rule judges resources of this ARM type, if any (case-insensitive). */
export function entryJudging(armType: string): CatalogEntry | undefined {
  const lower = armType.toLowerCase();
  return byArmType.get(lower)?.find((e) => ruleAppliesTo(e, lower));
}

const DATA_CHILD = /\/[a-z]*(databases|pools|keyspaces|collections|containers|tables)$/;

/** The entry that owns a resource: among the entries listing its type, the first whose rule matches it (`lower`: its type in lower case, when the caller has it). */
export function entryForResource(resource: NormalisedResource, lower = resource.type.toLowerCase()): CatalogEntry | undefined {
  const candidates = byArmType.get(lower);
  if (!candidates) return undefined;
  if (candidates.length === 1 && !candidates[0].rule?.match && !candidates[0].owns) return candidates[0];
  // A rule's `match` narrows the types it judges; a type of the entry the rule does not judge (a setting, a part) is the entry's whatever it holds.
  return candidates.find((e) => e.rule && ruleAppliesTo(e, lower) && (!e.rule.match || e.rule.match(resource))) ?? candidates.find((e) => (!e.rule?.match || !ruleAppliesTo(e, lower)) && (!e.owns || e.owns(resource)));
}

export function entryForTerraformType(type: string): CatalogEntry | undefined {
  return byTerraformType.get(type.toLowerCase());
}

export function entryById(id: string): CatalogEntry | undefined {
  return CATALOG.find((e) => e.id === id);
}

export type { CatalogEntry } from './types';

/** What findings call a resource of an entry: its own name in the entry (`resourceName`), else the service's. */
export function resourceNoun(entry: CatalogEntry, resource: NormalisedResource): string {
  return entry.resourceName?.(resource) ?? entry.displayName;
}
