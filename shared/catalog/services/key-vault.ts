import type { CatalogEntry, RuleFinding, RuleResult } from '../types';
import type { NormalisedResource } from '../../model/resource';
import { getPath, isUnknown, regionKey } from '../../model/value';
import { unknownAt } from '../rules/common';

const MHSM_REPLICATION = 'https://learn.microsoft.com/azure/key-vault/managed-hsm/multi-region-replication';

/**
 * Managed HSM does not follow the vaults' model: a pool lives in one region (three HSM partitions spread across it) and
 * Microsoft does not copy it to the paired region. Multi-region replication extends the pool to one more region (an
 * "extended region": both serve requests, keys, roles and permissions are replicated), which ARM lists in
 * `properties.regions` (`{ name, isPrimary }`, https://learn.microsoft.com/azure/templates/microsoft.keyvault/managedhsms).
 * Without it a lost region is recovered from a full HSM backup and the security domain, into a new HSM with another name
 * (https://learn.microsoft.com/azure/key-vault/managed-hsm/disaster-recovery-guide). The docs promise high availability
 * within the region, not zone redundancy, so a single-region pool is `local`.
 */
function judgeManagedHsm(resource: NormalisedResource): RuleResult {
  const regions = getPath(resource.body, 'properties.regions');
  if (isUnknown(regions)) return unknownAt('properties.regions', regions);
  const location = getPath(resource.body, 'location');
  const extended: string[] = [];
  for (const r of Array.isArray(regions) ? regions : []) {
    const name = getPath(r, 'name');
    if (isUnknown(name)) return unknownAt('properties.regions[].name', name);
    if (typeof name !== 'string' || getPath(r, 'isPrimary') === true) continue;
    if (typeof location === 'string' && regionKey(name) === regionKey(location)) continue;
    extended.push(name);
  }
  if (extended.length) {
    return { redundancy: 'geo', detail: 'geo-replica', reason: `properties.regions extends the HSM pool to ${extended.join(', ')}: keys, roles and permissions are replicated there and both regions serve requests` };
  }
  return { redundancy: 'local', reason: 'properties.regions adds no extended region: the HSM pool is in one region, and a region loss is recovered only from an HSM backup and the security domain' };
}

/** Azure Key Vault: Microsoft replicates vault contents to the paired region and fails over automatically; Managed HSM pools are judged on their regions. */
const keyVault: CatalogEntry = {
  id: 'key-vault',
  displayName: 'Azure Key Vault',
  section: 'stateful-foundational',
  armTypes: ['Microsoft.KeyVault/vaults', 'Microsoft.KeyVault/managedHSMs', 'Microsoft.KeyVault/vaults/secrets', 'Microsoft.KeyVault/vaults/keys', 'Microsoft.KeyVault/vaults/accessPolicies'],
  terraformTypes: ['azurerm_key_vault', 'azurerm_key_vault_managed_hardware_security_module'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Microsoft' },
  contosoSku: 'N/A',
  uplift: [
    // The article's option, for vaults (which always pass): it claims no level, so a Managed HSM that fails gets the
    // option that does reach one first.
    { title: 'Vaults: N/A, covered as part of the Azure service (contents replicated to the paired region)', url: 'https://learn.microsoft.com/azure/key-vault/general/disaster-recovery-guidance' },
    { title: 'Managed HSM: enable multi-region replication to extend the HSM pool to a second region', url: MHSM_REPLICATION, reaches: 'geo' },
  ],
  caveats: [
    'During a regional failover the vault is read-only: no changes to keys, secrets, access policies or firewall until failback.',
    'Purge protection keeps deleted vaults and objects recoverable for the retention period; without it a deletion can be made permanent.',
    'Managed HSM is not replicated to the paired region: it stays in one region unless multi-region replication extends it to a second one; otherwise recovery needs an HSM backup and the security domain.',
  ],
  docs: 'https://learn.microsoft.com/azure/key-vault/general/disaster-recovery-guidance',
  rule: {
    appliesTo: ['Microsoft.KeyVault/vaults', 'Microsoft.KeyVault/managedHSMs'],
    evaluate(resource) {
      if (resource.type.toLowerCase() === 'microsoft.keyvault/managedhsms') return judgeManagedHsm(resource);
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
