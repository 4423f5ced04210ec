import { strict as assert } from 'node:assert';
import { judge } from '../../shared/engine/judge';
import { diffReports, toolChangeNote } from '../../shared/engine/diff';
import type { SuppressionConfig } from '../../shared/config/types';
import type { NormalisedResource } from '../../shared/model/resource';
import { resource, storage } from './helpers';

const vault = (purge: boolean) =>
  resource('Microsoft.KeyVault/vaults', 'kv-platform', { location: 'westeurope', properties: { sku: { family: 'A', name: 'standard' }, tenantId: '00000000-0000-0000-0000-000000000000', enableSoftDelete: true, enablePurgeProtection: purge } });

function report(resources: NormalisedResource[], suppressions: SuppressionConfig[] = [], now = '2026-11-25', toolVersion = '1.1.0') {
  return judge({ resources, issues: [], strategy: 'redeploy', config: { suppressions }, toolVersion, roots: ['.'], now: new Date(`${now}T00:00:00Z`) });
}

const at = (file: string, line: number) => ({ source: { file, line, column: 5, language: 'arm' as const } });

/** The report an earlier drcheck made of the same resources, whose rules judged the first one geo-redundant. */
function judgedGeoBy(version: string, resources: NormalisedResource[]) {
  const r = report(resources, [], '2026-11-25', version);
  r.resources[0] = { ...r.resources[0], redundancy: 'geo', status: 'pass', reason: 'judged geo-redundant by the earlier rules', findings: [] };
  return r;
}

describe('posture diff', () => {
  it('flags a GRS account turned LRS as a regression and the reverse as an improvement', () => {
    const base = report([storage('stlake', 'Standard_GRS')]);
    const head = report([storage('stlake', 'Standard_LRS')]);
    const d = diffReports(base, head);
    assert.deepEqual(d.regressions.map((c) => c.kind), ['redundancy-dropped']);
    assert.match(d.regressions[0].message, /stlake: redundancy dropped from geo to local/);
    const back = diffReports(head, base);
    assert.equal(back.regressions.length, 0);
    assert.deepEqual(back.improvements.map((c) => c.kind), ['redundancy-improved']);
  });

  it('flags a VM whose Azure Backup item was removed as a regression: the VM itself was not changed', () => {
    const vm = resource('Microsoft.Compute/virtualMachines', 'vm-erp-01', { location: 'westeurope', properties: { hardwareProfile: { vmSize: 'Standard_D4s_v5' } } });
    const rsv = resource('Microsoft.RecoveryServices/vaults', 'rsv-erp', { location: 'westeurope', sku: { name: 'RS0', tier: 'Standard' }, properties: {} });
    const item = resource('Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems', 'rsv-erp/Azure/iaasvmcontainer;iaasvmcontainerv2;rg-erp;vm-erp-01/vm;iaasvmcontainerv2;rg-erp;vm-erp-01', {
      properties: { protectedItemType: 'Microsoft.Compute/virtualMachines', sourceResourceId: '/subscriptions/(unknown)/resourceGroups/(unknown)/providers/Microsoft.Compute/virtualMachines/vm-erp-01' },
    });
    const base = report([vm, rsv, item]);
    const head = report([vm, rsv]);
    assert.equal(base.resources[0].redundancy, 'geo');
    const d = diffReports(base, head);
    assert.deepEqual(d.regressions.map((c) => c.kind), ['redundancy-dropped']);
    assert.match(d.regressions[0].message, /vm-erp-01: redundancy dropped from geo to local/);
  });

  it('does not block on legacy findings that were already there', () => {
    const base = report([storage('stlegacy', 'Standard_LRS')]);
    const head = report([storage('stlegacy', 'Standard_LRS')]);
    const d = diffReports(base, head);
    assert.equal(d.regressions.length, 0);
    assert.equal(d.unchanged, 1);
  });

  it('treats a new stateful resource below the requirement as a regression, a compliant one as added', () => {
    const base = report([]);
    const head = report([storage('stnew', 'Standard_LRS'), storage('stgood', 'Standard_GZRS')]);
    const d = diffReports(base, head);
    assert.deepEqual(d.regressions.map((c) => [c.kind, c.resource.name]), [['new-below-required', 'stnew']]);
    assert.deepEqual(d.other.map((c) => [c.kind, c.resource.name]), [['added', 'stgood']]);
  });

  it('does not count a resource moved to another file as a change', () => {
    const base = report([storage('stlake', 'Standard_GRS', { source: { file: 'a.json', line: 1, column: 1, language: 'arm' } })]);
    const head = report([storage('stlake', 'Standard_GRS', { source: { file: 'data/b.json', line: 99, column: 1, language: 'arm' } })]);
    const d = diffReports(base, head);
    assert.equal(d.regressions.length + d.improvements.length + d.other.length, 0);
  });

  it('flags a suppression that expired as a regression', () => {
    const sup = [{ rule: 'storage-account/redundancy', resource: 'stscratch', justification: 'temporary', expires: '2026-12-01' }];
    const base = report([storage('stscratch', 'Standard_LRS')], sup, '2026-11-25');
    const head = report([storage('stscratch', 'Standard_LRS')], sup, '2026-12-02');
    const d = diffReports(base, head);
    assert.deepEqual(d.regressions.map((c) => c.kind), ['suppression-lapsed']);
  });

  it('reports removals as such, not as failures', () => {
    const d = diffReports(report([storage('stgone', 'Standard_LRS')]), report([]));
    assert.equal(d.regressions.length, 0);
    assert.deepEqual(d.other.map((c) => c.kind), ['removed']);
  });

  it('flags a new warning on an unchanged level as a regression (purge protection removed), and its removal as an improvement', () => {
    const base = report([vault(true)]);
    const head = report([vault(false)]);
    assert.equal(head.resources[0].redundancy, base.resources[0].redundancy);
    assert.equal(head.resources[0].status, base.resources[0].status);
    const d = diffReports(base, head);
    assert.deepEqual(d.regressions.map((c) => c.kind), ['finding-added']);
    assert.match(d.regressions[0].message, /kv-platform: new warning key-vault\/purge-protection: /);
    assert.equal(d.unchanged, 0);
    const back = diffReports(head, base);
    assert.equal(back.regressions.length, 0);
    assert.deepEqual(back.improvements.map((c) => [c.kind, c.message]), [['finding-resolved', 'Microsoft.KeyVault/vaults kv-platform: key-vault/purge-protection resolved']]);
  });

  it('does not count a finding twice when a redundancy drop already explains it', () => {
    const d = diffReports(report([storage('stlake', 'Standard_GRS')]), report([storage('stlake', 'Standard_LRS')]));
    assert.deepEqual(d.regressions.map((c) => c.kind), ['redundancy-dropped']);
  });

  it('treats a newly suppressed finding as accepted, not resolved', () => {
    const sup = [{ rule: 'key-vault/purge-protection', resource: 'kv-platform', justification: 'break-glass vault', expires: '2027-06-01' }];
    const d = diffReports(report([vault(false)]), report([vault(false)], sup));
    assert.equal(d.improvements.filter((c) => c.kind === 'finding-resolved').length, 0);
    assert.equal(d.regressions.length, 0);
  });

  it('counts a baseline resource whose file could not be read in the new run as a regression, not a removal', () => {
    const base = report([storage('stlake', 'Standard_GRS')]);
    const head = { ...report([]), errors: [{ file: 'landing-zone-data/main.json', line: 3, column: 7, message: 'invalid JSON: value expected', severity: 'error' as const }] };
    const d = diffReports(base, head);
    // The file's error is its own regression, shown once; the resource names the file and position only.
    assert.deepEqual(d.regressions.map((c) => c.kind), ['file-unreadable', 'source-unreadable']);
    assert.equal(d.regressions[0].message, 'landing-zone-data/main.json(3,7): could not be read in this run: invalid JSON: value expected');
    assert.equal(d.regressions[1].message, 'Microsoft.Storage/storageAccounts stlake: not judged, its file could not be read in this run (landing-zone-data/main.json(3,7))');
    assert.equal(d.other.length, 0);
    const warningOnly = { ...head, errors: [{ ...head.errors[0], severity: 'warning' as const }] };
    assert.deepEqual(diffReports(base, warningOnly).other.map((c) => c.kind), ['removed']);
  });

  it('pairs a repeated name whose line moved: no resource removed and added again', () => {
    // One account name in two templates (no subscription set): ids carry `#file:line`, which a line added above changes.
    const base = report([storage('stshared', 'Standard_LRS', at('dev/main.json', 10)), storage('stshared', 'Standard_LRS', at('prd/main.json', 10))]);
    const head = report([storage('stshared', 'Standard_LRS', at('dev/main.json', 11)), storage('stshared', 'Standard_LRS', at('prd/main.json', 10))]);
    assert.notEqual(base.resources[0].id, head.resources[0].id);
    const d = diffReports(base, head);
    assert.deepEqual([d.regressions.length, d.improvements.length, d.other.length, d.unchanged], [0, 0, 0, 2]);
    // Paired with its own file's resource: the dev account turned GRS is dev's improvement.
    const better = report([storage('stshared', 'Standard_GRS', at('dev/main.json', 12)), storage('stshared', 'Standard_LRS', at('prd/main.json', 10))]);
    assert.deepEqual(diffReports(base, better).improvements.map((c) => [c.kind, c.resource.file]), [['redundancy-improved', 'dev/main.json']]);
  });

  it('pairs ids an earlier version wrote differently, and leaves ambiguous ones unpaired', () => {
    const head = report([storage('stshared', 'Standard_LRS', at('dev/main.json', 10)), storage('stshared', 'Standard_LRS', at('prd/main.json', 10))]);
    // Before ids were made unique, both had the plain id.
    const base = { ...head, tool: { name: 'drcheck' as const, version: '1.0.0' }, resources: head.resources.map((r) => ({ ...r, id: r.id.split('#')[0] })) };
    const d = diffReports(base, head);
    assert.deepEqual([d.regressions.length, d.other.length, d.unchanged], [0, 0, 2]);
    // Both files renamed: nothing tells which is which, so neither is paired.
    const moved = report([storage('stshared', 'Standard_LRS', at('dev2/main.json', 10)), storage('stshared', 'Standard_LRS', at('prd2/main.json', 10))]);
    const m = diffReports(head, moved);
    assert.deepEqual(m.regressions.map((c) => c.kind), ['new-below-required', 'new-below-required']);
    assert.deepEqual(m.other.map((c) => c.kind), ['removed', 'removed']);
  });

  it('pairs only by the identity drcheck adds to: a \'#\' in an address is part of it', () => {
    // for_each keys may hold '#': a removed instance and a new one are two resources, not one whose id moved.
    const instance = (key: string) => resource('Microsoft.Storage/storageAccounts', null, { location: 'westeurope', sku: { name: 'Standard_LRS' }, kind: 'StorageV2' }, { address: `azurerm_storage_account.this["${key}"]` });
    const base = report([instance('lake#1')]);
    const head = report([instance('lake#2')]);
    assert.equal(head.resources[0].id, '-/microsoft.storage/storageaccounts/@azurerm_storage_account.this["lake#2"]');
    const d = diffReports(base, head);
    // Not the same identity; as the one resource of its type that left the file and the one that came in, a rename.
    assert.deepEqual(d.other.map((c) => [c.kind, c.id, c.renamedFrom]), [['renamed', head.resources[0].id, 'azurerm_storage_account.this["lake#1"]']]);
    // With a second instance on each side nothing pairs them: two resources removed, two new.
    const two = diffReports(report([instance('lake#1'), instance('lake#3')]), report([instance('lake#2'), instance('lake#4')]));
    assert.deepEqual(two.regressions.map((c) => [c.kind, c.id]), [['new-below-required', head.resources[0].id], ['new-below-required', head.resources[0].id.replace('#2', '#4')]]);
    assert.deepEqual(two.other.map((c) => c.kind), ['removed', 'removed']);
  });

  it('pairs repeated ids of an earlier version by their addresses, whatever their order', () => {
    // Instances written at one place (a child under each of a loop's parents) once shared one id `…#file:line`.
    const child = (address: string, sku: string) => storage('stloop', sku, { address, ...at('main.json', 7) });
    const written = (resources: NormalisedResource[], version: string) => {
      const r = report(resources, [], '2026-11-25', version);
      return { ...r, resources: r.resources.map((x) => ({ ...x, id: x.id.split('@')[0] })) };
    };
    for (const order of [[0, 1], [1, 0]]) {
      const base = written(order.map((i) => [child('a1', 'Standard_GRS'), child('a2', 'Standard_LRS')][i]), '1.0.0');
      const head = written([child('a1', 'Standard_LRS'), child('a2', 'Standard_GRS')], '1.0.0');
      const d = diffReports(base, head);
      assert.deepEqual(d.regressions.map((c) => [c.kind, c.resource.address]), [['redundancy-dropped', 'a1']], `base order ${order}`);
      assert.deepEqual(d.improvements.map((c) => [c.kind, c.resource.address]), [['redundancy-improved', 'a2']]);
      assert.deepEqual(d.other, []);
    }
    // The first run of this version gives them `…@address` ids: the same resources, nothing added or removed.
    const base = written([child('a1', 'Standard_LRS'), child('a2', 'Standard_LRS')], '1.0.0');
    const head = report([child('a1', 'Standard_LRS'), child('a2', 'Standard_LRS')]);
    assert.notEqual(head.resources[0].id, base.resources[0].id);
    const d = diffReports(base, head);
    assert.deepEqual([d.regressions.length, d.other.length, d.unchanged], [0, 0, 2]);
  });

  it('lists a verdict changed by a new drcheck version on an unchanged declaration apart, never as a regression', () => {
    const base = judgedGeoBy('1.0.0', [storage('stlake', 'Standard_LRS')]);
    const head = report([storage('stlake', 'Standard_LRS')]);
    assert.equal(base.resources[0].fingerprint, head.resources[0].fingerprint, 'the declaration reads alike');
    const d = diffReports(base, head);
    assert.deepEqual(d.toolChanged, { from: '1.0.0', to: '1.1.0' });
    assert.deepEqual(d.regressions, []);
    assert.deepEqual(d.rejudged.map((c) => c.kind), ['redundancy-dropped']);
    // The same change from the same version comes from the code (or the config): it counts.
    const same = diffReports(judgedGeoBy('1.1.0', [storage('stlake', 'Standard_LRS')]), head);
    assert.deepEqual([same.toolChanged, same.rejudged.length, same.regressions.map((c) => c.kind)], [null, 0, ['redundancy-dropped']]);
  });

  it('lists the resources of a module the baseline could not follow apart, when a new version reads it', () => {
    // drcheck 1.1.0 reported `module lake 'br/public:…'` at main.bicep:3 as not followed; 1.2.0 reads it from the Bicep cache.
    const base = judge({
      resources: [],
      issues: [{ file: 'main.bicep', line: 3, column: 1, severity: 'warning', code: 'module-not-followed', message: "module 'lake': 'br/public:avm/res/storage/storage-account:0.33.0' is a registry or template-spec module; not followed" }],
      strategy: 'redeploy',
      config: {},
      toolVersion: '1.1.0',
      roots: ['.'],
    });
    const moduleResource = (line: number) => storage('stcontosolake', 'Standard_LRS', { address: 'lake.storageAccount', source: { file: 'main.bicep', line, column: 1, language: 'bicep' } });
    const head = (version: string, line = 3) => report([moduleResource(line)], [], '2026-11-25', version);
    const d = diffReports(base, head('1.2.0'));
    assert.deepEqual(d.regressions, []);
    assert.deepEqual(d.rejudged.map((c) => c.kind), ['added']);
    assert.match(d.rejudged[0].message, /stcontosolake: read for the first time \(drcheck 1\.1\.0 did not follow the module at main\.bicep:3\), fail/);
    // From the same version, or at another line (a module the PR added), it is a new resource below the strategy.
    assert.deepEqual(diffReports(base, head('1.1.0')).regressions.map((c) => c.kind), ['new-below-required']);
    assert.deepEqual(diffReports(base, head('1.2.0', 9)).regressions.map((c) => c.kind), ['new-below-required']);
  });

  it('lists the resources of a .tf.json file apart when the baseline\'s drcheck did not read Terraform JSON syntax', () => {
    const base = report([], [], '2026-11-25', '1.4.0');
    const cdktf = (version: string) => report([storage('stcdktflake', 'Standard_LRS', { address: 'azurerm_storage_account.lake', source: { file: 'cdktf.out/stacks/data/cdk.tf.json', line: 12, column: 1, language: 'terraform' } })], [], '2026-11-25', version);
    const d = diffReports(base, cdktf('1.5.0'));
    assert.deepEqual(d.regressions, []);
    assert.deepEqual(d.rejudged.map((c) => c.kind), ['added']);
    assert.match(d.rejudged[0].message, /read for the first time \(drcheck 1\.4\.0 did not read Terraform's JSON syntax \(\.tf\.json\)\), fail/);
    // A baseline from a version that read them (or the same version): a new resource below the strategy.
    assert.deepEqual(diffReports(report([], [], '2026-11-25', '1.5.0'), cdktf('1.5.1')).regressions.map((c) => c.kind), ['new-below-required']);
    assert.deepEqual(diffReports(report([], [], '2026-11-25', '1.5.0'), cdktf('1.5.0')).regressions.map((c) => c.kind), ['new-below-required']);
  });

  it('pairs a Bicep resource with its baseline entry by file, type and symbol when the new version names it differently (a child named by its own name since 1.6.0)', () => {
    const container = (address: string, name: string) =>
      resource('Microsoft.Storage/storageAccounts/blobServices/containers', name, {}, { address, source: { file: 'container/main.bicep', line: 10, column: 1, language: 'bicep' } });
    const containers = (prefix: string, version: string) => report([container('containers[0]', `${prefix}/logs`), container('containers[1]', `${prefix}/exports`)], [], '2026-11-25', version);
    const d = diffReports(containers('stlake/stlake/default', '1.5.0'), containers('stlake/default', '1.6.0'));
    assert.deepEqual([d.regressions.length, d.improvements.length, d.other.map((c) => c.kind)], [0, 0, []]);
    assert.equal(d.unchanged, 2);
  });

  it('lists verdicts that merging a Terraform override file changed apart, when the baseline\'s drcheck read the override as a second declaration', () => {
    const tf = (file: string, replication: string, label = 'lake') =>
      storage(`st${label}`, replication, { ...(file.endsWith('override.tf') ? { name: null } : {}), address: `azurerm_storage_account.${label}`, source: { file, line: 1, column: 1, language: 'terraform' } });
    // 1.4.0: the account as main.tf writes it (GRS), and the override block as a partial copy of its own.
    const base = report([tf('infra/main.tf', 'Standard_GRS'), tf('infra/override.tf', 'Standard_LRS'), tf('infra/main.tf', 'Standard_GRS', 'logs')], [], '2026-11-25', '1.4.0');
    // 1.5.0: the override merged, as Terraform deploys it; and the pull request lowers another account in the same folder.
    const head = (version: string) => report([tf('infra/main.tf', 'Standard_LRS'), tf('infra/main.tf', 'Standard_LRS', 'logs')], [], '2026-11-25', version);
    const d = diffReports(base, head('1.5.0'));
    assert.deepEqual(d.regressions.map((c) => [c.kind, c.resource.name]), [['redundancy-dropped', 'stlogs']]);
    assert.deepEqual(d.rejudged.map((c) => [c.kind, c.resource.name]), [['redundancy-dropped', 'stlake']]);
    // From a version that merged override files, the same change comes from the code.
    const merged = report([tf('infra/main.tf', 'Standard_GRS'), tf('infra/main.tf', 'Standard_GRS', 'logs')], [], '2026-11-25', '1.5.0');
    assert.deepEqual(diffReports(merged, head('1.5.1')).regressions.map((c) => c.kind), ['redundancy-dropped', 'redundancy-dropped']);
  });

  it('counts an API version bump that changes the verdict, even when the drcheck version changed', () => {
    // A Standard public IP without zones is zone-redundant before API 2020-08-01, local from it on.
    const pip = (apiVersion: string) => resource('Microsoft.Network/publicIPAddresses', 'pip-hub', { location: 'westeurope', sku: { name: 'Standard' } }, { apiVersion });
    const base = report([pip('2019-11-01')], [], '2026-11-25', '1.0.0');
    const head = report([pip('2023-05-01')]);
    assert.deepEqual([base.resources[0].redundancy, head.resources[0].redundancy], ['zone', 'local']);
    const d = diffReports(base, head);
    assert.deepEqual([d.rejudged.length, d.regressions.map((c) => c.kind)], [0, ['redundancy-dropped']]);
  });

  it('counts a suppression removed from the config, even when the drcheck version changed', () => {
    const accepted: SuppressionConfig[] = [{ rule: 'storage-account/redundancy', resource: 'stlake', justification: 'scratch data' }];
    const base = report([storage('stlake', 'Standard_LRS')], accepted, '2026-11-25', '1.0.0');
    const head = report([storage('stlake', 'Standard_LRS')]);
    assert.deepEqual([base.resources[0].status, head.resources[0].status], ['suppressed', 'fail']);
    assert.equal(base.resources[0].fingerprint, head.resources[0].fingerprint, 'the declaration did not change, the config did');
    const d = diffReports(base, head);
    assert.deepEqual([d.rejudged.length, d.regressions.map((c) => c.kind)], [0, ['suppression-lapsed']]);
  });

  it('counts what a stricter strategy fails, even when the drcheck version changed', () => {
    const ip = resource('Microsoft.Network/publicIPAddresses', 'pip-hub', { location: 'westeurope', sku: { name: 'Standard' }, zones: ['1', '2', '3'] }, { apiVersion: '2023-05-01' });
    const run = (strategy: 'redeploy' | 'warm-spare', toolVersion: string) => judge({ resources: [ip], issues: [], strategy, config: {}, toolVersion, roots: ['.'], now: new Date('2026-11-25T00:00:00Z') });
    const base = run('redeploy', '1.0.0');
    const head = run('warm-spare', '1.1.0');
    assert.deepEqual([base.resources[0].status, head.resources[0].status], ['pass', 'fail']);
    const d = diffReports(base, head);
    assert.equal(d.strategyChanged, true);
    assert.deepEqual([d.rejudged.length, d.regressions.map((c) => c.kind)], [0, ['status-worsened']]);
  });

  it('counts the resources judged differently, not their changes', () => {
    const base = report([vault(false)], [], '2026-11-25', '1.0.0');
    // An earlier version that could not decide the vault and had no purge-protection check.
    base.resources[0] = { ...base.resources[0], status: 'unknown', findings: [] };
    const d = diffReports(base, report([vault(false)]));
    assert.deepEqual(d.rejudged.map((c) => c.kind), ['status-improved', 'finding-added']);
    assert.match(toolChangeNote(d), /1\.1\.0\. 1 resource whose code did not change is judged differently/);
  });

  it('still counts a change to the declaration itself when the version changed', () => {
    const base = report([storage('stlake', 'Standard_GRS')], [], '2026-11-25', '1.0.0');
    const head = report([storage('stlake', 'Standard_LRS')]);
    const d = diffReports(base, head);
    assert.deepEqual([d.rejudged.length, d.regressions.map((c) => c.kind)], [0, ['redundancy-dropped']]);
    // A baseline from before fingerprints: nothing shows the declaration unchanged, so the change counts.
    const old = judgedGeoBy('1.0.0', [storage('stlake', 'Standard_LRS')]);
    delete old.resources[0].fingerprint;
    assert.deepEqual(diffReports(old, report([storage('stlake', 'Standard_LRS')])).regressions.map((c) => c.kind), ['redundancy-dropped']);
  });

  it('accepts a regression the config suppresses (justified, not expired): listed apart with the suppression, never counted', () => {
    const sup = [{ rule: 'storage-account/redundancy', resource: 'stlanding', justification: 'Re-ingestable from source; CAB-1234', expires: '2026-12-31' }];
    const base = report([storage('stlanding', 'Standard_RAGRS')], sup);
    const head = report([storage('stlanding', 'Standard_ZRS')], sup);
    assert.equal(head.resources[0].status, 'suppressed');
    const d = diffReports(base, head);
    assert.deepEqual(d.regressions, []);
    assert.deepEqual(d.accepted.map((c) => c.kind), ['redundancy-dropped']);
    assert.match(d.accepted[0].message, /stlanding: redundancy dropped from geo to zone .*; accepted by a suppression: "Re-ingestable from source; CAB-1234", expires 2026-12-31$/);
    // Once it expires it stops applying: the drop counts.
    const lapsed = diffReports(base, report([storage('stlanding', 'Standard_ZRS')], sup, '2027-01-02'));
    assert.deepEqual([lapsed.accepted.length, lapsed.regressions.map((c) => c.kind)], [0, ['redundancy-dropped']]);
    // A new resource below the strategy that a suppression covers is accepted too, not silently added.
    const added = diffReports(report([]), head);
    assert.deepEqual([added.regressions.length, added.other.length, added.accepted.map((c) => c.kind)], [0, 0, ['new-below-required']]);
  });

  it('pairs the one resource of a type that left a file with the one that came in: a rename is compared, not removed and added', () => {
    // Terraform addresses or Bicep symbols whose name is not known: the id is the address, which the rename changes.
    const account = (address: string, sku: string, file = 'storage.tf') => resource('Microsoft.Storage/storageAccounts', null, { location: 'westeurope', sku: { name: sku }, kind: 'StorageV2' }, { address, source: { file, line: 8, column: 1, language: 'terraform' } });
    const base = report([account('azurerm_storage_account.logs', 'Standard_LRS')]);
    // A pure rename of a legacy failing account: not a new resource below the strategy.
    const pure = diffReports(base, report([account('azurerm_storage_account.platform_logs', 'Standard_LRS')]));
    assert.deepEqual([pure.regressions.length, pure.unchanged], [0, 1]);
    assert.deepEqual(pure.other.map((c) => [c.kind, c.message]), [['renamed', 'Microsoft.Storage/storageAccounts azurerm_storage_account.platform_logs: renamed from azurerm_storage_account.logs']]);
    // A real regression together with the rename is a regression.
    const worse = diffReports(report([account('azurerm_storage_account.logs', 'Standard_GRS')]), report([account('azurerm_storage_account.platform_logs', 'Standard_LRS')]));
    assert.deepEqual(worse.regressions.map((c) => c.kind), ['redundancy-dropped']);
    assert.match(worse.regressions[0].message, /; renamed from azurerm_storage_account\.logs$/);
    assert.deepEqual(worse.other, []);
    // Two of a type on either side, or another file: nothing says which is which, so they stay removed and added.
    const two = diffReports(report([account('a.one', 'Standard_LRS'), account('a.two', 'Standard_LRS')]), report([account('b.one', 'Standard_LRS'), account('b.two', 'Standard_LRS')]));
    assert.deepEqual([two.regressions.map((c) => c.kind), two.other.map((c) => c.kind)], [['new-below-required', 'new-below-required'], ['removed', 'removed']]);
    const elsewhere = diffReports(base, report([account('azurerm_storage_account.platform_logs', 'Standard_LRS', 'other.tf')]));
    assert.deepEqual(elsewhere.regressions.map((c) => c.kind), ['new-below-required']);
  });

  it('pairs a renamed Cosmos DB symbol: the dropped region is a regression', () => {
    const cosmos = (address: string, regions: string[]) =>
      resource('Microsoft.DocumentDB/databaseAccounts', null, { location: 'westeurope', kind: 'GlobalDocumentDB', properties: { databaseAccountOfferType: 'Standard', enableAutomaticFailover: true, locations: regions.map((locationName, failoverPriority) => ({ locationName, failoverPriority })) } }, { address, source: { file: 'cosmos.bicep', line: 5, column: 1, language: 'bicep' } });
    const d = diffReports(report([cosmos('cosmos', ['westeurope', 'northeurope'])]), report([cosmos('ordersCosmos', ['westeurope'])]));
    assert.equal(d.regressions.length, 1, JSON.stringify(d.regressions.map((c) => c.message)));
    assert.match(d.regressions[0].message, /ordersCosmos: .*single-region.*was: 2 regions.*; renamed from cosmos$/);
  });

  it('counts a file the new run cannot read, where the baseline could, once, with the first line of its error', () => {
    const base = report([storage('stlake', 'Standard_GRS')]);
    const long = `invalid HCL: Unclosed configuration block${' x'.repeat(200000)}\nsecond line`;
    const head = { ...report([storage('stlake', 'Standard_GRS')]), errors: [{ file: 'cache.tf', line: 1, column: 44, message: long, severity: 'error' as const }, { file: 'cache.tf', line: 9, column: 1, message: 'another', severity: 'error' as const }] };
    const d = diffReports(base, head);
    assert.deepEqual(d.regressions.map((c) => [c.kind, c.resource.file]), [['file-unreadable', 'cache.tf']]);
    assert.match(d.regressions[0].message, /^cache\.tf\(1,44\): could not be read in this run: invalid HCL: Unclosed configuration block x x/);
    assert.ok(d.regressions[0].message.length < 300, `${d.regressions[0].message.length} characters`);
    // Already unreadable in the baseline: not this change's doing.
    assert.deepEqual(diffReports({ ...base, errors: head.errors }, head).regressions, []);
    // A warning is not a file that could not be read.
    assert.deepEqual(diffReports(base, { ...head, errors: [{ ...head.errors[0], severity: 'warning' as const }] }).regressions, []);
  });

  it('names what the baseline said in a regression, and keeps the type and name out of `detail`', () => {
    const base = report([storage('stlake', 'Standard_GRS')]);
    const d = diffReports(base, report([storage('stlake', 'Standard_LRS')]));
    assert.match(d.regressions[0].message, /^Microsoft\.Storage\/storageAccounts stlake: redundancy dropped from geo to local \(.*; was: sku\.name is Standard_GRS/);
    assert.equal(d.regressions[0].message, `Microsoft.Storage/storageAccounts stlake: ${d.regressions[0].detail}`);
    assert.doesNotMatch(d.regressions[0].detail, /stlake|Microsoft\.Storage/);
  });

  it('lists improvements only a lower strategy explains apart, and says which strategies were compared', () => {
    const ip = resource('Microsoft.Network/publicIPAddresses', 'pip-hub', { location: 'westeurope', sku: { name: 'Standard' }, zones: ['1', '2', '3'] }, { apiVersion: '2023-05-01' });
    const run = (strategy: 'redeploy' | 'warm-spare') => judge({ resources: [ip], issues: [], strategy, config: {}, toolVersion: '1.1.0', roots: ['.'], now: new Date('2026-11-25T00:00:00Z') });
    const lowered = diffReports(run('warm-spare'), run('redeploy'));
    assert.deepEqual([lowered.strategyLowered, lowered.strategies], [true, { base: 'warm-spare', head: 'redeploy' }]);
    assert.deepEqual([lowered.improvements.length, lowered.byStrategy.map((c) => c.kind)], [0, ['status-improved']]);
    const raised = diffReports(run('redeploy'), run('warm-spare'));
    assert.deepEqual([raised.strategyLowered, raised.regressions.map((c) => c.kind), raised.byStrategy.length], [false, ['status-worsened'], 0]);
  });
  it('counts as unreadable only a file that was not read: a new error in a file read in full (a module outside the repository) is no unreadable file', () => {
    const base = report([storage('stlake', 'Standard_GRS', at('infra/main.tf', 10))]);
    const head = report([storage('stlake', 'Standard_GRS', at('infra/main.tf', 10))]);
    head.errors.push({ file: 'infra/main.tf', line: 8, column: 1, severity: 'error', code: 'module-outside', message: 'module "st": source \'../modules/st\' is outside the scanned folder' });
    assert.deepEqual(diffReports(base, head).regressions, []);
    head.errors.push({ file: 'infra/cache.tf', line: 1, column: 44, severity: 'error', code: 'parse-error', message: 'invalid HCL: Unclosed configuration block' });
    assert.deepEqual(diffReports(base, head).regressions.map((c) => c.kind), ['file-unreadable']);
  });

  it('compares reports another run wrote with missing or odd fields without throwing (the hub reads old attachments)', () => {
    const base = report([storage('stlake', 'Standard_GRS', at('main.json', 10))]);
    const head = report([storage('stlake', 'Standard_LRS', at('main.json', 10))]);
    (head.resources[0] as { reason: unknown }).reason = null;
    (base as { errors: unknown }).errors = undefined;
    head.errors.push({ file: 'other.json', line: 1, column: 1, severity: 'error', code: 'parse-error', message: 42 as unknown as string });
    const d = diffReports(base, head);
    assert.deepEqual(d.regressions.map((c) => c.kind).sort(), ['file-unreadable', 'redundancy-dropped']);
  });

  it('across versions, a Terraform resource the new version reads as another type is one resource, judged differently, not new', () => {
    const tf = (type: string, body: Record<string, unknown>, version: string) => {
      const r = report([resource(type, 'sql-app/db-app', body as never, { address: 'azurerm_sql_database.db', source: { file: 'main.tf', line: 18, column: 1, language: 'terraform' }, terraform: { type: 'azurerm_sql_database', address: 'azurerm_sql_database.db' } } as never)], [], '2026-11-25', version);
      return r;
    };
    const before = tf('azurerm_sql_database', {}, '1.2.0');
    const after = tf('Microsoft.Sql/servers/databases', { location: 'westeurope', properties: { requestedBackupStorageRedundancy: 'Local' } }, '1.3.0');
    const d = diffReports(before, after);
    assert.deepEqual(d.regressions, []);
    assert.equal(d.other.filter((c) => c.kind === 'added' || c.kind === 'removed').length, 0);
    // Listed apart, as the new version's reading of an unchanged declaration.
    assert.deepEqual(d.rejudged.map((c) => [c.kind, c.base?.type, c.resource.type]), [['finding-added', 'azurerm_sql_database', 'Microsoft.Sql/servers/databases']]);
    // The same version is a real change of code: the new type is a new resource below the strategy, the old one removed.
    const same = diffReports({ ...before, tool: { ...before.tool, version: '1.3.0' } }, after);
    assert.deepEqual(same.regressions.map((c) => c.kind), ['new-below-required']);
    assert.deepEqual(same.other.map((c) => c.kind), ['removed']);
  });

  it('across versions, a plan resource now named under its parent is judged differently; a name the code changed still counts', () => {
    const plan = (name: string, storage: string, version: string) =>
      report([resource('Microsoft.Sql/servers/databases', name, { properties: { requestedBackupStorageRedundancy: storage } }, { address: 'azurerm_mssql_database.orders', source: { file: 'tfplan.json', line: 7, column: 1, language: 'terraform-plan' }, terraform: { type: 'azurerm_mssql_database', address: 'azurerm_mssql_database.orders' } } as never)], [], '2026-11-25', version);
    // Two databases of the type in the file: only the address tells which is which.
    const other = (r: ReturnType<typeof plan>, name: string) => {
      const billing = plan(name, 'Geo', r.tool.version).resources[0];
      return { ...r, resources: [...r.resources, { ...billing, address: 'azurerm_mssql_database.billing' }] };
    };
    const before = other(plan('orders', 'Geo', '1.3.0'), 'billing');
    // 1.4 names it under its server: its id changed, its code did not; the verdict it gives now is not the pull request's.
    const reread = diffReports(before, other(plan('sql-weu/orders', 'Local', '1.4.0'), 'sql-weu/billing'));
    assert.deepEqual(reread.regressions, []);
    assert.deepEqual(reread.rejudged.map((c) => [c.kind, c.resource.name]), [['redundancy-dropped', 'sql-weu/orders']]);
    // The code renamed the database at the same address in the same pull request: compared and counted.
    const renamed = diffReports(before, other(plan('sql-weu/orders-v2', 'Local', '1.4.0'), 'sql-weu/billing'));
    assert.deepEqual(renamed.regressions.map((c) => [c.kind, c.resource.name]), [['redundancy-dropped', 'sql-weu/orders-v2']]);
  });
});
