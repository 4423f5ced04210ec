import { getPath, isUnknown } from '../../model/value';
import { platformEntry } from '../rules/platform';
import { unknownAt } from '../rules/common';

/** Azure Monitor: alerts, action groups, diagnostic settings, Application Insights and Log Analytics workspaces. */
export default platformEntry({
  id: 'azure-monitor',
  displayName: 'Azure Monitor',
  armTypes: [
    'Microsoft.OperationalInsights/workspaces',
    'Microsoft.Insights/actionGroups',
    'Microsoft.Insights/metricAlerts',
    'Microsoft.Insights/activityLogAlerts',
    'Microsoft.Insights/scheduledQueryRules',
    'Microsoft.Insights/diagnosticSettings',
    'Microsoft.Insights/dataCollectionRules',
    'Microsoft.Insights/components',
    'Microsoft.OperationsManagement/solutions',
  ],
  terraformTypes: [
    'azurerm_log_analytics_workspace',
    'azurerm_monitor_action_group',
    'azurerm_monitor_metric_alert',
    'azurerm_monitor_activity_log_alert',
    'azurerm_monitor_scheduled_query_rules_alert_v2',
    'azurerm_monitor_diagnostic_setting',
    'azurerm_monitor_data_collection_rule',
    'azurerm_application_insights',
    'azurerm_log_analytics_solution',
  ],
  caveats: ['Log Analytics workspace replication (properties.replication) copies configuration and new data to a secondary region.'],
  rule: {
    appliesTo: ['Microsoft.OperationalInsights/workspaces'],
    evaluate(resource) {
      const enabled = getPath(resource.body, 'properties.replication.enabled');
      if (isUnknown(enabled)) return unknownAt('properties.replication.enabled', enabled);
      if (enabled === true) {
        const to = getPath(resource.body, 'properties.replication.location');
        return { redundancy: 'geo', detail: 'geo-replica', reason: `properties.replication.enabled is true: the workspace is replicated${typeof to === 'string' ? ` to ${to}` : ''}` };
      }
      return { redundancy: 'managed', reason: 'Azure Monitor: N/A, covered as part of the Azure service (workspace replication is not enabled)' };
    },
  },
});
