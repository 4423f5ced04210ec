import type { CatalogEntry, RuleFinding } from '../types';
import { getPath, isUnknown, eqi, regionKey, type Value } from '../../model/value';
import { unknownAt } from '../rules/common';
import { STRATEGY_DEFINITIONS } from '../../model/posture';

const HA = 'https://learn.microsoft.com/azure/cosmos-db/high-availability';

/** Azure Cosmos DB accounts: regions, service-managed failover, multi-region writes and backup redundancy. */
const cosmosDb: CatalogEntry = {
  id: 'cosmos-db',
  displayName: 'Azure Cosmos DB',
  section: 'stateful-data-platform',
  armTypes: ['Microsoft.DocumentDB/databaseAccounts', 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases', 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers', 'Microsoft.DocumentDB/databaseAccounts/mongodbDatabases', 'Microsoft.DocumentDB/databaseAccounts/mongodbDatabases/collections'],
  terraformTypes: ['azurerm_cosmosdb_account', 'azurerm_cosmosdb_sql_database', 'azurerm_cosmosdb_sql_container', 'azurerm_cosmosdb_mongo_database', 'azurerm_cosmosdb_mongo_collection'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Microsoft' },
  contosoSku: 'Single Region Write with Periodic backup',
  uplift: [
    { title: 'Add at least a second (read) region and enable service-managed failover', url: `${HA}#availability`, reaches: 'geo' },
    { title: 'Enable automatic failover for production accounts; without it writes are unavailable for the whole write-region outage', url: `${HA}#availability` },
  ],
  caveats: [
    'Cosmos DB protects against data loss in a region with two backup modes: periodic and continuous.',
    'Regional failovers are detected and handled in the Cosmos DB client; they need no application change.',
    `What to expect during a region outage depends on the account configuration (${HA}#what-to-expect-during-a-region-outage).`,
  ],
  docs: `${HA}#durability`,
  rule: {
    appliesTo: ['Microsoft.DocumentDB/databaseAccounts'],
    evaluate(resource, ctx) {
      const name = resource.name ?? resource.address;
      const locations = getPath(resource.body, 'properties.locations');
      if (isUnknown(locations)) return unknownAt('properties.locations', locations);
      const list = Array.isArray(locations) ? (locations as Value[]) : [];
      const unknownEntry = list.find((l) => isUnknown(l));
      if (unknownEntry !== undefined) return unknownAt('properties.locations', unknownEntry);
      // A region name only the deployment knows (`resourceGroup().location`) still counts as a region: Cosmos DB
      // rejects an account listing one region twice, so with such names the entries are that many regions.
      const names = list.map((l) => getPath(l, 'locationName'));
      const unnamed = names.filter((n) => isUnknown(n)).length;
      const known = [...new Set(names.filter((n) => !isUnknown(n)).map((n) => regionKey(String(n))))];
      const count = unnamed ? list.length : known.length;
      const shown = [...known, ...(unnamed ? [`${unnamed} named at deployment`] : [])].join(', ');
      const findings: RuleFinding[] = [];
      const uplift = [{ title: 'Enable service-managed failover', url: `${HA}#availability` }];
      if (count >= 2) {
        const multiWrite = getPath(resource.body, 'properties.enableMultipleWriteLocations');
        const autoFailover = getPath(resource.body, 'properties.enableAutomaticFailover');
        if (multiWrite === true) return { redundancy: 'multi-region', reason: `${count} regions (${shown}) with multi-region writes enabled` };
        // Multi-region writes only known at deployment: the verdict for a strategy that needs them (writes in several
        // regions) cannot be decided; for any other, the regions decide it.
        if (isUnknown(multiWrite) && STRATEGY_DEFINITIONS[ctx.strategy].stateful === 'multi-region') return unknownAt('properties.enableMultipleWriteLocations', multiWrite);
        if (isUnknown(autoFailover)) findings.push({ check: 'automatic-failover', severity: 'note', message: `Cosmos DB account '${name}': automatic failover cannot be decided statically (${autoFailover.toString()}).` });
        else if (autoFailover !== true) {
          const strict = ctx.strategy === 'hot-spare' || ctx.strategy === 'active-active';
          findings.push({ check: 'automatic-failover', severity: strict ? 'error' : 'warning', message: `Cosmos DB account '${name}' has ${count} regions but service-managed (automatic) failover is off: writes stay unavailable for the whole outage of the write region.`, uplift });
        }
        return { redundancy: 'geo', detail: 'geo-replica', reason: `${count} regions (${shown}), single write region${autoFailover === true ? ', automatic failover on' : ''}`, findings };
      }
      const zoneRedundant = list.length ? getPath(list[0], 'isZoneRedundant') : undefined;
      const backupType = getPath(resource.body, 'properties.backupPolicy.type');
      if (isUnknown(backupType)) return unknownAt('properties.backupPolicy.type', backupType);
      const inRegion = zoneRedundant === true ? 'zone-redundant' : 'not zone-redundant';
      findings.push({ check: 'single-region', severity: 'warning', message: `Cosmos DB account '${name}' is single-region: it may lose availability in a regional outage.`, uplift: [{ title: 'Add a second (read) region with service-managed failover', url: `${HA}#availability`, reaches: 'geo' }] });
      if (eqi(backupType, 'Continuous')) {
        return { redundancy: zoneRedundant === true ? 'zone' : 'local', reason: `one region (${inRegion}) with continuous backup, which is kept in the account's region: no copy in another region`, findings };
      }
      const backupRedundancy = getPath(resource.body, 'properties.backupPolicy.periodicModeProperties.backupStorageRedundancy');
      if (isUnknown(backupRedundancy)) return unknownAt('properties.backupPolicy.periodicModeProperties.backupStorageRedundancy', backupRedundancy);
      if (backupRedundancy === undefined || eqi(backupRedundancy, 'Geo')) {
        return { redundancy: 'geo', detail: 'geo-backup', reason: `one region (${inRegion}); periodic backups are geo-redundant${backupRedundancy === undefined ? ' (the default)' : ''}, restorable in the paired region through a support request`, findings };
      }
      return { redundancy: zoneRedundant === true ? 'zone' : 'local', reason: `one region (${inRegion}); periodic backup storage redundancy is ${String(backupRedundancy)}: no copy in another region`, findings };
    },
  },
};

export default cosmosDb;
