import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { byAddress, scan } from './helpers';

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);
const verdict = (r: { redundancy: string; redundancyDetail?: string | null; status: string; reason: string }) => [r.redundancy, r.status, r.reason];

describe('Terraform: Service Bus Geo-DR pairings are judged as in ARM', () => {
  it('the azurerm 4.x pairing (primary_namespace_id) makes both namespaces geo and failing, with the reasons the ARM template gets', async () => {
    const arm = await scan(fixture('servicebus-geo-dr-arm'));
    const tf = await scan(fixture('servicebus-geo-dr'));
    const armPrimary = arm.resources.find((r) => r.name === 'sb-primary')!;
    const armSecondary = arm.resources.find((r) => r.name === 'sb-secondary')!;
    assert.deepEqual(verdict(armPrimary).slice(0, 2), ['geo', 'fail']);
    assert.deepEqual(verdict(byAddress(tf, 'azurerm_servicebus_namespace.primary')), verdict(armPrimary));
    assert.deepEqual(verdict(byAddress(tf, 'azurerm_servicebus_namespace.secondary')), verdict(armSecondary));
    assert.match(byAddress(tf, 'azurerm_servicebus_namespace.primary').reason, /^Geo-DR pairing sb-primary\/sb-alias replicates namespace metadata only, not messages/);
    assert.equal(byAddress(tf, 'azurerm_servicebus_namespace_disaster_recovery_config.example').name, 'sb-primary/sb-alias');
  });

  it('the azurerm 3.x pairing (namespace_name) is read too, and zone_redundant is the namespace zoneRedundant', async () => {
    const tf = await scan(fixture('servicebus-geo-dr-3x'));
    const primary = byAddress(tf, 'azurerm_servicebus_namespace.primary');
    assert.deepEqual([primary.redundancy, primary.status], ['geo', 'fail']);
    assert.match(primary.reason, /^Geo-DR pairing sb-primary\/sb-alias replicates namespace metadata only, not messages; the namespace is zone-redundant in the region/);
    assert.match(byAddress(tf, 'azurerm_servicebus_namespace.secondary').reason, /^secondary namespace of Geo-DR pairing sb-primary\/sb-alias/);
  });
});

describe('Terraform: a Redis geo-replication link makes its cache geo, as in ARM and Bicep', () => {
  it('azurerm_redis_linked_server is a linkedServers child of target_redis_cache_name, to a cache in another region', async () => {
    const tf = await scan(fixture('redis-linked'));
    const primary = byAddress(tf, 'azurerm_redis_cache.primary');
    assert.deepEqual([primary.redundancy, primary.status], ['geo', 'pass']);
    assert.match(primary.reason, /^a geo-replication link to a cache in northeurope \(azurerm_redis_linked_server\.link\)/);
    const link = byAddress(tf, 'azurerm_redis_linked_server.link');
    assert.equal(link.type, 'Microsoft.Cache/redis/linkedServers');
    // The cache the link names is the copy: geo too, not a Premium cache in one region.
    const secondary = byAddress(tf, 'azurerm_redis_cache.secondary');
    assert.deepEqual([secondary.redundancy, secondary.redundancyDetail, secondary.status], ['geo', 'geo-replica', 'pass']);
    assert.match(secondary.reason, /^the geo-replication secondary of a cache in westeurope \(redis-primary, link azurerm_redis_linked_server\.link\)/);
  });
});
