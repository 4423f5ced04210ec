import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runScan } from '../../../tasks/DrCheckV1/src/scan';
import { convertToType, evaluateBody } from '../../../tasks/DrCheckV1/src/readers/terraform/expressions';
import type { Value } from '../../../shared/model/value';
import type { PostureReport, ResourceReport } from '../../../shared/report/types';
import { byAddress, repo, scan } from './helpers';

const REPO = path.resolve(__dirname, '../../..');

/** An azurerm storage account whose replication type is the HCL expression given (`"GRS"`, `var.replication`). */
const storageAccount = (n: string, replication: string) =>
  `resource "azurerm_storage_account" "${n}" {\n  name = "st${n}"\n  account_tier = "Standard"\n  account_replication_type = ${replication}\n}\n`;

describe('Terraform reader', () => {
  it('judges examples/contoso-terraform exactly like the ARM example, resource by resource', async () => {
    const arm = (await runScan({ paths: ['examples/contoso'], cwd: REPO })).report;
    const tf = (await runScan({ paths: ['examples/contoso-terraform'], cwd: REPO })).report;
    assert.deepEqual(tf.errors, []);
    const key = (r: ResourceReport) => `${r.type.toLowerCase()}|${r.name}`;
    const tfByKey = new Map(tf.resources.map((r) => [key(r), r]));
    let matched = 0;
    for (const a of arm.resources) {
      const t = tfByKey.get(key(a));
      if (!t) continue;
      matched++;
      assert.deepEqual([t.service, t.redundancy, t.status, t.landingZone], [a.service, a.redundancy, a.status, a.landingZone], `${a.type} ${a.name}`);
      assert.equal(t.language, 'terraform');
      assert.ok(t.terraformType?.startsWith('azurerm_'));
    }
    assert.ok(matched >= 30, `${matched} resources matched`);
    assert.equal(byAddress(tf, 'module.lake.azurerm_storage_account.this').name, 'stctsolakeprd');
  });

  it('maps DR arguments at each redundancy level, for azurerm 3.x and 4.x names', async () => {
    const dir = repo({
      'main.tf': `
resource "azurerm_storage_account" "lrs" {
  name = "stlrs"
  location = "westeurope"
  resource_group_name = "rg"
  account_tier = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_storage_account" "gzrs" {
  name = "stgzrs"
  location = "westeurope"
  resource_group_name = "rg"
  account_tier = "Standard"
  account_replication_type = "GZRS"
}
resource "azurerm_cosmosdb_account" "v3" {
  name = "cosmos-v3"
  location = "westeurope"
  resource_group_name = "rg"
  offer_type = "Standard"
  enable_automatic_failover = true
  consistency_policy { consistency_level = "Session" }
  geo_location {
    location = "westeurope"
    failover_priority = 0
  }
  geo_location {
    location = "northeurope"
    failover_priority = 1
  }
}
resource "azurerm_cosmosdb_account" "v4" {
  name = "cosmos-v4"
  location = "westeurope"
  resource_group_name = "rg"
  offer_type = "Standard"
  multiple_write_locations_enabled = true
  consistency_policy { consistency_level = "Session" }
  geo_location {
    location = "westeurope"
    failover_priority = 0
  }
  geo_location {
    location = "northeurope"
    failover_priority = 1
  }
}
resource "azurerm_mysql_flexible_server" "geo" {
  name = "mysql-geo"
  location = "westeurope"
  resource_group_name = "rg"
  geo_redundant_backup_enabled = true
}
resource "azurerm_mysql_flexible_server" "ha" {
  name = "mysql-ha"
  location = "westeurope"
  resource_group_name = "rg"
  high_availability { mode = "ZoneRedundant" }
}
resource "azurerm_mssql_server" "sql" {
  name = "sql-weu"
  location = "westeurope"
  resource_group_name = "rg"
  version = "12.0"
}
resource "azurerm_mssql_database" "local" {
  name = "db-local"
  server_id = azurerm_mssql_server.sql.id
  storage_account_type = "Local"
  zone_redundant = true
}
resource "azurerm_mssql_database" "default" {
  name = "db-default"
  server_id = azurerm_mssql_server.sql.id
}
resource "azurerm_recovery_services_vault" "lrs" {
  name = "rsv-lrs"
  location = "westeurope"
  resource_group_name = "rg"
  sku = "Standard"
  storage_mode_type = "LocallyRedundant"
}
resource "azurerm_recovery_services_vault" "crr" {
  name = "rsv-crr"
  location = "westeurope"
  resource_group_name = "rg"
  sku = "Standard"
  cross_region_restore_enabled = true
}
resource "azurerm_public_ip" "zonal" {
  name = "pip-zonal"
  location = "westeurope"
  resource_group_name = "rg"
  allocation_method = "Static"
  sku = "Standard"
  zones = ["2"]
}
resource "azurerm_public_ip" "nosku" {
  name = "pip-nosku"
  location = "westeurope"
  resource_group_name = "rg"
  allocation_method = "Static"
}
resource "azurerm_virtual_network_gateway" "az" {
  name = "vpngw-az"
  location = "westeurope"
  resource_group_name = "rg"
  type = "Vpn"
  sku = "VpnGw2AZ"
  ip_configuration {
    public_ip_address_id = azurerm_public_ip.zonal.id
    subnet_id = "x"
  }
}
resource "azurerm_vpn_gateway" "hub" {
  name = "vpngw-hub-weu"
  location = "westeurope"
  resource_group_name = "rg"
  virtual_hub_id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualHubs/vhub-weu"
  scale_unit = 1
}
resource "azurerm_express_route_gateway" "hub" {
  name = "ergw-hub-weu"
  location = "westeurope"
  resource_group_name = "rg"
  virtual_hub_id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualHubs/vhub-weu"
  scale_units = 1
}
resource "azurerm_point_to_site_vpn_gateway" "hub" {
  name = "p2sgw-hub-weu"
  location = "westeurope"
  resource_group_name = "rg"
  virtual_hub_id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualHubs/vhub-weu"
  vpn_server_configuration_id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/vpnServerConfigurations/p2s"
  scale_unit = 1
  connection_configuration {
    name = "p2s"
    vpn_client_address_pool {
      address_prefixes = ["172.16.0.0/24"]
    }
  }
}
resource "azurerm_firewall" "zr" {
  name = "afw-zr"
  location = "westeurope"
  resource_group_name = "rg"
  sku_name = "AZFW_VNet"
  sku_tier = "Standard"
  zones = ["1", "2", "3"]
}
resource "azurerm_search_service" "s" {
  name = "srch"
  location = "westeurope"
  resource_group_name = "rg"
  sku = "standard"
  replica_count = 3
}
resource "azurerm_key_vault" "kv" {
  name = "kv-nopurge"
  location = "westeurope"
  resource_group_name = "rg"
  tenant_id = "t"
  sku_name = "standard"
}
resource "azurerm_eventhub_namespace" "v3" {
  name = "evhns-v3"
  location = "westeurope"
  resource_group_name = "rg"
  sku = "Standard"
  zone_redundant = false
}
resource "azurerm_synapse_sql_pool" "nogeo" {
  name = "dwnogeo"
  synapse_workspace_id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Synapse/workspaces/syn"
  sku_name = "DW100c"
  create_mode = "Default"
  storage_account_type = "GRS"
  geo_backup_policy_enabled = false
}
resource "azurerm_synapse_sql_pool" "geo" {
  name = "dwgeo"
  synapse_workspace_id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Synapse/workspaces/syn"
  sku_name = "DW100c"
  create_mode = "Default"
  geo_backup_policy_enabled = true
}
resource "azapi_resource" "stg" {
  type = "Microsoft.Storage/storageAccounts@2023-05-01"
  name = "stazapi"
  location = "westeurope"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    sku = { name = "Standard_RAGRS" }
    kind = "StorageV2"
  }
}
`,
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    const v = (a: string) => {
      const x = byAddress(r, a);
      return [x.type, x.redundancy, x.redundancyDetail ?? null];
    };
    assert.deepEqual(v('azurerm_storage_account.lrs'), ['Microsoft.Storage/storageAccounts', 'local', null]);
    assert.deepEqual(v('azurerm_storage_account.gzrs'), ['Microsoft.Storage/storageAccounts', 'geo', 'geo-zone']);
    assert.deepEqual(v('azurerm_cosmosdb_account.v3'), ['Microsoft.DocumentDB/databaseAccounts', 'geo', 'geo-replica']);
    assert.match(byAddress(r, 'azurerm_cosmosdb_account.v3').reason, /automatic failover on/);
    assert.deepEqual(v('azurerm_cosmosdb_account.v4'), ['Microsoft.DocumentDB/databaseAccounts', 'multi-region', null]);
    assert.deepEqual(v('azurerm_mysql_flexible_server.geo'), ['Microsoft.DBforMySQL/flexibleServers', 'geo', 'geo-backup']);
    assert.deepEqual(v('azurerm_mysql_flexible_server.ha'), ['Microsoft.DBforMySQL/flexibleServers', 'zone', null]);
    assert.deepEqual(v('azurerm_mssql_database.local'), ['Microsoft.Sql/servers/databases', 'zone', null]);
    assert.equal(byAddress(r, 'azurerm_mssql_database.local').name, 'sql-weu/db-local');
    assert.deepEqual(v('azurerm_mssql_database.default'), ['Microsoft.Sql/servers/databases', 'geo', 'geo-backup']);
    assert.deepEqual(v('azurerm_recovery_services_vault.lrs'), ['Microsoft.RecoveryServices/vaults', 'local', null]);
    assert.deepEqual(byAddress(r, 'azurerm_recovery_services_vault.crr').findings, []);
    assert.deepEqual(v('azurerm_public_ip.zonal'), ['Microsoft.Network/publicIPAddresses', 'local', 'zonal']);
    assert.deepEqual(v('azurerm_public_ip.nosku'), ['Microsoft.Network/publicIPAddresses', 'unknown', null]);
    assert.match(byAddress(r, 'azurerm_public_ip.nosku').reason, /Basic in 3\.x, Standard in 4\.x/);
    assert.deepEqual(v('azurerm_virtual_network_gateway.az'), ['Microsoft.Network/virtualNetworkGateways', 'local', 'zonal']);
    assert.match(byAddress(r, 'azurerm_virtual_network_gateway.az').reason, /public IP pip-zonal is pinned to zone 2/);
    // Virtual WAN hub gateways have no SKU or zone argument: the service spreads them across zones.
    assert.deepEqual(v('azurerm_vpn_gateway.hub'), ['Microsoft.Network/vpnGateways', 'zone', null]);
    assert.deepEqual(v('azurerm_express_route_gateway.hub'), ['Microsoft.Network/expressRouteGateways', 'zone', null]);
    assert.deepEqual(v('azurerm_point_to_site_vpn_gateway.hub'), ['Microsoft.Network/p2sVpnGateways', 'zone', null]);
    assert.equal(byAddress(r, 'azurerm_vpn_gateway.hub').service, 'vpn-gateway');
    assert.deepEqual(v('azurerm_firewall.zr'), ['Microsoft.Network/azureFirewalls', 'zone', null]);
    assert.deepEqual(v('azurerm_search_service.s'), ['Microsoft.Search/searchServices', 'zone', null]);
    assert.deepEqual(byAddress(r, 'azurerm_key_vault.kv').findings.map((f) => f.ruleId), ['key-vault/purge-protection']);
    assert.deepEqual(v('azurerm_eventhub_namespace.v3'), ['Microsoft.EventHub/namespaces', 'local', null]);
    assert.deepEqual(v('azurerm_synapse_sql_pool.nogeo'), ['Microsoft.Synapse/workspaces/sqlPools', 'local', null]);
    assert.match(byAddress(r, 'azurerm_synapse_sql_pool.nogeo').reason, /geo-backup policy is Disabled/);
    assert.deepEqual(v('azurerm_synapse_sql_pool.geo'), ['Microsoft.Synapse/workspaces/sqlPools', 'geo', 'geo-backup']);
    assert.deepEqual(v('azapi_resource.stg'), ['Microsoft.Storage/storageAccounts', 'geo', 'geo-replica']);
    assert.equal(byAddress(r, 'azapi_resource.stg').terraformType, 'azapi_resource');
  });

  it('applies variables in precedence order: default < terraform.tfvars < *.auto.tfvars < config varFiles', async () => {
    const tf = 'variable "a" {\n  default = "LRS"\n}\nvariable "b" {\n  default = "LRS"\n}\nvariable "c" {\n  default = "LRS"\n}\nvariable "d" {\n  default = "LRS"\n}\n' +
      ['a', 'b', 'c', 'd'].map((n) => `resource "azurerm_storage_account" "${n}" {\n  name = "st${n}"\n  account_tier = "Standard"\n  account_replication_type = var.${n}\n}\n`).join('');
    const dir = repo({ 'main.tf': tf, 'terraform.tfvars': 'b = "ZRS"\nc = "ZRS"\nd = "ZRS"\n', 'a.auto.tfvars': 'c = "GRS"\nd = "GRS"\n', 'z.auto.tfvars': 'd = "ZRS"\n', 'ci/prod.tfvars': 'd = "GZRS"\n', '.drcheck.yml': 'terraform:\n  varFiles: ["ci/prod.tfvars"]\n' });
    const noConfig = await scan(dir);
    const sku = (r: PostureReport, n: string) => byAddress(r, `azurerm_storage_account.${n}`).reason.match(/Standard_\w+/)![0];
    assert.deepEqual(['a', 'b', 'c', 'd'].map((n) => sku(noConfig, n)), ['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_ZRS']);
    fs.renameSync(path.join(dir, 'ci/prod.tfvars'), path.join(dir, 'prod.tfvars'));
    fs.writeFileSync(path.join(dir, '.drcheck.yml'), 'terraform:\n  varFiles: ["prod.tfvars"]\n');
    const withConfig = await scan(dir, path.join(dir, '.drcheck.yml'));
    assert.equal(sku(withConfig, 'd'), 'Standard_GZRS');
  });

  it('expands count and for_each into addressed instances', async () => {
    const dir = repo({
      'main.tf': `
locals {
  regions = { weu = "westeurope", neu = "northeurope" }
}
resource "azurerm_storage_account" "counted" {
  count = 3
  name = "stcount\${count.index}"
  account_tier = "Standard"
  account_replication_type = count.index == 0 ? "GRS" : "LRS"
}
resource "azurerm_search_service" "regional" {
  for_each = local.regions
  name = "srch-\${each.key}"
  location = each.value
  sku = "standard"
}
`,
    });
    const r = await scan(dir);
    assert.deepEqual(r.resources.map((x) => x.address).sort(), ['azurerm_search_service.regional["neu"]', 'azurerm_search_service.regional["weu"]', 'azurerm_storage_account.counted[0]', 'azurerm_storage_account.counted[1]', 'azurerm_storage_account.counted[2]']);
    assert.equal(byAddress(r, 'azurerm_storage_account.counted[0]').redundancy, 'geo');
    assert.equal(byAddress(r, 'azurerm_storage_account.counted[2]').name, 'stcount2');
    assert.equal(byAddress(r, 'azurerm_search_service.regional["weu"]').redundancy, 'geo', 'a search service in another region is the secondary');
  });

  it('follows local modules with inputs bound, reports registry modules and cycles, and keeps going past broken HCL', async () => {
    const dir = repo({
      'live/main.tf': 'module "lake" {\n  source = "../modules/lake"\n  sku = "GZRS"\n}\nmodule "vnet" {\n  source  = "Azure/avm-res-network-virtualnetwork/azurerm"\n  version = "0.7.0"\n}\nmodule "loop" {\n  source = "../modules/a"\n}\n',
      'modules/lake/main.tf': 'variable "sku" {}\nresource "azurerm_storage_account" "this" {\n  name = "stlake"\n  account_tier = "Standard"\n  account_replication_type = var.sku\n}\n',
      'modules/a/main.tf': 'module "b" {\n  source = "../b"\n}\n',
      'modules/b/main.tf': 'module "a" {\n  source = "../a"\n}\n',
      'broken/main.tf': 'resource "azurerm_storage_account" "x" {\n  name = \n}\n',
      'other/main.tf': 'resource "azurerm_storage_account" "ok" {\n  name = "stok"\n  account_tier = "Standard"\n  account_replication_type = "GRS"\n}\n',
    });
    const r = await scan(dir);
    assert.equal(byAddress(r, 'module.lake.azurerm_storage_account.this').redundancy, 'geo');
    assert.equal(byAddress(r, 'module.lake.azurerm_storage_account.this').file, 'modules/lake/main.tf');
    assert.equal(byAddress(r, 'azurerm_storage_account.ok').status, 'pass');
    const registry = r.errors.find((e) => e.code === 'module-not-followed')!;
    assert.match(registry.message, /module "vnet": source 'Azure\/avm-res-network-virtualnetwork\/azurerm' is not a local path on disk; not followed/);
    assert.deepEqual([registry.file, registry.line], ['live/main.tf', 5]);
    const cycle = r.errors.find((e) => e.code === 'module-cycle')!;
    assert.match(cycle.message, /module cycle: .*modules\/a → modules\/b → modules\/a/);
    const broken = r.errors.find((e) => e.file === 'broken/main.tf')!;
    assert.deepEqual([broken.line, broken.column], [2, 10]);
    assert.match(broken.message, /invalid HCL: Invalid expression/);
  });

  it('scans a folder only called by itself or by a module cycle, and reports the cycle with file and line', async () => {
    const sa = (n: string, sku: string) => storageAccount(n, `"${sku}"`);
    const dir = repo({
      'self/main.tf': `module "x" {\n  source = "./"\n}\n${sa('self', 'LRS')}`,
      'ring/a/main.tf': `module "b" {\n  source = "../b"\n}\n${sa('a', 'LRS')}`,
      'ring/b/main.tf': `${sa('b', 'GRS')}module "a" {\n  source = "../a"\n}\n`,
      'app/main.tf': 'variable "dr" {\n  default = false\n}\nmodule "off" {\n  source = "../modules/off"\n  count = var.dr ? 1 : 0\n}\n',
      'modules/off/main.tf': sa('off', 'LRS'),
    });
    const r = await scan(dir);
    assert.equal(byAddress(r, 'azurerm_storage_account.self').file, 'self/main.tf');
    assert.equal(byAddress(r, 'azurerm_storage_account.self').redundancy, 'local');
    assert.equal(byAddress(r, 'azurerm_storage_account.a').file, 'ring/a/main.tf');
    assert.equal(byAddress(r, 'module.b.azurerm_storage_account.b').redundancy, 'geo');
    assert.ok(!r.resources.some((x) => x.name === 'stoff'), 'a module a root turns off with count = 0 stays off');
    const cycles = r.errors.filter((e) => e.code === 'module-cycle').map((e) => [e.file, e.line, e.severity, e.message]);
    assert.deepEqual(cycles, [
      ['ring/b/main.tf', 6, 'error', 'module cycle: ring/a → ring/b → ring/a'],
      ['self/main.tf', 1, 'error', 'module cycle: self → self'],
    ]);
  });

  it('judges a replication type that is one of a conditional\'s branches on each, or a function of one; an interpolation of one as unknown', async () => {
    const sa = storageAccount;
    const dir = repo({
      'main.tf':
        'variable "zonal" {\n  type = bool\n}\nvariable "geo" {\n  type = bool\n}\n' +
        sa('local', 'var.zonal ? "ZRS" : "LRS"') +
        sa('either', 'var.geo ? "GRS" : "LRS"') +
        sa('computed', 'upper(var.zonal ? "zrs" : "lrs")') +
        sa('templated', '"${var.zonal ? "Z" : "L"}RS"') +
        'resource "azurerm_postgresql_flexible_server" "pg" {\n  name = "psql1"\n  zone = var.zonal ? "1" : "2"\n}\n',
    });
    const r = await scan(dir);
    const verdict = (n: string) => [byAddress(r, n).status, byAddress(r, n).redundancy];
    assert.deepEqual(verdict('azurerm_storage_account.local'), ['fail', 'local']);
    assert.match(byAddress(r, 'azurerm_storage_account.local').reason, /^sku\.name can be Standard_ZRS or Standard_LRS, not decided statically \(.*var\.zonal.*\); at worst sku\.name is Standard_LRS/);
    assert.deepEqual(verdict('azurerm_storage_account.either'), ['unknown', 'unknown']);
    assert.match(byAddress(r, 'azurerm_storage_account.either').reason, /Standard_GRS gives geo, Standard_LRS gives local$/);
    // A function of a value that is one of a few is one of a few too: upper() of each.
    assert.deepEqual(verdict('azurerm_storage_account.computed'), ['fail', 'local']);
    assert.match(byAddress(r, 'azurerm_storage_account.computed').reason, /^sku\.name can be Standard_ZRS or Standard_LRS, not decided statically \(upper\(.*\); at worst sku\.name is Standard_LRS/);
    assert.deepEqual(verdict('azurerm_storage_account.templated'), ['unknown', 'unknown']);
    assert.doesNotMatch(byAddress(r, 'azurerm_storage_account.templated').reason, /can be/);
    // A server in zone 1 or zone 2 (`zone` mapped to ARM's `zones` list for each value) is in one zone either way.
    assert.equal(byAddress(r, 'azurerm_postgresql_flexible_server.pg').redundancy, 'local');
    // Its zone is mapped to two ARM properties, which take the same value in each combination.
    assert.match(byAddress(r, 'azurerm_postgresql_flexible_server.pg').reason, /^zones and properties\.availabilityZone can be \["1"\] with 1 or \["2"\] with 2, not decided/);
  });

  it('judges a map indexed by a validated variable on each value the validation allows (index, lookup), as Terraform would look it up', async () => {
    const dir = repo({
      'variables.tf': `variable "environment" {
  type        = string
  description = "Deployment environment."
  validation {
    condition     = contains(["dev", "prod"], var.environment)
    error_message = "environment must be dev or prod."
  }
}
`,
      'main.tf': `locals {
  replication = {
    dev  = "GRS"
    prod = "GZRS"
  }
  scratch = { dev = "LRS", prod = "ZRS" }
}
` +
        storageAccount('lake', 'local.replication[var.environment]') +
        storageAccount('lookedup', 'lookup(local.replication, var.environment, "LRS")') +
        storageAccount('scratch', 'local.scratch[var.environment]') +
        storageAccount('mixed', '{ dev = "LRS", prod = "GZRS" }[var.environment]') +
        // A key the map lacks for one allowed value: Terraform would stop there, so no alternatives are claimed.
        storageAccount('partial', '{ prod = "GZRS" }[var.environment]'),
    });
    const r = await scan(dir);
    const verdict = (n: string) => [byAddress(r, `azurerm_storage_account.${n}`).status, byAddress(r, `azurerm_storage_account.${n}`).redundancy];
    assert.deepEqual(verdict('lake'), ['pass', 'geo']);
    assert.match(byAddress(r, 'azurerm_storage_account.lake').reason, /^sku\.name can be Standard_GRS or Standard_GZRS, not decided statically \(.*var\.environment.*\); at worst sku\.name is Standard_GRS/);
    assert.deepEqual(verdict('lookedup'), ['pass', 'geo']);
    assert.deepEqual(verdict('scratch'), ['fail', 'local']);
    assert.deepEqual(verdict('mixed'), ['unknown', 'unknown']);
    assert.match(byAddress(r, 'azurerm_storage_account.mixed').reason, /: Standard_LRS gives local, Standard_GZRS gives geo$/);
    assert.deepEqual(verdict('partial'), ['unknown', 'unknown']);
    assert.doesNotMatch(byAddress(r, 'azurerm_storage_account.partial').reason, /can be/);
  });

  it('does not judge on a null alternative: null leaves the argument unset, to its provider default', async () => {
    const dir = repo({
      'main.tf':
        'variable "local" {\n  type = bool\n}\n' +
        // Local backups, or (null) the provider's default Geo: the account may have geo backups.
        'resource "azurerm_cosmosdb_account" "cosmos" {\n  name = "cosmos1"\n  location = "westeurope"\n  geo_location {\n    location = "westeurope"\n    failover_priority = 0\n  }\n  backup {\n    type = "Periodic"\n    storage_redundancy = var.local ? "Local" : null\n  }\n}\n',
    });
    const r = await scan(dir);
    const cosmos = byAddress(r, 'azurerm_cosmosdb_account.cosmos');
    assert.deepEqual([cosmos.status, cosmos.redundancy], ['unknown', 'unknown']);
  });

  it('reads random_integer results as one of min to max (a random zone: in one zone whichever it is), and blobs and certificates as parts of their account or vault', async () => {
    const vm = (n: string, zone: string) => `resource "azurerm_postgresql_flexible_server" "${n}" {\n  name = "psql-${n}"\n  zone = ${zone}\n}\n`;
    const dir = repo({
      'main.tf':
        'resource "random_integer" "zone" {\n  min = 1\n  max = 3\n}\nresource "random_integer" "wide" {\n  min = 1\n  max = 100\n}\n' +
        vm('random', 'random_integer.zone.result') +
        vm('wide', 'random_integer.wide.result') +
        'resource "azurerm_storage_blob" "setup" {\n  name                   = "setup.ps1"\n  storage_account_name   = "stscripts"\n  storage_container_name = "scripts"\n  type                   = "Block"\n}\n' +
        'resource "azurerm_key_vault_certificate" "tls" {\n  name         = "tls"\n  key_vault_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"\n}\n',
    });
    const r = await scan(dir);
    const random = byAddress(r, 'azurerm_postgresql_flexible_server.random');
    assert.deepEqual([random.redundancy, random.redundancyDetail, random.status], ['local', 'zonal', 'fail']);
    assert.match(random.reason, /^zones and properties\.availabilityZone can be \[1\] with 1, \[2\] with 2, \[3\] with 3, not decided statically \(random_integer\.zone\.result \(random_integer\.zone\.result is chosen by Terraform when it applies \(1 to 3\)\)\); at worst zones lists one availability zone/);
    assert.equal(byAddress(r, 'azurerm_postgresql_flexible_server.wide').redundancy, 'unknown', 'a hundred values are too many to try');
    for (const part of ['azurerm_storage_blob.setup', 'azurerm_key_vault_certificate.tls']) {
      const x = byAddress(r, part);
      assert.deepEqual([x.stateful, x.status], [false, 'pass'], part);
      assert.match(x.reason, /a setting of its parent resource, judged there \((Storage account|Azure Key Vault)/);
    }
  });

  it('reads a variable given no value as one of the values its validation lists (contains([...], var.x)), as modules declare them', async () => {
    const variable = (n: string, condition: string) => `variable "${n}" {\n  type = string\n  validation {\n    condition     = ${condition}\n    error_message = "not allowed"\n  }\n}\n`;
    const sa = storageAccount;
    const dir = repo({
      'main.tf':
        variable('local_only', 'contains(["LRS", "ZRS"], var.local_only)') +
        variable('any_kind', 'contains(["LRS", "GRS", "RAGRS", "ZRS", "GZRS", "RAGZRS"], var.any_kind)') +
        variable('pattern', 'can(regex("^[A-Z]+$", var.pattern))') +
        sa('listed', 'var.local_only') +
        sa('wide', 'var.any_kind') +
        sa('pattern', 'var.pattern'),
    });
    const r = await scan(dir);
    const listed = byAddress(r, 'azurerm_storage_account.listed');
    assert.deepEqual([listed.status, listed.redundancy], ['fail', 'local']);
    assert.match(listed.reason, /^sku\.name can be Standard_LRS or Standard_ZRS, not decided statically \(var\.local_only \(variable 'local_only' has no default/);
    const wide = byAddress(r, 'azurerm_storage_account.wide');
    assert.deepEqual([wide.status, wide.redundancy], ['unknown', 'unknown']);
    assert.match(wide.reason, /Standard_LRS gives local, Standard_GRS gives geo/);
    assert.doesNotMatch(byAddress(r, 'azurerm_storage_account.pattern').reason, /can be/);
  });

  it('looks up variables, locals, module inputs, tfvars and resource arguments by their own names, never Object.prototype members', async () => {
    const dir = repo({
      'main.tf':
        'variable "constructor" {\n  default = "GRS"\n}\nvariable "toString" {\n  default = "LRS"\n}\nlocals {\n  __proto__ = "ZRS"\n}\n' +
        'module "m" {\n  source = "./m"\n  valueOf = "RAGRS"\n}\n' +
        storageAccount('declared', 'var.constructor') +
        storageAccount('fromtfvars', 'var.toString') +
        storageAccount('undeclared', 'var.hasOwnProperty') +
        storageAccount('local', 'local.__proto__') +
        storageAccount('nolocal', 'local.valueOf') +
        storageAccount('attribute', 'azurerm_storage_account.declared.constructor'),
      'terraform.tfvars': 'toString = "GZRS"\n',
      'm/main.tf': 'variable "valueOf" {}\nvariable "constructor" {\n  default = "ZRS"\n}\n' + storageAccount('input', 'var.valueOf') + storageAccount('default', 'var.constructor'),
    });
    const r = await scan(dir);
    const sku = (address: string) => byAddress(r, address).reason.match(/Standard_\w+/)?.[0];
    assert.deepEqual(
      ['azurerm_storage_account.declared', 'azurerm_storage_account.fromtfvars', 'azurerm_storage_account.local', 'module.m.azurerm_storage_account.input', 'module.m.azurerm_storage_account.default'].map(sku),
      ['Standard_GRS', 'Standard_GZRS', 'Standard_ZRS', 'Standard_RAGRS', 'Standard_ZRS'],
    );
    assert.match(byAddress(r, 'azurerm_storage_account.undeclared').reason, /variable 'hasOwnProperty' is not declared/);
    assert.match(byAddress(r, 'azurerm_storage_account.nolocal').reason, /local 'valueOf' is not declared/);
    assert.match(byAddress(r, 'azurerm_storage_account.attribute').reason, /azurerm_storage_account\.declared\.constructor is computed by the provider/);
  });

  it('try() and can() fall back on a missing key or index of a known value, and stay unknown on an unknown one', async () => {
    const sa = storageAccount;
    const dir = repo({
      'main.tf':
        'variable "settings" {\n  default = {}\n}\nvariable "list" {\n  default = []\n}\nlocals {\n  m = merge({ a = 1 }, { b = 2 })\n}\n' +
        sa('t', 'try(var.settings.replication, "GRS")') +
        sa('c', 'can(var.settings.replication) ? var.settings.replication : "RAGRS"') +
        sa('l', 'try(local.m.nope, var.list[3], "ZRS")') +
        sa('e', 'try(lookup(var.settings, "replication"), element(var.list, 0), "GZRS")') +
        sa('o', 'try(module.cfg.out.replication, "GRS")') +
        sa('u', 'try(data.azurerm_x.y.replication, "GRS")') +
        sa('cu', 'can(data.azurerm_x.y.replication) ? "GRS" : "LRS"') +
        sa('plain', 'var.settings.replication') +
        'module "cfg" {\n  source = "./cfg"\n}\n',
      'cfg/main.tf': 'output "out" {\n  value = { other = 1 }\n}\n',
    });
    const r = await scan(dir);
    const v = (n: string) => byAddress(r, `azurerm_storage_account.${n}`).reason.match(/Standard_\w+/)?.[0] ?? byAddress(r, `azurerm_storage_account.${n}`).redundancy;
    assert.deepEqual(['t', 'c', 'l', 'e', 'o', 'u'].map(v), ['Standard_GRS', 'Standard_RAGRS', 'Standard_ZRS', 'Standard_GZRS', 'Standard_GRS', 'unknown']);
    // can() of an unknown value is unknown: the SKU is one of the two branches, which differ in redundancy.
    const cu = byAddress(r, 'azurerm_storage_account.cu');
    assert.equal(cu.redundancy, 'unknown');
    assert.match(cu.reason, /sku\.name can be Standard_GRS or Standard_LRS, not decided statically \(.*\): Standard_GRS gives geo, Standard_LRS gives local$/);
    const plain = byAddress(r, 'azurerm_storage_account.plain');
    assert.equal(plain.redundancy, 'unknown');
    assert.match(plain.reason, /no attribute or key 'replication'/);
    assert.match(byAddress(r, 'azurerm_storage_account.u').reason, /read by Terraform at plan time/);
  });

  it('expands dynamic blocks like the blocks they stand for, and an unknown for_each is unknown, not dropped', async () => {
    const cosmos = (n: string, blocks: string) => `resource "azurerm_cosmosdb_account" "${n}" {\n  name = "cosmos-${n}"\n  location = "westeurope"\n  resource_group_name = "rg"\n  offer_type = "Standard"\n  automatic_failover_enabled = true\n  consistency_policy {\n    consistency_level = "Session"\n  }\n${blocks}}\n`;
    const dir = repo({
      'main.tf':
        'variable "regions" {\n  default = ["westeurope", "northeurope"]\n}\nvariable "later" {}\n' +
        cosmos('static', '  geo_location {\n    location = "westeurope"\n    failover_priority = 0\n  }\n  geo_location {\n    location = "northeurope"\n    failover_priority = 1\n  }\n') +
        cosmos('dyn', '  dynamic "geo_location" {\n    for_each = var.regions\n    content {\n      location = geo_location.value\n      failover_priority = index(var.regions, geo_location.value)\n    }\n  }\n') +
        cosmos('iter', '  geo_location {\n    location = "westeurope"\n    failover_priority = 0\n  }\n  dynamic "geo_location" {\n    for_each = { b = "northeurope" }\n    iterator = r\n    content {\n      location = r.value\n      failover_priority = r.key == "b" ? 1 : 2\n    }\n  }\n') +
        cosmos('one', '  dynamic "geo_location" {\n    for_each = ["westeurope"]\n    content {\n      location = geo_location.value\n      failover_priority = geo_location.key\n    }\n  }\n') +
        cosmos('unk', '  dynamic "geo_location" {\n    for_each = var.later\n    content {\n      location = geo_location.value\n      failover_priority = geo_location.key\n    }\n  }\n') +
        cosmos('bkp', '  geo_location {\n    location = "westeurope"\n    failover_priority = 0\n  }\n  dynamic "backup" {\n    for_each = var.later\n    content {\n      type = "Periodic"\n      storage_redundancy = backup.value\n    }\n  }\n'),
    });
    const r = await scan(dir);
    const verdict = (n: string) => {
      const x = byAddress(r, `azurerm_cosmosdb_account.${n}`);
      return [x.redundancy, x.status, x.reason, x.findings.map((f) => f.message)];
    };
    assert.deepEqual(verdict('dyn'), verdict('static'));
    assert.deepEqual(verdict('iter'), verdict('static'));
    assert.match(verdict('static')[2] as string, /2 regions \(westeurope, northeurope\)/);
    assert.match(verdict('one')[2] as string, /one region/);
    const unk = byAddress(r, 'azurerm_cosmosdb_account.unk');
    assert.equal(unk.redundancy, 'unknown');
    assert.match(unk.reason, /dynamic "geo_location" block: for_each cannot be decided statically \(variable 'later' has no default/);
    const bkp = byAddress(r, 'azurerm_cosmosdb_account.bkp');
    assert.deepEqual([bkp.redundancy, bkp.status], ['unknown', 'unknown'], 'a single block made unknown is not read as absent (the geo-redundant backup default)');
    assert.match(bkp.reason, /dynamic "backup" block: for_each cannot be decided statically/);
  });

  it('expands nested dynamic blocks, each with its own iterator', () => {
    // hcl2json's shape for: dynamic "rule" { for_each = {a = [1, 2]}; iterator = r; content { name = r.key; dynamic "port" { for_each = r.value; content { n = port.value } } } }
    const body = { name: 'x', dynamic: { rule: [{ for_each: '${{ a = [1, 2] }}', iterator: '${r}', content: [{ name: '${r.key}', dynamic: { port: [{ for_each: '${r.value}', content: [{ n: '${port.value * 10}' }] }] } }] }] } };
    const out = evaluateBody(body, { lookup: () => undefined as unknown as Value });
    assert.deepEqual(out, { name: 'x', rule: [{ name: 'a', port: [{ n: 10 }, { n: 20 }] }] });
  });

  it('fails an expression that expands past the evaluation budget with an error naming file and line, and the scan goes on', async () => {
    const sa = storageAccount;
    const dir = repo({
      'bomb/main.tf': `locals {\n  small = [for x in range(10) : x]\n  bomb = [for x in range(1000) : [for y in range(1000) : [for z in range(1000) : x]]]\n}\n${sa('early', '"GRS"')}${sa('b', 'try(length(local.bomb) > 0 ? "GRS" : "LRS", "ZRS")')}`,
      'ok/main.tf': sa('ok', 'length([for x in range(100) : x]) == 100 ? "GRS" : "LRS"'),
    });
    // The default limit stops the bomb (it used to run the process out of memory); a small one shows the same.
    for (const limits of [{}, { maxEvaluationSteps: 5000 }]) {
      const r = (await runScan({ paths: ['.'], cwd: dir, configFile: null, limits })).report;
      const errors = r.errors.filter((e) => e.code === 'evaluation-limit');
      assert.equal(errors.length, 1);
      assert.deepEqual([errors[0].file, errors[0].line, errors[0].severity], ['bomb/main.tf', 3, 'error']);
      assert.match(errors[0].message, /\[for x in range\(1000\).*needs more than \d+ evaluation steps/);
      const b = byAddress(r, 'azurerm_storage_account.b');
      assert.equal(b.redundancy, 'unknown', 'try() does not fall back on a budget that ran out');
      assert.match(b.reason, /evaluation steps/);
      assert.equal(byAddress(r, 'azurerm_storage_account.early').redundancy, 'geo');
      assert.equal(byAddress(r, 'azurerm_storage_account.ok').redundancy, 'geo');
    }
  });

  it('reads plan JSON with child modules and the values Terraform computed', async () => {
    const plan = {
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: {
        root_module: {
          resources: [{ address: 'azurerm_storage_account.root', mode: 'managed', type: 'azurerm_storage_account', name: 'root', values: { name: 'stplanroot', location: 'westeurope', account_tier: 'Standard', account_replication_type: 'RAGZRS' } }],
          child_modules: [
            {
              address: 'module.data',
              resources: [
                { address: 'module.data.azurerm_cosmosdb_account.db', mode: 'managed', type: 'azurerm_cosmosdb_account', name: 'db', values: { name: 'cosmos-plan', location: 'westeurope', automatic_failover_enabled: false, geo_location: [{ location: 'westeurope', failover_priority: 0, zone_redundant: false }], backup: [{ type: 'Periodic', storage_redundancy: 'Local' }] } },
                { address: 'module.data.data.azurerm_client_config.current', mode: 'data', type: 'azurerm_client_config', name: 'current', values: {} },
              ],
            },
          ],
        },
      },
    };
    const dir = repo({ 'plan/tfplan.json': JSON.stringify(plan, null, 2) });
    const r = await scan(dir);
    assert.deepEqual(r.resources.map((x) => [x.address, x.language, x.redundancy]), [
      ['azurerm_storage_account.root', 'terraform-plan', 'geo'],
      ['module.data.azurerm_cosmosdb_account.db', 'terraform-plan', 'local'],
    ]);
    assert.ok(byAddress(r, 'module.data.azurerm_cosmosdb_account.db').line > 1);
  });

  it('says an azapi_resource whose type only the deployment knows is not reported, at its file and line', async () => {
    const dir = repo({
      'main.tf': `variable "settings" {
  type = map(object({ type = string, name = string }))
}

resource "azapi_resource" "diag" {
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  name      = "diag"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
  body      = {}
}

resource "azapi_resource" "dynamic" {
  type      = var.settings["x"].type
  name      = "dyn"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
  body      = {}
}
`,
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors.map((e) => [e.file, e.line, e.code]), [['main.tf', 12, 'invalid-resource']]);
    assert.match(r.errors[0].message, /^azapi_resource\.dynamic: type cannot be decided statically \(.*\), so which resource it deploys is not known: not reported$/);
    assert.deepEqual(r.resources.map((x) => x.address), ['azapi_resource.diag']);
  });

  it('reads the deprecated Redis Enterprise cluster and database under their ARM types, the database under its cluster', async () => {
    const dir = repo({
      'main.tf': `resource "azurerm_redis_enterprise_cluster" "cache" {
  name                = "redisent-orders"
  resource_group_name = "rg-cache"
  location            = "westeurope"
  sku_name            = "Enterprise_E10-2"
  zones               = ["1", "2", "3"]
}

resource "azurerm_redis_enterprise_database" "db" {
  name              = "default"
  cluster_id        = azurerm_redis_enterprise_cluster.cache.id
  clustering_policy = "EnterpriseCluster"
}
`,
    });
    const r = await scan(dir);
    const cluster = byAddress(r, 'azurerm_redis_enterprise_cluster.cache');
    assert.deepEqual([cluster.type, cluster.stateful, cluster.redundancy, cluster.status], ['Microsoft.Cache/redisEnterprise', true, 'zone', 'fail']);
    const db = byAddress(r, 'azurerm_redis_enterprise_database.db');
    assert.deepEqual([db.type, db.name], ['Microsoft.Cache/redisEnterprise/databases', 'redisent-orders/default']);
  });

  it('names a child in plan JSON under the parent its server_id names, so a database in a failover group is judged in it', async () => {
    const server = (n: string) => `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Sql/servers/${n}`;
    const managed = (address: string, values: Record<string, unknown>) => ({ address, mode: 'managed', type: address.split('.')[0], name: address.split('.')[1], values });
    const plan = {
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: {
        root_module: {
          resources: [
            managed('azurerm_mssql_server.primary', { name: 'sql-weu', location: 'westeurope', resource_group_name: 'rg-data', version: '12.0' }),
            managed('azurerm_mssql_server.secondary', { name: 'sql-neu', location: 'northeurope', resource_group_name: 'rg-data', version: '12.0' }),
            managed('azurerm_mssql_database.orders', { name: 'orders', server_id: server('sql-weu'), storage_account_type: 'Local', zone_redundant: false }),
            managed('azurerm_mssql_failover_group.orders', { name: 'fg-orders', server_id: server('sql-weu'), databases: [`${server('sql-weu')}/databases/orders`], partner_server: [{ id: server('sql-neu') }], read_write_endpoint_failover_policy: [{ mode: 'Automatic', grace_minutes: 60 }] }),
          ],
        },
      },
    };
    const r = await scan(repo({ 'tfplan.json': JSON.stringify(plan, null, 2) }));
    const db = byAddress(r, 'azurerm_mssql_database.orders');
    assert.deepEqual([db.name, db.redundancy, db.status], ['sql-weu/orders', 'geo', 'pass']);
    assert.equal(db.reason, 'in failover group sql-weu/fg-orders: continuously replicated to the partner server');
  });

  it('reads the child resources a mapping makes from nested blocks in plan JSON too (a registry\'s georeplications)', async () => {
    const registry = { address: 'azurerm_container_registry.acr', mode: 'managed', type: 'azurerm_container_registry', name: 'acr', values: { name: 'acrgeo', location: 'westeurope', sku: 'Premium', zone_redundancy_enabled: true, georeplications: [{ location: 'northeurope', zone_redundancy_enabled: true }] } };
    const plan = { format_version: '1.2', terraform_version: '1.9.5', planned_values: { root_module: { resources: [registry] } } };
    const dir = repo({ 'tfplan.json': JSON.stringify(plan, null, 2) });
    const r = (await runScan({ paths: ['.'], cwd: dir, configFile: null, strategy: 'warm-spare' })).report;
    const acr = byAddress(r, 'azurerm_container_registry.acr');
    assert.deepEqual([acr.redundancy, acr.status], ['multi-region', 'pass']);
    const replica = byAddress(r, 'azurerm_container_registry.acr.georeplications[0]');
    assert.deepEqual([replica.type, replica.name, replica.language, replica.line], ['Microsoft.ContainerRegistry/registries/replications', 'acrgeo/northeurope', 'terraform-plan', acr.line]);
  });

  it('reports one instance of a resource whose count cannot be decided, without making up what count.index would give', async () => {
    const dir = repo({
      'main.tf': `variable "replicas" {
  type = number
}

resource "azurerm_storage_account" "logs" {
  count                    = var.replicas
  name                     = "stlogs\${count.index}"
  resource_group_name      = "rg-logs"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = count.index == 0 ? "GRS" : "LRS"
  min_tls_version          = "TLS1_2"
}
`,
    });
    const r = await scan(dir);
    const st = byAddress(r, 'azurerm_storage_account.logs[?]');
    assert.equal(st.name, null, 'no name computed from a guessed index');
    assert.equal(st.redundancy, 'unknown');
    assert.match(st.reason, /count\.index of azurerm_storage_account\.logs: its count cannot be decided statically/);
    assert.equal(st.location, 'westeurope', 'what does not depend on the index is still read');
    const warning = r.errors.find((e) => e.code === 'copy-unknown');
    assert.ok(warning);
    assert.deepEqual([warning.file, warning.line, warning.severity], ['main.tf', 5, 'warning']);
  });

  it("reads another resource's nested block that resource builds with a dynamic block", async () => {
    const dir = repo({
      'main.tf': `locals {
  regions = ["westeurope", "northeurope"]
}

resource "azurerm_cosmosdb_account" "db" {
  name                = "cosmos-orders"
  location            = "westeurope"
  resource_group_name = "rg-data"
  offer_type          = "Standard"
  consistency_policy {
    consistency_level = "Session"
  }
  dynamic "geo_location" {
    for_each = local.regions
    content {
      location          = geo_location.value
      failover_priority = geo_location.key
    }
  }
}

resource "azurerm_storage_account" "dr" {
  name                     = "stordersdr"
  resource_group_name      = "rg-data"
  location                 = azurerm_cosmosdb_account.db.geo_location[1].location
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
`,
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    assert.equal(byAddress(r, 'azurerm_storage_account.dr').location, 'northeurope');
  });

  it('does not expand a dynamic block past limits.maxLoopInstances: the block is unknown, with the reason', async () => {
    const dir = repo({
      'main.tf': `resource "azurerm_cosmosdb_account" "db" {
  name                = "cosmos-wide"
  location            = "westeurope"
  resource_group_name = "rg-data"
  offer_type          = "Standard"
  consistency_policy {
    consistency_level = "Session"
  }
  dynamic "geo_location" {
    for_each = range(12)
    content {
      location          = "westeurope"
      failover_priority = geo_location.value
    }
  }
}
`,
    });
    const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null, limits: { maxLoopInstances: 10 } });
    const db = byAddress(report, 'azurerm_cosmosdb_account.db');
    assert.equal(db.redundancy, 'unknown');
    assert.match(db.reason, /dynamic "geo_location" block: for_each has 12 instances, over the limit of 10; not expanded/);
  });

  it('quotes a long multi-line for_each on one shortened line in its warning', async () => {
    const items = Array.from({ length: 40 }, (_, i) => `    { name = "st${i}", sku = "GRS" }`).join(',\n');
    const dir = repo({
      'main.tf': `locals {
  settings = {}
}

resource "azurerm_storage_account" "many" {
  for_each = { for s in [
${items}
  ] : s.name => s if local.settings.enabled }
  name                     = each.value.name
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}
`,
    });
    const r = await scan(dir);
    const w = r.errors.find((e) => e.code === 'copy-unknown');
    assert.ok(w);
    assert.doesNotMatch(w.message, /\n/);
    assert.ok(w.message.length < 400, `${w.message.length} characters: ${w.message}`);
    assert.match(w.message, /^azurerm_storage_account\.many: for_each cannot be decided statically \(\{ for s in \[ \{ name = "st0".*…/);
  });

  it('reports a problem in a module once, however many times the module is called', async () => {
    const dir = repo({
      'main.tf': 'module "west" {\n  source = "./modules/logs"\n}\n\nmodule "north" {\n  source = "./modules/logs"\n}\n',
      'modules/logs/main.tf': 'variable "replicas" {\n  type = number\n}\n\nresource "azurerm_storage_account" "logs" {\n  count                    = var.replicas\n  name                     = "stlogs"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n}\n',
    });
    const r = await scan(dir);
    assert.deepEqual(r.resources.map((x) => x.address).sort(), ['module.north.azurerm_storage_account.logs[?]', 'module.west.azurerm_storage_account.logs[?]']);
    assert.deepEqual(r.errors.map((e) => [e.file, e.line, e.code]), [['modules/logs/main.tf', 5, 'copy-unknown']]);
  });

  it('evaluates the pure collection and string functions real modules use (anytrue, alltrue, sum, set functions, chunklist, parseint…)', () => {
    const cases: Array<[string, Value]> = [
      ['${anytrue([false, true])}', true],
      ['${alltrue([true, "true", false])}', false],
      ['${alltrue([])}', true],
      ['${sum([1, 2, 3.5])}', 6.5],
      ['${setunion(["a", "b"], ["b", "c"])}', ['a', 'b', 'c']],
      ['${setintersection(["a", "b", "c"], ["b", "c", "d"], ["c", "b"])}', ['b', 'c']],
      ['${setsubtract(["a", "b", "c"], ["b"])}', ['a', 'c']],
      ['${chunklist(["a", "b", "c"], 2)}', [['a', 'b'], ['c']]],
      ['${chomp("hello\n\n")}', 'hello'],
      ['${strrev("abc")}', 'cba'],
      ['${parseint("ff", 16)}', 255],
      ['${parseint("-101", 2)}', -5],
      ['${try(parseint("12abc", 10), "refused")}', 'refused'],
      ['${try(parseint("0x10", 16), "refused")}', 'refused'],
      ['${pow(2, 10)}', 1024],
      ['${signum(-3)}', -1],
      // A key an object does not have is missing, whatever Object.prototype holds.
      ['${lookup({ a = 1 }, "constructor", "none")}', 'none'],
      ['${try({ a = 1 }["toString"], "missing")}', 'missing'],
      ['${try({ a = 1 }.constructor, "missing")}', 'missing'],
    ];
    for (const [expression, expected] of cases) assert.deepEqual(evaluateBody({ v: expression }, { lookup: () => undefined as unknown as Value }).v, expected, expression);
  });

  it("applies optional() attribute defaults from a variable's type, as AVM modules rely on (azapi type strings, nested maps of objects)", async () => {
    const dir = repo({
      'main.tf': `module "lake" {
  source    = "./modules/storage"
  name      = "stlakeprd"
  parent_id = "/subscriptions/33333333-3333-4333-8333-333333333333/resourceGroups/rg-data"
  accounts = {
    logs = { name = "stlogsprd" }
    raw  = { name = "strawprd", sku = "Standard_LRS" }
    nil  = { name = "stnilprd", sku = null }
  }
}
`,
      'modules/storage/variables.tf': `variable "name" {
  type = string
}

variable "parent_id" {
  type = string
}

variable "resource_types" {
  type = object({
    storage_account = optional(string, "Microsoft.Storage/storageAccounts@2025-08-01")
    lock            = optional(string, "Microsoft.Authorization/locks@2020-05-01")
  })
  default = {}
}

variable "settings" {
  type = object({
    sku = optional(string, "Standard_RAGZRS")
    network = optional(object({
      default_action = optional(string, "Deny")
    }), {})
    tier = optional(string)
  })
  default = {}
}

variable "accounts" {
  type = map(object({
    name = string
    sku  = optional(string, "Standard_GZRS")
  }))
  default = {}
}
`,
      'modules/storage/main.tf': `resource "azapi_resource" "this" {
  type      = var.resource_types.storage_account
  name      = var.name
  parent_id = var.parent_id
  location  = "westeurope"
  body = {
    kind = "StorageV2"
    sku = {
      name = var.settings.sku
    }
    properties = {
      networkAcls = {
        defaultAction = var.settings.network.default_action
      }
      accessTier = coalesce(var.settings.tier, "Hot")
    }
  }
}

resource "azapi_resource" "extra" {
  for_each  = var.accounts
  type      = var.resource_types.storage_account
  name      = each.value.name
  parent_id = var.parent_id
  location  = "westeurope"
  body = {
    kind = "StorageV2"
    sku = {
      name = each.value.sku
    }
  }
}
`,
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    const main = byAddress(r, 'module.lake.azapi_resource.this');
    assert.deepEqual([main.type, main.name, main.redundancy], ['Microsoft.Storage/storageAccounts', 'stlakeprd', 'geo']);
    assert.match(main.reason, /Standard_RAGZRS/);
    const sku = (key: string) => byAddress(r, `module.lake.azapi_resource.extra["${key}"]`).reason;
    assert.match(sku('logs'), /Standard_GZRS/, 'an absent optional attribute takes its default');
    assert.match(sku('raw'), /Standard_LRS/, 'a given value wins');
    assert.match(sku('nil'), /Standard_GZRS/, 'null takes the default too');
  });

  it("runs a module after the modules whose outputs its arguments read, wherever they are written, and reads module.<name>[i] outputs", async () => {
    const dir = repo({
      // As in the ALZ module's tests: main.tf reads module.settings, which settings.tf declares.
      'main.tf': `locals {
  lake_sku = module.settings.replication
}

module "lake" {
  source      = "./modules/lake"
  name        = "stlakeprd"
  replication = local.lake_sku
}

resource "azurerm_storage_account" "logs" {
  name                     = module.names[1].name
  resource_group_name      = "rg-logs"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = module.settings.replication
}
`,
      'settings.tf': `module "settings" {
  source = "./modules/settings"
}

module "names" {
  count  = 2
  source = "./modules/names"
  index  = count.index
}
`,
      'modules/settings/main.tf': 'output "replication" {\n  value = "RAGZRS"\n}\n',
      'modules/names/main.tf': 'variable "index" {\n  type = number\n}\n\noutput "name" {\n  value = "stlogs${var.index}"\n}\n',
      'modules/lake/main.tf': `variable "name" {
  type = string
}

variable "replication" {
  type = string
}

resource "azurerm_storage_account" "this" {
  name                     = var.name
  resource_group_name      = "rg-data"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = var.replication
}
`,
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    const lake = byAddress(r, 'module.lake.azurerm_storage_account.this');
    assert.equal(lake.redundancy, 'geo');
    assert.match(lake.reason, /RAGZRS/);
    const logs = byAddress(r, 'azurerm_storage_account.logs');
    assert.equal(logs.name, 'stlogs1');
    assert.equal(logs.redundancy, 'geo');
  });

  it("follows registry modules where `terraform init` downloaded them (.terraform/modules/modules.json), nested ones too", async () => {
    // A folder beside the repository with Terraform in it, which the manifest below points at.
    const outside = repo({ 'main.tf': 'resource "azurerm_storage_account" "secret" {\n  name = "stoutside"\n}\n' });
    const manifest = {
      Modules: [
        { Key: '', Source: '', Dir: '.' },
        { Key: 'lake', Source: 'registry.terraform.io/Azure/avm-res-storage-storageaccount/azurerm', Version: '0.6.4', Dir: '.terraform/modules/lake' },
        { Key: 'lake.diagnostics', Source: 'registry.terraform.io/Azure/avm-utl-diagnostics/azurerm', Version: '0.1.0', Dir: '.terraform/modules/lake.diagnostics' },
        // A manifest is text in the repository: a folder outside the root is never read.
        { Key: 'escape', Source: 'registry.terraform.io/x/y/azurerm', Version: '1.0.0', Dir: `../${path.basename(outside)}` },
      ],
    };
    const dir = repo({
      'main.tf': `module "lake" {
  source  = "Azure/avm-res-storage-storageaccount/azurerm"
  version = "0.6.4"

  name                     = "stlakeprd"
  account_replication_type = "RAGZRS"
}

module "escape" {
  source  = "x/y/azurerm"
  version = "1.0.0"
}

module "vnet" {
  source  = "Azure/avm-res-network-virtualnetwork/azurerm"
  version = "0.7.0"
}
`,
      '.terraform/modules/modules.json': JSON.stringify(manifest),
      '.terraform/modules/lake/main.tf': `variable "name" {
  type = string
}

variable "account_replication_type" {
  type    = string
  default = "ZRS"
}

resource "azurerm_storage_account" "this" {
  name                     = var.name
  resource_group_name      = "rg-data"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = var.account_replication_type
}

module "diagnostics" {
  source  = "Azure/avm-utl-diagnostics/azurerm"
  version = "0.1.0"
  name    = "\${var.name}-logs"
}
`,
      '.terraform/modules/lake.diagnostics/main.tf': `variable "name" {
  type = string
}

resource "azurerm_storage_account" "logs" {
  name                     = replace(var.name, "-", "")
  resource_group_name      = "rg-data"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
`,
    });
    const r = await scan(dir);
    const lake = byAddress(r, 'module.lake.azurerm_storage_account.this');
    assert.deepEqual([lake.name, lake.redundancy, lake.file], ['stlakeprd', 'geo', '.terraform/modules/lake/main.tf']);
    const logs = byAddress(r, 'module.lake.module.diagnostics.azurerm_storage_account.logs');
    assert.deepEqual([logs.name, logs.redundancy], ['stlakeprdlogs', 'local']);
    const notFollowed = r.errors.filter((e) => e.code === 'module-not-followed').map((e) => e.message);
    assert.equal(notFollowed.length, 2);
    assert.match(notFollowed.join('\n'), /module "escape".*not followed/);
    assert.match(notFollowed.join('\n'), /module "vnet".*run `terraform init` before drcheck/);
    assert.equal(r.resources.find((x) => x.name === 'stoutside'), undefined, 'nothing read outside the scanned folder');
  });

  it('keeps a map key named __proto__ when applying optional() defaults, so its for_each instance is judged', async () => {
    const dir = repo({
      'main.tf': `variable "accounts" {
  type = map(object({
    replication = optional(string, "GRS")
  }))
  default = {
    "__proto__" = {}
    main        = { replication = "LRS" }
  }
}

resource "azurerm_storage_account" "st" {
  for_each                 = var.accounts
  name                     = "st\${replace(each.key, "_", "")}"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = each.value.replication
}
`,
    });
    const r = await scan(dir);
    assert.deepEqual([byAddress(r, 'azurerm_storage_account.st["__proto__"]').name, byAddress(r, 'azurerm_storage_account.st["__proto__"]').redundancy], ['stproto', 'geo']);
    assert.equal(byAddress(r, 'azurerm_storage_account.st["main"]').redundancy, 'local');
  });

  it('never reads a downloaded module through a link in .terraform that points outside the root', async () => {
    const outside = repo({ 'main.tf': 'resource "azurerm_storage_account" "secret" {\n  name = "stoutside"\n}\n' });
    const manifest = { Modules: [{ Key: 'evil', Source: 'registry.terraform.io/x/y/azurerm', Version: '1.0.0', Dir: '.terraform/modules/evil' }] };
    const dir = repo({ 'main.tf': 'module "evil" {\n  source  = "x/y/azurerm"\n  version = "1.0.0"\n}\n', '.terraform/modules/modules.json': JSON.stringify(manifest) });
    // The manifest names a folder inside the root, but that folder is a link committed to the repository.
    fs.symlinkSync(outside, path.join(dir, '.terraform/modules/evil'), 'dir');
    const r = await scan(dir);
    assert.equal(r.resources.find((x) => x.name === 'stoutside'), undefined, 'nothing read outside the scanned folder');
    assert.match(r.errors.map((e) => e.message).join('\n'), /module "evil".*not followed/);
  });

  it('evaluates object keys written as expressions, and keeps __proto__ as an ordinary key', () => {
    const scope = { lookup: (root: string, p: string[]) => (root === 'var' && p[0] === 'role' ? 'Reader' : (undefined as unknown as Value)) };
    const out = evaluateBody({ roles: { '${lower("Cosmos DB Built-in Data Reader")}': '00000000-0000-0000-0000-000000000001', '${(var.role)}': 2, __proto__x: 3 } }, scope).roles as Record<string, Value>;
    assert.deepEqual(out, { 'cosmos db built-in data reader': '00000000-0000-0000-0000-000000000001', Reader: 2, __proto__x: 3 });
    const raw = JSON.parse('{"m":{"__proto__":{"polluted":true}}}') as Record<string, unknown>;
    const m = evaluateBody(raw, scope).m as Record<string, Value>;
    assert.equal(Object.getPrototypeOf(m), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(m, '__proto__')?.value, { polluted: true });
  });

  it('keeps __proto__ as an ordinary key in objects built by expressions (constructors, for, grouping, merge), arguments and dynamic blocks', () => {
    const scope = { lookup: (): Value => null };
    const own = (o: Value, k: string): Value | undefined => (o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k) ? (o as Record<string, Value>)[k] : undefined);
    const out = evaluateBody(
      {
        constructed: '${keys({ "__proto__" = 1, plain = 2 })}',
        looked_up: '${lookup({ "__proto__" = "GRS" }, "__proto__", "LRS")}',
        from_for: '${keys({ for k in ["__proto__", "plain"] : k => 1 })}',
        grouped: '${{ for k in ["__proto__", "__proto__", "plain"] : k => k... }}',
        merged: '${keys(merge({ "__proto__" = 1 }, { plain = 2 }))}',
      },
      scope,
    );
    assert.deepEqual(out.constructed, ['__proto__', 'plain']);
    assert.equal(out.looked_up, 'GRS');
    assert.deepEqual(out.from_for, ['__proto__', 'plain']);
    assert.deepEqual(own(out.grouped, '__proto__'), ['__proto__', '__proto__']);
    assert.deepEqual(own(out.grouped, 'plain'), ['plain']);
    assert.deepEqual(out.merged, ['__proto__', 'plain']);
    // An argument or a dynamic block named __proto__ (hcl2json's JSON keeps it as an own key).
    const raw = JSON.parse('{"__proto__":"x","dynamic":{"__proto__":[{"for_each":"${[\\"a\\", \\"b\\"]}","content":[{"v":"${__proto__.value}"}]}]}}') as Record<string, unknown>;
    const body = evaluateBody(raw, scope);
    assert.equal(Object.getPrototypeOf(body), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(body, '__proto__')?.value, ['x', { v: 'a' }, { v: 'b' }]);
  });

  it('keeps only the attributes an object type declares, as Terraform converts a variable to its type', () => {
    const value = convertToType('${object({ sku = optional(string, "Standard_GRS"), tier = string })}', { tier: 'Standard', extra: 'dropped' });
    assert.deepEqual(value, { tier: 'Standard', sku: 'Standard_GRS' });
  });

  it('points each plan resource at its own line, also for for_each addresses with quoted keys', async () => {
    const st = (key: string, repl: string) => ({ address: `azurerm_storage_account.st["${key}"]`, mode: 'managed', type: 'azurerm_storage_account', name: 'st', index: key, values: { name: `st${key}`, location: 'westeurope', account_tier: 'Standard', account_replication_type: repl } });
    const plan = { format_version: '1.2', terraform_version: '1.9.5', planned_values: { root_module: { resources: [st('west', 'GRS'), st('east', 'LRS')] } } };
    const text = JSON.stringify(plan, null, 2);
    const dir = repo({ 'tfplan.json': text });
    const r = await scan(dir);
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    assert.equal(byAddress(r, 'azurerm_storage_account.st["west"]').line, lineOf('"address": "azurerm_storage_account.st[\\"west\\"]"'));
    assert.equal(byAddress(r, 'azurerm_storage_account.st["east"]').line, lineOf('"address": "azurerm_storage_account.st[\\"east\\"]"'));
    assert.notEqual(byAddress(r, 'azurerm_storage_account.st["west"]').line, byAddress(r, 'azurerm_storage_account.st["east"]').line);
  });

  it('applies config varFiles kept outside the root module folder (env/prod.tfvars beside infra/) to the roots scanned, and reports a listed file that is missing', async () => {
    const dir = repo({
      'infra/main.tf': 'variable "replication" {\n  type    = string\n  default = "GRS"\n}\n\n' + storageAccount('lake', 'var.replication'),
      'env/prod.tfvars': '# production\nreplication = "LRS"\nowner       = "data-team"\n',
      '.drcheck.yml': 'strategy: redeploy\nterraform:\n  varFiles:\n    - env/prod.tfvars\n    - env/does-not-exist.tfvars\n',
    });
    // Scanning infra/ alone (as the pipeline runs `terraform plan -var-file=../env/prod.tfvars` there) and the whole repository.
    for (const paths of [['infra'], ['.']]) {
      const r = (await runScan({ paths, cwd: dir, configFile: path.join(dir, '.drcheck.yml') })).report;
      const lake = byAddress(r, 'azurerm_storage_account.lake');
      assert.deepEqual([lake.status, lake.redundancy], ['fail', 'local'], `${paths}: ${lake.reason}`);
      assert.match(lake.reason, /Standard_LRS/);
      const issues = r.errors.map((e) => [e.file, e.line, e.severity, e.code, e.message]);
      assert.deepEqual(issues, [
        ['.drcheck.yml', 5, 'error', 'var-file-unreadable', "terraform.varFiles: 'env/does-not-exist.tfvars' does not exist; its values are not applied to any root module"],
        ['env/prod.tfvars', 3, 'warning', 'var-undeclared', "variable 'owner' is set here but declared by no root module this var file applies to; not used"],
      ]);
    }
  });

  it("applies a config var file in a root module's own folder to that root only, and one elsewhere to every root (CAF: examples/<x>/configuration.tfvars)", async () => {
    const variable = 'variable "replication" {\n  type    = string\n  default = "GRS"\n}\n\n';
    const dir = repo({
      'app/main.tf': variable + storageAccount('app', 'var.replication'),
      'app/prod.tfvars': 'replication = "LRS"\n',
      'net/main.tf': variable + storageAccount('net', 'var.replication'),
      // CAF: the module at the repository root, called by examples/, with one configuration per example folder.
      'storage_accounts.tf': 'variable "storage_accounts" {\n  default = {}\n}\n\nresource "azurerm_storage_account" "stg" {\n  for_each                 = var.storage_accounts\n  name                     = each.value.name\n  account_tier             = "Standard"\n  account_replication_type = each.value.account_replication_type\n}\n',
      'examples/module.tf': 'module "example" {\n  source = "../"\n\n  storage_accounts = var.storage_accounts\n}\n',
      'examples/variables.tf': 'variable "storage_accounts" {\n  default = {}\n}\n',
      'examples/storage/101-storage-account/configuration.tfvars': 'storage_accounts = {\n  sa1 = {\n    name                     = "sa1dev"\n    account_replication_type = "LRS" # ZRS in production\n  }\n}\n',
      '.drcheck.yml': 'terraform:\n  varFiles:\n    - app/prod.tfvars\n    - examples/storage/101-storage-account/configuration.tfvars\n',
    });
    const r = (await runScan({ paths: ['.'], cwd: dir, configFile: path.join(dir, '.drcheck.yml') })).report;
    const sku = (address: string) => byAddress(r, address).reason.match(/Standard_\w+/)?.[0];
    assert.equal(sku('azurerm_storage_account.app'), 'Standard_LRS');
    assert.equal(sku('azurerm_storage_account.net'), 'Standard_GRS', "app's var file is app's");
    assert.equal(sku('module.example.azurerm_storage_account.stg["sa1"]'), 'Standard_LRS');
    assert.deepEqual(r.errors, [], 'a variable some root it applies to declares is no warning');
  });

  it('reports a config var file that cannot be read at its entry in a config given with -c, naming the path', async () => {
    const dir = repo({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'infra/main.tf': storageAccount('lake', '"GRS"'),
      'ci/drcheck-prod.yml': '# prod gate\nterraform:\n  varFiles:\n    - ../env/prod.tfvars\n    - ../env\n    - ../../elsewhere.tfvars\n',
      'env/dev.tfvars': 'replication = "LRS"\n',
    });
    const r = (await runScan({ paths: ['infra'], cwd: dir, configFile: 'ci/drcheck-prod.yml' })).report;
    assert.deepEqual(r.errors.map((e) => [e.file, e.line, e.severity, e.code]), [
      ['ci/drcheck-prod.yml', 4, 'error', 'var-file-unreadable'],
      ['ci/drcheck-prod.yml', 5, 'error', 'var-file-unreadable'],
      ['ci/drcheck-prod.yml', 6, 'error', 'var-file-unreadable'],
    ]);
    assert.equal(r.errors[0].message, "terraform.varFiles: '../env/prod.tfvars' (env/prod.tfvars) does not exist; its values are not applied to any root module");
    assert.match(r.errors[1].message, /^terraform\.varFiles: '\.\.\/env' \(env\) cannot be read: .*EISDIR.*; its values are not applied to any root module$/);
    assert.match(r.errors[2].message, /^terraform\.varFiles: '\.\.\/\.\.\/elsewhere\.tfvars' \(\.\.\/elsewhere\.tfvars\) cannot be read: the file is outside the scanned folder, its Git repository and the config file's folder/);
  });

  it('skips #, // and /* */ comments holding braces and quotes inside multi-line expressions, and quotes an expression as written', async () => {
    const body = (n: string, replication: string) => `  name                     = "st${n}"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = ${replication}\n`;
    const tf = `locals {
  repl = {
    for k, v in {
      lake = "GRS" # was { LRS before the DR review
      logs = "GZRS" // "}" closed the map here once
      /* tmp = { "LRS" } */ tmp = "ZRS"
    } : k => v
  }
  roles = flatten([                  # role_mapping = {
    for key, mapping in {            #   "Storage Blob Data Reader" = {
      west = "GRS"                   #     keys = [ "readers" ]
      north = "RAGRS"                # } and "so on
    } : { key = key, sku = mapping } /* {" */
  ])
}

resource "azurerm_storage_account" "lake" {
${body('lake', 'local.repl["lake"]')}}

resource "azurerm_storage_account" "logs" {
${body('logs', 'local.repl["logs"]')}}

resource "azurerm_storage_account" "tmp" {
${body('tmp', 'local.repl["tmp"]')}}

resource "azurerm_storage_account" "roles" {
  for_each = { for r in local.roles : r.key => r } # { by key }
${body('roles', 'each.value.sku')}}

resource "azurerm_storage_account" "computed" {
${body('computed', `lookup(local.repl, # a "{"
    data.azurerm_client_config.current.tenant_id, "GRS")`)}}
`;
    // drcheck's own HCL reader, and HashiCorp's parser (a file with a template directive goes to it): both keep the comments.
    for (const text of [tf, `${tf}\noutput "note" {\n  value = "%{if true}on%{endif}"\n}\n`]) {
      const r = await scan(repo({ 'main.tf': text }));
      assert.deepEqual(r.errors, []);
      const sku = (address: string) => byAddress(r, address).reason.match(/Standard_\w+/)?.[0];
      assert.deepEqual(['lake', 'logs', 'tmp'].map((n) => sku(`azurerm_storage_account.${n}`)), ['Standard_GRS', 'Standard_GZRS', 'Standard_ZRS']);
      assert.deepEqual(r.resources.filter((x) => x.address.startsWith('azurerm_storage_account.roles')).map((x) => [x.address, x.redundancy]), [
        ['azurerm_storage_account.roles["north"]', 'geo'],
        ['azurerm_storage_account.roles["west"]', 'geo'],
      ]);
      const computed = byAddress(r, 'azurerm_storage_account.computed');
      assert.equal(computed.redundancy, 'unknown');
      assert.match(computed.reason, /: lookup\(local\.repl, # a "\{" data\.azurerm_client_config\.current\.tenant_id, "GRS"\) \(data\.azurerm_client_config\.current is read by Terraform at plan time\)/);
      assert.doesNotMatch(computed.reason, /\$\{/, "the reader's ${…} wrapping is not what the user wrote");
    }
  });

  it('reports a local module outside the scanned folder and its repository once, at the module call, and reads nothing there', async () => {
    // CAF's layout scanned from examples/ with no Git repository around it: examples/module.tf calls the repository root.
    const root = repo({
      'aadb2c.tf': storageAccount('aadb2c', '"GRS"'),
      'storage_accounts.tf': storageAccount('stg', '"LRS"'),
      'variables.tf': 'variable "global_settings" {\n  default = {}\n}\n',
      'lake/main.tf': storageAccount('lake', '"LRS"'),
      'examples/module.tf': 'module "example" {\n  source = "../"\n\n  global_settings = var.global_settings\n}\n\nmodule "lake" {\n  source   = "../lake"\n  for_each = toset(["west", "north"])\n}\n',
      'examples/variables.tf': 'variable "global_settings" {\n  default = {}\n}\n',
    });
    const r = (await runScan({ paths: ['examples'], cwd: root, configFile: null })).report;
    assert.deepEqual(r.resources, []);
    assert.deepEqual(r.errors.map((e) => [e.file, e.line, e.severity, e.code, e.message]), [
      ['examples/module.tf', 1, 'error', 'module-outside', "module \"example\": source '../' is outside the scanned folder, its Git repository and the config file's folder; not followed, so its resources are not scanned (scan from a folder that holds both, such as the repository root, or from a Git clone that holds both)"],
      ['examples/module.tf', 7, 'error', 'module-outside', "module \"lake\": source '../lake' is outside the scanned folder, its Git repository and the config file's folder; not followed, so its resources are not scanned (scan from a folder that holds both, such as the repository root, or from a Git clone that holds both)"],
    ]);
    // Scanned from the repository root, the same modules are followed.
    const whole = (await runScan({ paths: ['.'], cwd: root, configFile: null })).report;
    assert.deepEqual(whole.errors, []);
    assert.deepEqual(whole.resources.map((x) => x.address).sort(), ['module.example.azurerm_storage_account.aadb2c', 'module.example.azurerm_storage_account.stg', 'module.lake["north"].azurerm_storage_account.lake', 'module.lake["west"].azurerm_storage_account.lake']);
  });

  it('reads splat expressions: each instance of a counted resource, and each element of a list', async () => {
    const dir = repo({
      'main.tf': `variable "regions" {
  default = [{ name = "westeurope" }, { name = "northeurope" }]
}

resource "azurerm_mssql_server" "sql" {
  count               = 2
  name                = "sql-\${count.index}"
  location            = var.regions[count.index].name
  resource_group_name = "rg-data"
  version             = "12.0"
}

resource "azurerm_mssql_database" "db" {
  count                = 2
  name                 = ["orders", "billing"][count.index]
  server_id            = azurerm_mssql_server.sql[0].id
  storage_account_type = "Local"
}

resource "azurerm_mssql_failover_group" "fg" {
  name      = "fg-data"
  server_id = azurerm_mssql_server.sql[0].id
  databases = azurerm_mssql_database.db[*].id
  partner_server {
    id = azurerm_mssql_server.sql[1].id
  }
  read_write_endpoint_failover_policy {
    mode          = "Automatic"
    grace_minutes = 60
  }
}

resource "azurerm_cosmosdb_account" "orders" {
  name                = "cosmos-orders"
  location            = var.regions[0].name
  resource_group_name = "rg-data"
  offer_type          = "Standard"
  consistency_policy {
    consistency_level = "Session"
  }
  dynamic "geo_location" {
    for_each = var.regions[*].name
    content {
      location          = geo_location.value
      failover_priority = geo_location.key
    }
  }
}
`,
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    for (const a of ['azurerm_mssql_database.db[0]', 'azurerm_mssql_database.db[1]']) {
      assert.deepEqual([byAddress(r, a).redundancy, byAddress(r, a).reason], ['geo', 'in failover group sql-0/fg-data: continuously replicated to the partner server']);
    }
    assert.match(byAddress(r, 'azurerm_cosmosdb_account.orders').reason, /^2 regions \(westeurope, northeurope\)/);
  });

  it('names a child under a parent a called module creates and outputs (server_id = module.sql.primary_id)', async () => {
    const server = (label: string, name: string, location: string) =>
      `resource "azurerm_mssql_server" "${label}" {\n  name                = "${name}"\n  location            = "${location}"\n  resource_group_name = "rg-data"\n  version             = "12.0"\n}\n`;
    const dir = repo({
      'modules/sql/main.tf': `${server('primary', 'sql-weu', 'westeurope')}${server('secondary', 'sql-neu', 'northeurope')}
output "primary_id" {
  value = azurerm_mssql_server.primary.id
}

output "secondary_id" {
  value = azurerm_mssql_server.secondary.id
}
`,
      'main.tf': `module "sql" {
  source = "./modules/sql"
}

resource "azurerm_mssql_database" "orders" {
  name                 = "orders"
  server_id            = module.sql.primary_id
  storage_account_type = "Local"
  zone_redundant       = false
}

resource "azurerm_mssql_database" "orders_replica" {
  name                        = "orders"
  server_id                   = module.sql.secondary_id
  create_mode                 = "Secondary"
  creation_source_database_id = azurerm_mssql_database.orders.id
}
`,
    });
    const r = await scan(dir);
    const orders = byAddress(r, 'azurerm_mssql_database.orders');
    assert.deepEqual([orders.name, orders.redundancy, orders.status], ['sql-weu/orders', 'geo', 'pass']);
    assert.match(orders.reason, /database sql-neu\/orders is its secondary in northeurope/);
    assert.equal(byAddress(r, 'azurerm_mssql_database.orders_replica').name, 'sql-neu/orders');
  });

  it('reads splats as Terraform does: the legacy a.*.b[0], parentheses, null, nested splats, and a for variable named like a resource', async () => {
    const account = (label: string, location: string, replication: string) =>
      `resource "azurerm_storage_account" "${label}" {\n  name                     = "st${label}"\n  resource_group_name      = "rg-data"\n  location                 = ${location}\n  account_tier             = "Standard"\n  account_replication_type = ${replication}\n}\n`;
    const dir = repo({
      'main.tf': `variable "regions" {
  default = [{ name = "westeurope" }, { name = "northeurope" }]
}

variable "secondary" {
  default = null
}

variable "dbs" {
  default = [{ replicas = [{ sku = "GRS" }] }]
}

locals {
  skus = flatten([for db_cfg in var.dbs : db_cfg.replicas[*].sku])
  deep = one(flatten(var.dbs[*].replicas[*].sku))
}

${account('legacy', 'var.regions.*.name[0]', '"GRS"')}
${account('paren', '(var.regions[*].name)[1]', '"GRS"')}
${account('loopvar', '"westeurope"', 'local.skus[0]')}
${account('nested', '"westeurope"', 'local.deep')}

resource "azurerm_cosmosdb_account" "orders" {
  name                = "cosmos-orders"
  location            = "westeurope"
  resource_group_name = "rg-data"
  offer_type          = "Standard"
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
  dynamic "geo_location" {
    for_each = var.secondary[*]
    content {
      location          = geo_location.value
      failover_priority = 1
    }
  }
}
`,
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.resources.filter((x) => x.type === 'Microsoft.Storage/storageAccounts').map((x) => [x.address, x.location, x.redundancy]),
      [
        ['azurerm_storage_account.legacy', 'westeurope', 'geo'],
        ['azurerm_storage_account.paren', 'northeurope', 'geo'],
        ['azurerm_storage_account.loopvar', 'westeurope', 'geo'],
        ['azurerm_storage_account.nested', 'westeurope', 'geo'],
      ],
    );
    // A null splat is an empty list: no second region.
    assert.match(byAddress(r, 'azurerm_cosmosdb_account.orders').reason, /^one region/);
  });

  it('looks for a parent a called module outputs only in the same root configuration', async () => {
    const sql = (name: string) => ({
      [`${name}/sql/main.tf`]: `variable "n" {\n  type = number\n}\n\nresource "azurerm_mssql_server" "primary" {\n  count               = var.n\n  name                = "sql-${name}"\n  location            = "westeurope"\n  resource_group_name = "rg-${name}"\n  version             = "12.0"\n}\n\noutput "primary_id" {\n  value = azurerm_mssql_server.primary[0].id\n}\n`,
    });
    const root = (name: string, n: string) => ({
      ...sql(name),
      [`${name}/main.tf`]: `${n === 'var.n' ? 'variable "n" {\n  type = number\n}\n\n' : ''}module "sql" {\n  source = "./sql"\n  n      = ${n}\n}\n\nresource "azurerm_mssql_database" "orders" {\n  name      = "orders"\n  server_id = module.sql.primary_id\n}\n`,
    });
    const r = await scan(repo({ ...root('a', '1'), ...root('b', 'var.n') }));
    const names = r.resources.filter((x) => x.type === 'Microsoft.Sql/servers/databases').map((x) => [x.file, x.name]);
    // Root b's server count is not known: its database is not named after root a's server.
    assert.deepEqual(names, [
      ['a/main.tf', 'sql-a/orders'],
      ['b/main.tf', null],
    ]);
  });
});
