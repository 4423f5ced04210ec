import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATALOG, entryById } from '../../shared/catalog';
import { judge } from '../../shared/engine/judge';
import type { Strategy } from '../../shared/model/posture';
import type { NormalisedResource } from '../../shared/model/resource';
import { Unknown, type Value } from '../../shared/model/value';
import { resource } from '../engine/helpers';

/** The report for these resources alone, with no config. */
const judged = (resources: NormalisedResource[], strategy: Strategy = 'redeploy') => judge({ resources, issues: [], strategy, config: {}, toolVersion: '1.0.0', roots: ['.'] });

/** A resource of `type` in westeurope, named after its type's last segment unless named. */
const at = (type: string, body: { [key: string]: Value } = {}, name = type.split('/').pop()!) => resource(type, name, { location: 'westeurope', ...body }, { address: type });

const article = fs.readFileSync(path.resolve(__dirname, '../../../shared/seeds/dr-for-azure-data-platform-architecture.md'), 'utf8');

describe('DR catalog', () => {
  it('has one well-formed entry per service, with unique ids and consistent rule types', () => {
    const ids = CATALOG.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, 'unique ids');
    for (const e of CATALOG) {
      assert.match(e.id, /^[a-z0-9-]+$/);
      assert.ok(e.displayName && e.contosoSku && e.responsibility.component && e.responsibility.workload, `${e.id}: metadata`);
      for (const u of e.uplift) assert.match(u.url, /^https:\/\/(learn\.microsoft\.com|azure\.microsoft\.com)\//, `${e.id}: ${u.url}`);
      for (const t of e.rule?.appliesTo ?? []) assert.ok(e.armTypes.some((a) => a.toLowerCase() === t.toLowerCase()), `${e.id}: ${t} in armTypes`);
      assert.ok(e.rule || e.defaultRedundancy, `${e.id}: a rule or a default redundancy`);
    }
  });

  it('names no customer: the party the article calls Contoso is the neutral Customer in every responsibility', () => {
    for (const e of CATALOG) {
      for (const who of [e.responsibility.component, e.responsibility.workload]) assert.doesNotMatch(who, /Contoso/, `${e.id}: ${who}`);
    }
    assert.deepEqual(entryById('storage-account')!.responsibility, { component: 'Microsoft', workload: 'Customer' });
    assert.deepEqual(entryById('machine-learning')!.responsibility, { component: 'Customer and Microsoft', workload: 'Customer' }, "the article's pairing and order");
  });

  it('names every service of the article', () => {
    const expected = [
      'entra-id', 'key-vault', 'recovery-services-vault', 'azure-devops', 'subscriptions', 'management-groups', 'azure-monitor', 'cost-management',
      'defender-for-cloud', 'dns', 'network-watcher', 'virtual-network', 'firewall', 'ddos-protection', 'expressroute', 'vpn-gateway', 'load-balancer',
      'storage-account', 'event-hubs', 'iot-hub', 'stream-analytics', 'machine-learning', 'power-bi', 'cosmos-db', 'data-share', 'purview',
      'synapse-pipelines', 'synapse-data-explorer-pools', 'synapse-spark-pools', 'synapse-sql-pools', 'cognitive-services', 'cognitive-search',
      'databricks', 'analysis-services', 'mysql-flexible', 'mysql-single', 'sql-database', 'sql-managed-instance', 'sql-virtual-machines',
      'functions', 'data-factory', 'site-recovery',
    ];
    for (const id of expected) assert.ok(entryById(id), `missing ${id}`);
  });

  it("carries the article's responsibilities, with its example customer Contoso as the neutral Customer, and Contoso SKUs for the services it tabulates", () => {
    // Each article bullet: **Name** … Component Recovery Responsibility: X … Workload/Configuration Recovery Responsibility: Y … Contoso SKU selection: Z
    const blocks = article.split(/\n- \*\*/).slice(1);
    const facts = blocks
      .map((b) => ({
        name: b.slice(0, b.indexOf('**')),
        component: /Component Recovery Responsibility: (.+)/.exec(b)?.[1].trim(),
        workload: /Workload\/Configuration Recovery Responsibility: (.+)/.exec(b)?.[1].trim(),
        sku: /Contoso SKU selection: (.+)/.exec(b)?.[1].trim(),
      }))
      .filter((f) => f.component);
    const names: Record<string, string> = {
      'Azure Active Directory including role entitlements': 'entra-id', 'Azure Key Vault': 'key-vault', 'Recovery Services Vault': 'recovery-services-vault',
      'Azure DevOps': 'azure-devops', Subscriptions: 'subscriptions', 'Management Groups': 'management-groups', 'Azure Monitor': 'azure-monitor',
      'Cost Management': 'cost-management', 'Microsoft Defender for Cloud': 'defender-for-cloud', 'Azure DNS': 'dns', 'Network Watcher': 'network-watcher',
      'Virtual Networks, including Subnets, UDR & NSGs': 'virtual-network', 'Azure Firewall': 'firewall', 'Azure DDoS': 'ddos-protection',
      'ExpressRoute Circuit': 'expressroute', 'VPN Gateway': 'vpn-gateway', 'Azure Load Balancer': 'load-balancer',
      'Storage Account: Azure Data Lake Gen2': 'storage-account', 'Azure Event Hubs': 'event-hubs', 'Azure IoT Hubs': 'iot-hub',
      'Azure Stream Analytics': 'stream-analytics', 'Azure Machine Learning': 'machine-learning', 'Power BI': 'power-bi', 'Azure Cosmos DB': 'cosmos-db',
      'Azure Data Share': 'data-share', 'Microsoft Purview': 'purview', 'Azure Synapse: Pipelines': 'synapse-pipelines',
      'Azure Synapse: Data Explorer Pools': 'synapse-data-explorer-pools', 'Azure Synapse: Spark Pools': 'synapse-spark-pools',
      'Azure Synapse: Serverless and Dedicated SQL Pools': 'synapse-sql-pools', 'Azure Cognitive Services': 'cognitive-services', 'Azure Cognitive Search': 'cognitive-search',
    };
    let checked = 0;
    for (const f of facts) {
      const id = names[f.name];
      if (!id) continue;
      const e = entryById(id)!;
      const neutral = (s: string | undefined) => s?.replace(/\bContoso\b/g, 'Customer');
      assert.equal(e.responsibility.component, neutral(f.component), `${id}: component responsibility`);
      assert.equal(e.responsibility.workload, neutral(f.workload), `${id}: workload responsibility`);
      assert.equal(e.contosoSku, f.sku, `${id}: Contoso SKU`);
      checked++;
    }
    assert.ok(checked >= 30, `checked ${checked} services against the article`);
  });

  it('classifies configuration the catalog does not list as stateless, even under a provider that holds data', () => {
    const types = ['Microsoft.Synapse/privateLinkHubs', 'Microsoft.PowerBI/privateLinkServicesForPowerBI', 'Microsoft.Compute/sshPublicKeys', 'Microsoft.Compute/availabilitySets', 'Microsoft.Compute/diskEncryptionSets', 'Microsoft.ManagedServices/registrationDefinitions', 'Microsoft.HybridCompute/machines', 'Microsoft.Kubernetes/connectedClusters', 'Microsoft.ServiceNetworking/trafficControllers', 'Microsoft.Compute/galleries', 'Microsoft.DevTestLab/schedules', 'Microsoft.Compute/virtualMachines', 'Microsoft.Cache/redis'];
    const report = judged(types.map((t) => at(t)));
    assert.deepEqual(
      report.resources.map((r) => [r.type, r.stateful, r.status]),
      [
        ['Microsoft.Synapse/privateLinkHubs', false, 'pass'],
        ['Microsoft.PowerBI/privateLinkServicesForPowerBI', false, 'pass'],
        ['Microsoft.Compute/sshPublicKeys', false, 'pass'],
        ['Microsoft.Compute/availabilitySets', false, 'pass'],
        ['Microsoft.Compute/diskEncryptionSets', false, 'pass'],
        ['Microsoft.ManagedServices/registrationDefinitions', false, 'pass'],
        ['Microsoft.HybridCompute/machines', false, 'pass'],
        ['Microsoft.Kubernetes/connectedClusters', false, 'pass'],
        ['Microsoft.ServiceNetworking/trafficControllers', false, 'pass'],
        ['Microsoft.Compute/galleries', false, 'pass'],
        ['Microsoft.DevTestLab/schedules', false, 'pass'],
        // Virtual machines and caches keep state. A VM with no zone is regional (one datacenter): it fails a strategy that
        // needs its data elsewhere; a cache whose redundancy cannot be read stays unknown.
        ['Microsoft.Compute/virtualMachines', true, 'fail'],
        ['Microsoft.Cache/redis', true, 'unknown'],
      ],
    );
    assert.match(report.resources[0].reason, /a private link is networking configuration/);
  });

  it('Container Registry: zone-redundant by default in a region with zones, in every tier; else read from zoneRedundancy, or local at worst', () => {
    const registry = (name: string, sku: string, location: Value, zoneRedundancy?: string) =>
      at('Microsoft.ContainerRegistry/registries', { location, sku: { name: sku }, ...(zoneRedundancy ? { properties: { zoneRedundancy } } : {}) }, name);
    const report = judged([
      registry('crbasicweu', 'Basic', 'westeurope'),
      registry('crpremweudisabled', 'Premium', 'westeurope', 'Disabled'),
      registry('crstdncus', 'Standard', 'northcentralus'),
      registry('crunknownenabled', 'Premium', new Unknown("parameter 'location' has no value", "[parameters('location')]"), 'Enabled'),
      registry('crunknown', 'Basic', new Unknown("parameter 'location' has no value", "[parameters('location')]")),
    ]);
    assert.deepEqual(report.resources.map((r) => [r.name, r.stateful, r.redundancy, r.status]), [
      ['crbasicweu', true, 'zone', 'fail'],
      ['crpremweudisabled', true, 'zone', 'fail'],
      ['crstdncus', true, 'local', 'fail'],
      ['crunknownenabled', true, 'zone', 'fail'],
      // Zone-redundant or in one datacenter, depending on the region; in another region never: local at worst, failing alike.
      ['crunknown', true, 'local', 'fail'],
    ]);
    assert.match(report.resources[0].reason, /^Container Registry is zone-redundant by default in a region with availability zones \(westeurope\), in every tier, whatever properties\.zoneRedundancy says/);
    assert.match(report.resources[2].reason, /^northcentralus has no availability zones: the registry is in one datacenter/);
    assert.match(report.resources[3].reason, /properties\.zoneRedundancy is set: zone-redundant within the region/);
    assert.match(report.resources[4].reason, /^location cannot be decided statically \(.*parameter 'location' has no value\)\): Container Registry is zone-redundant in a region with availability zones and in one datacenter in one without; sku\.name is Basic: geo-replication needs Premium/);
    // A region with no pair relies on availability zones, also when the APRL list does not name it yet.
    assert.deepEqual(judged([registry('craustria', 'Premium', 'austriaeast', 'Enabled')]).resources.map((r) => r.redundancy), ['zone']);
  });

  it('reads settings and access rules of data services as configuration, and the common redundancy settings of uncatalogued types', () => {
    const report = judged([
      at('Microsoft.Relay/namespaces/authorizationRules'),
      at('Microsoft.DBforPostgreSQL/flexibleServers/configurations'),
      at('Microsoft.KubernetesConfiguration/extensions'),
      at('Microsoft.DBforPostgreSQL/flexibleServers', { properties: { backup: { geoRedundantBackup: 'Enabled' }, highAvailability: { mode: 'ZoneRedundant' } } }),
      at('Microsoft.DBforPostgreSQL/flexibleServers', { properties: { backup: { geoRedundantBackup: 'Disabled' }, highAvailability: { mode: 'ZoneRedundant' } } }),
      at('Microsoft.Compute/disks', { sku: { name: 'Premium_LRS' } }),
      at('Microsoft.Compute/disks', { sku: { name: 'StandardSSD_ZRS' } }),
      at('Microsoft.Compute/disks', { sku: { name: 'Premium_LRS' }, zones: ['2'] }),
    ]);
    assert.deepEqual(
      report.resources.map((r) => [r.type, r.stateful, r.redundancy, r.redundancyDetail ?? null, r.status]),
      [
        ['Microsoft.Relay/namespaces/authorizationRules', false, 'unknown', null, 'pass'],
        ['Microsoft.DBforPostgreSQL/flexibleServers/configurations', false, 'unknown', null, 'pass'],
        ['Microsoft.KubernetesConfiguration/extensions', false, 'unknown', null, 'pass'],
        ['Microsoft.DBforPostgreSQL/flexibleServers', true, 'geo', 'geo-backup', 'pass'],
        ['Microsoft.DBforPostgreSQL/flexibleServers', true, 'zone', null, 'fail'],
        ['Microsoft.Compute/disks', true, 'local', null, 'fail'],
        ['Microsoft.Compute/disks', true, 'zone', null, 'fail'],
        // The zone it is pinned to says more than the SKU's locally redundant copies.
        ['Microsoft.Compute/disks', true, 'local', 'zonal', 'fail'],
      ],
    );
    assert.match(report.resources[0].reason, /^a part of its parent resource \(Microsoft\.Relay\/namespaces\), whose redundancy is judged there$/);
    assert.match(report.resources[5].reason, /sku\.name is Premium_LRS: copies in one datacenter/);
  });

  it('reads a replica in another region declared as a child of an uncatalogued type (registry replications, store replicas, Redis geo-replication links)', () => {
    const named = (type: string, name: string, body: { [key: string]: Value }) => resource(type, name, body);
    const report = judged(
      [
        named('Microsoft.ContainerRegistry/registries', 'acr', { location: 'westeurope', sku: { name: 'Premium' }, properties: { zoneRedundancy: 'Enabled' } }),
        named('Microsoft.ContainerRegistry/registries/replications', 'acr/northeurope', { location: 'northeurope' }),
        named('Microsoft.AppConfiguration/configurationStores', 'appcs', { location: 'westeurope', sku: { name: 'standard' } }),
        named('Microsoft.AppConfiguration/configurationStores/replicas', 'appcs/same', { location: 'West Europe' }),
        named('Microsoft.Cache/redis', 'redis', { location: 'westeurope', zones: ['1', '2', '3'] }),
        named('Microsoft.Cache/redis/linkedServers', 'redis/redis-neu', { properties: { linkedRedisCacheId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redis/redis-neu', linkedRedisCacheLocation: 'northeurope', serverRole: 'Secondary' } }),
      ],
      'warm-spare',
    );
    assert.deepEqual(
      report.resources.map((r) => [r.name, r.redundancy, r.status]),
      [
        // A registry's geo-replicas are active and writable: it serves from several regions.
        ['acr', 'multi-region', 'pass'],
        ['acr/northeurope', 'unknown', 'pass'],
        // A replica in its own region is no copy elsewhere.
        ['appcs', 'unknown', 'unknown'],
        ['appcs/same', 'unknown', 'pass'],
        ['redis', 'geo', 'pass'],
        ['redis/redis-neu', 'unknown', 'pass'],
      ],
    );
    assert.match(report.resources[0].reason, /^replications lists a replica in northeurope \(acr\/northeurope\)/);
    assert.match(report.resources[4].reason, /geo-replication link to a cache in northeurope/);
  });

  it('judges a virtual machine or an LRS disk whose zone cannot be decided as local: it is in one zone or none either way', () => {
    const zone = new Unknown('module.regions.zones is not known here', 'module.regions.zones');
    const report = judged([at('Microsoft.Compute/virtualMachines', { zones: zone }), at('Microsoft.Compute/disks', { sku: { name: 'Premium_LRS' }, zones: zone }), at('Microsoft.Compute/virtualMachineScaleSets', { zones: zone })]);
    assert.deepEqual(report.resources.map((r) => [r.type, r.redundancy, r.status]), [
      ['Microsoft.Compute/virtualMachines', 'local', 'fail'],
      ['Microsoft.Compute/disks', 'local', 'fail'],
      // A scale set may span several zones: still unknown.
      ['Microsoft.Compute/virtualMachineScaleSets', 'unknown', 'unknown'],
    ]);
    assert.match(report.resources[0].reason, /but a virtual machine is in one zone or in none: local either way/);
  });
});
