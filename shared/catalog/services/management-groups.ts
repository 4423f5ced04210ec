import { platformEntry } from '../rules/platform';

/** Management groups: the governance hierarchy above subscriptions. */
export default platformEntry({
  id: 'management-groups',
  displayName: 'Management groups',
  armTypes: ['Microsoft.Management/managementGroups', 'Microsoft.Management/managementGroups/subscriptions'],
  terraformTypes: ['azurerm_management_group', 'azurerm_management_group_subscription_association'],
});
