import type { CatalogEntry, RuleResult } from '../types';
import { getPath, isUnknown } from '../../model/value';
import { unknownAt, zonesResult } from '../rules/common';

/** Azure Firewall: highly available by design; availability zones make it zone-redundant. */
const firewall: CatalogEntry = {
  id: 'firewall',
  displayName: 'Azure Firewall',
  section: 'stateless-foundational',
  armTypes: ['Microsoft.Network/azureFirewalls', 'Microsoft.Network/firewallPolicies', 'Microsoft.Network/firewallPolicies/ruleCollectionGroups'],
  terraformTypes: ['azurerm_firewall', 'azurerm_firewall_policy', 'azurerm_firewall_policy_rule_collection_group'],
  stateful: false,
  responsibility: { component: 'Customer', workload: 'Customer' },
  contosoSku: 'Standard',
  uplift: [
    { title: 'Azure Firewall is highly available by design', url: 'https://learn.microsoft.com/azure/firewall/features#built-in-high-availability' },
    { title: 'Create the firewall with availability zones for increased availability', url: 'https://learn.microsoft.com/azure/firewall/deploy-availability-zone-powershell', reaches: 'zone' },
  ],
  caveats: ['A regional disaster needs a firewall in the secondary region; keep its policy in source control (firewallPolicies) to redeploy it.'],
  secondaryRegionDeployment: true,
  rule: {
    appliesTo: ['Microsoft.Network/azureFirewalls'],
    evaluate(resource) {
      // A secured virtual hub's firewall takes availability zones too (ALZ's parAzFirewallAvailabilityZones); without
      // them it is in the hub's one region, not zone-redundant; a second hub's firewall in another region is its spare.
      const hub = getPath(resource.body, 'properties.virtualHub');
      const noZones: RuleResult =
        hub === undefined || hub === null
          ? { redundancy: 'local', reason: 'zones is not set: the firewall is highly available within one zone-less deployment, not zone-redundant' }
          : isUnknown(hub)
            ? unknownAt('properties.virtualHub', hub)
            : { redundancy: 'local', reason: "zones is not set: a secured virtual hub (Virtual WAN) firewall without availability zones is highly available in the hub's one region, not zone-redundant" };
      return zonesResult(resource, 'the firewall', noZones);
    },
  },
};

export default firewall;
