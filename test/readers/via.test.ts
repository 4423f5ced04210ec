/**
 * A module's resources are written in the module's file, but a pull request usually changes the call (its params):
 * every reader says which calls deploy a resource (`via`, outermost first), and the reports show them.
 */
import { strict as assert } from 'node:assert';
import { runScan } from '../../tasks/DrCheckV1/src/scan';
import { publishSarif } from '../../tasks/DrCheckV1/src/publishers/sarif';
import { publishMarkdown } from '../../tasks/DrCheckV1/src/publishers/markdown';
import { validateReport } from '../../shared/report/validate';
import type { PostureReport } from '../../shared/report/types';
import { repo } from '../support/repo';

const scan = async (dir: string): Promise<PostureReport> => (await runScan({ paths: ['.'], cwd: dir, configFile: null })).report;
const viaOf = (r: PostureReport, address: string) => r.resources.find((x) => x.address === address)?.via;

const storageBicep = (param: string) =>
  `param ${param} string\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stlake\${uniqueString('${param}')}'\n  location: 'westeurope'\n  kind: 'StorageV2'\n  sku: { name: ${param} }\n}\n`;

describe('the module calls that deploy a resource (via)', () => {
  it('Bicep: one entry per module call, outermost first; a resource of the entry file has none', async () => {
    const dir = repo({
      'main.bicep': "module data 'modules/data.bicep' = {\n  name: 'data'\n  params: { sku: 'Standard_LRS' }\n}\nresource top 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'sttop'\n  location: 'westeurope'\n  kind: 'StorageV2'\n  sku: { name: 'Standard_GRS' }\n}\n",
      'modules/data.bicep': "param sku string\n\nmodule lake 'storage.bicep' = [for i in range(0, 2): {\n  name: 'lake${i}'\n  params: { sku: sku }\n}]\n",
      'modules/storage.bicep': storageBicep('sku'),
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(validateReport(r), []);
    const chain = [{ file: 'main.bicep', line: 1 }, { file: 'modules/data.bicep', line: 3 }];
    assert.deepEqual(viaOf(r, 'data.lake[0].st'), chain);
    assert.deepEqual(viaOf(r, 'data.lake[1].st'), chain);
    assert.equal(viaOf(r, 'top'), undefined);
    const lake = r.resources.find((x) => x.address === 'data.lake[0].st')!;
    assert.deepEqual([lake.file, lake.line], ['modules/storage.bicep', 2]);

    // The build summary names the calls; SARIF gives them as related locations (where an annotation can point).
    assert.match(publishMarkdown(r), /`modules\/storage\.bicep`:2 via `main\.bicep`:1 → `modules\/data\.bicep`:3|modules\/storage\.bicep:2 via main\.bicep:1 → modules\/data\.bicep:3/);
    const sarif = JSON.parse(publishSarif(r)) as { runs: Array<{ results: Array<{ locations: unknown[]; relatedLocations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const related = sarif.runs[0].results.find((x) => x.relatedLocations)!.relatedLocations!;
    assert.deepEqual(related.map((l) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine]), [['main.bicep', 1], ['modules/data.bicep', 3]]);
  });

  it('Terraform: the module blocks, outermost first, for resources and the parts read from them', async () => {
    const dir = repo({
      'main.tf': 'module "data" {\n  source = "./modules/data"\n}\n',
      'modules/data/main.tf': 'module "lake" {\n  source = "../storage"\n  repl   = "LRS"\n}\n',
      'modules/storage/main.tf': 'variable "repl" {}\n\nresource "azurerm_storage_account" "this" {\n  name                     = "sttflake"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = var.repl\n}\n',
    });
    const r = await scan(dir);
    assert.deepEqual(viaOf(r, 'module.data.module.lake.azurerm_storage_account.this'), [{ file: 'main.tf', line: 1 }, { file: 'modules/data/main.tf', line: 1 }]);
  });

  it('ARM: a linked template\'s resources name the deployment that links it', async () => {
    const template = (resources: unknown[]) => JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources }, null, 2);
    const dir = repo({
      'azuredeploy.json': template([
        { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'lake', properties: { mode: 'Incremental', templateLink: { relativePath: 'nested/storage.json' } } },
      ]),
      'nested/storage.json': template([{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'starmlake', location: 'westeurope', kind: 'StorageV2', sku: { name: 'Standard_LRS' } }]),
    });
    const r = await scan(dir);
    const st = r.resources.find((x) => x.name === 'starmlake')!;
    assert.equal(st.file, 'nested/storage.json');
    assert.deepEqual(st.via, [{ file: 'azuredeploy.json', line: 5 }]); // the deployment's own line
  });
});
