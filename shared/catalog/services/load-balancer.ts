import type { CatalogEntry, RuleContext, RuleResult } from '../types';
import type { NormalisedResource } from '../../model/resource';
import { getPath, isUnknown, eqi, regionKey, type Unknown, type Value } from '../../model/value';
import { unknownAt } from '../rules/common';
import { samePlacement } from '../rules/regions';

const LB = 'microsoft.network/loadbalancers';
const PIP = 'microsoft.network/publicipaddresses';

/** Public IP posture: Basic has no zones; Standard follows `zones` (before API 2020-08-01, no zones meant zone-redundant, as for a load balancer's internal frontend). */
function publicIp(pip: NormalisedResource, noun = 'public IP'): RuleResult {
  const name = `${noun} ${pip.name ?? pip.address}`;
  const sku = getPath(pip.body, 'sku.name');
  if (isUnknown(sku)) return unknownAt('sku.name', sku);
  if (eqi(getPath(pip.body, 'sku.tier'), 'Global')) return { redundancy: 'multi-region', reason: `${name} is a Global tier (anycast) address for a cross-region load balancer` };
  if (sku === undefined || eqi(sku, 'Basic')) return { redundancy: 'none', reason: `${name} is ${sku === undefined ? 'Basic (no SKU set)' : 'Basic'}: no availability zone support` };
  const zones = getPath(pip.body, 'zones');
  if (isUnknown(zones)) return unknownAt('zones', zones);
  if (Array.isArray(zones) && zones.length >= 2) return { redundancy: 'zone', reason: `${name} lists zones [${zones.join(', ')}]: zone-redundant` };
  if (Array.isArray(zones) && zones.length === 1) return { redundancy: 'local', detail: 'zonal', reason: `${name} is pinned to zone ${zones[0]}` };
  if (pip.apiVersion && pip.apiVersion < '2020-08-01') return { redundancy: 'zone', reason: `${name} sets no zones with API ${pip.apiVersion} (before 2020-08-01): a Standard IP without zones is zone-redundant` };
  return { redundancy: 'local', reason: `${name} sets no zones: with API versions from 2020-08-01 a Standard IP without zones is not zone-redundant` };
}

const ORDER = ['none', 'local', 'zone', 'geo', 'multi-region'];

/** Where a public frontend's addresses come from, in the order ARM reads them. */
const PUBLIC_SOURCES = [
  { at: 'properties.publicIPAddress.id', type: 'Microsoft.Network/publicIPAddresses', noun: 'public IP' },
  { at: 'properties.publicIPPrefix.id', type: 'Microsoft.Network/publicIPPrefixes', noun: 'public IP prefix' },
];

function loadBalancer(lb: NormalisedResource, ctx: RuleContext): RuleResult {
  const sku = getPath(lb.body, 'sku.name');
  if (isUnknown(sku)) return unknownAt('sku.name', sku);
  if (sku === undefined || eqi(sku, 'Basic')) return { redundancy: 'none', reason: `sku.name is ${sku ?? 'not set (Basic)'}: a Basic load balancer has no availability zone support and is being retired` };
  if (eqi(getPath(lb.body, 'sku.tier'), 'Global')) return { redundancy: 'multi-region', reason: 'sku.tier is Global: a cross-region load balancer in front of regional load balancers' };
  const frontends = getPath(lb.body, 'properties.frontendIPConfigurations');
  if (isUnknown(frontends)) return unknownAt('properties.frontendIPConfigurations', frontends);
  if (!Array.isArray(frontends) || !frontends.length) return { redundancy: 'local', reason: 'the load balancer has no frontend IP configuration' };
  let worst: RuleResult | undefined;
  for (const fe of frontends as Value[]) {
    let r: RuleResult;
    const feName = getPath(fe, 'name');
    // A public frontend takes its addresses from a public IP, or from a public IP prefix (outbound rules), whose zones it has.
    const source = PUBLIC_SOURCES.find((p) => getPath(fe, p.at) !== undefined);
    if (source) {
      const ref = getPath(fe, source.at);
      const target = ctx.resolve(ref, source.type);
      r = target ? publicIp(target, source.noun) : isUnknown(ref) ? unknownAt(source.at, ref) : { redundancy: 'unknown', reason: `frontend ${String(feName)} uses a ${source.noun} that is not in the scan (${String(ref)})` };
    } else {
      const zones = getPath(fe, 'zones');
      if (isUnknown(zones)) r = unknownAt('frontendIPConfigurations.zones', zones);
      else if (Array.isArray(zones) && zones.length >= 2) r = { redundancy: 'zone', reason: `internal frontend ${String(feName)} lists zones [${zones.join(', ')}]: zone-redundant` };
      else if (Array.isArray(zones) && zones.length === 1) r = { redundancy: 'local', detail: 'zonal', reason: `internal frontend ${String(feName)} is pinned to zone ${zones[0]}` };
      else if (lb.apiVersion && lb.apiVersion < '2020-08-01') r = { redundancy: 'zone', reason: `internal frontend ${String(feName)} sets no zones with API ${lb.apiVersion} (before 2020-08-01): a Standard frontend without zones is zone-redundant` };
      else r = { redundancy: 'local', reason: `internal frontend ${String(feName)} sets no zones: with API versions from 2020-08-01 a Standard frontend without zones is not zone-redundant` };
    }
    if (r.redundancy === 'unknown') return r;
    if (!worst || ORDER.indexOf(r.redundancy) < ORDER.indexOf(worst.redundancy)) worst = r;
  }
  return { ...worst!, reason: `Standard load balancer; ${worst!.reason}` };
}

/**
 * Where one Traffic Manager endpoint serves from: its `endpointLocation`, else the location of the resource it targets
 * (known, or the expression that will place it), else nothing drcheck can read (an external endpoint known only by
 * its host name, a target outside the scan).
 */
function endpointRegion(e: Value, owner: NormalisedResource, ctx: RuleContext): { region: string } | { location: Unknown; resource: NormalisedResource } | undefined {
  const loc = getPath(e, 'properties.endpointLocation');
  if (typeof loc === 'string') return { region: regionKey(loc) };
  const target = ctx.resolve(getPath(e, 'properties.targetResourceId'));
  const where = target ? getPath(target.body, 'location') : loc;
  if (typeof where === 'string') return { region: regionKey(where) };
  if (isUnknown(where)) return { location: where, resource: target ?? owner };
  return undefined;
}

/**
 * Traffic Manager: routing between endpoints in two regions or more is the DR design. Endpoints placed by one location
 * only known at deployment (one expression, in one file) are in one region; endpoints drcheck cannot place leave the
 * verdict unknown unless two known regions already decide it.
 */
function trafficManager(tm: NormalisedResource, ctx: RuleContext): RuleResult {
  const method = getPath(tm.body, 'properties.trafficRoutingMethod');
  const endpoints = getPath(tm.body, 'properties.endpoints');
  if (isUnknown(endpoints)) return unknownAt('properties.endpoints', endpoints);
  const children = ['azureEndpoints', 'externalEndpoints', 'nestedEndpoints'].flatMap((k) => ctx.children(tm, `Microsoft.Network/trafficmanagerprofiles/${k}`));
  const all = [...(Array.isArray(endpoints) ? endpoints.map((e) => ({ e, owner: tm })) : []), ...children.map((c) => ({ e: c.body as Value, owner: c }))];
  const regions = new Set<string>();
  const placements: Array<{ location: Unknown; resource: NormalisedResource }> = [];
  let unplaced = 0;
  for (const { e, owner } of all) {
    const r = endpointRegion(e, owner, ctx);
    if (!r) unplaced++;
    else if ('region' in r) regions.add(r.region);
    else if (!placements.some((p) => samePlacement(p, r))) placements.push(r);
  }
  const n = all.length;
  const across = `${n} endpoints in ${regions.size} regions (${[...regions].join(', ')})`;
  if (regions.size >= 2) {
    if (eqi(method, 'Priority')) return { redundancy: 'geo', reason: `Priority routing across ${across}: active/passive failover between regions` };
    return { redundancy: 'multi-region', reason: `${String(method ?? 'Performance')} routing across ${across}: traffic served from several regions` };
  }
  if (regions.size + placements.length + unplaced < 2) {
    const where = regions.size ? ` in ${[...regions][0]}` : placements.length ? `, all placed by ${placements[0].location.brief()}` : '';
    const count = `${n} endpoint${n === 1 ? '' : 's'}`;
    return { redundancy: 'local', reason: `Traffic Manager profile routes to ${count}${n > 1 ? where.replace(/^ in /, ', all in ') : where}: no second region to fail over to` };
  }
  const open = [unplaced ? `${unplaced} endpoint${unplaced === 1 ? '' : 's'} with neither endpointLocation nor a target resource in the scan` : '', placements.length ? `locations only known at deployment (${placements.map((p) => `${p.resource.name ?? p.resource.address} at ${p.location.brief()}`).join(', ')})` : '']
    .filter(Boolean)
    .join(' and ');
  return { redundancy: 'unknown', reason: `Traffic Manager profile routes to ${n} endpoints, whose regions cannot be decided statically: ${open}${regions.size ? `; known: ${[...regions].join(', ')}` : ''}` };
}

/** Azure Load Balancer, the public IPs in front of it, and Traffic Manager (the article's global-routing note). */
const loadBalancerEntry: CatalogEntry = {
  id: 'load-balancer',
  displayName: 'Azure Load Balancer (with Public IP and Traffic Manager)',
  section: 'stateless-foundational',
  armTypes: ['Microsoft.Network/loadBalancers', 'Microsoft.Network/loadBalancers/backendAddressPools', 'Microsoft.Network/loadBalancers/inboundNatRules', 'Microsoft.Network/publicIPAddresses', 'Microsoft.Network/publicIPPrefixes', 'Microsoft.Network/trafficmanagerprofiles', 'Microsoft.Network/trafficmanagerprofiles/azureEndpoints', 'Microsoft.Network/trafficmanagerprofiles/externalEndpoints', 'Microsoft.Network/trafficmanagerprofiles/nestedEndpoints'],
  terraformTypes: ['azurerm_lb', 'azurerm_lb_backend_address_pool', 'azurerm_lb_rule', 'azurerm_lb_probe', 'azurerm_public_ip', 'azurerm_public_ip_prefix', 'azurerm_traffic_manager_profile', 'azurerm_traffic_manager_azure_endpoint', 'azurerm_traffic_manager_external_endpoint', 'azurerm_traffic_manager_nested_endpoint'],
  stateful: false,
  responsibility: { component: 'Customer', workload: 'Customer' },
  contosoSku: 'Standard',
  uplift: [
    { title: 'Use zone-redundant frontends: the data path survives as long as one zone in the region is healthy', url: 'https://learn.microsoft.com/azure/load-balancer/load-balancer-standard-availability-zones', reaches: 'zone' },
    { title: 'Add a cross-region load balancer in front of regional load balancers', url: 'https://learn.microsoft.com/azure/load-balancer/cross-region-overview#build-cross-region-solution-on-existing-azure-load-balancer', reaches: 'multi-region' },
    { title: 'Route between regions with Azure Traffic Manager (DNS-based)', url: 'https://learn.microsoft.com/azure/traffic-manager/traffic-manager-overview', reaches: 'geo' },
  ],
  caveats: ['Traffic Manager is DNS-based: failover speed depends on DNS TTLs and client caching.', 'A Standard public IP without zones is zone-redundant only with API versions before 2020-08-01.'],
  secondaryRegionDeployment: true,
  rule: {
    appliesTo: ['Microsoft.Network/loadBalancers', 'Microsoft.Network/publicIPAddresses', 'Microsoft.Network/trafficmanagerprofiles'],
    evaluate(resource, ctx) {
      const t = resource.type.toLowerCase();
      if (t === LB) return loadBalancer(resource, ctx);
      if (t === PIP) return publicIp(resource);
      return trafficManager(resource, ctx);
    },
  },
};

export default loadBalancerEntry;
