import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { CATALOG, entryJudging } from '../../../shared/catalog';
import { AZURERM_ARM_TYPES } from '../../../tasks/DrCheckV1/src/readers/terraform/mappings/azurerm-arm-types';
import { byAddress, repo, scan } from './helpers';

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

/**
 * Terraform types the DR catalog knows: listed by an entry, or documented with an ARM type an entry's rule judges
 * (those documentedArmType() keeps as Terraform types unless a mapping reads their arguments).
 */
function cataloguedTerraformTypes(): string[] {
  const types = new Set(CATALOG.flatMap((e) => e.terraformTypes).filter((t) => t.startsWith('azurerm_')));
  for (const [tf, arm] of Object.entries(AZURERM_ARM_TYPES)) if (entryJudging(arm)) types.add(tf);
  return [...types].sort();
}

describe('Terraform: catalogued azurerm types are judged by the catalog, never reported as not in it', () => {
  it('no catalogued Terraform type, declared with only a name and a location, is reported "not in the DR catalog"', async () => {
    const types = cataloguedTerraformTypes();
    assert.ok(types.length >= 150, `only ${types.length} catalogued types`);
    const dir = repo({ 'main.tf': types.map((t) => `resource "${t}" "x" {\n  name     = "x"\n  location = "westeurope"\n}\n`).join('\n') });
    const report = await scan(dir);
    const wrong = report.resources.filter((r) => /not in the DR catalog/.test(r.reason)).map((r) => `${r.address}: ${r.reason}`);
    assert.deepEqual(wrong, []);
    assert.equal(report.resources.length, types.length);
  });

  it('a SQL Server VM with no availability group fails as local under its catalog rule, as ARM sqlVirtualMachines; subnet route table and NSG associations are settings of the virtual network', async () => {
    const report = await scan(fixture('sql-vm-self-hosted'));
    const sqlVm = byAddress(report, 'azurerm_mssql_virtual_machine.example');
    assert.deepEqual([sqlVm.type, sqlVm.service, sqlVm.redundancy, sqlVm.status], ['Microsoft.SqlVirtualMachine/sqlVirtualMachines', 'sql-virtual-machines', 'local', 'fail']);
    assert.equal(sqlVm.reason, 'a standalone SQL Server VM: one VM, one region');
    for (const a of ['azurerm_subnet_route_table_association.example', 'azurerm_subnet_network_security_group_association.example']) {
      const assoc = byAddress(report, a);
      assert.deepEqual([assoc.service, assoc.status], ['virtual-network', 'pass'], a);
      assert.equal(assoc.reason, 'a setting of its parent resource, judged there (Virtual networks (subnets, UDRs, NSGs))', a);
    }
  });

  it('a SQL Server VM in a SQL VM group whose VMs are not in the scan is unknown, as in ARM: where the replicas run decides', async () => {
    const dir = repo({
      'main.tf': `resource "azurerm_mssql_virtual_machine" "example" {
  virtual_machine_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/sqlvm1"
  sql_license_type             = "PAYG"
  sql_virtual_machine_group_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.SqlVirtualMachine/sqlVirtualMachineGroups/group1"
}
`,
    });
    const sqlVm = byAddress(await scan(dir), 'azurerm_mssql_virtual_machine.example');
    assert.deepEqual([sqlVm.redundancy, sqlVm.reason], ['unknown', "a member of availability group group1, whose replicas' placement cannot be decided statically (azurerm_mssql_virtual_machine.example: VM not in the scan): replicas in two zones would make it zone-redundant, one in another region geo"]);
  });

  it('Azure and Azure-SSIS integration runtimes of Data Factory and Synapse are managed and pass, as the ARM Managed runtimes', async () => {
    const report = await scan(fixture('adf-synapse-runtimes'));
    for (const [address, service] of [
      ['azurerm_data_factory_integration_runtime_azure.ir', 'data-factory'],
      ['azurerm_data_factory_integration_runtime_azure_ssis.ssis', 'data-factory'],
      ['azurerm_synapse_integration_runtime_azure.sir', 'synapse-pipelines'],
    ]) {
      const ir = byAddress(report, address);
      assert.deepEqual([ir.service, ir.redundancy, ir.status, ir.reason], [service, 'managed', 'pass', 'an Azure integration runtime is managed by the service'], address);
    }
  });

  it('a MySQL single server database, a management group subscription association and Defender auto-provisioning are judged under their catalog entries', async () => {
    const report = await scan(fixture('catalogued-parts'));
    const db = byAddress(report, 'azurerm_mysql_database.example');
    assert.deepEqual([db.service, db.status, db.reason], ['mysql-single', 'pass', 'a setting of its parent resource, judged there (Azure Database for MySQL single server)']);
    const association = byAddress(report, 'azurerm_management_group_subscription_association.example');
    assert.deepEqual([association.service, association.redundancy, association.status], ['management-groups', 'managed', 'pass']);
    const provisioning = byAddress(report, 'azurerm_security_center_auto_provisioning.example');
    assert.deepEqual([provisioning.service, provisioning.redundancy, provisioning.status], ['defender-for-cloud', 'managed', 'pass']);
  });

  it("a catalogued type its rule does not judge belongs to its entry, never 'not in the DR catalog' (a VPN gateway's local network gateway)", async () => {
    const dir = repo({
      'main.tf': `resource "azurerm_local_network_gateway" "onprem" {
  name                = "onprem"
  location            = "westeurope"
  resource_group_name = "rg-net"
  gateway_address     = "168.62.225.23"
  address_space       = ["10.1.1.0/24"]
}
`,
    });
    const lgw = byAddress(await scan(dir), 'azurerm_local_network_gateway.onprem');
    assert.deepEqual([lgw.service, lgw.stateful, lgw.status], ['vpn-gateway', false, 'pass']);
    assert.equal(lgw.reason, 'a setting of the resources it configures, judged there (VPN Gateway)');
  });

  it("a gateway connection of type ExpressRoute is a setting of ExpressRoute, an IPsec one of the VPN gateway", async () => {
    const dir = repo({
      'main.tf': `resource "azurerm_virtual_network_gateway_connection" "to_onprem" {
  name                       = "cn-vpngw-to-onprem"
  location                   = "westeurope"
  resource_group_name        = "rg-net"
  type                       = "IPsec"
  virtual_network_gateway_id = azurerm_virtual_network_gateway.vpn.id
  local_network_gateway_id   = azurerm_local_network_gateway.onprem.id
  shared_key                 = var.shared_key
}

resource "azurerm_virtual_network_gateway_connection" "to_circuit" {
  name                       = "cn-ergw-to-circuit"
  location                   = "westeurope"
  resource_group_name        = "rg-net"
  type                       = "ExpressRoute"
  virtual_network_gateway_id = azurerm_virtual_network_gateway.er.id
  express_route_circuit_id   = azurerm_express_route_circuit.main.id
  routing_weight             = 0
}

variable "shared_key" {
  type      = string
  sensitive = true
}
`,
    });
    const report = await scan(dir);
    const vpn = byAddress(report, 'azurerm_virtual_network_gateway_connection.to_onprem');
    assert.deepEqual([vpn.service, vpn.status, vpn.reason], ['vpn-gateway', 'pass', 'a setting of the resources it configures, judged there (VPN Gateway)']);
    const er = byAddress(report, 'azurerm_virtual_network_gateway_connection.to_circuit');
    assert.deepEqual([er.service, er.status, er.reason], ['expressroute', 'pass', 'a setting of the resources it configures, judged there (ExpressRoute circuit)']);
  });

  it('a firewall whose virtual_hub block is dynamic over a list not known yet is unknown, not taken for a hub firewall', async () => {
    const dir = repo({
      'main.tf': `variable "virtual_hub_ids" {
  type = list(string)
}

resource "azurerm_firewall" "hub" {
  name                = "afw-hub-weu"
  location            = "westeurope"
  resource_group_name = "rg-connectivity"
  sku_name            = length(var.virtual_hub_ids) > 0 ? "AZFW_Hub" : "AZFW_VNet"
  sku_tier            = "Standard"

  dynamic "virtual_hub" {
    for_each = var.virtual_hub_ids
    content {
      virtual_hub_id = virtual_hub.value
    }
  }
}
`,
    });
    const fw = byAddress(await scan(dir), 'azurerm_firewall.hub');
    assert.deepEqual([fw.service, fw.redundancy], ['firewall', 'unknown']);
    assert.match(fw.reason, /^properties\.virtualHub /);
  });
});
