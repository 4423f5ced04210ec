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
});
