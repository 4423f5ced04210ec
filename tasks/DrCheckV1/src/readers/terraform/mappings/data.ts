/** azurerm mappings for data services: storage, Cosmos DB, messaging, analytics, databases. */
import { isUnknown, mapAlternatives, Unknown, withoutAlternatives, type Value } from '../../../../../../shared/model/value';
import { arg, block, mapBlocks, clean, armBody, enabled, type Mapper } from './types';

const storageAccount: Mapper = (a) => {
  const tier = a.account_tier;
  const repl = a.account_replication_type;
  const skuOf = (r: Value) => (typeof tier === 'string' && typeof r === 'string' ? `${tier}_${r}` : (r ?? null));
  // A tier not known yet is one of the two azurerm allows: the replication type alone decides the redundancy.
  const sku: Value = isUnknown(tier)
    ? typeof repl === 'string'
      ? new Unknown(tier.reason, tier.expression, (tier.oneOf?.every((t) => typeof t === 'string') ? tier.oneOf : ['Standard', 'Premium']).map((t) => `${t}_${repl}`))
      : withoutAlternatives(tier)
    : isUnknown(repl)
      ? mapAlternatives(repl, skuOf)
      : skuOf(repl);
  return { type: 'Microsoft.Storage/storageAccounts', body: armBody(a, { sku: { name: sku }, kind: a.account_kind ?? 'StorageV2', properties: clean({ isHnsEnabled: a.is_hns_enabled, minimumTlsVersion: a.min_tls_version }) }) };
};

const cosmos: Mapper = (a) => {
  const backup = block(a, 'backup');
  const type = backup?.type;
  const backupPolicy = backup
    ? clean({ type, periodicModeProperties: type === 'Continuous' ? undefined : clean({ backupIntervalInMinutes: backup.interval_in_minutes, backupRetentionIntervalInHours: backup.retention_in_hours, backupStorageRedundancy: backup.storage_redundancy }), continuousModeProperties: type === 'Continuous' ? clean({ tier: backup.tier }) : undefined })
    : undefined;
  return {
    type: 'Microsoft.DocumentDB/databaseAccounts',
    body: armBody(a, {
      kind: a.kind,
      properties: clean({
        locations: mapBlocks(a, 'geo_location', (g) => clean({ locationName: g.location, failoverPriority: g.failover_priority, isZoneRedundant: g.zone_redundant ?? false })),
        enableAutomaticFailover: arg(a, 'automatic_failover_enabled', 'enable_automatic_failover'),
        enableMultipleWriteLocations: arg(a, 'multiple_write_locations_enabled', 'enable_multiple_write_locations'),
        backupPolicy,
        consistencyPolicy: block(a, 'consistency_policy') ? { defaultConsistencyLevel: block(a, 'consistency_policy')!.consistency_level ?? null } : undefined,
      }),
    }),
  };
};

const eventHubNamespace: Mapper = (a) => ({
  type: 'Microsoft.EventHub/namespaces',
  body: armBody(a, { sku: clean({ name: a.sku, tier: a.sku, capacity: a.capacity }), properties: clean({ zoneRedundant: a.zone_redundant, clusterArmId: a.dedicated_cluster_id }) }),
});

const eventHubDr: Mapper = (a) => ({ type: 'Microsoft.EventHub/namespaces/disasterRecoveryConfigs', body: { properties: clean({ partnerNamespace: a.partner_namespace_id }) } });

/**
 * Service Bus namespaces name their tier in `sku` (Basic, Standard, Premium), not `sku_name`; `capacity` is the Premium
 * messaging units, `premium_messaging_partitions` the Premium partitions, and the 3.x `zone_redundant` (Premium only)
 * is ARM's `zoneRedundant`. The provider has no argument for geo-replication (`geoDataReplication`).
 */
const serviceBusNamespace: Mapper = (a) => ({
  type: 'Microsoft.ServiceBus/namespaces',
  body: armBody(a, { sku: clean({ name: a.sku, tier: a.sku, capacity: a.capacity }), properties: clean({ zoneRedundant: a.zone_redundant, premiumMessagingPartitions: a.premium_messaging_partitions }) }),
});

/** A Service Bus Geo-DR pairing (an alias on its primary namespace): its partner is `partner_namespace_id`, as for Event Hubs. */
const serviceBusDr: Mapper = (a) => ({ type: 'Microsoft.ServiceBus/namespaces/disasterRecoveryConfigs', body: { properties: clean({ partnerNamespace: a.partner_namespace_id }) } });

/**
 * A Redis cache's geo-replication link, on the cache `target_redis_cache_name`: the linked cache (`linked_redis_cache_id`),
 * its region (`linked_redis_cache_location`) and this cache's role (`server_role`), as ARM's linkedServers properties.
 */
const redisLinkedServer: Mapper = (a) => ({
  type: 'Microsoft.Cache/redis/linkedServers',
  body: { properties: clean({ linkedRedisCacheId: a.linked_redis_cache_id, linkedRedisCacheLocation: a.linked_redis_cache_location, serverRole: a.server_role }) },
});

const iotHub: Mapper = (a) => {
  const sku = block(a, 'sku');
  return { type: 'Microsoft.Devices/IotHubs', body: armBody(a, { sku: clean({ name: sku?.name, capacity: sku?.capacity }), properties: {} }) };
};

const streamAnalytics: Mapper = (a) => ({ type: 'Microsoft.StreamAnalytics/streamingjobs', body: armBody(a, { properties: clean({ sku: clean({ name: a.sku_name ?? 'Standard' }), cluster: a.stream_analytics_cluster_id ? { id: a.stream_analytics_cluster_id } : undefined }) }) });

const search: Mapper = (a) => ({ type: 'Microsoft.Search/searchServices', body: armBody(a, { sku: { name: a.sku ?? null }, properties: clean({ replicaCount: a.replica_count, partitionCount: a.partition_count }) }) });

const databricks: Mapper = (a) => {
  const custom = block(a, 'custom_parameters');
  return { type: 'Microsoft.Databricks/workspaces', body: armBody(a, { sku: { name: a.sku ?? null }, properties: clean({ parameters: custom?.storage_account_sku_name !== undefined ? { storageAccountSkuName: { value: custom.storage_account_sku_name } } : undefined }) }) };
};

/** MySQL and PostgreSQL flexible servers share their backup and high-availability arguments and ARM properties. */
const flexibleServer = (type: string): Mapper => (a) => {
  const ha = block(a, 'high_availability');
  return {
    type,
    body: armBody(a, {
      properties: clean({
        // Left out when not written: the flexible-server rule knows the defaults (Disabled), for ARM and Bicep alike.
        backup: clean({ geoRedundantBackup: enabled(a.geo_redundant_backup_enabled) }),
        highAvailability: ha ? clean({ mode: ha.mode, standbyAvailabilityZone: ha.standby_availability_zone }) : undefined,
        createMode: a.create_mode,
        sourceServerResourceId: a.source_server_id,
        availabilityZone: a.zone,
      }),
    }),
  };
};

/**
 * Single servers (MySQL, and the azurerm 3.x `azurerm_postgresql_server` and `azurerm_mariadb_server`, removed in 4.0):
 * `geo_redundant_backup_enabled` (default false) is the server's `storageProfile.geoRedundantBackup`.
 */
const singleServer = (type: string): Mapper => (a) => {
  const profile = block(a, 'storage_profile');
  return { type, body: armBody(a, { properties: { storageProfile: { geoRedundantBackup: enabled(a.geo_redundant_backup_enabled ?? profile?.geo_redundant_backup ?? false) ?? 'Disabled' } } }) };
};

/**
 * `geo_backup_enabled` (default true, read for DW SKUs only) is a dedicated SQL pool's `geoBackupPolicies/Default` child in
 * ARM; it travels as a nested child resource, as for Synapse pools.
 */
const mssqlDatabase: Mapper = (a) => ({
  type: 'Microsoft.Sql/servers/databases',
  body: armBody(a, {
    sku: a.sku_name !== undefined ? { name: a.sku_name } : undefined,
    resources: a.geo_backup_enabled === undefined ? undefined : [{ type: 'geoBackupPolicies', name: 'Default', properties: { state: enabled(a.geo_backup_enabled) ?? null } }],
    properties: clean({ zoneRedundant: a.zone_redundant, elasticPoolId: a.elastic_pool_id, requestedBackupStorageRedundancy: a.storage_account_type, createMode: a.create_mode, sourceDatabaseId: a.creation_source_database_id, secondaryType: a.secondary_type }) }),
});

/**
 * The azurerm 3.x `azurerm_sql_database` (removed in 4.0; server by `server_name`): `create_mode` (`OnlineSecondary`,
 * `NonReadableSecondary` for a geo-replication secondary) and `source_database_id`. It has no backup storage argument,
 * so its backups take Azure's default (Geo). Its elastic pool is named, not referenced by id (`elastic_pool_name`, on
 * the same server): the pool's ARM name `<server>/<pool>` finds it, as a pool's id would.
 */
const sqlDatabase: Mapper = (a) => {
  const pool = a.elastic_pool_name;
  const elasticPoolId = typeof pool === 'string' && typeof a.server_name === 'string' ? `${a.server_name}/${pool}` : pool;
  return {
    type: 'Microsoft.Sql/servers/databases',
    body: armBody(a, { properties: clean({ zoneRedundant: a.zone_redundant, elasticPoolId, createMode: a.create_mode, sourceDatabaseId: a.source_database_id }) }),
  };
};

/**
 * Elastic pools: `zone_redundant` is the pool's `zoneRedundant`, which its databases share. The azurerm 3.x
 * `azurerm_sql_elasticpool` (DTU `edition`, no zone argument) makes the same ARM resource.
 */
const mssqlElasticPool: Mapper = (a) => {
  const sku = block(a, 'sku');
  return { type: 'Microsoft.Sql/servers/elasticPools', body: armBody(a, { sku: sku ? clean({ name: sku.name, tier: sku.tier, capacity: sku.capacity }) : undefined, properties: clean({ zoneRedundant: a.zone_redundant }) }) };
};

const sqlElasticPool: Mapper = (a) => ({ type: 'Microsoft.Sql/servers/elasticPools', body: armBody(a, { sku: clean({ tier: a.edition, capacity: a.dtu }), properties: {} }) });

/**
 * Failover groups. azurerm 4.x `azurerm_mssql_failover_group` names its partner in `partner_server`; the 3.x
 * `azurerm_sql_failover_group` (server by `server_name`, still used by CAF modules) in `partner_servers`: one ARM shape for both.
 */
const failoverGroup = (partnerBlock: string): Mapper => (a) => ({
  type: 'Microsoft.Sql/servers/failoverGroups',
  // (A list in ARM; a plan whose databases the same plan creates may give the one it refers to alone.)
  body: { properties: clean({ databases: typeof a.databases === 'string' ? [a.databases] : a.databases, partnerServers: mapBlocks(a, partnerBlock, (p) => ({ id: p.id ?? null })), readWriteEndpoint: clean({ failoverPolicy: block(a, 'read_write_endpoint_failover_policy')?.mode }) }) },
});

const managedInstance: Mapper = (a) => {
  const redundancy: Record<string, string> = { GRS: 'Geo', GZRS: 'GeoZone', LRS: 'Local', ZRS: 'Zone' };
  const sat = a.storage_account_type;
  return { type: 'Microsoft.Sql/managedInstances', body: armBody(a, { properties: clean({ zoneRedundant: a.zone_redundant_enabled, requestedBackupStorageRedundancy: typeof sat === 'string' && Object.hasOwn(redundancy, sat) ? redundancy[sat] : sat }) }) };
};

const miFailoverGroup: Mapper = (a) => ({
  type: 'Microsoft.Sql/locations/instanceFailoverGroups',
  body: { properties: { managedInstancePairs: [clean({ primaryManagedInstanceId: a.managed_instance_id, partnerManagedInstanceId: a.partner_managed_instance_id })] } },
});

/**
 * `geo_backup_policy_enabled` (default true, azurerm 3.x and 4.x) is the pool's `geoBackupPolicies/Default`
 * child in ARM; it travels as an ARM nested child resource so the rule reads one shape for both.
 */
const synapseSqlPool: Mapper = (a) => ({
  type: 'Microsoft.Synapse/workspaces/sqlPools',
  body: clean({
    sku: { name: a.sku_name ?? null },
    properties: clean({ storageAccountType: a.storage_account_type, createMode: a.create_mode }),
    resources: a.geo_backup_policy_enabled === undefined ? undefined : [{ type: 'geoBackupPolicies', name: 'Default', properties: { state: enabled(a.geo_backup_policy_enabled) ?? null } }],
  }),
});

/**
 * `azurerm_storage_object_replication`: the policy on both accounts as ARM declares it, its source and destination accounts
 * (`source_storage_account_id`, `destination_storage_account_id`) and the containers its rules copy.
 */
const objectReplication: Mapper = (a) => ({
  type: 'Microsoft.Storage/storageAccounts/objectReplicationPolicies',
  body: {
    properties: clean({
      sourceAccount: a.source_storage_account_id,
      destinationAccount: a.destination_storage_account_id,
      rules: mapBlocks(a, 'rules', (r) => clean({ sourceContainer: r.source_container_name, destinationContainer: r.destination_container_name })),
    }),
  },
});

/**
 * An Azure NetApp Files volume: its `data_protection_replication` block, on a destination volume, is ARM's
 * `dataProtection.replication` (`endpoint_type` dst, the source in `remote_volume_resource_id` and `remote_volume_location`):
 * cross-zone or cross-region replication, read from either end. Its `zone` is ARM's `zones` (armBody).
 */
const netAppVolume: Mapper = (a) => {
  const r = block(a, 'data_protection_replication');
  const replication = r ? clean({ endpointType: r.endpoint_type, remoteVolumeResourceId: r.remote_volume_resource_id, remoteVolumeRegion: r.remote_volume_location, replicationSchedule: r.replication_frequency }) : undefined;
  return { type: 'Microsoft.NetApp/netAppAccounts/capacityPools/volumes', body: armBody(a, { properties: clean({ serviceLevel: a.service_level, dataProtection: replication ? { replication } : undefined }) }) };
};

export const DATA_MAPPINGS: Record<string, Mapper> = {
  azurerm_netapp_volume: netAppVolume,
  azurerm_storage_account: storageAccount,
  azurerm_storage_object_replication: objectReplication,
  azurerm_cosmosdb_account: cosmos,
  azurerm_eventhub_namespace: eventHubNamespace,
  azurerm_eventhub_namespace_disaster_recovery_config: eventHubDr,
  azurerm_servicebus_namespace: serviceBusNamespace,
  azurerm_servicebus_namespace_disaster_recovery_config: serviceBusDr,
  azurerm_redis_linked_server: redisLinkedServer,
  azurerm_iothub: iotHub,
  azurerm_stream_analytics_job: streamAnalytics,
  azurerm_search_service: search,
  azurerm_databricks_workspace: databricks,
  azurerm_mysql_flexible_server: flexibleServer('Microsoft.DBforMySQL/flexibleServers'),
  azurerm_postgresql_flexible_server: flexibleServer('Microsoft.DBforPostgreSQL/flexibleServers'),
  azurerm_mysql_server: singleServer('Microsoft.DBforMySQL/servers'),
  azurerm_postgresql_server: singleServer('Microsoft.DBforPostgreSQL/servers'),
  azurerm_mariadb_server: singleServer('Microsoft.DBforMariaDB/servers'),
  azurerm_mssql_database: mssqlDatabase,
  azurerm_sql_database: sqlDatabase,
  azurerm_mssql_elasticpool: mssqlElasticPool,
  azurerm_sql_elasticpool: sqlElasticPool,
  azurerm_mssql_failover_group: failoverGroup('partner_server'),
  azurerm_sql_failover_group: failoverGroup('partner_servers'),
  azurerm_mssql_managed_instance: managedInstance,
  azurerm_mssql_managed_instance_failover_group: miFailoverGroup,
  azurerm_synapse_sql_pool: synapseSqlPool,
};
