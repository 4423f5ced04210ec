import type { CatalogEntry } from '../types';

/** Azure Active Directory / Microsoft Entra ID, including role entitlements (RBAC). */
const entraId: CatalogEntry = {
  id: 'entra-id',
  displayName: 'Microsoft Entra ID (Azure AD) incl. role entitlements',
  section: 'stateful-foundational',
  armTypes: ['Microsoft.Authorization/roleAssignments', 'Microsoft.Authorization/roleDefinitions'],
  terraformTypes: ['azurerm_role_assignment', 'azurerm_role_definition'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Microsoft' },
  contosoSku: 'Premium P1',
  uplift: [
    {
      title: "Azure AD's resiliency is part of its SaaS offering (backup authentication service)",
      url: 'https://azure.microsoft.com/en-us/blog/advancing-service-resilience-in-azure-active-directory-with-its-backup-authentication-service/',
      reaches: 'managed',
    },
  ],
  caveats: ['Role assignments are scoped: resources redeployed in a secondary region need their own assignments.'],
  defaultRedundancy: 'managed',
  defaultReason: "Entra ID and its role entitlements are recovered by Microsoft as part of the SaaS offering",
};

export default entraId;
