/**
 * Hostile input, faults and output safety: drcheck runs on code anyone can put in a pull request.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { parseConfig, ConfigError } from '../../shared/config/load';
import { DEFAULT_LIMITS } from '../../shared/config/limits';
import { armReader } from '../../tasks/DrCheckV1/src/readers/arm';
import { parseBicep, BicepSyntaxError } from '../../tasks/DrCheckV1/src/readers/bicep/parser';
import { evaluateHcl } from '../../tasks/DrCheckV1/src/readers/terraform';
import { PUBLISHERS } from '../../tasks/DrCheckV1/src/publishers';
import type { ReaderContext } from '../../tasks/DrCheckV1/src/readers/types';
import { runScan } from '../../tasks/DrCheckV1/src/scan';
import { drcheck } from '../cli/run-cli';
import { runTask, lakeTemplate, makeRepo } from '../task/run-task';

const corpus = path.join(__dirname, 'corpus');
const ctx: ReaderContext = { root: corpus, config: {}, configDir: corpus, limits: DEFAULT_LIMITS, rel: (p) => path.basename(p), readText: () => ({ error: 'not here' }), confine: () => undefined, bicep: 'native' };

describe('hardening', () => {
  it('scans the corpus of bad inputs: every problem named with file and line, the rest still judged, no crash', () => {
    const r = drcheck(['scan', corpus, '--format', 'json', '--no-config', '--fail-on', 'never']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    const report = JSON.parse(r.stdout);
    const codes = (file: string) => report.errors.filter((e: { file: string }) => e.file.endsWith(file)).map((e: { code: string }) => e.code);
    assert.deepEqual(codes('binary.json'), ['binary-file']);
    assert.deepEqual(codes('truncated.json'), ['parse-error']);
    assert.deepEqual(codes('copy-bomb.json'), ['copy-limit']);
    assert.ok(codes('deep-expression.json').includes('expression-error'));
    assert.ok(codes('variable-bomb.json').includes('expression-error'));
    assert.deepEqual(codes('bad.tf'), ['parse-error']);
    assert.deepEqual(codes('cycle.tf'), ['variable-cycle']);
    assert.deepEqual(codes('deep.bicep'), ['parse-error']);
    assert.deepEqual(codes('empty.bicep'), ['empty-file']);
    for (const name of ['stsurvivor', 'stfine', 'st\u00e9\u4e2d\u{1F600}']) assert.ok(report.resources.some((x: { name: string }) => x.name === name), name);
    for (const e of report.errors) assert.ok(e.file && e.line >= 0, JSON.stringify(e));
  });

  it('never lets hostile resource names reshape the table, Markdown, SARIF or JUnit', async () => {
    const { report } = await runScan({ paths: [path.join(corpus, 'hostile-names.json')], configFile: null });
    const hostile = report.resources;
    const table = PUBLISHERS.table(report, { color: false });
    // The agent reads a logging command anywhere in a line of a script step running the CLI.
    assert.ok(hostile.some((r) => r.name?.includes('##vso[')), 'the corpus has such a name');
    assert.doesNotMatch(table, /##vso\[/i);
    assert.doesNotMatch(table, /\u001b|\u0007/);
    const md = PUBLISHERS.markdown(report);
    assert.doesNotMatch(md, /<script>|\]\(javascript:|##vso\[|\*\*bold\*\*/);
    assert.ok(md.split('\n').filter((l) => l.includes('javascript')).every((l) => l.split(' | ').length === 7 || !l.startsWith('|')));
    const sarif = JSON.parse(PUBLISHERS.sarif(report));
    assert.ok(sarif.runs[0].results.every((x: { message: { text: string } }) => !/[\u0000-\u0008\u001b]/.test(x.message.text)));
    const junit = PUBLISHERS.junit(report);
    assert.doesNotMatch(junit, /<script>|[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('stops at symbolic-link loops and oversized files, and carries on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-links-'));
    fs.mkdirSync(path.join(dir, 'infra'));
    fs.writeFileSync(path.join(dir, 'infra/lake.json'), lakeTemplate('Standard_GRS'));
    fs.symlinkSync(dir, path.join(dir, 'infra/loop'));
    fs.writeFileSync(path.join(dir, 'infra/huge.json'), `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","x":"${'a'.repeat(5000)}","resources":[]}`);
    const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null, limits: { maxFileBytes: 4096 } });
    assert.ok(report.errors.some((e) => e.code === 'symlink-loop'));
    assert.ok(report.errors.some((e) => e.code === 'file-too-large' && e.file.endsWith('huge.json')));
    assert.deepEqual(report.resources.map((r) => r.name), ['stlakeprd']);
    const overlapping = (await runScan({ paths: ['.', 'infra'], cwd: dir, configFile: null, limits: { maxFileBytes: 4096 } })).report;
    assert.equal(overlapping.errors.filter((e) => e.code === 'symlink-loop').length, 1, 'a folder given twice is no loop; only the link warns');
    assert.deepEqual(overlapping.resources.map((r) => r.name), ['stlakeprd']);
  });

  it('reports a failure to write reports clearly, after printing the result (CLI and task)', async () => {
    const r = drcheck(['scan', path.join(corpus, 'weird-types.json'), '--format', 'json', '--no-config', '--out', '/dev/full/reports']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /drcheck: cannot write the reports to \/dev\/full\/reports: (ENOTDIR|ENOENT|EACCES)/);
    assert.ok(JSON.parse(r.stdout).resources.length > 0, 'the result was printed before the failure');
    const repo = makeRepo({ 'lake.json': lakeTemplate('Standard_LRS') });
    const run = await runTask({ sources: repo, inputs: { failOn: 'findings', baseline: 'none' }, variables: { 'Build.ArtifactStagingDirectory': '/dev/full' } });
    assert.equal(run.result, 'Failed', 'the scan result still decides');
    assert.ok(run.issues.some((i) => /cannot write \/dev\/full\/drcheck\/posture\.json/.test(i.message)));
  });

  describe('properties (fast-check): any input gives a result or a positioned error, never an exception', () => {
    it('ARM reader on arbitrary templates', async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), fc.jsonValue({ maxDepth: 4 }), async (resources, variables) => {
          const text = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', variables, resources: Array.isArray(resources) ? resources : [resources] });
          const r = await armReader.read([{ path: path.join(corpus, 'fuzz.json'), rel: 'fuzz.json', text }], ctx);
          for (const i of r.issues) assert.ok(i.file === 'fuzz.json' && i.line >= 0 && typeof i.message === 'string');
        }),
        { numRuns: 300 },
      );
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 300 }), async (text) => {
          const r = await armReader.read([{ path: path.join(corpus, 'fuzz.json'), rel: 'fuzz.json', text: `{"$schema":"x/deploymentTemplate.json#","resources":[${text}]}` }], ctx);
          for (const i of r.issues) assert.ok(i.line >= 1);
        }),
        { numRuns: 300 },
      );
    });

    it('Bicep parser, HCL expressions and the config loader on arbitrary text', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 200 }), (text) => {
          try {
            parseBicep(text);
          } catch (e) {
            if (!(e instanceof BicepSyntaxError)) throw e;
            assert.ok(e.line >= 1 && e.column >= 1);
          }
        }),
        { numRuns: 1000 },
      );
      fc.assert(
        fc.property(fc.string({ maxLength: 80 }), (text) => {
          evaluateHcl(`\${${text}}`, { lookup: () => null });
        }),
        { numRuns: 1000 },
      );
      fc.assert(
        fc.property(fc.string({ maxLength: 200 }), (text) => {
          try {
            parseConfig(text, '.drcheck.yml');
          } catch (e) {
            if (!(e instanceof ConfigError)) throw e;
            assert.ok(e.line >= 1);
          }
        }),
        { numRuns: 500 },
      );
    });
  });
});
