/**
 * Per-service verdicts on real ARM/Bicep and Terraform shapes, scanned by the real readers and engine, asserting
 * what a user sees for each resource (status, redundancy, reason, and the uplift offered first).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repo } from '../support/repo';
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

  it('Site Recovery in Terraform: target_recovery_fabric_id decides whether a replicated VM is recovered in another region', async () => {
    const report = await scan('site-recovery-tf', 'warm-spare');
    const toSecondary = byName(report, 'vm-app-to-neu');
    assert.deepEqual([toSecondary.service, toSecondary.redundancy, toSecondary.status], ['site-recovery', 'geo', 'pass']);
    assert.equal(toSecondary.reason, 'the VM is replicated by Azure Site Recovery from westeurope to northeurope');
    const zoneToZone = byName(report, 'vm-app-zone-to-zone');
    assert.deepEqual([zoneToZone.redundancy, zoneToZone.status], ['zone', 'fail']);
    assert.match(zoneToZone.reason, /^zone-to-zone replication: .*\(westeurope\), in availability zone 2, not in another region$/);
    const onPremises = byName(report, 'vm-onprem-erp');
    assert.deepEqual([onPremises.service, onPremises.redundancy, onPremises.status], ['site-recovery', 'geo', 'pass']);
    assert.match(onPremises.reason, /^an on-premises machine replicated to Azure by Site Recovery/);
  });

  it('older API versions: the reason names the property written (storageAccountType, storageType), not its newer name', async () => {
    const report = await scan('legacy-backup-properties.bicep');
    const db = byName(report, 'sqldb-erp-legacy');
    assert.deepEqual([db.redundancy, db.status], ['local', 'fail']);
    assert.match(db.reason, /^properties\.storageAccountType is LRS: backups stay in the region/);
    const vault = byName(report, 'rsv-erp-legacy');
    assert.deepEqual([vault.redundancy, vault.status], ['local', 'fail']);
    assert.equal(vault.reason, 'backupstorageconfig properties.storageType is LocallyRedundant: backups stay in one datacenter');
  });

  it('Storage: object replication to an account in another region makes the source geo, with a note on what it leaves out', async () => {
    const report = await scan('object-replication.bicep');
    const landing = byName(report, 'stlandingweu01');
    assert.deepEqual([landing.redundancy, landing.redundancyDetail, landing.status], ['geo', 'geo-replica', 'pass']);
    assert.equal(landing.reason, 'object replication copies block blobs to stlandingneu01 in northeurope; on its own: sku.name is Standard_LRS: three copies in one datacenter');
    assert.deepEqual(landing.findings.map((f) => [f.ruleId, f.severity]), [['storage-account/object-replication-scope', 'note']]);
    assert.match(landing.findings[0].message, /copies only block blobs of the containers its rules name, asynchronously; other blobs, files, queues and tables stay in westeurope/);
    // A copy in the same region is no copy in another region; the destination is judged on its own SKU.
    assert.deepEqual([byName(report, 'strawweu01').redundancy, byName(report, 'strawweu01').status], ['zone', 'fail']);
    assert.equal(byName(report, 'stlandingneu01').redundancy, 'local');
    // A destination placed only at deployment: the account keeps its own verdict, and the reason says why.
    const curated = byName(report, 'stcuratedweu01');
    assert.deepEqual([curated.redundancy, curated.status], ['local', 'fail']);
    assert.equal(curated.reason, 'sku.name is Standard_LRS: three copies in one datacenter; object replication copies block blobs to starchive01, whose region cannot be decided statically');
    // Object replication does not support a hierarchical namespace: the lake keeps its own verdict.
    assert.deepEqual([byName(report, 'stlakeweu01').redundancy, byName(report, 'stlakeweu01').status], ['local', 'fail']);

    const tf = await scan('object-replication-tf');
    const source = byName(tf, 'stlandingweu02');
    assert.deepEqual([source.redundancy, source.redundancyDetail, source.status], ['geo', 'geo-replica', 'pass']);
    assert.match(source.reason, /^object replication copies block blobs to stlandingneu02 in northeurope; on its own: /);
  });

  it('SQL Server VMs in availability groups: as resilient as the VMs the replicas run on', async () => {
    const report = await scan('sql-vm-availability-groups.bicep', 'warm-spare');
    const sql = (name: string) => report.resources.find((r) => r.type === 'Microsoft.SqlVirtualMachine/sqlVirtualMachines' && r.name === name)!;
    // A replica in another region is a continuously replicated copy there, for every member of the group.
    assert.deepEqual([sql('vm-erp-sql-1').redundancy, sql('vm-erp-sql-1').redundancyDetail, sql('vm-erp-sql-1').status], ['geo', 'geo-replica', 'pass']);
    assert.equal(sql('vm-erp-sql-1').reason, "availability group sqlvmg-erp has a replica on vm-erp-sql-dr in northeurope, another region than this one's (westeurope)");
    assert.equal(sql('vm-erp-sql-dr').redundancy, 'geo');
    assert.deepEqual([sql('vm-hr-sql-1').redundancy, sql('vm-hr-sql-1').reason], ['zone', 'availability group sqlvmg-hr has replicas on VMs in availability zones 1, 2']);
    assert.deepEqual([sql('vm-crm-sql-2').redundancy, sql('vm-crm-sql-2').status], ['local', 'fail']);
    assert.match(sql('vm-crm-sql-2').reason, /its 2 replicas' VMs are in no availability zone \(regional, an availability set at most\) in westeurope/);
  });

  describe('virtual machines protected by other resources', () => {
    const VM_UPLIFT = ['Replicate the VM to another region with Azure Site Recovery', 'Back the VM up to a geo-redundant Recovery Services vault with Cross Region Restore, to restore it in the paired region'];

    it('Bicep: Site Recovery to another region and a backup to a GRS vault make a VM geo; an LRS vault or nothing leaves it local', async () => {
      const report = await scan('vm-protection.bicep');
      const replicated = byName(report, 'vm-erp-replicated');
      assert.deepEqual([replicated.redundancy, replicated.redundancyDetail, replicated.status], ['geo', 'geo-replica', 'pass']);
      assert.match(replicated.reason, /^the VM is replicated by Azure Site Recovery from westeurope to northeurope; on its own: zones is not set/);
      // A backup item named after a resource group only the deployment knows: its policy names the vault.
      const backedUp = byName(report, 'vm-erp-backed-up');
      assert.deepEqual([backedUp.redundancy, backedUp.redundancyDetail, backedUp.status], ['geo', 'geo-backup', 'pass']);
      assert.match(backedUp.reason, /^the VM vm-erp-backed-up is backed up to Recovery Services vault rsv-backup-weu, which keeps backups in the paired region and restores there with Cross Region Restore; on its own: /);
      const lrs = byName(report, 'vm-erp-lrs-backup');
      assert.deepEqual([lrs.redundancy, lrs.status], ['local', 'fail']);
      assert.match(lrs.reason, /backed up to Recovery Services vault rsv-backup-weu-lrs, whose backups stay in the region \(.*LocallyRedundant/);
      const unprotected = byName(report, 'vm-erp-unprotected');
      assert.deepEqual([unprotected.redundancy, unprotected.status], ['local', 'fail']);
      assert.deepEqual(uplift(unprotected), VM_UPLIFT);
    });

    it('one VM and vault name in several environments: each VM is protected by its own backup item and vault, not another folder\'s', async () => {
      const report = await scan('vm-protection-environments');
      const vm = (env: string) => report.resources.find((r) => r.type === 'Microsoft.Compute/virtualMachines' && r.file.includes(`/${env}/`))!;
      assert.deepEqual([vm('prod').redundancy, vm('prod').status], ['geo', 'pass']);
      // dev backs up to its own vault of the same name, which is locally redundant.
      assert.deepEqual([vm('dev').redundancy, vm('dev').status], ['local', 'fail']);
      assert.match(vm('dev').reason, /backed up to Recovery Services vault rsv-erp, whose backups stay in the region \(.*LocallyRedundant/);
      // test has no backup item: prod's item names a VM of that name, but not this one.
      assert.deepEqual([vm('test').redundancy, vm('test').status], ['local', 'fail']);
      assert.doesNotMatch(vm('test').reason, /backed up/);
    });

    it('a dev and a prod folder declaring the same names: availability groups, replication policies and Terraform backups stay in their folder', async () => {
      const sql = await scan('sql-vm-environments');
      assert.deepEqual(
        sql.resources.filter((r) => r.type === 'Microsoft.SqlVirtualMachine/sqlVirtualMachines').map((r) => [r.name, r.redundancy]),
        [['dev-sql1', 'local'], ['dev-sql2', 'local'], ['prod-sql1', 'local'], ['prod-sql2', 'local']],
      );
      const storage = await scan('object-replication-environments');
      const account = (env: string) => storage.resources.find((r) => r.name === 'appdata' && r.file.includes(`/${env}/`))!;
      assert.deepEqual([account('dev').redundancy, account('prod').redundancy], ['geo', 'local']);
      // Two Terraform root folders with one VM address: the backup in prod protects prod's VM only.
      const tf = fs.readFileSync(path.join(fixtures, 'vm-protection-tf', 'main.tf'), 'utf8');
      const vmBlock = /resource "azurerm_linux_virtual_machine" "app" \{[\s\S]*?\n\}\n/.exec(tf)![0];
      const dir = repo({ 'prod/main.tf': tf, 'dev/main.tf': `variable "admin_password" {\n  type = string\n}\n\nresource "azurerm_network_interface" "app" {\n  name                = "nic"\n  location            = "westeurope"\n  resource_group_name = "rg-erp-dev"\n}\n\nresource "azurerm_resource_group" "erp" {\n  name     = "rg-erp-dev"\n  location = "westeurope"\n}\n\n${vmBlock}` });
      const { report } = await runScan({ paths: ['.'], configFile: null, cwd: dir });
      const vm = (env: string) => report.resources.find((r) => r.name === 'vm-erp-app-01' && r.file === `${env}/main.tf`)!;
      assert.deepEqual([vm('prod').redundancy, vm('dev').redundancy], ['geo', 'local']);
    });

    it('Bicep: a backup is a geo copy a warm spare does not accept; Site Recovery is', async () => {
      const report = await scan('vm-protection.bicep', 'warm-spare');
      assert.equal(byName(report, 'vm-erp-backed-up').status, 'fail');
      assert.equal(byName(report, 'vm-erp-replicated').status, 'pass');
    });

    it('Terraform: azurerm_backup_protected_vm in a geo-redundant vault makes the VM, and the SQL Server VM on it, geo', async () => {
      const report = await scan('vm-protection-tf');
      const app = byName(report, 'vm-erp-app-01');
      assert.deepEqual([app.redundancy, app.redundancyDetail, app.status], ['geo', 'geo-backup', 'pass']);
      assert.match(app.reason, /^the VM vm-erp-app-01 is backed up to Recovery Services vault rsv-erp-weu, which keeps backups in the paired region and restores there with Cross Region Restore/);
      const sql = report.resources.find((r) => r.terraformType === 'azurerm_mssql_virtual_machine')!;
      assert.deepEqual([sql.service, sql.redundancy, sql.redundancyDetail, sql.status], ['sql-virtual-machines', 'geo', 'geo-backup', 'pass']);
      assert.match(sql.reason, /^the VM vm-erp-sql-01 is backed up .*; on its own: a standalone SQL Server VM: one VM, one region$/);
      const web = byName(report, 'vm-erp-web-01');
      assert.deepEqual([web.redundancy, web.redundancyDetail, web.status], ['local', 'zonal', 'fail']);
      assert.deepEqual(uplift(web), VM_UPLIFT);
    });
  });

  describe('storage accounts protected by Azure Backup for blobs', () => {
    const VAULTED_UPLIFT = 'Back the blobs up with a vaulted policy to a geo-redundant Backup vault with Cross Region Restore (block blobs of the listed containers only)';
    const account = (report: PostureReport, name: string) => report.resources.find((r) => r.type === 'Microsoft.Storage/storageAccounts' && r.name === name)!;

    it('Bicep: a vaulted backup to a geo-redundant Backup vault makes an LRS account geo; an operational backup or a locally redundant vault is named and lifts nothing', async () => {
      const report = await scan('blob-backup.bicep');
      const raw = account(report, 'stdlzraw01');
      assert.deepEqual([raw.redundancy, raw.redundancyDetail, raw.status], ['geo', 'geo-backup', 'pass']);
      assert.equal(
        raw.reason,
        'backup instance bvault-dlz-weu/stdlzraw01 backs up the blobs of storage account stdlzraw01 with vaulted policy bvault-dlz-weu/blob-vaulted-daily to Backup vault bvault-dlz-weu, which keeps backups in the paired region and restores there with Cross Region Restore; only block blobs of containers landing, raw are in the backup, not files, queues or tables; on its own: sku.name is Standard_LRS: three copies in one datacenter',
      );
      // Operational backup keeps its recovery points in the account: no copy outside the region.
      const ops = account(report, 'stdlzops01');
      assert.deepEqual([ops.redundancy, ops.redundancyDetail, ops.status], ['local', undefined, 'fail']);
      assert.equal(ops.reason, 'sku.name is Standard_LRS: three copies in one datacenter; backup instance bvault-dlz-weu/stdlzops01 backs up the blobs of storage account stdlzops01 with policy bvault-dlz-weu/blob-operational-30d, an operational backup only: its recovery points stay in the account itself');
      assert.ok(uplift(ops).includes(VAULTED_UPLIFT), uplift(ops).join(' | '));
      const lrs = account(report, 'stdlzlrsbkp01');
      assert.deepEqual([lrs.redundancy, lrs.status], ['local', 'fail']);
      assert.match(lrs.reason, /; backup instance bvault-dlz-weu-lrs\/stdlzlrsbkp01 backs up .* to Backup vault bvault-dlz-weu-lrs, whose backups stay in the region \(its vault store is LocallyRedundant\)$/);
      // A vault whose redundancy only the deployment knows: undecided, never a pass.
      const dr = account(report, 'stdlzdr01');
      assert.deepEqual([dr.redundancy, dr.status], ['unknown', 'unknown']);
      assert.match(dr.reason, /^backup instance bvault-dlz-weu-dr\/stdlzdr01 .* to Backup vault bvault-dlz-weu-dr, but the vault's storage redundancy cannot be decided statically \(drVaultRedundancy /);
      // Already geo-replicated: stays as it is.
      const curated = account(report, 'stdlzcurated01');
      assert.deepEqual([curated.redundancy, curated.redundancyDetail, curated.status], ['geo', 'geo-replica', 'pass']);
      assert.match(curated.reason, /^sku\.name is Standard_RAGRS: .*; backup instance bvault-dlz-weu\/stdlzcurated01 backs up /);
    });

    it('the Backup vaults themselves: judged on their vault store redundancy (Bicep and Terraform), not "states no zone or geo redundancy"', async () => {
      for (const target of ['blob-backup.bicep', 'blob-backup-tf']) {
        const report = await scan(target);
        const grs = byName(report, 'bvault-dlz-weu');
        assert.deepEqual([grs.type, grs.stateful, grs.redundancy, grs.redundancyDetail, grs.status], ['Microsoft.DataProtection/backupVaults', true, 'geo', 'geo-backup', 'pass'], target);
        assert.match(grs.reason, /^the vault store \(storageSettings\) is GeoRedundant: backups are replicated to the paired region and Cross Region Restore is enabled/, target);
        const lrs = byName(report, 'bvault-dlz-weu-lrs');
        assert.deepEqual([lrs.redundancy, lrs.status], ['local', 'fail'], target);
        assert.match(lrs.reason, /^the vault store \(storageSettings\) is LocallyRedundant: backups stay in one datacenter/, target);
      }
      // A redundancy only the deployment knows stays unknown, naming it.
      const chosen = byName(await scan('blob-backup.bicep'), 'bvault-dlz-weu-dr');
      assert.deepEqual([chosen.redundancy, chosen.status], ['unknown', 'unknown']);
      assert.match(chosen.reason, /^the vault's storage redundancy cannot be decided statically \(drVaultRedundancy/);
    });

    it('Bicep: a vaulted backup is a geo copy a warm spare does not accept, and an undecided vault decides nothing there', async () => {
      const report = await scan('blob-backup.bicep', 'warm-spare');
      const raw = account(report, 'stdlzraw01');
      assert.deepEqual([raw.redundancy, raw.redundancyDetail, raw.status], ['geo', 'geo-backup', 'fail']);
      assert.match(raw.findings[0].message, /only a geo-redundant backup exists outside the region; the Warm spare \(active\/passive\) strategy needs the data replicated to the secondary region/);
      assert.deepEqual([account(report, 'stdlzdr01').redundancy, account(report, 'stdlzdr01').status], ['local', 'fail']);
      assert.equal(account(report, 'stdlzcurated01').status, 'pass');
    });

    it('Terraform: azurerm_data_protection_backup_instance_blob_storage with a vaulted policy in a geo-redundant vault makes the account geo', async () => {
      const report = await scan('blob-backup-tf');
      const raw = account(report, 'stdlzrawtf01');
      assert.deepEqual([raw.redundancy, raw.redundancyDetail, raw.status], ['geo', 'geo-backup', 'pass']);
      assert.match(raw.reason, /^backup instance bi-stdlzrawtf01 backs up the blobs of storage account stdlzrawtf01 with vaulted policy blob-vaulted-daily to Backup vault bvault-dlz-weu, which keeps backups in the paired region and restores there with Cross Region Restore; only block blobs of containers landing, raw are in the backup, not files, queues or tables; on its own: sku\.name is Standard_LRS/);
      const ops = account(report, 'stdlzopstf01');
      assert.deepEqual([ops.redundancy, ops.status], ['zone', 'fail']);
      assert.match(ops.reason, /with policy blob-operational-30d, an operational backup only: its recovery points stay in the account itself$/);
      const archive = account(report, 'stdlzarchtf01');
      assert.deepEqual([archive.redundancy, archive.status], ['local', 'fail']);
      assert.match(archive.reason, /to Backup vault bvault-dlz-weu-lrs, whose backups stay in the region \(its vault store is LocallyRedundant\)$/);
      const warm = await scan('blob-backup-tf', 'warm-spare');
      assert.equal(account(warm, 'stdlzrawtf01').status, 'fail');
    });

    it('Terraform: a vaulted retention or a vault redundancy only known at apply gives no pass', async () => {
      const tf = fs.readFileSync(path.join(fixtures, 'blob-backup-tf', 'main.tf'), 'utf8');
      const dir = repo({
        'main.tf': tf
          .replace('redundancy                   = "GeoRedundant"', 'redundancy                   = var.vault_redundancy')
          .replace('vault_default_retention_duration       = "P30D"', 'vault_default_retention_duration       = var.vault_retention'),
        'variables.tf': 'variable "vault_redundancy" {\n  type = string\n}\n\nvariable "vault_retention" {\n  type    = string\n  default = null\n}\n',
      });
      const { report } = await runScan({ paths: ['.'], configFile: null, cwd: dir });
      // A retention left null is no vaulted backup: the policy's operational retention is all it has.
      const raw = account(report, 'stdlzrawtf01');
      assert.deepEqual([raw.redundancy, raw.status], ['local', 'fail']);
      assert.match(raw.reason, /with policy blob-vaulted-daily, an operational backup only/);
      const unknownRetention = repo({ 'main.tf': tf.replace('vault_default_retention_duration       = "P30D"', 'vault_default_retention_duration       = var.vault_retention'), 'variables.tf': 'variable "vault_retention" {\n  type = string\n}\n' });
      const retention = account((await runScan({ paths: ['.'], configFile: null, cwd: unknownRetention })).report, 'stdlzrawtf01');
      assert.deepEqual([retention.redundancy, retention.status], ['unknown', 'unknown']);
      assert.match(retention.reason, /with policy blob-vaulted-daily, but whether it is a vaulted backup cannot be told: the data store of a rule cannot be decided statically/);
      const unknownVault = repo({ 'main.tf': tf.replace('redundancy                   = "GeoRedundant"', 'redundancy                   = var.vault_redundancy'), 'variables.tf': 'variable "vault_redundancy" {\n  type = string\n}\n' });
      const undecided = account((await runScan({ paths: ['.'], configFile: null, cwd: unknownVault })).report, 'stdlzrawtf01');
      assert.deepEqual([undecided.redundancy, undecided.status], ['unknown', 'unknown']);
      assert.match(undecided.reason, /to Backup vault bvault-dlz-weu, but the vault's storage redundancy cannot be decided statically/);
    });

    it("one account and vault name in several environments: each account is protected by its own backup instance and vault, not another folder's", async () => {
      const report = await scan('blob-backup-environments');
      const env = (name: string) => report.resources.find((r) => r.type === 'Microsoft.Storage/storageAccounts' && r.file.includes(`/${name}/`))!;
      assert.deepEqual([env('prod').redundancy, env('prod').redundancyDetail, env('prod').status], ['geo', 'geo-backup', 'pass']);
      // dev backs up to its own vault of the same name, which is locally redundant.
      assert.deepEqual([env('dev').redundancy, env('dev').status], ['local', 'fail']);
      assert.match(env('dev').reason, /to Backup vault bvault-app, whose backups stay in the region \(its vault store is LocallyRedundant\)$/);
      // test has no backup instance: prod's instance names an account of that name, but not this one.
      assert.deepEqual([env('test').redundancy, env('test').status], ['local', 'fail']);
      assert.doesNotMatch(env('test').reason, /backup/);

      // Two Terraform roots with one address for each resource, the backup in a file of its own: dev's geo-redundant
      // backup protects dev's account only, prod's locally redundant one prod's.
      const main = (env: string) => `resource "azurerm_resource_group" "app" {\n  name     = "rg-app-${env}"\n  location = "westeurope"\n}\n\nresource "azurerm_storage_account" "app" {\n  name                     = "stappdata01"\n  resource_group_name      = azurerm_resource_group.app.name\n  location                 = azurerm_resource_group.app.location\n  account_tier             = "Standard"\n  account_replication_type = "LRS"\n}\n`;
      const backup = (redundancy: string) =>
        `resource "azurerm_data_protection_backup_vault" "app" {\n  name                = "bvault-app"\n  resource_group_name = azurerm_resource_group.app.name\n  location            = azurerm_resource_group.app.location\n  datastore_type      = "VaultStore"\n  redundancy          = "${redundancy}"\n}\n\n` +
        `resource "azurerm_data_protection_backup_policy_blob_storage" "vaulted" {\n  name                             = "blob-vaulted-daily"\n  vault_id                         = azurerm_data_protection_backup_vault.app.id\n  vault_default_retention_duration = "P30D"\n  backup_repeating_time_intervals  = ["R/2024-01-01T02:00:00+00:00/P1D"]\n}\n\n` +
        `resource "azurerm_data_protection_backup_instance_blob_storage" "app" {\n  name                            = "bi-stappdata01"\n  vault_id                        = azurerm_data_protection_backup_vault.app.id\n  location                        = azurerm_resource_group.app.location\n  storage_account_id              = azurerm_storage_account.app.id\n  backup_policy_id                = azurerm_data_protection_backup_policy_blob_storage.vaulted.id\n  storage_account_container_names = ["appdata"]\n}\n`;
      const dir = repo({ 'dev/main.tf': main('dev'), 'dev/backup.tf': backup('GeoRedundant'), 'prod/main.tf': main('prod'), 'prod/backup.tf': backup('LocallyRedundant') });
      const tf = (await runScan({ paths: ['.'], configFile: null, cwd: dir })).report;
      const tfAccount = (env: string) => tf.resources.find((r) => r.name === 'stappdata01' && r.file === `${env}/main.tf`)!;
      assert.deepEqual([tfAccount('dev').redundancy, tfAccount('dev').status], ['geo', 'pass']);
      assert.deepEqual([tfAccount('prod').redundancy, tfAccount('prod').status], ['local', 'fail']);
      assert.match(tfAccount('prod').reason, /whose backups stay in the region \(its vault store is LocallyRedundant\)$/);
    });
  });

  it('SQL Database: a zone redundancy only known at deployment decides only where the backups stay in the region', async () => {
    const report = await scan('sql-zone-unknown.bicep');
    const geo = byName(report, 'db-geo-backups');
    assert.deepEqual([geo.redundancy, geo.redundancyDetail, geo.status], ['geo', 'geo-backup', 'pass']);
    assert.match(geo.reason, /^backup storage is Geo \(the default\): geo-restore to another region is possible; the database's zone redundancy cannot be decided statically \(zoneRedundant /);
    assert.deepEqual([byName(report, 'db-zone-backups').redundancy], ['zone']);
    const local = byName(report, 'db-local-backups');
    assert.deepEqual([local.redundancy, local.status], ['unknown', 'unknown']);
    assert.match(local.reason, /^properties\.zoneRedundant cannot be decided statically/);
  });

  it('App Service: a web app is judged on its plan, outside the catalog; a finding calls a plan a plan, not Azure Functions', async () => {
    const report = await scan('web-app.bicep', 'warm-spare');
    assert.match(byName(report, 'asp-web-s1').findings[0].message, /^App Service plan 'asp-web-s1' is local: /);
    const web = byName(report, 'app-web-s1');
    assert.deepEqual([web.service, web.redundancy], [null, 'local']);
    assert.match(web.reason, /^the web app runs on its App Service plan's instances: plan asp-web-s1 \(S1\) is not zone-redundant \(the DR catalog lists function apps, not web apps: a web app is judged on its plan, as function apps are\)/);
    assert.equal(byName(report, 'app-web-zr').redundancy, 'zone');
    // A plan the scan does not declare: the app is judged on it, so the reason says to scan it, not that the catalog lists Functions.
    const shared = byName(report, 'app-web-shared-plan');
    assert.deepEqual([shared.service, shared.redundancy, shared.status], [null, 'unknown', 'unknown']);
    assert.match(shared.reason, /^the web app runs on its App Service plan's instances, and its plan \(properties\.serverFarmId cannot be decided statically \(.*sharedPlanId.*\)\) is not declared in the scan: scan the plan's template with it to judge it \(the DR catalog lists function apps, not web apps: a web app is judged on its plan, as function apps are\)/);
    const named = byName(report, 'app-web-named-plan');
    assert.match(named.reason, /^the web app runs on its App Service plan's instances, and its plan asp-platform-p1v3 is not declared in the scan: /);
    for (const r of [shared, named]) assert.doesNotMatch(r.reason, /Azure Functions/);
  });

  it('Traffic Manager: one module deployed to two resource groups places its endpoints where only each deployment knows, not in one region', async () => {
    const report = await scan('traffic-manager-modules');
    const tm = report.resources.find((r) => r.type.toLowerCase() === 'microsoft.network/trafficmanagerprofiles')!;
    assert.equal(tm.redundancy, 'unknown');
    assert.match(tm.reason, /whose regions cannot be decided statically: locations only known at deployment \(app-a at .*, app-b at .*\)$/);
  });

  it("Site Recovery: a VM's template and the recovery template each take a location parameter; the same name is not the same region", async () => {
    const report = await scan('site-recovery-two-templates');
    const item = report.resources.find((r) => r.type.toLowerCase().endsWith('/replicationprotecteditems'))!;
    assert.equal(item.redundancy, 'unknown');
    assert.match(item.reason, /whether to another region cannot be decided statically: source region \[parameters\('location'\)\], recovery fabric's region \[parameters\('location'\)\]$/);
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

  it('SQL failover group whose partner server is in the database\'s own region: no copy in another region, like a same-region secondary', async () => {
    const report = await scan('sql-failover-group-one-region-tf', 'warm-spare');
    const db = report.resources.find((r) => r.address === 'azurerm_mssql_database.db')!;
    assert.deepEqual([db.redundancy, db.redundancyDetail, db.status], ['geo', 'geo-backup', 'fail']);
    assert.match(db.reason, /; its failover group contoso-sql-primary\/contoso-fg pairs it with server contoso-sql-secondary in the same region \(westeurope\), so it gives no copy in another region$/);
    assert.doesNotMatch(db.reason, /continuously replicated/);
    const db2 = report.resources.find((r) => r.address === 'azurerm_mssql_database.db2')!;
    assert.deepEqual([db2.redundancyDetail, db2.status], ['geo-backup', 'fail']);
  });

  it('SQL active geo-replication: a database with a secondary in another region is geo, naming it; one in the same region keeps its own verdict', async () => {
    const report = await scan('sql-geo-replication-tf');
    const orders = report.resources.find((r) => r.address === 'azurerm_mssql_database.orders')!;
    assert.equal(orders.status, 'pass');
    assert.equal(orders.redundancy, 'geo');
    assert.equal(orders.redundancyDetail, 'geo-replica');
    assert.equal(orders.reason, 'active geo-replication: database sql-secondary/orders is its secondary in northeurope, another region than its own (westeurope)');
    assert.deepEqual(orders.findings, []);

    const catalog = byName(report, 'catalog');
    assert.equal(catalog.status, 'fail');
    assert.equal(catalog.redundancy, 'local');
    assert.equal(catalog.reason, 'properties.requestedBackupStorageRedundancy is Local: backups stay in the region; the database is not zone-redundant; its geo-replication secondary sql-nearby/catalog-replica is in the same region (westeurope), so it gives no copy in another region');
    // The secondary in the same region is no copy in another region either: judged on its own backups, saying why.
    const replica = report.resources.find((r) => r.address === 'azurerm_mssql_database.catalog_secondary')!;
    assert.deepEqual([replica.redundancy, replica.redundancyDetail], ['geo', 'geo-backup']);
    assert.match(replica.reason, /^backup storage is Geo \(the default\): .*; it is a geo-replication secondary of sql-primary\/catalog, in the same region \(westeurope\), so not a copy in another region$/);
    const remote = report.resources.find((r) => r.address === 'azurerm_mssql_database.orders_secondary')!;
    assert.equal(remote.reason, 'properties.createMode is Secondary: an active geo-replication secondary, in northeurope, of sql-primary/orders in westeurope');
  });

  it('SQL Hyperscale named replica: a secondary serving reads beside its primary, not a copy in another region', async () => {
    const report = await scan('sql-named-replica.bicep');
    const replica = byName(report, 'sql-hs-reporting/orders-reporting');
    assert.deepEqual([replica.redundancy, replica.status], ['local', 'fail']);
    assert.match(replica.reason, /; it is a named replica \(secondaryType Named\) of its source database, in the same region, not a copy in another region$/);
  });

  it('SQL dedicated pool (formerly SQL DW): a disabled geo-backup policy leaves no copy in the paired region, in ARM and Terraform', async () => {
    const report = await scan('sql-dw-geo-backup.bicep');
    const sales = byName(report, 'sql-dw-contoso/dw-sales');
    assert.deepEqual([sales.redundancy, sales.status], ['local', 'fail']);
    assert.match(sales.reason, /^the dedicated SQL pool's geo-backup policy is Disabled: no copy in the paired region/);
    assert.deepEqual([byName(report, 'sql-dw-contoso/dw-finance').redundancy, byName(report, 'sql-dw-contoso/dw-finance').redundancyDetail], ['geo', 'geo-backup']);

    const tf = await scan('sql-dw-geo-backup-tf');
    const tfSales = tf.resources.find((r) => r.address === 'azurerm_mssql_database.sales')!;
    assert.deepEqual([tfSales.redundancy, tfSales.status], ['local', 'fail']);
    // geo_backup_enabled is only read for DW SKUs: an S0 database keeps its geo-redundant backup storage.
    assert.equal(tf.resources.find((r) => r.address === 'azurerm_mssql_database.app')!.redundancyDetail, 'geo-backup');
  });

  it('Event Hubs, AI Search, Data Factory and a data-resident IoT hub are zone-redundant only in regions with availability zones', async () => {
    const report = await scan('zones-by-region.bicep');
    assert.deepEqual(
      report.resources.map((r) => [r.name, r.redundancy]),
      [
        ['evhns-telemetry-westeurope', 'zone'],
        ['evhns-telemetry-northcentralus', 'local'],
        // A search service in each region is the service's DR design: geo, whatever each one's zones.
        ['srch-catalog-westeurope', 'geo'],
        ['srch-catalog-northcentralus', 'geo'],
        ['adf-ingest-westeurope', 'managed'],
        ['adf-ingest-northcentralus', 'managed'],
        // Data residency keeps the hub in its region: across its zones, or in one datacenter where it has none.
        ['iot-plant-westeurope', 'zone'],
        ['iot-plant-northcentralus', 'local'],
      ],
    );
    assert.match(byName(report, 'adf-ingest-westeurope').reason, /^the factory service is zone-redundant and Microsoft-managed; pipelines are in source control/);
    assert.match(byName(report, 'adf-ingest-northcentralus').reason, /^the factory service is Microsoft-managed, without zone redundancy in northcentralus \(a region without availability zones\); pipelines are in source control/);
    assert.match(byName(report, 'iot-plant-northcentralus').reason, /not replicated to the paired region, and northcentralus has no availability zones$/);
    assert.match(byName(report, 'evhns-telemetry-northcentralus').reason, /^sku Standard in northcentralus, a region without availability zones: events are not spread across zones/);
    assert.match(byName(report, 'srch-catalog-westeurope').reason, /on its own here: properties\.replicaCount is 3: replicas are spread across availability zones/);
    assert.match(byName(report, 'srch-catalog-northcentralus').reason, /on its own here: properties\.replicaCount is 3 in northcentralus, a region without availability zones: /);
  });

  it('azurerm 3.x types removed in 4.0: SQL server and database, PostgreSQL and MariaDB single servers are read under their ARM types', async () => {
    const report = await scan('azurerm-3x-databases-tf');
    assert.equal(report.coverage.uncatalogued, 2); // the two single servers: judged by the generic rule
    const server = byName(report, 'sql3-primary');
    assert.deepEqual([server.type, server.service, server.status], ['Microsoft.Sql/servers', 'sql-database', 'pass']);
    const app = report.resources.find((r) => r.address === 'azurerm_sql_database.app')!;
    assert.deepEqual([app.type, app.name, app.service, app.status, app.redundancyDetail], ['Microsoft.Sql/servers/databases', 'sql3-primary/app', 'sql-database', 'pass', 'geo-replica']);
    assert.equal(app.reason, 'active geo-replication: database sql3-secondary/app is its secondary in northeurope, another region than its own (westeurope)');
    const secondary = report.resources.find((r) => r.address === 'azurerm_sql_database.app_secondary')!;
    assert.equal(secondary.reason, 'properties.createMode is Secondary: an active geo-replication secondary, in northeurope, of sql3-primary/app in westeurope');
    // In an elastic pool by `elastic_pool_name`: the pool's zone redundancy is the database's (the 3.x pool has none).
    const pooled = report.resources.find((r) => r.address === 'azurerm_sql_database.pooled')!;
    assert.equal(pooled.name, 'sql3-primary/pooled');
    assert.match(pooled.reason, /the database is not zone-redundant, as its elastic pool sql3-primary\/pool3 is not$/);

    const psql = byName(report, 'psql3-geo');
    assert.deepEqual([psql.type, psql.status, psql.redundancy, psql.redundancyDetail], ['Microsoft.DBforPostgreSQL/servers', 'pass', 'geo', 'geo-backup']);
    assert.match(psql.reason, /^properties\.storageProfile\.geoRedundantBackup is Enabled: backups are copied to the paired region/);
    const maria = byName(report, 'mariadb3-local');
    assert.deepEqual([maria.type, maria.status, maria.redundancy], ['Microsoft.DBforMariaDB/servers', 'fail', 'local']);
    assert.match(maria.reason, /^properties\.storageProfile\.geoRedundantBackup is Disabled and no zone-redundant standby is set/);
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
  it('Key Vault in a region whose contents Microsoft does not copy elsewhere (no pair, Brazil South, West US 3) is zone, with a second vault as the uplift', async () => {
    const report = await scan('key-vault-regions.bicep');
    const noPair = 'has no paired region';
    const notReplicated = 'is one of the two paired regions \\(Brazil South, West US 3\\) whose vaults Microsoft does not replicate';
    for (const [name, region, why] of [['kv-plc', 'polandcentral', noPair], ['kv-brs', 'brazilsouth', notReplicated], ['kv-wus3', 'West US 3', notReplicated]]) {
      const vault = byName(report, name);
      assert.equal(vault.service, 'key-vault');
      assert.equal(vault.redundancy, 'zone', `${name}: ${vault.reason}`);
      assert.equal(vault.redundancyDetail, undefined);
      assert.equal(vault.status, 'fail');
      assert.match(vault.reason, new RegExp(`^location ${region} (has no paired region|is one of the two paired regions \\(Brazil South, West US 3\\) whose vaults Microsoft does not replicate): the vault's contents are not copied to another region, only kept in zone-redundant storage in ${region}$`));
      assert.match(vault.reason, new RegExp(`^location ${region} ${why}: `), name);
      assert.doesNotMatch(vault.reason, /replicates the vault to the paired region/);
      const second = vault.findings.find((f) => f.ruleId === 'key-vault/redundancy')!.uplift.find((u) => /second vault in another region/.test(u.title));
      assert.ok(second, `${name}: no second-vault uplift in ${uplift(vault).join(' | ')}`);
      assert.equal(second.url, 'https://learn.microsoft.com/azure/key-vault/general/backup');
    }
    assert.match(byName(report, 'kv-plc').reason, /^location polandcentral has no paired region/);
    // A paired region is unchanged: Microsoft-managed, replicated to the pair.
    const paired = byName(report, 'kv-weu');
    assert.deepEqual([paired.redundancy, paired.redundancyDetail, paired.status], ['managed', 'geo-platform', 'pass']);
    // A region only the deployment knows (most templates'): the article's verdict, saying what would change it.
    const param = byName(report, 'kv-param');
    assert.deepEqual([param.redundancy, param.status], ['managed', 'pass']);
    assert.match(param.reason, /; its region is only known at deployment \(resourceGroup\(\)\.location .*\): in a region without a pair, or in Brazil South or West US 3, it would only be zone-redundant \(set location in \.drcheck\.yml to decide\)$/);
    // A region of a few a parameter allows: judged in each, so Brazil South or West US 3 only is no pass.
    const unreplicated = byName(report, 'kv-allowed-unreplicated');
    assert.deepEqual([unreplicated.redundancy, unreplicated.status], ['zone', 'fail']);
    assert.match(unreplicated.reason, /^location can be brazilsouth or westus3, not decided statically \(.*\); at worst location brazilsouth is one of the two paired regions/);
    const eu = byName(report, 'kv-allowed-eu');
    assert.deepEqual([eu.redundancy, eu.redundancyDetail, eu.status], ['managed', 'geo-platform', 'pass']);
    const either = byName(report, 'kv-allowed-either');
    assert.deepEqual([either.redundancy, either.status], ['unknown', 'unknown']);
    assert.match(either.reason, /: westeurope gives managed, brazilsouth gives zone$/);
    // Only the vault's own option: the Managed HSM one does not apply to a vault.
    assert.deepEqual(uplift(byName(report, 'kv-plc')), [
      'Vaults in a region without a pair, Brazil South or West US 3 (contents not replicated to another region): keep a second vault in another region and back up and restore keys, secrets and certificates into it (same geography and subscription)',
    ]);
  });

  it('Service Bus (uncatalogued): geo-replication is geo (geo-replica); a Geo-DR pairing is geo-config on both namespaces, as for Event Hubs', async () => {
    const report = await scan('service-bus-geo.bicep');
    const geo = byName(report, 'sbns-georep');
    assert.equal(geo.service, null);
    assert.deepEqual([geo.redundancy, geo.redundancyDetail, geo.status], ['geo', 'geo-replica', 'pass']);
    assert.match(geo.reason, /^properties\.geoDataReplication lists a secondary region \(northeurope\): messages and metadata are replicated/);
    const primary = byName(report, 'sbns-prim');
    assert.deepEqual([primary.redundancy, primary.redundancyDetail, primary.status], ['geo', 'geo-config', 'fail']);
    assert.match(primary.reason, /^Geo-DR pairing sbns-prim\/sb-alias replicates namespace metadata only, not messages; the namespace is zone-redundant in the region/);
    const secondary = byName(report, 'sbns-sec');
    assert.deepEqual([secondary.redundancy, secondary.redundancyDetail, secondary.status], ['geo', 'geo-config', 'fail']);
    assert.match(secondary.reason, /^secondary namespace of Geo-DR pairing sbns-prim\/sb-alias: the pairing replicates namespace metadata only, not messages/);
    // Without the deprecated zoneRedundant, a paired namespace is as zone-redundant as an unpaired one.
    for (const name of ['sbns-prim-default', 'sbns-sec-default']) {
      const r = byName(report, name);
      assert.deepEqual([r.redundancy, r.redundancyDetail, r.status], ['geo', 'geo-config', 'fail'], name);
      assert.match(r.reason, /replicates namespace metadata only, not messages; the namespace is zone-redundant in regions with availability zones, automatically in every tier \(the type is not in the DR catalog\)/, name);
    }
  });

  it('Container Registry: a replica whose location only the deployment knows is in another region (ACR refuses one in the home region)', async () => {
    const report = await scan('acr-replica-unknown-location.bicep');
    const acr = byName(report, 'acrunknownrepl');
    assert.deepEqual([acr.redundancy, acr.redundancyDetail, acr.status], ['multi-region', undefined, 'pass']);
    assert.match(acr.reason, /^replications lists a replica \(replica\) whose location cannot be decided statically \(replicaLocation .*\): Container Registry refuses a replica in the registry's home region, so it is in another region/);
  });

  it('Redis: a geo-replication link to a cache of unknown location is unknown, naming the link (not a false zone fail); a linked cache declared in the scan gives the region', async () => {
    const report = await scan('redis-link-unknown-location.bicep');
    const zoned = byName(report, 'redis-zr-pri');
    assert.equal(zoned.redundancy, 'unknown');
    assert.equal(zoned.status, 'unknown');
    assert.match(zoned.reason, /^a geo-replication link \(redis-zr-pri\/redis-zr-sec\) to a cache whose properties\.linkedRedisCacheLocation cannot be decided statically \(secondaryLocation .*\): the linked cache may be in another region or, as Azure Cache for Redis allows, in this one; on its own here: zones lists 3 availability zones/);
    assert.doesNotMatch(zoned.reason, /states no zone or geo redundancy/);
    const resolved = byName(report, 'redis-pri-2');
    assert.deepEqual([resolved.redundancy, resolved.redundancyDetail, resolved.status], ['geo', 'geo-replica', 'pass']);
    assert.match(resolved.reason, /^a geo-replication link to a cache in northeurope \(redis-pri-2\/redis-sec-2\)/);
  });

  it('Container Registry Basic and Redis Premium without geo-replication: no copy in another region, wherever they are placed; a linked Redis secondary is the copy', async () => {
    const report = await scan('cache-and-registry-one-region.bicep', 'warm-spare');
    const acr = report.resources.find((r) => r.type === 'Microsoft.ContainerRegistry/registries')!;
    assert.deepEqual([acr.redundancy, acr.status], ['local', 'fail']);
    assert.match(acr.reason, /^location cannot be decided statically \(.*\): Container Registry is zone-redundant in a region with availability zones and in one datacenter in one without; sku\.name is Basic: geo-replication needs Premium, so no copy in another region/);
    const sessions = byName(report, 'redis-sessions');
    assert.deepEqual([sessions.redundancy, sessions.status], ['zone', 'fail']);
    assert.match(sessions.reason, /^properties\.sku\.name is Premium: geo-replication \(a linkedServers link\) would give a copy in another region, and the scan links it to no cache known to be in another region; Azure creates .*zone-redundant/);
    for (const r of [acr, sessions]) assert.doesNotMatch(r.reason, /states no zone or geo redundancy/);
    const primary = byName(report, 'redis-orders-weu');
    const secondary = byName(report, 'redis-orders-neu');
    assert.deepEqual([primary.redundancy, primary.status], ['geo', 'pass']);
    assert.deepEqual([secondary.redundancy, secondary.redundancyDetail, secondary.status], ['geo', 'geo-replica', 'pass']);
    assert.match(secondary.reason, /^the geo-replication secondary of a cache in westeurope \(redis-orders-weu, link redis-orders-weu\/redis-orders-neu\)/);
  });

  it('replicas declared in a child module under an existing parent (the AVM layout) are the parent\'s, also when their region is a parameter', async () => {
    const registry = byName(await scan('replicas-in-modules/registry.bicep'), 'contosoacr001');
    assert.deepEqual([registry.redundancy, registry.redundancyDetail, registry.status], ['multi-region', undefined, 'pass']);
    assert.match(registry.reason, /^replications lists a replica \(registry_replication\.replication\) whose location cannot be decided statically \(replicaLocation .*\): Container Registry refuses a replica in the registry's home region, so it is in another region/);
    // The registry's name only known at deployment (uniqueString), handed to the module as `registry.name`: the same registry.
    const unique = (await scan('replicas-in-modules/registry-unique-name.bicep', 'warm-spare')).resources.find((r) => r.type === 'Microsoft.ContainerRegistry/registries')!;
    assert.deepEqual([unique.redundancy, unique.status], ['multi-region', 'pass']);
    assert.match(unique.reason, /^replications lists a replica in westus3 \(registryReplication\.replication\)/);
    const store = byName(await scan('replicas-in-modules/app-configuration.bicep'), 'appcs-app');
    assert.deepEqual([store.redundancy, store.status], ['unknown', 'unknown']);
    assert.match(store.reason, /^replicas lists a replica \(replica\.replica\) whose location cannot be decided statically \(replicaLocation .*\): it may be in the resource's region or in another/);
  });

  it('scale sets: no data disks and an ephemeral OS disk or Uniform instances are stateless (Bicep and Terraform); data disks or Flexible VMs on managed disks keep state', async () => {
    const report = await scan('scale-sets.bicep');
    const verdict = (r: ResourceReport) => [r.stateful, r.required, r.status];
    assert.deepEqual(verdict(byName(report, 'vmss-dnsfwd')), [false, 'none', 'pass']);
    assert.match(byName(report, 'vmss-dnsfwd').reason, /classified stateless because the scale set has no data disks and an ephemeral OS disk/);
    assert.deepEqual(verdict(byName(report, 'vmss-shir')), [false, 'none', 'pass']);
    assert.match(byName(report, 'vmss-shir').reason, /classified stateless because the scale set has no data disks and instances made from its model and image/);
    for (const name of ['vmss-app-flex', 'vmss-elastic']) {
      const r = byName(report, name);
      assert.deepEqual(verdict(r), [true, 'geo', 'fail'], name);
      assert.match(r.reason, /classified stateful because virtual machines and disks keep state on their disks/, name);
    }
    const tf = await scan('scale-sets-tf');
    assert.deepEqual(verdict(byName(tf, 'vmss-dnsfwd-tf')), [false, 'none', 'pass']);
    assert.deepEqual(verdict(byName(tf, 'vmss-elastic-tf')), [true, 'geo', 'fail']);
  });

  it('an uncatalogued stateless declaration deployed in two regions (virtual hubs, resource groups) has its warm spare; another declaration of its type, or a stateful type, does not', async () => {
    const report = await scan('hubs-two-regions-tf', 'warm-spare');
    for (const [name, other] of [['rg-hub-primary', 'ukwest \\(rg-hub-secondary\\)'], ['vhub-secondary', 'uksouth \\(vhub-primary\\)']]) {
      const r = byName(report, name);
      assert.deepEqual([r.service, r.stateful, r.redundancy, r.redundancyDetail, r.status], [null, false, 'geo', 'geo-peer', 'pass'], name);
      assert.match(r.reason, new RegExp(`^a counterpart is also deployed in ${other}, a second region`), name);
    }
    // A private endpoint with another service's endpoint in the other region: two components, neither the other's spare.
    for (const name of ['pe-kv-platform', 'pe-appcs-secondary']) {
      const pe = byName(report, name);
      assert.deepEqual([pe.redundancy, pe.status], ['unknown', 'unknown'], name);
      assert.doesNotMatch(pe.reason, /counterpart/, name);
    }
    // Two stores in two regions are two stores: neither is the other's copy.
    for (const name of ['appcs-platform-primary', 'appcs-platform-secondary']) {
      const r = byName(report, name);
      assert.equal(r.stateful, true, name);
      assert.notEqual(r.redundancy, 'geo', name);
      assert.doesNotMatch(r.reason, /counterpart/, name);
    }
  });

  it('Front Door: a global service with no region to lose is managed, not unknown; its origins\' apps are judged on their own', async () => {
    const report = await scan('front-door-tf', 'warm-spare');
    const profile = report.resources.find((r) => r.type === 'Microsoft.Cdn/profiles')!;
    assert.deepEqual([profile.redundancy, profile.status], ['managed', 'pass']);
    assert.match(profile.reason, /^Azure Front Door and Azure CDN are global services, served from Microsoft's edge locations/);
    assert.equal(report.totals.unknown, 0);
  });

  it('Azure NetApp Files: cross-region replication makes both volumes geo, cross-zone replication zone; a volume without one stays zonal (ARM and Terraform)', async () => {
    const arm = await scan('netapp-replication.json', 'warm-spare');
    const source = byName(arm, 'vol-sap-data');
    assert.deepEqual([source.redundancy, source.redundancyDetail, source.status], ['geo', 'geo-replica', 'pass']);
    assert.match(source.reason, /^replicated to volume anf-neu\/pool-standard\/vol-sap-data-dr in northeurope \(cross-region replication\)/);
    const destination = byName(arm, 'vol-sap-data-dr');
    assert.deepEqual([destination.redundancy, destination.status], ['geo', 'pass']);
    assert.match(destination.reason, /^the replication destination of volume anf-weu\/pool-premium\/vol-sap-data in westeurope/);
    const log = byName(arm, 'vol-sap-log');
    assert.deepEqual([log.redundancy, log.redundancyDetail, log.status], ['local', 'zonal', 'fail']);
    const tf = await scan('netapp-replication-tf', 'warm-spare');
    const at = (address: string) => tf.resources.find((r) => r.address === address)!;
    assert.deepEqual([at('azurerm_netapp_volume.primary').redundancy, at('azurerm_netapp_volume.primary').status], ['geo', 'pass']);
    assert.deepEqual([at('azurerm_netapp_volume.cross_region').redundancy, at('azurerm_netapp_volume.cross_region').status], ['geo', 'pass']);
    const crossZone = at('azurerm_netapp_volume.cross_zone');
    assert.deepEqual([crossZone.redundancy, crossZone.status], ['zone', 'fail']);
    assert.match(crossZone.reason, /^the replication destination of volume vol-primary in zone 1 of westeurope, this one in zone 2 \(cross-zone replication\)/);
  });

  it('App Configuration whose location only the deployment knows: replicas in two regions are geo; one replica is unknown, naming both', async () => {
    const report = await scan('app-configuration-replicas.bicep');
    const two = byName(report, 'appcs-two-replicas');
    assert.deepEqual([two.redundancy, two.redundancyDetail, two.status], ['geo', 'geo-replica', 'pass']);
    assert.match(two.reason, /^replicas lists replicas in 2 regions, centralus \(appcs-two-replicas\/centralusreplica\), westus \(appcs-two-replicas\/westusreplica\): at least one is outside the resource's region/);
    const one = byName(report, 'appcs-one-replica');
    assert.equal(one.redundancy, 'unknown');
    assert.equal(one.status, 'unknown');
    assert.match(one.reason, /^replicas lists a replica in westus \(appcs-one-replica\/westusreplica\), but the resource's location cannot be decided statically \(resourceGroup\(\)\.location.*\): the replica is in another region unless the resource is in westus/);
  });

  it('Databricks: an unknown DBFS root SKU does not change the verdict (a single workspace is local); the reason says the SKU is unknown', async () => {
    const report = await scan('databricks-unknown-dbfs-sku.bicep');
    const ws = byName(report, 'dbw-dbfs-param');
    assert.deepEqual([ws.redundancy, ws.status], ['local', 'fail']);
    assert.match(ws.reason, /^a single workspace \(control plane zone-redundant in AZ regions; the DBFS root storage SKU, properties\.parameters\.storageAccountSkuName, cannot be decided statically: dbfsSku .*\): no second workspace to fail over to$/);
  });
  it('a child joins the parent declared in its own file when two files use one symbol (a replica is not credited to the other file\'s registry)', async () => {
    const report = await scan('same-symbol-two-files', 'warm-spare');
    const judged = (name: string) => { const r = byName(report, name); return [r.redundancy, r.status]; };
    assert.deepEqual(judged('acrgeoa'), ['multi-region', 'pass']);
    assert.deepEqual(judged('acrlocalb'), ['zone', 'fail']);
  });
});
