import type { CatalogEntry } from '../types';
import { getPath, isUnknown } from '../../model/value';

/** SQL Server on Azure VMs (the SQL IaaS extension resource and availability group listeners). */
const sqlVirtualMachines: CatalogEntry = {
  id: 'sql-virtual-machines',
  displayName: 'SQL Server on Azure VMs',
  section: 'other-key-services',
  armTypes: ['Microsoft.SqlVirtualMachine/sqlVirtualMachines', 'Microsoft.SqlVirtualMachine/sqlVirtualMachineGroups', 'Microsoft.SqlVirtualMachine/sqlVirtualMachineGroups/availabilityGroupListeners'],
  terraformTypes: ['azurerm_mssql_virtual_machine', 'azurerm_mssql_virtual_machine_group', 'azurerm_mssql_virtual_machine_availability_group_listener'],
  stateful: true,
  responsibility: { component: 'Customer (not stated in the article)', workload: 'Customer (not stated in the article)' },
  contosoSku: 'Not stated in the article',
  uplift: [
    { title: 'SQL Server on Azure VMs business continuity: Always On availability groups across regions, backups, Site Recovery', url: 'https://learn.microsoft.com/azure/azure-sql/virtual-machines/windows/business-continuity-high-availability-disaster-recovery-hadr-overview', reaches: 'geo' },
  ],
  caveats: ['IaaS: the customer recovers the VM, SQL Server and its data (Azure Site Recovery or availability groups).'],
  rule: {
    appliesTo: ['Microsoft.SqlVirtualMachine/sqlVirtualMachines'],
    evaluate(resource) {
      const group = getPath(resource.body, 'properties.sqlVirtualMachineGroupResourceId');
      if (isUnknown(group)) return { redundancy: 'unknown', reason: `availability group membership cannot be decided statically: ${group.toString()}` };
      const backup = getPath(resource.body, 'properties.autoBackupSettings.enable');
      if (group) return { redundancy: 'zone', reason: 'a member of an availability group (replicas in the region; a replica in another region would make it geo)' };
      return { redundancy: 'local', reason: `a standalone SQL Server VM${backup === true ? ' with automated backups to storage' : ''}: one VM, one region` };
    },
  },
};

export default sqlVirtualMachines;
