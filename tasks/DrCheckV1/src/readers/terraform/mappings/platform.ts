/** azurerm mappings for identity, management, backup, compute hosting and AI services. */
import { arg, block, blocks, clean, armBody, enabled, mapBlocks, type Mapper } from './types';

const keyVault: Mapper = (a) => ({
  type: 'Microsoft.KeyVault/vaults',
  body: armBody(a, { properties: clean({ sku: { family: 'A', name: a.sku_name ?? null }, enablePurgeProtection: a.purge_protection_enabled ?? false, softDeleteRetentionInDays: a.soft_delete_retention_days }) }),
});

/** Managed HSM: azurerm has no argument for multi-region replication (`properties.regions`), so a pool it makes is in one region. */
const managedHsm: Mapper = (a) => ({
  type: 'Microsoft.KeyVault/managedHSMs',
  body: armBody(a, { sku: { name: a.sku_name ?? null }, properties: clean({ enablePurgeProtection: a.purge_protection_enabled, softDeleteRetentionInDays: a.soft_delete_retention_days }) }),
});

const recoveryVault: Mapper = (a) => ({
  type: 'Microsoft.RecoveryServices/vaults',
  body: armBody(a, {
    sku: { name: a.sku ?? 'Standard' },
    properties: { redundancySettings: clean({ standardTierStorageRedundancy: a.storage_mode_type ?? 'GeoRedundant', crossRegionRestore: enabled(a.cross_region_restore_enabled ?? false) }) },
  }),
});

const logAnalytics: Mapper = (a) => ({ type: 'Microsoft.OperationalInsights/workspaces', body: armBody(a, { properties: clean({ sku: a.sku !== undefined ? { name: a.sku } : undefined, retentionInDays: a.retention_in_days }) }) });

const servicePlan: Mapper = (a) => ({
  type: 'Microsoft.Web/serverfarms',
  body: armBody(a, { sku: clean({ name: a.sku_name, tier: a.sku_name === 'Y1' ? 'Dynamic' : undefined, capacity: a.worker_count }), properties: clean({ zoneRedundant: a.zone_balancing_enabled ?? false }) }),
});

/**
 * The azurerm 3.x App Service plan (removed in 4.0): its `sku { tier, size, capacity }` block is ARM's sku, named by its
 * size as the provider sends it; `zone_redundant` (false unless set), `reserved`, `maximum_elastic_worker_count` and
 * `per_site_scaling` are ARM's properties, `kind` (Windows, Linux, elastic, FunctionApp…) is sent as written.
 */
const appServicePlan: Mapper = (a) => {
  const sku = block(a, 'sku');
  return {
    type: 'Microsoft.Web/serverfarms',
    body: armBody(a, {
      kind: a.kind,
      sku: clean({ name: sku?.size, tier: sku?.tier, capacity: sku?.capacity }),
      properties: clean({ zoneRedundant: a.zone_redundant ?? false, reserved: a.reserved, maximumElasticWorkerCount: a.maximum_elastic_worker_count, perSiteScaling: a.per_site_scaling }),
    }),
  };
};

/** A function app on its plan: `service_plan_id` (azurerm 4.x types), `app_service_plan_id` (the 3.x `azurerm_function_app`). */
const functionApp: Mapper = (a) => ({ type: 'Microsoft.Web/sites', body: armBody(a, { kind: 'functionapp', properties: clean({ serverFarmId: arg(a, 'service_plan_id', 'app_service_plan_id') }) }) });

/** A web app on its plan: `service_plan_id` (azurerm 4.x types), `app_service_plan_id` (the 3.x `azurerm_app_service`). */
const webApp: Mapper = (a) => ({ type: 'Microsoft.Web/sites', body: armBody(a, { kind: 'app', properties: clean({ serverFarmId: arg(a, 'service_plan_id', 'app_service_plan_id') }) }) });

/**
 * A managed disk: `storage_account_type` (Standard_LRS, StandardSSD_ZRS, Premium_ZRS, UltraSSD_LRS…) is ARM's sku.name,
 * which tells a zone-redundant disk from a locally redundant one; its `zone` (`zones` in azurerm 2.x) is ARM's `zones`.
 */
const managedDisk: Mapper = (a) => ({ type: 'Microsoft.Compute/disks', body: armBody(a, { sku: clean({ name: a.storage_account_type }) }) });

const dataFactory: Mapper = (a) => ({
  type: 'Microsoft.DataFactory/factories',
  body: armBody(a, { properties: clean({ repoConfiguration: block(a, 'vsts_configuration') ? { type: 'FactoryVSTSConfiguration' } : block(a, 'github_configuration') ? { type: 'FactoryGitHubConfiguration' } : undefined }) }),
});

const selfHostedIr = (type: string): Mapper => () => ({ type, body: { properties: { type: 'SelfHosted' } } });

/**
 * Azure (and Azure-SSIS) integration runtimes: ARM's `Managed` runtime, run by the service. Their `location` is where the
 * runtime computes (`AutoResolve` or a region), ARM's `typeProperties.computeProperties.location`, not a resource location.
 */
const managedIr = (type: string): Mapper => (a) => ({ type, body: { properties: { type: 'Managed', typeProperties: { computeProperties: clean({ location: a.location }) } } } });

/**
 * SQL Server on an Azure VM (the SQL IaaS extension resource): `sql_virtual_machine_group_id` is the availability group
 * membership (`sqlVirtualMachineGroupResourceId`), an `auto_backup` block turns automated backups on (`autoBackupSettings.enable`).
 */
const mssqlVirtualMachine: Mapper = (a) => ({
  type: 'Microsoft.SqlVirtualMachine/sqlVirtualMachines',
  body: armBody(a, {
    properties: clean({
      virtualMachineResourceId: a.virtual_machine_id,
      sqlVirtualMachineGroupResourceId: a.sql_virtual_machine_group_id,
      autoBackupSettings: block(a, 'auto_backup') ? { enable: true } : undefined,
    }),
  }),
});

/** Logic App Standard: a site of kind `functionapp,workflowapp` on an App Service plan (`app_service_plan_id`), as ARM declares it. */
const logicAppStandard: Mapper = (a) => ({ type: 'Microsoft.Web/sites', body: armBody(a, { kind: 'functionapp,workflowapp', properties: clean({ serverFarmId: a.app_service_plan_id }) }) });

const synapseWorkspace: Mapper = (a) => ({ type: 'Microsoft.Synapse/workspaces', body: armBody(a, { properties: clean({ workspaceRepositoryConfiguration: block(a, 'azure_devops_repo') || block(a, 'github_repo') ? { type: 'Git' } : undefined }) }) });

const cognitive: Mapper = (a) => ({ type: 'Microsoft.CognitiveServices/accounts', body: armBody(a, { kind: a.kind, sku: { name: a.sku_name ?? null } }) });

/**
 * Container registries: SKU, zone redundancy, and each `georeplications` block as the `replications` child the provider
 * creates for it (a replica in another region, which the generic rule reads).
 */
const containerRegistry: Mapper = (a) => {
  const replicas = blocks(a, 'georeplications');
  return {
    type: 'Microsoft.ContainerRegistry/registries',
    body: armBody(a, { sku: clean({ name: a.sku }), properties: clean({ zoneRedundancy: enabled(a.zone_redundancy_enabled) }) }),
    children: replicas.map((g, i) => ({
      type: 'Microsoft.ContainerRegistry/registries/replications',
      name: typeof g.location === 'string' ? g.location : null,
      block: `georeplications[${i}]`,
      body: clean({ location: g.location, properties: clean({ zoneRedundancy: enabled(g.zone_redundancy_enabled) }) }),
    })),
  };
};

/** App Configuration stores: each `replica` block is the `replicas` child the provider creates (a replica in its location). */
const appConfiguration: Mapper = (a) => ({
  type: 'Microsoft.AppConfiguration/configurationStores',
  body: armBody(a, { sku: clean({ name: a.sku }) }),
  children: blocks(a, 'replica').map((r, i) => ({
    type: 'Microsoft.AppConfiguration/configurationStores/replicas',
    name: typeof r.name === 'string' ? r.name : null,
    block: `replica[${i}]`,
    body: clean({ location: r.location }),
  })),
});

/**
 * An AKS cluster: its `default_node_pool` as ARM's first `agentPoolProfiles` entry, with the zones its nodes spread over
 * (`zones`; `availability_zones` in azurerm 2.x), which the generic rule reads for the cluster's zone redundancy.
 */
const kubernetesCluster: Mapper = (a) => ({
  type: 'Microsoft.ContainerService/managedClusters',
  body: armBody(a, { properties: { agentPoolProfiles: mapBlocks(a, 'default_node_pool', (p) => clean({ name: p.name, mode: 'System', availabilityZones: arg(p, 'zones', 'availability_zones') })) } }),
});

/**
 * A scale set: its OS disk's `diff_disk_settings { option = "Local" }` (an ephemeral OS disk) and its `data_disk` blocks are
 * ARM's storage profile, which tells a scale set that keeps no data (shared/catalog/uncatalogued.ts); the orchestrated type
 * is Flexible, the others Uniform.
 */
const scaleSet =
  (orchestrationMode: 'Uniform' | 'Flexible'): Mapper =>
  (a) => {
    const os = block(a, 'os_disk');
    const diff = os && block(os, 'diff_disk_settings');
    const osDisk = clean({ diffDiskSettings: diff ? clean({ option: diff.option }) : undefined });
    return {
      type: 'Microsoft.Compute/virtualMachineScaleSets',
      body: armBody(a, { properties: { orchestrationMode, virtualMachineProfile: { storageProfile: { osDisk, dataDisks: mapBlocks(a, 'data_disk', () => ({})) } } } }),
    };
  };

export const PLATFORM_MAPPINGS: Record<string, Mapper> = {
  azurerm_linux_virtual_machine_scale_set: scaleSet('Uniform'),
  azurerm_windows_virtual_machine_scale_set: scaleSet('Uniform'),
  azurerm_orchestrated_virtual_machine_scale_set: scaleSet('Flexible'),
  azurerm_kubernetes_cluster: kubernetesCluster,
  azurerm_container_registry: containerRegistry,
  azurerm_app_configuration: appConfiguration,
  azurerm_key_vault: keyVault,
  azurerm_key_vault_managed_hardware_security_module: managedHsm,
  azurerm_recovery_services_vault: recoveryVault,
  azurerm_log_analytics_workspace: logAnalytics,
  azurerm_service_plan: servicePlan,
  azurerm_app_service_plan: appServicePlan,
  azurerm_linux_function_app: functionApp,
  azurerm_windows_function_app: functionApp,
  azurerm_function_app_flex_consumption: functionApp,
  azurerm_function_app: functionApp,
  azurerm_linux_web_app: webApp,
  azurerm_windows_web_app: webApp,
  azurerm_app_service: webApp,
  azurerm_managed_disk: managedDisk,
  azurerm_data_factory: dataFactory,
  azurerm_data_factory_integration_runtime_self_hosted: selfHostedIr('Microsoft.DataFactory/factories/integrationRuntimes'),
  azurerm_synapse_integration_runtime_self_hosted: selfHostedIr('Microsoft.Synapse/workspaces/integrationRuntimes'),
  azurerm_data_factory_integration_runtime_azure: managedIr('Microsoft.DataFactory/factories/integrationRuntimes'),
  azurerm_data_factory_integration_runtime_azure_ssis: managedIr('Microsoft.DataFactory/factories/integrationRuntimes'),
  azurerm_synapse_integration_runtime_azure: managedIr('Microsoft.Synapse/workspaces/integrationRuntimes'),
  azurerm_mssql_virtual_machine: mssqlVirtualMachine,
  azurerm_logic_app_standard: logicAppStandard,
  azurerm_synapse_workspace: synapseWorkspace,
  azurerm_cognitive_account: cognitive,
};
