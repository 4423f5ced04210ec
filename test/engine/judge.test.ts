import { strict as assert } from 'node:assert';
import { judge, topActions, type JudgeInput } from '../../shared/engine/judge';
import { validateReport } from '../../shared/report/validate';
import { Unknown, type Value } from '../../shared/model/value';
import type { NormalisedResource } from '../../shared/model/resource';
import { resource, storage } from './helpers';

function run(over: Partial<JudgeInput>) {
  return judge({ resources: [], issues: [], strategy: 'redeploy', config: {}, toolVersion: '1.0.0', roots: ['.'], now: new Date('2026-11-25T00:00:00Z'), ...over });
}

describe('posture engine', () => {
  it('fails an LRS data lake and passes a GRS one under redeploy, with the rule id, responsibility and uplift', () => {
    const report = run({ resources: [storage('stlakelrs', 'Standard_LRS'), storage('stlakegrs', 'Standard_GRS')] });
    const [lrs, grs] = report.resources;
    assert.equal(lrs.status, 'fail');
    assert.equal(lrs.redundancy, 'local');
    assert.equal(lrs.required, 'geo');
    assert.equal(lrs.findings[0].ruleId, 'storage-account/redundancy');
    assert.equal(lrs.findings[0].severity, 'error');
    assert.match(lrs.findings[0].message, /stlakelrs.*local.*Standard_LRS.*requires geo/);
    assert.deepEqual(lrs.findings[0].responsibility, { component: 'Microsoft', workload: 'Customer' });
    assert.match(lrs.findings[0].uplift[0].url, /^https:\/\/learn\.microsoft\.com\/azure\/storage\/common\/storage-redundancy/);
    assert.equal(grs.status, 'pass');
    assert.equal(grs.redundancy, 'geo');
    assert.equal(grs.findings.length, 0);
    assert.deepEqual(validateReport(report), []);
  });

  it('requires multi-region for stateful data under active-active', () => {
    const report = run({ strategy: 'active-active', resources: [storage('st', 'Standard_RAGZRS')] });
    assert.equal(report.resources[0].required, 'multi-region');
    assert.equal(report.resources[0].status, 'fail');
  });

  it('reports an unresolvable SKU as unknown with the expression, not as a guess', () => {
    const report = run({ resources: [storage('st', new Unknown("reference() is only known at deployment time", "[reference('x').sku]"))] });
    const r = report.resources[0];
    assert.equal(r.redundancy, 'unknown');
    assert.equal(r.status, 'unknown');
    assert.match(r.reason, /\[reference\('x'\)\.sku\]/);
    assert.equal(r.findings[0].severity, 'warning');
  });

  it('keeps uncatalogued types, classifies them and counts coverage', () => {
    const report = run({
      resources: [storage('st', 'Standard_GRS'), resource('Microsoft.Cache/redis', 'cache', { location: 'westeurope', zones: ['1', '2', '3'] }), resource('Microsoft.Web/sites', 'web', { location: 'westeurope', kind: 'app' })],
    });
    const redis = report.resources.find((r) => r.type === 'Microsoft.Cache/redis')!;
    assert.equal(redis.service, null);
    assert.equal(redis.statefulSource, 'heuristic');
    assert.equal(redis.redundancy, 'zone');
    assert.equal(report.coverage.resources, 3);
    assert.equal(report.coverage.uncatalogued >= 1, true);
    assert.ok(report.coverage.uncataloguedTypes.includes('Microsoft.Cache/redis'));
    assert.deepEqual(validateReport(report), []);
  });

  it('reads an uncatalogued resource pinned to one availability zone as zonal (local), and VM extensions and Terraform associations as configuration', () => {
    const report = run({
      resources: [
        resource('Microsoft.Cache/redis', 'cache', { location: 'westeurope', zones: ['2'] }),
        resource('Microsoft.Compute/virtualMachines/extensions', 'vm1/ama', { location: 'westeurope' }),
        resource('azurerm_subnet_network_security_group_association', null, {}, { address: 'azurerm_subnet_network_security_group_association.app' }),
      ],
    });
    const [redis, ext, assoc] = report.resources;
    assert.deepEqual([assoc.stateful, assoc.status], [false, 'pass'], 'a Terraform association holds nothing');
    assert.match(assoc.reason, /association between two resources/);
    assert.deepEqual([redis.redundancy, redis.redundancyDetail, redis.stateful, redis.status], ['local', 'zonal', true, 'fail']);
    assert.match(redis.findings[0].message, /zonal/);
    assert.deepEqual([ext.stateful, ext.status], [false, 'pass'], 'VM extensions are configuration');
    assert.deepEqual(validateReport(report), []);
  });

  it('judges a part of a catalogued resource that the catalog does not list (a storage queue, a Cosmos DB role assignment) on its parent', () => {
    const report = run({
      resources: [
        storage('stlake', 'Standard_LRS'),
        resource('Microsoft.Storage/storageAccounts/queueServices/queues', 'stlake/default/orders', {}),
        resource('Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments', 'cosmos-orders/ra1', { properties: { roleDefinitionId: 'x' } }),
      ],
    });
    const [lake, queue, role] = report.resources;
    const synapse = run({ resources: [resource('Microsoft.Synapse/workspaces/sqlDatabases', 'syn/lakedb', { location: 'westeurope' })] }).resources[0];
    assert.deepEqual([synapse.service, synapse.stateful], [null, true], "a store under a service judged stateless (Synapse's workspace) is classified on its own");
    assert.equal(lake.status, 'fail', 'the parent carries the finding');
    assert.deepEqual([queue.service, queue.status, queue.findings.length], ['storage-account', 'pass', 0]);
    assert.match(queue.reason, /a setting of its parent resource, judged there/);
    assert.deepEqual([role.service, role.status], ['cosmos-db', 'pass']);
    assert.equal(report.coverage.uncatalogued, 0);
  });

  it('maps resources to landing zones by path glob and summarises per subscription with top actions', () => {
    const config = {
      landingZones: [
        { name: 'data', subscription: '33333333-3333-3333-3333-333333333333', managementGroup: 'contoso-landingzones', paths: ['landing-zone-data/**'] },
        { name: 'management', subscription: '11111111-1111-1111-1111-111111111111', paths: ['management/**'] },
      ],
    };
    const report = run({
      config,
      resources: [
        storage('stlake', 'Standard_LRS'),
        storage('stlake2', 'Standard_ZRS', { source: { file: 'landing-zone-data/other.json', line: 3, column: 1, language: 'arm' } }),
        storage('stmgmt', 'Standard_GRS', { source: { file: 'management/diag.json', line: 3, column: 1, language: 'arm' } }),
        storage('stloose', 'Standard_GRS', { source: { file: 'elsewhere/x.json', line: 3, column: 1, language: 'arm' } }),
      ],
      defaultSubscription: 'fallback-sub',
    });
    const data = report.subscriptions.find((s) => s.landingZone === 'data')!;
    assert.equal(data.subscription, '33333333-3333-3333-3333-333333333333');
    assert.equal(data.managementGroup, 'contoso-landingzones');
    assert.equal(data.resources, 2);
    assert.equal(data.fail, 2);
    assert.equal(data.meetingStrategy, 0);
    assert.equal(data.topActions[0].ruleId, 'storage-account/redundancy');
    assert.equal(data.topActions[0].resources, 2);
    const mgmt = report.subscriptions.find((s) => s.landingZone === 'management')!;
    assert.equal(mgmt.meetingStrategy, 1);
    const loose = report.resources.find((r) => r.name === 'stloose')!;
    assert.equal(loose.landingZone, null);
    assert.equal(loose.subscription, 'fallback-sub');
  });

  it('keeps two resources with one identity apart: both ids name their file and line, other ids stay plain', () => {
    const report = run({
      resources: [
        storage('stshared', 'Standard_LRS', { source: { file: 'a/main.json', line: 4, column: 5, language: 'arm' } }),
        storage('stother', 'Standard_GRS'),
        storage('STSHARED', 'Standard_GRS', { source: { file: 'b/main.json', line: 9, column: 5, language: 'arm' } }),
      ],
    });
    const ids = report.resources.map((r) => r.id);
    assert.deepEqual(ids, ['-/microsoft.storage/storageaccounts/stshared#a/main.json:4', '-/microsoft.storage/storageaccounts/stother', '-/microsoft.storage/storageaccounts/stshared#b/main.json:9']);
    assert.deepEqual(validateReport(report), []);
  });

  it('counts each failing resource once in the top actions, however many of its findings share the rule', () => {
    const report = run({
      resources: [storage('st1', 'Standard_LRS'), storage('st2', 'Standard_LRS'), storage('st3', 'Standard_GRS')],
    });
    // A second finding of the same rule on st1 (as merged reports can carry): still one resource.
    const st1 = report.resources[0];
    st1.findings.push({ ...st1.findings[0], message: 'again' });
    const actions = topActions(report.resources);
    assert.equal(actions[0].ruleId, 'storage-account/redundancy');
    assert.equal(actions[0].resources, 2);
  });

  it('judges a SKU that can only be one of a few values on each: decided when all agree, explained when they differ', () => {
    const oneOf = (...values: string[]) => new Unknown("parameter 'location' has no default and no value in a parameters file", 'location', values);
    const report = run({
      resources: [
        storage('stzrsorlrs', oneOf('Standard_ZRS', 'Standard_LRS')),
        storage('stgeoeither', oneOf('Standard_GRS', 'Standard_RAGZRS')),
        storage('stdepends', oneOf('Standard_LRS', 'Standard_GRS')),
        // Listed strongest first (as allowedValues often are): the weaker geo form still speaks for both.
        storage('stgzrsfirst', oneOf('Standard_GZRS', 'Standard_GRS')),
      ],
    });
    const [fails, passes, depends, zoneFirst] = report.resources;
    assert.deepEqual([fails.status, fails.redundancy], ['fail', 'local']);
    assert.equal(fails.reason, "sku.name can be Standard_ZRS or Standard_LRS, not decided statically (location (parameter 'location' has no default and no value in a parameters file)); at worst sku.name is Standard_LRS: three copies in one datacenter");
    assert.match(fails.findings[0].message, /'stzrsorlrs' is local: .*requires geo/);
    assert.deepEqual([passes.status, passes.redundancy], ['pass', 'geo']);
    assert.match(passes.reason, /at worst sku\.name is Standard_GRS/);
    assert.deepEqual([depends.status, depends.redundancy], ['unknown', 'unknown']);
    assert.match(depends.reason, /: Standard_LRS gives local, Standard_GRS gives geo$/);
    assert.deepEqual([zoneFirst.status, zoneFirst.redundancy, zoneFirst.redundancyDetail], ['pass', 'geo', 'geo-replica']);
    assert.match(zoneFirst.reason, /^sku\.name can be Standard_GZRS or Standard_GRS, .*; at worst sku\.name is Standard_GRS: /);
    assert.deepEqual(validateReport(report), []);
    // A value computed from another unknown keeps that one's list, repeats included: each is named once.
    const repeated = run({ resources: [storage('strepeated', oneOf('Standard_LRS', 'Standard_GRS', 'Standard_LRS'))] }).resources[0];
    assert.match(repeated.reason, /^sku\.name can be Standard_LRS or Standard_GRS, not decided statically .*: Standard_LRS gives local, Standard_GRS gives geo$/);
  });

  it('does not decide on alternatives that the strategy tells apart beyond their redundancy (a geo backup under warm-spare)', () => {
    // Two regions replicate the data and pass warm-spare; one region has only its geo-redundant backups, which do not.
    const weu = { locationName: 'westeurope', failoverPriority: 0 };
    const regions = new Unknown('not known', 'regions', [[weu], [weu, { locationName: 'northeurope', failoverPriority: 1 }]]);
    const cosmos = resource('Microsoft.DocumentDB/databaseAccounts', 'cosmos', { location: 'westeurope', properties: { locations: regions, enableAutomaticFailover: true, backupPolicy: { type: 'Periodic' } } });
    const [r] = run({ strategy: 'warm-spare', resources: [cosmos] }).resources;
    assert.equal(r.status, 'unknown');
    assert.match(r.reason, /gives geo \(geo-backup\), .* gives geo$/);
  });

  it('judges each alternative with the resource in its place, so a rule still finds the resource\'s children', () => {
    const namespace = resource('Microsoft.EventHub/namespaces', 'evhns', { location: 'westeurope', sku: { name: 'Standard' }, properties: { zoneRedundant: new Unknown('not known', 'zr', [true, false]) } });
    const pairing = resource('Microsoft.EventHub/namespaces/disasterRecoveryConfigs', 'evhns/pair', { properties: { partnerNamespace: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/evhns-dr' } }, { parent: 'evhns' });
    const withPairing = run({ resources: [namespace, pairing] }).resources[0];
    assert.equal(withPairing.redundancy, 'geo');
    assert.match(withPairing.reason, /properties\.zoneRedundant can be true or false.*Geo-DR pairing evhns\/pair/);
    const alone = run({ resources: [namespace] }).resources[0];
    assert.deepEqual([alone.status, alone.redundancy], ['fail', 'local']);
  });

  it('judges a null alternative as the setting left out (the service default), and one unknown in two places with one value', () => {
    const cosmos = (redundancy: Unknown) =>
      resource('Microsoft.DocumentDB/databaseAccounts', 'cosmos', {
        location: 'westeurope',
        properties: { locations: [{ locationName: 'westeurope', failoverPriority: 0 }], backupPolicy: { type: 'Periodic', periodicModeProperties: { backupStorageRedundancy: redundancy } } },
      });
    const localOrDefault = run({ resources: [cosmos(new Unknown('not known', 'c', ['Local', null]))] }).resources[0];
    assert.equal(localOrDefault.status, 'unknown');
    assert.match(localOrDefault.reason, /Local gives local, null gives geo \(geo-backup\)$/);
    // The same parameter names the SKU and the HNS flag: never LRS with one value and GRS with the other.
    const sku = new Unknown("parameter 'geo' has no default", 'geo', ['Standard_LRS', 'Standard_GRS']);
    const shared = storage('stshared', sku, { body: { location: 'westeurope', sku: { name: sku }, kind: 'StorageV2', properties: { isHnsEnabled: true }, tags: { sku } } });
    const r = run({ resources: [shared] }).resources[0];
    assert.match(r.reason, /sku\.name and tags\.sku can be Standard_LRS with Standard_LRS or Standard_GRS with Standard_GRS, not decided statically \(geo \(parameter 'geo' has no default\)\): /);
  });

  it('names object alternatives by the properties that differ, a property one of them lacks as absent', () => {
    // `sku: { ...(c ? { name: 'Standard_LRS', constructor: 'x' } : { name: 'Standard_GRS' }) }`: `constructor` is a key like any other.
    const sku = new Unknown('c is not known', 'c', [{ name: 'Standard_LRS', constructor: 'x' }, { name: 'Standard_GRS' }]);
    const r = run({ resources: [resource('Microsoft.Storage/storageAccounts', 'stspread', { location: 'westeurope', sku, kind: 'StorageV2' })] }).resources[0];
    assert.match(r.reason, /^sku can be \{"name":"Standard_LRS", "constructor":"x"\} or \{"name":"Standard_GRS", no "constructor"\}, not decided statically/);
  });

  it('judges a part of an uncatalogued resource (a Redis Enterprise database) on its parent, under every strategy', () => {
    const cluster = resource('Microsoft.Cache/redisEnterprise', 'redis', { location: 'westeurope', zones: ['1', '2', '3'] });
    const database = resource('Microsoft.Cache/redisEnterprise/databases', 'redis/default', { properties: { clusteringPolicy: 'OSSCluster' } });
    for (const strategy of ['redeploy', 'warm-spare'] as const) {
      const [c, d] = run({ strategy, resources: [cluster, database] }).resources;
      assert.deepEqual([c.stateful, c.redundancy, c.status], [true, 'zone', 'fail']);
      assert.deepEqual([d.stateful, d.required, d.status, d.findings.length], [false, 'none', 'pass', 0]);
      assert.equal(d.reason, 'a part of its parent resource (Microsoft.Cache/redisEnterprise), whose redundancy is judged there');
    }
    // The Cognitive Services entry has no rule (Microsoft-managed): an AI Foundry project is a part of the account.
    const project = run({ resources: [resource('Microsoft.CognitiveServices/accounts/projects', 'ai/proj', { location: 'westeurope' })] }).resources[0];
    assert.deepEqual([project.stateful, project.status], [false, 'pass']);
  });

  it('judges a data store that ARM nests under an uncatalogued container (a NetApp volume, a gallery image version) on its own, not on its parent', () => {
    const volume = resource('Microsoft.NetApp/netAppAccounts/capacityPools/volumes', 'anf/pool/vol', { location: 'westeurope', properties: { creationToken: 'vol' } });
    const version = resource('Microsoft.Compute/galleries/images/versions', 'gal/img/1.0.0', { location: 'westeurope', properties: { publishingProfile: { targetRegions: [{ name: 'westeurope' }] } } });
    const snapshot = resource('Microsoft.NetApp/netAppAccounts/capacityPools/volumes/snapshots', 'anf/pool/vol/snap', { location: 'westeurope' });
    const [v, iv, s] = run({ resources: [volume, version, snapshot] }).resources;
    assert.deepEqual([v.stateful, v.required], [true, 'geo']);
    assert.notEqual(v.status, 'pass');
    assert.deepEqual([iv.stateful, iv.required], [true, 'geo']);
    assert.notEqual(iv.status, 'pass');
    // A volume's snapshot is a part of the volume.
    assert.deepEqual([s.stateful, s.required, s.status], [false, 'none', 'pass']);
  });

  it('applies suppressions until they expire, and reports expired and unused ones', () => {
    const config = {
      suppressions: [
        { rule: 'storage-account/redundancy', resource: 'stscratch*', justification: 'scratch data, re-creatable', expires: '2027-06-30' },
        { rule: 'storage-account/*', resource: 'stold', justification: 'legacy', expires: '2026-01-31' },
        { rule: 'cosmos-db/*', justification: 'nothing matches this' },
      ],
    };
    const report = run({ config, resources: [storage('stscratch01', 'Standard_LRS'), storage('stold', 'Standard_LRS')] });
    const scratch = report.resources.find((r) => r.name === 'stscratch01')!;
    assert.equal(scratch.status, 'suppressed');
    assert.deepEqual(scratch.findings[0].suppressed, { justification: 'scratch data, re-creatable', expires: '2027-06-30' });
    const old = report.resources.find((r) => r.name === 'stold')!;
    assert.equal(old.status, 'fail');
    assert.equal(old.findings[0].suppressed, undefined);
    assert.deepEqual(report.suppressions.map((s) => s.state), ['active', 'expired', 'unused']);
    assert.equal(report.totals.suppressed, 1);
    assert.equal(report.totals.findings, 1);
  });

  it('gives stable ids from type, name and subscription, and keeps same-address resources in different files apart', () => {
    const a = run({ resources: [storage('stlake', 'Standard_LRS', { source: { file: 'a.json', line: 1, column: 1, language: 'arm' } })] });
    const b = run({ resources: [storage('stlake', 'Standard_LRS', { source: { file: 'moved/b.json', line: 40, column: 1, language: 'arm' } })] });
    assert.equal(a.resources[0].id, b.resources[0].id);
    const dup = run({
      resources: [
        storage(null as unknown as string, 'Standard_LRS', { name: null, address: 'azurerm_storage_account.this', source: { file: 'x/main.tf', line: 1, column: 1, language: 'terraform' } }),
        storage(null as unknown as string, 'Standard_GRS', { name: null, address: 'azurerm_storage_account.this', source: { file: 'y/main.tf', line: 1, column: 1, language: 'terraform' } }),
      ],
    });
    assert.notEqual(dup.resources[0].id, dup.resources[1].id);
  });

  it('reports a rule that throws as an error against the resource and carries on', () => {
    const broken = storage('stweird', 'Standard_LRS');
    Object.defineProperty(broken.body, 'sku', { get() { throw new Error('boom'); }, enumerable: true });
    const report = run({ resources: [broken, storage('stok', 'Standard_GRS')] });
    assert.equal(report.resources[0].redundancy, 'unknown');
    assert.equal(report.resources[1].status, 'pass');
    assert.equal(report.errors[0].code, 'rule-error');
    assert.equal(report.errors[0].file, 'landing-zone-data/main.json');
    assert.equal(report.resources[0].fingerprint, undefined, 'a body that cannot be read has no fingerprint');
    assert.match(report.resources[1].fingerprint!, /^[0-9a-f]{16}$/);
  });

  it('passes stateless resources under redeploy and requires a secondary-region deployment under warm spare', () => {
    const web = resource('Microsoft.Web/sites', 'app', { location: 'westeurope', kind: 'app' });
    assert.equal(run({ resources: [web] }).resources[0].status, 'pass');
    const warm = run({ strategy: 'warm-spare', resources: [web] }).resources[0];
    assert.equal(warm.required, 'geo');
    assert.notEqual(warm.status, 'pass');
  });

  describe('a second deployment whose region is only known at deployment', () => {
    // As ALZ's multi-region hub writes it: `location: parLocation` and `location: parSecondaryLocation`, one with no value.
    const firewall = (name: string, location: Value) =>
      resource('Microsoft.Network/azureFirewalls', name, { location, zones: ['1', '2', '3'], properties: { sku: { name: 'AZFW_VNet', tier: 'Standard' } } });
    const secondary = new Unknown("parameter 'parSecondaryLocation' has no default and no value in a parameters file", 'parSecondaryLocation');
    const verdicts = (resources: NormalisedResource[], strategy: JudgeInput['strategy'] = 'warm-spare') =>
      run({ strategy, resources }).resources.map((r) => [r.name, r.status, r.redundancy]);

    it('leaves a zone-redundant firewall unknown, not failing, when its counterpart may be in another region, and says why', () => {
      const report = run({ strategy: 'warm-spare', resources: [firewall('afw-primary', 'westeurope'), firewall('afw-secondary', secondary)] });
      assert.deepEqual(report.resources.map((r) => [r.name, r.status, r.redundancy]), [
        ['afw-primary', 'unknown', 'unknown'],
        ['afw-secondary', 'unknown', 'unknown'],
      ]);
      assert.match(report.resources[0].reason, /'afw-secondary' of the same type is deployed in a region not known statically \(parSecondaryLocation \(parameter 'parSecondaryLocation' has no default/);
      assert.match(report.resources[0].reason, /unless that is westeurope too; this one is in westeurope; on its own here: zones is \[1, 2, 3\]/);
      assert.match(report.resources[1].reason, /this one's region is not known statically \(parSecondaryLocation .*\) and 'afw-primary' of the same type is deployed in westeurope/);
      assert.equal(report.resources[0].findings[0].severity, 'warning', 'a warning to look at, not an error');
    });

    it('passes both as geo when the unknown region can only be other regions (a parameter of allowed values)', () => {
      const allowed = new Unknown("parameter 'parSecondaryLocation' has no default", 'parSecondaryLocation', ['northeurope', 'uksouth']);
      const report = run({ strategy: 'warm-spare', resources: [firewall('afw-primary', 'westeurope'), firewall('afw-secondary', allowed)] });
      assert.deepEqual(report.resources.map((r) => [r.name, r.status, r.redundancy, r.redundancyDetail]), [
        ['afw-primary', 'pass', 'geo', 'geo-peer'],
        ['afw-secondary', 'pass', 'geo', 'geo-peer'],
      ]);
      assert.match(report.resources[0].reason, /^a counterpart is also deployed in northeurope or uksouth \(afw-secondary\), a second region; this one is in westeurope/);
      // Allowed values that include this region: it may be the same one.
      const same = new Unknown("parameter 'parSecondaryLocation' has no default", 'parSecondaryLocation', ['westeurope', 'northeurope']);
      assert.deepEqual(verdicts([firewall('afw-primary', 'westeurope'), firewall('afw-secondary', same)]), [
        ['afw-primary', 'unknown', 'unknown'],
        ['afw-secondary', 'unknown', 'unknown'],
      ]);
    });

    it('still fails two deployments placed by one unknown location (one parameter read twice), and changes nothing a second region would not pass', () => {
      const shared = new Unknown("parameter 'location' has no default and no value in a parameters file", 'location');
      const again = new Unknown("parameter 'location' has no default and no value in a parameters file", 'location');
      assert.deepEqual(verdicts([firewall('afw-1', shared), firewall('afw-2', again)]), [
        ['afw-1', 'fail', 'zone'],
        ['afw-2', 'fail', 'zone'],
      ]);
      // Under redeploy a zone-redundant firewall passes already: its verdict is not touched.
      assert.deepEqual(verdicts([firewall('afw-primary', 'westeurope'), firewall('afw-secondary', secondary)], 'redeploy'), [
        ['afw-primary', 'pass', 'zone'],
        ['afw-secondary', 'pass', 'zone'],
      ]);
      // One firewall alone, wherever it is, has no counterpart.
      assert.deepEqual(verdicts([firewall('afw-secondary', secondary)]), [['afw-secondary', 'fail', 'zone']]);
    });

    it('looks for a copy in a region only known at deployment in the same deployment only: unrelated templates of a monorepo are not copies of each other', () => {
      // Two quickstart-style templates, each deployed to its own resource group's region, and a third in a known region.
      const rgLocation = new Unknown('resourceGroup().location is only known at deployment time', '[resourceGroup().location]');
      const paramLocation = new Unknown("[parameters('location')] (resourceGroup().location is only known at deployment time)", "[parameters('location')]");
      const at = (file: string, language: 'arm' | 'terraform' = 'arm', entry?: string) => ({ source: { file, line: 5, column: 5, language }, ...(entry ? { entry } : {}) });
      const inFile = (name: string, location: Value, file: string, language?: 'arm' | 'terraform', entry?: string) =>
        resource('Microsoft.Network/azureFirewalls', name, { location, zones: ['1', '2', '3'], properties: { sku: { name: 'AZFW_VNet', tier: 'Standard' } } }, at(file, language, entry));
      assert.deepEqual(
        verdicts([inFile('fw-app1', paramLocation, 'app1/azuredeploy.json'), inFile('fw-app2', rgLocation, 'app2/azuredeploy.json'), inFile('fw-app3', 'westeurope', 'app3/main.json')]),
        [
          ['fw-app1', 'fail', 'zone'],
          ['fw-app2', 'fail', 'zone'],
          ['fw-app3', 'fail', 'zone'],
        ],
      );
      // One deployment: the entry both are reached from (a module called twice), or one Terraform root module's two files.
      assert.deepEqual(verdicts([inFile('fw-hub', 'westeurope', 'modules/hub.json', 'arm', 'main.json'), inFile('fw-hub-2', secondary, 'modules/hub.json', 'arm', 'main.json')]), [
        ['fw-hub', 'unknown', 'unknown'],
        ['fw-hub-2', 'unknown', 'unknown'],
      ]);
      assert.deepEqual(verdicts([inFile('fw-a', 'westeurope', 'hub/primary.tf', 'terraform'), inFile('fw-b', secondary, 'hub/secondary.tf', 'terraform')]), [
        ['fw-a', 'unknown', 'unknown'],
        ['fw-b', 'unknown', 'unknown'],
      ]);
      // Two Terraform root modules (two folders) are two deployments.
      assert.deepEqual(verdicts([inFile('fw-a', 'westeurope', 'hub/main.tf', 'terraform'), inFile('fw-b', secondary, 'spoke/main.tf', 'terraform')]), [
        ['fw-a', 'fail', 'zone'],
        ['fw-b', 'fail', 'zone'],
      ]);
      // A region known to differ counts from any deployment (one template per region, as hub-and-spoke repos write it).
      assert.deepEqual(verdicts([inFile('fw-weu', 'westeurope', 'regions/westeurope.json'), inFile('fw-neu', 'northeurope', 'regions/northeurope.json')]), [
        ['fw-weu', 'pass', 'geo'],
        ['fw-neu', 'pass', 'geo'],
      ]);
      // So does a region that can only be other ones (allowed values).
      const allowed = new Unknown("parameter 'parSecondaryLocation' has no default", 'parSecondaryLocation', ['northeurope', 'uksouth']);
      assert.deepEqual(verdicts([inFile('fw-weu', 'westeurope', 'regions/primary.json'), inFile('fw-dr', allowed, 'regions/secondary.json')]), [
        ['fw-weu', 'pass', 'geo'],
        ['fw-dr', 'pass', 'geo'],
      ]);
    });
  });
});
