import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { judge } from '../../../shared/engine/judge';
import type { NormalisedResource, ScanIssue } from '../../../shared/model/resource';
import { isUnknown, type Value } from '../../../shared/model/value';
import { armReader } from '../../../tasks/DrCheckV1/src/readers/arm';
import { readNativeFiles } from '../bicep/read-native';
import { readerContext } from '../../support/reader-context';
import { repo } from '../../support/repo';

/**
 * Templates whose resources are named by parameters with no value (as the quickstart templates are): the names are only
 * known at deployment, yet flat children, nested children and resource ids still name resources of the same template.
 */
const fixtures = path.join(__dirname, 'fixtures', 'unknown-names');

/** Judges what a reader read under redeploy, as the scan does. */
function judged(r: { resources: NormalisedResource[]; issues: ScanIssue[] }) {
  const report = judge({ resources: r.resources, issues: [], strategy: 'redeploy', config: {}, toolVersion: 'test', roots: ['.'] });
  /** The verdict of the resource at `address` (of `type`, when several share the address): status, redundancy, reason. */
  const verdict = (address: string, type?: string) => {
    const found = report.resources.filter((x) => x.address === address && (!type || x.type === type));
    assert.equal(found.length, 1, `one resource at ${address}`);
    return { status: found[0].status, redundancy: found[0].redundancy, reason: found[0].reason };
  };
  return { issues: r.issues, resources: r.resources, verdict };
}

/** Reads fixture templates (with the parameters files of `extra`, written beside copies of them when given). */
async function scan(names: string[], extra: Record<string, string> = {}) {
  const files = Object.fromEntries(names.map((n) => [n, fs.readFileSync(path.join(fixtures, n), 'utf8')]));
  const root = Object.keys(extra).length ? repo({ ...files, ...extra }, 'drcheck-arm-names-') : fixtures;
  const r = await armReader.read(
    names.map((n) => ({ path: path.join(root, n), rel: n, text: files[n] })),
    readerContext(root),
  );
  return judged(r);
}

const VAULT = "[parameters('vaultName')]";

describe('ARM names only known at deployment', () => {
  describe('a flat child is linked to its parent by the parameters its name is made of', () => {
    it("judges a vault on its backupstorageconfig named [format('{0}/{1}', parameters('vaultName'), …)], and only that vault", async () => {
      const r = await scan(['recovery-vault-format.json']);
      assert.deepEqual(r.issues, []);
      assert.deepEqual(r.verdict(VAULT), { status: 'fail', redundancy: 'local', reason: 'backupstorageconfig properties.storageModelType is LocallyRedundant: backups stay in one datacenter' });
      // The other vault is named by another parameter: no storage setting of its own, GRS by default.
      assert.deepEqual(r.verdict("[parameters('archiveVaultName')]").redundancy, 'geo');
      // Linked by the names, not by the declaration: the child's fingerprint leaves the link out (as 1.3 read it).
      const config = r.resources.find((x) => x.type.toLowerCase() === 'microsoft.recoveryservices/vaults/backupstorageconfig')!;
      assert.deepEqual([config.parent, config.parentByName], [VAULT, true]);
    });

    it("reads a name built with concat() and a variable, the child written before its parent", async () => {
      const r = await scan(['recovery-vault-concat.json']);
      assert.deepEqual(r.issues, []);
      assert.deepEqual(r.verdict(VAULT), { status: 'fail', redundancy: 'local', reason: 'backupstorageconfig properties.storageModelType is LocallyRedundant: backups stay in one datacenter' });
    });

    it('links a child only within its own template: a nested template with a parameter of the same name sets another vault', async () => {
      const r = await scan(['recovery-vault-nested-template.json']);
      assert.deepEqual(r.issues, []);
      const config = r.resources.find((x) => x.type === 'Microsoft.RecoveryServices/vaults/backupstorageconfig');
      assert.equal(config?.parent, undefined);
      assert.equal(r.verdict(VAULT).redundancy, 'geo');
    });

    it("judges a Synapse SQL pool on its geoBackupPolicies named [format('{0}/{1}/{2}', workspace, pool, 'default')], as Bicep compiles it", async () => {
      const r = await scan(['synapse-sql-pool.json']);
      assert.deepEqual(r.issues, []);
      assert.deepEqual(r.verdict("[format('{0}/{1}', parameters('workspaceName'), parameters('sqlPoolName'))]"), {
        status: 'fail',
        redundancy: 'local',
        reason: 'the geo-backup policy is Disabled: no copy in the paired region',
      });
    });

    it('judges a Redis cache on its flat geo-replication link (linkedServers), as the Bicep `parent:` form of the same template is', async () => {
      const r = await scan(['redis-geo-replication.json']);
      assert.deepEqual(r.issues, []);
      const link = "[format('{0}/{1}', parameters('redisCacheName'), variables('secondaryCacheName'))]";
      assert.deepEqual(r.verdict("[parameters('redisCacheName')]"), {
        status: 'pass',
        redundancy: 'geo',
        reason: `a geo-replication link to a cache in northeurope (${link}) (the type is not in the DR catalog); classified stateful because it holds data (database, storage, messaging, cache, registry or backup)`,
      });
      // The control: the Bicep source, whose link names its parent.
      const bicep = judged(await readNativeFiles(fixtures, ['redis-geo-replication.bicep']));
      assert.deepEqual(bicep.issues, []);
      assert.deepEqual([bicep.verdict('primary').status, bicep.verdict('primary').redundancy], ['pass', 'geo']);
      assert.match(bicep.verdict('primary').reason, /^a geo-replication link to a cache in northeurope \(link\)/);
    });
  });

  describe('a resource id made of parameters names the resource of the same template', () => {
    const FAILOVER = { status: 'pass', redundancy: 'geo', reason: "in failover group [parameters('failoverGroupName')]: continuously replicated to the partner server" };

    it('counts a database listed by resourceId() in a failover group nested in its server, as with the names given', async () => {
      const r = await scan(['sql-failover-group.json']);
      assert.deepEqual(r.issues, []);
      assert.deepEqual(r.verdict("[variables('databaseName')]"), FAILOVER);
      // The control: the same template with every name given in a parameters file.
      const named = await scan(['sql-failover-group.json'], {
        'sql-failover-group.parameters.json': JSON.stringify({
          $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
          contentVersion: '1.0.0.0',
          parameters: { primaryServerName: { value: 'sql-weu' }, secondaryServerName: { value: 'sql-neu' }, secondaryLocation: { value: 'northeurope' }, failoverGroupName: { value: 'fog-app' } },
        }),
      });
      assert.deepEqual(named.issues, []);
      assert.deepEqual(named.verdict("[variables('databaseName')]"), { ...FAILOVER, reason: 'in failover group sql-weu/fog-app: continuously replicated to the partner server' });
    });

    it('counts a flat database listed by resourceId() in a flat failover group', async () => {
      const r = await scan(['sql-failover-group-flat.json']);
      assert.deepEqual(r.issues, []);
      assert.deepEqual(r.verdict("[format('{0}/{1}', parameters('serverName'), parameters('dbName'))]"), {
        status: 'pass',
        redundancy: 'geo',
        reason: "in failover group [format('{0}/{1}', parameters('serverName'), parameters('failoverGroupName'))]: continuously replicated to the partner server",
      });
    });

    it("follows a geo-replication link's linkedRedisCacheId to the linked cache's region when its own location is only known at deployment", async () => {
      const r = await scan(['redis-geo-replication-reference.json']);
      assert.deepEqual(r.issues, []);
      assert.deepEqual([r.verdict("[parameters('primaryCacheName')]").status, r.verdict("[parameters('primaryCacheName')]").redundancy], ['pass', 'geo']);
      assert.match(r.verdict("[parameters('primaryCacheName')]").reason, /^a geo-replication link to a cache in northeurope /);
    });

    it('follows no id to a resource another template declares at the same address', async () => {
      // Two copies of the template in one repository: each database's address is its name as written in both.
      const text = fs.readFileSync(path.join(fixtures, 'sql-failover-group-flat.json'), 'utf8');
      const root = repo({ 'a/main.json': text, 'b/main.json': text }, 'drcheck-arm-names-');
      const r = judged(await armReader.read(['a/main.json', 'b/main.json'].map((rel) => ({ path: path.join(root, rel), rel, text })), readerContext(root)));
      // Which database an id reaches cannot be told by address: it stays unknown, as before, and never reaches the
      // other template's.
      const fogs = r.resources.filter((x) => x.type === 'Microsoft.Sql/servers/failoverGroups');
      assert.equal(fogs.length, 2);
      for (const fog of fogs) assert.ok(isUnknown((fog.body.properties as { databases: Value[] }).databases[0]));
      // Each template's flat children still have their parent, found in their own file.
      for (const fog of fogs) assert.equal(fog.parent, "[parameters('serverName')]");
    });
  });

  describe('a child nested in a parent whose name is only known at deployment', () => {
    it('keeps the name written for it, without a warning, and is judged under its parent', async () => {
      const r = await scan(['sql-failover-group.json']);
      // Before: `resource name is "MyData", not a string` (invalid-resource).
      assert.deepEqual(r.issues, []);
      const db = r.resources.find((x) => x.type === 'Microsoft.Sql/servers/databases');
      assert.equal(db?.address, "[variables('databaseName')]");
      assert.equal(db?.parent, "[parameters('primaryServerName')]");
      // Its full name is its parent's and its own: not known.
      assert.equal(db?.name, null);
    });

    it('still warns when the name written for it is not a string', async () => {
      const template = JSON.parse(fs.readFileSync(path.join(fixtures, 'sql-failover-group.json'), 'utf8'));
      template.resources[0].resources[1].name = 42;
      const text = JSON.stringify(template, null, 2);
      const root = repo({ 'main.json': text }, 'drcheck-arm-names-');
      const r = await armReader.read([{ path: path.join(root, 'main.json'), rel: 'main.json', text }], readerContext(root));
      assert.deepEqual(
        r.issues.map((i) => [i.code, i.severity, i.message]),
        [['invalid-resource', 'warning', 'resource name is 42, not a string']],
      );
    });
  });
});
