import type { CatalogEntry, RuleFinding } from '../types';
import { getPath, isUnknown } from '../../model/value';

/** Azure Key Vault: Microsoft replicates vault contents to the paired region and fails over automatically. */
const keyVault: CatalogEntry = {
  id: 'key-vault',
  displayName: 'Azure Key Vault',
  section: 'stateful-foundational',
  armTypes: ['Microsoft.KeyVault/vaults', 'Microsoft.KeyVault/managedHSMs', 'Microsoft.KeyVault/vaults/secrets', 'Microsoft.KeyVault/vaults/keys', 'Microsoft.KeyVault/vaults/accessPolicies'],
  terraformTypes: ['azurerm_key_vault', 'azurerm_key_vault_managed_hardware_security_module'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Microsoft' },
  contosoSku: 'N/A',
  uplift: [{ title: 'N/A, covered as part of the Azure service (contents replicated to the paired region)', url: 'https://learn.microsoft.com/azure/key-vault/general/disaster-recovery-guidance', reaches: 'managed' }],
  caveats: [
    'During a regional failover the vault is read-only: no changes to keys, secrets, access policies or firewall until failback.',
    'Purge protection keeps deleted vaults and objects recoverable for the retention period; without it a deletion can be made permanent.',
  ],
  docs: 'https://learn.microsoft.com/azure/key-vault/general/disaster-recovery-guidance',
  rule: {
    appliesTo: ['Microsoft.KeyVault/vaults'],
    evaluate(resource) {
      const findings: RuleFinding[] = [];
      const purge = getPath(resource.body, 'properties.enablePurgeProtection');
      const softDelete = getPath(resource.body, 'properties.enableSoftDelete');
      const softUplift = [{ title: 'Enable purge protection (irreversible) so deleted vaults and keys stay recoverable', url: 'https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview#purge-protection' }];
      if (isUnknown(purge)) {
        findings.push({ check: 'purge-protection', severity: 'note', message: `Key Vault '${resource.name ?? resource.address}': purge protection cannot be decided statically (${purge.toString()}).`, uplift: softUplift });
      } else if (purge !== true) {
        findings.push({ check: 'purge-protection', severity: 'warning', message: `Key Vault '${resource.name ?? resource.address}' has purge protection ${purge === false ? 'disabled' : 'not enabled'}: a deleted vault or key can be purged and lost for good.`, uplift: softUplift });
      }
      if (softDelete === false) {
        findings.push({ check: 'soft-delete', severity: 'warning', message: `Key Vault '${resource.name ?? resource.address}' sets enableSoftDelete to false: deleted secrets and keys cannot be recovered.`, uplift: softUplift });
      }
      return { redundancy: 'managed', detail: 'geo-platform', reason: 'Microsoft replicates the vault to the paired region and fails over automatically (read-only during failover)', findings };
    },
  },
};

export default keyVault;
