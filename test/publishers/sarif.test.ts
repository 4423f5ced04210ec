/**
 * SARIF 2.1.0: validated against the OASIS schema (as shipped in @microsoft/jest-sarif), and read the way the
 * SARIF Scans tab and Advanced Security read it: rules with help and uplift links, results with locations.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { publishSarif } from '../../tasks/DrCheckV1/src/publishers/sarif';
import { contoso, HOSTILE, REPO, scanFiles, storage, template } from './helpers';

const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// The schema's `language` pattern is not valid as a Unicode regular expression; everything else is checked as written.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: { startLine: number; startColumn: number } }; logicalLocations: Array<{ name: string }> }>;
  suppressions?: Array<{ kind: string; status: string; justification: string }>;
  partialFingerprints: Record<string, string>;
}

describe('SARIF publisher', function () {
  this.timeout(30000);

  it('the schema check rejects what is not SARIF 2.1.0 (so passing means something)', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false, 'driver.name is required');
    assert.equal(validate({ version: '2.0.0', runs: [] }), false);
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), false);
  });

  it('writes a valid log for Contoso: one rule per rule id with help, uplift links and tags', async () => {
    const report = await contoso();
    const log = JSON.parse(publishSarif(report));
    assertValid(log);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'drcheck');
    assert.equal(run.tool.driver.version, report.tool.version);
    const rules: Array<{ id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string }; helpUri: string; properties: { tags: string[] }; defaultConfiguration: { level: string } }> = run.tool.driver.rules;
    const ids = rules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'one rule per rule id');
    const ruleIds = new Set(report.resources.flatMap((r) => r.findings.map((f) => f.ruleId)));
    assert.deepEqual(new Set(ids), ruleIds, 'a rule for every rule id that has a result, and no others');
    const storageRule = rules.find((r) => r.id === 'storage-account/redundancy')!;
    assert.match(storageRule.shortDescription.text, /^Storage account/);
    assert.match(storageRule.fullDescription.text, /meets the redundancy the DR strategy requires/);
    assert.match(storageRule.help.text, /Recovery responsibility: component Microsoft; workload\/configuration Contoso\./);
    assert.match(storageRule.help.markdown, /^\*\*Recovery responsibility\*\*: component Microsoft; workload\/configuration Contoso\. Reference SKU \(the article's Contoso example\): LRS\.\n/);
    assert.match(storageRule.help.markdown, /\*\*DR uplift options\*\*\n\n- \[[^\]]+\]\(https:\/\/learn\.microsoft\.com\/azure\/storage\/common\/storage-redundancy[^)]*\)/);
    assert.match(storageRule.helpUri, /^https:\/\/learn\.microsoft\.com\//);
    assert.deepEqual(storageRule.properties.tags, ['reliability', 'disaster-recovery', 'storage-account']);
    for (const r of rules) assert.match(r.helpUri, /^https:\/\//, r.id);
  });

  it('gives every result a relative source location, a level from the severity and its rule index', async () => {
    const report = await contoso();
    const run = JSON.parse(publishSarif(report)).runs[0];
    const results: Result[] = run.results;
    assert.equal(results.length, report.resources.reduce((n, r) => n + r.findings.length, 0), 'one result per finding');
    assert.deepEqual(run.originalUriBaseIds['%SRCROOT%'].description, { text: 'The scanned repository' });
    const lake = results.find((r) => r.ruleId === 'storage-account/redundancy' && r.locations[0].logicalLocations[0].name === 'stctsolakeprd')!;
    const loc = lake.locations[0].physicalLocation;
    assert.deepEqual(loc.artifactLocation, { uri: 'landing-zone-data/data-lake.json', uriBaseId: '%SRCROOT%' });
    assert.equal(loc.region!.startLine, 27);
    assert.ok(loc.region!.startColumn >= 1);
    assert.equal(lake.level, 'error');
    assert.match(lake.message.text, /stctsolakeprd' is local: sku\.name is Standard_LRS/);
    assert.equal(run.tool.driver.rules[lake.ruleIndex].id, lake.ruleId);
    for (const r of results) {
      assert.ok(['error', 'warning', 'note'].includes(r.level));
      assert.ok(!r.locations[0].physicalLocation.artifactLocation.uri.startsWith('/'), 'relative');
      assert.ok(r.partialFingerprints['drcheckResource/v1'].endsWith(`|${r.ruleId}`), 'stable fingerprint for de-duplication across runs');
    }
  });

  it('marks suppressed findings with a SARIF suppression carrying the justification', async () => {
    const run = JSON.parse(publishSarif(await contoso())).runs[0];
    const suppressed: Result[] = run.results.filter((r: Result) => r.suppressions);
    assert.equal(suppressed.length, 1);
    assert.deepEqual(suppressed[0].suppressions, [{ kind: 'external', status: 'accepted', justification: 'Functions host storage holds no business data; it is recreated with the app.' }]);
    assert.equal(suppressed[0].locations[0].logicalLocations[0].name, 'stctsofuncprd');
  });

  it('reports read problems as tool notifications, without a region when the position is unknown', async () => {
    const report = await scanFiles({ 'infra/ok.json': template([storage('stokprd', 'Standard_GRS')]), 'infra/broken.json': '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [ ' });
    const log = JSON.parse(publishSarif(report));
    assertValid(log);
    const notes = log.runs[0].invocations[0].toolExecutionNotifications;
    assert.ok(notes.length >= 1);
    const broken = notes.find((n: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => n.locations[0].physicalLocation.artifactLocation.uri === 'infra/broken.json');
    assert.ok(broken, JSON.stringify(notes));
    assert.equal(broken.level, 'error');
    const region = broken.locations[0].physicalLocation.region;
    if (region) assert.ok(region.startLine >= 1 && region.startColumn >= 1);
  });

  it('keeps hostile names and odd file names valid: text as data, paths percent-encoded', async () => {
    const files: Record<string, string> = { 'infra/my templates/#1 (prod).json': template(HOSTILE.map((n, i) => storage(n, i % 2 ? 'Standard_LRS' : 'Standard_ZRS'))) };
    const report = await scanFiles(files);
    const text = publishSarif(report);
    const log = JSON.parse(text);
    assertValid(log);
    const results: Result[] = log.runs[0].results;
    assert.equal(results.length, HOSTILE.length);
    assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, 'infra/my%20templates/%231%20(prod).json');
    const names = results.map((r) => r.locations[0].logicalLocations[0].name);
    assert.ok(names.includes('[click](javascript:alert(1))'), 'names are data in JSON, unchanged');
    assert.ok(names.includes('line1 line2'), 'control characters become spaces');
  });

  it("names who recovers a resource in the rule help as the report does: Customer, or the organisation, escaped in Markdown", async () => {
    const rule = async (config?: string) => {
      const report = await scanFiles({ 'infra/lake.json': template([storage('stlake', 'Standard_LRS')]), ...(config === undefined ? {} : { '.drcheck.yml': config }) });
      const log = JSON.parse(publishSarif(report));
      assertValid(log);
      return (log.runs[0].tool.driver.rules as Array<{ id: string; help: { text: string; markdown: string } }>).find((r) => r.id === 'storage-account/redundancy')!;
    };
    const neutral = await rule();
    assert.match(neutral.help.text, /^Recovery responsibility: component Microsoft; workload\/configuration Customer\.$/m);
    assert.match(neutral.help.markdown, /workload\/configuration Customer\. Reference SKU \(the article's Contoso example\): /);
    assert.match((await rule('organisation: Fabrikam\n')).help.text, /workload\/configuration Fabrikam\./);
    const hostile = await rule('organisation: "Fab|<b>rikam [x](javascript:alert(1))"\n');
    assert.match(hostile.help.text, /workload\/configuration Fab\|<b>rikam \[x\]\(javascript:alert\(1\)\)\./, 'plain text is shown as text');
    assert.match(hostile.help.markdown, /workload\/configuration Fab\\\|&lt;b&gt;rikam \\\[x\\\]\\\(javascript:alert\\\(1\\\)\\\)\./);
    assert.doesNotMatch(hostile.help.markdown, /<b>|\]\(javascript:/);
  });
});
