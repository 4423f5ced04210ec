/**
 * azurerm mappings for Azure Site Recovery (Azure to Azure): the fabrics' regions and where a replicated VM is recovered,
 * in the ARM shapes the site-recovery rule reads (an Azure fabric's `customDetails.location`, an A2A item's
 * `providerSpecificDetails`).
 */
import { armBody, clean, type Mapper } from './types';

const fabric: Mapper = (a) => ({
  type: 'Microsoft.RecoveryServices/vaults/replicationFabrics',
  body: { properties: { customDetails: clean({ instanceType: 'Azure', location: a.location }) } },
});

/**
 * `azurerm_site_recovery_replicated_vm`: the VM (`source_vm_id`), the recovery container, and the recovery fabric
 * itself (`target_recovery_fabric_id`, which the ARM input only reaches through the container; the read model's
 * `recoveryFabricObjectId`), and the zone of a zone-to-zone replication (`target_zone`).
 */
const replicatedVm: Mapper = (a) => ({
  type: 'Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationProtectedItems',
  body: armBody(a, {
    properties: clean({
      policyId: a.recovery_replication_policy_id,
      providerSpecificDetails: clean({
        instanceType: 'A2A',
        fabricObjectId: a.source_vm_id,
        recoveryContainerId: a.target_recovery_protection_container_id,
        recoveryFabricObjectId: a.target_recovery_fabric_id,
        recoveryResourceGroupId: a.target_resource_group_id,
        recoveryAvailabilityZone: a.target_zone,
      }),
    }),
  }),
});

/**
 * `azurerm_site_recovery_vmware_replicated_vm`: a VMware or physical machine replicated to Azure (the modernised
 * experience, ARM's `InMageRcm` input), recovered in the vault's region.
 */
const vmwareReplicatedVm: Mapper = (a) => ({
  type: 'Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationProtectedItems',
  body: { properties: clean({ policyId: a.recovery_replication_policy_id, providerSpecificDetails: clean({ instanceType: 'InMageRcm', targetResourceGroupId: a.target_resource_group_id }) }) },
});

export const SITE_RECOVERY_MAPPINGS: Record<string, Mapper> = {
  azurerm_site_recovery_fabric: fabric,
  azurerm_site_recovery_replicated_vm: replicatedVm,
  azurerm_site_recovery_vmware_replicated_vm: vmwareReplicatedVm,
};
