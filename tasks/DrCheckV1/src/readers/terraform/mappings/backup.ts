/**
 * azurerm mappings for Azure Backup: a VM protected in a Recovery Services vault, in the ARM shape of a backup item
 * (`…/backupFabrics/protectionContainers/protectedItems`), so the engine finds the VM it protects and the vault that
 * keeps its backups (shared/engine/protection.ts); blobs backed up to a Data Protection Backup vault, in the ARM shapes
 * of its vault, policy and backup instance (shared/engine/vaulted-backup.ts).
 */
import { isUnknown, type Value } from '../../../../../../shared/model/value';
import { armBody, clean, enabled, type Mapper } from './types';

/**
 * `azurerm_backup_protected_vm`: the VM (`source_vm_id`, ARM's `sourceResourceId`) and the vault. ARM names the vault in
 * the item's own name (`vault/Azure/container/item`); Terraform gives its name (`recovery_vault_name`), carried as the
 * item's `vaultId` (a read-only property in ARM, which a name resolves as well as an id).
 */
const protectedVm: Mapper = (a) => ({
  type: 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems',
  body: { properties: clean({ protectedItemType: 'Microsoft.Compute/virtualMachines', sourceResourceId: a.source_vm_id, policyId: a.backup_policy_id, vaultId: a.recovery_vault_name }) },
});

/**
 * `azurerm_data_protection_backup_vault`: `redundancy` is the vault store's (`storageSettings`), `cross_region_restore_enabled`
 * its Cross Region Restore (https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/data_protection_backup_vault).
 */
const backupVault: Mapper = (a) => ({
  type: 'Microsoft.DataProtection/backupVaults',
  body: armBody(a, {
    properties: clean({
      storageSettings: a.redundancy === undefined ? undefined : [clean({ datastoreType: a.datastore_type, type: a.redundancy })],
      featureSettings: a.cross_region_restore_enabled === undefined ? undefined : { crossRegionRestoreSettings: { state: enabled(a.cross_region_restore_enabled)! } },
    }),
  }),
});

/** One retention lifecycle of a data store, as ARM writes a policy's default retention rule. */
const retention = (store: Value, duration: Value) => ({
  objectType: 'AzureRetentionRule',
  isDefault: true,
  lifecycles: [{ deleteAfter: { objectType: 'AbsoluteDeleteOption', duration }, sourceDataStore: { dataStoreType: store, objectType: 'DataStoreInfoBase' } }],
});

/**
 * `azurerm_data_protection_backup_policy_blob_storage`: `vault_default_retention_duration` makes it a vaulted backup (a
 * backup rule writing to the vault store, kept there), `operational_default_retention_duration` an operational one (kept in
 * the account). Set to a value only known at apply, whether backups go to the vault is unknown too
 * (https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/data_protection_backup_policy_blob_storage).
 */
const blobPolicy: Mapper = (a) => {
  const rules: Value[] = [];
  const operational = a.operational_default_retention_duration;
  if (operational !== undefined && operational !== null) rules.push({ name: 'Default', ...retention('OperationalStore', operational) });
  const vaulted = a.vault_default_retention_duration;
  if (vaulted !== undefined && vaulted !== null) {
    // A duration only known at apply may be null (one that can only be some durations is not: the reader drops
    // alternatives that include null): the vault store is then only maybe written to.
    const store: Value = isUnknown(vaulted) && !vaulted.oneOf?.length ? vaulted : 'VaultStore';
    rules.push({ name: 'BackupIntervals', objectType: 'AzureBackupRule', dataStore: { dataStoreType: store, objectType: 'DataStoreInfoBase' } });
    rules.push({ name: 'Default', ...retention(store, vaulted) });
  }
  return {
    type: 'Microsoft.DataProtection/backupVaults/backupPolicies',
    body: { properties: { objectType: 'BackupPolicy', datasourceTypes: ['Microsoft.Storage/storageAccounts/blobServices'], policyRules: rules, ...clean({ vaultId: a.vault_id }) } },
  };
};

/**
 * `azurerm_data_protection_backup_instance_blob_storage`: the account (`storage_account_id`), the policy
 * (`backup_policy_id`), the containers a vaulted backup copies (`storage_account_container_names`) and the vault
 * (`vault_id`, carried as `vaultId`, as the VM backup item carries its vault) (https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/data_protection_backup_instance_blob_storage).
 */
const blobInstance: Mapper = (a) => ({
  type: 'Microsoft.DataProtection/backupVaults/backupInstances',
  body: armBody(a, {
    properties: clean({
      objectType: 'BackupInstance',
      dataSourceInfo: clean({ objectType: 'Datasource', resourceID: a.storage_account_id, resourceType: 'Microsoft.Storage/storageAccounts', datasourceType: 'Microsoft.Storage/storageAccounts/blobServices' }),
      policyInfo: clean({
        policyId: a.backup_policy_id,
        policyParameters:
          a.storage_account_container_names === undefined || a.storage_account_container_names === null
            ? undefined
            : { backupDatasourceParametersList: [{ objectType: 'BlobBackupDatasourceParameters', containersList: a.storage_account_container_names }] },
      }),
      vaultId: a.vault_id,
    }),
  }),
});

export const BACKUP_MAPPINGS: Record<string, Mapper> = {
  azurerm_backup_protected_vm: protectedVm,
  azurerm_data_protection_backup_vault: backupVault,
  azurerm_data_protection_backup_policy_blob_storage: blobPolicy,
  azurerm_data_protection_backup_instance_blob_storage: blobInstance,
};
