import { strict as assert } from 'node:assert';
import { judge, type JudgeInput } from '../../shared/engine/judge';
import type { NormalisedResource } from '../../shared/model/resource';
import { resource } from './helpers';

function run(resources: NormalisedResource[]) {
  const input: JudgeInput = { resources, issues: [], strategy: 'redeploy', config: {}, toolVersion: '1.0.0', roots: ['.'], now: new Date('2026-11-25T00:00:00Z') };
  return judge(input);
}

/**
 * An ARM address is the name as written: one template may write two resources' names alike (`[parameters('name')]` for
 * a vault and for a Log Analytics workspace), and a link by that address is to the resource of the type it is for.
 */
describe('rule context: resources at one address', () => {
  const NAME = "[parameters('name')]";
  const vault = () => resource('Microsoft.RecoveryServices/vaults', null, { location: 'westeurope', sku: { name: 'RS0', tier: 'Standard' }, properties: {} }, { address: NAME });
  const workspace = () => resource('Microsoft.OperationalInsights/workspaces', null, { location: 'westeurope', properties: { sku: { name: 'PerGB2018' } } }, { address: NAME });

  it("links a child to the parent of its parent type at its parent's address, whichever is declared last", () => {
    const config = resource('Microsoft.RecoveryServices/vaults/backupstorageconfig', null, { properties: { storageModelType: 'LocallyRedundant' } }, { address: 'vaultstorageconfig', parent: NAME });
    const report = run([vault(), config, workspace()]);
    const judged = report.resources.find((r) => r.type === 'Microsoft.RecoveryServices/vaults');
    assert.deepEqual([judged?.status, judged?.redundancy, judged?.reason], ['fail', 'local', 'backupstorageconfig properties.storageModelType is LocallyRedundant: backups stay in one datacenter']);
  });

  it('follows a reference by address to the resource of the type asked for, whichever is declared last', () => {
    const db = resource('Microsoft.Sql/servers/databases', null, { location: 'westeurope', properties: { requestedBackupStorageRedundancy: 'Local' } }, { address: "[format('{0}/{1}', parameters('server'), parameters('name'))]" });
    const other = resource('Microsoft.Web/sites', null, { location: 'westeurope', properties: {} }, { address: db.address });
    const fog = resource('Microsoft.Sql/servers/failoverGroups', null, { properties: { databases: [db.address], partnerServers: [] } }, { address: 'fog' });
    const report = run([db, fog, other]);
    const judged = report.resources.find((r) => r.type === 'Microsoft.Sql/servers/databases');
    assert.deepEqual([judged?.status, judged?.redundancy, judged?.reason], ['pass', 'geo', 'in failover group fog: continuously replicated to the partner server']);
  });

  it("follows a referrer's reference by an address several files share to the resource in the referrer's file", () => {
    // Two copies of one template: each database's address is its name as written, in both.
    const address = "[format('{0}/{1}', parameters('server'), parameters('name'))]";
    const db = (file: string) => resource('Microsoft.Sql/servers/databases', null, { location: 'westeurope', properties: { requestedBackupStorageRedundancy: 'Local' } }, { address, source: { file, line: 20, column: 5, language: 'arm' } });
    const fog = resource('Microsoft.Sql/servers/failoverGroups', null, { properties: { databases: [address], partnerServers: [] } }, { address: 'fog', source: { file: 'a/main.json', line: 30, column: 5, language: 'arm' } });
    const report = run([db('a/main.json'), fog, db('b/main.json')]);
    const verdicts = report.resources.filter((r) => r.type === 'Microsoft.Sql/servers/databases').map((r) => [r.file, r.status, r.redundancy]);
    assert.deepEqual(verdicts, [
      ['a/main.json', 'pass', 'geo'],
      ['b/main.json', 'fail', 'local'],
    ]);
  });
});
