/**
 * azurerm mappings for Azure Backup: a VM protected in a Recovery Services vault, in the ARM shape of a backup item
 * (`…/backupFabrics/protectionContainers/protectedItems`), so the engine finds the VM it protects and the vault that
 * keeps its backups (shared/engine/protection.ts).
 */
import { clean, type Mapper } from './types';

/**
 * `azurerm_backup_protected_vm`: the VM (`source_vm_id`, ARM's `sourceResourceId`) and the vault. ARM names the vault in
 * the item's own name (`vault/Azure/container/item`); Terraform gives its name (`recovery_vault_name`), carried as the
 * item's `vaultId` (a read-only property in ARM, which a name resolves as well as an id).
 */
const protectedVm: Mapper = (a) => ({
  type: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems',
  body: { properties: clean({ protectedItemType: 'Microsoft.Compute/virtualMachines', sourceResourceId: a.source_vm_id, policyId: a.backup_policy_id, vaultId: a.recovery_vault_name }) },
});

export const BACKUP_MAPPINGS: Record<string, Mapper> = {
  azurerm_backup_protected_vm: protectedVm,
};
