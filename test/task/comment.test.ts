/**
 * What a reviewer sees in the pull-request comment and the PR status, from the task's own functions (no build
 * needed): suppressed regressions, renames, files that cannot be read, strategy changes, and the comment's size.
 */
import { strict as assert } from 'node:assert';
import { judge } from '../../shared/engine/judge';
import { diffReports } from '../../shared/engine/diff';
import type { SuppressionConfig } from '../../shared/config/types';
import type { NormalisedResource } from '../../shared/model/resource';
import type { PostureReport } from '../../shared/report/types';
import { MAX_COMMENT_LENGTH, MAX_ROWS, renderPrComment } from '../../tasks/DrCheckV1/src/pipeline/comment';
import { decide } from '../../tasks/DrCheckV1/src/pipeline/verdict';
import { resource, storage } from '../engine/helpers';

function report(resources: NormalisedResource[], suppressions: SuppressionConfig[] = [], strategy: 'redeploy' | 'hot-spare' = 'redeploy'): PostureReport {
  return judge({ resources, issues: [], strategy, config: { suppressions }, toolVersion: '1.3.0', roots: ['.'], now: new Date('2026-11-25T00:00:00Z') });
}

const REPO = 'https://dev.azure.com/contoso/platform/_git/infra';
const opts = { baselineNote: 'Compared with build 7.', repositoryUrl: REPO, commit: 'headc0mmit' };

/** The comment and the PR status, as the task makes them. */
function review(base: PostureReport, head: PostureReport) {
  const diff = diffReports(base, head);
  const v = decide(head, { failOn: 'regressions', noBaseline: 'auto', threshold: 'warning', diff, baselineMissing: null, isPullRequest: true });
  return { diff, status: v.statusFailed ? 'failed' : 'succeeded', description: v.message, comment: renderPrComment(head, diff, { ...opts, failed: v.statusFailed, verdict: v.message }) };
}

const at = (file: string, line = 4, language: 'terraform' | 'bicep' = 'terraform') => ({ source: { file, line, column: 1, language } });

describe('PR comment and status: what a reviewer sees', () => {
  it('a regression a justified, unexpired suppression accepts passes, shown with the justification and expiry', () => {
    const sup = [{ rule: 'storage-account/redundancy', resource: 'stlandingprod001', justification: 'Re-ingestable from source; ZRS accepted by CAB-1234', expires: '2026-12-31' }];
    const r = review(report([storage('stlandingprod001', 'Standard_RAGRS')], sup), report([storage('stlandingprod001', 'Standard_ZRS')], sup));
    assert.equal(r.status, 'succeeded', r.description);
    assert.match(r.description, /no regressions against the baseline \(1 accepted by a suppression\)/);
    assert.match(r.comment, /### ✅ No DR regressions/);
    assert.match(r.comment, /\*\*Accepted by a suppression \(not counted\)\*\*/);
    assert.match(r.comment, /accepted by a suppression: &quot;Re\\-ingestable from source; ZRS accepted by CAB\\-1234&quot;, expires 2026\\-12\\-31/);
    assert.doesNotMatch(r.comment, /Fix the regressions/);
  });

  it('a rename that drops a Cosmos DB region fails; a pure rename of a legacy failing account passes with a note', () => {
    const cosmos = (address: string, regions: string[]) =>
      resource('Microsoft.DocumentDB/databaseAccounts', null, { location: 'westeurope', kind: 'GlobalDocumentDB', properties: { databaseAccountOfferType: 'Standard', enableAutomaticFailover: true, locations: regions.map((locationName, failoverPriority) => ({ locationName, failoverPriority })) } }, { address, ...at('cosmos.bicep', 5, 'bicep') });
    const miss = review(report([cosmos('cosmos', ['westeurope', 'northeurope'])]), report([cosmos('ordersCosmos', ['westeurope'])]));
    assert.equal(miss.status, 'failed');
    assert.match(miss.comment, /lowers the DR posture: 1 regression/);
    assert.match(miss.comment, /renamed from cosmos \|/);
    const logs = (address: string) => resource('Microsoft.Storage/storageAccounts', null, { location: 'westeurope', sku: { name: 'Standard_LRS' }, kind: 'StorageV2' }, { address, ...at('storage.tf', 8) });
    const legacy = review(report([logs('azurerm_storage_account.logs')]), report([logs('azurerm_storage_account.platform_logs')]));
    assert.equal(legacy.status, 'succeeded', legacy.description);
    assert.match(legacy.comment, /1 resource renamed \(azurerm\\_storage\\_account\.logs → azurerm\\_storage\\_account\.platform\\_logs\) without lowering the posture/);
    // A Terraform `moved` block says the account moved into a module (another file): the comment says moved.
    const tfLogs = { ...logs('azurerm_storage_account.logs'), terraform: { type: 'azurerm_storage_account', address: 'azurerm_storage_account.logs' } };
    const intoModule = review(report([tfLogs]), report([resource('Microsoft.Storage/storageAccounts', null, { location: 'westeurope', sku: { name: 'Standard_LRS' }, kind: 'StorageV2' }, { address: 'module.logs.azurerm_storage_account.this', terraform: { type: 'azurerm_storage_account', address: 'module.logs.azurerm_storage_account.this' }, movedFrom: ['azurerm_storage_account.logs'], via: [{ file: 'main.tf', line: 12 }], ...at('modules/logs/main.tf', 3) })]));
    assert.equal(intoModule.status, 'succeeded', intoModule.description);
    assert.match(intoModule.comment, /1 resource moved \(azurerm\\_storage\\_account\.logs → module\.logs\.azurerm\\_storage\\_account\.this\) without lowering the posture/);
  });

  it('a new file that cannot be read fails, named once in the status and the comment, with the first line of its error', () => {
    const base = report([storage('stlake', 'Standard_GRS')]);
    const head = { ...report([storage('stlake', 'Standard_GRS')]), errors: [{ file: 'cache.tf', line: 1, column: 44, message: `invalid HCL: Unclosed configuration block${' x'.repeat(171000)}`, severity: 'error' as const, code: 'parse-error' }] };
    const r = review(base, head);
    assert.equal(r.status, 'failed');
    assert.equal(r.description, 'DR posture: 1 regression against the baseline (cache.tf)');
    const row = r.comment.split('\n').find((l) => l.includes('could not be read in this run'))!;
    assert.match(row, /^\| \[`cache\.tf:1`\]\(https:\/\/dev\.azure\.com\/contoso\/platform\/_git\/infra\?path=\/cache\.tf&version=GCheadc0mmit&line=1/);
    assert.match(row, /could not be read in this run: invalid HCL: Unclosed configuration block x x/);
    assert.ok(row.length < 1000, `${row.length} characters`);
    assert.match(r.comment, /Fix the files that could not be read/);
  });

  it('shows a file\'s read error once, not in each of its resources\' rows, and links them at the baseline\'s commit', () => {
    const base = { ...report([storage('stone', 'Standard_GRS', at('sql.tf', 3)), storage('sttwo', 'Standard_GRS', at('sql.tf', 9))]), run: { sourceVersion: 'basec0mmit' } };
    const head = { ...report([]), errors: [{ file: 'sql.tf', line: 27, column: 29, message: 'invalid HCL: Invalid multi-line string; Quoted strings may not be split', severity: 'error' as const }] };
    const r = review(base, head);
    assert.equal(r.comment.split('Invalid multi\\-line string').length - 1, 1, 'the error once');
    const rows = r.comment.split('\n').filter((l) => l.startsWith('| **st'));
    assert.equal(rows.length, 2);
    for (const row of rows) assert.match(row, /\[`sql\.tf:\d+`\]\([^)]*version=GCbasec0mmit/, 'where the baseline had it');
    // No baseline commit: the label, not a link to the pull request's commit, where the file may be gone.
    const unlinked = review({ ...base, run: undefined }, head).comment.split('\n').filter((l) => l.startsWith('| **st'));
    assert.equal(unlinked.length, 2);
    for (const row of unlinked) assert.match(row, /· `sql\.tf:\d+`<\/sub>/);
    assert.doesNotMatch(unlinked.join('\n'), /version=GC/);
  });

  it('caps the comment well below Azure DevOps\' 150,000 characters, counting the rows it leaves out', () => {
    // Rows long enough that the length budget, not the row cap, cuts the table.
    const name = (i: number) => `st${String(i).padStart(4, '0')}${'x'.repeat(1500)}`;
    const many = (sku: string) => Array.from({ length: 3000 }, (_, i) => storage(name(i), sku, { address: `azurerm_storage_account.${'a'.repeat(400)}${i}`, ...at(`${'deep/'.repeat(40)}storage.tf`, i + 1) }));
    const base = report(many('Standard_GRS'));
    const head = { ...report(many('Standard_LRS')), errors: Array.from({ length: 60 }, (_, i) => ({ file: `broken${i}.tf`, line: 1, column: 1, message: `invalid HCL: ${'y'.repeat(342000)}`, severity: 'error' as const })) };
    const r = review(base, head);
    assert.ok(r.comment.length <= MAX_COMMENT_LENGTH, `${r.comment.length} characters`);
    assert.match(r.comment, /… and \d+ more: see the build's DR posture summary\./);
    const more = Number(/… and (\d+) more/.exec(r.comment)![1]);
    assert.ok(more > r.diff.regressions.length - MAX_ROWS, `${more} left out: the length budget, not the ${MAX_ROWS}-row cap, cut the table`);
    assert.ok(r.comment.endsWith('this comment is updated on every run.</sub>'), 'the footer is kept');
  });

  it('names both strategies, and warns at the top when the pull request lowers the bar', () => {
    const ip = resource('Microsoft.Network/publicIPAddresses', 'pip-hub', { location: 'westeurope', sku: { name: 'Standard' }, zones: ['1', '2', '3'] }, { apiVersion: '2023-05-01' });
    const lowered = review(report([ip], [], 'hot-spare'), report([ip], [], 'redeploy'));
    const lines = lowered.comment.split('\n');
    assert.equal(lines[3], '> ⚠️ **This pull request lowers the bar**: it is judged against **redeploy**, the baseline against **hot\\-spare**. 1 resource that only the lower strategy lets pass is listed apart, not as improvements.');
    assert.match(lowered.comment, /\*\*Judged against another strategy \(redeploy instead of hot\\-spare; code unchanged, not counted as improvements\)\*\*/);
    assert.doesNotMatch(lowered.comment, /\*\*Improvements\*\*/);
    const raised = review(report([ip], [], 'redeploy'), report([ip], [], 'hot-spare'));
    assert.equal(raised.status, 'failed');
    assert.match(raised.comment, /> Judged against \*\*hot\\-spare\*\*; the baseline against \*\*redeploy\*\*\./);
    assert.doesNotMatch(raised.comment, /lowers the bar/);
  });

  it('says what was lost, without repeating the type and name the Resource column shows', () => {
    const account = (sku: string) => resource('Microsoft.Storage/storageAccounts', 'stbilling', { location: 'westeurope', sku: { name: sku }, kind: 'StorageV2' });
    const r = review(report([account('Standard_GRS')]), report([account('Standard_LRS')]));
    const row = r.comment.split('\n').find((l) => l.startsWith('| **stbilling'))!;
    const cells = row.split(/(?<!\\)\|/).map((c) => c.trim());
    assert.match(cells[3], /^redundancy dropped from geo to local \\\(.*; was: `sku\.name` is Standard\\_GRS: copies replicated to the paired region\\\)$/);
    assert.doesNotMatch(cells[3], /Microsoft\.Storage|stbilling/);
  });
  it('a regression in a module names the calls that deploy it, linked, beside the module\'s own line', () => {
    const via = [{ file: 'main.bicep', line: 11 }];
    const lake = (sku: string) => storage('stlandingprod001', sku, { ...at('modules/storage-account.bicep', 342, 'bicep'), address: 'landingStorage.storageAccount', via });
    const r = review(report([lake('Standard_RAGRS')]), report([lake('Standard_ZRS')]));
    assert.equal(r.status, 'failed');
    // The module's line, then the call a pull request changes (its params), both linked into the repository.
    assert.match(r.comment, /modules\/storage-account\.bicep:342`\]\([^)]*path=\/modules\/storage-account\.bicep[^)]*\) via \[`main\.bicep:11`\]\([^)]*path=\/main\.bicep[^)]*line=11/);
  });
  it('counts a whole table the length budget leaves no room for, rather than leaving it out', () => {
    // Sixty regressions whose rows fill the comment to within a table header of the budget; five improvements after them.
    const long = (i: number) => `st${String(i).padStart(3, '0')}${'x'.repeat(1202)}`;
    const accounts = (n: number, sku: string, from = 0) => Array.from({ length: n }, (_, i) => storage(long(from + i), sku, at('storage.tf', from + i + 1)));
    const base = report([...accounts(60, 'Standard_GRS'), ...accounts(5, 'Standard_LRS', 60)]);
    const head = report([...accounts(60, 'Standard_LRS'), ...accounts(5, 'Standard_GRS', 60)]);
    const r = review(base, head);
    assert.equal(r.diff.improvements.length, 5);
    assert.ok(r.comment.length <= MAX_COMMENT_LENGTH, `${r.comment.length} characters`);
    assert.match(r.comment, /<sub>Improvements: 5 not shown, see the build's DR posture summary\.<\/sub>/);
  });
});
