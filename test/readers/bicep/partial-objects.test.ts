/**
 * Objects only partly known (a spread of a parameter with no value, a conditional spread whose condition only the
 * deployment knows): what is known of them stays known, and nothing more is made known than is. Each fixture is a
 * Bicep file as AVM-style templates write it, scanned by the real reader and engine.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { runScan } from '../../../tasks/DrCheckV1/src/scan';
import type { PostureReport } from '../../../shared/report/types';

const fixtures = path.join(__dirname, 'fixtures', 'partial-objects');

async function judged(fixture: string): Promise<Record<string, [string, string]>> {
  const dir = path.join(fixtures, fixture);
  const report: PostureReport = (await runScan({ paths: ['.'], cwd: dir, configFile: null })).report;
  assert.deepEqual(report.errors, [], fixture);
  return Object.fromEntries(report.resources.map((r) => [r.name!, [r.status, r.redundancy] as [string, string]]));
}

describe('partly known objects', () => {
  it('a property of { ...common, name: x } is not its own name: cfg.sku stays unknown, union() of it too', async () => {
    const r = await judged('member-of-partly-known');
    assert.deepEqual(r.stmember, ['unknown', 'unknown']);
    assert.deepEqual(r.stunion, ['fail', 'local']);
  });

  it('a key one branch leaves out stays "sometimes there" in a spread copy and a union() of the object', async () => {
    const r = await judged('copies-keep-sometimes-keys');
    for (const name of ['stdirect', 'stspread', 'stunion', 'stlambda']) assert.deepEqual(r[name], ['unknown', 'unknown'], name);
  });

  it('empty() of an object with a key always there is false, whatever the conditional', async () => {
    assert.deepEqual((await judged('empty-with-a-sure-key')).stempty, ['pass', 'geo']);
  });

  it('a reference reads past a conditional spread that does not set the property (primary.sku with ...(!empty(zones) ? { zones } : {}))', async () => {
    const r = await judged('reference-past-conditional');
    assert.deepEqual(r.stcopy1, ['pass', 'geo']);
    assert.deepEqual(r.stcopy2, ['pass', 'geo']);
  });

  it('beside a spread that may set anything, a conditional spread may set only its own keys (the SKU written before it stays known)', async () => {
    assert.deepEqual((await judged('conditional-beside-opaque')).stmixed, ['pass', 'geo']);
  });
  it('a key one branch leaves out is still "sometimes there" when the other branch gives it a known value (contains() is judged per branch)', async () => {
    assert.deepEqual((await judged('sometimes-key-with-known-values')).stcontains, ['unknown', 'unknown']);
  });

  it('a module parameter the call does not set is not read from the params\' known keys (settings.sku is not the call\'s sku)', async () => {
    assert.deepEqual((await judged('module-params-partly-known')).stsettings, ['unknown', 'unknown']);
  });
  it('two conditional spreads in a resource body, one of known objects: the SKU is judged per branch, not left to the other spread', async () => {
    const dir = path.join(fixtures, 'two-conditionals-in-body');
    const report = (await runScan({ paths: ['.'], cwd: dir, configFile: null })).report;
    const st = report.resources.find((r) => r.name === 'sttwoconds')!;
    assert.deepEqual([st.status, st.redundancy], ['unknown', 'unknown']);
    assert.match(st.reason, /^sku can be .*Standard_GRS.* or .*Standard_LRS.*: .*Standard_GRS"} gives geo, .*Standard_LRS"} gives local$/);
  });
});
