import type { CatalogEntry } from '../types';
import { getPath, eqi, isUnknown } from '../../model/value';
import { isConnection, isExpressRouteConnection, unknownAt, virtualWanGateway } from '../rules/common';

/**
 * ExpressRoute circuits, their peerings, ExpressRoute gateways (of a virtual network or a Virtual WAN hub) and the
 * connections between a gateway and a circuit.
 */
const expressRoute: CatalogEntry = {
  id: 'expressroute',
  displayName: 'ExpressRoute circuit',
  resourceName: (r) =>
    /^microsoft\.network\/expressroutegateways$/i.test(r.type) ? 'Virtual WAN ExpressRoute gateway' : /^microsoft\.network\/virtualnetworkgateways$/i.test(r.type) ? 'ExpressRoute gateway' : undefined,
  section: 'stateless-foundational',
  armTypes: ['Microsoft.Network/expressRouteCircuits', 'Microsoft.Network/expressRouteCircuits/peerings', 'Microsoft.Network/expressRouteCircuits/authorizations', 'Microsoft.Network/virtualNetworkGateways', 'Microsoft.Network/expressRouteGateways', 'Microsoft.Network/connections'],
  // A gateway's connection to a circuit holds no data: it configures the gateway, whose redundancy the connection has.
  settingTypes: ['Microsoft.Network/connections'],
  owns: (r) => !isConnection(r) || isExpressRouteConnection(r),
  terraformTypes: ['azurerm_express_route_circuit', 'azurerm_express_route_circuit_peering', 'azurerm_express_route_circuit_authorization', 'azurerm_express_route_gateway'],
  stateful: false,
  responsibility: { component: 'Customer, connectivity partner and Microsoft', workload: 'Connectivity partner and Microsoft' },
  contosoSku: 'Standard',
  uplift: [
    { title: 'Use private peering designed for disaster recovery, delivering a geo-redundant service', url: 'https://learn.microsoft.com/azure/expressroute/designing-for-disaster-recovery-with-expressroute-privatepeering', reaches: 'geo' },
    { title: 'ExpressRoute high availability designs', url: 'https://learn.microsoft.com/azure/expressroute/designing-for-high-availability-with-expressroute' },
    { title: 'Use a Site-to-Site VPN connection as a backup for ExpressRoute', url: 'https://learn.microsoft.com/azure/expressroute/use-s2s-vpn-as-backup-for-expressroute-privatepeering' },
  ],
  caveats: [
    'Each circuit has inbuilt redundancy: two connections to two Microsoft Enterprise Edge routers (MSEEs) at one ExpressRoute location.',
    'An ExpressRoute Premium circuit enables access to all Azure regions globally.',
  ],
  docs: 'https://learn.microsoft.com/azure/expressroute/expressroute-introduction#redundancy',
  // A gateway in a second hub region is the spare; a circuit's geo redundancy is a second peering location (its rule).
  secondaryRegionDeployment: ['Microsoft.Network/virtualNetworkGateways', 'Microsoft.Network/expressRouteGateways'],
  rule: {
    appliesTo: ['Microsoft.Network/expressRouteCircuits', 'Microsoft.Network/virtualNetworkGateways', 'Microsoft.Network/expressRouteGateways'],
    match: (r) => r.type.toLowerCase() !== 'microsoft.network/virtualnetworkgateways' || eqi(getPath(r.body, 'properties.gatewayType'), 'ExpressRoute'),
    evaluate(resource, ctx) {
      if (resource.type.toLowerCase() === 'microsoft.network/expressroutegateways') return virtualWanGateway('ExpressRoute');
      if (resource.type.toLowerCase() === 'microsoft.network/virtualnetworkgateways') {
        const sku = getPath(resource.body, 'properties.sku.name');
        if (isUnknown(sku)) return unknownAt('properties.sku.name', sku);
        if (typeof sku === 'string' && (/AZ$/i.test(sku) || /^ErGwScale$/i.test(sku))) return { redundancy: 'zone', reason: `properties.sku.name is ${sku}: a zone-redundant ExpressRoute gateway` };
        return { redundancy: 'local', reason: `properties.sku.name is ${typeof sku === 'string' ? sku : 'not set'}: the ExpressRoute gateway is not zone-redundant (use an ErGw#AZ SKU)` };
      }
      const here = getPath(resource.body, 'properties.serviceProviderProperties.peeringLocation');
      if (isUnknown(here)) return unknownAt('properties.serviceProviderProperties.peeringLocation', here);
      const others = ctx.ofType('Microsoft.Network/expressRouteCircuits').filter((r) => r !== resource);
      const distinct = others.map((o) => getPath(o.body, 'properties.serviceProviderProperties.peeringLocation')).find((l) => typeof l === 'string' && typeof here === 'string' && l.toLowerCase() !== here.toLowerCase());
      if (typeof distinct === 'string') return { redundancy: 'geo', reason: `another circuit in this scan peers at ${distinct}, a different location from ${here}: connectivity survives the loss of one peering location` };
      return { redundancy: 'local', reason: `one circuit${typeof here === 'string' ? ` at ${here}` : ''}: two connections to two MSEEs at a single ExpressRoute location` };
    },
  },
};

export default expressRoute;
