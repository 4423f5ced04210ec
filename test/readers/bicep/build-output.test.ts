import { strict as assert } from 'node:assert';
import { runScan } from '../../../tasks/DrCheckV1/src/scan';
import { repo } from '../../support/repo';

const bicep = `resource lake 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stlakeprd'
  location: 'westeurope'
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
}
`;

/** What `bicep build lake.bicep` writes beside it (shape of the Bicep CLI's output). */
const built = (generator: string) =>
  JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      metadata: { _generator: { name: generator, version: '0.30.23.60470', templateHash: '12345678901234567890' } },
      resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stlakeprd', location: 'westeurope', sku: { name: 'Standard_LRS' }, kind: 'StorageV2' }],
    },
    null,
    2,
  );

describe('Bicep build output committed beside its source', () => {
  it('reads lake.bicep and not the lake.json the Bicep CLI built from it, so the account is counted once', async () => {
    const dir = repo({ 'infra/lake.bicep': bicep, 'infra/lake.json': built('bicep') });
    const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null });
    assert.deepEqual(report.resources.map((r) => [r.file, r.name]), [['infra/lake.bicep', 'stlakeprd']]);
    assert.deepEqual(report.errors, []);
  });

  it('still reads a JSON template with no .bicep beside it, or one another tool generated', async () => {
    const dir = repo({ 'infra/lake.json': built('bicep'), 'other/lake.bicep': bicep, 'other/lake.json': built('my-generator') });
    const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null });
    assert.deepEqual(report.resources.map((r) => r.file).sort(), ['infra/lake.json', 'other/lake.bicep', 'other/lake.json']);
  });
});
