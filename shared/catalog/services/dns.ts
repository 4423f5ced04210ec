import { platformEntry } from '../rules/platform';

/** Azure DNS: public and private zones (global, highly available by design). */
export default platformEntry({
  id: 'dns',
  displayName: 'Azure DNS',
  armTypes: ['Microsoft.Network/dnsZones', 'Microsoft.Network/privateDnsZones', 'Microsoft.Network/privateDnsZones/virtualNetworkLinks'],
  terraformTypes: ['azurerm_dns_zone', 'azurerm_dns_a_record', 'azurerm_dns_cname_record', 'azurerm_private_dns_zone', 'azurerm_private_dns_zone_virtual_network_link'],
  contosoSku: 'Single Zone - Public',
  uplift: [{ title: 'N/A, DNS is highly available by design', url: 'https://learn.microsoft.com/azure/dns/dns-overview', reaches: 'managed' }],
  caveats: ['Private DNS zones should also be linked to the virtual networks in the secondary region, and record TTLs kept short enough to meet the RTO.'],
  defaultReason: 'Azure DNS is highly available by design (Microsoft recovers it)',
});
