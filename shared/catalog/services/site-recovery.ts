import type { CatalogEntry, RuleContext, RuleResult } from '../types';
import type { NormalisedResource } from '../../model/resource';
import { getPath, isUnknown, regionKey, type Value } from '../../model/value';
import { samePlacement } from '../rules/regions';

const FABRICS = 'Microsoft.RecoveryServices/vaults/replicationFabrics';
const CONTAINERS = `${FABRICS}/replicationProtectionContainers`;

/** A region as read, and the resource it was read from (to tell two placements only a deployment knows apart). */
interface Region {
  value: Value | undefined;
  from?: NormalisedResource;
}

/** An Azure fabric's region (`properties.customDetails.location`; Terraform's `location`). */
const fabricRegion = (fabric: NormalisedResource | undefined): Region => ({ value: fabric && getPath(fabric.body, 'properties.customDetails.location'), ...(fabric ? { from: fabric } : {}) });

/** Where a replicated VM runs: the VM's own region (`fabricObjectId`), else its protection container's fabric's. */
function sourceRegion(item: NormalisedResource, ctx: RuleContext): Region {
  const vm = ctx.resolve(getPath(item.body, 'properties.providerSpecificDetails.fabricObjectId'), 'Microsoft.Compute/virtualMachines', item);
  const own = vm && getPath(vm.body, 'location');
  if (vm && own !== undefined) return { value: own, from: vm };
  const container = ctx.parent(item);
  return fabricRegion(container && ctx.parent(container));
}

/**
 * Where it is recovered: the fabric of its recovery protection container (`recoveryContainerId`), or the recovery
 * fabric named itself (`recoveryFabricObjectId`, as Terraform's `target_recovery_fabric_id` gives it).
 */
function targetRegion(item: NormalisedResource, ctx: RuleContext): Region {
  const details = getPath(item.body, 'properties.providerSpecificDetails');
  const named = ctx.resolve(getPath(details, 'recoveryFabricObjectId'), FABRICS);
  if (named) return fabricRegion(named);
  const container = ctx.resolve(getPath(details, 'recoveryContainerId'), CONTAINERS);
  return fabricRegion(container && ctx.parent(container));
}

/** Replication inputs of machines outside Azure (VMware and physical servers, Hyper-V) replicated to Azure. */
const ON_PREMISES = new Set(['inmagercm', 'inmageazurev2', 'hypervreplicaazure']);

const shown = (v: Value | undefined) => (isUnknown(v) ? v.brief() : v === undefined ? 'not in the scan' : String(v));

/**
 * A replicated machine. From outside Azure (VMware, physical, Hyper-V to Azure): `geo`, recovered away from its site.
 * An Azure VM (A2A): `geo` when it is recovered in another region, `zone` for zone-to-zone replication (source and
 * recovery fabric in one region, https://learn.microsoft.com/azure/site-recovery/azure-to-azure-how-to-enable-zone-to-zone-disaster-recovery),
 * `unknown` when either region cannot be read. One location written the same way on both sides is one region.
 */
function replicatedVm(item: NormalisedResource, ctx: RuleContext): RuleResult {
  const provider = getPath(item.body, 'properties.providerSpecificDetails.instanceType');
  if (typeof provider === 'string' && ON_PREMISES.has(provider.toLowerCase())) {
    return { redundancy: 'geo', detail: 'geo-replica', reason: `an on-premises machine replicated to Azure by Site Recovery (${provider}): recovered in Azure, away from its own site` };
  }
  const source = sourceRegion(item, ctx);
  const target = targetRegion(item, ctx);
  const from = source.value;
  const to = target.value;
  const zone = getPath(item.body, 'properties.providerSpecificDetails.recoveryAvailabilityZone');
  const sameUnknown = isUnknown(from) && isUnknown(to) && source.from !== undefined && target.from !== undefined && samePlacement({ location: from, resource: source.from }, { location: to, resource: target.from });
  if (sameUnknown || (typeof from === 'string' && typeof to === 'string' && regionKey(from) === regionKey(to))) {
    const where = typeof from === 'string' ? from : shown(from);
    return { redundancy: 'zone', reason: `zone-to-zone replication: Azure Site Recovery recovers the VM in its own region (${where})${typeof zone === 'string' || typeof zone === 'number' ? `, in availability zone ${zone}` : ''}, not in another region` };
  }
  if (typeof from === 'string' && typeof to === 'string') return { redundancy: 'geo', detail: 'geo-replica', reason: `the VM is replicated by Azure Site Recovery from ${from} to ${to}` };
  return { redundancy: 'unknown', reason: `Azure Site Recovery replicates the VM, but whether to another region cannot be decided statically: source region ${shown(from)}, recovery fabric's region ${shown(to)}` };
}

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
    evaluate: replicatedVm,
  },
};

export default siteRecovery;
