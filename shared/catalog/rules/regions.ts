/**
 * Azure region pairs, in one place for the rules that depend on them (Key Vault replicates a vault to the paired
 * region only where there is one).
 *
 * From Microsoft's list of region pairs and of nonpaired regions
 * (https://learn.microsoft.com/azure/reliability/regions-paired, and the paired-region column of
 * https://learn.microsoft.com/azure/reliability/regions-list). Keys are region names as ARM writes them, compared
 * through `regionKey` ('West Europe' is westeurope). A region in neither table (one opened since, or misspelt) is
 * not known to drcheck: a rule that depends on the pair says so rather than guessing.
 */
import type { NormalisedResource } from '../../model/resource';
import { getPath, regionKey, type Unknown } from '../../model/value';

/** Each region with a pair, and its secondary region (some pairs are one-way: West US 3 → East US, Brazil South → South Central US). */
const PAIRS: Readonly<Record<string, string>> = {
  eastasia: 'southeastasia',
  southeastasia: 'eastasia',
  australiaeast: 'australiasoutheast',
  australiasoutheast: 'australiaeast',
  australiacentral: 'australiacentral2',
  australiacentral2: 'australiacentral',
  brazilsouth: 'southcentralus',
  brazilsoutheast: 'brazilsouth',
  canadacentral: 'canadaeast',
  canadaeast: 'canadacentral',
  chinanorth: 'chinaeast',
  chinaeast: 'chinanorth',
  chinanorth2: 'chinaeast2',
  chinaeast2: 'chinanorth2',
  chinanorth3: 'chinaeast3',
  chinaeast3: 'chinanorth3',
  northeurope: 'westeurope',
  westeurope: 'northeurope',
  francecentral: 'francesouth',
  francesouth: 'francecentral',
  germanywestcentral: 'germanynorth',
  germanynorth: 'germanywestcentral',
  centralindia: 'southindia',
  southindia: 'centralindia',
  westindia: 'southindia',
  japaneast: 'japanwest',
  japanwest: 'japaneast',
  koreacentral: 'koreasouth',
  koreasouth: 'koreacentral',
  norwayeast: 'norwaywest',
  norwaywest: 'norwayeast',
  southafricanorth: 'southafricawest',
  southafricawest: 'southafricanorth',
  swedencentral: 'swedensouth',
  swedensouth: 'swedencentral',
  switzerlandnorth: 'switzerlandwest',
  switzerlandwest: 'switzerlandnorth',
  uksouth: 'ukwest',
  ukwest: 'uksouth',
  uaenorth: 'uaecentral',
  uaecentral: 'uaenorth',
  eastus: 'westus',
  westus: 'eastus',
  eastus2: 'centralus',
  centralus: 'eastus2',
  northcentralus: 'southcentralus',
  southcentralus: 'northcentralus',
  westus2: 'westcentralus',
  westcentralus: 'westus2',
  westus3: 'eastus',
  usdodeast: 'usdodcentral',
  usdodcentral: 'usdodeast',
  usgovarizona: 'usgovtexas',
  usgovvirginia: 'usgovtexas',
  usgovtexas: 'usgovvirginia',
};

/** Regions Microsoft lists as having no pair: they rely on availability zones, and nothing is copied to another region for them. */
const NONPAIRED: ReadonlySet<string> = new Set([
  'austriaeast',
  'indonesiacentral',
  'israelcentral',
  'italynorth',
  'malaysiawest',
  'mexicocentral',
  'newzealandnorth',
  'polandcentral',
  'qatarcentral',
  'spaincentral',
]);

/**
 * A region's pair: its secondary region's key; `null` for a region Microsoft lists as having no pair; `undefined` for a
 * region drcheck's tables do not list.
 */
export function pairedRegion(region: string): string | null | undefined {
  const key = regionKey(region);
  if (NONPAIRED.has(key)) return null;
  return Object.prototype.hasOwnProperty.call(PAIRS, key) ? PAIRS[key] : undefined;
}

/**
 * Regions with availability zones, from the list the Azure Proactive Resiliency Library's queries embed (see
 * dr-catalog-facts §1.2), where services such as Event Hubs and AI Search spread across zones without being asked.
 */
const AZ_REGIONS: ReadonlySet<string> = new Set([
  'australiaeast', 'brazilsouth', 'canadacentral', 'centralindia', 'centralus', 'eastasia', 'eastus', 'eastus2', 'francecentral',
  'germanywestcentral', 'israelcentral', 'italynorth', 'japaneast', 'japanwest', 'koreacentral', 'mexicocentral', 'newzealandnorth',
  'northeurope', 'norwayeast', 'polandcentral', 'qatarcentral', 'southafricanorth', 'southcentralus', 'southeastasia', 'spaincentral',
  'swedencentral', 'switzerlandnorth', 'uaenorth', 'uksouth', 'westeurope', 'westus2', 'westus3', 'usgovvirginia', 'chinanorth3',
]);

/**
 * Whether a region has availability zones: true for one on the list above or with no pair; false for a public-cloud
 * region the pair tables list that is not on it (North Central US, UK West…); undefined for a region drcheck does not know, or a
 * sovereign-cloud region not on the list (their zones are not listed there).
 */
export function hasAvailabilityZones(region: string): boolean | undefined {
  const key = regionKey(region);
  // A region with no pair relies on availability zones (NONPAIRED): the newest (Austria East, Malaysia West…) are not on
  // the APRL list yet.
  if (AZ_REGIONS.has(key) || NONPAIRED.has(key)) return true;
  if (/^(usgov|usdod|china)/.test(key)) return undefined;
  return Object.prototype.hasOwnProperty.call(PAIRS, key) ? false : undefined;
}

/** The resource's region when it is one known to have no availability zones (North Central US, UK West…); else undefined. */
export function regionWithoutZones(resource: NormalisedResource): string | undefined {
  const location = getPath(resource.body, 'location');
  return typeof location === 'string' && hasAvailabilityZones(location) === false ? location : undefined;
}

/**
 * Whether two resources placed where only the deployment knows are placed alike: one location expression, written in one
 * template and module instance (the same parameter of one run has one value there; two templates' `location`
 * parameters, or two instances of one module deployed to two resource groups, share only a name). A location with no
 * expression to compare is never taken for another.
 */
export function samePlacement(a: { location: Unknown; resource: NormalisedResource }, b: { location: Unknown; resource: NormalisedResource }): boolean {
  if (a.location === b.location) return true;
  const x = a.resource;
  const y = b.resource;
  return a.location.expression !== undefined && a.location.expression === b.location.expression && x.source.file === y.source.file && x.via === y.via && x.entry === y.entry;
}
