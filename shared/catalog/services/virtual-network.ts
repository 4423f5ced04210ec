import type { CatalogEntry } from '../types';

/** Virtual networks, including subnets, route tables (UDRs) and network security groups. */
const virtualNetwork: CatalogEntry = {
  id: 'virtual-network',
  displayName: 'Virtual networks (subnets, UDRs, NSGs)',
  section: 'stateless-foundational',
  armTypes: ['Microsoft.Network/virtualNetworks', 'Microsoft.Network/virtualNetworks/subnets', 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings', 'Microsoft.Network/routeTables', 'Microsoft.Network/routeTables/routes', 'Microsoft.Network/networkSecurityGroups', 'Microsoft.Network/networkSecurityGroups/securityRules'],
  terraformTypes: ['azurerm_virtual_network', 'azurerm_subnet', 'azurerm_virtual_network_peering', 'azurerm_route_table', 'azurerm_route', 'azurerm_network_security_group', 'azurerm_network_security_rule', 'azurerm_subnet_route_table_association', 'azurerm_subnet_network_security_group_association'],
  stateful: false,
  responsibility: { component: 'Customer', workload: 'Customer' },
  contosoSku: 'N/A',
  uplift: [{ title: 'VNets can be replicated into the secondary, paired region', url: 'https://learn.microsoft.com/azure/virtual-network/virtual-network-disaster-recovery-guidance#business-continuity', reaches: 'geo' }],
  caveats: ['A replica VNet with the same address space cannot be connected to on-premises at the same time as the primary: connect the surviving one at disaster time.'],
  secondaryRegionDeployment: true,
  rule: {
    appliesTo: ['Microsoft.Network/virtualNetworks', 'Microsoft.Network/routeTables', 'Microsoft.Network/networkSecurityGroups'],
    evaluate(resource) {
      const kind = resource.type.split('/').pop();
      return { redundancy: 'local', reason: `a ${kind === 'virtualNetworks' ? 'virtual network' : kind === 'routeTables' ? 'route table' : 'network security group'} exists in one region; recovering it means redeploying it from source control in another region` };
    },
  },
};

export default virtualNetwork;
