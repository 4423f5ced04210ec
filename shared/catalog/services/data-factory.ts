import type { CatalogEntry } from '../types';
import { getPath, eqi } from '../../model/value';
import { regionWithoutZones } from '../rules/regions';

/** Azure Data Factory: the article's example of a stateless component (pipelines redeployed from source control). */
const dataFactory: CatalogEntry = {
  id: 'data-factory',
  displayName: 'Azure Data Factory',
  section: 'stateful-vs-stateless-examples',
  armTypes: ['Microsoft.DataFactory/factories', 'Microsoft.DataFactory/factories/pipelines', 'Microsoft.DataFactory/factories/linkedservices', 'Microsoft.DataFactory/factories/datasets', 'Microsoft.DataFactory/factories/triggers', 'Microsoft.DataFactory/factories/integrationRuntimes'],
  terraformTypes: ['azurerm_data_factory', 'azurerm_data_factory_pipeline', 'azurerm_data_factory_integration_runtime_azure', 'azurerm_data_factory_integration_runtime_self_hosted', 'azurerm_data_factory_integration_runtime_azure_ssis'],
  stateful: false,
  responsibility: { component: 'Microsoft', workload: 'Customer (not stated in the article)' },
  contosoSku: 'Not stated in the article',
  uplift: [{ title: 'Redeploy pipelines from source control (Git integration + CI/CD) to a factory in another region, then smoke-test', url: 'https://learn.microsoft.com/azure/data-factory/continuous-integration-delivery', reaches: 'geo' }],
  caveats: ['Stateless: redeployed from source control with at least a smoke test.', "Self-hosted integration runtimes are the customer's to recover (Azure Site Recovery)."],
  docs: 'https://learn.microsoft.com/azure/reliability/reliability-data-factory',
  rule: {
    appliesTo: ['Microsoft.DataFactory/factories', 'Microsoft.DataFactory/factories/integrationRuntimes'],
    evaluate(resource) {
      if (resource.type.toLowerCase().endsWith('/integrationruntimes')) {
        if (eqi(getPath(resource.body, 'properties.type'), 'SelfHosted')) {
          return { redundancy: 'local', reason: 'a self-hosted integration runtime runs on customer machines', findings: [{ check: 'self-hosted-runtime', severity: 'note', message: `Self-hosted integration runtime '${resource.name ?? resource.address}': its machines are the customer's to recover.`, uplift: [{ title: 'Protect self-hosted runtime VMs with Azure Site Recovery', url: 'https://learn.microsoft.com/azure/site-recovery/site-recovery-overview', reaches: 'geo' }] }] };
        }
        return { redundancy: 'managed', reason: 'an Azure integration runtime is managed by the service' };
      }
      const repo = getPath(resource.body, 'properties.repoConfiguration.type');
      // The service is zone-redundant only where the region has availability zones.
      const noZones = regionWithoutZones(resource);
      const service = noZones ? `the factory service is Microsoft-managed, without zone redundancy in ${noZones} (a region without availability zones)` : 'the factory service is zone-redundant and Microsoft-managed';
      return { redundancy: 'managed', reason: `${service}; pipelines are ${repo ? 'in source control and redeployable' : 'not connected to source control'}` };
    },
  },
};

export default dataFactory;
