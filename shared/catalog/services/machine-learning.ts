import type { CatalogEntry } from '../types';

/** Azure Machine Learning workspaces and compute. */
const machineLearning: CatalogEntry = {
  id: 'machine-learning',
  displayName: 'Azure Machine Learning',
  section: 'stateful-data-platform',
  armTypes: ['Microsoft.MachineLearningServices/workspaces', 'Microsoft.MachineLearningServices/workspaces/computes'],
  terraformTypes: ['azurerm_machine_learning_workspace', 'azurerm_machine_learning_compute_cluster', 'azurerm_machine_learning_compute_instance'],
  stateful: true,
  responsibility: { component: 'Customer and Microsoft', workload: 'Customer' },
  contosoSku: 'General Purpose, D Series instances',
  uplift: [
    { title: "Make the services Azure Machine Learning depends on in the customer's subscription highly available", url: 'https://learn.microsoft.com/azure/machine-learning/how-to-high-availability-machine-learning#understand-azure-services-for-azure-machine-learning' },
    { title: 'Uplift resiliency with a multi-regional deployment', url: 'https://learn.microsoft.com/azure/machine-learning/how-to-high-availability-machine-learning#plan-for-multi-regional-deployment', reaches: 'geo' },
  ],
  caveats: ["Azure Machine Learning itself doesn't provide automatic failover or disaster recovery.", 'Its storage account, key vault, container registry and Application Insights are judged on their own.'],
  docs: 'https://learn.microsoft.com/azure/machine-learning/how-to-high-availability-machine-learning',
  secondaryRegionDeployment: true,
  rule: {
    appliesTo: ['Microsoft.MachineLearningServices/workspaces'],
    evaluate() {
      return { redundancy: 'local', reason: 'a single workspace: Azure Machine Learning provides no automatic failover or disaster recovery' };
    },
  },
};

export default machineLearning;
