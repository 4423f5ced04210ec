import { platformEntry } from '../rules/platform';

/** Cost Management: exports, scheduled actions and budgets. */
export default platformEntry({
  id: 'cost-management',
  displayName: 'Cost Management',
  armTypes: ['Microsoft.CostManagement/exports', 'Microsoft.CostManagement/scheduledActions', 'Microsoft.Consumption/budgets'],
  terraformTypes: [
    'azurerm_subscription_cost_management_export',
    'azurerm_resource_group_cost_management_export',
    'azurerm_cost_management_scheduled_action',
    'azurerm_consumption_budget_subscription',
    'azurerm_consumption_budget_resource_group',
    'azurerm_consumption_budget_management_group',
  ],
});
