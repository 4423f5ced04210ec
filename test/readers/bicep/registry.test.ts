import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScan } from '../../../tasks/DrCheckV1/src/scan';
import type { PostureReport } from '../../../shared/report/types';
import { cachedTemplatePath, encodeTag, parseRegistryPath, type BicepConfig } from '../../../tasks/DrCheckV1/src/readers/bicep/registry';
import { repo as makeRepo } from '../../support/repo';
import { byAddress } from '../../support/report';

const FIXTURE_CACHE = path.join(__dirname, 'fixtures/bicep-cache');
const STORAGE = "'br/public:avm/res/storage/storage-account:0.33.0'";

/** A repository whose bicepconfig.json points at a copy of the fixture module cache (as `bicep restore` left it). */
function repoWithCache(files: Record<string, string>, config: Record<string, unknown> = {}): { dir: string; cache: string } {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-bicep-cache-'));
  fs.cpSync(FIXTURE_CACHE, cache, { recursive: true });
  const dir = makeRepo({ ...files, 'bicepconfig.json': `{\n  // where bicep restore put the modules\n  ${JSON.stringify({ cacheRootDirectory: cache, ...config }).slice(1, -1)}\n}\n` }, 'drcheck-bicep-registry-');
  return { dir, cache };
}

const scan = async (dir: string): Promise<PostureReport> => (await runScan({ paths: ['.'], cwd: dir, configFile: null })).report;
const by = byAddress;

describe('Bicep registry modules (from the local Bicep module cache)', () => {
  it('judges the resources of an Azure Verified Module with the params the module call gives, at the module call', async () => {
    const { dir } = repoWithCache({
      'main.bicep': `param location string = 'westeurope'

module lake ${STORAGE} = {
  name: 'lake'
  params: {
    name: 'stcontosolake'
    location: location
    skuName: 'Standard_LRS'
  }
}

module archive ${STORAGE} = {
  name: 'archive'
  params: {
    name: 'stcontosoarchive'
  }
}

// The module's outputs are evaluated from its template: the name it was given comes back.
resource copy 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: '\${lake.outputs.name}copy'
  location: location
  sku: {
    name: 'Standard_GZRS'
  }
  kind: 'StorageV2'
}
`,
    });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    const lake = by(r, 'lake.storageAccount');
    assert.deepEqual([lake.name, lake.status, lake.redundancy, lake.file, lake.line, lake.language], ['stcontosolake', 'fail', 'local', 'main.bicep', 3, 'bicep']);
    assert.match(lake.reason, /Standard_LRS/);
    // The module's own default (Standard_GRS) applies where the call does not set skuName.
    const archive = by(r, 'archive.storageAccount');
    assert.deepEqual([archive.name, archive.status, archive.redundancy, archive.line], ['stcontosoarchive', 'pass', 'geo', 12]);
    assert.equal(by(r, 'copy').name, 'stcontosolakecopy');
  });

  it('runs a module loop once per instance, with custom aliases from bicepconfig.json', async () => {
    const { dir } = repoWithCache(
      {
        'main.bicep': `param regions array = ['westeurope', 'northeurope']

module lakes 'br/avm:res/storage/storage-account:0.33.0' = [for (region, i) in regions: {
  name: 'lake-\${i}'
  params: {
    name: 'stlake\${i}'
    location: region
    skuName: i == 0 ? 'Standard_RAGZRS' : 'Standard_ZRS'
  }
}]
`,
      },
      { moduleAliases: { br: { avm: { registry: 'mcr.microsoft.com', modulePath: 'bicep/avm' } } } },
    );
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(
      ['lakes[0].storageAccount', 'lakes[1].storageAccount'].map((a) => [by(r, a).name, by(r, a).redundancy, by(r, a).redundancyDetail, by(r, a).location]),
      [
        ['stlake0', 'geo', 'geo-zone', 'westeurope'],
        ['stlake1', 'zone', undefined, 'northeurope'],
      ],
    );
  });

  it("never judges a module on its defaults where the call's params are not known as a whole", async () => {
    const { dir } = repoWithCache({
      'main.bicep': `param common object
param archive bool

// The params are unknown (common has no value), yet they set Standard_LRS: not the module's default, Standard_GRS.
module lake ${STORAGE} = {
  name: 'lake'
  params: union(common, {
    name: 'stcontosolake'
    skuName: 'Standard_LRS'
  })
}

// The SKU may come from common: unknown, never the default.
module raw ${STORAGE} = {
  name: 'raw'
  params: union({ skuName: 'Standard_GRS' }, common, { name: 'stcontosoraw' })
}

// One of two objects: each parameter is one of the values they give.
module logs ${STORAGE} = {
  name: 'logs'
  params: archive ? {
    name: 'stcontosologs'
    skuName: 'Standard_LRS'
  } : {
    name: 'stcontosologs'
    skuName: 'Standard_ZRS'
  }
}
`,
    });
    const r = await scan(dir);
    const lake = by(r, 'lake.storageAccount');
    assert.deepEqual([lake.name, lake.status, lake.redundancy], ['stcontosolake', 'fail', 'local']);
    const raw = by(r, 'raw.storageAccount');
    assert.deepEqual([raw.name, raw.status, raw.redundancy], ['stcontosoraw', 'unknown', 'unknown']);
    const logs = by(r, 'logs.storageAccount');
    assert.deepEqual([logs.name, logs.status, logs.redundancy], ['stcontosologs', 'fail', 'local']);
    // Only the partly unknown params leave loops undecided; the conditional ones leave the module's optional parts at their defaults.
    assert.ok(r.errors.every((e) => e.line === 5 || e.line === 14), r.errors.map((e) => `${e.line} ${e.message}`).join('\n'));
    // Both partly unknown calls leave loops undecided (an empty list would pass the line check above too).
    assert.deepEqual([...new Set(r.errors.map((e) => e.line))].sort((a, b) => a - b), [5, 14]);
    assert.ok(r.errors.every((e) => e.code === 'copy-unknown'));
  });

  it('does not judge a module cache kept inside the repository a second time, on its own defaults', async () => {
    // cacheRootDirectory relative to bicepconfig.json, inside the scanned folder (a pipeline caching it with the sources).
    const dir = makeRepo({ 'main.bicep': `module lake ${STORAGE} = {\n  name: 'lake'\n  params: {\n    name: 'stcontosolake'\n    skuName: 'Standard_LRS'\n  }\n}\n`, 'bicepconfig.json': '{ "cacheRootDirectory": "./.modules" }' }, 'drcheck-bicep-registry-');
    fs.cpSync(FIXTURE_CACHE, path.join(dir, '.modules'), { recursive: true });
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.resources.map((x) => [x.address, x.file, x.name]), [
      ['lake.storageAccount', 'main.bicep', 'stcontosolake'],
      ['lake.blobServices', 'main.bicep', 'stcontosolake/default'],
    ]);
  });

  it('says to run bicep restore for a module missing from the cache, and never reads outside it for a crafted path', async () => {
    const { dir, cache } = repoWithCache({
      'main.bicep': `module vault 'br/public:avm/res/key-vault/vault:0.14.0' = {
  name: 'kv'
  params: {
    name: 'kv-contoso'
  }
}

module sneaky 'br:mcr.microsoft.com/../../etc:1' = {
  name: 'x'
}

module unknownAlias 'br/corp:storage:1.0.0' = {
  name: 'y'
}
`,
    });
    const r = await scan(dir);
    assert.equal(r.resources.length, 0);
    const messages = r.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.severity} ${e.message}`);
    assert.equal(messages.length, 3, messages.join('\n'));
    const expectedPath = path.join(cache, 'br/mcr.microsoft.com/bicep$avm$res$key-vault$vault/0.14.0$/main.json');
    assert.ok(messages[0].startsWith(`1:1 module-not-followed warning module 'vault': 'br/public:avm/res/key-vault/vault:0.14.0' is not in the local Bicep module cache (${expectedPath}): run \`bicep restore\``), messages[0]);
    assert.match(messages[1], /^8:1 module-not-followed warning module 'sneaky': .* cannot be resolved: '\.\.\/\.\.\/etc' is not a repository name/);
    assert.match(messages[2], /^12:1 module-not-followed warning module 'unknownAlias': .* no module alias 'corp' in bicepconfig\.json/);
  });
  it('never follows a link out of a module cache kept in the repository', async () => {
    // A pull request controls an in-repository cache: a link there in place of main.json could name any file of the agent.
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-outside-'));
    const secret = path.join(outside, 'deploy.json');
    fs.writeFileSync(secret, JSON.stringify({ resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stagentsecret', location: 'westeurope', sku: { name: 'Standard_LRS' } }] }));
    const dir = makeRepo({ 'main.bicep': "module lake 'br:contoso.azurecr.io/lake:1.0.0' = {\n  name: 'lake'\n}\n", 'bicepconfig.json': '{ "cacheRootDirectory": "./.modules" }' }, 'drcheck-bicep-registry-');
    const folder = path.join(dir, '.modules/br/contoso.azurecr.io/lake/1.0.0$');
    fs.mkdirSync(folder, { recursive: true });
    fs.symlinkSync(secret, path.join(folder, 'main.json'));
    const r = await scan(dir);
    assert.deepEqual(r.resources, []);
    assert.deepEqual(r.errors.map((e) => `${e.line} ${e.code}`), ['1 module-not-followed']);
    assert.match(r.errors[0].message, /links outside the Bicep module cache/);
  });
});

/** Writes a compiled template where `bicep restore` would have put `br:<registry>/<repository>:<tag>` (lower-case tag). */
function writeCached(cache: string, registry: string, repository: string, tag: string, template: unknown): void {
  const folder = path.join(cache, 'br', registry, repository.replace(/\//g, '$'), `${tag}$`);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'main.json'), typeof template === 'string' ? template : JSON.stringify(template));
}

describe('Bicep registry modules: templates drcheck cannot evaluate', () => {
  it('reports a cached template the ARM reader fails on at the module line, and still reads every other resource', async () => {
    const { dir, cache } = repoWithCache({
      'main.bicep': `module broken 'br:contoso.azurecr.io/broken:1.0.0' = {
  name: 'broken'
}

module brokenOutput 'br:contoso.azurecr.io/broken-output:1.0.0' = {
  name: 'brokenOutput'
}

resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st\${brokenOutput.outputs.name}'
  location: 'westeurope'
  sku: {
    name: 'Standard_GZRS'
  }
}
`,
      'other.bicep': "resource other 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'stother'\n  location: 'westeurope'\n  sku: {\n    name: 'Standard_GZRS'\n  }\n}\n",
    });
    // A user function with no definition (null) makes the ARM reader's scope throw a TypeError, not an expression error.
    const functions = [{ namespace: 'contoso', members: { name: null } }];
    const storage = (name: string) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name, location: 'westeurope', sku: { name: 'Standard_LRS' } });
    writeCached(cache, 'contoso.azurecr.io', 'broken', '1.0.0', { functions, resources: [storage('[contoso.name(1)]')] });
    writeCached(cache, 'contoso.azurecr.io', 'broken-output', '1.0.0', { functions, resources: [storage('stfine')], outputs: { name: { type: 'string', value: '[contoso.name(1)]' } } });
    const r = await scan(dir);
    assert.deepEqual(r.resources.map((x) => `${x.address} ${x.name}`).sort(), ['brokenOutput.stfine stfine', 'other stother', 'st null']);
    assert.equal(by(r, 'st').status, 'pass');
    const failures = r.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.message}`);
    assert.equal(failures.length, 2, failures.join('\n'));
    assert.match(failures[0], /^main\.bicep:1:1 reader-error module 'broken' \(br:contoso\.azurecr\.io\/broken:1\.0\.0\): the ARM reader failed on .*main\.json: /);
    assert.match(failures[1], /^main\.bicep:5:1 reader-error module 'brokenOutput' \(br:contoso\.azurecr\.io\/broken-output:1\.0\.0\): the ARM reader failed on .*main\.json: /);
  });
});

describe('Bicep registry modules: bicepconfig.json', () => {
  const storage = (sym: string) => `module ${sym} ${STORAGE} = {\n  name: '${sym}'\n  params: {\n    name: 'st${sym}'\n  }\n}\n`;

  it('reads a bicepconfig.json saved with a UTF-8 byte order mark, as Bicep does', async () => {
    const { dir, cache } = repoWithCache({ 'main.bicep': storage('lake') });
    fs.writeFileSync(path.join(dir, 'bicepconfig.json'), `\uFEFF${JSON.stringify({ cacheRootDirectory: cache })}`);
    const r = await scan(dir);
    assert.deepEqual(r.errors, []);
    assert.equal(by(r, 'lake.storageAccount').name, 'stlake');
  });

  it('reports a bicepconfig.json it cannot read at the module, instead of using one further up', async () => {
    // The nearest config is saved as UTF-16 (Windows PowerShell's Out-File): Bicep uses it and fails, so does drcheck.
    const { dir, cache } = repoWithCache({ 'infra/main.bicep': storage('lake') });
    fs.writeFileSync(path.join(dir, 'bicepconfig.json'), JSON.stringify({ cacheRootDirectory: './empty-cache' }));
    fs.writeFileSync(path.join(dir, 'infra/bicepconfig.json'), Buffer.from(`\uFEFF${JSON.stringify({ cacheRootDirectory: cache })}`, 'utf16le'));
    const r = await scan(dir);
    assert.deepEqual(r.resources, []);
    const messages = r.errors.filter((e) => e.file === 'infra/main.bicep').map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`);
    assert.equal(messages.length, 1, messages.join('\n'));
    assert.match(messages[0], /^1:1 module-not-followed module 'lake': .* cannot be resolved: infra\/bicepconfig\.json cannot be read \(binary file, not text; not read\); not followed/);
  });
});

describe('Bicep template specs (from the local Bicep module cache)', () => {
  const SUB = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
  /** A template spec version as `bicep restore` writes it: the version resource, whose properties.mainTemplate is the template. */
  const specVersion = (name: string, version: string) => ({
    id: `/subscriptions/${SUB}/resourceGroups/rg-Platform-Specs/providers/Microsoft.Resources/templateSpecs/${name}/versions/${version}`,
    name: version,
    type: 'Microsoft.Resources/templateSpecs/versions',
    location: 'westeurope',
    systemData: { createdBy: 'platform@contoso.com', createdByType: 'User', createdAt: '2026-10-01T09:00:00Z' },
    properties: {
      description: 'Contoso data lake storage',
      mainTemplate: {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        parameters: { name: { type: 'string' }, skuName: { type: 'string', defaultValue: 'Standard_GRS' } },
        resources: [
          { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: "[parameters('name')]", location: 'westeurope', sku: { name: "[parameters('skuName')]" }, kind: 'StorageV2' },
        ],
        outputs: { name: { type: 'string', value: "[parameters('name')]" } },
      },
    },
  });

  it('runs the template spec cached for ts: and ts/<alias>: modules with the params given', async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-bicep-cache-'));
    // Bicep lower-cases every part of a template spec's cache path.
    const folder = path.join(cache, 'ts', SUB, 'rg-platform-specs', 'lake-storage', 'v1.2');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'main.json'), JSON.stringify(specVersion('lake-storage', 'v1.2'), null, 2));
    const dir = makeRepo(
      {
        'main.bicep': `module lake 'ts:${SUB}/rg-Platform-Specs/Lake-Storage:V1.2' = {
  name: 'lake'
  params: {
    name: 'stcontosolake'
    skuName: 'Standard_LRS'
  }
}

module archive 'ts/platform:lake-storage:v1.2' = {
  name: 'archive'
  params: {
    name: '\${lake.outputs.name}archive'
  }
}

module sneaky 'ts:${SUB}/../lake-storage:v1.2' = {
  name: 'x'
}
`,
        'bicepconfig.json': JSON.stringify({ cacheRootDirectory: cache, moduleAliases: { ts: { platform: { subscription: SUB, resourceGroup: 'rg-platform-specs' } } } }),
      },
      'drcheck-bicep-registry-',
    );
    const r = await scan(dir);
    assert.deepEqual(
      r.resources.map((x) => [x.address, x.name, x.status, x.redundancy, x.line]),
      // A template without symbolic names: each resource's address is its name as written, after the module's.
      [
        ["lake.[parameters('name')]", 'stcontosolake', 'fail', 'local', 1],
        ["archive.[parameters('name')]", 'stcontosolakearchive', 'pass', 'geo', 9],
      ],
    );
    assert.deepEqual(
      r.errors.map((e) => `${e.line} ${e.code} ${e.message}`),
      [`16 module-not-followed module 'sneaky': 'ts:${SUB}/../lake-storage:v1.2' cannot be resolved: '..' is not a resource group; not followed (its resources are not scanned)`],
    );
  });
});

describe('Outputs of a cached module', () => {
  it('evaluates an output loop (copy with count and input) for the calling file', async () => {
    const SUB = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
    // As Bicep compiles `output names array = [for (r, i) in regions: '${name}\${i}']`: an output with a copy loop.
    const version = {
      id: `/subscriptions/${SUB}/resourceGroups/rg-specs/providers/Microsoft.Resources/templateSpecs/names/versions/1.0`,
      name: '1.0',
      type: 'Microsoft.Resources/templateSpecs/versions',
      properties: {
        mainTemplate: {
          $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
          contentVersion: '1.0.0.0',
          parameters: { prefix: { type: 'string' }, regions: { type: 'array' } },
          resources: [],
          outputs: {
            names: { type: 'array', copy: { count: "[length(parameters('regions'))]", input: "[format('{0}{1}', parameters('prefix'), copyIndex())]" } },
            unknownCount: { type: 'array', copy: { count: "[length(reference('x').items)]", input: "[copyIndex()]" } },
            tooMany: { type: 'array', copy: { count: 100000, input: "[copyIndex()]" } },
          },
        },
      },
    };
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-bicep-cache-'));
    const folder = path.join(cache, 'ts', SUB, 'rg-specs', 'names', '1.0');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'main.json'), JSON.stringify(version));
    const account = (symbol: string, name: string) => `resource ${symbol} 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: ${name}\n  location: 'westeurope'\n  sku: { name: 'Standard_GRS' }\n  kind: 'StorageV2'\n}\n`;
    const dir = makeRepo(
      {
        'main.bicep':
          `module names 'ts:${SUB}/rg-specs/names:1.0' = {\n  name: 'names'\n  params: {\n    prefix: 'stlake'\n    regions: ['westeurope', 'northeurope']\n  }\n}\n` +
          account('second', 'names.outputs.names[1]') +
          account('unknown', 'string(names.outputs.unknownCount)') +
          account('tooMany', 'string(names.outputs.tooMany)'),
        'bicepconfig.json': JSON.stringify({ cacheRootDirectory: cache }),
      },
      'drcheck-bicep-registry-',
    );
    const r = await scan(dir);
    assert.equal(by(r, 'second').name, 'stlake1');
    assert.equal(by(r, 'unknown').name, null, 'a loop whose count is only known at deployment is unknown');
    assert.equal(by(r, 'tooMany').name, null);
    // A loop over the instance limit is reported, as a resource loop's is, at the module line; one only known at deployment is not.
    assert.deepEqual(
      r.errors.map((e) => [e.line, e.code, e.message]),
      [[1, 'copy-limit', `module 'names' (ts:${SUB}/rg-specs/names:1.0): output 'tooMany': a loop of 100000 instances, over the limit of 800; the output was not evaluated`]],
    );
  });
});

describe('Bicep template spec aliases', () => {
  it('says what a template spec alias in bicepconfig.json lacks', async () => {
    const dir = makeRepo(
      {
        'main.bicep': "module lake 'ts/half:lake:1.0' = {\n  name: 'lake'\n}\n",
        'bicepconfig.json': JSON.stringify({ moduleAliases: { ts: { half: { subscription: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' } } } }),
      },
      'drcheck-bicep-registry-',
    );
    const r = await scan(dir);
    assert.deepEqual(
      r.errors.map((e) => `${e.line} ${e.message}`),
      ["1 module 'lake': 'ts/half:lake:1.0' cannot be resolved: template spec alias 'half' in bicepconfig.json has no resourceGroup; not followed (its resources are not scanned)"],
    );
  });
});

describe('Bicep template specs with linked templates', () => {
  it('follows relativePath links to the templates stored with the spec, never to files beside the cache', async () => {
    const SUB = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
    const template = (resources: unknown[], parameters: Record<string, unknown> = {}) => ({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters,
      resources,
    });
    const link = (name: string, relativePath: string) => ({
      type: 'Microsoft.Resources/deployments',
      apiVersion: '2022-09-01',
      name,
      properties: { mode: 'Incremental', templateLink: { relativePath }, parameters: { name: { value: "[parameters('name')]" } } },
    });
    // `az ts create --template-file main.json` stores each linked template under the path it was linked by.
    const version = {
      id: `/subscriptions/${SUB}/resourceGroups/rg-specs/providers/Microsoft.Resources/templateSpecs/data/versions/2.0`,
      name: '2.0',
      type: 'Microsoft.Resources/templateSpecs/versions',
      location: 'westeurope',
      properties: {
        mainTemplate: template([link('storage', 'artifacts/storage.json'), link('missing', 'artifacts/missing.json')], { name: { type: 'string' } }),
        linkedTemplates: [
          {
            path: 'artifacts/storage.json',
            template: template(
              [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: "[parameters('name')]", location: 'westeurope', sku: { name: 'Standard_ZRS' }, kind: 'StorageV2' }],
              { name: { type: 'string' } },
            ),
          },
        ],
      },
    };
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-bicep-cache-'));
    const folder = path.join(cache, 'ts', SUB, 'rg-specs', 'data', '2.0');
    fs.mkdirSync(path.join(folder, 'artifacts'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'main.json'), JSON.stringify(version));
    // A file beside the cached spec is not part of it: a link must not reach it.
    fs.writeFileSync(path.join(folder, 'artifacts/missing.json'), JSON.stringify(template([{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stplanted', location: 'westeurope', sku: { name: 'Standard_LRS' } }])));
    const dir = makeRepo(
      {
        'main.bicep': `module data 'ts:${SUB}/rg-specs/data:2.0' = {\n  name: 'data'\n  params: {\n    name: 'stcontosodata'\n  }\n}\n`,
        'bicepconfig.json': JSON.stringify({ cacheRootDirectory: cache }),
      },
      'drcheck-bicep-registry-',
    );
    const r = await scan(dir);
    assert.deepEqual(
      r.resources.map((x) => [x.address, x.name, x.redundancy, x.file, x.line]),
      [["data.[parameters('name')]", 'stcontosodata', 'zone', 'main.bicep', 1]],
    );
    assert.deepEqual(
      r.errors.map((e) => `${e.file}:${e.line} ${e.code} ${e.message}`),
      [`main.bicep:1 link-not-followed module 'data' (ts:${SUB}/rg-specs/data:2.0): linked template artifacts/missing.json is not among the templates stored with it; not followed`],
    );
  });
});

describe('Bicep module cache layout', () => {
  const config: BicepConfig = { aliases: new Map([['public', { registry: 'mcr.microsoft.com', modulePath: 'bicep' }]]), cacheRoot: '/home/vsts/.bicep' };

  it('finds a module where Bicep caches it', () => {
    // The layout Bicep's own tests show: ~/.bicep/br/mcr.microsoft.com/bicep$storage$storage-account/1.0.1$/main.json
    const ref = parseRegistryPath('br/public:storage/storage-account:1.0.1', config);
    assert.deepEqual(ref, { registry: 'mcr.microsoft.com', repository: 'bicep/storage/storage-account', tag: '1.0.1' });
    assert.equal(cachedTemplatePath(ref as never, config.cacheRoot), '/home/vsts/.bicep/br/mcr.microsoft.com/bicep$storage$storage-account/1.0.1$/main.json');
    const digest = `sha256:${'ab'.repeat(32)}`;
    const byDigest = parseRegistryPath(`br:Contoso.azurecr.io:5000/bicep/modules/lake@${digest}`, config);
    assert.deepEqual(byDigest, { registry: 'Contoso.azurecr.io:5000', repository: 'bicep/modules/lake', digest });
    assert.equal(cachedTemplatePath(byDigest as never, '/c'), `/c/br/contoso.azurecr.io$5000/bicep$modules$lake/sha256#${'ab'.repeat(32)}/main.json`);
  });

  it("encodes a tag's upper-case letters as Bicep does, so V1 and v1 stay apart", () => {
    assert.equal(encodeTag('v1.0.0'), 'v1.0.0$');
    assert.equal(encodeTag('V1'), 'V1$1');
    assert.equal(encodeTag('aBcD'), 'aBcD$a');
    // A capital past the 64th character sets the high word; the low word is then written in full.
    const long = `${'a'.repeat(64)}B`;
    assert.equal(encodeTag(long), `${long}$10000000000000000`);
  });
});
