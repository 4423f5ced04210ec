import { strict as assert } from 'node:assert';
import { runScan } from '../../tasks/DrCheckV1/src/scan';
import { validateReport } from '../../shared/report/validate';
import { repo } from '../support/repo';

describe('Resources deployed from several entries', () => {
  it('keeps a module\'s resources apart when several roots call it (a module repository\'s examples): each id names its root', async () => {
    // The layout of Azure Verified Modules: the module at the top, each example a root calling it with `source = "../.."`.
    const example = (replication: string) => `module "this" {\n  source                   = "../.."\n  account_replication_type = "${replication}"\n}\n`;
    const dir = repo({
      'main.tf': 'variable "account_replication_type" {\n  type = string\n}\nresource "azurerm_storage_account" "this" {\n  name                     = "st${random_string.suffix.result}"\n  account_tier             = "Standard"\n  account_replication_type = var.account_replication_type\n}\nresource "random_string" "suffix" {\n  length = 6\n}\n',
      'examples/default/main.tf': example('ZRS'),
      'examples/geo/main.tf': example('GRS'),
    });
    const report = (await runScan({ paths: ['.'], cwd: dir, configFile: null })).report;
    const accounts = report.resources.filter((r) => r.type === 'Microsoft.Storage/storageAccounts');
    assert.deepEqual(
      accounts.map((r) => [r.id, r.redundancy]),
      [
        ['-/microsoft.storage/storageaccounts/@module.this.azurerm_storage_account.this#examples/default:main.tf:4', 'zone'],
        ['-/microsoft.storage/storageaccounts/@module.this.azurerm_storage_account.this#examples/geo:main.tf:4', 'geo'],
      ],
    );
    assert.equal(new Set(report.resources.map((r) => r.id)).size, report.resources.length, 'every id is unique');
    assert.deepEqual(validateReport(report), []);
  });

  it('keeps a linked template\'s resources apart when two templates link it: each id names the template it is deployed from', async () => {
    const schema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
    const linking = (sku: string) =>
      JSON.stringify(
        {
          $schema: schema,
          contentVersion: '1.0.0.0',
          resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'lake', properties: { mode: 'Incremental', templateLink: { relativePath: '../shared/lake.json' }, parameters: { sku: { value: sku } } } }],
        },
        null,
        2,
      );
    const lake = {
      $schema: schema,
      contentVersion: '1.0.0.0',
      parameters: { sku: { type: 'string' } },
      resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stlake', location: 'westeurope', sku: { name: "[parameters('sku')]" }, kind: 'StorageV2' }],
    };
    const dir = repo({ 'dev/main.json': linking('Standard_LRS'), 'prod/main.json': linking('Standard_GRS'), 'shared/lake.json': JSON.stringify(lake, null, 2) });
    const report = (await runScan({ paths: ['dev', 'prod'], cwd: dir, configFile: null })).report;
    assert.deepEqual(
      report.resources.map((r) => [r.id, r.file, r.redundancy]),
      [
        ['-/microsoft.storage/storageaccounts/stlake#dev/main.json:shared/lake.json:10', 'shared/lake.json', 'local'],
        ['-/microsoft.storage/storageaccounts/stlake#prod/main.json:shared/lake.json:10', 'shared/lake.json', 'geo'],
      ],
    );
    assert.deepEqual(validateReport(report), []);
  });

  it('keeps a linked template\'s resources apart when one template links it twice: each id names the deployment', async () => {
    // Enterprise-Scale assigns one policy template to two management groups, each by its own deployment.
    const schema = 'https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#';
    const assign = (name: string, mg: string) => ({
      type: 'Microsoft.Resources/deployments',
      apiVersion: '2020-10-01',
      name,
      scope: `[concat('Microsoft.Management/managementGroups/', '${mg}')]`,
      location: '[deployment().location]',
      properties: { mode: 'Incremental', templateLink: { uri: "[uri(deployment().properties.templateLink.uri, 'policyAssignments/DENY-PublicIp.json')]" } },
    });
    const policy = {
      $schema: schema,
      contentVersion: '1.0.0.0',
      resources: [{ type: 'Microsoft.Authorization/policyAssignments', apiVersion: '2022-06-01', name: 'Deny-Public-IP', properties: { policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/6c112d4e-5bc7-47ae-a041-ea2d9dccd749' } }],
    };
    const dir = repo({
      'eslzArm.json': JSON.stringify({ $schema: schema, contentVersion: '1.0.0.0', resources: [assign('corp', 'contoso-corp'), assign('online', 'contoso-online')] }, null, 2),
      'policyAssignments/DENY-PublicIp.json': JSON.stringify(policy, null, 2),
    });
    const report = (await runScan({ paths: ['.'], cwd: dir, configFile: null })).report;
    assert.deepEqual(
      report.resources.map((r) => [r.id, (r.via ?? []).map((v) => `${v.file}:${v.line}`)]),
      [
        ['-/microsoft.authorization/policyassignments/deny-public-ip#policyAssignments/DENY-PublicIp.json:5@Deny-Public-IP~via:eslzArm.json:5', ['eslzArm.json:5']],
        ['-/microsoft.authorization/policyassignments/deny-public-ip#policyAssignments/DENY-PublicIp.json:5@Deny-Public-IP~via:eslzArm.json:18', ['eslzArm.json:18']],
      ],
    );
    assert.deepEqual(validateReport(report), []);
  });

  it('keeps children apart that are named alike under different parents of one loop (a private endpoint\'s `default` DNS zone group)', async () => {
    const dir = repo({
      'main.tf': [
        'variable "services" {\n  default = ["blob", "file"]\n}',
        'resource "azapi_resource" "private_endpoint" {\n  for_each  = toset(var.services)\n  type      = "Microsoft.Network/privateEndpoints@2023-11-01"\n  name      = "pe-${each.value}"\n  parent_id = "/subscriptions/s/resourceGroups/rg"\n  location  = "westeurope"\n}',
        'resource "azapi_resource" "zone_group" {\n  for_each  = toset(var.services)\n  type      = "Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2023-11-01"\n  name      = "default"\n  parent_id = azapi_resource.private_endpoint[each.value].id\n}',
      ].join('\n'),
    });
    const report = (await runScan({ paths: ['.'], cwd: dir, configFile: null })).report;
    const groups = report.resources.filter((r) => r.type === 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups');
    assert.deepEqual(
      groups.map((r) => r.id),
      [
        '-/microsoft.network/privateendpoints/privatednszonegroups/default#main.tf:11@azapi_resource.zone_group["blob"]',
        '-/microsoft.network/privateendpoints/privatednszonegroups/default#main.tf:11@azapi_resource.zone_group["file"]',
      ],
    );
    assert.equal(new Set(report.resources.map((r) => r.id)).size, report.resources.length, 'every id is unique');
  });

  it('keeps a Bicep module\'s resources apart when two files deploy it: each id names the file it is deployed from', async () => {
    const main = (sku: string) => `module lake '../modules/lake.bicep' = {\n  name: 'lake'\n  params: {\n    sku: '${sku}'\n  }\n}\n`;
    const dir = repo({
      'dev/main.bicep': main('Standard_LRS'),
      'prod/main.bicep': main('Standard_GRS'),
      'modules/lake.bicep': "param sku string\nresource lake 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stlake'\n  location: 'westeurope'\n  sku: {\n    name: sku\n  }\n  kind: 'StorageV2'\n}\n",
    });
    const report = (await runScan({ paths: ['dev', 'prod'], cwd: dir, configFile: null })).report;
    assert.deepEqual(
      report.resources.map((r) => [r.id, r.redundancy]),
      [
        ['-/microsoft.storage/storageaccounts/stlake#dev/main.bicep:modules/lake.bicep:2', 'local'],
        ['-/microsoft.storage/storageaccounts/stlake#prod/main.bicep:modules/lake.bicep:2', 'geo'],
      ],
    );
  });
  it('keeps a module\'s resources apart when a root calls it from inside another root\'s folder (both roots hold the file)', async () => {
    const account = 'resource "azurerm_storage_account" "this" {\n  name                     = "stdb"\n  account_tier             = "Standard"\n  account_replication_type = "LRS"\n}\n';
    const dir = repo({
      'main.tf': 'module "db" {\n  source = "./app/modules/db"\n}\n',
      'app/main.tf': 'module "db" {\n  source = "./modules/db"\n}\n',
      'app/modules/db/main.tf': account,
    });
    const report = (await runScan({ paths: ['.'], cwd: dir, configFile: null })).report;
    assert.equal(report.resources.length, 2);
    assert.equal(new Set(report.resources.map((r) => r.id)).size, report.resources.length, 'every id is unique');
  });

  it('names no entry when the file and line already tell two resources apart (the ids they had before entries)', async () => {
    const account = (name: string) => `resource "azurerm_storage_account" "this" {\n  name                     = "${name}"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n}\n`;
    const dir = repo({
      'envs/dev/main.tf': 'module "st" {\n  source = "../../modules/st"\n}\n',
      'modules/st/main.tf': account('stapp'),
      'envs/prod/main.tf': account('stapp'),
    });
    const report = (await runScan({ paths: ['.'], cwd: dir, configFile: null })).report;
    assert.deepEqual(report.resources.map((r) => r.id).sort(), ['-/microsoft.storage/storageaccounts/stapp#envs/prod/main.tf:1', '-/microsoft.storage/storageaccounts/stapp#modules/st/main.tf:1']);
  });

  it('keeps the resources of each instance of a looped nested deployment apart', async () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources: [
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2022-09-01',
          name: "[format('region-{0}', copyIndex())]",
          copy: { name: 'regions', count: 2 },
          resourceGroup: "[format('rg-{0}', copyIndex())]",
          properties: {
            mode: 'Incremental',
            expressionEvaluationOptions: { scope: 'inner' },
            template: {
              $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
              contentVersion: '1.0.0.0',
              resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stshared', location: 'westeurope', sku: { name: 'Standard_GRS' }, kind: 'StorageV2' }],
            },
          },
        },
      ],
    };
    const dir = repo({ 'main.json': JSON.stringify(template, null, 2) });
    const report = (await runScan({ paths: ['.'], cwd: dir, configFile: null })).report;
    assert.deepEqual(
      report.resources.map((r) => [r.address, r.id]),
      [
        ["[format('region-{0}', copyIndex())][0]/stshared", "-/microsoft.storage/storageaccounts/stshared#main.json:23@[format('region-{0}', copyIndex())][0]/stshared"],
        ["[format('region-{0}', copyIndex())][1]/stshared", "-/microsoft.storage/storageaccounts/stshared#main.json:23@[format('region-{0}', copyIndex())][1]/stshared"],
      ],
    );
  });
});
