import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { runScan, type ScanOptions } from '../../../tasks/DrCheckV1/src/scan';
import { isMapped, mapAzurerm } from '../../../tasks/DrCheckV1/src/readers/terraform/mappings';
import { AZURERM_ARM_TYPES } from '../../../tasks/DrCheckV1/src/readers/terraform/mappings/azurerm-arm-types';
import type { PostureReport, ResourceReport } from '../../../shared/report/types';
import { repo as makeRepo } from '../../support/repo';

const repo = (files: Record<string, string | Buffer>) => makeRepo(files, 'drcheck-tfmap-');
const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

/** A scan of `dir` (under `strategy`, else the default one): its report, and `by(address)`, the resource there (asserted present). */
async function scan(dir: string, strategy?: ScanOptions['strategy']): Promise<{ report: PostureReport; by: (address: string) => ResourceReport }> {
  const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null, ...(strategy ? { strategy } : {}) });
  const by = (address: string): ResourceReport => {
    const r = report.resources.find((x) => x.address === address);
    assert.ok(r, address);
    return r;
  };
  return { report, by };
}

describe('azurerm → ARM types', () => {
  it("every hand-written mapping gives the ARM type the azurerm provider's documentation gives", () => {
    let checked = 0;
    for (const [tf, arm] of Object.entries(AZURERM_ARM_TYPES)) {
      if (!isMapped(tf)) continue;
      assert.equal(mapAzurerm(tf, {}).type.toLowerCase(), arm.toLowerCase(), tf);
      checked++;
    }
    assert.ok(checked >= 50, `only ${checked} mappings checked`);
  });

  it('judges azurerm types drcheck has no mapping for under their documented ARM type, as the ARM reader would', async () => {
    // Resources from the ALZ (caf-enterprise-scale) module's shapes: governance, Virtual WAN, Event Hubs children.
    const dir = repo({
      'main.tf': `resource "azurerm_policy_definition" "deny_lrs" {
  name         = "deny-lrs-storage"
  policy_type  = "Custom"
  mode         = "All"
  display_name = "Deny LRS storage"
}

resource "azurerm_virtual_wan" "vwan" {
  name                = "vwan-connectivity"
  resource_group_name = "rg-connectivity"
  location            = "westeurope"
}

resource "azurerm_eventhub_consumer_group" "analytics" {
  name                = "analytics"
  namespace_name      = "evhns-ingest"
  eventhub_name       = "telemetry"
  resource_group_name = "rg-data"
}

resource "azurerm_storage_account_network_rules" "lake" {
  storage_account_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stlake"
  default_action     = "Deny"
}
`,
    });
    const { report, by } = await scan(dir);
    const policy = by('azurerm_policy_definition.deny_lrs');
    assert.deepEqual([policy.type, policy.terraformType, policy.stateful, policy.status], ['Microsoft.Authorization/policyDefinitions', 'azurerm_policy_definition', false, 'pass']);
    const vwan = by('azurerm_virtual_wan.vwan');
    assert.deepEqual([vwan.type, vwan.stateful, vwan.status, vwan.location], ['Microsoft.Network/virtualWans', false, 'pass', 'westeurope']);
    // A child the catalog judges on its parent (the Event Hubs namespace): not an unknown of its own.
    const group = by('azurerm_eventhub_consumer_group.analytics');
    assert.equal(group.type, 'Microsoft.EventHub/namespaces/eventhubs/consumerGroups');
    assert.equal(group.service, 'event-hubs');
    assert.notEqual(group.status, 'unknown');
    // Only sets options of a storage account: never a second storage account, but a setting judged on the account.
    const rules = by('azurerm_storage_account_network_rules.lake');
    assert.deepEqual([rules.type, rules.service, rules.stateful, rules.status, rules.findings.length], ['azurerm_storage_account_network_rules', 'storage-account', false, 'pass', 0]);
    assert.equal(rules.reason, 'a setting of its parent resource, judged there (Storage account / Data Lake Storage Gen2)');
    assert.equal(report.resources.filter((r) => r.type === 'Microsoft.Storage/storageAccounts').length, 0, 'no storage account is made up from it');
  });

  it('judges a setting of a type the catalog does not know (a Kusto cluster\'s customer-managed key) on that type, never as a stateful unknown', async () => {
    const dir = repo({
      'main.tf': `resource "azurerm_kusto_cluster" "adx" {
  name                = "adxtelemetry"
  location            = "westeurope"
  resource_group_name = "rg-adx"
  zones               = ["1", "2", "3"]

  sku {
    name     = "Standard_E8ads_v5"
    capacity = 2
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_kusto_cluster_customer_managed_key" "adx" {
  cluster_id   = azurerm_kusto_cluster.adx.id
  key_vault_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-keys/providers/Microsoft.KeyVault/vaults/kv-adx"
  key_name     = "adx-cmk"
}
`,
    });
    const { by } = await scan(dir);
    const cluster = by('azurerm_kusto_cluster.adx');
    assert.deepEqual([cluster.type, cluster.redundancy, cluster.stateful], ['Microsoft.Kusto/clusters', 'zone', true]);
    const key = by('azurerm_kusto_cluster_customer_managed_key.adx');
    assert.deepEqual([key.stateful, key.required, key.status, key.findings], [false, 'none', 'pass', []]);
    assert.equal(key.reason, 'a setting of its parent resource (Microsoft.Kusto/clusters), whose redundancy is judged there');
  });

  it('judges Key Vault contents on their vault, VM extensions as configuration, and leaves out AzAPI actions and patches (no resource of their own)', async () => {
    const dir = repo({
      'main.tf': `resource "azurerm_key_vault" "kv" {
  name                       = "kv-platform-prd"
  location                   = "westeurope"
  resource_group_name        = "rg-platform"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "premium"
  purge_protection_enabled   = true
  soft_delete_retention_days = 90
}

resource "azurerm_key_vault_secret" "sql" {
  name         = "sql-admin"
  value        = "not-a-real-secret"
  key_vault_id = azurerm_key_vault.kv.id
}

resource "azurerm_key_vault_key" "cmk" {
  name         = "cmk"
  key_vault_id = azurerm_key_vault.kv.id
  key_type     = "RSA"
  key_size     = 4096
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_virtual_machine_extension" "ama" {
  name                 = "AzureMonitorLinuxAgent"
  virtual_machine_id   = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1"
  publisher            = "Microsoft.Azure.Monitor"
  type                 = "AzureMonitorLinuxAgent"
  type_handler_version = "1.0"
}

resource "azapi_update_resource" "tls" {
  type        = "Microsoft.Storage/storageAccounts@2023-05-01"
  resource_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stlake"
  body = {
    properties = { minimumTlsVersion = "TLS1_2" }
  }
}

resource "azapi_resource_action" "rotate" {
  type        = "Microsoft.Storage/storageAccounts@2023-05-01"
  resource_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stlake"
  action      = "regenerateKey"
}
`,
    });
    const { report } = await scan(dir);
    const view = report.resources.map((r) => [r.address, r.type, r.service, r.stateful, r.status]);
    assert.deepEqual(view, [
      ['azurerm_key_vault.kv', 'Microsoft.KeyVault/vaults', 'key-vault', true, 'pass'],
      ['azurerm_key_vault_secret.sql', 'Microsoft.KeyVault/vaults/secrets', 'key-vault', false, 'pass'],
      ['azurerm_key_vault_key.cmk', 'Microsoft.KeyVault/vaults/keys', 'key-vault', false, 'pass'],
      ['azurerm_virtual_machine_extension.ama', 'Microsoft.Compute/virtualMachines/extensions', null, false, 'pass'],
    ]);
    assert.match(report.resources[1].reason, /a setting of its parent resource, judged there/);
  });

  it('reads a virtual machine pinned to one zone (zone = "1") as zonal, and one spread over zones as zone-redundant', async () => {
    const vm = (name: string, zone: string) => `resource "azurerm_linux_virtual_machine" "${name}" {
  name                  = "${name}"
  resource_group_name   = "rg-agents"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = []
  ${zone}
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }
}
`;
    const dir = repo({ 'main.tf': vm('agent1', 'zone = "1"') + vm('agent2', '') });
    const { report } = await scan(dir);
    const [one, none] = report.resources;
    assert.deepEqual([one.type, one.redundancy, one.redundancyDetail], ['Microsoft.Compute/virtualMachines', 'local', 'zonal']);
    assert.match(one.reason, /zones lists one availability zone \(1\): zonal/);
    assert.equal(none.redundancy, 'local', 'no zone stated: a regional VM, in one datacenter');
    assert.match(none.reason, /zones is not set: the virtual machine is regional/);
  });

  it('judges an azapi_update_resource patch on the resource it patches, so lowering a SKU through one is seen', async () => {
    const dir = repo({
      'main.tf': `resource "azapi_resource" "lake" {
  type      = "Microsoft.Storage/storageAccounts@2023-05-01"
  name      = "stlakeprd"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data"
  location  = "westeurope"
  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_RAGZRS" }
    properties = { isHnsEnabled = true, minimumTlsVersion = "TLS1_2" }
  }
}

resource "azurerm_storage_account" "logs" {
  name                     = "stlogsprd"
  resource_group_name      = "rg-data"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azapi_update_resource" "lake_sku" {
  type        = "Microsoft.Storage/storageAccounts@2023-05-01"
  resource_id = azapi_resource.lake.id
  body = {
    sku = { name = "Standard_LRS" }
  }
}

resource "azapi_update_resource" "logs_tls" {
  type        = "Microsoft.Storage/storageAccounts@2023-05-01"
  resource_id = azurerm_storage_account.logs.id
  body = jsonencode({ properties = { minimumTlsVersion = "TLS1_2" } })
}

resource "azapi_update_resource" "elsewhere" {
  type        = "Microsoft.Storage/storageAccounts@2023-05-01"
  resource_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stother"
  body        = { sku = { name = "Standard_LRS" } }
}

resource "azapi_update_resource" "missing" {
  type        = "Microsoft.Storage/storageAccounts@2023-05-01"
  resource_id = azapi_resource.gone.id
  body        = { sku = { name = "Standard_LRS" } }
}
`,
    });
    const { report, by } = await scan(dir);
    const lake = by('azapi_resource.lake');
    assert.deepEqual([lake.redundancy, lake.status], ['local', 'fail'], 'the patched SKU is judged');
    assert.match(lake.reason, /Standard_LRS/);
    const logs = by('azurerm_storage_account.logs');
    assert.equal(logs.redundancy, 'geo', 'a patch of other properties leaves the SKU');
    assert.equal(report.resources.length, 2, 'patches are not resources of their own');
    const warnings = report.errors.filter((e) => e.code === 'patch-not-applied');
    assert.deepEqual(warnings.map((w) => [w.line, w.severity]), [[41, 'warning']]);
    assert.match(warnings[0].message, /azapi_update_resource\.missing: the resource it patches is not declared in this module/);
  });

  it('converts strings given to boolean and number arguments as Terraform does ("true", "3"), as CAF\'s examples write them', async () => {
    const dir = repo({
      'main.tf': `terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 3.0" }
  }
}

resource "azurerm_cosmosdb_account" "orders" {
  name                            = "cosmos-orders"
  location                        = "westeurope"
  resource_group_name             = "rg-data"
  offer_type                      = "Standard"
  enable_automatic_failover       = "true"
  enable_multiple_write_locations = "true"

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = "0"
    zone_redundant    = "true"
  }

  geo_location {
    location          = "northeurope"
    failover_priority = "1"
    zone_redundant    = "false"
  }
}

resource "azurerm_search_service" "catalog" {
  name                = "srch-catalog"
  location            = "westeurope"
  resource_group_name = "rg-data"
  sku                 = "standard"
  replica_count       = "3"
}

resource "azurerm_key_vault" "kv" {
  name                     = "kv-data"
  location                 = "westeurope"
  resource_group_name      = "rg-data"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  sku_name                 = "standard"
  purge_protection_enabled = "false"
}
`,
    });
    const { report, by } = await scan(dir);
    assert.deepEqual(report.errors, []);
    const cosmos = by('azurerm_cosmosdb_account.orders');
    assert.equal(cosmos.redundancy, 'multi-region');
    assert.deepEqual(cosmos.findings.filter((f) => /failover/i.test(f.message)), [], 'automatic failover is on');
    const search = by('azurerm_search_service.catalog');
    assert.equal(search.redundancy, 'zone');
    assert.match(search.reason, /3/);
    // "false" is false: purge protection is off, as Terraform reads it.
    assert.ok(by('azurerm_key_vault.kv').findings.some((f) => /purge protection/i.test(f.message)));
  });

  it("judges a storage account by its replication type when its tier is a module input not known here", async () => {
    const dir = repo({
      'main.tf': `variable "account_tier" {
  type        = string
  description = "Standard or Premium"
}

resource "azurerm_storage_account" "logs" {
  name                     = "stlogsprd"
  location                 = "westeurope"
  resource_group_name      = "rg-logs"
  account_tier             = var.account_tier
  account_replication_type = "GZRS"
}
`,
    });
    const { by } = await scan(dir);
    const logs = by('azurerm_storage_account.logs');
    assert.deepEqual([logs.redundancy, logs.redundancyDetail], ['geo', 'geo-zone']);
    assert.match(logs.reason, /^sku\.name can be Standard_GZRS or Premium_GZRS, not decided statically \(var\.account_tier /);
  });

  it('reads an azurerm 2.x argument written as "Enabled"/"Disabled" (MySQL single server storage_profile) as ARM reads it', async () => {
    const server = (name: string, geo: string) => `resource "azurerm_mysql_server" "${name}" {
  name                = "${name}"
  resource_group_name = "rg-data"
  location            = "westeurope"
  sku_name            = "GP_Gen5_2"
  version             = "5.7"
  storage_profile {
    storage_mb           = 5120
    geo_redundant_backup = "${geo}"
  }
}
`;
    const dir = repo({ 'main.tf': server('mysqlgeo', 'Enabled') + server('mysqllower', 'enabled') + server('mysqloff', 'Disabled') });
    const { by } = await scan(dir);
    const geo = by('azurerm_mysql_server.mysqlgeo');
    assert.deepEqual([geo.type, geo.redundancy, geo.redundancyDetail], ['Microsoft.DBforMySQL/servers', 'geo', 'geo-backup']);
    assert.match(geo.reason, /geoRedundantBackup is Enabled/);
    assert.equal(by('azurerm_mysql_server.mysqllower').redundancy, 'geo', 'the value is case-insensitive');
    assert.notEqual(by('azurerm_mysql_server.mysqloff').redundancy, 'geo');
  });

  it("maps a managed instance's storage_account_type by its own names only, so a value named like an Object member is reported as written", async () => {
    const instance = (name: string, type: string) => `resource "azurerm_mssql_managed_instance" "${name}" {
  name                 = "${name}"
  resource_group_name  = "rg-data"
  location             = "westeurope"
  sku_name             = "GP_Gen5"
  license_type         = "BasePrice"
  vcores               = 4
  storage_size_in_gb   = 32
  subnet_id            = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/mi"
  storage_account_type = "${type}"
}
`;
    const dir = repo({ 'main.tf': instance('sqlmictor', 'constructor') + instance('sqlmiproto', '__proto__') + instance('sqlmilrs', 'LRS') });
    const { by } = await scan(dir);
    const reason = (address: string): string => by(address).reason;
    assert.match(reason('azurerm_mssql_managed_instance.sqlmictor'), /^backup storage is constructor: /);
    assert.match(reason('azurerm_mssql_managed_instance.sqlmiproto'), /^backup storage is __proto__: /);
    assert.match(reason('azurerm_mssql_managed_instance.sqlmilrs'), /^backup storage is Local: /, 'a Terraform name still maps to the ARM one');
  });

  it('reads a container registry\'s zone redundancy, and its georeplications as replicas in other regions (geo-replicated)', async () => {
    const acr = (name: string, extra: string) => `resource "azurerm_container_registry" "${name}" {\n  name                    = "${name}"\n  resource_group_name     = "rg-platform"\n  location                = "westeurope"\n  sku                     = "Premium"\n  zone_redundancy_enabled = true\n${extra}}\n`;
    const dir = repo({ 'main.tf': acr('acrgeo', '  georeplications {\n    location                = "northeurope"\n    zone_redundancy_enabled = true\n  }\n') + acr('acrzonal', '') });
    const { by } = await scan(dir, 'warm-spare');
    assert.deepEqual([by('azurerm_container_registry.acrgeo').redundancy, by('azurerm_container_registry.acrgeo').status], ['multi-region', 'pass']);
    assert.match(by('azurerm_container_registry.acrgeo').reason, /replications lists a replica in northeurope \(acrgeo\/northeurope\)/);
    const replica = by('azurerm_container_registry.acrgeo.georeplications[0]');
    assert.deepEqual([replica.type, replica.name, replica.status, replica.file, replica.line], ['Microsoft.ContainerRegistry/registries/replications', 'acrgeo/northeurope', 'pass', 'main.tf', 1]);
    assert.deepEqual([by('azurerm_container_registry.acrzonal').redundancy, by('azurerm_container_registry.acrzonal').status], ['zone', 'fail']);
  });

  it('reads an App Configuration store\'s replica blocks as replicas: one in another region makes the store geo-replicated', async () => {
    const store = (name: string, location: string) => `resource "azurerm_app_configuration" "${name}" {\n  name                = "${name}"\n  resource_group_name = "rg-platform"\n  location            = "westeurope"\n  sku                 = "standard"\n  replica {\n    name     = "replica1"\n    location = "${location}"\n  }\n}\n`;
    const dir = repo({ 'main.tf': store('appcsgeo', 'North Europe') + store('appcssame', 'West Europe') });
    const { by } = await scan(dir, 'warm-spare');
    assert.deepEqual([by('azurerm_app_configuration.appcsgeo').redundancy, by('azurerm_app_configuration.appcsgeo').status], ['geo', 'pass']);
    assert.deepEqual([by('azurerm_app_configuration.appcssame').redundancy, by('azurerm_app_configuration.appcssame').status], ['unknown', 'unknown']);
    assert.equal(by('azurerm_app_configuration.appcsgeo.replica[0]').name, 'appcsgeo/replica1');
  });

  it('reads a PostgreSQL flexible server\'s geo-redundant backups and zone-redundant standby, as for MySQL', async () => {
    const server = (name: string, extra: string) => `resource "azurerm_postgresql_flexible_server" "${name}" {\n  name                = "psql-${name}"\n  resource_group_name = "rg-data"\n  location            = "westeurope"\n  sku_name            = "GP_Standard_D2s_v3"\n${extra}}\n`;
    const dir = repo({
      'main.tf':
        server('geo', '  geo_redundant_backup_enabled = true\n') +
        server('ha', '  high_availability {\n    mode = "ZoneRedundant"\n  }\n') +
        server('plain', ''),
    });
    const { by } = await scan(dir);
    const verdict = (n: string) => {
      const r = by(`azurerm_postgresql_flexible_server.${n}`);
      return [r.type, r.redundancy, r.redundancyDetail ?? null, r.status];
    };
    assert.deepEqual(verdict('geo'), ['Microsoft.DBforPostgreSQL/flexibleServers', 'geo', 'geo-backup', 'pass']);
    assert.deepEqual(verdict('ha'), ['Microsoft.DBforPostgreSQL/flexibleServers', 'zone', null, 'fail']);
    // geo_redundant_backup_enabled defaults to false: backups and server stay in the region.
    assert.deepEqual(verdict('plain'), ['Microsoft.DBforPostgreSQL/flexibleServers', 'local', null, 'fail']);
  });

  it('reads azurerm 3.x App Service plans (sku block, zone_redundant) and apps on app_service_plan_id as the 4.x types are read', async () => {
    const { by } = await scan(fixture('app-service-3x'));
    const verdict = (address: string) => {
      const r = by(address);
      return [r.type, r.service, r.redundancy, r.status, r.reason];
    };
    assert.deepEqual(verdict('azurerm_app_service_plan.premium'), ['Microsoft.Web/serverfarms', 'functions', 'zone', 'pass', 'plan asp-premium (P1v2) is zone-redundant']);
    assert.deepEqual(verdict('azurerm_app_service_plan.standard'), ['Microsoft.Web/serverfarms', 'functions', 'local', 'pass', 'plan asp-standard (S1) is not zone-redundant']);
    assert.deepEqual(verdict('azurerm_app_service_plan.consumption'), ['Microsoft.Web/serverfarms', 'functions', 'none', 'pass', 'plan asp-consumption is Consumption (Y1): no availability zone support']);
    // The function apps are judged on the plan app_service_plan_id names, not as apps with no plan (Consumption).
    assert.deepEqual(verdict('azurerm_function_app.premium'), ['Microsoft.Web/sites', 'functions', 'zone', 'pass', 'plan asp-premium (P1v2) is zone-redundant']);
    assert.deepEqual(verdict('azurerm_function_app.consumption'), ['Microsoft.Web/sites', 'functions', 'none', 'pass', 'plan asp-consumption is Consumption (Y1): no availability zone support']);
    // A 3.x web app is a site on its plan, as azurerm_linux_web_app is.
    const web = by('azurerm_app_service.web');
    assert.deepEqual([web.type, web.redundancy, web.status], ['Microsoft.Web/sites', 'local', 'pass']);
    assert.match(web.reason, /^the web app runs on its App Service plan's instances: plan asp-standard \(S1\) is not zone-redundant/);
    // The other 3.x plan arguments land where ARM has them.
    const plan = mapAzurerm('azurerm_app_service_plan', { kind: 'elastic', reserved: false, maximum_elastic_worker_count: 20, per_site_scaling: true, sku: [{ tier: 'ElasticPremium', size: 'EP1', capacity: 1 }] }).body;
    assert.deepEqual(plan, { kind: 'elastic', sku: { name: 'EP1', tier: 'ElasticPremium', capacity: 1 }, properties: { zoneRedundant: false, reserved: false, maximumElasticWorkerCount: 20, perSiteScaling: true } });
  });

  it('names a plan\'s missing SKU as not set, never as "undefined" or "null"', async () => {
    const { report, by } = await scan(fixture('app-service-plan-no-sku'));
    assert.equal(by('azurerm_service_plan.unset').reason, 'plan asp-unset (sku.name not set) is not zone-redundant');
    assert.equal(by('azurerm_app_service_plan.unset').reason, 'plan asp-legacy-unset (sku.name not set) is not zone-redundant');
    assert.deepEqual(report.resources.filter((r) => /\b(undefined|null)\b/.test(r.reason)).map((r) => r.reason), []);
  });

  it("reads a managed disk's storage_account_type as its SKU: a Premium_ZRS disk is zone-redundant, as the same disk in ARM", async () => {
    const { report, by } = await scan(fixture('managed-disk-sku'));
    const verdict = (address: string) => {
      const r = by(address);
      return [r.type, r.redundancy, r.redundancyDetail ?? null, r.status];
    };
    const arm = report.resources.find((r) => r.name === 'disk-premium-zrs-arm');
    assert.ok(arm, 'the ARM disk');
    assert.deepEqual(verdict('azurerm_managed_disk.premium_zrs'), ['Microsoft.Compute/disks', 'zone', null, 'fail']);
    assert.equal(by('azurerm_managed_disk.premium_zrs').reason, arm.reason, 'judged as the ARM disk with sku.name Premium_ZRS');
    assert.deepEqual(verdict('azurerm_managed_disk.ssd_zrs'), ['Microsoft.Compute/disks', 'zone', null, 'fail']);
    assert.match(by('azurerm_managed_disk.ssd_zrs').reason, /^sku\.name is StandardSSD_ZRS: copies across availability zones in one region/);
    // A zonal LRS disk (zone = "1") is zonal; one with no zone is locally redundant, from its SKU.
    assert.deepEqual(verdict('azurerm_managed_disk.premium_lrs_zonal'), ['Microsoft.Compute/disks', 'local', 'zonal', 'fail']);
    assert.deepEqual(verdict('azurerm_managed_disk.standard_lrs'), ['Microsoft.Compute/disks', 'local', null, 'fail']);
    assert.match(by('azurerm_managed_disk.standard_lrs').reason, /^sku\.name is Standard_LRS: copies in one datacenter/);
  });

  it('keeps the Terraform type when the catalog rule for the documented ARM type would read arguments drcheck does not map', () => {
    // azurerm_security_center_storage_defender has a storage account's id but none of its replication settings.
    assert.equal(AZURERM_ARM_TYPES.azurerm_security_center_storage_defender, 'Microsoft.Storage/storageAccounts');
    assert.equal(mapAzurerm('azurerm_security_center_storage_defender', {}).type, 'azurerm_security_center_storage_defender');
  });
});
