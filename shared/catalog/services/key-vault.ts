import type { CatalogEntry, RuleFinding, RuleResult } from '../types';
import type { UpliftOption } from '../../model/posture';
import type { NormalisedResource } from '../../model/resource';
import { getPath, isUnknown, regionKey } from '../../model/value';
import { unknownAt } from '../rules/common';
import { pairedRegion } from '../rules/regions';

const MHSM_REPLICATION = 'https://learn.microsoft.com/azure/key-vault/managed-hsm/multi-region-replication';
const VAULT_DR = 'https://learn.microsoft.com/azure/key-vault/general/disaster-recovery-guidance';

const HSM_UPLIFT: UpliftOption = { title: 'Managed HSM: enable multi-region replication to extend the HSM pool to a second region', url: MHSM_REPLICATION, reaches: 'geo' };
const VAULT_UPLIFT: UpliftOption = {
  title: 'Vaults in a region without a pair, Brazil South or West US 3 (contents not replicated to another region): keep a second vault in another region and back up and restore keys, secrets and certificates into it (same geography and subscription)',
  url: 'https://learn.microsoft.com/azure/key-vault/general/backup',
  reaches: 'geo',
};

/**
 * Regions with a pair where Microsoft still does not copy a vault to another region: Brazil South (paired outside its
 * geography) and West US 3 (paired one way only). There, as in regions without a pair, the vault's contents are kept in
 * zone-redundant storage in the region (VAULT_DR, "Data replication").
 */
const PAIRED_BUT_NOT_REPLICATED: ReadonlySet<string> = new Set(['brazilsouth', 'westus3']);

/**
 * Where a vault is decides whether Microsoft copies it out of the region (VAULT_DR): to the paired region for most
 * regions with a pair; nowhere for regions without one and for Brazil South and West US 3, where it stays in
 * zone-redundant storage (three copies across the region's availability zones).
 */
function judgeVaultRegion(resource: NormalisedResource): RuleResult {
  const location = getPath(resource.body, 'location');
  // One of a few regions (a parameter's allowed values): unknown here, so the engine judges the vault in each.
  if (isUnknown(location) && location.oneOf?.length) return unknownAt('location', location);
  // A region only the deployment knows (most templates write `resourceGroup().location`): the article's verdict, which
  // holds in most regions, with the exception named; the config's `location` decides it. Unknown here would put every
  // vault of a scan without a configured region in doubt, for the few regions without a pair.
  if (isUnknown(location) || typeof location !== 'string') {
    const where = isUnknown(location) ? `its region is only known at deployment (${location.toString()})` : 'location is not set';
    return {
      redundancy: 'managed',
      detail: 'geo-platform',
      reason: `Microsoft replicates the vault to the paired region and fails over automatically (read-only during failover); ${where}: in a region without a pair, or in Brazil South or West US 3, it would only be zone-redundant (set location in .drcheck.yml to decide)`,
    };
  }
  const key = regionKey(location);
  const pair = pairedRegion(location);
  if (pair === null || PAIRED_BUT_NOT_REPLICATED.has(key)) {
    const why = pair === null ? 'has no paired region' : 'is one of the two paired regions (Brazil South, West US 3) whose vaults Microsoft does not replicate';
    return { redundancy: 'zone', reason: `location ${location} ${why}: the vault's contents are not copied to another region, only kept in zone-redundant storage in ${location}`, uplift: [VAULT_UPLIFT] };
  }
  if (pair === undefined) {
    return { redundancy: 'unknown', reason: `location ${location} is not a region drcheck knows the pair of: Microsoft replicates a vault to the paired region, except in regions without a pair and in Brazil South and West US 3` };
  }
  return { redundancy: 'managed', detail: 'geo-platform', reason: 'Microsoft replicates the vault to the paired region and fails over automatically (read-only during failover)' };
}

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
  return { redundancy: 'local', reason: 'properties.regions adds no extended region: the HSM pool is in one region, and a region loss is recovered only from an HSM backup and the security domain', uplift: [HSM_UPLIFT] };
}

/**
 * Azure Key Vault: Microsoft replicates vault contents to the paired region and fails over automatically, except where the
 * region has no pair or is Brazil South or West US 3; Managed HSM pools are judged on their regions.
 */
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
    { title: 'Vaults: N/A, covered as part of the Azure service (contents replicated to the paired region)', url: VAULT_DR },
    HSM_UPLIFT,
    VAULT_UPLIFT,
  ],
  caveats: [
    'During a regional failover the vault is read-only: no changes to keys, secrets, access policies or firewall until failback.',
    'Purge protection keeps deleted vaults and objects recoverable for the retention period; without it a deletion can be made permanent.',
    'In regions without a pair, and in Brazil South and West US 3, vault contents are not replicated to another region: they are kept in zone-redundant storage in the region.',
    'Managed HSM is not replicated to the paired region: it stays in one region unless multi-region replication extends it to a second one; otherwise recovery needs an HSM backup and the security domain.',
  ],
  docs: VAULT_DR,
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
      return { ...judgeVaultRegion(resource), findings };
    },
  },
};

export default keyVault;
