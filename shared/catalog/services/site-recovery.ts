import type { CatalogEntry } from '../types';

/** Azure Site Recovery: the article's note for IaaS footprints (replicating VMs between regions). */
const siteRecovery: CatalogEntry = {
  id: 'site-recovery',
  displayName: 'Azure Site Recovery',
  section: 'foundations-note',
  armTypes: [
    'Microsoft.RecoveryServices/vaults/replicationFabrics',
    'Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers',
    'Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationProtectedItems',
    'Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationProtectionContainerMappings',
    'Microsoft.RecoveryServices/vaults/replicationPolicies',
  ],
  terraformTypes: ['azurerm_site_recovery_fabric', 'azurerm_site_recovery_protection_container', 'azurerm_site_recovery_protection_container_mapping', 'azurerm_site_recovery_replication_policy', 'azurerm_site_recovery_replicated_vm'],
  stateful: false,
  responsibility: { component: 'Microsoft', workload: 'Customer' },
  contosoSku: 'Not stated in the article',
  uplift: [
    { title: 'Replicate Azure VMs, on-premises VMs and physical servers with Azure Site Recovery', url: 'https://learn.microsoft.com/azure/site-recovery/site-recovery-overview', reaches: 'geo' },
    { title: 'Site Recovery FAQ', url: 'https://learn.microsoft.com/azure/site-recovery/site-recovery-faq' },
  ],
  caveats: ['Many customers retain a large IaaS footprint: Site Recovery orchestrates replication of Azure VMs between regions.', 'Run test failovers regularly; an untested replication is not a recovery plan.'],
  defaultRedundancy: 'managed',
  defaultReason: 'Site Recovery configuration: the replicated VMs it protects are recovered in the target region',
  rule: {
    appliesTo: ['Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationProtectedItems'],
    evaluate() {
      return { redundancy: 'geo', detail: 'geo-replica', reason: 'the VM is replicated to another region by Azure Site Recovery' };
    },
  },
};

export default siteRecovery;
