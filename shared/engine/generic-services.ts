/**
 * Service conventions the generic rule reads for uncatalogued types whose DR posture is in a setting of their own, not in
 * `zones` or a SKU suffix: API Management's additional regional gateways.
 */
import type { RuleResult } from '../catalog/types';
import type { NormalisedResource } from '../model/resource';
import { getPath, isObject, isUnknown, regionKey } from '../model/value';

export const normalisedLocation = (v: unknown) => (typeof v === 'string' ? regionKey(v) : undefined);
/** How an unset or undecidable location reads in a reason. */
export const describe = (property: string, v: unknown) => (isUnknown(v) ? `${property} cannot be decided statically (${v.toString()})` : `${property} is not set`);

const NOT_IN_CATALOG = '(the type is not in the DR catalog)';

export const API_MANAGEMENT = /^microsoft\.apimanagement\/service$/i;

/**
 * An API Management service's gateways in other regions (`properties.additionalLocations`, Premium): "only the gateway
 * component … is replicated to multiple regions. The instance's management plane and developer portal remain hosted only
 * in the primary region", and "if the primary region goes offline … secondary regions continue to serve API requests"
 * (https://learn.microsoft.com/azure/api-management/api-management-howto-deploy-multi-region). So an enabled gateway in
 * another region is `geo`. One whose `disableGateway` is true routes no traffic, and cannot be turned on from the
 * primary's management plane once that region is down. The article does not say an additional location must be in
 * another region than the primary, so one that may be in the primary's region decides nothing. Without a gateway
 * elsewhere the service is judged on its primary (`zones`, by `inRegion`), with what its additional locations are;
 * `unknown` when whether one is an enabled gateway in another region depends on the deployment.
 */
export function judgeApiManagement(resource: NormalisedResource, inRegion: () => RuleResult): RuleResult {
  const additional = getPath(resource.body, 'properties.additionalLocations');
  if (isUnknown(additional)) return withInRegion(`properties.additionalLocations cannot be decided statically (${additional.toString()}): the service may have gateways in other regions`, inRegion());
  if (!Array.isArray(additional) || additional.length === 0) return inRegion();
  const homeRaw = getPath(resource.body, 'location');
  const home = normalisedLocation(homeRaw);
  const elsewhere: string[] = [];
  // Regions of enabled gateways when the primary's is unknown: two different ones cannot both be the primary's.
  const regions = new Set<string>();
  const notes: string[] = [];
  let undecided: string | undefined;
  for (const entry of additional) {
    const raw = isObject(entry) ? getPath(entry, 'location') : entry;
    const loc = isObject(entry) ? normalisedLocation(raw) : undefined;
    const disabled = isObject(entry) ? getPath(entry, 'disableGateway') : undefined;
    if (loc === undefined) {
      if (disabled !== true) undecided ??= `properties.additionalLocations lists a gateway whose ${describe('location', raw)}: it may be in the primary region or in another`;
    } else if (disabled === true) {
      if (loc !== home) notes.push(`the gateway in ${loc} is disabled (disableGateway is true), so it routes no API traffic and cannot be enabled while the primary region, which hosts the management plane, is down`);
    } else if (isUnknown(disabled)) {
      if (loc !== home) undecided ??= `properties.additionalLocations lists a gateway in ${loc} whose disableGateway cannot be decided statically (${disabled.toString()}): a disabled gateway routes no API traffic`;
    } else if (loc === home) notes.push(`the additional location ${loc} is the primary's own region`);
    else if (home !== undefined) elsewhere.push(loc);
    else regions.add(loc);
  }
  const geo = (where: string): RuleResult => ({
    redundancy: 'geo',
    reason: `properties.additionalLocations ${where}, so API requests are still served if the primary region fails; the management plane and developer portal stay in the primary region ${NOT_IN_CATALOG}`,
  });
  if (elsewhere.length) return geo(`deploys gateways in ${[...new Set(elsewhere)].join(', ')}, outside the primary region (${home})`);
  if (home === undefined && regions.size >= 2) return geo(`deploys gateways in ${regions.size} regions (${[...regions].join(', ')}), at least one outside the primary region whichever that is`);
  const own = inRegion();
  if (undecided) return withInRegion(undecided, own);
  if (home === undefined && regions.size === 1) {
    const [loc] = regions;
    return withInRegion(`properties.additionalLocations deploys a gateway in ${loc}, but the service's ${describe('location', homeRaw)}: the gateway is in another region unless the primary is in ${loc}`, own);
  }
  return notes.length ? { ...own, reason: `${own.reason}; no gateway in another region: ${notes.join('; ')}` } : own;
}

/** A gateway elsewhere that the deployment decides: unknown, with what the primary gives on its own when that is known. */
function withInRegion(reason: string, own: RuleResult): RuleResult {
  return { redundancy: 'unknown', reason: own.redundancy === 'unknown' ? reason : `${reason}; on its own here: ${own.reason}` };
}
