/**
 * The generic rule on real template shapes of uncatalogued types whose DR posture is in a setting of their own
 * (shared/engine/generic-services.ts): what a user sees for each resource, scanned by the real readers and engine.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { runScan } from '../../tasks/DrCheckV1/src/scan';
import type { PostureReport, ResourceReport } from '../../shared/report/types';
import type { Strategy } from '../../shared/model/posture';

const fixtures = path.join(__dirname, 'fixtures', 'generic-rule');

async function scan(target: string, strategy: Strategy = 'redeploy'): Promise<PostureReport> {
  const { report } = await runScan({ paths: [path.join(fixtures, target)], configFile: null, strategy, cwd: fixtures });
  assert.deepEqual(report.errors, [], `${target}: scan errors`);
  return report;
}

function byName(report: PostureReport, name: string): ResourceReport {
  const r = report.resources.find((x) => x.name === name);
  assert.ok(r, `no resource named ${name}; have ${report.resources.map((x) => x.name).join(', ')}`);
  return r;
}

const verdict = (r: ResourceReport) => [r.redundancy, r.redundancyDetail ?? null, r.status];

describe('generic rule: uncatalogued services judged on their own settings', () => {
  it('API Management: gateways in additional regions are geo, naming them and that the management plane stays in the primary region', async () => {
    const report = await scan('api-management-regions.bicep');
    // The quickstart's loop over two regions: at least one is not the primary's, whichever that is.
    const loop = byName(report, 'apim-loop');
    assert.deepEqual(verdict(loop), ['geo', null, 'pass']);
    assert.match(loop.reason, /^properties\.additionalLocations deploys gateways in 2 regions \(eastus, westeurope\), at least one outside the primary region whichever that is, so API requests are still served if the primary region fails; the management plane and developer portal stay in the primary region/);
    const neu = byName(report, 'apim-weu-neu');
    assert.deepEqual(verdict(neu), ['geo', null, 'pass']);
    assert.match(neu.reason, /^properties\.additionalLocations deploys gateways in northeurope, outside the primary region \(westeurope\)/);
    // An additional location in the primary's region is no gateway elsewhere: the primary's zones decide.
    const same = byName(report, 'apim-same-region');
    assert.deepEqual(verdict(same), ['zone', null, 'pass']);
    assert.match(same.reason, /^zones lists 3 availability zones .*; no gateway in another region: the additional location westeurope is the primary's own region/);
    // A disabled gateway routes no traffic.
    const disabled = byName(report, 'apim-disabled-gateway');
    assert.equal(disabled.redundancy, 'unknown');
    assert.match(disabled.reason, /the gateway in northeurope is disabled \(disableGateway is true\), so it routes no API traffic/);
    // One additional region, and a primary region only the deployment knows: it may be the same one.
    const one = byName(report, 'apim-one-region');
    assert.equal(one.redundancy, 'unknown');
    assert.match(one.reason, /^properties\.additionalLocations deploys a gateway in westeurope, but the service's location cannot be decided statically \(resourceGroup\(\)\.location.*\): the gateway is in another region unless the primary is in westeurope/);
  });

  it('AKS: node pools spread over zones are zone, the weakest pool decides (naming it), pools without zones are local', async () => {
    const report = await scan('aks-node-pools.bicep');
    const zones = byName(report, 'aks-zones');
    assert.deepEqual(verdict(zones), ['zone', null, 'pass']);
    assert.match(zones.reason, /^both node pools spread their nodes over availability zones; the weakest, user, over 2 availability zones \(1, 2\): a zone failure leaves nodes running in the others, but nothing in another region/);
    // The quickstart's cluster: one pool with no zones.
    const regional = byName(report, 'aks-regional');
    assert.deepEqual(verdict(regional), ['local', null, 'pass']);
    assert.match(regional.reason, /^node pool agentpool lists no availability zones \(availabilityZones not set\): its nodes are regional/);
    // A zone-redundant system pool and an agentPools child without zones: the child decides.
    const mixed = byName(report, 'aks-mixed');
    assert.deepEqual(verdict(mixed), ['local', null, 'pass']);
    assert.match(mixed.reason, /^node pool aks-mixed\/batch lists no availability zones \(properties\.availabilityZones not set\).*; the weakest of 2 node pools decides/);
    const param = byName(report, 'aks-param-zones');
    assert.equal(param.redundancy, 'unknown');
    assert.match(param.reason, /^node pool system: availabilityZones cannot be decided statically \(poolZones/);
  });

  it('AKS in Terraform: default_node_pool zones decide, and a node pool written as its own resource counts for its cluster', async () => {
    const report = await scan('aks-tf');
    assert.deepEqual(verdict(byName(report, 'aks-tf-zones')), ['zone', null, 'pass']);
    assert.match(byName(report, 'aks-tf-zones').reason, /^node pool system spreads its nodes over 3 availability zones \(1, 2, 3\)/);
    assert.deepEqual(verdict(byName(report, 'aks-tf-regional')), ['local', null, 'pass']);
    assert.match(byName(report, 'aks-tf-regional').reason, /^node pool system lists no availability zones \(default_node_pool zones not set\)/);
    // kubernetes_cluster_id links the pool to its cluster: the zone-less user pool is the weakest.
    const pools = byName(await scan('aks-tf-node-pool'), 'aks-tf-pools');
    assert.deepEqual(verdict(pools), ['local', null, 'pass']);
    assert.match(pools.reason, /^node pool aks-tf-pools\/user lists no availability zones \(zones not set\).*; the weakest of 2 node pools decides/);
    // A pool of another root module (attached to a cluster it reads as data) is not this cluster's.
    assert.deepEqual(verdict(byName(await scan('aks-tf-two-roots'), 'aks-a')), ['zone', null, 'pass']);
  });

  it('Azure Managed Redis: databases linked by active geo-replication across two regions make each cluster multi-region; a cluster alone does not', async () => {
    const report = await scan('redis-active-geo-replication.bicep', 'active-active');
    for (const [name, other, region] of [['amr-sessions-eus2', 'amr-sessions-cus', 'centralus'], ['amr-sessions-cus', 'amr-sessions-eus2', 'eastus2']]) {
      const cluster = byName(report, name);
      assert.deepEqual(verdict(cluster), ['multi-region', null, 'pass'], name);
      assert.match(cluster.reason, new RegExp(`^active geo-replication: database ${name}/default is linked with ${other}/default of cluster ${other} in ${region}; each linked database is a writable primary in its region`), name);
    }
    assert.deepEqual(verdict(byName(report, 'amr-catalog-eus2')), ['zone', null, 'fail']);
  });

  it('Container Registry: every replica in another region is named, not only the first', async () => {
    const registry = byName(await scan('acr-replicas.bicep'), 'crplatform');
    assert.deepEqual(verdict(registry), ['multi-region', null, 'pass']);
    assert.match(registry.reason, /^replications lists 2 replicas in northeurope \(crplatform\/northeurope\), uksouth \(crplatform\/uksouth\): the data is replicated to another region; geo-replicas are active and writable, so the registry serves pushes and pulls in each region/);
    // Active and writable in each region: what active-active asks for.
    assert.equal(byName(await scan('acr-replicas.bicep', 'active-active'), 'crplatform').status, 'pass');
  });

  it('Service Bus and Redis tiers without geo features: their in-region level (zone, or local for a Basic cache), not unknown; a Service Bus namespace or Redis cache on Premium the scan pairs with nothing too', async () => {
    const report = await scan('messaging-cache-tiers.bicep');
    const sb = byName(report, 'sb-standard');
    assert.deepEqual(verdict(sb), ['zone', null, 'fail']);
    assert.match(sb.reason, /^sku\.name is Standard: Service Bus geo-replication and Geo-DR need Premium, so no copy in another region; zone redundancy is automatic in regions with availability zones/);
    const basic = byName(report, 'sb-basic');
    assert.deepEqual(verdict(basic), ['zone', null, 'fail']);
    assert.match(basic.reason, /properties\.zoneRedundant is false, but the property is deprecated/);
    const premium = byName(report, 'sb-premium');
    assert.deepEqual(verdict(premium), ['zone', null, 'fail']);
    assert.match(premium.reason, /^sku\.name is Premium, with no geo-replication \(properties\.geoDataReplication\) and no Geo-DR pairing in the scan, so no copy in another region/);
    const redis = byName(report, 'redis-standard');
    assert.deepEqual(verdict(redis), ['zone', null, 'fail']);
    assert.match(redis.reason, /^properties\.sku\.name is Standard: geo-replication needs Premium \(passive\) or Enterprise \(active\), so no copy in another region; Azure creates Standard caches zone-redundant \(automatic zonal allocation\) in regions with availability zones/);
    const redisBasic = byName(report, 'redis-basic');
    assert.deepEqual(verdict(redisBasic), ['local', null, 'fail']);
    assert.match(redisBasic.reason, /^properties\.sku\.name is Basic: one VM with no replica/);
    const ncus = byName(report, 'redis-standard-ncus');
    assert.deepEqual(verdict(ncus), ['local', null, 'fail']);
    assert.match(ncus.reason, /; northcentralus has no availability zones, so the cache's primary and replica are in no chosen zones/);
    const noZones = byName(report, 'redis-standard-nozones');
    assert.deepEqual(verdict(noZones), ['local', null, 'fail']);
    assert.match(noZones.reason, /properties\.zonalAllocationPolicy is NoZones/);
    // Premium can be geo-replicated, but no link in the scan reaches or comes from another region: as Standard, as Service Bus Premium.
    const redisPremium = byName(report, 'redis-premium');
    assert.deepEqual(verdict(redisPremium), ['zone', null, 'fail']);
    assert.match(redisPremium.reason, /^properties\.sku\.name is Premium: geo-replication \(a linkedServers link\) would give a copy in another region, and the scan links it to no cache known to be in another region; Azure creates Premium caches zone-redundant/);
  });
});
