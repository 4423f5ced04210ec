import type { CatalogEntry, RuleFinding } from '../types';
import { getPath, eqi } from '../../model/value';

/** Azure Synapse workspaces: pipelines and integration runtimes. */
const synapsePipelines: CatalogEntry = {
  id: 'synapse-pipelines',
  displayName: 'Azure Synapse: Pipelines',
  section: 'stateless-data-platform',
  armTypes: ['Microsoft.Synapse/workspaces', 'Microsoft.Synapse/workspaces/integrationRuntimes', 'Microsoft.Synapse/workspaces/firewallRules', 'Microsoft.Synapse/workspaces/managedIdentitySqlControlSettings'],
  terraformTypes: ['azurerm_synapse_workspace', 'azurerm_synapse_integration_runtime_azure', 'azurerm_synapse_integration_runtime_self_hosted', 'azurerm_synapse_firewall_rule'],
  stateful: false,
  responsibility: { component: 'Microsoft', workload: 'Customer' },
  contosoSku: 'Computed Optimized Gen2',
  uplift: [{ title: "N/A, Synapse resiliency is part of its SaaS offering using the automatic failover feature", url: 'https://learn.microsoft.com/azure/architecture/example-scenario/analytics/pipelines-disaster-recovery#set-up-automated-recovery', reaches: 'managed' }],
  caveats: ["If self-hosted integration runtimes are used, they remain the customer's responsibility for recovery from a disaster."],
  rule: {
    appliesTo: ['Microsoft.Synapse/workspaces', 'Microsoft.Synapse/workspaces/integrationRuntimes'],
    evaluate(resource) {
      const findings: RuleFinding[] = [];
      if (resource.type.toLowerCase().endsWith('/integrationruntimes')) {
        if (eqi(getPath(resource.body, 'properties.type'), 'SelfHosted')) {
          findings.push({ check: 'self-hosted-runtime', severity: 'note', message: `Self-hosted integration runtime '${resource.name ?? resource.address}': its machines are the customer's to recover (Azure Site Recovery is the usual way).`, uplift: [{ title: 'Protect self-hosted runtime VMs with Azure Site Recovery', url: 'https://learn.microsoft.com/azure/site-recovery/site-recovery-overview', reaches: 'geo' }] });
          return { redundancy: 'local', reason: 'a self-hosted integration runtime runs on customer machines', findings };
        }
        return { redundancy: 'managed', reason: 'an Azure integration runtime is managed by the service' };
      }
      const repo = getPath(resource.body, 'properties.workspaceRepositoryConfiguration.type');
      return { redundancy: 'managed', reason: `pipelines are recovered by the service${repo ? '; workspace artifacts are in source control' : '; workspace artifacts are not connected to source control'}` };
    },
  },
};

export default synapsePipelines;
