import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScan } from '../../../tasks/DrCheckV1/src/scan';
import type { PostureReport, ResourceReport } from '../../../shared/report/types';
import { repo as makeRepo } from '../../support/repo';
import { byAddress } from '../../support/report';
import { readerContext } from '../../support/reader-context';
import { DEFAULT_LIMITS } from '../../../shared/config/limits';
import { readNativeFiles } from './read-native';
import { isUnknown } from '../../../shared/model/value';

const REPO = path.resolve(__dirname, '../../..');

const repo = (files: Record<string, string | Buffer>) => makeRepo(files, 'drcheck-bicep-');

const scan = async (dir: string, bicep: 'native' | 'compile' = 'native'): Promise<PostureReport> => (await runScan({ paths: ['.'], cwd: dir, configFile: null, bicep })).report;
const by = byAddress;
/** A StorageV2 account `name` in westeurope whose SKU name is the Bicep expression `sku`. */
const account = (name: string, sku: string) => `resource ${name} 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: '${name}'\n  location: 'westeurope'\n  sku: {\n    name: ${sku}\n  }\n  kind: 'StorageV2'\n}\n`;

describe('Bicep reader (native)', () => {
  it('judges examples/contoso-bicep exactly like the ARM example, resource by resource', async () => {
    const arm = (await runScan({ paths: ['examples/contoso'], cwd: REPO })).report;
    const bicep = (await runScan({ paths: ['examples/contoso-bicep'], cwd: REPO })).report;
    assert.deepEqual(bicep.errors, []);
    const key = (r: ResourceReport) => `${r.type.toLowerCase()}|${r.name}`;
    const bicepByKey = new Map(bicep.resources.map((r) => [key(r), r]));
    let matched = 0;
    for (const a of arm.resources) {
      const b = bicepByKey.get(key(a));
      assert.ok(b, `the Bicep example has ${a.type} ${a.name}`);
      matched++;
      assert.deepEqual([b.service, b.redundancy, b.status, b.landingZone], [a.service, a.redundancy, a.status, a.landingZone], `${a.type} ${a.name}`);
      assert.equal(b.language, 'bicep');
    }
    assert.equal(matched, arm.resources.length);
    const lake = by(bicep, 'lake.lake');
    assert.equal(lake.name, 'stctsolakeprd');
    assert.equal(lake.file, 'examples/contoso-bicep/landing-zone-data/modules/data-lake.bicep');
    assert.equal(lake.line, 11);
    assert.deepEqual(by(bicep, 'lake.zone[2]').name, 'stctsolakeprd/default/curated');
  });

  it('evaluates params, decorators, vars, interpolation, ternaries, property access, functions, loops, conditions, parents and existing', async () => {
    const dir = repo({
      'main.bicep': `
@description('Where to deploy')
param location string = 'westeurope'
@allowed(['prd', 'dev'])
param env string
param regions array = ['westeurope', 'northeurope']
param deployCache bool = false
var names = {
  lake: 'st\${env}lake'
}
var geo = env == 'prd' ? 'Standard_GRS' : 'Standard_LRS'

resource lake 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: names.lake
  location: location
  sku: {
    name: geo
  }
  kind: 'StorageV2'
}

resource search 'Microsoft.Search/searchServices@2023-11-01' = [for (region, i) in regions: {
  name: 'srch-\${i}-\${uniqueString(env, region)}'
  location: region
  sku: { name: 'standard' }
}]

resource cache 'Microsoft.Cache/redis@2023-08-01' = if (deployCache) {
  name: 'never'
  location: location
}

resource existingVnet 'Microsoft.Network/virtualNetworks@2023-09-01' existing = {
  name: 'vnet-elsewhere'
}

resource sqlServer 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-\${env}'
  location: location
}

resource db 'Microsoft.Sql/servers/databases@2023-08-01-preview' = {
  parent: sqlServer
  name: 'db1'
  location: location
  properties: {
    requestedBackupStorageRedundancy: 'Local'
    zoneRedundant: length(regions) > 1 && !deployCache
  }
}

resource dbs 'Microsoft.Sql/servers/databases@2023-08-01-preview' = [for i in range(0, 2): if (i > 0) {
  parent: sqlServer
  name: 'db-loop-\${i}'
  location: location
}]
`,
      'main.bicepparam': "using './main.bicep'\n\nparam env = 'prd'\n",
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    assert.equal(by(r, 'lake').name, 'stprdlake');
    assert.equal(by(r, 'lake').redundancy, 'geo');
    assert.equal(by(r, 'lake').line, 13);
    assert.match(by(r, 'search[0]').name!, /^srch-0-[a-z2-7]{13}$/);
    assert.equal(by(r, 'search[1]').redundancy, 'geo', 'the second region makes the search services each other\'s secondary');
    assert.ok(!r.resources.some((x) => x.name === 'never' || x.name === 'vnet-elsewhere'));
    assert.equal(by(r, 'db').name, 'sql-prd/db1');
    assert.equal(by(r, 'db').redundancy, 'zone');
    assert.deepEqual(r.resources.filter((x) => x.address.startsWith('dbs')).map((x) => [x.address, x.name]), [['dbs[1]', 'sql-prd/db-loop-1']]);
  });

  it('evaluates lambdas with the ARM library: filter, map, sort, reduce, toObject, groupBy, mapValues', async () => {
    const dir = repo({
      'main.bicep': `var accounts = [
  { name: 'stzeta', sku: 'Standard_LRS', tier: 'hot' }
  { name: 'stalpha', sku: 'Standard_GRS', tier: 'hot' }
  { name: 'stmid', sku: 'Standard_ZRS', tier: 'cool' }
]
var geo = filter(accounts, a => endsWith(a.sku, 'GRS'))
var sorted = sort(accounts, (a, b) => a.name < b.name)
var names = map(sorted, (a, i) => '\${a.name}\${i}')
var skuByName = toObject(accounts, a => a.name, a => a.sku)
var byTier = groupBy(accounts, a => a.tier)
var upper = mapValues(skuByName, s => toUpper(s))
var count = reduce(accounts, 0, (acc, a) => acc + (a.tier == 'hot' ? 1 : 0))

resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = [for (a, i) in sorted: {
  name: names[i]
  location: '\${count == 2 ? 'west' : 'east'}\${byTier.cool[0].name == 'stmid' ? 'europe' : 'us'}'
  kind: 'StorageV2'
  sku: { name: i == 0 ? geo[0].sku : (i == 2 ? upper.stzeta : skuByName[a.name]) }
}]
`,
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.resources.map((x) => [x.address, x.name, x.location, x.redundancy, x.reason.split(':')[0]]),
      [
        ['st[0]', 'stalpha0', 'westeurope', 'geo', 'sku.name is Standard_GRS'],
        ['st[1]', 'stmid1', 'westeurope', 'zone', 'sku.name is Standard_ZRS'],
        ['st[2]', 'stzeta2', 'westeurope', 'local', 'sku.name is STANDARD_LRS'],
      ],
    );
  });

  it('reads an unset nullable parameter as null, so AVM-style optional resources stay out', async () => {
    const dir = repo({
      'main.bicep': `type lockType = { kind: ('CanNotDelete' | 'ReadOnly' | 'None')?, name: string? }
param lock lockType?
param sku string? 
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stavmnull'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: sku ?? 'Standard_GRS' }
}
resource st_lock 'Microsoft.Authorization/locks@2020-05-01' = if (!empty(lock ?? {}) && lock.?kind != 'None') {
  name: lock.?name ?? 'lock-stavmnull'
  scope: st
  properties: { level: lock.?kind ?? 'CanNotDelete' }
}
`,
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors.filter((e) => e.severity === 'error'), []);
    assert.deepEqual(r.resources.map((x) => [x.address, x.redundancy]), [['st', 'geo']]);
  });

  it('reads user-defined types, imported types, variables and functions (an AVM-style module) without a warning, through typed params', async () => {
    const r = (await runScan({ paths: ['test/readers/bicep/fixtures/user-types'], cwd: REPO, configFile: null })).report;
    assert.deepEqual(r.errors, [], 'no warning: types, imports, typed params and outputs are all read');
    assert.deepEqual(
      r.resources.map((x) => [x.address, x.name, x.file, x.line, x.location, x.redundancy, x.reason.split(':')[0]]),
      [
        // The module's `config storageConfigType` param: the default of main's typed `lake` param, named by an imported function.
        ['lakeAccount.account', 'stlakeprd', 'test/readers/bicep/fixtures/user-types/modules/storage.bicep', 28, 'westeurope', 'geo', 'sku.name is Standard_GZRS'],
        // main's `logs t.storageConfigType` param: its value from main.bicepparam (which imports a function and has a var).
        ['logsAccount.account', 'stlogsprd', 'test/readers/bicep/fixtures/user-types/modules/storage.bicep', 28, 'northeurope', 'geo', 'sku.name is Standard_RAGZRS'],
        ['archive', 'starchprd', 'test/readers/bicep/fixtures/user-types/main.bicep', 64, 'westeurope', 'geo', 'sku.name is Standard_RAGRS'],
        ['inline', 'stinlineprd', 'test/readers/bicep/fixtures/user-types/main.bicep', 76, 'westeurope', 'zone', 'sku.name is Standard_ZRS'],
      ],
    );
    assert.ok(!r.resources.some((x) => x.type === 'Microsoft.Authorization/locks'), 'an unset lock typed with an imported type is null: no lock');
  });

  it('reads every type expression Bicep allows where Bicep allows it, and reports a bad one with its position', async () => {
    const dir = repo({
      'main.bicep': [
        "type sku = 'Standard_LRS' | 'Standard_GRS'",
        'type cfg = { sku: sku, name: string, tags: { *: string }?, \'quoted-key\'?: int }',
        'type list = cfg[]',
        'type tuple = [string, int]',
        "type lits = 'a' | -1 | true | !false | null",
        'type item = list[*]',
        'type first = tuple[0]',
        'type skuOf = cfg.sku',
        'type tagValue = cfg.tags.*',
        "type input = resourceInput<'Microsoft.Storage/storageAccounts@2023-05-01'>.sku",
        'type qualified = sys.string',
        "@discriminator('kind')",
        "type either = { kind: 'a', size: int } | { kind: 'b', names: string[] }",
        'type maybeCfg = cfg?',
        "param account cfg = { sku: 'Standard_GRS', name: 'sttyped' }",
        'param unset maybeCfg',
        "param old resource 'Microsoft.Storage/storageAccounts@2023-05-01'",
        'var typedVar string = account.name',
        'func pick(c cfg, fallback sku) sku => c.?sku ?? fallback',
        "resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {",
        '  name: typedVar',
        "  sku: { name: pick(account, 'Standard_LRS') }",
        '}',
        "resource st2 'Microsoft.Storage/storageAccounts@2023-05-01' = {",
        "  name: 'st${unset == null ? 'null' : 'set'}'",
        "  sku: { name: 'Standard_ZRS' }",
        '}',
        'output o cfg = account',
        'output s skuOf = account.sku',
        '',
      ].join('\n'),
      'bad.bicep': "type cfg = {\n  sku: 'Standard_LRS' 'Standard_GRS'\n}\n",
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors.map((e) => [e.file, e.line, e.column, e.severity, e.message]), [['bad.bicep', 2, 23, 'error', "invalid Bicep: expected a new line or ',' between properties but found 'Standard_GRS'"]]);
    assert.deepEqual(r.resources.map((x) => [x.address, x.name, x.redundancy]), [['st', 'sttyped', 'geo'], ['st2', 'stnull', 'zone']]);
  });

  it('stops a nested map(range()) expansion at the evaluation budget with an error, and scans the rest', async () => {
    const dir = repo({
      'bomb.bicep': `var cube = map(range(0, 1000), x => map(range(0, 1000), y => map(range(0, 1000), z => x)))
resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stbomb\${length(cube)}'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_GRS' }
}
`,
      'fine.bicep': "resource ok 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stfine'\n  location: 'westeurope'\n  kind: 'StorageV2'\n  sku: { name: 'Standard_GRS' }\n}\n",
    });
    const r = (await runScan({ paths: ['.'], cwd: dir, configFile: null, limits: { maxEvaluationSteps: 50_000 } })).report;
    const bomb = r.errors.filter((e) => e.file === 'bomb.bicep');
    assert.ok(bomb.length > 0, 'the expansion is reported');
    assert.match(bomb[0].message, /more than 50000 evaluation steps/);
    assert.equal(bomb[0].severity, 'error');
    assert.equal(by(r, 'ok').redundancy, 'geo', 'the other file is judged');
    assert.equal(by(r, 'st').name, null, 'the name built from the expansion is not guessed');
  });

  it('follows modules with params and scope, reports registry modules and cycles, and JSON parameter files', async () => {
    const dir = repo({
      'main.bicep': "param sku string\nmodule lake 'lake.bicep' = {\n  name: 'lake'\n  scope: resourceGroup('55555555-5555-4555-8555-555555555555', 'rg-data')\n  params: { sku: sku }\n}\nmodule avm 'br/public:avm/res/storage/storage-account:0.9.0' = {\n  name: 'avm'\n  params: {}\n}\nmodule loop 'a.bicep' = {\n  name: 'loop'\n}\n",
      'main.parameters.json': JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { sku: { value: 'Standard_RAGZRS' } } }),
      'lake.bicep': "param sku string\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stmodule'\n  location: 'westeurope'\n  sku: { name: sku }\n}\noutput id string = st.id\n",
      'a.bicep': "module b 'b.bicep' = {\n  name: 'b'\n}\n",
      'b.bicep': "module a 'a.bicep' = {\n  name: 'a'\n}\n",
      // A module cache of its own (relative to the config's folder), empty: the test does not depend on ~/.bicep.
      'bicepconfig.json': '{ "cacheRootDirectory": "./.bicep-cache" }',
    });
    const r = await scan(dir);
    const st = by(r, 'lake.st');
    assert.deepEqual([st.redundancy, st.redundancyDetail, st.subscription], ['geo', 'geo-zone', '55555555-5555-4555-8555-555555555555']);
    const avm = r.errors.find((e) => e.code === 'module-not-followed')!;
    assert.deepEqual([avm.file, avm.line], ['main.bicep', 7]);
    assert.match(avm.message, /is not in the local Bicep module cache \(.*\.bicep-cache[\\/]br[\\/]mcr\.microsoft\.com[\\/]bicep\$avm\$res\$storage\$storage-account[\\/]0\.9\.0\$[\\/]main\.json\): run `bicep restore`.*; not followed/);
    assert.match(r.errors.find((e) => e.code === 'module-cycle')!.message, /a\.bicep → b\.bicep → a\.bicep/);
  });

  it("reads a main.bicep's parameters from the quickstarts' azuredeploy.parameters.json, or from the file the config names", async () => {
    const params = (sku: string) => JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { storageSku: { value: sku } } });
    const main = "@description('Storage SKU.')\nparam storageSku string\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stquick'\n  location: 'westeurope'\n  kind: 'StorageV2'\n  sku: { name: storageSku }\n}\n";
    const quickstart = await scan(repo({ 'main.bicep': main, 'azuredeploy.parameters.json': params('Standard_GZRS') }));
    assert.deepEqual(quickstart.errors, []);
    assert.equal(by(quickstart, 'st').reason, 'sku.name is Standard_GZRS: zone-redundant in the region and replicated to the paired region');
    // Beside an azuredeploy.json, that file is the JSON template's, not main.bicep's.
    const both = await scan(repo({ 'main.bicep': main, 'azuredeploy.json': JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', parameters: { storageSku: { type: 'string' } }, resources: [] }), 'azuredeploy.parameters.json': params('Standard_GZRS') }));
    assert.equal(by(both, 'st').redundancy, 'unknown');
    // The config's `parameters` mapping names another file; a mapping to a missing file is an error at that file.
    const configured = repo({ 'infra/main.bicep': main, 'env/prod.json': params('Standard_LRS'), '.drcheck.yml': 'parameters:\n  - template: infra/main.bicep\n    parameters: env/prod.json\n' });
    assert.equal(by((await runScan({ paths: ['.'], cwd: configured, configFile: path.join(configured, '.drcheck.yml') })).report, 'st').redundancy, 'local');
    const missing = repo({ 'main.bicep': main, '.drcheck.yml': 'parameters:\n  - template: main.bicep\n    parameters: prod.parameters.json\n' });
    const errors = (await runScan({ paths: ['.'], cwd: missing, configFile: path.join(missing, '.drcheck.yml') })).report.errors;
    assert.deepEqual(errors.map((e) => [e.file, e.code]), [['prod.parameters.json', 'unreadable']]);
  });

  it('warns at a child resource written without parent: whose name lacks its parent segment, once per declaration, and judges it as written', async () => {
    const dir = repo({
      'main.bicep': [
        "resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {",
        "  name: 'cosmos-orders'",
        "  location: 'westeurope'",
        '  properties: {',
        "    databaseAccountOfferType: 'Standard'",
        "    locations: [ { locationName: 'westeurope', failoverPriority: 0 } ]",
        '  }',
        '}',
        "resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = [for name in ['orders', 'audit']: {",
        '  name: name',
        "  properties: { resource: { id: name } }",
        '}]',
        "resource good 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {",
        "  name: 'cosmos-orders/billing'",
        "  properties: { resource: { id: 'billing' } }",
        '}',
        "resource nested 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {",
        '  parent: account',
        "  name: 'events'",
        "  properties: { resource: { id: 'events' } }",
        '}',
      ].join('\n'),
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors.map((e) => [e.file, e.line, e.column, e.code, e.severity]), [['main.bicep', 9, 1, 'invalid-resource', 'warning']]);
    assert.equal(r.errors[0].message, "resource 'database' of type Microsoft.DocumentDB/databaseAccounts/sqlDatabases is named 'orders', 1 segment: its name takes 2 segments ('parent/name') or a parent: property, so the deployment would fail; judged as written");
    assert.equal(r.resources.filter((x) => x.type === 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases').length, 4);
  });

  it('keeps the values an unknown can take through any(), a property of one of several objects and an element of one of several arrays', async () => {
    const dir = repo({
      'main.bicep': [
        'param geo bool',
        "var tiers = geo ? { sku: 'Standard_GRS', tier: 'hot' } : { sku: 'Standard_LRS', tier: 'hot' }",
        account('stany', "any(geo ? 'Standard_GRS' : 'Standard_LRS')"),
        account('stmember', 'tiers.sku'),
        account('stindex', "(geo ? ['Standard_RAGRS'] : ['Standard_ZRS'])[0]"),
        account('stkey', "tiers['sku']"),
        // Where every object agrees, the value is known.
        account('stagree', "(geo ? { sku: 'Standard_GZRS' } : { sku: 'Standard_GZRS' }).sku"),
        // Computed from the unknown, it is none of its values.
        account('stcomputed', "'${tiers.sku}'"),
      ].join('\n'),
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    const reason = (n: string) => by(r, n).reason;
    assert.match(reason('stany'), /sku\.name can be Standard_GRS or Standard_LRS/);
    assert.match(reason('stmember'), /sku\.name can be Standard_GRS or Standard_LRS/);
    assert.match(reason('stindex'), /sku\.name can be Standard_RAGRS or Standard_ZRS/);
    assert.match(reason('stkey'), /sku\.name can be Standard_GRS or Standard_LRS/);
    assert.deepEqual([by(r, 'stagree').status, by(r, 'stagree').redundancy], ['pass', 'geo']);
    assert.match(reason('stcomputed'), /sku\.name cannot be decided statically/);
  });

  it("reads obj['key'] as ARM does, the key in any case, for a known object and for one of several", async () => {
    const dir = repo({
      'main.bicep': [
        'param geo bool',
        "var known = { Sku: 'Standard_GRS' }",
        "var tiers = geo ? { Sku: 'Standard_GRS' } : { SKU: 'Standard_RAGRS' }",
        account('stknown', "known['SKU']"),
        account('stone', "tiers['sku']"),
      ].join('\n'),
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    assert.deepEqual([by(r, 'stknown').status, by(r, 'stknown').redundancy], ['pass', 'geo']);
    assert.match(by(r, 'stone').reason, /sku\.name can be Standard_GRS or Standard_RAGRS/);
  });

  it("never judges a local module on its defaults where the call's params are not known as a whole, and reads what is set after the unknown part", async () => {
    const lake = "param sku string = 'Standard_GRS'\nparam name string\nparam constructor string = 'westeurope'\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: name\n  location: constructor\n  sku: { name: sku }\n  kind: 'StorageV2'\n}\n";
    const dir = repo({
      'main.bicep': `param common object
param archive bool
// Unknown as a whole (common has no value), yet what is set after it holds: Standard_LRS, not the module's default GRS.
module lake 'lake.bicep' = {
  name: 'lake'
  params: union(common, { name: 'stlake', sku: 'Standard_LRS' })
}
// What is not set after the unknown part may come from it: unknown, never the default.
module spread 'lake.bicep' = {
  name: 'spread'
  params: { sku: 'Standard_GRS', ...common, name: 'stspread' }
}
// One of two objects: each parameter is one of the values they give; one neither sets keeps its default.
module logs 'lake.bicep' = {
  name: 'logs'
  params: archive ? { name: 'stlogs', sku: 'Standard_LRS' } : { name: 'stlogs', sku: 'Standard_ZRS' }
}
`,
      'lake.bicep': lake,
    });
    const r = await scan(dir);
    assert.deepEqual([by(r, 'lake.st').name, by(r, 'lake.st').status, by(r, 'lake.st').redundancy], ['stlake', 'fail', 'local']);
    assert.deepEqual([by(r, 'spread.st').name, by(r, 'spread.st').status, by(r, 'spread.st').redundancy], ['stspread', 'unknown', 'unknown']);
    const logs = by(r, 'logs.st');
    // A parameter named `constructor` is the module's own, with its default; never Object's constructor.
    assert.deepEqual([logs.name, logs.status, logs.redundancy, logs.location], ['stlogs', 'fail', 'local', 'westeurope']);
  });

  it('reads the syntax Azure Verified Modules use: safe dereference, any expression as a for body, interpolated object keys', async () => {
    const dir = repo({
      'main.bicep': [
        "param cfg object = { name: 'stsafe', nested: { sku: 'Standard_GZRS' } }",
        "param accounts array = [ { name: 'stfora', sku: 'Standard_ZRS' }, { name: 'stforb', sku: 'Standard_LRS' } ]",
        "param ids array = [ 'ida', 'idb' ]",
        'param lock lockType?',
        'var names = [for a in accounts: a.name]',
        'var doubled = [for y in range(0, 3): y * 2]',
        "var keyed = reduce(map(ids, (id) => { '${id}': {} }), {}, (cur, next) => union(cur, next))",
        "resource present 'Microsoft.Storage/storageAccounts@2023-05-01' = {",
        "  name: cfg.?name ?? 'stwrong'",
        "  sku: { name: cfg.?nested.?sku ?? 'Standard_LRS' }",
        '}',
        "resource absent 'Microsoft.Storage/storageAccounts@2023-05-01' = {",
        "  name: cfg.?absent ?? 'st${length(cfg.?['nested'])}${cfg.?nope.?deeper ?? 'null'}'",
        "  sku: { name: cfg.?missing.?sku ?? 'Standard_RAGRS' }",
        '}',
        "resource loop 'Microsoft.Storage/storageAccounts@2023-05-01' = [for (n, i) in names: {",
        "  name: '${n}${doubled[i + 1]}'",
        '  sku: { name: accounts[i].sku }',
        '}]',
        "resource filtered 'Microsoft.Storage/storageAccounts@2023-05-01' = [for a in accounts: if (a.sku != 'Standard_LRS') {",
        "  name: '${a.name}x'",
        "  sku: { name: 'Standard_GRS' }",
        '}]',
        "resource keys 'Microsoft.Storage/storageAccounts@2023-05-01' = {",
        "  name: join(objectKeys(keyed), '-')",
        "  sku: { name: 'Standard_ZRS' }",
        '}',
        'type lockType = {',
        '  kind: string?',
        '}',
        '',
      ].join('\n'),
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.resources.map((x) => [x.address, x.name, x.redundancy]),
      [
        ['present', 'stsafe', 'geo'],
        ['absent', 'st1null', 'geo'],
        ['loop[0]', 'stfora2', 'zone'],
        ['loop[1]', 'stforb4', 'local'],
        ['filtered[0]', 'stforax', 'geo'],
        ['keys', 'ida-idb', 'zone'],
      ],
    );
  });

  it('keeps __proto__ as an ordinary key in objects: written, interpolated and spread keys, and a resource body', async () => {
    const account = (sym: string, name: string) => [`resource ${sym} 'Microsoft.Storage/storageAccounts@2023-05-01' = {`, `  name: ${name}`, "  sku: { name: 'Standard_GRS' }", '}'];
    const dir = repo({
      'main.bicep': [
        "var k = '__proto__'",
        "var written = { '__proto__': 'a', plain: 'b' }",
        "var interpolated = { '${k}': 'a', plain: 'b' }",
        "var spread = { ...written, more: 'c' }",
        ...account('stwritten', "join(objectKeys(written), '-')"),
        ...account('stinterpolated', "join(objectKeys(interpolated), '-')"),
        ...account('stspread', "join(objectKeys(spread), '-')"),
        ...account('stread', "'st${interpolated['__proto__']}'"),
        // A key every object inherits is not one of its properties.
        ...account('stinherited', "'st${written['constructor'] ?? 'none'}${written.?['toString'] ?? 'none'}'"),
        "resource stbody 'Microsoft.Storage/storageAccounts@2023-05-01' = {",
        "  name: 'stbody'",
        "  '__proto__': { kind: 'BlobStorage' }",
        '  ...written',
        '}',
        '',
      ].join('\n'),
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.resources.slice(0, 5).map((x) => x.name),
      ['__proto__-plain', '__proto__-plain', '__proto__-plain-more', 'sta', 'stnonenone'],
    );
    // The reader's body keeps the key as data: the resource is not given a kind through a prototype.
    const read = await readNativeFiles(dir, ['main.bicep']);
    const body = read.resources.find((x) => x.address === 'stbody')!.body;
    assert.equal(Object.getPrototypeOf(body), Object.prototype);
    assert.deepEqual(Object.keys(body), ['__proto__', 'plain']);
    assert.equal(Object.getOwnPropertyDescriptor(body, '__proto__')?.value, 'a', 'the spread written after it replaces it');
  });

  it('load*Content reads only below the scanned folder (or its Git repository): a path outside is Unknown, with a warning', async () => {
    const dir = repo({
      'secret.txt': 'TOPSECRET',
      'scanned/sku.txt': 'Standard_GZRS',
      'scanned/main.bicep': [
        "var inside = loadTextContent('sku.txt')",
        "var up = loadTextContent('../secret.txt')",
        `var abs = loadFileAsBase64('${path.join('DIR', 'secret.txt').replace(/\\/g, '/')}')`,
        "var linked = loadTextContent('link.txt')",
        "resource ok 'Microsoft.Storage/storageAccounts@2023-05-01' = {",
        "  name: 'stinside'",
        '  sku: { name: inside }',
        '}',
        "resource leak 'Microsoft.Storage/storageAccounts@2023-05-01' = {",
        "  name: 'stleak'",
        "  tags: { up: up, abs: abs, linked: linked }",
        "  sku: { name: 'Standard_LRS' }",
        '}',
        '',
      ].join('\n'),
    });
    const main = path.join(dir, 'scanned/main.bicep');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('DIR', dir.replace(/\\/g, '/')));
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(dir, 'scanned/link.txt'));
    const r = (await runScan({ paths: ['scanned'], cwd: dir, configFile: null })).report;
    assert.equal(by(r, 'ok').redundancy, 'geo', 'a file in the scanned folder is read');
    assert.deepEqual(
      r.errors.filter((e) => e.code === 'load-outside').map((e) => [e.file, e.line, e.column, e.severity]),
      [
        ['scanned/main.bicep', 2, 10, 'warning'],
        ['scanned/main.bicep', 3, 11, 'warning'],
        ['scanned/main.bicep', 4, 14, 'warning'],
      ],
    );
    assert.match(r.errors.find((e) => e.line === 2)!.message, /loadTextContent\('\.\.\/secret\.txt'\): the file is outside the scanned folder/);
    const all = JSON.stringify(r);
    assert.ok(!all.includes('TOPSECRET') && !all.includes(Buffer.from('TOPSECRET').toString('base64')), 'the secret is in no report');
  });

  it('reads files only used as modules by each other (a cycle, a file that is its own module): the cycle is reported, the resources scanned', async () => {
    const st = (name: string) => `resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: '${name}'\n  sku: { name: 'Standard_GRS' }\n}\n`;
    const dir = repo({
      'self.bicep': `module me 'self.bicep' = { name: 'me' }\n${st('stself')}`,
      'c1.bicep': `module m 'c2.bicep' = { name: 'm' }\n${st('stc1')}`,
      'c2.bicep': `param x string = 'a'\nmodule m 'c1.bicep' = { name: 'm' }\n${st('stc2')}`,
    });
    for (const mode of ['native', 'compile'] as const) {
      const saved = process.env.PATH;
      if (mode === 'compile') process.env.PATH = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-path-')); // no CLI: read natively
      try {
        const r = await scan(dir, mode);
        assert.deepEqual(
          r.errors.filter((e) => e.code === 'module-cycle').map((e) => [e.file, e.line, e.column, e.message]),
          [
            ['c2.bicep', 2, 1, 'module cycle: c1.bicep → c2.bicep → c1.bicep'],
            ['self.bicep', 1, 1, 'module cycle: self.bicep → self.bicep'],
          ],
          mode,
        );
        assert.deepEqual(r.resources.map((x) => [x.address, x.name, x.file, x.redundancy]).sort(), [
          ['m.sa', 'stc2', 'c2.bicep', 'geo'],
          ['sa', 'stc1', 'c1.bicep', 'geo'],
          ['sa', 'stself', 'self.bicep', 'geo'],
        ], mode);
      } finally {
        process.env.PATH = saved;
      }
    }
  });

  it('reports bad syntax with file, line and column and still reads the other files', async () => {
    const dir = repo({
      'bad.bicep': "param x string\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name 'oops'\n}\n",
      'unterminated.bicep': "var s = 'no end\n",
      'good.bicep': "resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stgood'\n  sku: { name: 'Standard_GZRS' }\n}\n",
      'features.bicep': "type sizes = 'S' | 'M'\nfunc double(x int) int => x * 2\nextension microsoftGraphV1\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stfeatures${double(2)}'\n  sku: { name: 'Standard_LRS' }\n}\n",
      'badtype.bicep': "type cfg = {\n  sku: 'Standard_LRS' | \n}\n",
    });
    const r = await scan(dir);
    const bad = r.errors.find((e) => e.file === 'bad.bicep')!;
    assert.deepEqual([bad.line, bad.column, bad.message], [3, 8, "invalid Bicep: expected ':' but found 'oops'"]);
    assert.deepEqual(r.errors.filter((e) => e.file === 'unterminated.bicep').map((e) => [e.line, e.column]), [[1, 9]]);
    assert.ok(r.resources.some((x) => x.name === 'stgood'));
    assert.ok(r.resources.some((x) => x.name === 'stfeatures4'), 'the user-defined function is evaluated');
    // Types and functions are read; what the native reader still does not evaluate is a warning with its position.
    assert.deepEqual(
      r.errors.filter((e) => e.file === 'features.bicep').map((e) => [e.line, e.column, e.severity, e.code, e.message]),
      [[3, 1, 'warning', 'unsupported', "'extension' declarations are not evaluated by the native Bicep reader (use bicep: compile for exact semantics)"]],
    );
    assert.deepEqual(r.errors.filter((e) => e.file === 'badtype.bicep').map((e) => [e.line, e.column, e.code, e.message]), [[3, 1, 'parse-error', "invalid Bicep: expected a type but found '}'"]]);
  });

  it('judges a SKU that is one of a parameter\'s @allowed values or of a conditional\'s branches, and only while it is handed on unchanged', async () => {
    const st = (sym: string, name: string, sku: string) => `resource ${sym} 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: '${name}'\n  location: location\n  sku: {\n    name: ${sku}\n  }\n  kind: 'StorageV2'\n}\n`;
    const dir = repo({
      'main.bicep': [
        'param location string',
        "@allowed([\n  'Standard_LRS'\n  'Standard_ZRS'\n])",
        'param sku string',
        'param geo bool',
        "module lake 'lake.bicep' = {\n  name: 'lake'\n  params: {\n    location: location\n  }\n}",
        st('allowed', 'stallowed', 'sku'),
        st('derived', 'stderived', 'toUpper(sku)'),
        st('either', 'steither', "geo ? 'Standard_GRS' : 'Standard_LRS'"),
        // An environment map indexed by an allowed environment: the SKU at each.
        "@allowed([\n  'dev'\n  'prod'\n])\nparam environment string",
        "var skus = {\n  dev: 'Standard_GRS'\n  prod: 'Standard_GZRS'\n}",
        st('indexed', 'stindexed', 'skus[environment]'),
        // An array's allowed list names the elements it may hold, not its values.
        "@allowed([\n  '1'\n  '2'\n  '3'\n])\nparam zones array",
        "resource pip 'Microsoft.Network/publicIPAddresses@2023-09-01' = {\n  name: 'pip-hub'\n  location: location\n  sku: {\n    name: 'Standard'\n  }\n  zones: zones\n}",
      ].join('\n'),
      // The shape of Azure's data landing zone: ZRS where the region has zones, else LRS.
      'lake.bicep': ['param location string', "var storageZrsRegions = [\n  'westeurope'\n  'northeurope'\n]", st('lake', 'stlake', "contains(storageZrsRegions, location) ? 'Standard_ZRS' : 'Standard_LRS'")].join('\n'),
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    const verdict = (address: string) => [by(r, address).status, by(r, address).redundancy];
    assert.deepEqual(verdict('allowed'), ['fail', 'local']);
    assert.match(by(r, 'allowed').reason, /^sku\.name can be Standard_LRS or Standard_ZRS, not decided statically \(sku \(parameter 'sku' has no default/);
    assert.deepEqual(verdict('lake.lake'), ['fail', 'local']);
    assert.match(by(r, 'lake.lake').reason, /sku\.name can be Standard_ZRS or Standard_LRS, .*at worst sku\.name is Standard_LRS/);
    assert.deepEqual(verdict('either'), ['unknown', 'unknown']);
    assert.match(by(r, 'either').reason, /Standard_GRS gives geo, Standard_LRS gives local$/);
    assert.deepEqual(verdict('indexed'), ['pass', 'geo']);
    assert.match(by(r, 'indexed').reason, /^sku\.name can be Standard_GRS or Standard_GZRS, not decided statically \(environment .*\); at worst sku\.name is Standard_GRS/);
    assert.doesNotMatch(by(r, 'pip').reason, /can be/);
    // toUpper() of an allowed value is none of the allowed values: simply unknown.
    assert.deepEqual(verdict('derived'), ['unknown', 'unknown']);
    assert.doesNotMatch(by(r, 'derived').reason, /can be/);
  });

  it('judges an object whose spread is one of a conditional\'s objects as each object it can be', async () => {
    const cosmos = (sym: string, spread: string) =>
      `resource ${sym} 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {\n  name: '${sym}'\n  location: 'westeurope'\n  properties: {\n    databaseAccountOfferType: 'Standard'\n    backupPolicy: {\n      type: 'Periodic'\n      periodicModeProperties: {\n        backupStorageRedundancy: 'Geo'\n      }\n    }\n    ${spread}\n  }\n}`;
    const one = "{\n      locations: [\n        {\n          locationName: 'westeurope'\n          failoverPriority: 0\n        }\n      ]\n    }";
    const two = "{\n      locations: [\n        {\n          locationName: 'westeurope'\n          failoverPriority: 0\n        }\n        {\n          locationName: 'northeurope'\n          failoverPriority: 1\n        }\n      ]\n    }";
    const dir = repo({
      'main.bicep': [
        'param multiRegion bool',
        'param tier string',
        // The shape of Azure Verified Modules' Cosmos DB account: the regions come from a conditional spread.
        cosmos('spread', `...(multiRegion ? ${two} : ${one})`),
        // A spread whose value is not one of known objects: not judged. Two conditionals' objects: judged on the regions.
        cosmos('opaque', '...(multiRegion ? json(tier) : {})'),
        cosmos('twice', `...(multiRegion ? ${two} : ${one})\n    ...(empty(tier) ? {} : { minimalTlsVersion: tier })`),
        "resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stspread'\n  location: 'westeurope'\n  kind: 'StorageV2'\n  sku: {\n    name: 'Standard_GRS'\n    ...(multiRegion ? { tier: 'Standard' } : {})\n  }\n}",
      ].join('\n'),
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    const spread = by(r, 'spread');
    // Geo either way: one region with geo-redundant backups, or two; judged on the weaker, whose warning stays.
    assert.deepEqual([spread.status, spread.redundancy, spread.redundancyDetail], ['pass', 'geo', 'geo-backup']);
    assert.match(spread.reason, /^properties can be \{"locations":\[\{"locationName":"westeurope","failoverPriority":0\},\{"locationName":"northeurope","failoverPriority":1\}\]\} or \{"locations":\[\{"locationName":"westeurope","failoverPriority":0\}\]\}, not decided statically \(multiRegion .*\); at worst one region/);
    assert.deepEqual(spread.findings.map((f) => f.ruleId), ['cosmos-db/single-region']);
    // The SKU name is the same whichever object the spread is: judged on it, with nothing to choose.
    const st = by(r, 'st');
    assert.deepEqual([st.status, st.redundancy, st.reason], ['pass', 'geo', 'sku.name is Standard_GRS: copies replicated to the paired region']);
    assert.deepEqual([by(r, 'opaque').status, by(r, 'opaque').redundancy], ['unknown', 'unknown']);
    assert.doesNotMatch(by(r, 'opaque').reason, /can be/);
    // The regions are one of the first conditional's; the second one's TLS version, only known at deployment, is not read.
    const twice = by(r, 'twice');
    assert.deepEqual([twice.status, twice.redundancy, twice.redundancyDetail], ['pass', 'geo', 'geo-backup']);
    assert.match(twice.reason, /^properties\.locations can be \[[^\]]*northeurope[^\]]*\] or \[[^\]]*\], not decided statically \(multiRegion .*\); at worst one region/);
    // Under a strategy that needs the data replicated, the two differ: the reason says which gives which.
    const warm = (await runScan({ paths: ['.'], cwd: dir, configFile: null, strategy: 'warm-spare' })).report;
    assert.match(by(warm, 'spread').reason, /: \{"locations":\[[^\]]*northeurope[^\]]*\]\} gives geo, \{"locations":\[[^\]]*\]\} gives geo \(geo-backup\)$/);
  });

  describe('an object whose conditional spread holds values only known at deployment (the Azure Verified Modules pattern)', () => {
    /** A Cosmos DB account in two regions whose `properties` also hold `extra` (a spread), before or after the regions. */
    const cosmos = (sym: string, extra: string, before = false) => {
      const regions = "locations: [\n      { locationName: 'westeurope', failoverPriority: 0 }\n      { locationName: 'northeurope', failoverPriority: 1 }\n    ]";
      const lines = before ? [extra, regions] : [regions, extra];
      return `resource ${sym} 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {\n  name: '${sym}'\n  location: 'westeurope'\n  properties: {\n    databaseAccountOfferType: 'Standard'\n    ${lines.join('\n    ')}\n  }\n}`;
    };
    /** A Databricks workspace whose `parameters` hold a DBFS SKU and `extra`. */
    const databricks = (sym: string, extra: string) =>
      `resource ${sym} 'Microsoft.Databricks/workspaces@2024-05-01' = {\n  name: '${sym}'\n  location: 'westeurope'\n  sku: { name: 'premium' }\n  properties: {\n    managedResourceGroupId: '\${subscription().id}/resourceGroups/rg-${sym}'\n    parameters: {\n      ${extra}\n      storageAccountSkuName: { value: 'Standard_ZRS' }\n    }\n  }\n}`;
    const vnetRules = '...(!empty(subnetId) ? { virtualNetworkRules: [ { id: subnetId } ] } : {})';
    const verdict = (r: PostureReport, address: string) => {
      const x = by(r, address);
      return [x.status, x.redundancy, x.reason, x.findings.map((f) => f.ruleId)];
    };

    it('judges the keys no branch sets as written, as if the spread were not there', async () => {
      const dir = repo({
        'main.bicep': [
          "param subnetId string // only known at deployment (e.g. a module output)",
          "param publicSubnet string",
          cosmos('literal', ''),
          cosmos('after', vnetRules, true),
          cosmos('before', vnetRules),
          // Two of them, as AVM writes one per optional setting; the same key in both branches, one of them unknown.
          cosmos('several', `${vnetRules}\n    ...(empty(publicSubnet) ? { publicNetworkAccess: 'Enabled' } : { publicNetworkAccess: 'Enabled', ipRules: [ { ipAddressOrRange: publicSubnet } ] })`),
          databricks('dbwliteral', ''),
          databricks('dbw', "...(!empty(publicSubnet) ? { customPublicSubnetName: { value: publicSubnet } } : {})"),
        ].join('\n'),
      });
      const r = await scan(dir);
      assert.deepEqual(r.errors, []);
      const literal = verdict(r, 'literal');
      assert.deepEqual(literal.slice(0, 3), ['pass', 'geo', '2 regions (westeurope, northeurope), single write region']);
      for (const address of ['after', 'before', 'several']) assert.deepEqual(verdict(r, address), literal, address);
      assert.deepEqual(verdict(r, 'dbw'), verdict(r, 'dbwliteral'));
      assert.match(by(r, 'dbw').reason, /DBFS root storage Standard_ZRS\)/);
    });

    it('does not answer contains(), length() or empty() as if a key one branch leaves out were set', async () => {
      const st = (name: string, sku: string) => `resource ${name} 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: '${name}'\n  location: 'westeurope'\n  kind: 'StorageV2'\n  sku: { name: ${sku} }\n}`;
      const dir = repo({
        'main.bicep': [
          'param subnetId string',
          "var props = {\n  locations: [ { locationName: 'westeurope', failoverPriority: 0 } ]\n  ...(!empty(subnetId) ? { virtualNetworkRules: [ { id: subnetId } ] } : {})\n}",
          st('sthas', "contains(props, 'virtualNetworkRules') ? 'Standard_GRS' : 'Standard_LRS'"),
          st('stlen', "length(props) > 1 ? 'Standard_GRS' : 'Standard_LRS'"),
          st('stkeys', "length(objectKeys(props)) > 1 ? 'Standard_GRS' : 'Standard_LRS'"),
          // A key both branches leave alone is there either way.
          st('stlocs', "contains(props, 'locations') ? 'Standard_GRS' : 'Standard_LRS'"),
        ].join('\n'),
      });
      const r = await scan(dir);
      assert.deepEqual(r.errors, []);
      for (const name of ['sthas', 'stlen', 'stkeys']) {
        assert.deepEqual([by(r, name).status, by(r, name).redundancy], ['unknown', 'unknown'], name);
        assert.match(by(r, name).reason, /Standard_GRS gives geo, Standard_LRS gives local$/, name);
      }
      assert.deepEqual([by(r, 'stlocs').status, by(r, 'stlocs').redundancy], ['pass', 'geo']);
    });

    it('judges a key the branches set differently per branch, all of one conditional chosen together', async () => {
      const one = "[ { locationName: 'westeurope', failoverPriority: 0 } ]";
      const two = "[ { locationName: 'westeurope', failoverPriority: 0 }, { locationName: 'northeurope', failoverPriority: 1 } ]";
      const account = (sym: string, branches: string) =>
        `resource ${sym} 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {\n  name: '${sym}'\n  location: 'westeurope'\n  properties: {\n    databaseAccountOfferType: 'Standard'\n    locations: ${one}\n    backupPolicy: { type: 'Periodic', periodicModeProperties: { backupStorageRedundancy: 'Geo' } }\n    ...(!empty(subnetId) ? ${branches})\n  }\n}`;
      const dir = repo({
        'main.bicep': [
          'param subnetId string',
          // A second region where there is a subnet, with a value only known at deployment beside it.
          account('second', `{ virtualNetworkRules: [ { id: subnetId } ], locations: ${two} } : {}`),
          // Two regions, or one with continuous backup: never one region with the geo backups written before.
          account('together', `{ virtualNetworkRules: [ { id: subnetId } ], locations: ${two} } : { backupPolicy: { type: 'Continuous' } }`),
        ].join('\n'),
      });
      const r = await scan(dir);
      assert.deepEqual(r.errors, []);
      const second = by(r, 'second');
      assert.deepEqual([second.status, second.redundancy, second.redundancyDetail], ['pass', 'geo', 'geo-backup']);
      assert.match(second.reason, /^properties\.locations can be \[[^\]]*northeurope[^\]]*\] or \[[^\]]*\], not decided statically \(subnetId \(parameter 'subnetId' has no default.*\); at worst one region/);
      const together = by(r, 'together');
      assert.deepEqual([together.status, together.redundancy], ['unknown', 'unknown']);
      // Two combinations, not four: the conditional's keys are chosen together.
      assert.match(together.reason, /^properties\.locations and properties\.backupPolicy can be .*: \[[^\]]*northeurope[^\]]*\] with \{"type":"Periodic", "periodicModeProperties":\{"backupStorageRedundancy":"Geo"\}\} gives geo, \[[^\]]*\] with \{"type":"Continuous", no "periodicModeProperties"\} gives local$/);
      assert.equal(together.reason.match(/ gives /g)?.length, 2);
    });

    it('leaves unknown a key a branch sets to a value only known at deployment, and judges a known condition as before', async () => {
      const dir = repo({
        'main.bicep': [
          'param subnetId string',
          'param regions array',
          "param noSubnet string = ''",
          "param aSubnet string = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default'",
          // The regions written before it, replaced in one branch by a parameter given no value.
          cosmos('regions', "...(!empty(subnetId) ? { locations: regions } : {})"),
          cosmos('nosubnet', "...(!empty(noSubnet) ? { virtualNetworkRules: [ { id: noSubnet } ] } : {})"),
          cosmos('asubnet', "...(!empty(aSubnet) ? { virtualNetworkRules: [ { id: aSubnet } ] } : {})"),
          cosmos('literal', ''),
        ].join('\n'),
      });
      const r = await scan(dir);
      assert.deepEqual(r.errors, []);
      const x = by(r, 'regions');
      assert.deepEqual([x.status, x.redundancy], ['unknown', 'unknown']);
      assert.match(x.reason, /^properties\.locations cannot be decided statically: subnetId \(parameter 'subnetId' has no default/);
      assert.deepEqual(verdict(r, 'nosubnet'), verdict(r, 'literal'));
      assert.deepEqual(verdict(r, 'asubnet'), verdict(r, 'literal'));
    });
  });

  it('merges a spread in a resource body like one in an object: a conditional\'s objects judged each, later properties winning, a non-object reported', async () => {
    const st = (sym: string, ...lines: string[]) => [`resource ${sym} 'Microsoft.Storage/storageAccounts@2023-05-01' = {`, `  name: '${sym}'`, "  location: 'westeurope'", "  kind: 'StorageV2'", ...lines.map((l) => `  ${l}`), '}'].join('\n');
    const dir = repo({
      'main.bicep': [
        'param geo bool',
        st('stbodyeither', "sku: { name: 'Standard_GRS' }", "...(geo ? { sku: { name: 'Standard_GRS' } } : { sku: { name: 'Standard_LRS' } })"),
        st('stbodyalike', "sku: { name: 'Standard_LRS' }", "...(geo ? { sku: { name: 'Standard_GRS' } } : { sku: { name: 'Standard_GRS' }, tags: { a: 'b' } })"),
        st('stbodylater', "...(geo ? { sku: { name: 'Standard_GRS' } } : {})", "sku: { name: 'Standard_ZRS' }"),
        st('stbodystring', "sku: { name: 'Standard_GRS' }", "...(geo ? 'oops' : 'oops')"),
        '',
      ].join('\n'),
    });
    const r = await scan(dir);
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.code, e.message]),
      [[23, 'expression-error', 'stbodystring: \'...\' in a resource body needs an object, not "oops"']],
    );
    const verdict = (address: string) => [by(r, address).status, by(r, address).redundancy];
    // The spread replaces the GRS written before it with GRS or LRS: not geo whichever is deployed.
    assert.deepEqual(verdict('stbodyeither'), ['unknown', 'unknown']);
    assert.match(by(r, 'stbodyeither').reason, /^sku can be \{"name":"Standard_GRS"\} or \{"name":"Standard_LRS"\}, not decided statically \(geo .*\{"name":"Standard_LRS"\} gives local$/);
    // GRS whichever is deployed, over the LRS written before it.
    assert.deepEqual(verdict('stbodyalike'), ['pass', 'geo']);
    assert.deepEqual(verdict('stbodylater'), ['fail', 'zone']);
    assert.deepEqual(verdict('stbodystring'), ['pass', 'geo']);
    // A key one alternative lacks is null there, even one every object inherits.
    const read = await readNativeFiles(repo({ 'main.bicep': ['param geo bool', st('stbodyinherited', "...(geo ? { constructor: 'a', toString: 'b' } : {})")].join('\n') }), ['main.bicep']);
    const body = read.resources[0].body;
    assert.deepEqual([body.constructor, body.toString].map((u) => (isUnknown(u) ? u.oneOf : u)), [['a', null], ['b', null]]);
  });

  it('merges a spread as ARM\'s shallowMerge (which Bicep compiles it to) does: a key in another case replaces the value, not adds a second key', async () => {
    const dir = repo({
      'main.bicep': [
        "var base = { SKU: 'Standard_GRS' }",
        "var over = { ...base, sku: 'Standard_LRS' }",
        account('stlower', 'over.sku'),
        account('stupper', 'over.SKU'),
        account('stindexed', "over['SKU']"),
        // In a resource body: the spread's GRS replaces the LRS written before it, whatever its case.
        "resource stbody 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stbody'\n  location: 'westeurope'\n  kind: 'StorageV2'\n  sku: { name: 'Standard_LRS' }\n  ...{ SKU: { name: 'Standard_GRS' } }\n}",
      ].join('\n'),
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    for (const address of ['stlower', 'stupper', 'stindexed']) assert.equal(by(r, address).redundancy, 'local', address);
    assert.deepEqual([by(r, 'stbody').status, by(r, 'stbody').redundancy], ['pass', 'geo']);
  });

  describe('a spread in a resource body whose value is unknown', () => {
    /** A resource `sym` of `type` in westeurope with `lines` in its body, after a parameter `settings` with no value. */
    const res = (type: string, sym: string, ...lines: string[]) => [`resource ${sym} '${type}' = {`, `  name: '${sym}'`, "  location: 'westeurope'", ...lines.map((l) => `  ${l}`), '}'].join('\n');
    const st = (sym: string, ...lines: string[]) => res('Microsoft.Storage/storageAccounts@2023-05-01', sym, ...lines);
    const params = ['param settings object', 'param more object', 'param geo bool', 'param tier string'];
    const verdict = (r: PostureReport, address: string) => [by(r, address).status, by(r, address).redundancy];
    const fromSettings = /cannot be decided statically: \.\.\.settings \((sku|properties) may be set by this spread, whose value is not known statically: parameter 'settings' has no default/;

    it('makes what the spread may set unknown, never judged on what is missing (the defaults)', async () => {
      const dir = repo({
        'main.bicep': [
          ...params,
          st('stonly', '...settings'),
          // Judged on the defaults when the spread was dropped: one region with geo backups, Standard, Geo backups.
          res('Microsoft.DocumentDB/databaseAccounts@2024-05-15', 'cosmos', '...settings'),
          res('Microsoft.EventHub/namespaces@2024-01-01', 'ehns', '...settings'),
          res('Microsoft.Sql/servers/databases@2023-08-01-preview', 'sqldb', '...settings'),
        ].join('\n'),
      });
      const r = await scan(dir);
      assert.deepEqual(r.errors, []);
      for (const address of ['cosmos', 'ehns', 'sqldb', 'stonly']) {
        assert.deepEqual(verdict(r, address), ['unknown', 'unknown'], address);
        assert.match(by(r, address).reason, fromSettings, address);
      }
      const read = await readNativeFiles(dir, ['main.bicep']);
      const body = read.resources.find((x) => x.name === 'stonly')!.body;
      for (const k of ['location', 'sku', 'kind', 'properties', 'zones', 'identity', 'plan', 'extendedLocation', 'tags']) assert.ok(isUnknown(body[k]), k);
    });

    it('a conditional\'s objects holding deployment-time values (AVM\'s ...(!empty(zones) ? { zones: zones } : {})) leave the other properties known', async () => {
      const dir = repo({
        'main.bicep': [
          'param zones array',
          'param identity object',
          'param useZones bool',
          st('stzones', "kind: 'StorageV2'", "sku: { name: 'Standard_GRS' }", '...(!empty(zones) ? { zones: zones } : {})', '...(useZones ? { identity: identity } : {})'),
          // The SKU a branch may set, written before it: one of the two, so unknown; written after it: known.
          st('stbefore', "kind: 'StorageV2'", "sku: { name: 'Standard_LRS' }", '...(useZones ? { sku: { name: identity.sku } } : {})'),
          st('stafter', "kind: 'StorageV2'", '...(useZones ? { sku: { name: identity.sku } } : {})', "sku: { name: 'Standard_LRS' }"),
          // Beside a spread that may set anything, it may set anything too.
          st('stmixed', "kind: 'StorageV2'", "sku: { name: 'Standard_GRS' }", '...(!empty(zones) ? { zones: zones } : {})', '...identity'),
        ].join('\n'),
      });
      const r = await scan(dir);
      assert.deepEqual(r.errors, []);
      assert.deepEqual(verdict(r, 'stzones'), ['pass', 'geo']);
      assert.deepEqual(verdict(r, 'stbefore'), ['unknown', 'unknown']);
      assert.match(by(r, 'stbefore').reason, /^sku\.name cannot be decided statically: useZones \(parameter 'useZones' has no default/);
      assert.deepEqual(verdict(r, 'stafter'), ['fail', 'local']);
      assert.deepEqual(verdict(r, 'stmixed'), ['unknown', 'unknown']);
    });

    it('keeps what is written after it (in any case) and makes what is written before it unknown', async () => {
      const dir = repo({
        'main.bicep': [
          ...params,
          "var known = { sku: { name: 'Standard_GRS' } }",
          "var partly = { ...settings, kind: 'StorageV2' }",
          st('stafter', '...settings', "sku: { name: 'Standard_GRS' }", "kind: 'StorageV2'"),
          st('stafterupper', '...settings', "SKU: { name: 'Standard_GRS' }", "kind: 'StorageV2'"),
          st('stbefore', "sku: { name: 'Standard_GRS' }", "kind: 'StorageV2'", '...settings'),
          // Two: what is written between them may still come from the second.
          st('sttwice', '...settings', "sku: { name: 'Standard_GRS' }", "kind: 'StorageV2'", '...more'),
          // Partly known: what it is known to set is that value, the rest unknown.
          st('stpartly', "sku: { name: 'Standard_GRS' }", "kind: 'Storage'", '...partly'),
          // Known, as before.
          st('stknown', "kind: 'StorageV2'", '...known'),
        ].join('\n'),
      });
      const r = await scan(dir);
      assert.deepEqual(r.errors, []);
      for (const address of ['stafter', 'stafterupper', 'stknown']) assert.deepEqual(verdict(r, address), ['pass', 'geo'], address);
      for (const address of ['stbefore', 'sttwice', 'stpartly']) assert.deepEqual(verdict(r, address), ['unknown', 'unknown'], address);
      assert.match(by(r, 'stbefore').reason, fromSettings);
      assert.match(by(r, 'sttwice').reason, /: \.\.\.more \(sku may be set by this spread/);
      assert.match(by(r, 'stpartly').reason, /: \.\.\.partly \(sku may be set by this spread, whose value is not known statically: parameter 'settings' has no default/);
      const read = await readNativeFiles(dir, ['main.bicep']);
      const body = (name: string) => read.resources.find((x) => x.name === name)!.body;
      assert.ok(isUnknown(body('stafter').location), 'the location written before the spread');
      assert.deepEqual([body('stafter').sku, body('stafter').kind], [{ name: 'Standard_GRS' }, 'StorageV2']);
      assert.deepEqual(Object.keys(body('stafterupper')).filter((k) => k.toLowerCase() === 'sku'), ['sku'], 'one key, whatever its case');
      assert.equal(body('stpartly').kind, 'StorageV2');
    });

    it('is never dropped beside other spreads: alternatives that are not all objects, and a conditional\'s objects before or after it', async () => {
      const dir = repo({
        'main.bicep': [
          ...params,
          st('stopaquebefore', "sku: { name: 'Standard_GRS' }", "kind: 'StorageV2'", '...(geo ? json(tier) : {})'),
          st('stopaqueafter', '...(geo ? json(tier) : {})', "sku: { name: 'Standard_LRS' }", "kind: 'StorageV2'"),
          // The conditional's objects after it both set the SKU: one of theirs, whatever the unknown spread holds.
          st('steither', "kind: 'StorageV2'", '...settings', "...(geo ? { sku: { name: 'Standard_GRS' } } : { sku: { name: 'Standard_RAGRS' } })"),
          // One of them does not: there it may come from the unknown spread.
          st('steitherpart', "kind: 'StorageV2'", '...settings', "...(geo ? { sku: { name: 'Standard_GRS' } } : {})"),
          // Before it: the unknown spread may replace either.
          st('steitherfirst', "kind: 'StorageV2'", "...(geo ? { sku: { name: 'Standard_GRS' } } : { sku: { name: 'Standard_RAGRS' } })", '...settings'),
        ].join('\n'),
      });
      const r = await scan(dir);
      assert.deepEqual(r.errors, []);
      assert.deepEqual(verdict(r, 'stopaquebefore'), ['unknown', 'unknown']);
      assert.match(by(r, 'stopaquebefore').reason, /sku may be set by a spread in the resource body whose value is not known statically: geo \(parameter 'geo'/);
      assert.deepEqual(verdict(r, 'stopaqueafter'), ['fail', 'local']);
      assert.deepEqual(verdict(r, 'steither'), ['pass', 'geo']);
      for (const address of ['steitherpart', 'steitherfirst']) {
        assert.deepEqual(verdict(r, address), ['unknown', 'unknown'], address);
        assert.match(by(r, address).reason, fromSettings, address);
      }
    });

    it('makes a referenced resource\'s property that a spread written after it may set unknown (`other.sku`)', async () => {
      const dir = repo({
        'main.bicep': [
          ...params,
          st('stbefore', "sku: { name: 'Standard_GRS' }", "kind: 'StorageV2'", '...settings'),
          st('stspread', "kind: 'StorageV2'", "...{ sku: { name: 'Standard_GRS' } }"),
          st('stcopy', 'sku: stbefore.sku', "kind: 'StorageV2'"),
          // A known spread's value, where it used to be "not declared".
          st('stcopyknown', 'sku: stspread.sku', "kind: 'StorageV2'"),
        ].join('\n'),
      });
      const r = await scan(dir);
      assert.deepEqual(r.errors, []);
      assert.deepEqual(verdict(r, 'stcopy'), ['unknown', 'unknown']);
      assert.match(by(r, 'stcopy').reason, /stbefore\.sku may be set by a spread in its body whose value is not known statically: settings \(parameter 'settings'/);
      assert.deepEqual(verdict(r, 'stcopyknown'), ['pass', 'geo']);
    });
  });

  it('does not judge on a null alternative that ?? replaces', async () => {
    const dir = repo({
      'main.bicep': [
        'param local bool',
        // Local backups, or (null) the Geo fallback: the account may have geo backups, so it cannot be judged local.
        "resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {\n  name: 'cosmos1'\n  location: 'westeurope'\n  properties: {\n    locations: [\n      {\n        locationName: 'westeurope'\n      }\n    ]\n    backupPolicy: {\n      type: 'Periodic'\n      periodicModeProperties: {\n        backupStorageRedundancy: (local ? 'Local' : null) ?? 'Geo'\n      }\n    }\n  }\n}",
        "resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stfallback'\n  location: 'westeurope'\n  kind: 'StorageV2'\n  sku: { name: (local ? 'Standard_LRS' : null) ?? 'Standard_ZRS' }\n}",
      ].join('\n'),
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    assert.deepEqual([by(r, 'cosmos').status, by(r, 'cosmos').redundancy], ['unknown', 'unknown']);
    assert.doesNotMatch(by(r, 'cosmos').reason, /null/);
    // The right side stands for the null alternative: Local or Geo, each judged.
    assert.match(by(r, 'cosmos').reason, /backupStorageRedundancy can be Local or Geo, not decided statically .*: Local gives local, Geo gives geo/);
    assert.deepEqual([by(r, 'st').status, by(r, 'st').redundancy], ['fail', 'local']);
    assert.match(by(r, 'st').reason, /^sku\.name can be Standard_LRS or Standard_ZRS, .*at worst sku\.name is Standard_LRS/);
  });

  it('reads one instance of a resource loop (`namespaces[1].id`) by its item: a Geo-DR alias pairs the two regions', async () => {
    const r = await scan(path.join(__dirname, 'fixtures', 'loop-instance'));
    assert.deepEqual(r.errors, []);
    // The alias is named after instance 0 and names instance 1 as its partner: both instances' names are known.
    assert.equal(by(r, 'alias').name, 'evhns-erp-westeurope/evhns-erp');
    const primary = by(r, 'namespaces[0]');
    assert.deepEqual([primary.redundancy, primary.redundancyDetail], ['geo', 'geo-config']);
    assert.match(primary.reason, /^Geo-DR pairing evhns-erp-westeurope\/evhns-erp replicates namespace metadata only/);
    assert.match(by(r, 'namespaces[1]').reason, /^secondary namespace of Geo-DR pairing evhns-erp-westeurope\/evhns-erp/);
  });

  it('names a child whose parent is one instance of a loop (`parent: servers[i]`) under that instance, and reads the file to its end', async () => {
    const r = await scan(path.join(__dirname, 'fixtures', 'loop-parent'));
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.resources.map((x) => [x.address, x.name, x.redundancy]),
      [
        ['servers[0]', 'sql-erp-westeurope', 'managed'],
        ['servers[1]', 'sql-erp-northeurope', 'managed'],
        // The failover group on servers[0] lists databases[0]: replicated to the partner server.
        ['databases[0]', 'sql-erp-westeurope/sqldb-erp', 'geo'],
        ['databases[1]', 'sql-erp-northeurope/sqldb-erp', 'local'],
        ['failoverGroup', 'sql-erp-westeurope/fog-erp', 'managed'],
        // Named by a hash of an id whose resource group only the deployment knows: not a name drcheck can give.
        ['logs', null, 'local'],
      ],
    );
  });

  it('names a child of one instance of a filtered loop (`[for …: if (…) {…}]`) under that instance, as ARM indexes the copy loop', async () => {
    const servers = "resource servers 'Microsoft.Sql/servers@2023-08-01-preview' = [for r in regions: if (r.deploy) {\n  name: 'sql-erp-${r.name}'\n  location: r.name\n}]";
    const databases = [
      "resource databases 'Microsoft.Sql/servers/databases@2023-08-01-preview' = [for (r, i) in regions: if (r.deploy) {",
      '  parent: servers[i]',
      "  name: 'sqldb-erp'",
      '  location: r.name',
      "  sku: { name: 'S1', tier: 'Standard' }",
      "  properties: { requestedBackupStorageRedundancy: 'Local' }",
      '}]',
    ].join('\n');
    const group = "resource fog 'Microsoft.Sql/servers/failoverGroups@2023-08-01-preview' = {\n  parent: servers[0]\n  name: 'fog-erp'\n  properties: {\n    partnerServers: [ { id: servers[1].id } ]\n    readWriteEndpoint: { failoverPolicy: 'Manual' }\n    databases: [ databases[0].id ]\n  }\n}";
    const dir = repo({
      'main.bicep': ["param regions array = [\n  { name: 'westeurope', deploy: true }\n  { name: 'northeurope', deploy: true }\n]", servers, databases, group].join('\n'),
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      r.resources.filter((x) => x.type === 'Microsoft.Sql/servers/databases').map((x) => [x.address, x.name, x.redundancy]),
      [
        // databases[0] is in the failover group (found by its name under servers[0]): replicated to the partner.
        ['databases[0]', 'sql-erp-westeurope/sqldb-erp', 'geo'],
        ['databases[1]', 'sql-erp-northeurope/sqldb-erp', 'local'],
      ],
    );
  });

  it('leaves one instance of a loop over a collection only known at deployment unknown, as before', async () => {
    const dir = repo({
      'main.bicep': [
        'param names array',
        "resource vms 'Microsoft.Compute/virtualMachines@2024-07-01' = [for name in names: {\n  name: name\n  location: 'westeurope'\n}]",
        "resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'sterp01'\n  location: 'westeurope'\n  kind: 'StorageV2'\n  sku: { name: 'Standard_GRS' }\n  tags: { vm: vms[0].name }\n}",
      ].join('\n'),
    });
    const read = await readNativeFiles(dir, ['main.bicep']);
    const tag = (read.resources.find((x) => x.address === 'st')!.body.tags as Record<string, unknown>).vm;
    assert.ok(isUnknown(tag), `vms[0].name gave ${JSON.stringify(tag)}`);
  });

  it('reports a module file that cannot be read at each module declaration naming it, and scans the rest', async () => {
    const caller = (name: string) => `param location string = 'westeurope'\nmodule vm '../modules/vm/main.bicep' = {\n  name: '${name}'\n}\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st${name}'\n  location: location\n  sku: {\n    name: 'Standard_GRS'\n  }\n  kind: 'StorageV2'\n}\n`;
    const dir = repo({ 'a/main.bicep': caller('a'), 'b/main.bicep': caller('b') });
    const r = await scan(dir);
    assert.deepEqual(
      r.errors.map((e) => [e.file, e.line, e.column, e.severity, e.code, e.message]),
      [
        ['a/main.bicep', 2, 1, 'error', 'unreadable', "module 'vm': '../modules/vm/main.bicep': cannot read file: ENOENT"],
        ['b/main.bicep', 2, 1, 'error', 'unreadable', "module 'vm': '../modules/vm/main.bicep': cannot read file: ENOENT"],
      ],
    );
    assert.deepEqual(r.resources.map((x) => [x.name, x.status]), [['sta', 'pass'], ['stb', 'pass']]);
  });

  it('reports a file an import cannot read at the import naming it', async () => {
    const dir = repo({
      'main.bicep': "param location string = 'westeurope'\n\nimport { skuName } from 'shared/types.bicep'\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stimport'\n  location: location\n  sku: {\n    name: skuName\n  }\n  kind: 'StorageV2'\n}\n",
    });
    const r = await scan(dir);
    assert.deepEqual(
      r.errors.map((e) => [e.file, e.line, e.column, e.code, e.message]),
      [['main.bicep', 3, 1, 'unreadable', "import: 'shared/types.bicep': cannot read file: ENOENT"]],
    );
    assert.equal(r.resources[0].redundancy, 'unknown');
  });

  it('reports a .bicepparam variable that cannot be evaluated once, in the .bicepparam file, however many values use it', async () => {
    const dir = repo({
      'main.bicep': "param name string\nparam sku string\nparam kind string\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: name\n  sku: { name: sku }\n  kind: kind\n}\n",
      'main.bicepparam': "using './main.bicep'\n\nvar bad = nosuch()\nvar prefix = 'st'\nparam name = '${prefix}param'\nparam sku = bad\nparam kind = bad\n",
    });
    const read = await readNativeFiles(dir, ['main.bicep', 'main.bicepparam']);
    assert.deepEqual(
      read.issues.map((i) => [i.file, i.line, i.column, i.code, i.message]),
      [['main.bicepparam', 3, 1, 'expression-error', "variable 'bad': unknown function 'nosuch'"]],
    );
    assert.deepEqual(read.resources.map((x) => x.name), ['stparam']);
  });

  it("evaluates a module's output once, however many times the caller reads it (within the module's budget of steps)", async () => {
    const dir = repo({
      // About 250 steps to evaluate, read by ten resources: within a budget of 1000 only when evaluated once.
      'naming.bicep': "output suffix string = string(length(map(range(0, 120), i => i)))\n",
      'main.bicep': [
        "module naming 'naming.bicep' = {\n  name: 'naming'\n}",
        "resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = [for i in range(0, 10): {\n  name: 'st${i}x${naming.outputs.suffix}'\n  sku: { name: 'Standard_GRS' }\n}]",
        "resource whole 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stwhole${naming.outputs['suffix']}'\n  sku: { name: 'Standard_GRS' }\n}",
        '',
      ].join('\n'),
    });
    const read = await readNativeFiles(dir, ['main.bicep', 'naming.bicep'], { ...readerContext(dir), limits: { ...DEFAULT_LIMITS, maxEvaluationSteps: 1000 } });
    assert.deepEqual(read.issues, []);
    assert.deepEqual(
      read.resources.map((x) => x.name),
      [...Array.from({ length: 10 }, (_, i) => `st${i}x120`), 'stwhole120'],
    );
  });
});

describe('Bicep reader (compile with the Bicep CLI)', function () {
  this.timeout(60000);
  let bin: string;
  const saved = { ...process.env };
  const compiled = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stcompiled', location: 'westeurope', sku: { name: 'Standard_GZRS' } }],
  });
  const source = "resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stcompiled'\n  location: 'westeurope'\n  sku: { name: 'Standard_LRS' }\n}\n";
  // The same account with its SKU a parameter: the Bicep file, what the CLI compiles it to, and a JSON parameters file.
  const withSkuParam = "param skuName string = 'Standard_LRS'\n" + source.replace("'Standard_LRS' }", 'skuName }');
  const withParam = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { skuName: { type: 'string', defaultValue: 'Standard_LRS' } },
    resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stcompiled', location: 'westeurope', sku: { name: "[parameters('skuName')]" } }],
  });
  const skuParameters = (sku: string) => JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { skuName: { value: sku } } });

  function standIn(mode: string, outputs: Record<string, string>): string {
    bin = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-bin-'));
    const exe = path.join(bin, 'bicep');
    fs.writeFileSync(exe, `#!${process.execPath}\nrequire(${JSON.stringify(path.join(__dirname, 'standin-bicep.cjs'))});\n`);
    fs.chmodSync(exe, 0o755);
    const map = path.join(bin, 'outputs.json');
    fs.writeFileSync(map, JSON.stringify(outputs));
    const log = path.join(bin, 'calls.log');
    Object.assign(process.env, { PATH: `${bin}${path.delimiter}${saved.PATH}`, STANDIN_MODE: mode, STANDIN_OUTPUT: map, STANDIN_LOG: log, DRCHECK_BICEP_TIMEOUT_MS: '2000' });
    return log;
  }
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('compiles every entry in one jsonrpc process and judges the compiled ARM, pointing at the .bicep line', async () => {
    const dir = repo({ 'a/main.bicep': source, 'b/main.bicep': source.replace('stcompiled', 'stother') });
    const log = standIn('jsonrpc', { [path.join(dir, 'a/main.bicep')]: compiled, [path.join(dir, 'b/main.bicep')]: compiled.replace('stcompiled', 'stother') });
    const r = await scan(dir, 'compile');
    assert.deepEqual(fs.readFileSync(log, 'utf8').trim().split('\n'), ['jsonrpc --stdio'], 'one process, no cold start per file');
    const st = r.resources.find((x) => x.name === 'stcompiled')!;
    assert.equal(st.redundancy, 'geo', 'the compiled template wins over the native reading');
    assert.deepEqual([st.file, st.line, st.language], ['a/main.bicep', 1, 'bicep']);
    assert.ok(r.resources.some((x) => x.name === 'stother'));
  });

  it('reads the compiled template with the parameters file beside the .bicep entry (`main.parameters.json`)', async () => {
    const dir = repo({ 'main.bicep': withSkuParam, 'main.parameters.json': skuParameters('Standard_GZRS') });
    standIn('jsonrpc', { [path.join(dir, 'main.bicep')]: withParam });
    const r = await scan(dir, 'compile');
    assert.deepEqual(r.errors, []);
    assert.deepEqual([r.resources[0].name, r.resources[0].redundancy], ['stcompiled', 'geo']);
  });

  it('reads the compiled template with the values the native reader would choose: a .bicepparam first, the quickstart layout', async () => {
    const dir = repo({
      'a/main.bicep': withSkuParam,
      'a/main.bicepparam': "using 'main.bicep'\nparam skuName = 'Standard_GZRS'\n",
      'a/main.parameters.json': skuParameters('Standard_LRS'),
      'b/main.bicep': withSkuParam.replace('stcompiled', 'stquick'),
      'b/azuredeploy.parameters.json': skuParameters('Standard_RAGRS'),
    });
    standIn('jsonrpc', { [path.join(dir, 'a/main.bicep')]: withParam, [path.join(dir, 'b/main.bicep')]: withParam.replace('stcompiled', 'stquick') });
    const r = await scan(dir, 'compile');
    // a: the .bicepparam's Standard_GZRS, not the JSON file's Standard_LRS; b: azuredeploy.parameters.json's Standard_RAGRS.
    assert.deepEqual(r.resources.map((x) => [x.file, x.redundancy, x.redundancyDetail]).sort(), [['a/main.bicep', 'geo', 'geo-zone'], ['b/main.bicep', 'geo', 'geo-replica']]);
    // The JSON file beside the .bicepparam is named as not read, as in the native reader.
    assert.deepEqual(r.errors.map((e) => [e.file, e.code]), [['a/main.bicepparam', 'parameters-not-read']]);
  });

  it('uses build --stdout when the CLI has no jsonrpc', async () => {
    const dir = repo({ 'main.bicep': source });
    const log = standIn('build', { [path.join(dir, 'main.bicep')]: compiled });
    const r = await scan(dir, 'compile');
    assert.match(fs.readFileSync(log, 'utf8'), /build --stdout .*main\.bicep/);
    assert.equal(r.resources[0].redundancy, 'geo');
  });

  it('falls back to the native reader, saying why, when the CLI is missing, fails, hangs or prints garbage', async () => {
    const dir = repo({ 'main.bicep': source });
    for (const [mode, why] of [
      ['missing', /Bicep CLI not found on PATH/],
      ['fail', /bicep build failed for main\.bicep: Error BCP000: the stand-in was told to fail/],
      ['hang', /timed out after 2000 ms/],
      ['garbage', /the output was not an ARM template/],
    ] as const) {
      if (mode === 'missing') Object.assign(process.env, { PATH: fs.mkdtempSync(path.join(os.tmpdir(), 'empty-path-')) });
      else standIn(mode, {});
      const r = await scan(dir, 'compile');
      const warning = r.errors.find((e) => e.code === 'bicep-cli');
      assert.ok(warning, `${mode}: a warning`);
      assert.match(warning.message, why);
      assert.equal(r.resources.find((x) => x.name === 'stcompiled')?.redundancy, 'local', `${mode}: read natively instead`);
    }
  });

  it('kills a wrapper CLI with everything it started when it hangs, and falls back to the native reader', async function () {
    if (process.platform === 'win32') this.skip();
    this.timeout(20000);
    const dir = repo({ 'main.bicep': source });
    standIn('hang', {});
    // Like `az bicep` (az -> python -> bicep): the wrapper does not exec, its child holds the pipes open.
    const pids = path.join(bin, 'pids.log');
    fs.writeFileSync(path.join(bin, 'bicep'), `#!/bin/sh\nsleep 1000 &\necho $! >> '${pids}'\nwait\necho done\n`);
    process.env.DRCHECK_BICEP_TIMEOUT_MS = '300';
    const started = Date.now();
    const r = await scan(dir, 'compile');
    assert.ok(Date.now() - started < 10000, 'the scan does not wait for the grandchild');
    assert.match(r.errors.find((e) => e.code === 'bicep-cli')!.message, /timed out after 300 ms/);
    assert.equal(r.resources.find((x) => x.name === 'stcompiled')?.redundancy, 'local', 'read natively instead');
    const sleepers = fs.readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    assert.ok(sleepers.length >= 2, 'jsonrpc, then build --stdout');
    await new Promise((res) => setTimeout(res, 100));
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
      } catch {
        return false;
      }
      // Killed but not reaped (its parent, the wrapper, is gone and this container's init may not reap): a zombie.
      const stat = fs.existsSync(`/proc/${pid}/stat`) ? fs.readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
      return !/^\d+ \(.*\) Z/.test(stat);
    };
    for (const pid of sleepers) assert.equal(alive(pid), false, `sleep ${pid} was killed with its wrapper`);
  });
});
