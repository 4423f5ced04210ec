import { platformEntry } from '../rules/platform';

/** Microsoft Defender for Cloud: plans, contacts and workspace settings. */
export default platformEntry({
  id: 'defender-for-cloud',
  displayName: 'Microsoft Defender for Cloud',
  armTypes: ['Microsoft.Security/pricings', 'Microsoft.Security/securityContacts', 'Microsoft.Security/workspaceSettings', 'Microsoft.Security/autoProvisioningSettings'],
  terraformTypes: ['azurerm_security_center_subscription_pricing', 'azurerm_security_center_contact', 'azurerm_security_center_workspace', 'azurerm_security_center_auto_provisioning'],
});
