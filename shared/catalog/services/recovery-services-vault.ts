import type { CatalogEntry, RuleFinding, RuleResult } from '../types';
import { getPath, isUnknown, type Value } from '../../model/value';
import { unknownAt } from '../rules/common';

const CRR_URL = 'https://learn.microsoft.com/azure/backup/backup-create-rs-vault#set-cross-region-restore';
const REDUNDANCY_URL = 'https://learn.microsoft.com/azure/backup/backup-create-recovery-services-vault#set-storage-redundancy';

function level(v: string): RuleResult['redundancy'] | undefined {
  const s = v.toLowerCase();
  if (s === 'georedundant' || s === 'readaccessgeozoneredundant') return 'geo';
  if (s === 'zoneredundant') return 'zone';
  if (s === 'locallyredundant') return 'local';
  return undefined;
}

/** Recovery Services vault: backup storage redundancy (GRS by default) and Cross Region Restore. */
const recoveryServicesVault: CatalogEntry = {
  id: 'recovery-services-vault',
  displayName: 'Recovery Services vault',
  section: 'stateful-foundational',
  armTypes: ['Microsoft.RecoveryServices/vaults', 'Microsoft.RecoveryServices/vaults/backupstorageconfig', 'Microsoft.RecoveryServices/vaults/backupconfig'],
  terraformTypes: ['azurerm_recovery_services_vault'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Microsoft' },
  contosoSku: 'Default (GRS)',
  uplift: [
    // First the storage redundancy: Cross Region Restore needs a geo-redundant vault, and the redundancy can only be
    // changed before the first backup is configured ("After you configure a backup, the option to modify is disabled",
    // backup-create-recovery-services-vault#set-storage-redundancy). Both reach geo; upliftFor keeps this order.
    { title: 'Set the vault\'s storage redundancy to GeoRedundant (standardTierStorageRedundancy; azurerm storage_mode_type) before any item is protected; a vault that already protects items keeps its redundancy: protect them in a new geo-redundant vault', url: REDUNDANCY_URL, reaches: 'geo' },
    { title: 'Then enable Cross Region Restore (GeoRedundant vaults only) to restore data in the secondary, paired region', url: CRR_URL, reaches: 'geo' },
    { title: 'Azure paired regions', url: 'https://learn.microsoft.com/azure/availability-zones/cross-region-replication-azure' },
  ],
  caveats: ['While LRS and ZRS are available, they require configuration changes from the default setting (GRS).', 'Backup storage redundancy is locked once items are protected in the vault.'],
  docs: 'https://learn.microsoft.com/azure/backup/backup-create-rs-vault',
  rule: {
    appliesTo: ['Microsoft.RecoveryServices/vaults'],
    evaluate(resource, ctx) {
      const name = resource.name ?? resource.address;
      let setting: Value | undefined = getPath(resource.body, 'properties.redundancySettings.standardTierStorageRedundancy');
      let where = 'properties.redundancySettings.standardTierStorageRedundancy';
      let crr: Value | undefined = getPath(resource.body, 'properties.redundancySettings.crossRegionRestore');
      for (const child of [...ctx.children(resource, 'Microsoft.RecoveryServices/vaults/backupstorageconfig'), ...ctx.children(resource, 'Microsoft.RecoveryServices/vaults/backupconfig')]) {
        // storageModelType, else the older storageType: the reason names the one written.
        const property = getPath(child.body, 'properties.storageModelType') !== undefined ? 'storageModelType' : getPath(child.body, 'properties.storageType') !== undefined ? 'storageType' : undefined;
        if (property) {
          setting = getPath(child.body, `properties.${property}`);
          where = `${child.type.split('/').pop()} properties.${property}`;
        }
        const flag = getPath(child.body, 'properties.crossRegionRestoreFlag');
        if (flag !== undefined) crr = flag;
      }
      if (isUnknown(setting)) return unknownAt(where, setting);
      const findings: RuleFinding[] = [];
      if (setting === undefined) {
        const crrOn = crr === true || (typeof crr === 'string' && crr.toLowerCase() === 'enabled');
        if (!crrOn) findings.push({ check: 'cross-region-restore', severity: 'note', message: `Recovery Services vault '${name}' is geo-redundant but Cross Region Restore is off: backups can only be restored in the secondary region after Microsoft declares a disaster.`, uplift: [{ title: 'Enable Cross Region Restore', url: CRR_URL, reaches: 'geo' }] });
        return { redundancy: 'geo', detail: 'geo-backup', reason: 'no storage redundancy is set: a new vault is geo-redundant (GRS) by default', findings };
      }
      const lvl = typeof setting === 'string' ? level(setting) : undefined;
      if (!lvl) return { redundancy: 'unknown', reason: `${where} is ${JSON.stringify(setting)}, not a known redundancy` };
      if (lvl === 'geo') {
        const crrOn = crr === true || (typeof crr === 'string' && crr.toLowerCase() === 'enabled');
        if (isUnknown(crr)) findings.push({ check: 'cross-region-restore', severity: 'note', message: `Recovery Services vault '${name}': Cross Region Restore cannot be decided statically (${crr.toString()}).` });
        else if (!crrOn) findings.push({ check: 'cross-region-restore', severity: 'note', message: `Recovery Services vault '${name}' is geo-redundant but Cross Region Restore is off: backups can only be restored in the secondary region after Microsoft declares a disaster.`, uplift: [{ title: 'Enable Cross Region Restore', url: CRR_URL, reaches: 'geo' }] });
        return { redundancy: 'geo', detail: 'geo-backup', reason: `${where} is ${setting}: backups are replicated to the paired region${crrOn ? ' and Cross Region Restore is enabled' : ''}`, findings };
      }
      return { redundancy: lvl, reason: `${where} is ${setting}: backups stay in ${lvl === 'zone' ? 'the region, across availability zones' : 'one datacenter'}` };
    },
  },
};

export default recoveryServicesVault;
