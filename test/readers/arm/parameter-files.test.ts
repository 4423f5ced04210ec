import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScan } from '../../../tasks/DrCheckV1/src/scan';
import type { PostureReport } from '../../../shared/report/types';
import { repo } from '../../support/repo';

const fixture = path.join(__dirname, 'fixtures', 'parameter-files');

/** The fixture copied to a temp folder, with a .drcheck.yml when given. */
function copy(config?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-params-'));
  fs.cpSync(fixture, dir, { recursive: true });
  if (config !== undefined) fs.writeFileSync(path.join(dir, '.drcheck.yml'), config);
  return dir;
}

const scan = async (cwd: string): Promise<PostureReport> => (await runScan({ paths: ['.'], cwd, configFile: null })).report;
const scanWithConfig = async (cwd: string): Promise<PostureReport> => (await runScan({ paths: ['.'], cwd })).report;
const warnings = (r: PostureReport) => r.errors.filter((e) => e.code === 'parameters-not-read').map((e) => [`${e.file}:${e.line}:${e.column}`, e.message]);

describe('ARM parameters files: metadata links and files no template reads', () => {
  it('judges a template with the parameters file whose metadata.template names it (relative to the file, or to the scanned folder)', async () => {
    const r = await scan(fixture);
    const storage = r.resources.find((x) => x.type === 'Microsoft.Storage/storageAccounts')!;
    // infra/params.dev.json comes first by path: its name, region and SKU.
    assert.deepEqual([storage.name, storage.location, storage.redundancy, storage.status], ['stcontosodev', 'westeurope', 'local', 'fail']);
    // `data/main.bicep`, written relative to the scanned folder as PSRule for Azure reads it: the Bicep entry takes its values.
    const namespace = r.resources.find((x) => x.file === 'data/main.bicep')!;
    assert.deepEqual([namespace.name, namespace.location, namespace.redundancy], ['dlz-prod-evhns', 'northeurope', 'zone']);
  });

  it('names every parameters file that was not read, where and why, and how to have it read', async () => {
    const r = await scan(fixture);
    assert.deepEqual(
      warnings(r).map(([at]) => at),
      ['broken/params.json:5:17', 'infra/params.prod.json:5:17', 'orphan/deploy.prod.json:1:1'],
    );
    const [missing, second, orphan] = warnings(r).map(([, m]) => m);
    assert.match(missing, /^metadata\.template names '\.\/keyvault\.json', which is not a file in the repository/);
    assert.match(second, /^a second parameters file for infra\/storage\.json, not read: the template is judged once, with the values of infra\/params\.dev\.json/);
    // The one template beside it is named as the likely one; its values were not used.
    assert.match(orphan, /no scanned template is read with.*map it to its template \(orphan\/eventhub\.json\?\) under `parameters` in \.drcheck\.yml, or set its `metadata\.template`/);
    assert.equal(r.resources.find((x) => x.file === 'orphan/eventhub.json')!.name, null);
  });

  it('lets the config choose which of several linked parameters files a template is judged with', async () => {
    const dir = copy('parameters:\n  - template: infra/storage.json\n    parameters: infra/params.prod.json\n');
    const r = await scanWithConfig(dir);
    const storage = r.resources.find((x) => x.type === 'Microsoft.Storage/storageAccounts')!;
    assert.deepEqual([storage.name, storage.redundancy, storage.redundancyDetail], ['stcontosoprod', 'geo', 'geo-replica']);
    const dev = warnings(r).find(([at]) => at.startsWith('infra/'));
    assert.deepEqual(dev, ['infra/params.dev.json:5:17', 'a second parameters file for infra/storage.json, not read: the template is judged once, with the values of infra/params.prod.json (map the one to judge under `parameters` in .drcheck.yml)']);
  });

  it('does not warn of a parameters file a template reads by its name', async () => {
    const dir = copy();
    fs.renameSync(path.join(dir, 'orphan', 'deploy.prod.json'), path.join(dir, 'orphan', 'eventhub.parameters.json'));
    const r = await scan(dir);
    assert.equal(r.resources.find((x) => x.file === 'orphan/eventhub.json')!.name, 'evhns-contoso-prod');
    assert.ok(!warnings(r).some(([at]) => at.startsWith('orphan/')), JSON.stringify(warnings(r)));
  });

  const template = (skuParam = 'skuName') =>
    JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { name: { type: 'string', defaultValue: 'stdefault' }, [skuParam]: { type: 'string', defaultValue: 'Standard_LRS' } },
      resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: "[parameters('name')]", location: 'westeurope', kind: 'StorageV2', sku: { name: `[parameters('${skuParam}')]` } }],
    }, null, 2);
  const params = (name: string, sku: string, link?: string) =>
    JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
      contentVersion: '1.0.0.0',
      ...(link ? { metadata: { template: link } } : {}),
      parameters: { name: { value: name }, skuName: { value: sku } },
    }, null, 2);
  const storage = (r: PostureReport) => r.resources.filter((x) => x.type === 'Microsoft.Storage/storageAccounts').map((x) => [x.file, x.name, x.redundancy]);

  it('keeps the parameters file named after the template over any linked by metadata (a template that worked before reads as before)', async () => {
    const dir = repo({
      'storage.json': template(),
      'storage.parameters.json': params('stmain', 'Standard_GRS'),
      'tests/storage.tests.json': params('sttest', 'Standard_LRS', '../storage.json'),
    });
    const r = await scan(dir);
    assert.deepEqual(storage(r), [['storage.json', 'stmain', 'geo']]);
    assert.deepEqual(warnings(r).map(([at, m]) => [at, m.replace(/ \(map.*$/, '')]), [
      ['tests/storage.tests.json:5:17', 'a second parameters file for storage.json, not read: the template is judged once, with the values of storage.parameters.json'],
    ]);
  });

  it('reads a link written with Windows separators, and a link relative to the scanned folder when a pipeline scans a subfolder', async () => {
    const dir = repo({
      'infra/storage.json': template(),
      'infra/params/prod.json': params('stprod', 'Standard_GRS', 'storage.json'),
      'other/st.json': template(),
      // `Metadata` / `Template`: ARM reads property names in any case.
      'other/prod.json': params('stwin', 'Standard_GZRS', '.\\st.json').replace('"metadata"', '"Metadata"').replace('"template"', '"Template"'),
    });
    const r = (await runScan({ paths: ['infra', 'other'], cwd: dir, configFile: null })).report;
    assert.deepEqual(storage(r), [['infra/storage.json', 'stprod', 'geo'], ['other/st.json', 'stwin', 'geo']]);
    assert.deepEqual(warnings(r), []);
  });

  it('does not warn of a parameters file Terraform or Bicep reads itself (file(), loadJsonContent())', async () => {
    const dir = repo({
      'tf/main.tf': [
        'resource "azurerm_resource_group_template_deployment" "st" {',
        '  name                = "st"',
        '  resource_group_name = "rg-data"',
        '  deployment_mode     = "Incremental"',
        '  template_content    = file("${path.module}/arm/storage.json")',
        '  parameters_content  = jsonencode(jsondecode(file("${path.module}/arm/prod.parameters.json")).parameters)',
        '}',
      ].join('\n'),
      'tf/arm/storage.json': template('sku'),
      'tf/arm/prod.parameters.json': params('sttf', 'Standard_GRS').replace('"skuName"', '"sku"'),
      'bicep/main.bicep': "var p = loadJsonContent('prod.json')\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: p.parameters.name.value\n  location: 'westeurope'\n  kind: 'StorageV2'\n  sku: { name: p.parameters.skuName.value }\n}\n",
      'bicep/prod.json': params('stload', 'Standard_GRS'),
    });
    const r = await scan(dir);
    assert.deepEqual(storage(r).map(([, name, red]) => [name, red]).sort(), [['stload', 'geo'], ['sttf', 'geo']]);
    assert.deepEqual(warnings(r), []);
  });

  it('says a linked template that is only a module is not read on its own, without naming the file as its own rival', async () => {
    const dir = repo({
      'main.bicep': "module st 'mod.bicep' = {\n  name: 'st'\n  params: { name: 'stmod' }\n}\n",
      'mod.bicep': "param name string\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: name\n  location: 'westeurope'\n  kind: 'StorageV2'\n  sku: { name: 'Standard_GRS' }\n}\n",
      'mod.params.json': params('stother', 'Standard_LRS', './mod.bicep'),
    });
    const r = await scan(dir);
    assert.deepEqual(storage(r), [['mod.bicep', 'stmod', 'geo']]);
    const [[at, message]] = warnings(r);
    assert.equal(at, 'mod.params.json:5:17');
    assert.match(message, /^mod\.bicep, which metadata\.template names, is not read as a deployment of its own/);
  });
});
