import { strict as assert } from 'node:assert';
import { entryById } from '../../shared/catalog';
import { judge, type JudgeInput } from '../../shared/engine/judge';
import { responsibilityFor } from '../../shared/engine/responsibility';
import { validateReport } from '../../shared/report/validate';
import { resource, storage } from './helpers';

function run(over: Partial<JudgeInput>) {
  return judge({ resources: [], issues: [], strategy: 'redeploy', config: {}, toolVersion: '1.0.0', roots: ['.'], now: new Date('2026-11-25T00:00:00Z'), ...over });
}

const vnet = (name: string) => resource('Microsoft.Network/virtualNetworks', name, { location: 'westeurope', properties: {} });

describe('recovery responsibility in reports', () => {
  it('says "Customer" when the config names no organisation', () => {
    const report = run({ resources: [storage('stlake', 'Standard_LRS'), vnet('vnet-hub')] });
    const [lake, net] = report.resources;
    assert.deepEqual(lake.responsibility, { component: 'Microsoft', workload: 'Customer' });
    assert.deepEqual(lake.findings[0].responsibility, { component: 'Microsoft', workload: 'Customer' });
    assert.deepEqual(net.responsibility, { component: 'Customer', workload: 'Customer' });
    assert.deepEqual(report.platformServices.find((p) => p.service === 'ddos-protection')?.responsibility, { component: 'Microsoft', workload: 'Customer' });
    assert.doesNotMatch(JSON.stringify(report), /Contoso/, 'no report names the article\'s example customer');
  });

  it('names the organisation of .drcheck.yml on resources, findings and platform services', () => {
    const report = run({ config: { organisation: 'Fabrikam' }, resources: [storage('stlake', 'Standard_LRS'), vnet('vnet-hub'), resource('Microsoft.MachineLearningServices/workspaces', 'mlw', { location: 'westeurope', properties: {} })] });
    const [lake, net, ml] = report.resources;
    assert.deepEqual(lake.responsibility, { component: 'Microsoft', workload: 'Fabrikam' });
    assert.deepEqual(lake.findings[0].responsibility, { component: 'Microsoft', workload: 'Fabrikam' });
    assert.deepEqual(net.responsibility, { component: 'Fabrikam', workload: 'Fabrikam' });
    assert.deepEqual(ml.responsibility, { component: 'Fabrikam and Microsoft', workload: 'Fabrikam' }, "the article's pairing, in its order");
    assert.doesNotMatch(JSON.stringify(report), /"Customer/);
    assert.deepEqual(report.platformServices.find((p) => p.service === 'ddos-protection')?.responsibility, { component: 'Microsoft', workload: 'Fabrikam' });
    for (const p of report.platformServices) assert.doesNotMatch(`${p.responsibility.component} ${p.responsibility.workload}`, /\bCustomer\b/, p.service);
    assert.deepEqual(validateReport(report), []);
    assert.deepEqual(entryById('storage-account')!.responsibility, { component: 'Microsoft', workload: 'Customer' }, 'the catalog itself is untouched');
  });

  it('keeps a name with $ patterns, Markdown or HTML as written (publishers escape it)', () => {
    const who = responsibilityFor({ component: 'Customer and Microsoft', workload: 'Customer (not stated in the article)' }, "$& $1 Fab|<b>rikam's");
    assert.deepEqual(who, { component: "$& $1 Fab|<b>rikam's and Microsoft", workload: "$& $1 Fab|<b>rikam's (not stated in the article)" });
  });

  it('allocates nothing per resource: every resource of a service shares one labelled object', () => {
    const entry = entryById('storage-account')!;
    assert.equal(responsibilityFor(entry.responsibility, undefined), entry.responsibility, 'no organisation: the catalog object');
    assert.equal(responsibilityFor(entry.responsibility, 'Customer'), entry.responsibility);
    const microsoft = entryById('key-vault')!.responsibility;
    assert.equal(responsibilityFor(microsoft, 'Fabrikam'), microsoft, 'nothing to name: the catalog object');
    assert.equal(responsibilityFor(entry.responsibility, 'Fabrikam'), responsibilityFor(entry.responsibility, 'Fabrikam'), 'memoised');
    assert.notEqual(responsibilityFor(entry.responsibility, 'Fabrikam'), responsibilityFor(entry.responsibility, 'Northwind'));
    const report = run({ config: { organisation: 'Fabrikam' }, resources: Array.from({ length: 50 }, (_, i) => storage(`st${i}`, 'Standard_LRS')) });
    const first = report.resources[0].responsibility;
    for (const r of report.resources) {
      assert.equal(r.responsibility, first);
      assert.equal(r.findings[0].responsibility, first);
    }
  });
});
