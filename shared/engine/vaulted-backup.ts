/**
 * Azure Backup to a Data Protection Backup vault (`Microsoft.DataProtection/backupVaults`): a backup instance
 * (`…/backupInstances`) names the resource it backs up (`dataSourceInfo.resourceID`) and its policy
 * (`policyInfo.policyId`); the policy (`…/backupPolicies`) says where backups are kept (a rule's data store); the vault
 * says how its vault store is replicated (`storageSettings`) and whether Cross Region Restore is on
 * (`featureSettings.crossRegionRestoreSettings.state`). Property names:
 * https://learn.microsoft.com/azure/templates/microsoft.dataprotection/backupvaults,
 * https://learn.microsoft.com/azure/templates/microsoft.dataprotection/backupvaults/backupinstances,
 * https://learn.microsoft.com/azure/templates/microsoft.dataprotection/backupvaults/backuppolicies.
 *
 * Only a vaulted backup (the vault store) is a copy outside the resource: an operational backup of blobs keeps its
 * recovery points in the storage account itself (https://learn.microsoft.com/azure/backup/blob-backup-overview).
 * Workloads are listed in VAULTED_WORKLOADS, by the type of the resource backed up; each says what of it a backup holds.
 */
import type { RuleContext, RuleResult } from '../catalog/types';
import type { NormalisedResource } from '../model/resource';
import { eqi, getPath, isUnknown, type Value } from '../model/value';
import { ownerByName } from './context';

const BACKUP_VAULT = 'Microsoft.DataProtection/backupVaults';
const BACKUP_VAULT_LOWER = BACKUP_VAULT.toLowerCase();
const BACKUP_INSTANCE = 'Microsoft.DataProtection/backupVaults/backupInstances';
const BACKUP_POLICY = 'Microsoft.DataProtection/backupVaults/backupPolicies';
const ACCOUNT = 'Microsoft.Storage/storageAccounts';
const VAULT_STORE = 'VaultStore';

/** A workload Azure Backup keeps in a Backup vault. */
export interface VaultedWorkload {
  /** The type of the resource backed up, as backup instances point at it. */
  type: string;
  /** The datasource type its instances and policies name. */
  datasourceType: string;
  /** What of the resource is backed up (`the blobs of storage account x`). */
  what(resource: NormalisedResource): string;
  /** Where an operational backup keeps its recovery points (`in the account itself`). */
  operationalStays: string;
  /** What of the resource a backup instance holds, and what it leaves out. */
  scope(instance: NormalisedResource): string;
}

const named = (r: NormalisedResource) => r.name ?? r.address;

/**
 * Vaulted backup of blobs: only block blobs, of the containers the instance lists, are copied to the vault; files,
 * queues and tables are not (https://learn.microsoft.com/azure/backup/blob-backup-support-matrix).
 */
const BLOBS: VaultedWorkload = {
  type: ACCOUNT,
  datasourceType: 'Microsoft.Storage/storageAccounts/blobServices',
  what: (account) => `the blobs of storage account ${named(account)}`,
  operationalStays: 'in the account itself',
  scope(instance) {
    const lists = getPath(instance.body, 'properties.policyInfo.policyParameters.backupDatasourceParametersList');
    const containers = Array.isArray(lists) ? lists.map((p) => getPath(p, 'containersList')).find((c) => c !== undefined) : lists;
    const which = isUnknown(containers)
      ? ` of the containers it lists (${containers.brief()})`
      : Array.isArray(containers) && containers.length
        ? ` of ${containers.length === 1 ? 'container' : 'containers'} ${containers.map((c) => (isUnknown(c) ? c.brief() : String(c))).join(', ')}`
        : '';
    return `only block blobs${which} are in the backup, not files, queues or tables`;
  },
};

/** Workloads by the type (in lower case) of the resource backed up. */
export const VAULTED_WORKLOADS: ReadonlyMap<string, VaultedWorkload> = new Map([[ACCOUNT.toLowerCase(), BLOBS]]);

/**
 * What another resource's protection gives (here a backup; protection.ts also Site Recovery and Recovery Services vaults),
 * or (`note`) only a reason naming what backs the resource up without raising it: an operational backup, a vault that keeps
 * backups in the region.
 */
export type Protection = RuleResult & { note?: true };

/** `VaultStore` among the data stores a policy's rules write to or keep backups in: true, false, or the unknown part. */
function keepsInVault(policy: NormalisedResource): boolean | { unknown: string } {
  const rules = getPath(policy.body, 'properties.policyRules');
  if (isUnknown(rules)) return { unknown: `its policyRules cannot be decided statically (${rules.toString()})` };
  let undecided: string | undefined;
  const look = (store: Value | undefined) => {
    if (isUnknown(store)) undecided ??= `the data store of a rule cannot be decided statically (${store.toString()})`;
    return eqi(store, VAULT_STORE);
  };
  for (const rule of Array.isArray(rules) ? rules : []) {
    // A backup rule's data store, or a retention rule's lifecycle kept there: the vault store means a vaulted backup.
    if (look(getPath(rule, 'dataStore.dataStoreType'))) return true;
    const lifecycles = getPath(rule, 'lifecycles');
    if (isUnknown(lifecycles)) undecided ??= `the lifecycles of its rule ${String(getPath(rule, 'name'))} cannot be decided statically (${lifecycles.toString()})`;
    for (const l of Array.isArray(lifecycles) ? lifecycles : []) if (look(getPath(l, 'sourceDataStore.dataStoreType'))) return true;
  }
  return undecided ? { unknown: undecided } : false;
}

/**
 * The vault store's redundancy: the storage setting whose `datastoreType` is `VaultStore` (the one a vault has, as
 * azurerm writes it), else the only one. Cross Region Restore: `featureSettings.crossRegionRestoreSettings.state`.
 */
function vaultStorage(vault: NormalisedResource): { level: 'geo' | 'zone' | 'local'; setting: string; crr: boolean | string } | { unknown: string } {
  const settings = getPath(vault.body, 'properties.storageSettings');
  if (isUnknown(settings)) return { unknown: `the vault's storageSettings cannot be decided statically (${settings.toString()})` };
  const list = Array.isArray(settings) ? settings : [];
  const setting = list.find((s) => eqi(getPath(s, 'datastoreType'), VAULT_STORE)) ?? (list.length === 1 ? list[0] : undefined);
  const type = getPath(setting, 'type');
  if (isUnknown(type)) return { unknown: `the vault's storage redundancy cannot be decided statically (${type.toString()})` };
  const level = eqi(type, 'GeoRedundant') ? 'geo' : eqi(type, 'ZoneRedundant') ? 'zone' : eqi(type, 'LocallyRedundant') ? 'local' : undefined;
  if (!level) return { unknown: setting === undefined ? 'the vault sets no storage redundancy for its vault store' : `the vault's storage redundancy ${JSON.stringify(type)} is not a known one` };
  const state = getPath(vault.body, 'properties.featureSettings.crossRegionRestoreSettings.state');
  return { level, setting: String(type), crr: isUnknown(state) ? state.brief() : eqi(state, 'Enabled') };
}

/**
 * A Backup vault itself: the backups it holds are as redundant as its vault store (`storageSettings`), which cannot be
 * changed once an item is protected (https://learn.microsoft.com/azure/backup/backup-vault-overview). A geo-redundant store
 * is a copy of the backups in the paired region, restored there with Cross Region Restore.
 */
export function judgeBackupVault(vault: NormalisedResource, why: string): RuleResult {
  const storage = vaultStorage(vault);
  if ('unknown' in storage) return { redundancy: 'unknown', reason: `${storage.unknown} (${why})` };
  const where = `the vault store (storageSettings) is ${storage.setting}`;
  if (storage.level === 'geo') {
    const crr =
      storage.crr === true ? ' and Cross Region Restore is enabled' : storage.crr === false ? '; Cross Region Restore is off, so restoring there waits for Microsoft to declare a disaster' : `; whether Cross Region Restore is on cannot be decided statically (${storage.crr})`;
    return { redundancy: 'geo', detail: 'geo-backup', reason: `${where}: backups are replicated to the paired region${crr} (${why})` };
  }
  return { redundancy: storage.level, reason: `${where}: backups stay in ${storage.level === 'zone' ? 'the region, across availability zones' : 'one datacenter'} (${why})` };
}

/**
 * The vault an instance or a policy belongs to: its parent, else the vault its name (`vault/instance`) starts with, else the
 * one it names (`properties.vaultId`, azurerm's `vault_id`), each the declaration nearest it.
 */
function vaultOf(child: NormalisedResource, ctx: RuleContext): NormalisedResource | undefined {
  const up = ctx.parent(child);
  if (up && up.type.toLowerCase() === BACKUP_VAULT_LOWER) return up;
  return ownerByName(ctx, child.name, BACKUP_VAULT, child) ?? ctx.resolve(getPath(child.body, 'properties.vaultId'), BACKUP_VAULT, child);
}

/** Whether a list of datasource types (or one) leaves the workload's out; an unknown list does not. */
function namesOther(types: Value | undefined, workload: VaultedWorkload): boolean {
  if (typeof types === 'string') return !eqi(types, workload.datasourceType);
  return Array.isArray(types) && types.every((t) => typeof t === 'string') && !types.some((t) => eqi(t, workload.datasourceType));
}

/** What one backup instance gives: geo when its policy keeps backups in a geo-redundant vault. */
function fromInstance(instance: NormalisedResource, resource: NormalisedResource, workload: VaultedWorkload, ctx: RuleContext): Protection | undefined {
  const what = `backup instance ${named(instance)} backs up ${workload.what(resource)}`;
  const policyId = getPath(instance.body, 'properties.policyInfo.policyId');
  const policy = ctx.resolve(policyId, BACKUP_POLICY, instance);
  if (!policy) {
    const which = isUnknown(policyId) ? `with a policy that cannot be decided statically (${policyId.toString()})` : `with policy ${String(policyId)}, which is not in the scan`;
    return { redundancy: 'unknown', reason: `${what} ${which}: whether it keeps backups in a vault cannot be told` };
  }
  if (namesOther(getPath(policy.body, 'properties.datasourceTypes'), workload)) return undefined;
  const vaulted = keepsInVault(policy);
  if (typeof vaulted === 'object') return { redundancy: 'unknown', reason: `${what} with policy ${named(policy)}, but whether it is a vaulted backup cannot be told: ${vaulted.unknown}` };
  if (!vaulted) {
    return { redundancy: 'none', note: true, reason: `${what} with policy ${named(policy)}, an operational backup only: its recovery points stay ${workload.operationalStays}` };
  }
  const vault = vaultOf(instance, ctx) ?? vaultOf(policy, ctx);
  if (!vault) return { redundancy: 'unknown', reason: `${what} with vaulted policy ${named(policy)}, to a Backup vault not in the scan: where it keeps backups cannot be told` };
  const to = `${what} with vaulted policy ${named(policy)} to Backup vault ${named(vault)}`;
  const storage = vaultStorage(vault);
  if ('unknown' in storage) return { redundancy: 'unknown', reason: `${to}, but ${storage.unknown}` };
  if (storage.level !== 'geo') {
    return { redundancy: 'none', note: true, reason: `${to}, whose backups stay in the region (its vault store is ${storage.setting})` };
  }
  const crr =
    storage.crr === true
      ? ' and restores there with Cross Region Restore'
      : storage.crr === false
        ? ' (Cross Region Restore is off: restoring there is not enabled)'
        : ` (whether Cross Region Restore is on cannot be decided statically: ${storage.crr})`;
  return { redundancy: 'geo', detail: 'geo-backup', reason: `${to}, which keeps backups in the paired region${crr}; ${workload.scope(instance)}` };
}

/** The backups of a resource to Backup vaults, one result per backup instance pointing at it, the nearest declaration's. */
export function vaultedBackups(resource: NormalisedResource, workload: VaultedWorkload, ctx: RuleContext): Protection[] {
  const out: Protection[] = [];
  for (const instance of ctx.referrers('backup-instance-source', BACKUP_INSTANCE, (i) => [getPath(i.body, 'properties.dataSourceInfo.resourceID')], resource, workload.type)) {
    if (namesOther(getPath(instance.body, 'properties.dataSourceInfo.datasourceType'), workload)) continue;
    const r = fromInstance(instance, resource, workload, ctx);
    if (r) out.push(r);
  }
  return out;
}
