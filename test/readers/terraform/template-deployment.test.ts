/**
 * ARM templates deployed from Terraform (azurerm_resource_group_template_deployment and the 3.x
 * azurerm_template_deployment): the template's resources are read with the values the deployment passes and judged
 * at the Terraform declaration, as the CAF modules deploy SQL Managed Instances.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { byAddress, repo, scan } from './helpers';
import { evaluateHcl, type Budget } from '../../../tasks/DrCheckV1/src/readers/terraform/expressions';
import { isUnknown, Unknown, type Value } from '../../../shared/model/value';

const fixture = path.join(__dirname, 'fixtures', 'template-deployment');
const rendered = path.join(__dirname, 'fixtures', 'templatefile');
const MI_PREFIX = 'azurerm_resource_group_template_deployment.mssqlmi.';

describe('Terraform ARM template deployments', () => {
  it("judges a template read with file() on the parameters jsonencode() passes, at the deployment's declaration, and not again on its defaults", async () => {
    const report = await scan(fixture);
    const mis = report.resources.filter((r) => r.type === 'Microsoft.Sql/managedInstances');
    // One instance per module call: the template file is not also an instance deployed with its defaults (GRS, geo).
    assert.deepEqual(
      mis.map((r) => [r.address.split(MI_PREFIX)[0], r.name, r.redundancy, r.status, r.file, r.line]),
      [
        ['module.sqlmi_lrs.', 'sqlmi-erp-weu', 'local', 'fail', 'modules/sql_mi/main.tf', 33],
        ['module.sqlmi_zone.', 'sqlmi-crm-weu', 'zone', 'fail', 'modules/sql_mi/main.tf', 33],
      ],
    );
    // The subnet id is only known at apply; the values the judgement needs are known all the same.
    assert.match(mis[0].reason, /^backup storage is Local: backups stay in the region/);
    assert.equal(report.resources.filter((r) => r.file.endsWith('.json')).length, 0);
  });

  it('reads an inline template (a heredoc), linking its flat children to their parent by name', async () => {
    const report = await scan(fixture);
    const vault = report.resources.find((r) => r.type === 'Microsoft.RecoveryServices/vaults')!;
    assert.deepEqual([vault.name, vault.redundancy, vault.file, vault.line], ['rsv-data-weu', 'local', 'main.tf', 53]);
    assert.equal(vault.reason, 'backupstorageconfig properties.storageModelType is LocallyRedundant: backups stay in one datacenter');
  });

  it('says why a template is not read (a template spec stored in Azure, a file that is not there) and keeps the deployment', async () => {
    const report = await scan(fixture);
    assert.deepEqual(
      report.errors.map((e) => [e.file, e.line, e.code, e.message]),
      [['main.tf', 94, 'module-not-followed', 'azurerm_resource_group_template_deployment.network: it deploys a template spec, stored in Azure; the resources the template deploys are not read']],
    );
    assert.equal(byAddress(report, 'azurerm_resource_group_template_deployment.network').type, 'Microsoft.Resources/deployments');

    const dir = repo({
      'main.tf': 'resource "azurerm_resource_group_template_deployment" "gone" {\n  name                = "gone"\n  resource_group_name = "rg-app"\n  deployment_mode     = "Incremental"\n  template_content    = file("${path.module}/templates/missing.json")\n}\n',
    });
    const missing = await scan(dir);
    assert.equal(missing.errors.length, 1);
    assert.match(missing.errors[0].message, /^azurerm_resource_group_template_deployment\.gone: the template cannot be decided statically \(file\("\.\/templates\/missing\.json"\) is not read: .*ENOENT.*\); the resources the template deploys are not read$/);
  });

  it("keeps the template's other deployments: linked from an ARM template with its values, or with a parameters file of its own", async () => {
    const template = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { name: { type: 'string', defaultValue: 'stdefault01' }, sku: { type: 'string', defaultValue: 'Standard_LRS' } },
      resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: "[parameters('name')]", location: 'westeurope', sku: { name: "[parameters('sku')]" }, kind: 'StorageV2' }],
    });
    const tf = (rel: string) =>
      `resource "azurerm_resource_group_template_deployment" "sa" {\n  name                = "sa"\n  resource_group_name = "rg-data"\n  deployment_mode     = "Incremental"\n  template_content    = file("${rel}")\n  parameters_content  = jsonencode({ name = { value = "sttf01" }, sku = { value = "Standard_GRS" } })\n}\n`;
    const linked = repo({
      'arm/sa.json': template,
      'arm/main.json': JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'sa', properties: { mode: 'Incremental', templateLink: { relativePath: 'sa.json' }, parameters: { name: { value: 'starm01' }, sku: { value: 'Standard_LRS' } } } }],
      }),
      'tf/main.tf': tf('../arm/sa.json'),
    });
    const names = (r: Awaited<ReturnType<typeof scan>>) => r.resources.map((x) => [x.name, x.redundancy, x.file]).sort();
    assert.deepEqual(names(await scan(linked)), [['starm01', 'local', 'arm/sa.json'], ['sttf01', 'geo', 'tf/main.tf']]);
    const ownParameters = repo({
      'sa.json': template,
      'sa.parameters.json': JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { name: { value: 'stpipeline01' } } }),
      'tf/main.tf': tf('../sa.json'),
    });
    assert.deepEqual(names(await scan(ownParameters)), [['stpipeline01', 'local', 'sa.json'], ['sttf01', 'geo', 'tf/main.tf']]);
  });

  it('reads the azurerm 3.x azurerm_template_deployment: template_body, and parameters as a map of strings', async () => {
    const template = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { accountName: { type: 'string' }, replication: { type: 'string', defaultValue: 'Standard_GRS' } },
      resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: "[parameters('accountName')]", location: 'westeurope', sku: { name: "[parameters('replication')]" }, kind: 'StorageV2', properties: { isHnsEnabled: true } }],
    }, null, 2);
    const dir = repo({
      'main.tf': `resource "azurerm_template_deployment" "lake" {\n  name                = "lake"\n  resource_group_name = "rg-lake"\n  deployment_mode     = "Incremental"\n  parameters = {\n    accountName = "stlakeweu01"\n    replication = "Standard_LRS"\n  }\n  template_body = <<DEPLOY\n${template}\nDEPLOY\n}\n`,
    });
    const report = await scan(dir);
    assert.deepEqual(report.errors, []);
    const lake = report.resources.find((r) => r.type === 'Microsoft.Storage/storageAccounts')!;
    assert.deepEqual([lake.name, lake.redundancy, lake.status, lake.address], ['stlakeweu01', 'local', 'fail', "azurerm_template_deployment.lake.[parameters('accountName')]"]);
  });

  describe('a template rendered with templatefile()', () => {
    const accounts = async () => (await scan(rendered)).resources.filter((r) => r.type === 'Microsoft.Storage/storageAccounts');

    it('judges the storage account on the replication interpolated into the template, at the deployment', async () => {
      assert.deepEqual(
        (await accounts()).map((r) => [r.address.split('.[')[0], r.name, r.redundancy, r.status, r.file, r.line]),
        [
          ['azurerm_resource_group_template_deployment.raw', 'stlakerawweu01', 'local', 'fail', 'main.tf', 36],
          ['azurerm_resource_group_template_deployment.archive', 'stlakearchweu01', 'geo', 'pass', 'main.tf', 49],
          ['azurerm_resource_group_template_deployment.curated', 'stlakecurweu01', 'unknown', 'unknown', 'main.tf', 62],
        ],
      );
      const report = await scan(rendered);
      // The %{for} directive wrote one container resource per name.
      const containers = report.resources.filter((r) => r.type.endsWith('/containers')).map((r) => r.name);
      assert.deepEqual(containers, ['stlakerawweu01/default/landing', 'stlakerawweu01/default/raw', 'stlakecurweu01/default/curated']);
    });

    it('reads a template an unknown variable is interpolated into, the account it deploys unknown for that variable', async () => {
      const curated = (await accounts()).find((r) => r.name === 'stlakecurweu01')!;
      assert.equal(curated.reason, "sku.name cannot be decided statically: var.curated_replication (variable 'curated_replication' has no default and no value in a tfvars file or module input)");
    });

    it('keeps a template unknown as a whole where a value only known at apply is written outside a JSON string', async () => {
      const dir = repo({
        'templates/storage.json': fs.readFileSync(path.join(rendered, 'templates', 'storage.json'), 'utf8'),
        'main.tf': 'variable "hns" { type = bool }\nresource "azurerm_resource_group_template_deployment" "lake" {\n  name                = "lake"\n  resource_group_name = "rg-lake"\n  deployment_mode     = "Incremental"\n  template_content    = templatefile("${path.module}/templates/storage.json", { sku = "Standard_GRS", location = "westeurope", hns = var.hns, containers = [] })\n}\n',
      });
      const report = await scan(dir);
      assert.deepEqual(report.resources.map((r) => r.type), ['Microsoft.Resources/deployments']);
      assert.deepEqual(report.errors.map((e) => [e.file, e.code]), [['main.tf', 'module-not-followed'], ['templates/storage.json', 'parse-error']]);
      assert.match(report.errors[0].message, /^azurerm_resource_group_template_deployment\.lake: the template cannot be decided statically \(templatefile\(.*\(variable 'hns' has no default/);
    });

    it('does not report the template file again on its own, nor its text, which is only JSON once rendered, as a parse error', async () => {
      const report = await scan(rendered);
      assert.deepEqual(report.resources.filter((r) => r.file.endsWith('.json')), []);
      assert.deepEqual(report.errors.filter((e) => e.file.endsWith('.json')), []);
    });

    it('keeps the parse error of a template file an ARM template also links as it is written (that deployment fails on it)', async () => {
      const text = fs.readFileSync(path.join(rendered, 'templates', 'storage.json'), 'utf8');
      const main = {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'lake', properties: { mode: 'Incremental', templateLink: { relativePath: '../templates/storage.json' } } }],
      };
      const dir = repo({
        'templates/storage.json': text,
        'arm/main.json': JSON.stringify(main, null, 2),
        'main.tf': 'resource "azurerm_resource_group_template_deployment" "lake" {\n  name                = "lake"\n  resource_group_name = "rg-lake"\n  deployment_mode     = "Incremental"\n  template_content    = templatefile("${path.module}/templates/storage.json", { sku = "Standard_GRS", location = "westeurope", hns = true, containers = [] })\n}\n',
      });
      const report = await scan(dir);
      assert.ok(report.errors.some((e) => e.file === 'templates/storage.json' && e.code === 'parse-error'), JSON.stringify(report.errors));
    });

    it('says which template file is not there, and keeps the deployment', async () => {
      const report = await scan(rendered);
      assert.deepEqual(
        report.errors.map((e) => [e.file, e.line, e.severity, e.code, e.message]),
        [['main.tf', 75, 'warning', 'module-not-followed', 'azurerm_resource_group_template_deployment.sandbox: the template cannot be decided statically (templatefile("./templates/sandbox.json") is not read: cannot read file: ENOENT); the resources the template deploys are not read']],
      );
      assert.equal(byAddress(report, 'azurerm_resource_group_template_deployment.sandbox').type, 'Microsoft.Resources/deployments');
    });
  });
});

describe('Terraform templatefile()', () => {
  const files: Record<string, string> = {
    'escapes.tftpl': '$${literal} %%{ if } ${upper(name)}%{ if zones != [] } zones ${join(",", zones)}%{ endif }\n%{ for i, z in zones ~}\n[${i}:${z}]\n%{~ endfor }',
    'whole.tftpl': '${zones}',
    'globals.tftpl': '${var.sku} ${path.module}',
    'untaken.tftpl': '%{ if false }${sku}%{ endif }',
    'recursive.tftpl': '${templatefile("whole.tftpl", { zones = [] })}',
    'strip-directive.tftpl': 'a\n  %{~ if true ~}\n  x\n  %{~ endif ~}\n  b',
    'strip-interpolation.tftpl': 'a\n  ${~ "x" ~}\n  b',
    'large.tftpl': '%{ for i in range(5000) }${i}%{ endfor }',
  };
  const readFile = (p: string, render?: (text: string) => Value): Value => (p in files ? (render ? render(files[p]) : files[p]) : new Unknown(`templatefile("${p}") is not read: cannot read file: ENOENT`));
  const evaluate = (expression: string, budget?: Budget) => evaluateHcl(`\${${expression}}`, { lookup: () => undefined as unknown as Value, readFile, ...(budget ? { budget } : {}) });

  it('renders a file as a string template: interpolations, directives, strip markers and escapes; a lone interpolation keeps its type', () => {
    assert.equal(evaluate('templatefile("escapes.tftpl", { name = "lake", zones = [1, 2] })'), '${literal} %{ if } LAKE zones 1,2\n[0:1][1:2]');
    assert.deepEqual(evaluate('templatefile("whole.tftpl", { zones = ["1", "2"] })'), ['1', '2']);
  });

  it('strips, beside a `~`, the whitespace of that line only: a file is read line by line, as Terraform reads it', () => {
    assert.equal(evaluate('templatefile("strip-directive.tftpl", {})'), 'a\n  x\n  b');
    assert.equal(evaluate('templatefile("strip-interpolation.tftpl", {})'), 'a\nx  b');
  });

  it('has only the keys of vars as variables, and is an error for any other name, in a branch not taken too, as in Terraform', () => {
    for (const [expression, key] of [['templatefile("globals.tftpl", { sku = "LRS" })', 'var'], ['templatefile("untaken.tftpl", {})', 'sku']]) {
      const v = evaluate(expression);
      assert.ok(isUnknown(v));
      assert.match(v.reason, new RegExp(`^cannot evaluate: templatefile\\(".*"\\): vars map does not contain key "${key}"$`));
    }
    assert.equal(evaluate('try(templatefile("untaken.tftpl", {}), "fallback")'), 'fallback');
  });

  it('is an error when called from a template, and unknown for a file not read or a value only known at apply', () => {
    const recursive = evaluate('templatefile("recursive.tftpl", {})');
    assert.ok(isUnknown(recursive));
    assert.match(recursive.reason, /cannot recursively call templatefile from inside templatefile call/);
    const missing = evaluate('templatefile("missing.tftpl", {})');
    assert.ok(isUnknown(missing));
    assert.equal(missing.reason, 'templatefile("missing.tftpl") is not read: cannot read file: ENOENT');
    const atApply = evaluateHcl('${templatefile("whole.tftpl", { zones = data.azurerm_zones.z.names })}', { lookup: (root) => (root === 'data' ? new Unknown('read by Terraform at plan time') : (undefined as unknown as Value)), readFile });
    assert.ok(isUnknown(atApply));
    assert.equal(atApply.reason, 'read by Terraform at plan time');
  });

  it('spends the evaluation budget: a template that expands without bound fails', () => {
    const budget: Budget = { left: 1000, max: 1000 };
    const v = evaluate('templatefile("large.tftpl", {})', budget);
    assert.ok(isUnknown(v));
    assert.match(v.reason, /more than 1000 evaluation steps/);
    assert.equal(budget.exceeded, true);
  });
});
