import type { CatalogEntry } from '../types';

/** Azure Cognitive Services / Azure AI services accounts. */
const cognitiveServices: CatalogEntry = {
  id: 'cognitive-services',
  displayName: 'Azure Cognitive Services',
  section: 'stateless-data-platform',
  armTypes: ['Microsoft.CognitiveServices/accounts', 'Microsoft.CognitiveServices/accounts/deployments'],
  terraformTypes: ['azurerm_cognitive_account', 'azurerm_cognitive_deployment'],
  stateful: false,
  responsibility: { component: 'Microsoft', workload: 'Microsoft' },
  contosoSku: 'Pay As You Go',
  uplift: [{ title: 'N/A, the APIs for Cognitive Services are hosted by Microsoft-managed data centers', url: 'https://learn.microsoft.com/azure/cognitive-services/what-are-cognitive-services#regional-availability', reaches: 'managed' }],
  caveats: ["If Cognitive Services are deployed as customer-run Docker containers, recovery remains the customer's responsibility."],
  docs: 'https://learn.microsoft.com/azure/cognitive-services/cognitive-services-container-support',
  defaultRedundancy: 'managed',
  defaultReason: 'the APIs are hosted in Microsoft-managed datacenters (Microsoft recovers them)',
};

export default cognitiveServices;
