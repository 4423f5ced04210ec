/**
 * Protection one resource gets from others: a virtual machine replicated by Azure Site Recovery, or backed up to a
 * geo-redundant Recovery Services vault, is recovered in another region although nothing on the VM says so. The
 * replicated item (`…/replicationProtectedItems`, azurerm_site_recovery_replicated_vm) and the backup item
 * (`…/protectedItems`, azurerm_backup_protected_vm) point at the VM; the vault holding a backup says where it is kept.
 * A SQL Server VM (`Microsoft.SqlVirtualMachine/sqlVirtualMachines`) is protected as its VM is, and by backups of its
 * databases (Azure Backup's SQL-in-VM workload items point at the VM too). A storage account is protected by a vaulted
 * backup of its blobs to a geo-redundant Backup vault (vaulted-backup.ts, which lists the workloads Backup vaults keep).
 */
import type { RuleContext, RuleResult } from '../catalog/types';
import { entryById } from '../catalog';
import { rank, STRATEGY_DEFINITIONS, type UpliftOption } from '../model/posture';
import type { NormalisedResource } from '../model/resource';
import { getPath } from '../model/value';
import { ownerByName, parseResourceId } from './context';
import { VAULTED_WORKLOADS, vaultedBackups, type Protection } from './vaulted-backup';

const VM = 'Microsoft.Compute/virtualMachines';
const VM_LOWER = VM.toLowerCase();
const SQL_VM = 'Microsoft.SqlVirtualMachine/sqlVirtualMachines';
const REPLICATED = 'Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationProtectedItems';
const BACKED_UP = 'Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems';
const VAULT = 'Microsoft.RecoveryServices/vaults';
const VAULT_LOWER = VAULT.toLowerCase();
const SOURCE_VM = 'properties.providerSpecificDetails.fabricObjectId';
const BACKED_UP_SOURCE = 'properties.sourceResourceId';

/** Types another resource may protect, in lower case. */
const PROTECTABLE = new Set([VM_LOWER, SQL_VM.toLowerCase(), ...VAULTED_WORKLOADS.keys()]);

/** Whether resources of the type (in lower case) may be protected by others: only those go through withProtection. */
export const isProtectable = (lowerType: string): boolean => PROTECTABLE.has(lowerType);

/** What a VM can do to be recovered in another region, when nothing protects it. */
export const VM_PROTECTION_UPLIFT: readonly UpliftOption[] = [
  { title: 'Replicate the VM to another region with Azure Site Recovery', url: 'https://learn.microsoft.com/azure/site-recovery/azure-to-azure-tutorial-enable-replication', reaches: 'geo' },
  {
    title: 'Back the VM up to a geo-redundant Recovery Services vault with Cross Region Restore, to restore it in the paired region',
    url: 'https://learn.microsoft.com/azure/backup/backup-azure-arm-restore-vms#cross-region-restore',
    reaches: 'geo',
  },
];

const named = (r: NormalisedResource) => r.name ?? r.address;

/** Whether a backup item backs up the VM itself (not only a workload in it, such as its SQL databases). */
function backsUpTheVm(item: NormalisedResource): boolean {
  const kind = getPath(item.body, 'properties.protectedItemType');
  // `Microsoft.Compute/virtualMachines` (and the classic one) or the protected item's own name for it, `AzureIaaSVMProtectedItem`.
  return typeof kind !== 'string' || /virtualmachines$|^azureiaasvmprotecteditem$/i.test(kind);
}

/**
 * The vault holding a backup item: its ancestor, else the vault its name starts with (ARM names it
 * `vault/fabric/container/item`, and templates seldom declare the fabric or the container), else the vault it names
 * (`properties.vaultId`; Terraform's `recovery_vault_name`), else the vault of its backup policy (a vault's own: the
 * policy id names it, where the item's name holds a resource group only known at deployment).
 */
function vaultOf(item: NormalisedResource, ctx: RuleContext): NormalisedResource | undefined {
  for (let up = ctx.parent(item); up; up = ctx.parent(up)) if (up.type.toLowerCase() === VAULT_LOWER) return up;
  const policy = getPath(item.body, 'properties.policyId');
  const policyVault = typeof policy === 'string' ? parseResourceId(policy) : undefined;
  return (
    ownerByName(ctx, item.name, VAULT, item) ??
    ctx.resolve(getPath(item.body, 'properties.vaultId'), VAULT, item) ??
    (policyVault?.type.toLowerCase() === `${VAULT_LOWER}/backuppolicies` ? ownerByName(ctx, policyVault.name, VAULT, item) : undefined)
  );
}

/** What one backup item gives: geo when its vault keeps backups in the paired region, else the vault's redundancy in the region. */
function fromBackup(item: NormalisedResource, what: string, ctx: RuleContext): RuleResult | undefined {
  const vault = vaultOf(item, ctx);
  const rule = entryById('recovery-services-vault')?.rule;
  if (!vault || !rule) return undefined;
  const judged = rule.evaluate(vault, ctx);
  if (judged.redundancy === 'unknown') return { redundancy: 'unknown', reason: `${what} is backed up to Recovery Services vault ${named(vault)}, whose storage redundancy cannot be decided statically (${judged.reason})` };
  if (judged.redundancy !== 'geo') {
    // Restored in the region only: said, and it raises a VM in one datacenter no further than the vault's own redundancy.
    return rank(judged.redundancy) === undefined ? undefined : { redundancy: judged.redundancy, reason: `${what} is backed up to Recovery Services vault ${named(vault)}, whose backups stay in the region (${judged.reason})` };
  }
  // The vault rule notes a Cross Region Restore that is off or cannot be decided.
  const crr = !judged.findings?.some((f) => f.check === 'cross-region-restore');
  return {
    redundancy: 'geo',
    detail: 'geo-backup',
    reason: `${what} is backed up to Recovery Services vault ${named(vault)}, which keeps backups in the paired region${crr ? ' and restores there with Cross Region Restore' : ' (without Cross Region Restore on, a restore there waits for Microsoft to declare a disaster)'}`,
  };
}

/** What Site Recovery replication gives a VM, as the Site Recovery entry judges the replicated item. */
function fromReplication(item: NormalisedResource, ctx: RuleContext): RuleResult | undefined {
  return entryById('site-recovery')?.rule?.evaluate(item, ctx);
}

/** The strongest protection others give a VM (for a SQL Server VM: its VM, and backups of its databases). */
function protectionOfVm(vm: NormalisedResource, ctx: RuleContext, workloads: boolean): RuleResult | undefined {
  const results: RuleResult[] = [];
  // The items naming the VM (of several VMs with its name, a dev and a prod folder, the one declared nearest the item).
  for (const item of ctx.referrers('asr-vm', REPLICATED, (i) => [getPath(i.body, SOURCE_VM)], vm, VM)) {
    const r = fromReplication(item, ctx);
    if (r) results.push(r);
  }
  for (const item of ctx.referrers('backup-source', BACKED_UP, (i) => [getPath(i.body, BACKED_UP_SOURCE)], vm, VM)) {
    const vmItself = backsUpTheVm(item);
    if (!vmItself && !workloads) continue;
    const r = fromBackup(item, vmItself ? `the VM ${named(vm)}` : `a workload of VM ${named(vm)} (${String(getPath(item.body, 'properties.protectedItemType'))})`, ctx);
    if (r) results.push(r);
  }
  return strongest(results);
}

/** A result's rank among protections: a note (which raises nothing) below an unknown. */
const protectionRank = (r: Protection) => (r.note ? -2 : (rank(r.redundancy) ?? -1));

/** The highest-ranked result; an unknown one only when nothing is known, a note only when nothing else is. */
function strongest(results: Protection[]): Protection | undefined {
  let best: Protection | undefined;
  for (const r of results) {
    if (!best) best = r;
    else if (protectionRank(r) > protectionRank(best)) best = r;
    else if (r.redundancy === best.redundancy && best.detail === 'geo-backup' && r.detail === 'geo-replica') best = r;
  }
  return best;
}

/**
 * The verdict of a resource of a protectable type (see isProtectable) with the protection others give it: raised when a protection reaches further than the resource
 * on its own; `unknown` when a protection that cannot be decided would decide between failing and passing (`decides`
 * says whether geo would pass where the verdict fails). A VM that nothing protects gets the ways to protect it as uplift.
 */
export function withProtection(resource: NormalisedResource, lowerType: string, result: RuleResult, ctx: RuleContext, decides: (r: RuleResult) => boolean): RuleResult {
  const own = rank(result.redundancy);
  if (own === undefined && result.redundancy !== 'unknown') return result;
  let protection: Protection | undefined;
  const workload = VAULTED_WORKLOADS.get(lowerType);
  if (workload) protection = strongest(vaultedBackups(resource, workload, ctx));
  else if (lowerType === VM_LOWER) protection = protectionOfVm(resource, ctx, false);
  else {
    const vm = ctx.resolve(getPath(resource.body, 'properties.virtualMachineResourceId'), VM, resource);
    if (vm) protection = protectionOfVm(vm, ctx, true);
  }
  const vmUplift = lowerType === VM_LOWER && !result.uplift;
  const uplift = vmUplift ? { uplift: VM_PROTECTION_UPLIFT } : {};
  // Nothing protects it (every storage account of a scan without Backup vaults): the result as it is, no copy made.
  if (!protection) return vmUplift ? { ...result, ...uplift } : result;
  const keep = result.findings ? { findings: result.findings } : {};
  const theirs = rank(protection.redundancy);
  // A backup only named (an operational one, one kept in the region) raises nothing.
  if (protection.note) return { ...result, reason: `${result.reason}; ${protection.reason}`, ...uplift };
  // A Backup vault gives its workloads a geo backup at best: where the strategy refuses backups, one decides nothing, neither
  // for a resource whose own setting is unknown (a storage account of unknown SKU may be RA-GRS) nor when not known itself.
  const decidesNothing = workload !== undefined && !STRATEGY_DEFINITIONS[ctx.strategy].acceptsGeoBackup;
  if (theirs !== undefined) {
    if ((own !== undefined && theirs <= own) || (own === undefined && decidesNothing)) return { ...result, reason: `${result.reason}; ${protection.reason}`, ...uplift };
    return { redundancy: protection.redundancy, ...(protection.detail ? { detail: protection.detail } : {}), reason: `${protection.reason}; on its own: ${result.reason}`, ...keep, ...uplift };
  }
  if (protection.redundancy === 'unknown' && own !== undefined && decides(result) && !decidesNothing) return { redundancy: 'unknown', reason: `${protection.reason}; on its own: ${result.reason}`, ...keep, ...uplift };
  return { ...result, ...uplift };
}
