/**
 * Bicep files whose resources are named by parameters with no value (as quickstarts are): the names are only known at
 * deployment, yet a flat child's name and a symbol's `.id` still name resources of the same file. Each case is judged
 * as a scan reports it, beside its control: the same file written with `parent:`, or given its names.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runScan } from '../../../tasks/DrCheckV1/src/scan';
import { repo } from '../../support/repo';
import { readNativeFiles } from './read-native';

const fixtures = path.join(__dirname, 'fixtures', 'unknown-names');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name, 'main.bicep'), 'utf8');

/** Scans `dir` as the CLI does (redeploy); the verdict of the resource at each address. */
async function scan(dir: string) {
  const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null });
  return (address: string) => {
    const found = report.resources.filter((r) => r.address === address);
    assert.equal(found.length, 1, `one resource at ${address} in ${report.resources.map((r) => r.address).join(', ')}`);
    return { status: found[0].status, redundancy: found[0].redundancy, reason: found[0].reason };
  };
}

describe('Bicep names only known at deployment', () => {
  describe('a flat child is linked to its parent by the parameters its name is made of', () => {
    const LOCAL_VAULT = { status: 'fail', redundancy: 'local', reason: 'backupstorageconfig properties.storageModelType is LocallyRedundant: backups stay in one datacenter' };

    it("judges a vault on its backupstorageconfig named '${vaultName}/vaultstorageconfig', as with `parent: vault`, and only that vault", async () => {
      const verdict = await scan(path.join(fixtures, 'recovery-vault'));
      assert.deepEqual(verdict('vault'), LOCAL_VAULT);
      // The other vault is named by another parameter: no storage setting of its own, GRS by default.
      assert.equal(verdict('archiveVault').redundancy, 'geo');
      // The control: the setting written under its vault with `parent:`.
      assert.deepEqual((await scan(path.join(fixtures, 'recovery-vault-parent')))('vault'), LOCAL_VAULT);
      // Linked by the names, not by the declaration: the child's fingerprint leaves the link out (as 1.3 read it).
      const read = await readNativeFiles(path.join(fixtures, 'recovery-vault'), ['main.bicep']);
      const config = read.resources.find((r) => r.type.toLowerCase() === 'microsoft.recoveryservices/vaults/backupstorageconfig')!;
      assert.deepEqual([config.parent, config.parentByName], ['vault', true]);
    });

    it("reads a name written with the parent's `.name`", async () => {
      const text = fixture('recovery-vault').replace("'${vaultName}/vaultstorageconfig'", "'${vault.name}/vaultstorageconfig'");
      assert.match(text, /\$\{vault\.name\}\/vaultstorageconfig/);
      const verdict = await scan(repo({ 'main.bicep': text }, 'drcheck-bicep-names-'));
      assert.deepEqual(verdict('vault'), LOCAL_VAULT);
      assert.equal(verdict('archiveVault').redundancy, 'geo');
    });

    it('links nothing when two vaults of the file have that name (one created, one existing)', async () => {
      const r = await readNativeFiles(path.join(fixtures, 'recovery-vault-new-or-existing'), ['main.bicep']);
      assert.deepEqual(r.issues, []);
      const config = r.resources.find((x) => x.type === 'Microsoft.RecoveryServices/vaults/backupstorageconfig');
      assert.equal(config?.parent, undefined);
      assert.equal((await scan(path.join(fixtures, 'recovery-vault-new-or-existing')))('newVault').redundancy, 'geo');
    });

    const POOL_LOCAL = { status: 'fail', redundancy: 'local', reason: 'the geo-backup policy is Disabled: no copy in the paired region' };

    it("judges a Synapse SQL pool on its geoBackupPolicies named '${workspaceName}/${sqlPoolName}/default', the pool written with `parent:`", async () => {
      assert.deepEqual((await scan(path.join(fixtures, 'synapse-sql-pool')))('sqlPool'), POOL_LOCAL);
    });

    it('and as `az bicep decompile` writes it, every child flat', async () => {
      assert.deepEqual((await scan(path.join(fixtures, 'synapse-sql-pool-flat')))('workspaceName_sqlPool'), POOL_LOCAL);
    });
  });

  describe("a symbol's id names its resource when its name is only known at deployment", () => {
    const IN_GROUP = { status: 'pass', redundancy: 'geo', reason: 'in failover group failoverGroup: continuously replicated to the partner server' };
    const NAMED = {
      'main.parameters.json': JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
        contentVersion: '1.0.0.0',
        parameters: { serverName: { value: 'sql-weu' }, partnerServerName: { value: 'sql-neu' } },
      }),
    };

    it('counts a database listed by `database.id` in a failover group when the servers are named by parameters with no value', async () => {
      assert.deepEqual((await scan(path.join(fixtures, 'sql-failover-group')))('database'), IN_GROUP);
      // The control: the same file with the server names given.
      const named = await scan(repo({ 'main.bicep': fixture('sql-failover-group'), ...NAMED }, 'drcheck-bicep-names-'));
      assert.deepEqual(named('database'), { ...IN_GROUP, reason: 'in failover group sql-weu/fog-app: continuously replicated to the partner server' });
    });

    it("and when the database's own name is a parameter with no value", async () => {
      const text = fixture('sql-failover-group').replace("param databaseName string = 'appdb'", 'param databaseName string');
      assert.ok(!text.includes("'appdb'"));
      assert.deepEqual((await scan(repo({ 'main.bicep': text }, 'drcheck-bicep-names-')))('database'), IN_GROUP);
    });

    it('follows no id to a resource another entry file declares at the same address', async () => {
      // Two copies of the file in one repository: each database's address is its symbol in both, and which one an id
      // reaches cannot be told by address. It stays unknown, as before: the database is judged on its own backups.
      const text = fixture('sql-failover-group');
      const root = repo({ 'a/main.bicep': text, 'b/main.bicep': text }, 'drcheck-bicep-names-');
      const { report } = await runScan({ paths: ['.'], cwd: root, configFile: null });
      const databases = report.resources.filter((r) => r.type === 'Microsoft.Sql/servers/databases');
      assert.deepEqual(
        databases.map((d) => [d.status, d.redundancy]),
        [
          ['fail', 'local'],
          ['fail', 'local'],
        ],
      );
    });
  });
});
