import { platformEntry } from '../rules/platform';

/** Azure DDoS Protection plans. */
export default platformEntry({
  id: 'ddos-protection',
  displayName: 'Azure DDoS Protection',
  armTypes: ['Microsoft.Network/ddosProtectionPlans'],
  terraformTypes: ['azurerm_network_ddos_protection_plan'],
  responsibility: { component: 'Microsoft', workload: 'Customer' },
  contosoSku: 'DDoS Network Protection',
  uplift: [{ title: 'N/A, covered as part of the Azure service', url: 'https://learn.microsoft.com/azure/reliability/reliability-ddos', reaches: 'managed' }],
  caveats: ['Virtual networks redeployed in the secondary region must be associated with a DDoS protection plan again.'],
});
