import type { CatalogEntry } from '../types';
import { getPath, isUnknown, eqi } from '../../model/value';
import { isExpressRouteConnection, unknownAt, virtualWanGateway } from '../rules/common';

/** A Virtual WAN hub's site-to-site or point-to-site VPN gateway: it has no SKU or zone setting of its own. */
const VWAN_GATEWAY = /^microsoft\.network\/(vpngateways|p2svpngateways)$/i;

/**
 * VPN gateways: virtual network gateways of type Vpn (with their public IPs, local network gateways and connections), and
 * the site-to-site and point-to-site VPN gateways of a Virtual WAN hub.
 */
const vpnGateway: CatalogEntry = {
  id: 'vpn-gateway',
  displayName: 'VPN Gateway',
  section: 'stateless-foundational',
  resourceName: (r) => (VWAN_GATEWAY.test(r.type) ? 'Virtual WAN VPN gateway' : undefined),
  armTypes: ['Microsoft.Network/virtualNetworkGateways', 'Microsoft.Network/localNetworkGateways', 'Microsoft.Network/connections', 'Microsoft.Network/vpnGateways', 'Microsoft.Network/p2sVpnGateways'],
  // The on-premises side of a site-to-site VPN and the connection to it: they hold no data and configure the gateway,
  // whose redundancy is what the connection has.
  settingTypes: ['Microsoft.Network/localNetworkGateways', 'Microsoft.Network/connections'],
  // A connection of type ExpressRoute is the ExpressRoute circuit's.
  owns: (r) => !isExpressRouteConnection(r),
  terraformTypes: ['azurerm_virtual_network_gateway', 'azurerm_local_network_gateway', 'azurerm_virtual_network_gateway_connection', 'azurerm_vpn_gateway', 'azurerm_point_to_site_vpn_gateway'],
  stateful: false,
  responsibility: { component: 'Customer', workload: 'Customer' },
  contosoSku: 'Single Zone - VpnGw1',
  uplift: [{ title: 'Deploy the VPN gateway into availability zones with the VpnGw#AZ SKUs for a zone-redundant service', url: 'https://learn.microsoft.com/azure/vpn-gateway/about-zone-redundant-vnet-gateways', reaches: 'zone' }],
  caveats: ['A regional disaster needs a gateway in the secondary region (redeploy, or pre-deploy for a warm spare).', 'Legacy Basic/Standard/HighPerformance SKUs are being migrated to VpnGw#AZ SKUs.'],
  docs: 'https://learn.microsoft.com/en-us/azure/availability-zones/az-overview',
  secondaryRegionDeployment: true,
  rule: {
    appliesTo: ['Microsoft.Network/virtualNetworkGateways', 'Microsoft.Network/vpnGateways', 'Microsoft.Network/p2sVpnGateways'],
    match: (r) => {
      if (VWAN_GATEWAY.test(r.type)) return true;
      const t = getPath(r.body, 'properties.gatewayType');
      return t === undefined || isUnknown(t) || eqi(t, 'Vpn');
    },
    evaluate(resource, ctx) {
      if (VWAN_GATEWAY.test(resource.type)) return virtualWanGateway('VPN');
      const sku = getPath(resource.body, 'properties.sku.name');
      if (isUnknown(sku)) return unknownAt('properties.sku.name', sku);
      if (typeof sku !== 'string') return { redundancy: 'unknown', reason: 'properties.sku.name is not set' };
      if (/^Basic$/i.test(sku)) return { redundancy: 'none', reason: `properties.sku.name is ${sku}: a single-instance gateway without availability zone support` };
      if (!/AZ$/i.test(sku)) return { redundancy: 'local', reason: `properties.sku.name is ${sku}: not an availability-zone SKU, so the gateway's instances are not spread across availability zones` };
      // An AZ SKU is only zone-redundant if its public IPs are.
      const configs = getPath(resource.body, 'properties.ipConfigurations');
      if (Array.isArray(configs)) {
        for (const c of configs) {
          const ref = getPath(c, 'properties.publicIPAddress.id');
          const pip = ctx.resolve(ref, 'Microsoft.Network/publicIPAddresses');
          const zones = pip ? getPath(pip.body, 'zones') : undefined;
          if (pip && Array.isArray(zones) && zones.length === 1) {
            return { redundancy: 'local', detail: 'zonal', reason: `properties.sku.name is ${sku} but public IP ${pip.name ?? pip.address} is pinned to zone ${zones[0]}: the gateway is zonal, not zone-redundant` };
          }
        }
      }
      return { redundancy: 'zone', reason: `properties.sku.name is ${sku}: a zone-redundant gateway` };
    },
  },
};

export default vpnGateway;
