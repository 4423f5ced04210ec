/**
 * Layouts real Bicep uses (ALZ-Bicep, Azure Verified Modules): multi-line ternaries, declarations used before
 * they are declared, nested resources through `parent::child`, spreads, lambdas over lines, `any()`, module
 * outputs read by an earlier module. Fixtures in fixtures/layout are small excerpts in those shapes.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { Value } from '../../../shared/model/value';
import type { NormalisedResource } from '../../../shared/model/resource';
import { runScan } from '../../../tasks/DrCheckV1/src/scan';
import { repo } from '../../support/repo';
import { readNativeFiles } from './read-native';

const fixtures = path.join(__dirname, 'fixtures', 'layout');

async function read(root: string, files: string[]) {
  const r = await readNativeFiles(root, files);
  const by = (address: string): NormalisedResource => {
    const x = r.resources.find((y) => y.address === address);
    assert.ok(x, `${address} not in ${r.resources.map((y) => y.address).join(', ')}`);
    return x;
  };
  return { ...r, by };
}

const plain = (v: Value): unknown => JSON.parse(JSON.stringify(v));

describe('Bicep reader: layouts of ALZ and AVM', () => {
  it('reads multi-line ternaries (line breaks before ? and :), nested ones, and parameter defaults that use later parameters', async () => {
    const r = await read(fixtures, ['hub.bicep']);
    assert.deepEqual(r.issues, []);
    const vnet = r.by('resHubVnet');
    assert.equal(vnet.name, 'alz-hub-westeurope', 'a default built from parameters declared after it');
    assert.deepEqual(plain(vnet.body.tags), { owner: 'alz', criticality: 'high' });
    const subnets = (vnet.body.properties as { subnets: Array<{ name: string; properties: { delegations: unknown } }> }).subnets;
    assert.deepEqual(
      subnets.map((s) => [s.name, s.properties.delegations]),
      [
        ['AzureBastionSubnet', null],
        ['snet-aci', [{ name: 'Microsoft.ContainerInstance/containerGroups', properties: { serviceName: 'Microsoft.ContainerInstance/containerGroups' } }]],
      ],
    );
    assert.deepEqual(plain(r.by('resFlowLogs').body.sku), { name: 'Standard_GZRS' }, 'the nested ternary picks prd + westeurope');
    const role = r.by('resRoleAssignment');
    assert.match(role.name ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'guid() of parameters declared later is computed');
  });

  it('judges the storage SKU chosen through the multi-line ternary', async () => {
    const report = (await runScan({ paths: ['hub.bicep'], cwd: fixtures, configFile: null, bicep: 'native' })).report;
    assert.deepEqual(report.errors, []);
    const flow = report.resources.find((x) => x.address === 'resFlowLogs');
    assert.equal(flow?.redundancy, 'geo');
    assert.match(flow?.reason ?? '', /Standard_GZRS/);
  });

  it('reads parent::child references, spreads, any(), lambdas over lines, union types over lines, and module outputs used before the module', async () => {
    const r = await read(fixtures, ['vault.bicep', 'modules/storage.bicep', 'modules/naming.bicep']);
    assert.deepEqual(r.issues, []);
    const vault = r.by('vault');
    const props = vault.body.properties as Record<string, Value>;
    assert.deepEqual(plain(props.sku), { family: 'A', name: 'premium' });
    assert.equal(props.enablePurgeProtection, true, 'spread from a multi-line ternary');
    assert.deepEqual(plain(props.accessPolicies), [
      { objectId: 'A', permissions: {} },
      { objectId: 'B', permissions: {} },
    ]);
    assert.equal(r.by('key').name, 'kv-avm-prd/cmk');
    const account = r.by('backup.account');
    assert.equal(account.name, 'stbackupprd', "the output of 'naming', declared after 'backup'");
    assert.deepEqual(plain(account.body.sku), { name: 'Standard_RAGZRS' }, 'null passed for a parameter with a default takes the default');
    const keyName = ((account.body.properties as Record<string, Record<string, Record<string, Value>>>).encryption.keyvaultproperties).keyname;
    assert.equal(keyName, 'cmk', 'vault::key.id reaches the module');
  });

  it('still rejects a ternary without its ":" with the file, line and column', async () => {
    const dir = repo(
      {
        'main.bicep': `param env string = 'prd'
var sku = (env == 'prd')
  ? 'Standard_GZRS'
  'Standard_LRS'
`,
      },
      'drcheck-bicep-layout-',
    );
    const report = (await runScan({ paths: ['.'], cwd: dir, configFile: null, bicep: 'native' })).report;
    assert.deepEqual(
      report.errors.map((e) => [e.file, e.line, e.column, e.code, e.message]),
      [['main.bicep', 3, 20, 'parse-error', "invalid Bicep: expected ':' but found a new line"]],
    );
  });

  it('reports a cycle between parameter defaults once, where it closes, and a cycle between variables', async () => {
    const dir = repo(
      {
        'main.bicep': `param a string = 'x\${b}'
param b string = 'y\${a}'
var c = d
var d = c
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st\${a}'
  location: 'westeurope'
  kind: c
  sku: { name: 'Standard_GRS' }
}
`,
      },
      'drcheck-bicep-layout-',
    );
    const report = (await runScan({ paths: ['.'], cwd: dir, configFile: null, bicep: 'native' })).report;
    assert.deepEqual(
      report.errors.map((e) => [e.file, e.line, e.column, e.code, e.message]),
      [
        ['main.bicep', 2, 1, 'expression-error', "parameter 'b': parameter 'a' is part of a cycle: parameter 'a' → parameter 'b' → parameter 'a'"],
        ['main.bicep', 4, 1, 'expression-error', "variable 'd': variable 'c' is part of a cycle: variable 'c' → variable 'd' → variable 'c'"],
      ],
    );
  });
});
