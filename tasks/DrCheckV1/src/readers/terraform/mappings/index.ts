/**
 * From an azurerm type to its ARM type and body. Services with DR settings have a mapping; every other
 * catalogued azurerm type keeps its location and tags under its ARM type; unknown azurerm types keep
 * the Terraform type so they are reported as uncatalogued, never dropped.
 */
import { entryJudging } from '../../../../../../shared/catalog';
import { AZURERM_ARM_TYPES, AZURERM_SETTINGS } from './azurerm-arm-types';
import { isObject, mapAlternatives, setProp, Unknown, withoutAlternatives, type Value } from '../../../../../../shared/model/value';
import { armBody, type Attrs, type Mapped, type ProviderInfo } from './types';
import { DATA_MAPPINGS } from './data';
import { NETWORK_MAPPINGS } from './network';
import { PLATFORM_MAPPINGS } from './platform';
import { SITE_RECOVERY_MAPPINGS } from './site-recovery';
import { BACKUP_MAPPINGS } from './backup';

const MAPPINGS = { ...DATA_MAPPINGS, ...NETWORK_MAPPINGS, ...PLATFORM_MAPPINGS, ...SITE_RECOVERY_MAPPINGS, ...BACKUP_MAPPINGS };

/** azurerm types whose posture needs nothing but their ARM type. */
const PLAIN: Record<string, string> = {
  azurerm_role_assignment: 'Microsoft.Authorization/roleAssignments',
  azurerm_role_definition: 'Microsoft.Authorization/roleDefinitions',
  azurerm_subscription: 'Microsoft.Subscription/aliases',
  azurerm_management_group: 'Microsoft.Management/managementGroups',
  // Catalogued types the provider's documentation gives no ARM type for: the ARM resource each creates.
  azurerm_management_group_subscription_association: 'Microsoft.Management/managementGroups/subscriptions',
  azurerm_security_center_auto_provisioning: 'Microsoft.Security/autoProvisioningSettings',
  azurerm_mysql_database: 'Microsoft.DBforMySQL/servers/databases',
  azurerm_monitor_action_group: 'Microsoft.Insights/actionGroups',
  azurerm_monitor_metric_alert: 'Microsoft.Insights/metricAlerts',
  azurerm_monitor_activity_log_alert: 'Microsoft.Insights/activityLogAlerts',
  azurerm_monitor_diagnostic_setting: 'Microsoft.Insights/diagnosticSettings',
  azurerm_application_insights: 'Microsoft.Insights/components',
  azurerm_consumption_budget_subscription: 'Microsoft.Consumption/budgets',
  azurerm_consumption_budget_resource_group: 'Microsoft.Consumption/budgets',
  azurerm_security_center_subscription_pricing: 'Microsoft.Security/pricings',
  azurerm_security_center_contact: 'Microsoft.Security/securityContacts',
  azurerm_dns_zone: 'Microsoft.Network/dnsZones',
  azurerm_private_dns_zone: 'Microsoft.Network/privateDnsZones',
  azurerm_private_dns_zone_virtual_network_link: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
  azurerm_network_watcher: 'Microsoft.Network/networkWatchers',
  azurerm_virtual_network: 'Microsoft.Network/virtualNetworks',
  azurerm_subnet: 'Microsoft.Network/virtualNetworks/subnets',
  azurerm_virtual_network_peering: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings',
  azurerm_route_table: 'Microsoft.Network/routeTables',
  azurerm_network_security_group: 'Microsoft.Network/networkSecurityGroups',
  azurerm_network_ddos_protection_plan: 'Microsoft.Network/ddosProtectionPlans',
  azurerm_firewall_policy: 'Microsoft.Network/firewallPolicies',
  azurerm_local_network_gateway: 'Microsoft.Network/localNetworkGateways',
  // Virtual WAN hub gateways: no SKU or zone argument, judged by their type.
  azurerm_express_route_gateway: 'Microsoft.Network/expressRouteGateways',
  azurerm_vpn_gateway: 'Microsoft.Network/vpnGateways',
  azurerm_point_to_site_vpn_gateway: 'Microsoft.Network/p2sVpnGateways',
  azurerm_machine_learning_workspace: 'Microsoft.MachineLearningServices/workspaces',
  // AI Foundry hubs and projects are Machine Learning workspaces (kinds Hub and Project), judged alike.
  azurerm_ai_foundry: 'Microsoft.MachineLearningServices/workspaces',
  azurerm_ai_foundry_project: 'Microsoft.MachineLearningServices/workspaces',
  azurerm_data_share_account: 'Microsoft.DataShare/accounts',
  azurerm_purview_account: 'Microsoft.Purview/accounts',
  azurerm_synapse_spark_pool: 'Microsoft.Synapse/workspaces/bigDataPools',
  azurerm_analysis_services_server: 'Microsoft.AnalysisServices/servers',
  azurerm_mssql_server: 'Microsoft.Sql/servers',
  // The azurerm 3.x server type (removed in 4.0).
  azurerm_sql_server: 'Microsoft.Sql/servers',
  azurerm_powerbi_embedded: 'Microsoft.PowerBIDedicated/capacities',
  azurerm_fabric_capacity: 'Microsoft.Fabric/capacities',
  azurerm_storage_container: 'Microsoft.Storage/storageAccounts/blobServices/containers',
  azurerm_storage_data_lake_gen2_filesystem: 'Microsoft.Storage/storageAccounts/blobServices/containers',
  azurerm_eventhub: 'Microsoft.EventHub/namespaces/eventhubs',
  azurerm_cosmosdb_sql_database: 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases',
  azurerm_cosmosdb_sql_container: 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
  azurerm_resource_group: 'Microsoft.Resources/resourceGroups',
  azurerm_user_assigned_identity: 'Microsoft.ManagedIdentity/userAssignedIdentities',
  azurerm_redis_cache: 'Microsoft.Cache/redis',
  // Azure Cache for Redis Enterprise (deprecated in azurerm, still in use; its documentation, and so the generated
  // table, no longer lists it).
  azurerm_redis_enterprise_cluster: 'Microsoft.Cache/redisEnterprise',
  azurerm_redis_enterprise_database: 'Microsoft.Cache/redisEnterprise/databases',
  // The azurerm 3.x template deployment (removed in 4.0), when its template is not read (see template-deployment.ts).
  azurerm_template_deployment: 'Microsoft.Resources/deployments',
  azurerm_linux_virtual_machine: 'Microsoft.Compute/virtualMachines',
  azurerm_windows_virtual_machine: 'Microsoft.Compute/virtualMachines',
  azurerm_private_endpoint: 'Microsoft.Network/privateEndpoints',
  // Key Vault contents and access: recovered with the vault, judged on it.
  azurerm_key_vault_secret: 'Microsoft.KeyVault/vaults/secrets',
  azurerm_key_vault_key: 'Microsoft.KeyVault/vaults/keys',
  azurerm_key_vault_access_policy: 'Microsoft.KeyVault/vaults/accessPolicies',
};

/**
 * The ARM type of an azurerm type with no mapping here, from the provider's documentation, when judging it
 * reads nothing from its arguments: a type the catalog does not know (classified by the article's
 * stateful/stateless guidance, as in ARM and Bicep), or one whose catalog entry has no rule for it (a
 * sub-resource judged on its parent, a service Azure makes resilient). A type whose catalog rule would read
 * arguments this file does not map keeps its Terraform type: reported as not read, never judged on arguments
 * drcheck never saw.
 */
function documentedArmType(tfType: string): string | undefined {
  const arm = own(AZURERM_ARM_TYPES, tfType);
  return arm && !entryJudging(arm) ? arm : undefined;
}

/** A table's own entry for a Terraform type (never an inherited property such as `constructor`). */
function own(table: Readonly<Record<string, string>>, tfType: string): string | undefined {
  return Object.hasOwn(table, tfType) ? table[tfType] : undefined;
}

/**
 * The arguments without the alternatives that include null: an argument set to null is unset, so takes its provider
 * default (`storage_redundancy = var.local ? "Local" : null` is Local or Geo), which the mapping does not know as one.
 */
function withoutNullAlternatives(v: Value, depth = 0): Value {
  if (v instanceof Unknown) return v.oneOf?.includes(null) ? withoutAlternatives(v) : v;
  if (depth > 32) return v;
  if (Array.isArray(v)) {
    let out: Value[] | undefined;
    v.forEach((x, i) => {
      const y = withoutNullAlternatives(x, depth + 1);
      if (y !== x) (out ??= v.slice())[i] = y;
    });
    return out ?? v;
  }
  if (isObject(v)) {
    let out: { [k: string]: Value } | undefined;
    for (const k of Object.keys(v)) {
      const y = withoutNullAlternatives(v[k], depth + 1);
      if (y !== v[k]) setProp((out ??= { ...v }), k, y);
    }
    return out ?? v;
  }
  return v;
}

/**
 * Data-plane parts the provider documentation gives no ARM type for: a blob, a file share's file, a certificate. Their
 * redundancy is their account's or vault's, judged there.
 */
const DATA_PLANE_PARTS: Readonly<Record<string, string>> = {
  azurerm_storage_blob: 'Microsoft.Storage/storageAccounts',
  azurerm_storage_share_file: 'Microsoft.Storage/storageAccounts',
  azurerm_storage_share_directory: 'Microsoft.Storage/storageAccounts',
  azurerm_storage_table_entity: 'Microsoft.Storage/storageAccounts',
  azurerm_storage_data_lake_gen2_path: 'Microsoft.Storage/storageAccounts',
  azurerm_key_vault_certificate: 'Microsoft.KeyVault/vaults',
  azurerm_key_vault_certificate_issuer: 'Microsoft.KeyVault/vaults',
  azurerm_key_vault_certificate_contacts: 'Microsoft.KeyVault/vaults',
};

/**
 * Types that only set options of a resource the catalog judges, whose documentation gives them that resource's ARM type
 * (or none): a subnet's route table or NSG (the subnet is judged on its virtual network), a storage account's inventory
 * policy or Defender settings, a site's active slot or source control.
 */
const CATALOGUED_SETTINGS: Readonly<Record<string, string>> = {
  azurerm_subnet_route_table_association: 'Microsoft.Network/virtualNetworks',
  azurerm_subnet_network_security_group_association: 'Microsoft.Network/virtualNetworks',
  azurerm_storage_blob_inventory_policy: 'Microsoft.Storage/storageAccounts',
  azurerm_security_center_storage_defender: 'Microsoft.Storage/storageAccounts',
  azurerm_web_app_active_slot: 'Microsoft.Web/sites',
  azurerm_function_app_active_slot: 'Microsoft.Web/sites',
  azurerm_app_service_source_control: 'Microsoft.Web/sites',
};

/** Types that only set options of another (documented settings, then data-plane parts) → that one's ARM type. */
const SETTING_OF: Readonly<Record<string, string>> = { ...DATA_PLANE_PARTS, ...AZURERM_SETTINGS, ...CATALOGUED_SETTINGS };

/**
 * azurerm's boolean and number arguments, by the provider's naming: Terraform converts a string given to one
 * (`enable_automatic_failover = "true"`, `replica_count = "3"`, as CAF's examples write them) to the argument's type.
 */
const BOOL_ARGUMENT = /^(enable_\w+|\w+_enabled|zone_redundant|active_active|reserved)$/;
const NUMBER_ARGUMENT = /^(\w+_count|capacity|failover_priority|\w+_in_days|\w+_in_mbps|\w+_partitions)$/;
const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A known value given to the argument `name` as Terraform converts it to the argument's type. */
function converted(name: string, v: Value): Value {
  if (typeof v !== 'string') return v;
  if (BOOL_ARGUMENT.test(name)) return v === 'true' ? true : v === 'false' ? false : v;
  if (NUMBER_ARGUMENT.test(name) && NUMERIC.test(v)) return Number(v);
  return v;
}

/** The arguments, and those of nested blocks, with strings given to boolean and number arguments converted. */
function withArgumentTypes(a: Attrs, depth = 0): Attrs {
  if (depth > 16) return a;
  let out: Attrs | undefined;
  for (const k of Object.keys(a)) {
    const v = a[k];
    let w: Value = v;
    if (typeof v === 'string') w = converted(k, v);
    else if (v instanceof Unknown) w = BOOL_ARGUMENT.test(k) || NUMBER_ARGUMENT.test(k) ? mapAlternatives(v, (x) => converted(k, x)) : v;
    else if (Array.isArray(v)) {
      let list: Value[] | undefined;
      v.forEach((b, i) => {
        if (!isObject(b)) return;
        const c = withArgumentTypes(b as Attrs, depth + 1);
        if (c !== b) (list ??= v.slice())[i] = c;
      });
      if (list) w = list;
    } else if (isObject(v)) w = withArgumentTypes(v as Attrs, depth + 1);
    if (w !== v) setProp((out ??= { ...a }), k, w);
  }
  return out ?? a;
}

export function mapAzurerm(tfType: string, raw: Attrs, provider?: ProviderInfo): Mapped {
  const attrs = withoutNullAlternatives(raw) as Attrs;
  const mapper = MAPPINGS[tfType];
  if (mapper) return mapper(withArgumentTypes(attrs), provider);
  // A resource that only sets options of another keeps its own type and names the one it belongs to.
  const settingOf = PLAIN[tfType] === undefined ? own(SETTING_OF, tfType) : undefined;
  if (settingOf) return { type: tfType, body: armBody(attrs, {}), settingOf };
  const armType = PLAIN[tfType] ?? documentedArmType(tfType) ?? tfType;
  return { type: armType, body: armBody(attrs, { sku: attrs.sku_name !== undefined ? { name: attrs.sku_name } : undefined }) };
}

/**
 * Types that deploy no Azure resource of their own, so are not judged: `azapi_resource_action` invokes an
 * action, `azapi_update_resource` patches a resource declared elsewhere (its posture is the target's).
 */
const NOT_RESOURCES = new Set(['azapi_resource_action', 'azapi_update_resource']);

/** Whether a Terraform resource type deploys an Azure resource drcheck judges (azurerm and AzAPI ones do; random, null, azuread… do not). */
export function deploysAzureResource(tfType: string): boolean {
  const provider = tfType.split('_')[0];
  return (provider === 'azurerm' || provider === 'azapi') && !NOT_RESOURCES.has(tfType);
}

export function isMapped(tfType: string): boolean {
  return tfType in MAPPINGS || tfType in PLAIN;
}
