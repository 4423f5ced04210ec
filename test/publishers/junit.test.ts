/**
 * JUnit XML for the Tests tab: parsed back with a strict XML parser and checked the way Azure DevOps reads it
 * (suites, cases, failures, skipped), including names that try to break the XML.
 */
import { strict as assert } from 'node:assert';
import { parseStringPromise } from 'xml2js';
import { publishJunit } from '../../tasks/DrCheckV1/src/publishers/junit';
import { contoso, HOSTILE, scanFiles, storage, template } from './helpers';

interface Case {
  $: { classname: string; name: string; file: string; line: string; time: string };
  failure?: Array<{ _: string; $: { type: string; message: string } }>;
  skipped?: Array<{ $: { message: string } }>;
}
interface Suite {
  $: { name: string; tests: string; failures: string; errors: string; skipped: string; timestamp: string };
  testcase: Case[];
}

async function parse(xml: string): Promise<{ testsuites: { $: Record<string, string>; testsuite: Suite[] } }> {
  return parseStringPromise(xml, { strict: true });
}

describe('JUnit publisher', function () {
  this.timeout(30000);

  it('writes one suite per landing zone and subscription, one test case per resource', async () => {
    const report = await contoso();
    const doc = await parse(publishJunit(report));
    const root = doc.testsuites;
    assert.deepEqual({ name: root.$.name, tests: root.$.tests, failures: root.$.failures, skipped: root.$.skipped }, { name: 'drcheck (redeploy)', tests: '39', failures: String(report.totals.fail + report.totals.unknown + 1), skipped: '1' }, 'the failing resources and Cosmos DB\'s open single-region warning');
    const suites = root.testsuite.map((s) => s.$.name).sort();
    assert.deepEqual(suites, [
      'DR posture: connectivity (22222222-2222-4222-8222-222222222222)',
      'DR posture: data (33333333-3333-4333-8333-333333333333)',
      'DR posture: management (11111111-1111-4111-8111-111111111111)',
    ]);
    const cases = root.testsuite.flatMap((s) => s.testcase);
    assert.equal(cases.length, report.resources.length);
    for (const s of root.testsuite) {
      assert.equal(Number(s.$.tests), s.testcase.length);
      assert.equal(Number(s.$.failures), s.testcase.filter((c) => c.failure).length);
      assert.equal(Number(s.$.skipped), s.testcase.filter((c) => c.skipped).length);
    }
  });

  it('fails a resource below the strategy with the finding text and uplift, and skips a suppressed one', async () => {
    const doc = await parse(publishJunit(await contoso()));
    const cases = doc.testsuites.testsuite.flatMap((s) => s.testcase);
    const lake = cases.find((c) => c.$.name === 'stctsolakeprd (Microsoft.Storage/storageAccounts)')!;
    assert.equal(lake.$.classname, 'data.storage-account');
    assert.equal(lake.$.file, 'landing-zone-data/data-lake.json');
    assert.equal(lake.$.line, '27');
    assert.equal(lake.failure![0].$.type, 'storage-account/redundancy');
    assert.match(lake.failure![0].$.message, /'stctsolakeprd' is local: sku\.name is Standard_LRS/);
    assert.match(lake.failure![0]._, /^storage-account\/redundancy \(error\): .*\nUplift: .*https:\/\/learn\.microsoft\.com\/azure\/storage\/common\/storage-redundancy/s);
    assert.match(lake.failure![0]._, /landing-zone-data\/data-lake\.json:27$/);
    const func = cases.find((c) => c.$.name.startsWith('stctsofuncprd '))!;
    assert.equal(func.failure, undefined);
    assert.equal(func.skipped![0].$.message, 'suppressed: Functions host storage holds no business data; it is recreated with the app.');
    const cosmos = cases.find((c) => c.$.name.startsWith('cosmos-ctso-prd '))!;
    assert.equal(cosmos.failure![0].$.type, 'cosmos-db/single-region', 'a pass with an open warning fails the run, so it fails its test');
    const vault = cases.find((c) => c.$.name.startsWith('rsv-ctso-mgmt-prd '))!;
    assert.equal(vault.failure, undefined, 'a note does not');
    const passing = cases.filter((c) => !c.failure && !c.skipped);
    assert.equal(passing.length, 31);
  });

  it('keeps hostile names inside attributes and text, never breaking the XML', async () => {
    const report = await scanFiles({ 'infra/hostile.json': template([...HOSTILE, ']]><evil/>', 'bell\u0007char'].map((n) => storage(n, 'Standard_LRS'))) });
    const xml = publishJunit(report);
    assert.ok(!xml.includes('<img'), 'no raw markup');
    const doc = await parse(xml);
    const names = doc.testsuites.testsuite.flatMap((s) => s.testcase).map((c) => c.$.name);
    assert.ok(names.includes('<img src=x onerror=alert(1)> (Microsoft.Storage/storageAccounts)'), 'the name comes back exactly');
    assert.ok(names.includes(']]><evil/> (Microsoft.Storage/storageAccounts)'));
    assert.ok(names.includes('& < > " \' (Microsoft.Storage/storageAccounts)'));
    assert.ok(names.includes('bell char (Microsoft.Storage/storageAccounts)'), 'characters XML 1.0 forbids become spaces');
  });

  it('fails a resource whose open finding gates the run, so the Tests tab agrees with the result', async () => {
    const vault = { type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name: 'kv-nopurge', location: 'westeurope', properties: { tenantId: '00000000-0000-0000-0000-000000000000', sku: { family: 'A', name: 'standard' }, enableSoftDelete: true } };
    const report = await scanFiles({ 'infra/kv.json': template([vault]) });
    const r = report.resources[0];
    assert.equal(r.status, 'pass');
    assert.deepEqual(r.findings.map((f) => [f.ruleId, f.severity]), [['key-vault/purge-protection', 'warning']]);
    const byDefault = await parse(publishJunit(report));
    const kv = byDefault.testsuites.testsuite[0].testcase[0];
    assert.equal(byDefault.testsuites.$.failures, '1');
    assert.equal(kv.failure?.[0].$.type, 'key-vault/purge-protection');
    const onErrors = await parse(publishJunit(report, { failOn: 'error' }));
    assert.equal(onErrors.testsuites.$.failures, '0');
    assert.equal(onErrors.testsuites.testsuite[0].testcase[0].failure, undefined);
  });
});
