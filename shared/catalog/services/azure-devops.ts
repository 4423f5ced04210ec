import type { CatalogEntry } from '../types';

/** Azure DevOps Services: the DevOps platform that holds the IaC and the pipelines that redeploy it. */
const azureDevOps: CatalogEntry = {
  id: 'azure-devops',
  displayName: 'Azure DevOps',
  section: 'stateful-foundational',
  armTypes: [],
  terraformTypes: [],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Microsoft' },
  contosoSku: 'DevOps Services',
  uplift: [{ title: 'DevOps service and data resiliency is part of its SaaS offering', url: 'https://learn.microsoft.com/azure/devops/organizations/security/data-protection?view=azure-devops#data-availability', reaches: 'managed' }],
  caveats: [
    "DevOps Server (on-premises) remains the customer's responsibility for disaster recovery.",
    "Third-party services (SonarCloud, JFrog Artifactory, Jenkins build servers, for example) remain the customer's responsibility.",
    "IaaS VMs used in the DevOps toolchain (self-hosted agents) remain the customer's responsibility.",
  ],
  defaultRedundancy: 'managed',
  defaultReason: 'Azure DevOps Services data is geo-replicated by Microsoft as part of the SaaS offering',
};

export default azureDevOps;
