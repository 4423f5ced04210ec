import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { fingerprint as fingerprintOf } from '../../shared/engine/fingerprint';
import type { NormalisedResource } from '../../shared/model/resource';
import { Unknown } from '../../shared/model/value';
import { resource, storage } from './helpers';

const fingerprint = (r: NormalisedResource) => fingerprintOf(r, r.type.toLowerCase());

describe('resource fingerprint', () => {
  it('leaves out a parent the reader found by the names (as drcheck 1.3 had no such link), and keeps a declared one', () => {
    const flat = (more: Partial<NormalisedResource>) =>
      fingerprint(resource('Microsoft.RecoveryServices/vaults/backupStorageConfig', null, { properties: { storageModelType: 'LocallyRedundant' } }, { address: "[format('{0}/{1}', parameters('vaultName'), 'vaultstorageconfig')]", ...more }));
    const unlinked = flat({});
    assert.equal(flat({ parent: "[parameters('vaultName')]", parentByName: true }), unlinked);
    assert.notEqual(flat({ parent: "[parameters('vaultName')]" }), unlinked);
  });

  it('is the same for one declaration wherever it is written, and differs when what drcheck reads differs', () => {
    const lake = fingerprint(storage('stlake', 'Standard_GRS'))!;
    assert.match(lake, /^[0-9a-f]{16}$/);
    assert.equal(fingerprint(storage('stlake', 'Standard_GRS', { source: { file: 'moved/lake.json', line: 99, column: 1, language: 'arm' } })), lake);
    const others = [
      storage('stlake', 'Standard_LRS'),
      storage('stlake2', 'Standard_GRS'),
      storage('stlake', 'Standard_GRS', { subscription: '00000000-0000-0000-0000-000000000001' }),
      storage('stlake', 'Standard_GRS', { parent: 'rg' }),
      storage('stlake', new Unknown("parameters('sku') has no value", "[parameters('sku')]")),
      storage('stlake', new Unknown("parameters('sku') has no value", "[parameters('sku')]", ['Standard_GRS', 'Standard_LRS'])),
      // A partly unknown object: what it sets after its unknown part is part of the declaration.
      resource('Microsoft.Storage/storageAccounts', 'stlake', { location: 'westeurope', sku: new Unknown('common has no value', 'common', undefined, undefined, { name: 'Standard_LRS' }) }),
      resource('Microsoft.Storage/storageAccounts', 'stlake', { location: 'westeurope', sku: new Unknown('common has no value', 'common', undefined, undefined, { name: 'Standard_GRS' }) }),
      storage('stlake', ['Standard_GRS']),
      storage('stlake', 0),
      storage('stlake', null),
      resource('Microsoft.Storage/storageAccounts', 'stlake', { location: 'westeurope', sku: { name: 'Standard_GRS' } }),
      // The API version is part of the declaration: the public IP rule reads it.
      storage('stlake', 'Standard_GRS', { apiVersion: '2019-06-01' }),
    ].map(fingerprint);
    assert.equal(new Set([lake, ...others]).size, others.length + 1, 'each reads differently');
  });

  it('tells keys from values and where strings end', () => {
    const body = (b: Record<string, string>) => fingerprint(resource('Microsoft.Web/sites', 'app', b));
    assert.notEqual(body({ ab: 'c' }), body({ a: 'bc' }));
    assert.notEqual(body({ a: 'b', c: 'd' }), body({ a: 'bc', d: '' }));
  });

  it('does not depend on the order properties were written or merged in', () => {
    // Two azapi_update_resource patches in two files merge in file order: renaming a file must not change the fingerprint.
    const a = resource('Microsoft.Storage/storageAccounts', 'st', { sku: { name: 'Standard_GRS' }, properties: { minimumTlsVersion: 'TLS1_2' }, tags: { env: 'prd', app: 'x' } });
    const b = resource('Microsoft.Storage/storageAccounts', 'st', { tags: { app: 'x', env: 'prd' }, properties: { minimumTlsVersion: 'TLS1_2' }, sku: { name: 'Standard_GRS' } });
    assert.equal(fingerprint(a), fingerprint(b));
  });

  it('gives the fingerprints drcheck 1.1.0 wrote, so a baseline from it still pairs after an update', () => {
    // Baselines keep fingerprints across versions: any change to how they are computed turns every re-judged resource into a
    // changed declaration on the first PR after an update. These values were written by 1.1.0; keys sort by UTF-16 code unit.
    assert.equal(fingerprint(storage('stlake', 'Standard_GRS')), '6a4c67cb708e5a95');
    const mixedKeys = { b: 1, a: { Z: 'x', a: [1, { y: 2, '10': 3, '9': 4, ä: 5, B: null }] }, _: true, kind: 'app' };
    assert.equal(fingerprint(resource('Microsoft.Web/sites', 'app', mixedKeys)), '679cbf1f1150be23');
  });

  it('fingerprints an object with a great many keys in the same key order, sorting them with the engine sort', () => {
    // A scanned file controls its objects' size: sorting 100,000 keys written in descending order by insertion took ~20 s
    // a resource. Speed is tracked in the benchmark, never timed here: the test checks the large object goes to the
    // engine's O(n log n) sort, and that the order (so the fingerprint) is the same as for small objects.
    const n = 100_000;
    const key = (i: number) => `k${String(i).padStart(6, '0')}`;
    const descending: Record<string, number> = {};
    for (let i = n; i > 0; i--) descending[key(i)] = i;
    const ascending: Record<string, number> = {};
    for (let i = 1; i <= n; i++) ascending[key(i)] = i;
    const sort = sinon.spy(Array.prototype, 'sort');
    let fp: string | undefined;
    try {
      fp = fingerprint(resource('Microsoft.Web/sites', 'app', { properties: { appSettings: descending } }));
    } finally {
      sort.restore();
    }
    assert.ok(sort.getCalls().some((c) => (c.thisValue as unknown[]).length === n), 'the 100,000 keys are sorted by Array.prototype.sort');
    assert.equal(fp, fingerprint(resource('Microsoft.Web/sites', 'app', { properties: { appSettings: ascending } })));
  });
});
