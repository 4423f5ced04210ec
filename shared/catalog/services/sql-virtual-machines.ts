import type { CatalogEntry, RuleContext, RuleResult } from '../types';
import type { NormalisedResource } from '../../model/resource';
import { getPath, isUnknown, regionKey, type Value } from '../../model/value';

const SQL_VM = 'Microsoft.SqlVirtualMachine/sqlVirtualMachines';
const GROUP = 'Microsoft.SqlVirtualMachine/sqlVirtualMachineGroups';
const VM = 'Microsoft.Compute/virtualMachines';
const GROUP_ID = 'properties.sqlVirtualMachineGroupResourceId';

const named = (r: NormalisedResource) => r.name ?? r.address;

/** Where a SQL Server VM's machine runs: its region and its one zone (or none), each undefined when not known statically. */
interface Placement {
  sqlVm: NormalisedResource;
  vm?: NormalisedResource;
  region?: string;
  /** The VM's zone; null when it names none (regional, an availability set). */
  zone?: string | null;
}

function placementOf(sqlVm: NormalisedResource, ctx: RuleContext): Placement {
  const vm = ctx.resolve(getPath(sqlVm.body, 'properties.virtualMachineResourceId'), VM, sqlVm);
  if (!vm) return { sqlVm };
  const location = getPath(vm.body, 'location');
  const zones: Value | undefined = getPath(vm.body, 'zones');
  const zone = zones === undefined || zones === null || (Array.isArray(zones) && zones.length === 0) ? null : Array.isArray(zones) && zones.length === 1 && (typeof zones[0] === 'string' || typeof zones[0] === 'number') ? String(zones[0]) : undefined;
  return { sqlVm, vm, ...(typeof location === 'string' ? { region: location } : {}), ...(zone !== undefined ? { zone } : {}) };
}

/** Whether two group references (ids or names as written) are the same text. */
const sameReference = (a: Value | undefined, b: Value) => typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

/**
 * A SQL Server VM in an availability group (a SQL VM group): as resilient as the machines its replicas run on. A replica
 * on a VM in another region (asynchronous commit, usually) is a copy there: `geo`. Replicas on VMs in two or more
 * availability zones: `zone`. Every replica's VM in one zone, or in none (an availability set): `local`. Otherwise, with a
 * replica's VM not in the scan or placed only at deployment, `unknown`.
 */
function availabilityGroup(member: NormalisedResource, groupRef: Value, ctx: RuleContext): RuleResult {
  const group = ctx.resolve(groupRef, GROUP, member);
  const members = group
    ? ctx.referrers('sql-vm-group', SQL_VM, (r) => [getPath(r.body, GROUP_ID)], group, GROUP)
    : ctx.ofType(SQL_VM).filter((r) => sameReference(getPath(r.body, GROUP_ID), groupRef));
  const placed = (members.includes(member) ? members : [member, ...members]).map((m) => placementOf(m, ctx));
  const own = placed.find((p) => p.sqlVm === member)!;
  const groupName = group ? named(group) : typeof groupRef === 'string' ? groupRef.slice(groupRef.lastIndexOf('/') + 1) : 'its group';
  const elsewhere = own.region !== undefined ? placed.find((p) => p.region !== undefined && regionKey(p.region) !== regionKey(own.region!)) : undefined;
  if (elsewhere) {
    return { redundancy: 'geo', detail: 'geo-replica', reason: `availability group ${groupName} has a replica on ${named(elsewhere.vm!)} in ${elsewhere.region}, another region than this one's (${own.region})` };
  }
  const zones = new Set(placed.flatMap((p) => (typeof p.zone === 'string' ? [p.zone] : [])));
  if (zones.size >= 2) return { redundancy: 'zone', reason: `availability group ${groupName} has replicas on VMs in availability zones ${[...zones].sort().join(', ')}` };
  const unplaced = placed.filter((p) => !p.vm || p.region === undefined || p.zone === undefined);
  if (placed.length >= 2 && unplaced.length === 0) {
    return { redundancy: 'local', reason: `availability group ${groupName}: its ${placed.length} replicas' VMs are ${zones.size ? `all in availability zone ${[...zones][0]}` : 'in no availability zone (regional, an availability set at most)'} in ${own.region}, so one datacenter's failure takes them all` };
  }
  const why = unplaced.length ? `${unplaced.map((p) => named(p.sqlVm)).join(', ')}: ${unplaced.some((p) => !p.vm) ? 'VM not in the scan' : 'region or zone only known at deployment'}` : 'no other replica is in the scan';
  return { redundancy: 'unknown', reason: `a member of availability group ${groupName}, whose replicas' placement cannot be decided statically (${why}): replicas in two zones would make it zone-redundant, one in another region geo` };
}

/** SQL Server on Azure VMs (the SQL IaaS extension resource and availability group listeners). */
const sqlVirtualMachines: CatalogEntry = {
  id: 'sql-virtual-machines',
  displayName: 'SQL Server on Azure VMs',
  section: 'other-key-services',
  armTypes: [SQL_VM, GROUP, 'Microsoft.SqlVirtualMachine/sqlVirtualMachineGroups/availabilityGroupListeners'],
  terraformTypes: ['azurerm_mssql_virtual_machine', 'azurerm_mssql_virtual_machine_group', 'azurerm_mssql_virtual_machine_availability_group_listener'],
  stateful: true,
  responsibility: { component: 'Customer (not stated in the article)', workload: 'Customer (not stated in the article)' },
  contosoSku: 'Not stated in the article',
  uplift: [
    { title: 'SQL Server on Azure VMs business continuity: Always On availability groups across regions, backups, Site Recovery', url: 'https://learn.microsoft.com/azure/azure-sql/virtual-machines/windows/business-continuity-high-availability-disaster-recovery-hadr-overview', reaches: 'geo' },
  ],
  caveats: ['IaaS: the customer recovers the VM, SQL Server and its data (Azure Site Recovery or availability groups).'],
  rule: {
    appliesTo: [SQL_VM],
    evaluate(resource, ctx) {
      const group = getPath(resource.body, GROUP_ID);
      if (isUnknown(group)) return { redundancy: 'unknown', reason: `availability group membership cannot be decided statically: ${group.toString()}` };
      const backup = getPath(resource.body, 'properties.autoBackupSettings.enable');
      if (group) return availabilityGroup(resource, group, ctx);
      return { redundancy: 'local', reason: `a standalone SQL Server VM${backup === true ? ' with automated backups to storage' : ''}: one VM, one region` };
    },
  },
};

export default sqlVirtualMachines;
