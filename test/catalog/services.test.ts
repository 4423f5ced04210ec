/**
 * Per-service verdicts on real ARM/Bicep and Terraform shapes, scanned by the real readers and engine, asserting
 * what a user sees for each resource (status, redundancy, reason, and the uplift offered first).
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { runScan } from '../../tasks/DrCheckV1/src/scan';
import type { PostureReport, ResourceReport } from '../../shared/report/types';
import type { Strategy } from '../../shared/model/posture';

const fixtures = path.join(__dirname, 'fixtures', 'services');

async function scan(target: string, strategy: Strategy = 'redeploy'): Promise<PostureReport> {
  const { report } = await runScan({ paths: [path.join(fixtures, target)], configFile: null, strategy, cwd: fixtures });
  assert.deepEqual(report.errors, [], `${target}: scan errors`);
  return report;
}

function byName(report: PostureReport, name: string): ResourceReport {
  const r = report.resources.find((x) => x.name === name || x.name?.endsWith(`/${name}`));
  assert.ok(r, `no resource named ${name}; have ${report.resources.map((x) => x.name).join(', ')}`);
  return r;
}

/** The uplift titles of the resource's redundancy finding, in the order the user sees them. */
function uplift(r: ResourceReport): string[] {
  const f = r.findings.find((x) => x.ruleId.endsWith('/redundancy'));
  assert.ok(f, `${r.name}: no redundancy finding (${r.status}: ${r.reason})`);
  return f.uplift.map((u) => u.title);
}

describe('catalog rules on real template shapes', () => {
  describe('SQL elastic pools', () => {
    it('judges a pool as holding no data, and a database in a zone-redundant pool as zone-redundant (Bicep)', async () => {
      const report = await scan('sql-elastic-pools.bicep');
      const pool = byName(report, 'pool-zr');
      assert.equal(pool.service, 'sql-database');
      assert.equal(pool.status, 'pass');
      assert.equal(pool.redundancy, 'managed');
      assert.deepEqual(pool.findings, []);
      assert.match(pool.reason, /^an elastic pool holds no data itself; the databases in it are judged one by one, with its zone redundancy \(properties\.zoneRedundant is true\)$/);
      assert.equal(byName(report, 'pool-local').status, 'pass');

      const db = byName(report, 'db-in-zr-pool');
      assert.equal(db.status, 'pass');
      assert.equal(db.redundancyDetail, 'geo-backup');
      assert.match(db.reason, /the database is zone-redundant, as its elastic pool sqlsrv1\/pool-zr is$/);
      assert.doesNotMatch(db.reason, /not zone-redundant/);

      // Backups kept in the region: the pool's zone redundancy is the database's in-region redundancy.
      const local = byName(report, 'db-in-local-pool');
      assert.equal(local.status, 'fail');
      assert.equal(local.redundancy, 'local');
      assert.match(local.reason, /the database is not zone-redundant, as its elastic pool sqlsrv1\/pool-local is not$/);
    });

    it('reads azurerm_mssql_elasticpool zone_redundant and elastic_pool_id, and judges the legacy azurerm_sql_elasticpool as a pool', async () => {
      const report = await scan('sql-pools-tf');
      for (const name of ['pool-tf-zr', 'pool-tf-legacy']) {
        const pool = byName(report, name);
        assert.equal(pool.type, 'Microsoft.Sql/servers/elasticPools', `${name}: type`);
        assert.equal(pool.service, 'sql-database', `${name}: service`);
        assert.equal(pool.status, 'pass', `${name}: status (${pool.reason})`);
        assert.equal(pool.redundancy, 'managed', `${name}: redundancy`);
      }
      assert.match(byName(report, 'pool-tf-zr').reason, /properties\.zoneRedundant is true/);
      assert.match(byName(report, 'pool-tf-legacy').reason, /properties\.zoneRedundant is not set/);
      const db = byName(report, 'db-tf-in-zr-pool');
      assert.equal(db.redundancy, 'zone');
      assert.equal(db.status, 'fail');
      assert.match(db.reason, /backups stay in the region; the database is zone-redundant, as its elastic pool sqltf\/pool-tf-zr is$/);
    });
  });

  it('Managed HSM: one region is local, with multi-region replication as the uplift; an extended region is geo', async () => {
    const report = await scan('managed-hsm.bicep');
    const single = byName(report, 'hsm-single');
    assert.equal(single.service, 'key-vault');
    assert.equal(single.stateful, true);
    assert.equal(single.redundancy, 'local');
    assert.equal(single.status, 'fail');
    assert.match(single.reason, /^properties\.regions adds no extended region: the HSM pool is in one region/);
    assert.match(uplift(single)[0], /^Managed HSM: enable multi-region replication/);
    assert.equal(single.findings[0].uplift[0].url, 'https://learn.microsoft.com/azure/key-vault/managed-hsm/multi-region-replication');

    const multi = byName(report, 'hsm-multi');
    assert.equal(multi.redundancy, 'geo');
    assert.equal(multi.redundancyDetail, 'geo-replica');
    assert.equal(multi.status, 'pass');
    assert.match(multi.reason, /^properties\.regions extends the HSM pool to northeurope/);
    assert.equal((await scan('managed-hsm.bicep', 'warm-spare')).resources.find((r) => r.name === 'hsm-multi')!.status, 'pass');
  });

  it('Managed HSM in Terraform: read, not reported as unread, and local (azurerm cannot add a region)', async () => {
    const report = await scan('managed-hsm-tf');
    const hsm = byName(report, 'hsm-tf');
    assert.equal(hsm.type, 'Microsoft.KeyVault/managedHSMs');
    assert.equal(hsm.service, 'key-vault');
    assert.equal(hsm.redundancy, 'local');
    assert.equal(hsm.status, 'fail');
    assert.match(uplift(hsm)[0], /multi-region replication/);
  });

  it('legacy azurerm_sql_failover_group: the database is in a failover group, and the group is a setting of the server', async () => {
    const report = await scan('sql-legacy-fg-tf', 'warm-spare');
    const db = byName(report, 'db1');
    assert.equal(db.status, 'pass');
    assert.equal(db.redundancy, 'geo');
    assert.equal(db.redundancyDetail, 'geo-replica');
    assert.match(db.reason, /^in failover group sqlp\/fg1: continuously replicated to the partner server$/);
    assert.deepEqual(db.findings, []);
    const fg = report.resources.find((r) => r.terraformType === 'azurerm_sql_failover_group');
    assert.ok(fg);
    assert.equal(fg.type, 'Microsoft.Sql/servers/failoverGroups');
    assert.equal(fg.service, 'sql-database');
    assert.equal(fg.stateful, false);
    assert.equal(fg.status, 'pass');
    assert.equal(report.coverage.uncatalogued, 0);
  });

  it('Event Hubs Geo-DR: geo-replication is the first uplift, and the partner namespace is the pairing secondary', async () => {
    const report = await scan('event-hubs-geo-dr.bicep');
    const primary = byName(report, 'evhns-prim');
    assert.equal(primary.redundancyDetail, 'geo-config');
    assert.equal(primary.status, 'fail');
    assert.match(uplift(primary)[0], /geo-replication/);
    assert.equal(primary.findings[0].uplift[0].url, 'https://learn.microsoft.com/azure/event-hubs/geo-replication');
    assert.doesNotMatch(uplift(primary)[0], /Geo-disaster recovery/);

    const secondary = byName(report, 'evhns-sec');
    assert.equal(secondary.redundancy, 'geo');
    assert.equal(secondary.redundancyDetail, 'geo-config');
    assert.equal(secondary.status, primary.status);
    assert.match(secondary.reason, /^secondary namespace of Geo-DR pairing evhns-prim\/evh-alias: the pairing replicates namespace metadata only, not events/);
    assert.doesNotMatch(secondary.reason, /not to another region/);
    assert.match(uplift(secondary)[0], /geo-replication/);
  });

  it('Recovery Services vault, locally redundant: geo-redundant storage first, then Cross Region Restore', async () => {
    const report = await scan('recovery-vault-local.bicep');
    const vault = byName(report, 'rsv-ctso-prd');
    assert.equal(vault.redundancy, 'local');
    assert.equal(vault.status, 'fail');
    const titles = uplift(vault);
    assert.match(titles[0], /storage redundancy to GeoRedundant \(standardTierStorageRedundancy; azurerm storage_mode_type\) before any item is protected/);
    assert.match(titles[1], /Cross Region Restore \(GeoRedundant vaults only\)/);
  });

  it('Synapse dedicated SQL pool on LRS: an actionable first uplift (GRS storage and geo-backups), in the findings and the summary', async () => {
    const report = await scan('synapse-sql-pool-lrs.bicep', 'warm-spare');
    const pool = byName(report, 'dw1');
    assert.equal(pool.status, 'fail');
    assert.equal(pool.redundancy, 'local');
    assert.match(uplift(pool)[0], /^Keep geo-backups: create the dedicated SQL pool with storageAccountType GRS/);
    // The "Uplift first" of the report (markdown, build summary) is the first option of the top rule.
    const top = report.subscriptions.flatMap((s) => s.topActions).find((a) => a.ruleId === 'synapse-sql-pools/redundancy');
    assert.ok(top);
    assert.doesNotMatch(top.title, /^N\/A/);
    assert.match(top.title, /storageAccountType GRS/);
  });
  it('one module deployed twice (AVM e2e tests): each declaration of a database is in the failover group, each vault has its backup configuration', async () => {
    const report = await scan('deployed-twice', 'warm-spare');
    const judged = (name: string) => report.resources.filter((r) => r.name === name).map((r) => [r.address, r.status, r.redundancy]);
    // Before, the failover group's `db.id` and the vault's child by name reached the last declaration only: [0] failed.
    assert.deepEqual(judged('sql-repro-primary/db1'), [
      ['deploy[0].db', 'pass', 'geo'],
      ['deploy[1].db', 'pass', 'geo'],
    ]);
    assert.deepEqual(
      report.resources.filter((r) => r.name === 'rsv-repro').map((r) => [r.address, r.redundancy, r.reason]),
      ['deploy[0].vault', 'deploy[1].vault'].map((a) => [a, 'geo', 'backupconfig properties.storageModelType is GeoRedundant: backups are replicated to the paired region']),
    );
  });
});
