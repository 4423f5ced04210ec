import { strict as assert } from 'node:assert';
import { runScan } from '../../tasks/DrCheckV1/src/scan';
import { repo } from '../support/repo';

// Enterprise-Scale keys what it deploys on environment().name and environment().resourceManager.
const arm = JSON.stringify(
  {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    variables: {
      cloudEnv: '[environment().name]',
      logAccountsByCloudType: { AzureCloud: ['stlogsweu', 'stlogsneu'], AzureChinaCloud: ['stlogscne2'], AzureUSGovernment: ['stlogsusgva'] },
      logAccounts: "[variables('logAccountsByCloudType')[variables('cloudEnv')]]",
    },
    resources: [
      {
        type: 'Microsoft.Storage/storageAccounts',
        apiVersion: '2023-05-01',
        name: "[variables('logAccounts')[copyIndex()]]",
        location: 'westeurope',
        copy: { name: 'logAccountCopy', count: "[length(variables('logAccounts'))]" },
        sku: { name: "[if(equals(environment().resourceManager, 'https://management.azure.com/'), 'Standard_GZRS', 'Standard_LRS')]" },
        kind: 'StorageV2',
      },
    ],
  },
  null,
  2,
);
const bicep = `var publicCloud = environment().name == 'AzureCloud'

resource lake 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stlake\${environment().suffixes.storage == 'core.windows.net' ? 'pub' : 'gov'}'
  location: 'westeurope'
  sku: { name: publicCloud ? 'Standard_RAGZRS' : 'Standard_LRS' }
  kind: 'StorageV2'
}
`;

describe('configured cloud (cloud in .drcheck.yml): what environment() returns', () => {
  it("is the public cloud's documented environment by default, in ARM and Bicep", async () => {
    const dir = repo({ 'logs.json': arm, 'lake.bicep': bicep });
    const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null });
    assert.deepEqual(report.errors, []);
    assert.deepEqual(
      report.resources.map((r) => [r.name, r.redundancy]),
      [
        ['stlogsweu', 'geo'],
        ['stlogsneu', 'geo'],
        ['stlakepub', 'geo'],
      ],
    );
    assert.match(report.resources.find((r) => r.name === 'stlogsweu')!.reason, /Standard_GZRS/);
    assert.match(report.resources.find((r) => r.name === 'stlakepub')!.reason, /Standard_RAGZRS/);
  });

  it("is a sovereign cloud's name when configured, its endpoints unknown rather than the public cloud's", async () => {
    const dir = repo({ 'logs.json': arm, 'lake.bicep': bicep, '.drcheck.yml': 'cloud: AzureUSGovernment\n' });
    const { report } = await runScan({ paths: ['.'], cwd: dir });
    const logs = report.resources.filter((r) => r.file === 'logs.json');
    assert.deepEqual(logs.map((r) => [r.name, r.redundancy]), [['stlogsusgva', 'unknown']]);
    assert.match(logs[0].reason, /^sku\.name can be Standard_GZRS or Standard_LRS, not decided statically .*environment\(\)\.resourceManager is only known at deployment time/);
    const lake = report.resources.filter((r) => r.file === 'lake.bicep');
    assert.equal(lake.length, 1);
    assert.match(lake[0].reason, /Standard_LRS/, "environment().name is the configured cloud's");
  });

  it('rejects a cloud it does not know, naming the setting', async () => {
    const dir = repo({ 'logs.json': arm, '.drcheck.yml': 'cloud: AzureGermanCloud\n' });
    await assert.rejects(runScan({ paths: ['.'], cwd: dir }), /cloud must be one of AzureCloud, AzureUSGovernment, AzureChinaCloud/);
  });
});
