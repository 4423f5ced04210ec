import type { CatalogEntry } from '../types';

/** Azure Analysis Services servers. */
const analysisServices: CatalogEntry = {
  id: 'analysis-services',
  displayName: 'Azure Analysis Services',
  section: 'other-key-services',
  armTypes: ['Microsoft.AnalysisServices/servers'],
  terraformTypes: ['azurerm_analysis_services_server'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Customer (not stated in the article)' },
  contosoSku: 'Not stated in the article',
  uplift: [{ title: 'Follow the Analysis Services HA guidance: servers in other regions kept in sync by processing or backup/restore', url: 'https://learn.microsoft.com/azure/analysis-services/analysis-services-bcdr', reaches: 'geo' }],
  caveats: ['Scale-out query replicas are created in the same region: they are not a DR copy.'],
  secondaryRegionDeployment: true,
  rule: {
    appliesTo: ['Microsoft.AnalysisServices/servers'],
    evaluate() {
      return { redundancy: 'local', reason: 'a single server: models exist in one region (backups inherit their storage account redundancy)' };
    },
  },
};

export default analysisServices;
