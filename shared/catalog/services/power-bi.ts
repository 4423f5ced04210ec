import type { CatalogEntry } from '../types';

/** Power BI (lives in the Office 365 tenancy; capacities are the only Azure resources). */
const powerBi: CatalogEntry = {
  id: 'power-bi',
  displayName: 'Power BI',
  section: 'stateful-data-platform',
  armTypes: ['Microsoft.PowerBIDedicated/capacities', 'Microsoft.Fabric/capacities'],
  terraformTypes: ['azurerm_powerbi_embedded', 'azurerm_fabric_capacity'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Microsoft' },
  contosoSku: 'Power BI Pro',
  uplift: [{ title: "N/A, Power BI's resiliency is part of its SaaS offering", url: 'https://learn.microsoft.com/power-bi/enterprise/service-admin-failover#what-is-a-power-bi-failover-', reaches: 'managed' }],
  caveats: [
    'Power BI resides in the Office 365 tenancy, not that of Azure.',
    'Power BI uses Azure availability zones to protect reports, applications and data from datacenter failures.',
    'In a regional failure Power BI fails over to a new region, usually in the same geography (Microsoft Trust Center); during failover it is read-only.',
  ],
  docs: 'https://learn.microsoft.com/power-bi/enterprise/service-admin-failover#what-does--high-availability--mean-for-power-bi-',
  defaultRedundancy: 'managed',
  defaultReason: "Power BI's resiliency is part of its SaaS offering (Microsoft fails it over to another region)",
};

export default powerBi;
