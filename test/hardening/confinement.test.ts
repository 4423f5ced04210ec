/**
 * A template in a pull request must not make drcheck read files elsewhere on the build agent (another
 * pipeline's workspace, the agent's tools) and echo their resource names in its reports and PR comments.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { runScan } from '../../tasks/DrCheckV1/src/scan';
import { repo } from '../support/repo';

/** A folder beside the scanned repository, holding IaC in each language with a resource named `stoutside`. */
function outside(): string {
  return repo({
    'main.tf': 'resource "azurerm_storage_account" "secret" {\n  name                     = "stoutside"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "LRS"\n}\n',
    'secret.bicep': "resource secret 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stoutside'\n  location: 'westeurope'\n  sku: { name: 'Standard_LRS' }\n  kind: 'StorageV2'\n}\n",
    'secret.json': JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stoutside', location: 'westeurope', sku: { name: 'Standard_LRS' }, kind: 'StorageV2' }] }),
  }, 'drcheck-outside-');
}

describe('files outside the repository are never read through a scanned file', () => {
  it('a Terraform module, a Bicep module and an ARM linked template pointing outside are not followed, with an error naming the file', async () => {
    const away = outside();
    const up = `../${path.basename(away)}`;
    const dir = repo({
      'main.tf': `module "leak" {\n  source = "${up}"\n}\n`,
      'main.bicep': `module leak '${up}/secret.bicep' = {\n  name: 'leak'\n}\n`,
      'main.json': JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'leak', properties: { mode: 'Incremental', templateLink: { relativePath: `${up}/secret.json` } } }],
      }),
    });
    const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null });
    assert.equal(report.resources.find((r) => r.name === 'stoutside'), undefined, 'nothing from outside the repository is judged or named');
    const refused = report.errors.filter((e) => /outside the scanned folder, its Git repository/.test(e.message));
    assert.ok(refused.length >= 3, JSON.stringify(report.errors, null, 2));
    assert.ok(refused.every((e) => e.severity === 'error' && e.line >= 1));
  });

  it("Terraform's file() does not read a template outside the repository: the deployment is not followed, and says why", async () => {
    const away = outside();
    const dir = repo({
      'main.tf': `resource "azurerm_resource_group_template_deployment" "leak" {\n  name                = "leak"\n  resource_group_name = "rg"\n  deployment_mode     = "Incremental"\n  template_content    = file("../${path.basename(away)}/secret.json")\n}\n`,
    });
    const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null });
    assert.equal(report.resources.find((r) => r.name === 'stoutside'), undefined, 'nothing from outside the repository is judged or named');
    assert.equal(report.errors.length, 1);
    assert.match(report.errors[0].message, /^azurerm_resource_group_template_deployment\.leak: the template cannot be decided statically \(file\(".*secret\.json"\) is not read: the file is outside the scanned folder, its Git repository/);
  });

  it('a module elsewhere in the same Git repository is still followed', async () => {
    const dir = repo({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'modules/lake/main.tf': 'resource "azurerm_storage_account" "this" {\n  name                     = "stlakeprd"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n}\n',
      'live/main.tf': 'module "lake" {\n  source = "../modules/lake"\n}\n',
    });
    const { report } = await runScan({ paths: ['.'], cwd: path.join(dir, 'live'), configFile: null });
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.resources.map((r) => r.name), ['stlakeprd']);
  });
});
