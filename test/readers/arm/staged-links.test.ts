/**
 * Linked templates staged beside the template that links them: `templateLink.uri` built from the template's own link
 * (`uri(deployment().properties.templateLink.uri, 'nested/x.json')`, Enterprise-Scale's layout) or from the quickstart
 * templates' `_artifactsLocation`, whose default is that link. Followed to the file in the repository, and a linked file
 * is reported as its linkers deploy it, not again as an entry of its own.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { runScan } from '../../../tasks/DrCheckV1/src/scan';
import type { PostureReport } from '../../../shared/report/types';
import { validateReport } from '../../../shared/report/validate';
import { repo } from '../../support/repo';

const staged = path.join(__dirname, 'fixtures', 'staged');

async function scan(paths: string[], cwd = staged): Promise<PostureReport> {
  return (await runScan({ paths, cwd, configFile: null })).report;
}

const rows = (report: PostureReport) => report.resources.map((r) => [r.name, r.file, r.redundancy, r.location, (r.via ?? []).map((v) => v.file)]);

describe('ARM templates linked by URI from where they are staged', () => {
  it("follows the quickstart templates' _artifactsLocation links with the values the deployment passes, and reports each linked resource once", async () => {
    const report = await scan(['quickstart']);
    assert.deepEqual(rows(report), [
      // Standard_GRS from azuredeploy.json, not the linked template's own default (Standard_LRS).
      ['stquickstartlake', 'quickstart/nestedtemplates/storage.json', 'geo', 'westeurope', ['quickstart/azuredeploy.json']],
      ['kv-quickstart', 'quickstart/nestedtemplates/keyvault.json', 'managed', 'westeurope', ['quickstart/azuredeploy.json']],
    ]);
    assert.equal(new Set(report.resources.map((r) => r.id)).size, report.resources.length, 'no resource twice: the nested templates are not entries of their own');
    // A link to a file on the internet is not a file in the repository: said, at the deployment that links it.
    assert.deepEqual(
      report.errors.map((e) => [e.file, e.line, e.code, e.severity]),
      [['quickstart/azuredeploy.json', 62, 'link-not-followed', 'warning']],
    );
    assert.match(report.errors[0].message, /^linked template by URI \(https:\/\/raw\.githubusercontent\.com\/Azure\/azure-quickstart-templates\/master\/quickstarts\/microsoft\.insights\/workspace\/azuredeploy\.json\) not followed: drcheck reads only files in the repository/);
    assert.deepEqual(validateReport(report), []);
  });

  it("follows Enterprise-Scale's uri(deployment().properties.templateLink.uri, …) links, up the tree too, and says which cannot be decided", async () => {
    const report = await scan(['landing-zone']);
    assert.deepEqual(
      report.resources.filter((r) => r.type !== 'Microsoft.Resources/resourceGroups').map((r) => [r.name, r.file, r.redundancy, r.location, r.subscription]),
      [
        ['contoso-hub-westeurope-vpngw', 'landing-zone/eslzArm/subscriptionTemplates/hubspoke-connectivity.json', 'zone', 'westeurope', '00000000-0000-0000-0000-000000000002'],
        ['stalzlogs', 'landing-zone/shared/logging.json', 'zone', 'westeurope', '00000000-0000-0000-0000-000000000002'],
      ],
    );
    const unfollowed = report.errors.filter((e) => e.code === 'link-not-followed');
    assert.deepEqual(unfollowed.map((e) => [e.file, e.line]), [['landing-zone/eslzArm/eslzArm.json', 60]]);
    assert.match(unfollowed[0].message, /^the linked template's URI cannot be decided statically: .*parameter 'policyDefinitionsRelease' has no default and no value in a parameters file/);
  });

  it('scans a linked template as an entry when the template linking it is not scanned, and keeps templates that only link each other', async () => {
    // Only the nested folder: nothing links storage.json here, so it is deployed with its own defaults.
    const alone = await scan(['quickstart/nestedtemplates/storage.json']);
    assert.deepEqual(rows(alone), [['stquickstartlake', 'quickstart/nestedtemplates/storage.json', 'local', null, []]]);

    const schema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
    const linking = (to: string, name: string) =>
      JSON.stringify(
        {
          $schema: schema,
          contentVersion: '1.0.0.0',
          resources: [
            { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name, location: 'westeurope', sku: { name: 'Standard_GRS' }, kind: 'StorageV2' },
            { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'next', properties: { mode: 'Incremental', templateLink: { uri: `[uri(deployment().properties.templateLink.uri, '${to}')]` } } },
          ],
        },
        null,
        2,
      );
    const dir = repo({ 'a.json': linking('b.json', 'sta'), 'b.json': linking('a.json', 'stb') });
    const cycle = await scan(['.'], dir);
    assert.deepEqual(
      [...new Set(cycle.resources.map((r) => r.name))].sort(),
      ['sta', 'stb'],
      'two templates that link only each other are both still read',
    );
    assert.ok(cycle.errors.some((e) => e.code === 'module-cycle' && /a\.json → b\.json → a\.json/.test(e.message)), JSON.stringify(cycle.errors));
  });

  it('keeps a linked template with a parameters file of its own as an entry too: it is deployed on its own as well', async () => {
    const schema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
    const dir = repo({
      'main.json': JSON.stringify(
        {
          $schema: schema,
          contentVersion: '1.0.0.0',
          resources: [
            { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'lake', properties: { mode: 'Incremental', templateLink: { uri: "[uri(deployment().properties.templateLink.uri, 'lake.json')]" }, parameters: { sku: { value: 'Standard_GRS' } } } },
          ],
        },
        null,
        2,
      ),
      'lake.json': JSON.stringify(
        {
          $schema: schema,
          contentVersion: '1.0.0.0',
          parameters: { sku: { type: 'string', defaultValue: 'Standard_LRS' } },
          resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stlake', location: 'westeurope', sku: { name: "[parameters('sku')]" }, kind: 'StorageV2' }],
        },
        null,
        2,
      ),
      'lake.parameters.json': JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { sku: { value: 'Standard_ZRS' } } }),
    });
    const report = await scan(['.'], dir);
    assert.deepEqual(
      report.resources.map((r) => [r.file, r.redundancy, (r.via ?? []).map((v) => v.file)]),
      [
        ['lake.json', 'zone', []],
        ['lake.json', 'geo', ['main.json']],
      ],
    );
  });

  it('does not follow a link whose base is a URL the parameters give, nor a staged link to a file that is not there', async () => {
    const quickstart = (artifacts?: string) => {
      const dir = repo({
        'azuredeploy.json': JSON.stringify({
          $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
          contentVersion: '1.0.0.0',
          parameters: { _artifactsLocation: { type: 'string', defaultValue: '[deployment().properties.templateLink.uri]' }, _artifactsLocationSasToken: { type: 'securestring', defaultValue: '' } },
          resources: [
            {
              type: 'Microsoft.Resources/deployments',
              apiVersion: '2022-09-01',
              name: 'storage',
              properties: { mode: 'Incremental', templateLink: { uri: "[uri(parameters('_artifactsLocation'), concat('nested/missing.json', parameters('_artifactsLocationSasToken')))]" } },
            },
          ],
        }),
        ...(artifacts ? { 'azuredeploy.parameters.json': JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { _artifactsLocation: { value: artifacts }, _artifactsLocationSasToken: { value: '?sv=2022&sig=x' } } }) } : {}),
      });
      return scan(['.'], dir);
    };
    const missing = await quickstart();
    assert.deepEqual(missing.errors.map((e) => [e.file, e.code, e.severity]), [['azuredeploy.json', 'link-not-followed', 'error']]);
    assert.match(missing.errors[0].message, /^linked template nested\/missing\.json: /);
    const hosted = await quickstart('https://contosoartifacts.blob.core.windows.net/templates/');
    assert.deepEqual(hosted.errors.map((e) => [e.code, e.severity]), [['link-not-followed', 'warning']]);
    assert.match(hosted.errors[0].message, /^linked template by URI \(https:\/\/contosoartifacts\.blob\.core\.windows\.net\/templates\/nested\/missing\.json\?sv=2022&sig=x\) not followed/);
  });
});
