import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isUnknown } from '../../../shared/model/value';
import { judge } from '../../../shared/engine/judge';
import { armReader, parseTemplateJson, runArmModule } from '../../../tasks/DrCheckV1/src/readers/arm';
import { runScan } from '../../../tasks/DrCheckV1/src/scan';
import type { ReaderContext, SourceFile } from '../../../tasks/DrCheckV1/src/readers/types';
import type { ScanIssue } from '../../../shared/model/resource';
import { readerContext } from '../../support/reader-context';
import { repo } from '../../support/repo';

const fixtures = path.join(__dirname, 'fixtures');

const context = (root = fixtures): ReaderContext => readerContext(root);

async function read(rel: string, text?: string) {
  const ctx = context();
  const file: SourceFile = { path: path.join(fixtures, rel), rel, text: text ?? fs.readFileSync(path.join(fixtures, rel), 'utf8') };
  return armReader.read([file], ctx);
}

describe('ARM reader', () => {
  it('reads parameters files, copy loops, conditions, copy variables, user functions, children, nested and linked deployments', async () => {
    const { resources, issues } = await read('features.json');
    const names = resources.map((r) => r.name);
    assert.deepEqual(names, ['ctsoalpha', 'ctsobeta', 'ctsogamma', 'afw-zones-from-copy-variable', 'studf', 'sql-parent', 'sql-parent/child-db', 'ctsoinner', 'ctsoouter', 'ctso-cosmos']);
    assert.ok(!names.includes('never-deployed'), 'condition false: not deployed');
    const [a, b] = resources;
    assert.equal(a.body.sku && (a.body.sku as { name: string }).name, 'Standard_GRS');
    assert.equal((b.body.sku as { name: string }).name, 'Standard_LRS');
    assert.equal(a.address, "[concat(parameters('prefix'), variables('names')[copyIndex()])][0]");
    assert.deepEqual(resources[3].body.zones, ['1', '2', '3']);
    const secret = (resources[4].body.sku as { name: unknown }).name;
    assert.ok(isUnknown(secret) && /Key Vault reference/.test(secret.reason), 'Key Vault parameter references are Unknown');
    const child = resources[6];
    assert.equal(child.type, 'Microsoft.Sql/servers/databases');
    assert.equal(child.parent, 'sql-parent');
    const inner = resources[7];
    assert.equal(inner.subscription, '44444444-4444-4444-8444-444444444444');
    assert.equal(inner.resourceGroup, 'rg-inner');
    const linked = resources[9];
    assert.equal(linked.source.file, 'linked/cosmos.json');
    assert.equal(linked.entry, 'features.json', 'a linked template is deployed from the template that links it');
    assert.ok(resources.slice(0, 9).every((r) => r.entry === undefined));
    assert.equal(linked.source.line, 6);
    assert.equal(a.source.line, 30);
    assert.equal(a.source.column, 5);
    assert.deepEqual(issues.map((i) => [i.code, i.severity]), [['link-not-followed', 'warning']]);
    assert.match(issues[0].message, /linked template by URI \(https:\/\/example\.invalid\/template\.json\) not followed/);
  });

  it('reads languageVersion 2.0 symbolic resources and skips existing ones', async () => {
    const { resources, issues } = await read('symbolic.json');
    assert.deepEqual(resources.map((r) => [r.address, r.name]), [['lake', 'stsymbolic']]);
    assert.equal(resources[0].source.line, 6);
    assert.deepEqual(issues, []);
  });

  it('reports variable cycles, bad expressions and loops over the limit with positions, and keeps the rest', async () => {
    const { resources, issues } = await read('bad-variables.json');
    assert.ok(resources.some((r) => r.name === 'stafterproblems'));
    assert.ok(!resources.some((r) => r.name === 'stbigloop'));
    const cycle = issues.find((i) => i.code === 'variable-cycle')!;
    assert.match(cycle.message, /variable '(a|b)' depends on itself/);
    const bad = issues.find((i) => /unknown function 'nosuch'/.test(i.message))!;
    assert.equal(bad.line, 10);
    const loop = issues.find((i) => i.code === 'copy-limit')!;
    assert.match(loop.message, /5000 instances, over the limit of 800/);
    assert.equal(loop.line, 11);
  });

  it('detects linked-template cycles', async () => {
    const { resources, issues } = await read('cycle/a.json');
    assert.deepEqual(resources.map((r) => r.name), ['stinb']);
    assert.equal(issues[0].code, 'module-cycle');
    assert.match(issues[0].message, /cycle: cycle\/a\.json → cycle\/b\.json → cycle\/a\.json/);
  });

  it('reports malformed JSON with line and column, and deep nesting without crashing', async () => {
    const broken = await read('broken.json', '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "resources": [\n    { "type": "Microsoft.Storage/storageAccounts" "name": "x" }\n  ]\n}');
    assert.deepEqual(broken.issues.map((i) => [i.line, i.column, i.message]), [[4, 51, "invalid JSON: ',' expected"]]);
    const deep = `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","resources":[],"x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const r = await read('deep.json', deep);
    assert.match(r.issues[0].message, /nested deeper than 256 levels/);
  });

  it('reads strings with line breaks (multi-line expressions) and object variables with their own copy loops, as in the ALZ ARM templates', async () => {
    const r = await read('multiline-and-variable-copy.json');
    assert.deepEqual(r.issues, []);
    const vnet = r.resources.find((x) => x.type === 'Microsoft.Network/virtualNetworks');
    assert.ok(vnet);
    assert.deepEqual((vnet.body.properties as { dhcpOptions: { dnsServers: unknown } }).dhcpOptions.dnsServers, ['10.0.0.4']);
    assert.deepEqual([vnet.source.line, vnet.source.column], [34, 5]);
    const lakes = r.resources.filter((x) => x.type === 'Microsoft.Storage/storageAccounts');
    assert.deepEqual(lakes.map((x) => [x.name, (x.body.sku as { name: string }).name, x.body.location, (x.body.tags as { owner: string }).owner]), [
      ['stlakewesteurope', 'Standard_GZRS', 'westeurope', 'platform'],
      ['stlakenortheurope', 'Standard_ZRS', 'northeurope', 'platform'],
    ]);
    // Positions after the multi-line string still count its line breaks.
    assert.deepEqual(lakes.map((x) => x.source.line), [51, 51]);
  });

  it('reports a syntax error after a multi-line string at its line and column in the file as written', async () => {
    const text = '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "variables": { "x": "[concat(\n    \'a\',\n    \'b\')]" },\n  "resources": [ { "type": "Microsoft.Storage/storageAccounts" "name": "x" } ]\n}';
    const r = await read('broken-multiline.json', text);
    assert.deepEqual(r.issues.map((i) => [i.line, i.column, i.message]), [[6, 64, "invalid JSON: ',' expected"]]);
  });

  it('reads a parameter whose declaration is not an object as one given no value, not as a reader failure', async () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { sku: 'string' },
      resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stodd', location: 'westeurope', sku: { name: "[parameters('sku')]" }, kind: 'StorageV2' }],
    };
    const r = await read('odd-parameter.json', JSON.stringify(template, null, 2));
    assert.deepEqual(r.issues, []);
    const sku = (r.resources[0].body.sku as { name: unknown }).name;
    assert.ok(isUnknown(sku) && /parameter 'sku' has no default/.test(sku.reason));
  });

  it('reads module arguments as Bicep compiles them: a whole entry from one expression, and null for a parameter with a default', async () => {
    const r = await read('bicep-compiled-module-args.json');
    assert.deepEqual(r.issues, []);
    const lake = r.resources.find((x) => x.name === 'stlakeprd');
    assert.ok(lake);
    assert.equal((lake.body.sku as { name: string }).name, 'Standard_ZRS');
    assert.equal((lake.body.properties as { isHnsEnabled: boolean }).isHnsEnabled, true, 'null passed for hnsEnabled means its default');
  });

  it('reports a failure on one file as an error on that file and reads the others', async () => {
    const ctx = context();
    const good: SourceFile = { path: path.join(fixtures, 'features.json'), rel: 'features.json', text: fs.readFileSync(path.join(fixtures, 'features.json'), 'utf8') };
    // A text that throws when read stands in for any reader bug on one template.
    const bad: SourceFile = {
      path: path.join(fixtures, 'bad.json'),
      rel: 'bad.json',
      get text(): string {
        throw new Error('boom');
      },
    };
    const out = await armReader.read([bad, good], ctx);
    assert.deepEqual(out.issues.filter((i) => i.file === 'bad.json').map((i) => [i.line, i.column, i.severity, i.code, i.message]), [[1, 1, 'error', 'reader-error', 'the ARM reader failed on this file: boom']]);
    assert.ok(out.resources.some((x) => x.source.file === 'features.json'), 'the other file is still read');
  });

  it("gives a bare copyIndex() inside a property copy loop the resource loop's index, as ARM does (Bicep compiles nested loops this way)", async () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { accounts: { type: 'array', defaultValue: [{ name: 'stlake', rules: ['a', 'b', 'c'] }, { name: 'stlogs', rules: ['d'] }] } },
      resources: [
        {
          type: 'Microsoft.Storage/storageAccounts',
          apiVersion: '2023-05-01',
          name: "[parameters('accounts')[copyIndex()].name]",
          location: 'westeurope',
          sku: { name: 'Standard_GRS' },
          kind: 'StorageV2',
          copy: { name: 'accounts', count: "[length(parameters('accounts'))]" },
          properties: {
            copy: [{ name: 'ipRules', count: "[length(parameters('accounts')[copyIndex()].rules)]", input: { value: "[parameters('accounts')[copyIndex()].rules[copyIndex('ipRules')]]", account: '[copyIndex()]' } }],
          },
        },
      ],
    };
    const r = await read('nested-copy.json', JSON.stringify(template, null, 2));
    assert.deepEqual(r.issues, []);
    assert.deepEqual(
      r.resources.map((x) => [x.name, (x.body.properties as { ipRules: unknown }).ipRules]),
      [
        ['stlake', [{ value: 'a', account: 0 }, { value: 'b', account: 0 }, { value: 'c', account: 0 }]],
        ['stlogs', [{ value: 'd', account: 1 }]],
      ],
    );
  });

  it('expands copy loops in objects at any depth, as Bicep compiles a for inside an object value (AVM module arguments)', async () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { origins: { type: 'array', defaultValue: [{ hostname: 'app1.contoso.com' }, { hostname: 'app2.contoso.com' }] } },
      resources: [
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2022-09-01',
          name: 'front-door',
          properties: {
            mode: 'Incremental',
            expressionEvaluationOptions: { scope: 'inner' },
            parameters: {
              originGroups: {
                value: [
                  {
                    copy: [{ name: 'origins', count: "[length(parameters('origins'))]", input: { hostName: "[parameters('origins')[copyIndex('origins')].hostname]", priority: "[add(copyIndex('origins'), 1)]" } }],
                    name: 'apps',
                  },
                ],
              },
            },
            template: {
              $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
              contentVersion: '1.0.0.0',
              parameters: { originGroups: { type: 'array' } },
              resources: [
                {
                  type: 'Microsoft.Cdn/profiles/originGroups',
                  apiVersion: '2023-05-01',
                  name: "[format('afd/{0}', parameters('originGroups')[0].name)]",
                  properties: { origins: "[parameters('originGroups')[0].origins]", loadBalancing: { copy: [{ name: 'probes', count: 2, input: "[format('probe{0}', copyIndex('probes'))]" }] } },
                },
              ],
            },
          },
        },
      ],
    };
    const r = await read('nested-object-copy.json', JSON.stringify(template, null, 2));
    assert.deepEqual(r.issues, []);
    const group = r.resources.find((x) => x.type === 'Microsoft.Cdn/profiles/originGroups');
    assert.ok(group);
    assert.equal(group.name, 'afd/apps');
    assert.deepEqual(group.body.properties, {
      origins: [
        { hostName: 'app1.contoso.com', priority: 1 },
        { hostName: 'app2.contoso.com', priority: 2 },
      ],
      loadBalancing: { probes: ['probe0', 'probe1'] },
    });
  });

  /** Azure Verified Modules' optional role assignments: one per element of a nullable list parameter. */
  const ROLE_ASSIGNMENTS_LOOP = {
    copy: { name: 'lake_roleAssignments', count: "[length(coalesce(parameters('roleAssignments'), createArray()))]" },
    type: 'Microsoft.Authorization/roleAssignments',
    apiVersion: '2022-04-01',
    name: "[guid(parameters('name'), coalesce(parameters('roleAssignments'), createArray())[copyIndex()].principalId)]",
    properties: { principalId: "[coalesce(parameters('roleAssignments'), createArray())[copyIndex()].principalId]" },
  };

  /** A languageVersion 2.0 template (symbolic resource names) with `rest` after its header. */
  const symbolicTemplate = (rest: Record<string, unknown>) => ({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    languageVersion: '2.0',
    contentVersion: '1.0.0.0',
    ...rest,
  });
  /** The GZRS storage account `parameters('name')` those templates deploy, with `tags`. */
  const lake = (tags: Record<string, unknown>) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: "[parameters('name')]", location: 'westeurope', sku: { name: 'Standard_GZRS' }, kind: 'StorageV2', tags });

  it('takes an unset nullable parameter as null, so an AVM-style optional list drives no loop instance and no warning', async () => {
    const template = symbolicTemplate({
      parameters: {
        name: { type: 'string', defaultValue: 'stlakeprd' },
        roleAssignments: { type: 'array', nullable: true },
        required: { type: 'string' },
      },
      resources: {
        lake: lake({ owner: "[parameters('required')]" }),
        lake_roleAssignments: ROLE_ASSIGNMENTS_LOOP,
      },
    });
    const r = await read('nullable.json', JSON.stringify(template, null, 2));
    assert.deepEqual(r.issues, []);
    assert.deepEqual(r.resources.map((x) => x.type), ['Microsoft.Storage/storageAccounts']);
    const owner = (r.resources[0].body.tags as { owner: unknown }).owner;
    assert.ok(isUnknown(owner), 'a parameter that is not nullable and has no default stays unknown');
  });

  it('takes a parameter whose user-defined type is nullable ($ref to a nullable definition) as null when unset', async () => {
    // As Bicep compiles `type lockType = {...}?` and `param lock lockType` (Azure Verified Modules before nullable moved
    // onto the parameter): the lock is not deployed, and no loop instance or warning comes from the unset lists.
    const template = symbolicTemplate({
      definitions: {
        lockType: { type: 'object', properties: { name: { type: 'string', nullable: true }, kind: { type: 'string', allowedValues: ['CanNotDelete', 'None', 'ReadOnly'], nullable: true } }, nullable: true },
        roleAssignmentType: { type: 'array', items: { type: 'object', properties: { principalId: { type: 'string' } } }, nullable: true },
        'indirect~1type': { $ref: '#/definitions/roleAssignmentType' },
        requiredType: { type: 'object', properties: { name: { type: 'string' } } },
      },
      parameters: {
        name: { type: 'string', defaultValue: 'stlakeprd' },
        lock: { $ref: '#/definitions/lockType' },
        roleAssignments: { $ref: '#/definitions/indirect~01type' },
        settings: { $ref: '#/definitions/requiredType' },
      },
      resources: {
        lake: lake({ settings: "[parameters('settings')]" }),
        lake_lock: {
          condition: "[and(not(empty(coalesce(parameters('lock'), createObject()))), not(equals(tryGet(parameters('lock'), 'kind'), 'None')))]",
          type: 'Microsoft.Authorization/locks',
          apiVersion: '2020-05-01',
          scope: "[format('Microsoft.Storage/storageAccounts/{0}', parameters('name'))]",
          name: "[coalesce(tryGet(parameters('lock'), 'name'), format('lock-{0}', parameters('name')))]",
          properties: { level: "[coalesce(tryGet(parameters('lock'), 'kind'), '')]" },
        },
        lake_roleAssignments: ROLE_ASSIGNMENTS_LOOP,
      },
    });
    const r = await read('nullable-ref.json', JSON.stringify(template, null, 2));
    assert.deepEqual(r.issues, []);
    assert.deepEqual(r.resources.map((x) => x.type), ['Microsoft.Storage/storageAccounts']);
    const settings = (r.resources[0].body.tags as { settings: unknown }).settings;
    assert.ok(isUnknown(settings), 'a parameter whose type is not nullable, with no default, stays unknown');
  });

  it('judges each value an object can be through a property, union() and shallowMerge(), as Bicep compiles a conditional spread', async () => {
    const st = (name: string, sku: unknown) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name, location: 'westeurope', sku, kind: 'StorageV2' });
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { geo: { type: 'bool' }, other: { type: 'object' } },
      variables: { tier: "[if(parameters('geo'), createObject('sku', 'Standard_GRS'), createObject('sku', 'Standard_LRS'))]" },
      resources: [
        st('stmember', { name: "[variables('tier').sku]" }),
        st('stunion', "[union(createObject('name', 'Standard_GRS'), if(parameters('geo'), createObject('name', 'Standard_RAGRS'), createObject()))]"),
        // `sku: { name: 'Standard_LRS', ...(geo ? { name: 'Standard_GZRS' } : {}) }` compiled by Bicep.
        st('stmerge', "[shallowMerge(createArray(createObject('name', 'Standard_LRS'), if(parameters('geo'), createObject('name', 'Standard_ZRS'), createObject())))]"),
        // Where every value agrees, the result is known; with a second unknown, it is not one of a few.
        st('stagree', "[shallowMerge(createArray(if(parameters('geo'), createObject('name', 'Standard_ZRS'), createObject('name', 'Standard_ZRS'))))]"),
        st('sttwo', "[shallowMerge(createArray(parameters('other'), if(parameters('geo'), createObject('name', 'Standard_GZRS'), createObject())))]"),
      ],
    };
    const r = await read('spread.json', JSON.stringify(template, null, 2));
    assert.deepEqual(r.issues, []);
    const report = judge({ resources: r.resources, issues: [], strategy: 'redeploy', config: {}, toolVersion: 'test', roots: ['.'] });
    const verdict = (name: string) => {
      const x = report.resources.find((y) => y.name === name)!;
      return [x.status, x.redundancy, x.reason.replace(/, not decided statically.*$/, '')];
    };
    // One value passes the strategy and one does not: not decided, and the reason says which is which.
    assert.deepEqual(verdict('stmember'), ['unknown', 'unknown', 'sku.name can be Standard_GRS or Standard_LRS']);
    // Every value it can be passes, or every one fails: decided.
    assert.deepEqual(verdict('stunion'), ['pass', 'geo', 'sku can be {"name":"Standard_RAGRS"} or {"name":"Standard_GRS"}']);
    assert.deepEqual(verdict('stmerge'), ['fail', 'local', 'sku can be {"name":"Standard_ZRS"} or {"name":"Standard_LRS"}']);
    assert.deepEqual(verdict('stagree').slice(0, 2), ['fail', 'zone']);
    assert.equal(verdict('sttwo')[0], 'unknown');
  });

  it('keeps a __proto__ key as data in a template with comments, and a property copy loop named __proto__', async () => {
    const text = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", // a comment: not plain JSON
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "stlake", "location": "westeurope",
      "sku": { "name": "Standard_LRS" }, "kind": "StorageV2",
      "tags": { "__proto__": { "owner": "platform" } },
      "properties": { "copy": [{ "name": "__proto__", "count": 1, "input": "x" }] }
    }
  ]
}`;
    const r = await read('proto.json', text);
    assert.deepEqual(r.issues, []);
    const [lake] = r.resources;
    assert.deepEqual(Object.keys(lake.body.tags as object), ['__proto__']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(lake.body.tags, '__proto__')?.value, { owner: 'platform' });
    assert.equal(Object.getPrototypeOf(lake.body.properties), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(lake.body.properties, '__proto__')?.value, ['x']);
  });

  it('reads a module argument Bicep compiles from a for expression (the entry\'s own copy loop named value)', async () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      resources: [
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2022-09-01',
          name: 'firewall',
          properties: {
            mode: 'Incremental',
            expressionEvaluationOptions: { scope: 'inner' },
            parameters: { zones: { copy: [{ name: 'value', count: 3, input: "[string(add(copyIndex('value'), 1))]" }] } },
            template: {
              $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
              parameters: { zones: { type: 'array' } },
              resources: [{ type: 'Microsoft.Network/azureFirewalls', apiVersion: '2023-09-01', name: 'afw-hub', location: 'westeurope', zones: "[parameters('zones')]", properties: {} }],
            },
          },
        },
      ],
    };
    const r = await read('module-for-argument.json', JSON.stringify(template, null, 2));
    assert.deepEqual(r.issues, []);
    assert.deepEqual(r.resources.map((x) => [x.name, x.body.zones]), [['afw-hub', ['1', '2', '3']]]);
  });

  it('reports a property copy loop over the limit as copy-limit at its resource, leaves the property unknown and keeps the resource', async () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources: [{ type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name: 'vnet-hub', location: 'westeurope', properties: { copy: [{ name: 'subnets', count: 5000, input: { name: "[format('snet{0}', copyIndex('subnets'))]" } }] } }],
    };
    const r = await read('property-bomb.json', JSON.stringify(template, null, 2));
    assert.deepEqual(r.issues.map((i) => [i.code, i.line]), [['copy-limit', 5]]);
    assert.match(r.issues[0].message, /copy loop 'subnets' has 5000 instances, over the limit of 800/);
    assert.ok(isUnknown((r.resources[0].body.properties as { subnets: unknown }).subnets));
  });

  it('reports a copy variable over the limit as copy-limit, and a variable cycle in a nested template as variable-cycle', async () => {
    const schema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
    const template = {
      $schema: schema,
      contentVersion: '1.0.0.0',
      variables: { copy: [{ name: 'subnets', count: 5000, input: "[format('snet{0}', copyIndex('subnets'))]" }] },
      resources: [
        { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name: 'vnet-hub', location: 'westeurope', properties: { subnets: "[variables('subnets')]" } },
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2022-09-01',
          name: 'inner',
          properties: {
            mode: 'Incremental',
            expressionEvaluationOptions: { scope: 'inner' },
            template: {
              $schema: schema,
              contentVersion: '1.0.0.0',
              variables: { a: "[variables('b')]", b: "[variables('a')]" },
              resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stcycle', location: 'westeurope', sku: { name: "[variables('a')]" }, kind: 'StorageV2' }],
            },
          },
        },
      ],
    };
    const r = await read('scope-codes.json', JSON.stringify(template, null, 2));
    assert.deepEqual(r.issues.map((i) => i.code), ['copy-limit', 'variable-cycle']);
    assert.match(r.issues[0].message, /copy loop 'subnets' has 5000 instances, over the limit of 800/);
    assert.match(r.issues[1].message, /variable '(a|b)' depends on itself/);
    assert.deepEqual(r.resources.map((x) => x.name), ['vnet-hub', 'stcycle']);
  });

  it('gives an expression repeated across loop instances, templates and files the value of each one\'s own scope', async () => {
    const schema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
    const storage = (name: string, location: string, extra: Record<string, unknown> = {}) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name, location, sku: { name: "[parameters('sku')]" }, kind: 'StorageV2', ...extra });
    const nested = (name: string, inner: boolean) => ({
      type: 'Microsoft.Resources/deployments',
      apiVersion: '2022-09-01',
      name,
      properties: {
        mode: 'Incremental',
        ...(inner ? { expressionEvaluationOptions: { scope: 'inner' }, parameters: { location: { value: 'swedencentral' } } } : {}),
        template: {
          $schema: schema,
          contentVersion: '1.0.0.0',
          parameters: inner ? { location: { type: 'string' }, sku: { type: 'string', defaultValue: 'Standard_ZRS' } } : {},
          resources: [storage(`[concat('st', '${name}')]`, "[parameters('location')]")],
        },
      },
    });
    const template = (location: string, sku: string) =>
      JSON.stringify(
        {
          $schema: schema,
          contentVersion: '1.0.0.0',
          parameters: { location: { type: 'string', defaultValue: location }, sku: { type: 'string', defaultValue: sku } },
          resources: [
            // The loop's name reads copyIndex() (in any case): a value per instance, never the first one's.
            storage("[concat('stloop', CopyIndex())]", "[parameters('location')]", { copy: { name: 'accounts', count: 3 } }),
            storage("[concat('stplain', parameters('nosuch'))]", "[parameters('location')]"),
            storage("[concat('stagain', parameters('nosuch'))]", "[parameters('location')]"),
            nested('inner', true),
            nested('outer', false),
          ],
        },
        null,
        2,
      );
    const ctx = context();
    const files: SourceFile[] = [
      { path: path.join(fixtures, 'repeat-a.json'), rel: 'repeat-a.json', text: template('westeurope', 'Standard_GRS') },
      { path: path.join(fixtures, 'repeat-b.json'), rel: 'repeat-b.json', text: template('northeurope', 'Standard_LRS') },
    ];
    const r = await armReader.read(files, ctx);
    const rows = r.resources.map((x) => [x.source.file, typeof x.name === 'string' ? x.name : null, x.body.location, (x.body.sku as { name: unknown }).name]);
    // Each file's resources, from template(location, sku): its own values everywhere but in the inner-scope deployment.
    const expected = (file: string, location: string, sku: string) => [
      [file, 'stloop0', location, sku],
      [file, 'stloop1', location, sku],
      [file, 'stloop2', location, sku],
      [file, null, location, sku],
      [file, null, location, sku],
      [file, 'stinner', 'swedencentral', 'Standard_ZRS'],
      [file, 'stouter', location, sku],
    ];
    assert.deepEqual(rows, [...expected('repeat-a.json', 'westeurope', 'Standard_GRS'), ...expected('repeat-b.json', 'northeurope', 'Standard_LRS')]);
    // An expression error is reported where each resource has it (its `name`), in every file.
    assert.deepEqual(
      r.issues.map((i) => [i.file, i.line, i.column, /parameter 'nosuch' is not declared/.test(i.message)]),
      [
        ['repeat-a.json', 32, 15, true],
        ['repeat-a.json', 42, 15, true],
        ['repeat-b.json', 32, 15, true],
        ['repeat-b.json', 42, 15, true],
      ],
    );
  });

  it('reports an invalid expression at the line and column where it is written, in a resource or in a variable', async () => {
    const text = [
      '{',
      '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
      '  "contentVersion": "1.0.0.0",',
      '  "variables": {',
      '    "prefix": "[toLower(parameters(\'env\')]"',
      '  },',
      '  "resources": [',
      '    {',
      '      "type": "Microsoft.Insights/components",',
      '      "apiVersion": "2020-02-02",',
      '      "name": "[concat(variables(\'prefix\'), \'-appi\')]",',
      '      "location": "westeurope",',
      '      "properties": {',
      '        "Application_Type": "other",',
      '        "InstrumentationKey": "[Application_Insights_Key]"',
      '      }',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    const out = await read('positions.json', text);
    assert.deepEqual(
      out.issues.map((i) => [i.line, i.column, i.code]),
      [
        [5, 15, 'expression-error'],
        [15, 31, 'expression-error'],
      ],
    );
  });

  it('keeps the values an unknown setting can only be (allowed values, if() branches), handed on or computed from', async () => {
    const st = (name: string, sku: string) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name, location: 'westeurope', sku: { name: sku }, kind: 'StorageV2' });
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: {
        sku: { type: 'string', allowedValues: ['Standard_LRS', 'Standard_ZRS', 'Standard_LRS'] },
        zones: { type: 'array', allowedValues: ['1', '2', '3'] },
        geo: { type: 'bool' },
        settings: { type: 'object' },
        environment: { type: 'string', allowedValues: ['dev', 'prod'] },
      },
      variables: {
        chosen: "[if(parameters('geo'), 'Standard_GRS', parameters('sku'))]",
        skus: { dev: 'Standard_LRS', prod: 'Standard_GZRS' },
        prodOnly: { prod: 'Standard_GZRS' },
      },
      resources: [
        st('stallowed', "[parameters('sku')]"),
        st('stbranches', "[if(parameters('geo'), 'Standard_GRS', 'Standard_LRS')]"),
        st('stnested', "[variables('chosen')]"),
        st('stconcat', "[concat(parameters('sku'), '')]"),
        st('stproperty', "[parameters('settings').sku]"),
        { ...st('stzones', 'Standard_ZRS'), zones: "[parameters('zones')]" },
        st('stindexed', "[variables('skus')[parameters('environment')]]"),
        st('stmissingkey', "[variables('prodOnly')[parameters('environment')]]"),
      ],
    };
    const r = await read('alternatives.json', JSON.stringify(template, null, 2));
    assert.deepEqual(r.issues, []);
    const oneOf = (name: string, at: (b: Record<string, unknown>) => unknown = (b) => (b.sku as { name: unknown }).name) => {
      const v = at(r.resources.find((x) => x.name === name)!.body);
      assert.ok(isUnknown(v), `${name}: unknown`);
      return v.oneOf;
    };
    assert.deepEqual(oneOf('stallowed'), ['Standard_LRS', 'Standard_ZRS']);
    assert.deepEqual(oneOf('stbranches'), ['Standard_GRS', 'Standard_LRS']);
    assert.deepEqual(oneOf('stnested'), ['Standard_GRS', 'Standard_LRS', 'Standard_ZRS']);
    // A function of one: the function of each value it can be.
    assert.deepEqual(oneOf('stconcat'), ['Standard_LRS', 'Standard_ZRS']);
    // A part of an unknown that is none of a few values, or an array parameter (whose allowed values are its elements): none.
    assert.equal(oneOf('stproperty'), undefined);
    assert.equal(oneOf('stzones', (b) => b.zones), undefined);
    // An object indexed by one of a few keys: the value at each; none when one key is missing (the deployment would fail).
    assert.deepEqual(oneOf('stindexed'), ['Standard_LRS', 'Standard_GZRS']);
    assert.equal(oneOf('stmissingkey'), undefined);
  });

  it('keeps no alternatives for a value union() merges an object into, nor for a parameter of a type it does not know', async () => {
    const st = (name: string, sku: unknown) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name, location: 'westeurope', sku, kind: 'StorageV2' });
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      languageVersion: '2.0',
      contentVersion: '1.0.0.0',
      definitions: { zoneList: { type: 'array', items: { type: 'string' } } },
      parameters: {
        geo: { type: 'bool' },
        zones: { $ref: '#/definitions/zoneList', allowedValues: ['1', '2', '3'] },
      },
      variables: {
        grs: { name: 'Standard_GRS' },
        ragrs: { name: 'Standard_RAGRS' },
        // Either geo SKU by default; the override below replaces its name with Standard_LRS.
        defaults: { sku: "[if(parameters('geo'), variables('grs'), variables('ragrs'))]" },
      },
      resources: {
        merged: st('stmerged', "[union(variables('defaults'), createObject('sku', createObject('name', 'Standard_LRS'))).sku]"),
        zonal: { ...st('stzonal', { name: 'Standard_LRS' }), zones: "[parameters('zones')]" },
      },
    };
    const r = await read('alternatives-merge.json', JSON.stringify(template, null, 2));
    assert.deepEqual(r.issues, []);
    const merged = r.resources.find((x) => x.name === 'stmerged')!.body.sku;
    // The SKU is {name: 'Standard_LRS'} whichever branch: neither branch's object is what is deployed.
    assert.ok(isUnknown(merged));
    assert.equal(merged.oneOf, undefined);
    const zones = r.resources.find((x) => x.name === 'stzonal')!.body.zones;
    assert.ok(isUnknown(zones));
    assert.equal(zones.oneOf, undefined);
  });

  it('gives a parameter\'s alternatives one value in each combination, however many expressions hand it on', async () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { sku: { type: 'string', allowedValues: ['Standard_LRS', 'Standard_GRS'] } },
      variables: { chosen: "[parameters('sku')]" },
      resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stpaired', location: 'westeurope', sku: { name: "[parameters('sku')]" }, kind: 'StorageV2', tags: { sku: "[variables('chosen')]" } }],
    };
    const dir = repo({ 'main.json': JSON.stringify(template, null, 2) }, 'drcheck-arm-');
    const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null });
    assert.match(report.resources[0].reason, /^sku\.name and tags\.sku can be Standard_LRS with Standard_LRS or Standard_GRS with Standard_GRS, not decided statically/);
  });

  it('reads a parameters file the scan has already read once, not again through readText', async () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { sku: { type: 'string' } },
      resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stparams', location: 'westeurope', sku: { name: "[parameters('sku')]" }, kind: 'StorageV2' }],
    };
    const params = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { sku: { value: 'Standard_GRS' } } };
    const dir = repo({ 'main.json': JSON.stringify(template, null, 2), 'main.parameters.json': JSON.stringify(params, null, 2) }, 'drcheck-arm-');
    const paramsFile = path.join(dir, 'main.parameters.json');
    // The module object scan.ts reaches through its import (tsx wraps it with getters onto this one).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const nodeFs = require('node:fs') as typeof fs;
    const spy = sinon.spy(nodeFs, 'readFileSync');
    try {
      const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null });
      assert.match(report.resources[0].reason, /^sku\.name is Standard_GRS/);
      assert.equal(spy.getCalls().filter((c) => path.resolve(String(c.args[0])) === paramsFile).length, 1);
    } finally {
      spy.restore();
    }
  });

  it('reports a template run as a module whose linked template is invalid JSON at the calling declaration', () => {
    const main = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'inner', properties: { mode: 'Incremental', templateLink: { relativePath: 'linked.json' } } }],
    };
    const text = JSON.stringify(main, null, 2);
    const dir = repo({ 'cache/main.json': text, 'cache/linked.json': '{\n  "resources": [,]\n}' }, 'drcheck-arm-');
    const parsed = parseTemplateJson(text, 64);
    assert.ok(!('message' in parsed));
    const out = { resources: [], issues: [] as ScanIssue[], consumed: [] };
    const at = { file: 'main.bicep', line: 7, column: 3, language: 'bicep' as const, what: "module 'm'" };
    runArmModule({ parsed, path: path.join(dir, 'cache/main.json'), parameterValues: {}, addressPrefix: 'm.', at, depth: 1 }, context(dir), out);
    assert.deepEqual(out.issues.map((i) => [i.file, i.line, i.column, i.code]), [['main.bicep', 7, 3, 'parse-error']]);
    assert.match(out.issues[0].message, /^module 'm': linked template linked\.json: /);
  });

  it('parses a 10,000-resource template with positions (scale smoke test)', async () => {
    const resources = Array.from({ length: 10000 }, (_, i) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: `[concat('st', '${i}')]`, location: 'westeurope', sku: { name: i % 2 ? 'Standard_LRS' : 'Standard_GRS' }, kind: 'StorageV2' }));
    const text = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources }, null, 2);
    const dir = repo({}, 'drcheck-arm-');
    const r = await armReader.read([{ path: path.join(dir, 'big.json'), rel: 'big.json', text }], context(dir));
    assert.equal(r.resources.length, 10000);
    assert.equal(r.resources[9999].name, 'st9999');
    assert.equal(r.resources[9999].source.line, 5 + 9999 * 10);
  });

  describe('names ARM matches ignoring case', () => {
    const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
    const storage = (name: string, sku: string, extra: Record<string, unknown> = {}) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name, location: 'westeurope', sku: { name: sku }, kind: 'StorageV2', ...extra });

    /** Reads `main.json` of a throwaway repository holding `files` (as JSON) and judges its resources under redeploy. */
    async function scanned(files: Record<string, unknown>) {
      const dir = repo(Object.fromEntries(Object.entries(files).map(([rel, v]) => [rel, JSON.stringify(v, null, 2)])), 'drcheck-arm-case-');
      const r = await armReader.read([{ path: path.join(dir, 'main.json'), rel: 'main.json', text: JSON.stringify(files['main.json'], null, 2) }], context(dir));
      const report = judge({ resources: r.resources, issues: [], strategy: 'redeploy', config: {}, toolVersion: 'test', roots: ['.'] });
      const verdict = (name: string) => {
        const x = report.resources.find((y) => y.name === name);
        assert.ok(x, `no resource ${name}`);
        return [x.status, x.redundancy, x.reason.replace(/:.*$/, '')];
      };
      return { issues: r.issues, resources: r.resources, verdict };
    }
    const GEO = ['pass', 'geo', 'sku.name is Standard_GRS'];

    it('reads a parameter and a variable named in another case than declared, the exact name first', async () => {
      const r = await scanned({
        'main.json': {
          $schema: SCHEMA,
          contentVersion: '1.0.0.0',
          parameters: { storageSku: { type: 'string', defaultValue: 'Standard_GRS' } },
          // Two keys differing only in case: each exact name reads its own.
          variables: { skuName: 'Standard_GRS', tier: 'Standard_GRS', Tier: 'Standard_LRS' },
          resources: [storage('stparam', "[parameters('StorageSku')]"), storage('stvar', "[variables('SKUNAME')]"), storage('stexact', "[variables('Tier')]")],
        },
      });
      assert.deepEqual(r.issues, []);
      assert.deepEqual(r.verdict('stparam'), GEO);
      assert.deepEqual(r.verdict('stvar'), GEO);
      assert.deepEqual(r.verdict('stexact').slice(0, 2), ['fail', 'local']);
    });

    it('gives a parameter the value a parameters file sets under another case of its name', async () => {
      const r = await scanned({
        'main.json': { $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: { storageSku: { type: 'string' } }, resources: [storage('stfile', "[parameters('storageSku')]")] },
        'main.parameters.json': { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { StorageSku: { value: 'Standard_GRS' } } },
      });
      assert.deepEqual(r.issues, []);
      assert.deepEqual(r.verdict('stfile'), GEO);
    });

    it("gives nested and linked templates' parameters the values their deployment passes under another case, and outer-scope templates the outer parameters", async () => {
      const inner = { $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: { storageSku: { type: 'string' } }, resources: [storage('stinner', "[parameters('storageSku')]")] };
      const deployment = (name: string, properties: Record<string, unknown>) => ({ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name, properties: { mode: 'Incremental', ...properties } });
      const r = await scanned({
        'main.json': {
          $schema: SCHEMA,
          contentVersion: '1.0.0.0',
          parameters: { geoSku: { type: 'string', defaultValue: 'Standard_GRS' } },
          resources: [
            deployment('inner', { expressionEvaluationOptions: { scope: 'inner' }, parameters: { StorageSku: { value: "[parameters('GEOSKU')]" } }, template: inner }),
            deployment('outer', { template: { $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [storage('stouter', "[parameters('GeoSku')]")] } }),
            deployment('linked', { templateLink: { relativePath: 'linked.json' }, parameters: { STORAGESKU: { value: 'Standard_GRS' } } }),
          ],
        },
        'linked.json': { ...inner, resources: [storage('stlinked', "[parameters('storageSku')]")] },
      });
      assert.deepEqual(r.issues, []);
      assert.deepEqual(r.verdict('stinner'), GEO);
      assert.deepEqual(r.verdict('stouter'), GEO);
      assert.deepEqual(r.verdict('stlinked'), GEO);
    });

    it('calls a user-defined function named in another case, whose body reads its parameter in another case', async () => {
      const r = await scanned({
        'main.json': {
          $schema: SCHEMA,
          contentVersion: '1.0.0.0',
          functions: [{ namespace: 'contoso', members: { skuName: { parameters: [{ name: 'Geo', type: 'bool' }], output: { type: 'string', value: "[if(parameters('geo'), 'Standard_GRS', 'Standard_LRS')]" } } } }],
          resources: [storage('stfunc', '[Contoso.SKUNAME(true())]')],
        },
      });
      assert.deepEqual(r.issues, []);
      assert.deepEqual(r.verdict('stfunc'), GEO);
    });

    it('takes an unset parameter whose $ref names its nullable definition in another case as null', async () => {
      const r = await scanned({
        'main.json': symbolicTemplate({
          definitions: { lockType: { type: 'object', properties: { kind: { type: 'string', nullable: true } }, nullable: true } },
          parameters: { name: { type: 'string', defaultValue: 'stlock' }, lock: { $ref: '#/definitions/LockType' } },
          resources: {
            lake: lake({}),
            lake_lock: {
              condition: "[not(empty(coalesce(parameters('lock'), createObject())))]",
              type: 'Microsoft.Authorization/locks',
              apiVersion: '2020-05-01',
              scope: "[format('Microsoft.Storage/storageAccounts/{0}', parameters('name'))]",
              name: 'lock',
              properties: { level: "[coalesce(tryGet(parameters('lock'), 'kind'), 'CanNotDelete')]" },
            },
          },
        }),
      });
      assert.deepEqual(r.issues, []);
      assert.deepEqual(r.resources.map((x) => x.type), ['Microsoft.Storage/storageAccounts'], 'no lock is deployed');
    });

    it('reads copy variables named in another case, and no variable from the copy section itself', async () => {
      const r = await scanned({
        'main.json': {
          $schema: SCHEMA,
          contentVersion: '1.0.0.0',
          variables: { copy: [{ name: 'zones', count: 3, input: "[string(add(copyIndex('zones'), 1))]" }] },
          resources: [storage('stzones', 'Standard_ZRS', { zones: "[variables('ZONES')]" }), storage('stcopy', 'Standard_GRS', { tags: { loops: "[variables('Copy')]" } })],
        },
      });
      assert.deepEqual(r.resources[0].body.zones, ['1', '2', '3']);
      assert.deepEqual(r.issues.map((i) => [i.code, i.message]), [['expression-error', "variables(): the variable 'Copy' is not declared in the template in [variables('Copy')]"]]);
    });

    it('reads the output of a template run as a module named in another case', () => {
      const text = JSON.stringify({
        $schema: SCHEMA,
        contentVersion: '1.0.0.0',
        parameters: { storageSku: { type: 'string', defaultValue: 'Standard_GRS' } },
        resources: [storage('stmodule', "[parameters('storageSku')]")],
        outputs: { storageSku: { type: 'string', value: "[parameters('STORAGESKU')]" } },
      });
      const dir = repo({ 'cache/main.json': text }, 'drcheck-arm-case-');
      const parsed = parseTemplateJson(text, 64);
      assert.ok(!('message' in parsed));
      const out = { resources: [], issues: [] as ScanIssue[], consumed: [] };
      const at = { file: 'main.bicep', line: 3, column: 1, language: 'bicep' as const, what: "module 'm'" };
      const result = runArmModule({ parsed, path: path.join(dir, 'cache/main.json'), parameterValues: { StorageSku: 'Standard_RAGRS' }, addressPrefix: 'm.', at, depth: 1 }, context(dir), out);
      assert.ok(result);
      assert.equal(result.output('StorageSku'), 'Standard_RAGRS');
      assert.equal(result.output('storageSku'), 'Standard_RAGRS');
      assert.deepEqual(result.outputNames, ['storageSku']);
      assert.deepEqual(out.issues, []);
    });
  });
});
