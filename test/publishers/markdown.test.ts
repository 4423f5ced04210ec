/**
 * Markdown: the build summary (and `drcheck scan --format markdown`) and the pull-request comment. Resource
 * names, addresses, file paths and messages are untrusted: they must come out as text, never as Markdown
 * structure, HTML, links or pipeline logging commands.
 */
import { strict as assert } from 'node:assert';
import { diffReports } from '../../shared/engine/diff';
import { renderPrComment, MAX_ROWS, THREAD_MARKER } from '../../tasks/DrCheckV1/src/pipeline/comment';
import { renderDiff } from '../../tasks/DrCheckV1/src/publishers/diff';
import { escapeMarkdown } from '../../tasks/DrCheckV1/src/publishers/escape';
import { fileLink, MAX_ROWS_PER_SUBSCRIPTION, publishMarkdown } from '../../tasks/DrCheckV1/src/publishers/markdown';
import { publishTable } from '../../tasks/DrCheckV1/src/publishers/table';
import { contoso, HOSTILE, scanFiles, storage, template } from './helpers';

/** Table rows of a Markdown table: lines starting with `|`, split into cells on unescaped pipes. */
function cells(line: string): string[] {
  return line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
}

describe('Markdown publisher', function () {
  this.timeout(30000);

  it('summarises the posture per subscription with the top uplift actions', async () => {
    const md = publishMarkdown(await contoso());
    assert.match(md, /^# DR posture: 6 failing/);
    assert.match(md, /Strategy \*\*Redeploy on disaster\*\* · 39 resources · ✅ 32 pass · ❌ 6 fail/i);
    const table = md.split('## Posture per subscription')[1].split('\n\n')[1].split('\n');
    assert.deepEqual(cells(table[0]), ['Landing zone', 'Subscription', 'Resources', 'Stateful', 'Meets strategy', 'Fail', 'Unknown']);
    const data = table.map(cells).find((c) => c[0] === 'data')!;
    assert.equal(data[1], '33333333\\-3333\\-4333\\-8333\\-333333333333');
    assert.match(data[4], /^\d+%$/);
    assert.match(md, /### data \(33333333\\-3333/);
    assert.match(md, /\*\*Uplift first\*\*\n\n1\. \[[^\]]+\]\(https:\/\/learn\.microsoft\.com\/[^)]+\) · \d+ resources? · `[^`]+`/);
    assert.match(md, /\*\*Catalog coverage\*\*: \d+ of 39 resources/);
    assert.match(md, / · `storage-account\/redundancy`$/m, 'a code span shows its text as is: no backslash escapes inside');
  });

  it('says no resources were read instead of claiming full catalog coverage of none (markdown and table)', async () => {
    // Nothing read: a Terraform root whose only module lies outside the scanned folder.
    const report = await scanFiles({ 'examples/main.tf': 'module "lake" {\n  source = "../../lake"\n}\n' });
    assert.equal(report.resources.length, 0);
    const md = publishMarkdown(report);
    assert.equal(md.split('\n').find((l) => l.startsWith('**Catalog coverage**')), '**Catalog coverage**: no resources read.');
    assert.doesNotMatch(md, /100%/);
    const table = publishTable(report, { color: false });
    assert.equal(table.split('\n').find((l) => l.startsWith('Coverage')), 'Coverage: no resources read');
    assert.doesNotMatch(table, /100%/);
    // With resources, the line is unchanged.
    const one = await scanFiles({ 'main.json': template([storage('stdata', 'Standard_GRS')]) });
    assert.match(publishMarkdown(one), /^\*\*Catalog coverage\*\*: 1 of 1 resources \(100%\)\.$/m);
    assert.match(publishTable(one, { color: false }), /^Coverage: 1 of 1 resources in the DR catalog \(100%\)$/m);
  });

  it('never shows 100% meeting the strategy while a resource fails, nor 100% coverage while one is uncatalogued', async () => {
    // 600 geo-redundant accounts from a copy loop, one LRS account and one type the catalog does not know.
    const report = await scanFiles({
      'lake.json': template([
        { ...storage("[format('stlake{0:000}', copyIndex())]", 'Standard_GRS'), copy: { name: 'lake', count: 600 } },
        storage('stscratch', 'Standard_LRS'),
        { type: 'Contoso.Widgets/gadgets', apiVersion: '2024-01-01', name: 'w1', location: 'westeurope' },
      ]),
    });
    const [summary] = report.subscriptions;
    assert.deepEqual([summary.resources, summary.fail], [602, 1]);
    assert.ok(summary.meetingStrategy > 0.995, `rounds to 100% (${summary.meetingStrategy})`);
    const md = publishMarkdown(report);
    const row = md.split('\n').find((l) => l.startsWith('| unmapped '))!;
    assert.equal(cells(row)[4], '99%');
    assert.match(md, /^\*\*Catalog coverage\*\*: 601 of 602 resources \(99%\);/m);
    const table = publishTable(report, { color: false });
    assert.match(table, /· 99% meet the strategy · /);
    assert.match(table, /^Coverage: 601 of 602 resources in the DR catalog \(99%\)$/m);
    assert.doesNotMatch(md + table, /100%/);
  });

  it('keeps untrusted text inside code spans literal and closed', async () => {
    const report = await scanFiles({ 'infra/custom.json': template([{ type: 'Contoso.Widgets/gad`gets|x', apiVersion: '2024-01-01', name: 'w1', location: 'westeurope' }]) });
    const md = publishMarkdown(report);
    const coverage = md.split('\n').find((l) => l.startsWith('**Catalog coverage**'))!;
    assert.match(coverage, /uncatalogued types: `Contoso\.Widgets\/gad'gets\|x`\.$/);
    assert.equal(coverage.split('`').length, 3, 'exactly one code span');
  });

  it('drcheck diff --format markdown keeps a hostile type inside its code span and its table row', async () => {
    const hostile = { type: 'Contoso.Widgets/gad`gets|x', apiVersion: '2024-01-01', name: 'w1', location: 'westeurope' };
    const base = await scanFiles({ 'infra/a.json': template([]) });
    const head = await scanFiles({ 'infra/a.json': template([hostile]) });
    const md = renderDiff(diffReports(base, head), head, 'markdown');
    const row = md.split('\n').find((l) => l.startsWith('| **w1**'))!;
    assert.equal(cells(row).length, 5, row);
    assert.match(row, /<br><sub>Contoso\.Widgets\/gad\\`gets\\\|x · `infra\/a\.json:\d+`<\/sub> \|/);
  });

  it('drcheck diff --format markdown shows what the PR comment shows, without what only a pull request has', async () => {
    const base = await scanFiles({ 'infra/a.json': template([storage('stlake', 'Standard_GRS'), storage('stgone', 'Standard_GRS')]) });
    const head = { ...(await scanFiles({ 'infra/a.json': template([storage('stlake', 'Standard_LRS')]) })), strategy: 'warm-spare' as const };
    const diff = diffReports(base, head);
    const preview = renderDiff(diff, head, 'markdown', { baselineNote: 'Compared with base.json.' });
    const comment = renderPrComment(head, diff, { baselineNote: 'Compared with base.json.', failed: true, verdict: '' });
    assert.equal(`${THREAD_MARKER}\n${preview}`, `${comment.replace(/\n<sub>Posted by drcheck[^\n]*$/, '')}\n`);
    assert.doesNotMatch(preview, /drcheck:dr-posture|Posted by drcheck/);
    assert.match(preview, /\| \*\*stlake\*\*<br><sub>[^|]*`infra\/a\.json:\d+`<\/sub> \| geo \(pass\) → local \(fail\) \|/);
  });

  it('links files and lines to Azure Repos or GitHub at the commit, encoding what would end a link', () => {
    const r = { file: 'infra/my (old) files/lake.json', line: 12 };
    assert.equal(fileLink(r, {}), 'infra/my \\(old\\) files/lake.json:12');
    assert.equal(
      fileLink(r, { repositoryUrl: 'https://dev.azure.com/contoso/Platform/_git/infra', commit: 'abc123' }),
      '[infra/my \\(old\\) files/lake.json:12](https://dev.azure.com/contoso/Platform/_git/infra?path=/infra/my%20%28old%29%20files/lake.json&version=GCabc123&line=12&lineEnd=12&lineStartColumn=1&lineEndColumn=1)',
    );
    assert.equal(fileLink(r, { repositoryUrl: 'https://github.com/contoso/infra', commit: 'abc123' }), '[infra/my \\(old\\) files/lake.json:12](https://github.com/contoso/infra/blob/abc123/infra/my%20%28old%29%20files/lake.json#L12)');
    assert.equal(fileLink(r, { repositoryUrl: 'git@ssh.dev.azure.com:v3/contoso/Platform/infra' }), 'infra/my \\(old\\) files/lake.json:12', 'no link for a non-https remote');
  });

  it('escapes hostile names: no HTML, no links, no table breaks, no formatting, no logging commands', async () => {
    const report = await scanFiles({ 'infra/hostile.json': template(HOSTILE.map((n) => storage(n, 'Standard_LRS'))) });
    const md = publishMarkdown(report, { repositoryUrl: 'https://dev.azure.com/contoso/p/_git/r', commit: 'c0ffee' });
    assert.doesNotMatch(md, /<img/);
    assert.doesNotMatch(md, /\]\(javascript:/);
    assert.doesNotMatch(md, /##vso\[/);
    assert.doesNotMatch(md, /https:\/\/evil\.example/, 'no autolink');
    assert.doesNotMatch(md, /\*\*bold\*\*/);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && l.includes('Storage account'));
    assert.equal(rows.length, HOSTILE.length);
    for (const row of rows) assert.equal(cells(row).length, 7, `one row, seven cells: ${row}`);
    assert.ok(rows.some((r) => cells(r)[2] === 'x\\|y'));
    assert.ok(rows.some((r) => cells(r)[2] === 'line1 line2'), 'a line break cannot end the row');
    assert.ok(rows.some((r) => cells(r)[2] === '&lt;img src=x onerror=alert\\(1\\)&gt;'));
    for (const s of ['##[error]x', '##vso[task.complete]x']) assert.doesNotMatch(escapeMarkdown(s), /##/);
  });

  it('lists regressions and improvements against a baseline, and caps long tables', async () => {
    const many = Array.from({ length: MAX_ROWS_PER_SUBSCRIPTION + 20 }, (_, i) => storage(`stbulk${String(i).padStart(3, '0')}`, 'Standard_LRS'));
    const head = await scanFiles({ 'infra/bulk.json': template(many) });
    const md = publishMarkdown(head);
    assert.equal(md.split('\n').filter((l) => l.startsWith('| ❌ fail')).length, MAX_ROWS_PER_SUBSCRIPTION);
    assert.match(md, /… and 20 more resources that do not pass \(see posture\.json and the SARIF log\)\./);
    const base = await scanFiles({ 'infra/bulk.json': template(many.map((s, i) => (i < 2 ? { ...s, sku: { name: 'Standard_GRS' } } : i === 2 ? s : s))) });
    const better = await scanFiles({ 'infra/bulk.json': template(many.map((s, i) => (i === 2 ? { ...s, sku: { name: 'Standard_GZRS' } } : s))) });
    const diff = diffReports(base, head);
    assert.equal(diff.regressions.length, 2);
    const withDiff = publishMarkdown(head, { diff });
    assert.match(withDiff, /## Changes since the baseline: 2 regressions, 0 improvements/);
    assert.match(withDiff, /- ❌ Microsoft\.Storage\/storageAccounts stbulk000: redundancy dropped from geo to local/);
    const up = publishMarkdown(better, { diff: diffReports(head, better) });
    assert.match(up, /## Changes since the baseline: 0 regressions, 1 improvement\n\n- ✅ Microsoft\.Storage\/storageAccounts stbulk002: redundancy raised from local to geo/);
  });
});

describe('Pull-request comment', function () {
  this.timeout(30000);

  it('tables regressions with who recovers them and the uplift, escaped, and caps the rows', async () => {
    const names = [...HOSTILE, ...Array.from({ length: MAX_ROWS }, (_, i) => `stpr${i}`)];
    const base = await scanFiles({ 'infra/a.json': template(names.map((n) => storage(n, 'Standard_GRS'))) });
    const head = await scanFiles({ 'infra/a.json': template(names.map((n) => storage(n, 'Standard_LRS'))) });
    const diff = diffReports(base, head);
    assert.equal(diff.regressions.length, names.length);
    const text = renderPrComment(head, diff, { baselineNote: 'Compared with build 1 on refs/heads/main.', failed: true, verdict: 'x', buildUrl: 'https://dev.azure.com/contoso/p/_build/results?buildId=9' });
    assert.ok(text.startsWith('<!-- drcheck:dr-posture -->\n### ❌ This pull request lowers the DR posture: 58 regressions ([build](https://dev.azure.com/contoso/p/_build/results?buildId=9))'));
    const rows = text.split('\n').filter((l) => l.startsWith('| **'));
    assert.equal(rows.length, MAX_ROWS);
    assert.match(text, /… and 8 more: see the build's DR posture summary\./);
    for (const row of rows) assert.equal(cells(row).length, 5, row);
    assert.doesNotMatch(text, /<img|##vso\[|\]\(javascript:|https:\/\/evil/);
    assert.match(rows[0], /\| geo \(pass\) → local \(fail\) \|/);
    assert.match(rows[0], /\| Microsoft \/ [^|]+ \| \[[^\]]+\]\(https:\/\/learn\.microsoft\.com\//);
  });

  it('notes a strategy change and says how to proceed', async () => {
    const base = await scanFiles({ 'infra/a.json': template([storage('stone', 'Standard_GRS')]) });
    const head = { ...(await scanFiles({ 'infra/a.json': template([storage('stone', 'Standard_LRS')]) })), strategy: 'warm-spare' as const };
    const text = renderPrComment(head, diffReports(base, head), { baselineNote: '', failed: true, verdict: '' });
    assert.match(text, /> Judged against \*\*warm\\-spare\*\*; the baseline against \*\*redeploy\*\*\./);
    assert.match(text, /suppress a finding with a justification and an expiry date in `\.drcheck\.yml`/);
  });
});

describe('Who recovers a resource, in the Markdown summary and the PR comment', function () {
  this.timeout(30000);

  /** A GRS data lake turned LRS, scanned with the given `.drcheck.yml` (none when undefined): the summary's row and the comment's row. */
  async function rows(config?: string): Promise<{ summary: string[]; comment: string[]; text: string }> {
    const files = (sku: string): Record<string, string> => ({ 'infra/lake.json': template([storage('stlake', sku)]), ...(config === undefined ? {} : { '.drcheck.yml': config }) });
    const base = await scanFiles(files('Standard_GRS'));
    const head = await scanFiles(files('Standard_LRS'));
    const summary = publishMarkdown(head).split('\n').find((l) => l.startsWith('| ') && l.includes('stlake'))!;
    const text = renderPrComment(head, diffReports(base, head), { baselineNote: '', failed: true, verdict: '' });
    const comment = text.split('\n').find((l) => l.startsWith('| **stlake'))!;
    return { summary: cells(summary), comment: cells(comment), text: `${publishMarkdown(head)}\n${text}` };
  }

  it('says "Customer" without an organisation in .drcheck.yml', async () => {
    const { summary, comment, text } = await rows();
    assert.equal(summary[5], 'Microsoft / Customer');
    assert.equal(comment[3], 'Microsoft / Customer');
    assert.doesNotMatch(text, /Contoso/);
  });

  it('names the organisation of .drcheck.yml', async () => {
    const { summary, comment, text } = await rows('organisation: Fabrikam\n');
    assert.equal(summary[5], 'Microsoft / Fabrikam');
    assert.equal(comment[3], 'Microsoft / Fabrikam');
    assert.doesNotMatch(text, /Customer|Contoso/);
  });

  it('escapes an organisation name with Markdown and HTML in it', async () => {
    const { summary, comment, text } = await rows('organisation: "Fab|<b>rikam **x** [l](javascript:alert(1))"\n');
    assert.equal(summary.length, 7, 'the name cannot split the row');
    assert.equal(comment.length, 5, 'the name cannot split the row');
    const escaped = 'Microsoft / Fab\\|&lt;b&gt;rikam \\*\\*x\\*\\* \\[l\\]\\(javascript:alert\\(1\\)\\)';
    assert.equal(summary[5], escaped);
    assert.equal(comment[3], escaped);
    assert.doesNotMatch(text, /<b>|(?<!\\)\*\*x|\]\(javascript:/);
  });
});
