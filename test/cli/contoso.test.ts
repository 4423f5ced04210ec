/**
 * The bundled Contoso example, end to end through the built CLI: the verdicts must agree with the article
 * (Contoso runs the lowest production tiers under "Redeploy on Disaster").
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { entryById } from '../../shared/catalog';
import type { PostureReport } from '../../shared/report/types';
import { validateReport } from '../../shared/report/validate';
import { drcheck } from './run-cli';

describe('Contoso example (examples/contoso)', () => {
  let report: PostureReport;
  let out: string;
  let run: ReturnType<typeof drcheck>;
  before(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-contoso-'));
    run = drcheck(['scan', 'examples/contoso', '--format', 'json', '--out', out]);
    report = JSON.parse(run.stdout);
  });

  it('produces a valid report with no read problems and full catalog coverage', () => {
    assert.deepEqual(validateReport(report), []);
    assert.deepEqual(report.errors, []);
    assert.equal(report.coverage.ratio, 1);
    assert.equal(report.strategy, 'redeploy');
    assert.equal(run.code, 1, 'failing findings exit 1 (npm start passes --fail-on never)');
  });

  it('maps every resource to one of the three landing-zone subscriptions', () => {
    assert.deepEqual(report.subscriptions.map((s) => [s.landingZone, s.subscription]), [
      ['connectivity', '22222222-2222-4222-8222-222222222222'],
      ['data', '33333333-3333-4333-8333-333333333333'],
      ['management', '11111111-1111-4111-8111-111111111111'],
    ]);
    assert.ok(report.resources.every((r) => r.landingZone !== null));
  });

  it('judges each service the way the article describes Contoso', () => {
    const verdict = (name: string) => {
      const r = report.resources.find((x) => x.name === name);
      assert.ok(r, name);
      return [r.service, r.redundancy, r.status];
    };
    const expected: Record<string, [string, string, string]> = {
      stctsolakeprd: ['storage-account', 'local', 'fail'], // LRS data lake: no copy outside the region
      'evhns-ctso-prd': ['event-hubs', 'zone', 'fail'], // Standard: zones at best, no geo copy
      'iot-ctso-prd': ['iot-hub', 'geo', 'pass'], // Microsoft replicates to the paired region
      'asa-ctso-prd': ['stream-analytics', 'local', 'fail'], // no automatic geo-failover
      'cosmos-ctso-prd': ['cosmos-db', 'geo', 'pass'], // single region, geo-redundant periodic backup
      'mlw-ctso-prd': ['machine-learning', 'local', 'fail'],
      'pview-ctso-prd': ['purview', 'local', 'fail'], // no automated BCDR
      'share-ctso-prd': ['data-share', 'local', 'fail'],
      'synw-ctso-prd': ['synapse-pipelines', 'managed', 'pass'],
      'synw-ctso-prd/sparksmall': ['synapse-spark-pools', 'local', 'pass'], // stateless: redeployed
      'synw-ctso-prd/dwcurated': ['synapse-sql-pools', 'geo', 'pass'], // daily geo-backup
      'srch-ctso-prd': ['cognitive-search', 'local', 'pass'],
      'cog-ctso-prd': ['cognitive-services', 'managed', 'pass'],
      'rsv-ctso-mgmt-prd': ['recovery-services-vault', 'geo', 'pass'], // default GRS
      'kv-ctso-mgmt-prd': ['key-vault', 'managed', 'pass'],
      'vpngw-ctso-hub': ['vpn-gateway', 'local', 'pass'], // VpnGw1, not zone-redundant; stateless under redeploy
      'afw-ctso-hub': ['firewall', 'local', 'pass'], // Standard, no zones
      'lbi-ctso-shared': ['load-balancer', 'local', 'pass'],
      'erc-ctso-ams': ['expressroute', 'local', 'pass'],
      'func-ctso-ingest-prd': ['functions', 'none', 'pass'],
      'adf-ctso-prd': ['data-factory', 'managed', 'pass'],
    };
    for (const [name, v] of Object.entries(expected)) assert.deepEqual(verdict(name), v, name);
  });

  it('gives each failing finding the article\'s responsibility, naming Contoso (organisation: Contoso), and uplift options', () => {
    const named = (s: string) => s.replace(/\bCustomer\b/g, 'Contoso');
    for (const r of report.resources.filter((x) => x.status === 'fail')) {
      const entry = entryById(r.service!)!;
      const f = r.findings.find((x) => x.ruleId === `${r.service}/redundancy`)!;
      assert.deepEqual(f.responsibility, { component: named(entry.responsibility.component), workload: named(entry.responsibility.workload) });
      assert.deepEqual(new Set(f.uplift.map((u) => u.url)), new Set(entry.uplift.map((u) => u.url)));
      assert.equal(f.severity, 'error');
    }
    const lake = report.resources.find((x) => x.name === 'stctsolakeprd')!;
    assert.deepEqual(lake.responsibility, { component: 'Microsoft', workload: 'Contoso' });
    assert.equal(lake.file, 'examples/contoso/landing-zone-data/data-lake.json');
    assert.equal(lake.line, 27);
  });

  it('applies the example\'s suppression and lists Microsoft-managed platform services', () => {
    const fn = report.resources.find((x) => x.name === 'stctsofuncprd')!;
    assert.equal(fn.status, 'suppressed');
    assert.deepEqual(report.suppressions.map((s) => s.state), ['active']);
    const platform = report.platformServices.map((p) => p.service);
    for (const id of ['entra-id', 'azure-devops', 'power-bi', 'cost-management']) assert.ok(platform.includes(id), id);
  });

  it('writes every report format into --out', () => {
    assert.deepEqual(fs.readdirSync(out).sort(), ['drcheck-junit.xml', 'drcheck.sarif', 'posture.json', 'posture.md', 'posture.txt']);
    const sarif = JSON.parse(fs.readFileSync(path.join(out, 'drcheck.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    const lake = sarif.runs[0].results.find((r: { locations: Array<{ logicalLocations: Array<{ name: string }> }> }) => r.locations[0].logicalLocations[0].name === 'stctsolakeprd');
    assert.equal(lake.ruleId, 'storage-account/redundancy');
    assert.equal(lake.locations[0].physicalLocation.artifactLocation.uri, 'examples/contoso/landing-zone-data/data-lake.json');
    assert.equal(lake.locations[0].physicalLocation.region.startLine, 27);
    const junit = fs.readFileSync(path.join(out, 'drcheck-junit.xml'), 'utf8');
    assert.match(junit, /<testcase classname="data\.storage-account" name="stctsolakeprd \(Microsoft\.Storage\/storageAccounts\)"[^>]*>\s*<failure type="storage-account\/redundancy"/);
    assert.match(fs.readFileSync(path.join(out, 'posture.md'), 'utf8'), /\| ❌ fail \| Storage account \/ Data Lake Storage Gen2 \| stctsolakeprd \|/);
  });

  it('npm start: prints the table and exits 0', () => {
    const r = drcheck(['scan', 'examples/contoso', '--format', 'table', '--out', out, '--fail-on', 'never']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /strategy: Redeploy on disaster/);
    assert.match(r.stdout, /FAIL Storage account/);
  });
});
