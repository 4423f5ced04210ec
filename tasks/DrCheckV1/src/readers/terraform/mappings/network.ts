/** azurerm mappings for networking: gateways, public IPs, load balancers, firewalls, Traffic Manager, ExpressRoute. */
import { isUnknown, withoutAlternatives, type Value } from '../../../../../../shared/model/value';
import { block, mapBlocks, clean, armBody, unknownDefault, type Attrs, type Mapper, type ProviderInfo } from './types';

/**
 * azurerm 3.x defaulted `sku` to Basic for public IPs and load balancers; 4.x defaults to Standard (4.0 upgrade guide).
 * Decided when the root module's lock file or `required_providers` settles the major version; unknown otherwise.
 */
const skuOrDefault = (v: Value | undefined, what: string, provider: ProviderInfo | undefined): Value =>
  v ?? (provider?.azurermMajor === 4 ? 'Standard' : provider?.azurermMajor === 3 ? 'Basic' : unknownDefault(`${what} sku`, 'its default depends on the azurerm version (Basic in 3.x, Standard in 4.x), which neither required_providers nor .terraform.lock.hcl of the root module settles'));

/**
 * The SKU a public IP without `sku` must have whatever the azurerm version: the provider's documentation says "Public IP
 * Standard SKUs require `allocation_method` to be set to `Static`", so a Dynamic one is Basic. Undefined otherwise.
 */
const publicIpSkuFromArguments = (a: Attrs): string | undefined =>
  typeof a.allocation_method === 'string' && a.allocation_method.toLowerCase() === 'dynamic' ? 'Basic' : undefined;

const publicIp: Mapper = (a, provider) => ({
  type: 'Microsoft.Network/publicIPAddresses',
  body: armBody(a, { sku: clean({ name: skuOrDefault(a.sku ?? publicIpSkuFromArguments(a), 'public IP', provider), tier: a.sku_tier }), properties: clean({ publicIPAllocationMethod: a.allocation_method }) }),
});

const gateway: Mapper = (a) => ({
  type: 'Microsoft.Network/virtualNetworkGateways',
  body: armBody(a, {
    properties: clean({
      gatewayType: a.type,
      vpnType: a.vpn_type,
      activeActive: a.active_active,
      sku: { name: a.sku ?? null, tier: a.sku ?? null },
      ipConfigurations: mapBlocks(a, 'ip_configuration', (c) => ({ name: c.name ?? 'default', properties: { publicIPAddress: { id: c.public_ip_address_id ?? null } } })),
    }),
  }),
});

const loadBalancer: Mapper = (a, provider) => ({
  type: 'Microsoft.Network/loadBalancers',
  body: armBody(a, {
    sku: clean({ name: skuOrDefault(a.sku, 'load balancer', provider), tier: a.sku_tier }),
    properties: {
      frontendIPConfigurations: mapBlocks(a, 'frontend_ip_configuration', (f) => clean({ name: f.name, zones: f.zones, properties: clean({ publicIPAddress: f.public_ip_address_id !== undefined ? { id: f.public_ip_address_id } : undefined, subnet: f.subnet_id !== undefined ? { id: f.subnet_id } : undefined }) })),
    },
  }),
});

/**
 * A firewall's `virtual_hub` block is its ARM `virtualHub`; a dynamic one whose for_each is not known leaves whether the
 * firewall is in a hub at all unknown (the whole `virtualHub`, not just its id).
 */
const virtualHubOf = (a: Attrs): Value | undefined => {
  if (isUnknown(a.virtual_hub)) return withoutAlternatives(a.virtual_hub);
  const hub = block(a, 'virtual_hub');
  return hub ? { id: hub.virtual_hub_id ?? null } : undefined;
};

const firewall: Mapper = (a) => ({
  type: 'Microsoft.Network/azureFirewalls',
  body: armBody(a, { properties: clean({ sku: clean({ name: a.sku_name, tier: a.sku_tier }), virtualHub: virtualHubOf(a), firewallPolicy: a.firewall_policy_id !== undefined ? { id: a.firewall_policy_id } : undefined }) }),
});

const trafficManager: Mapper = (a) => ({ type: 'Microsoft.Network/trafficmanagerprofiles', body: clean({ location: 'global', tags: a.tags, properties: { trafficRoutingMethod: a.traffic_routing_method ?? null, endpoints: [] } }) });

const tmEndpoint = (kind: string): Mapper => (a) => ({
  type: `Microsoft.Network/trafficmanagerprofiles/${kind}`,
  body: { properties: clean({ target: a.target, targetResourceId: a.target_resource_id, endpointLocation: a.endpoint_location }) },
});

const expressRoute: Mapper = (a) => {
  const sku = block(a, 'sku');
  return { type: 'Microsoft.Network/expressRouteCircuits', body: armBody(a, { sku: clean({ tier: sku?.tier, family: sku?.family }), properties: { serviceProviderProperties: clean({ serviceProviderName: a.service_provider_name, peeringLocation: a.peering_location, bandwidthInMbps: a.bandwidth_in_mbps }) } }) };
};

/** A gateway's connection: `type` (IPsec, Vnet2Vnet or ExpressRoute) decides whether it configures a VPN or ExpressRoute. */
const connection: Mapper = (a) => ({
  type: 'Microsoft.Network/connections',
  body: armBody(a, { properties: clean({ connectionType: a.type, virtualNetworkGateway1: a.virtual_network_gateway_id !== undefined ? { id: a.virtual_network_gateway_id } : undefined, peer: a.express_route_circuit_id !== undefined ? { id: a.express_route_circuit_id } : undefined }) }),
});

export const NETWORK_MAPPINGS: Record<string, Mapper> = {
  azurerm_public_ip: publicIp,
  azurerm_virtual_network_gateway: gateway,
  azurerm_lb: loadBalancer,
  azurerm_firewall: firewall,
  azurerm_traffic_manager_profile: trafficManager,
  azurerm_traffic_manager_azure_endpoint: tmEndpoint('azureEndpoints'),
  azurerm_traffic_manager_external_endpoint: tmEndpoint('externalEndpoints'),
  azurerm_traffic_manager_nested_endpoint: tmEndpoint('nestedEndpoints'),
  azurerm_express_route_circuit: expressRoute,
  azurerm_virtual_network_gateway_connection: connection,
};
