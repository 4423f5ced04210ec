/**
 * The DR posture hub and build tab in headless Chromium (Debian's chromium through playwright-core): the test
 * host page answers the SDK's handshake as the portal does, the REST stand-in (another origin, so every call is
 * a CORS request) serves builds and posture attachments produced by the real engine, and the tests assert what a
 * platform lead sees: rows, drill-down, filters, sorting, branch and project scope, trend, error and empty
 * states, themes. Screenshots of the main views are written to test/hub/tmp/ (and to images/ with
 * UPDATE_SCREENSHOTS=1, for the README and the Marketplace overview).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { hostBundle, launch, openHost, requireChromium, waitReady, type Session } from './browser';
import { runScan } from '../../tasks/DrCheckV1/src/scan';
import { CONTOSO, contosoArm, REPO_URL, seedOrganisation, type Organisation } from './fixtures';
import { startStandIn, TOKEN, type StandIn } from './server';

const REPO = path.resolve(__dirname, '../..');
const SHOTS = path.join(__dirname, 'tmp');

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `screenshot-${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.UPDATE_SCREENSHOTS === '1') fs.copyFileSync(file, path.join(REPO, 'images', `screenshot-${name}.png`));
}

/** Each data row of a table as its cell texts, by column position. */
async function rows(hub: FrameLocator, table: string): Promise<string[][]> {
  return hub.locator(`${table} tr.bolt-table-row`).evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td[data-column-index]')).map((td) => (td as HTMLElement).innerText.replace(/\s+/g, ' ').trim())));
}

const subscriptionRows = (hub: FrameLocator) => rows(hub, '.drcheck-subscriptions');
const rowOf = (all: string[][], zone: string) => all.find((r) => r[0].split(' ')[0] === zone);

async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await probe();
    if (ok(last)) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the subscriptions table has settled (every pipeline read and compared). */
async function settled(hub: FrameLocator, count: number): Promise<string[][]> {
  await hub.locator('.drcheck-header').getByText(/pipelines?$/).waitFor({ timeout: 20000 });
  return until('the subscriptions table', () => subscriptionRows(hub), (r) => r.length === count);
}

async function pick(hub: FrameLocator, dropdown: string, option: string | RegExp): Promise<void> {
  await hub.locator(dropdown).click();
  const item = hub.getByRole('option', { name: option });
  await item.click();
  // Multi-select lists stay open: close with Escape from inside the list, as a keyboard user would.
  await item.press('Escape');
  await hub.getByRole('option').first().waitFor({ state: 'detached' });
}

/** A single-select dropdown closes on its own. */
async function choose(hub: FrameLocator, dropdown: string, option: string): Promise<void> {
  await hub.locator(dropdown).click();
  await hub.getByRole('option', { name: option, exact: true }).click();
  await hub.getByRole('option').first().waitFor({ state: 'detached' });
}

describe('DR posture hub (headless Chromium)', function () {
  this.timeout(120000);
  let session: Session;
  let bundle: string;

  before(async () => {
    requireChromium();
    bundle = await hostBundle();
    session = await launch();
  });
  after(async () => session?.close());

  async function standIn(seed = true): Promise<{ s: StandIn; org: Organisation | null }> {
    const s = await startStandIn(bundle);
    return { s, org: seed ? await seedOrganisation(s) : null };
  }

  it('shows each landing-zone subscription with its posture, regressions, last scan, and what to do next', async () => {
    const { s, org } = await standIn();
    const { page, hub, errors } = await openHost(session, s);
    try {
      const all = await settled(hub, 7);
      assert.deepEqual(all.map((r) => r[0].split(' ')[0]).sort(), ['Unmapped', 'connectivity', 'corp-analytics', 'data', 'identity', 'management', 'online']);
      // data: the latest main run (LRS lake) against the run before (RA-GRS): one regression.
      const data = rowOf(all, 'data')!;
      assert.deepEqual(data.slice(0, 8), ['data contoso-landingzones-corp', '33333333-3333-4333-8333-333333333333', '22', '45%', '73%', '6', '0', '▼ 1']);
      assert.match(data[8], /2h ago platform-landing-zones #2026\.1104/);
      // The sandbox pipeline's default branch is master: its master run is read, not the newer main run.
      assert.match(rowOf(all, 'Unmapped')!.join(' | '), /sandbox-subscription \| 2 \| 100% \| 50% \| 1 \| 0 \| 0 \| .*sandbox #2026\.1301/);
      assert.match(rowOf(all, 'management')!.join(' | '), /\| 100% \| 0 \| 0 \| 0 \|/);
      const lastScan = hub.locator('.drcheck-subscriptions tr.bolt-table-row').filter({ hasText: 'contoso-landingzones-corp' }).first().getByRole('link', { name: /#2026\.1104/ });
      assert.equal(await lastScan.getAttribute('href'), `https://dev.azure.com/contoso/Contoso/_build/results?buildId=${org!.ids.latestPlatform}`);
      assert.equal(await lastScan.getAttribute('target'), '_blank');

      assert.equal(await hub.locator('.drcheck-header .bolt-header-description').innerText(), 'Contoso · default branch of each pipeline · 3 pipelines');
      const kpi = async (id: string) => (await hub.locator(`[data-kpi="${id}"] .drcheck-kpi-value`).innerText()).trim();
      assert.equal(await kpi('meeting'), '85%');
      assert.equal(await kpi('fail'), '13');
      assert.equal(await kpi('regressions'), '1');
      assert.equal(await kpi('scope'), '7');
      const first = hub.locator('.drcheck-actions li').first().getByRole('link');
      assert.match(await first.innerText(), /^Choose a redundancy option that copies data to a secondary region/);
      assert.match(String(await first.getAttribute('href')), /^https:\/\/learn\.microsoft\.com\/azure\/storage\/common\/storage-redundancy/);
      assert.match(await hub.locator('.drcheck-problems').innerText(), /The posture of 1 pipeline could not be read: legacy-infra: build 2026\.1401: the posture attachment is not valid JSON/);
      await screenshot(page, 'hub');

      // What went over the wire: the web client's calls, authorised and shaped as the portal's are.
      const rest = s.requests;
      assert.ok(rest.every((r) => r.authorization === `Bearer ${TOKEN}`));
      assert.ok(rest.every((r) => /api-version=[\d.]+(-preview\.\d+)?;.*enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true/.test(r.accept)), rest.map((r) => r.accept).join('\n'));
      assert.ok(rest.every((r) => r.origin === s.pageUrl), 'every REST call is cross-origin, from the hub frame');
      const buildLists = rest.filter((r) => r.path.endsWith('/_apis/build/builds'));
      assert.ok(buildLists.every((r) => r.query.tagFilters === 'drcheck' && r.query.statusFilter === '2'));
      assert.ok(buildLists.some((r) => r.query.maxBuildsPerDefinition === '1'), 'one query finds every pipeline that ran the task');
      const downloads = rest.filter((r) => /\/attachments\/drcheck\.posture\/posture\.json$/.test(r.path)).map((r) => Number(/builds\/(\d+)\//.exec(r.path)![1]));
      assert.ok(!downloads.includes(org!.ids.prPlatform), 'pull-request runs are not read');
      assert.ok(!downloads.includes(org!.ids.sandboxMain), 'runs on a branch other than the default are not read');
      assert.deepEqual([...new Set(downloads)].sort(), [1103, 1104, 1201, 1202, 1301, 1401], 'the latest and previous run of each pipeline, once each');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await s.close();
    }
  });

  it('drills down into a subscription: changes since the previous run, resources with pills, status, who recovers, uplift and source links, details', async () => {
    const { s } = await standIn();
    const { page, hub, errors } = await openHost(session, s);
    try {
      await settled(hub, 7);
      await hub.locator('.drcheck-subscriptions').getByRole('link', { name: /^Open data / }).click();
      await hub.locator('.drcheck-resources').waitFor();
      assert.equal(await hub.locator('.drcheck-detail-title').innerText(), 'data · 33333333-3333-4333-8333-333333333333');
      assert.match(await hub.locator('.drcheck-detail-description').innerText(), /^22 resources · 6 failing · 0 unknown · 73% meet the strategy · last scanned by platform-landing-zones #2026\.1104$/);
      assert.match(await hub.locator('.drcheck-changes').innerText(), /1 regression, 0 improvements[\s\S]*stctsolakeprd: redundancy dropped from geo to local/);

      const resources = await rows(hub, '.drcheck-resources');
      assert.equal(resources.length, 22);
      assert.deepEqual(
        resources.slice(0, 6).map((r) => r[0]),
        ['Failing', 'Failing', 'Failing', 'Failing', 'Failing', 'Failing'],
        'failing resources first',
      );
      const lake = resources.find((r) => r[1].startsWith('stctsolakeprd'))!;
      assert.deepEqual(lake.slice(0, 4), ['Failing', 'stctsolakeprd regressed Storage account / Data Lake Storage Gen2', 'local → needs geo', 'Microsoft workload: Contoso']);
      assert.match(lake[4], /^Storage account \/ Data Lake Storage Gen2 'stctsolakeprd' is local/);
      assert.equal(lake[5], 'landing-zone-data/data-lake.json:27 platform-landing-zones');
      const lakeRow = hub.locator('.drcheck-resources tr.bolt-table-row').filter({ has: hub.locator('.drcheck-resource-name', { hasText: /^stctsolakeprd$/ }) });
      assert.equal(
        await lakeRow.getByRole('link', { name: /copies data to a secondary region/ }).getAttribute('href'),
        'https://learn.microsoft.com/azure/storage/common/storage-redundancy',
      );
      const source = String(await lakeRow.getByRole('link', { name: 'landing-zone-data/data-lake.json:27' }).getAttribute('href'));
      assert.equal(source, `https://dev.azure.com/contoso/Contoso/_git/platform?path=/landing-zone-data/data-lake.json&version=GC${'c0ffee1104'.padEnd(40, '0')}&line=27&lineEnd=27&lineStartColumn=5&lineEndColumn=6&lineStyle=plain&_a=contents`);
      const suppressed = resources.find((r) => r[1].startsWith('stctsofuncprd'))!;
      assert.equal(suppressed[0], 'Suppressed');
      assert.match(suppressed[4], /^Suppressed: Functions host storage holds no business data/);
      // Nothing required of a stateless resource: the pill says so rather than flagging red.
      assert.equal(resources.find((r) => r[1].startsWith('func-ctso-ingest-prd'))![2], 'none → no requirement');

      await screenshot(page, 'resources');
      // Sort by resource name.
      await hub.locator('.drcheck-resources th').filter({ hasText: 'Resource' }).click();
      const byName = (await rows(hub, '.drcheck-resources')).map((r) => r[1].split(' ')[0]);
      assert.deepEqual(byName, [...byName].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' })));

      await lakeRow.locator('td').first().click();
      const panel = hub.locator('.drcheck-panel');
      await panel.waitFor();
      const text = await panel.innerText();
      assert.match(text, /stctsolakeprd/);
      assert.match(text, /WHY\s+sku\.name is Standard_LRS/i);
      assert.match(text, /SINCE THE PREVIOUS RUN\s+Microsoft\.Storage\/storageAccounts stctsolakeprd: redundancy dropped from geo to local/i);
      assert.match(text, /reaches geo/);
      assert.match(text, /landing-zone-data\/data-lake\.json:27:5/);
      await screenshot(page, 'resource-panel');
      await hub.locator('body').press('Escape');
      await panel.waitFor({ state: 'detached' });

      await hub.getByRole('button', { name: 'Back to the subscriptions' }).click();
      await hub.locator('.drcheck-subscriptions').waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await s.close();
    }
  });

  it('filters by keyword, landing zone, status, service and who recovers; the drill-down follows the filters', async () => {
    const { s } = await standIn();
    const { page, hub, errors } = await openHost(session, s);
    try {
      await settled(hub, 7);
      const zones = async () => (await subscriptionRows(hub)).map((r) => r[0].split(' ')[0]).sort();

      await hub.locator('.drcheck-keyword input').fill('33333333');
      assert.deepEqual(await until('keyword filter on the subscription', zones, (z) => z.length === 1), ['data']);
      // A resource name: the Terraform landing zones have an account of the same name.
      await hub.locator('.drcheck-keyword input').fill('stctsolakeprd');
      assert.deepEqual(await until('keyword filter on a resource', zones, (z) => z.length === 2), ['corp-analytics', 'data']);
      await hub.locator('.drcheck-keyword input').fill('no-such-resource');
      await hub.getByText('No subscription matches the filters.').waitFor();
      await hub.locator('.drcheck-keyword input').fill('');
      await until('filters cleared', zones, (z) => z.length === 7);

      await pick(hub, '.drcheck-filter-status', 'Regressed since the previous run');
      assert.deepEqual(await until('regressed filter', zones, (z) => z.length === 1), ['data']);
      await hub.locator('.drcheck-filterbar').getByRole('button', { name: /Clear/i }).last().click();
      await until('filters cleared', zones, (z) => z.length === 7);

      await pick(hub, '.drcheck-filter-status', 'Failing');
      assert.deepEqual(await until('failing filter', zones, (z) => z.length === 3), ['Unmapped', 'corp-analytics', 'data']);
      await pick(hub, '.drcheck-filter-service', 'Azure Cosmos DB');
      // Failing and Cosmos DB together: no Cosmos DB account fails.
      await hub.getByText('No subscription matches the filters.').waitFor();
      await hub.locator('.drcheck-filterbar').getByRole('button', { name: /Clear/i }).last().click();
      await until('filters cleared', zones, (z) => z.length === 7);

      await pick(hub, '.drcheck-filter-lz', 'connectivity');
      assert.deepEqual(await until('landing zone filter', zones, (z) => z.length === 1), ['connectivity']);
      await hub.locator('.drcheck-filterbar').getByRole('button', { name: /Clear/i }).last().click();
      await until('filters cleared', zones, (z) => z.length === 7);

      await pick(hub, '.drcheck-filter-who', 'Contoso and Microsoft');
      const withMl = await until('responsibility filter', zones, (z) => z.length < 7);
      assert.deepEqual(withMl, ['corp-analytics', 'data']);
      await hub.locator('.drcheck-subscriptions').getByRole('link', { name: /^Open data / }).click();
      await hub.locator('.drcheck-resources').waitFor();
      assert.match(await hub.locator('.drcheck-filtered-note').innerText(), /^Showing 1 of 22 resources \(filtered\)\.$/);
      assert.deepEqual((await rows(hub, '.drcheck-resources')).map((r) => r[1].split(' ')[0]), ['mlw-ctso-prd']);
      await screenshot(page, 'filters');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await s.close();
    }
  });

  it('sorts subscriptions by a column, both ways', async () => {
    const { s } = await standIn();
    const { page, hub } = await openHost(session, s);
    try {
      await settled(hub, 7);
      const share = async () => (await subscriptionRows(hub)).map((r) => Number(r[4].replace('%', '')));
      const header = hub.locator('.drcheck-subscriptions th').filter({ hasText: 'Meets strategy' });
      const ascending = (v: number[]) => v.every((x, i) => i === 0 || v[i - 1] <= x);
      const descending = (v: number[]) => v.every((x, i) => i === 0 || v[i - 1] >= x);
      assert.ok(!ascending(await share()) && !descending(await share()), 'worst first by default, not by share alone');
      await header.click();
      const up = await until('ascending', share, ascending);
      await header.click();
      const down = await until('descending', share, descending);
      assert.deepEqual(down, [...up].reverse());
      assert.equal(await header.getAttribute('aria-sort'), 'descending');
    } finally {
      await page.close();
      await s.close();
    }
  });

  it('switches branch, and draws the trend per subscription from the earlier runs', async () => {
    const { s } = await standIn();
    const { page, hub, errors } = await openHost(session, s);
    try {
      await settled(hub, 7);
      await hub.getByRole('tab', { name: /Trend/ }).click();
      await hub.locator('.drcheck-trend svg').waitFor();
      const legend = await hub.locator('.drcheck-legend-item').allInnerTexts();
      assert.equal(legend[0].replace(/\s+/g, ' '), 'All subscriptions 85% ▼ -2 pts');
      assert.ok(legend.some((l) => /^data · 33333333-3333-4333-8333-333333333333\s+73%\s+▼ -5 pts$/.test(l)), legend.join('\n'));
      assert.ok(legend.some((l) => /^Unmapped · sandbox-subscription\s+50%\s+new$/.test(l)), legend.join('\n'));
      // One line per subscription over the 4 platform runs and 2 workloads runs.
      const dataPoints = await hub.locator('.drcheck-trend-series[data-series^="data ·"] circle').count();
      assert.equal(dataPoints, 4);
      assert.match(await hub.locator('.drcheck-trend-card').innerText(), /7 scans from .* up to 10 per pipeline/);
      await screenshot(page, 'trend');

      await hub.getByRole('tab', { name: /Subscriptions/ }).click();
      await choose(hub, '.drcheck-branch', 'feature/dr-uplift');
      await hub.locator('.drcheck-header').getByText('Contoso · feature/dr-uplift · 1 pipeline').waitFor();
      const feature = await until('feature branch rows', () => subscriptionRows(hub), (r) => r.length === 3);
      assert.deepEqual(feature.map((r) => r[0].split(' ')[0]).sort(), ['connectivity', 'data', 'management']);
      assert.equal(rowOf(feature, 'data')![4], '77%', 'GZRS on the feature branch meets the strategy');
      await choose(hub, '.drcheck-branch', 'Default branch of each pipeline');
      await settled(hub, 7);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await s.close();
    }
  });

  it('lists every pipeline with the branch and run read, and why a posture could not be read', async () => {
    const { s } = await standIn();
    s.definitions.push({ id: 17, name: 'future-drcheck', project: 'Contoso', defaultBranch: 'refs/heads/main' });
    const report = { ...(await contosoArm('Standard_GRS')), schemaVersion: '2.0' };
    s.builds.push({ id: 1701, project: 'Contoso', definitionId: 17, buildNumber: '2026.1701', branch: 'refs/heads/main', finishTime: new Date(Date.now() - 3600_000), tags: ['drcheck'], attachments: [{ name: 'posture.json', text: JSON.stringify(report) }] });
    const { page, hub } = await openHost(session, s);
    try {
      await settled(hub, 7);
      assert.match(await hub.locator('.drcheck-problems').innerText(), /The posture of 2 pipelines could not be read/);
      await hub.locator('.drcheck-problems').getByRole('button', { name: 'Show pipelines' }).click();
      await hub.locator('.drcheck-pipelines').waitFor();
      const list = await until('pipelines', () => rows(hub, '.drcheck-pipelines'), (r) => r.length === 6);
      const byName = (n: string) => list.find((r) => r[0] === n)!;
      assert.match(byName('legacy-infra')[4], /^build 2026\.1401: the posture attachment is not valid JSON \(/);
      assert.match(byName('future-drcheck')[4], /^build 2026\.1701: the posture attachment uses schema 2\.0, this hub reads 1\.x: update the drcheck extension or the DrCheck task so they match$/);
      assert.equal(byName('network-pr-gate')[4], 'no DR scan on its default branch main yet');
      assert.deepEqual(byName('sandbox').slice(1, 4), ['master (default)', '#2026.1301 ' + byName('sandbox')[2].split(' ').slice(1).join(' '), '2']);
      assert.equal(byName('platform-landing-zones')[4], 'Read');
      assert.equal(byName('sandbox')[4], 'Read (first scan on this branch)');
      await screenshot(page, 'pipelines');
    } finally {
      await page.close();
      await s.close();
    }
  });

  it('shows the YAML to add the task when no pipeline has a posture yet', async () => {
    const { s } = await standIn(false);
    const { page, hub, errors } = await openHost(session, s);
    try {
      await hub.getByText('No DR posture yet').waitFor();
      assert.match(await hub.locator('.drcheck-zero').innerText(), /No pipeline in Contoso has run the DrCheck task yet/);
      const yaml = await hub.locator('.drcheck-snippet').innerText();
      assert.match(yaml, /^steps:\n {2}- task: DrCheck@1\n/);
      assert.match(yaml, /strategy: redeploy/);
      assert.equal(await hub.getByRole('link', { name: 'How drcheck judges disaster recovery' }).getAttribute('href'), 'https://learn.microsoft.com/azure/architecture/data-guide/disaster-recovery/dr-for-azure-data-platform-overview');
      await screenshot(page, 'zero');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await s.close();
    }
  });

  it('explains a missing permission instead of an empty page, and recovers on retry', async () => {
    const { s } = await standIn();
    s.projects[0].status = 403;
    const { page, hub } = await openHost(session, s);
    try {
      const card = hub.locator('.drcheck-error');
      await card.waitFor();
      assert.equal(
        await card.locator('.bolt-messagebar-message').innerText(),
        'You do not have permission for listing the builds of project Contoso (HTTP 403). Ask a project administrator for the "View builds" permission.',
      );
      assert.equal(await hub.getByText('No DR posture yet').count(), 0, 'no zero-data page when the builds cannot be read');
      delete s.projects[0].status;
      await card.getByRole('button', { name: 'Try again' }).click();
      await settled(hub, 7);
    } finally {
      await page.close();
      await s.close();
    }
  });

  it('reads a failed download again on refresh (failures are not cached)', async () => {
    const { s } = await standIn();
    s.failingDownloads.add(1202);
    const { page, hub } = await openHost(session, s);
    try {
      await settled(hub, 4);
      assert.match(await hub.locator('.drcheck-problems').innerText(), /workloads-terraform: build 2026\.1202: Downloading the posture attachment failed \(HTTP 500\): Stand-in failure 500/);
      s.failingDownloads.clear();
      await hub.getByRole('menuitem', { name: 'Refresh' }).click();
      await settled(hub, 7);
      assert.equal(await hub.locator('.drcheck-problems').innerText().then((t) => /workloads-terraform/.test(t)), false);
    } finally {
      await page.close();
      await s.close();
    }
  });

  it('includes all projects of the organisation on request, with the projects it cannot read named', async () => {
    const { s } = await standIn();
    s.projects.push({ id: 'f0000000-0000-4000-8000-00000000fab1', name: 'Fabrikam' }, { id: 'f0000000-0000-4000-8000-0000000000d3', name: 'Restricted', status: 403 });
    s.definitions.push({ id: 31, name: 'fabrikam-platform', project: 'Fabrikam', defaultBranch: 'refs/heads/main' });
    s.builds.push({ id: 3101, project: 'Fabrikam', definitionId: 31, buildNumber: '2026.3101', branch: 'refs/heads/main', finishTime: new Date(Date.now() - 7200_000), tags: ['drcheck'], attachments: [{ name: 'posture.json', text: JSON.stringify(await contosoArm('Standard_GZRS', { definitionName: 'fabrikam-platform' })) }] });
    s.pageSize = 2; // every list is paged through x-ms-continuationtoken
    const { page, hub } = await openHost(session, s);
    try {
      await settled(hub, 7);
      assert.equal(s.requests.filter((r) => r.path.includes('Fabrikam') || r.path.includes('fab1')).length, 0, 'other projects are not read by default');
      await hub.locator('.drcheck-allprojects').click();
      await hub.locator('.drcheck-header').getByText('all projects · default branch of each pipeline · 4 pipelines').waitFor({ timeout: 20000 });
      // Fabrikam scans the same ARM templates: the newest run of a resource wins, so the rows stay 7.
      const all = await until('all projects', () => subscriptionRows(hub), (r) => r.length === 7 && /fabrikam-platform/.test(rowOf(r, 'data')![8]));
      assert.equal(rowOf(all, 'data')![4], '77%');
      assert.match(await hub.locator('.drcheck-project-problems').innerText(), /1 project could not be read: You do not have permission for listing the builds of project Restricted \(HTTP 403\)/);
      assert.ok(s.requests.some((r) => r.path === '/org/_apis/projects'));
      assert.ok(s.requests.some((r) => r.query.continuationToken), 'lists followed continuation tokens');
      await hub.getByRole('tab', { name: /Pipelines/ }).click();
      const list = await until('pipelines with projects', () => rows(hub, '.drcheck-pipelines'), (r) => r.length === 6);
      assert.deepEqual(list.find((r) => r[0] === 'fabrikam-platform')!.slice(0, 2), ['fabrikam-platform', 'Fabrikam']);
    } finally {
      await page.close();
      await s.close();
    }
  });

  it('reads nothing twice: a reload takes unchanged builds from the browser cache', async () => {
    const { s } = await standIn();
    const { page, hub } = await openHost(session, s);
    try {
      await settled(hub, 7);
      const downloads = () => s.requests.filter((r) => /\/attachments\/drcheck\.posture\/[^/]+$/.test(r.path) && /\/[0-9a-f-]{36}\/[0-9a-f-]{36}\//.test(r.path)).length;
      const before = downloads();
      assert.ok(before >= 6);
      await page.reload();
      await waitReady(page);
      await settled(hub, 7);
      assert.equal(downloads(), before, 'no attachment downloaded again after a reload');
      const t = Date.now();
      s.builds.push({ id: 1105, project: 'Contoso', definitionId: 11, buildNumber: '2026.1105', branch: 'refs/heads/main', finishTime: new Date(t - 60_000), tags: ['drcheck'], attachments: [{ name: 'posture.json', text: JSON.stringify(await contosoArm('Standard_GRS', { buildId: 1105 })) }] });
      await hub.getByRole('menuitem', { name: 'Refresh' }).click();
      const after = await until('the new run', () => subscriptionRows(hub), (r) => r.length === 7 && /#2026\.1105/.test(rowOf(r, 'data')![8]));
      assert.equal(rowOf(after, 'data')![4], '77%');
      assert.equal(rowOf(after, 'data')![7], '0', 'GRS again: no regression against the previous run');
      assert.equal(downloads(), before + 1, 'only the new run was downloaded');
    } finally {
      await page.close();
      await s.close();
    }
  });

  it('follows the host theme at start and when the user switches it', async () => {
    const { s } = await standIn();
    const { page, hub } = await openHost(session, s, { theme: 'dark' });
    try {
      await settled(hub, 7);
      const look = () => hub.locator('body').evaluate((b) => ({ background: getComputedStyle(b).backgroundColor, text: getComputedStyle(b).color, variable: getComputedStyle(document.documentElement).getPropertyValue('--background-color').trim() }));
      assert.deepEqual(await look(), { background: 'rgb(30, 30, 30)', text: 'rgba(255, 255, 255, 0.9)', variable: 'rgba(30, 30, 30, 1)' });
      await screenshot(page, 'hub-dark');
      await page.evaluate(() => (window as unknown as { __setTheme(n: string): Promise<void> }).__setTheme('light'));
      await until('the light theme', look, (l) => l.background === 'rgb(255, 255, 255)');
      assert.equal((await look()).text, 'rgba(0, 0, 0, 0.9)');
    } finally {
      await page.close();
      await s.close();
    }
  });

  it('renders report text as text and keeps non-https links out', async () => {
    const { s } = await standIn(false);
    s.definitions.push({ id: 41, name: '<b>evil</b>', project: 'Contoso', defaultBranch: 'refs/heads/main' });
    const report = structuredClone(await contosoArm('Standard_LRS'));
    const lake = report.resources.find((r) => r.name === 'stctsolakeprd')!;
    lake.name = '<img src=x onerror="window.parent.__xss=1">';
    lake.findings[0].uplift = [{ title: 'javascript link', url: 'javascript:window.parent.__xss=2' }, { title: 'plain http link', url: 'http://example.com/' }];
    report.run = { repositoryUrl: 'javascript:alert(1)' };
    s.builds.push({ id: 4101, project: 'Contoso', definitionId: 41, buildNumber: '2026.4101', branch: 'refs/heads/main', finishTime: new Date(), tags: ['drcheck'], attachments: [{ name: 'posture.json', text: JSON.stringify(report) }] });
    const { page, hub } = await openHost(session, s);
    try {
      await settled(hub, 3);
      await hub.locator('.drcheck-subscriptions').getByRole('link', { name: /^Open data / }).click();
      const name = hub.locator('.drcheck-resource-name', { hasText: '<img src=x' });
      await name.waitFor();
      assert.equal(await hub.locator('.drcheck-resources img').count(), 0);
      const row = hub.locator('.drcheck-resources tr.bolt-table-row').filter({ has: name });
      assert.equal(await row.getByText('javascript link').evaluate((e) => e.tagName), 'SPAN');
      assert.equal(await row.getByText('plain http link').evaluate((e) => e.tagName), 'SPAN');
      assert.equal(await row.getByText(/landing-zone-data\/data-lake\.json:27/).evaluate((e) => e.tagName), 'SPAN', 'no link to a non-https repository');
      const hrefs = await hub.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      assert.ok(hrefs.every((h) => h === '#' || h.startsWith('https://')), hrefs.join('\n'));
      assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    } finally {
      await page.close();
      await s.close();
    }
  });

  it('shows the module calls a resource is deployed through, outermost first, each linked to its line, module names as text', async () => {
    // A storage account two module calls deep, scanned by the real engine: main.bicep calls a module whose file name
    // is HTML and Markdown (anyone can name a file in a pull request), which calls modules/storage.bicep.
    const hostile = 'modules/<img src=x onerror="window.parent.__xss=3"> **bold** [link](https:evil.com).bicep';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-hub-via-'));
    fs.mkdirSync(path.join(dir, 'modules'));
    const files: Record<string, string[]> = {
      'main.bicep': ['// The platform entry point.', "param location string = 'westeurope'", '', '// line 5 calls the hostile module', `module data '${hostile}' = {`, "  name: 'data'", '  params: {', '    location: location', '  }', '}'],
      [hostile]: ['param location string', '', '// one module deeper: its call is on line 9', '', '', '', '', '', "module lake 'storage.bicep' = {", "  name: 'lake'", '  params: {', '    location: location', '  }', '}'],
      'modules/storage.bicep': ['param location string', '', "resource lake 'Microsoft.Storage/storageAccounts@2023-01-01' = {", "  name: 'stvialake'", '  location: location', "  kind: 'StorageV2'", "  sku: { name: 'Standard_LRS' }", '}'],
    };
    for (const [file, lines] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), `${lines.join('\n')}\n`);
    const commit = 'feedface'.padEnd(40, '0');
    const { report } = await runScan({ paths: ['main.bicep'], cwd: dir, configFile: null, subscription: 'sandbox-subscription', run: { repositoryUrl: REPO_URL, buildId: 5101, buildNumber: '2026.5101', definitionId: 51, sourceBranch: 'refs/heads/main', sourceVersion: commit } });
    fs.rmSync(dir, { recursive: true, force: true });
    const { s } = await standIn(false);
    s.definitions.push({ id: 51, name: 'modular-platform', project: 'Contoso', defaultBranch: 'refs/heads/main' });
    s.builds.push({ id: 5101, project: 'Contoso', definitionId: 51, buildNumber: '2026.5101', branch: 'refs/heads/main', finishTime: new Date(Date.now() - 3600_000), tags: ['drcheck'], attachments: [{ name: 'posture.json', text: JSON.stringify(report) }] });
    const { page, hub, errors } = await openHost(session, s);
    try {
      await settled(hub, 1);
      await hub.locator('.drcheck-subscriptions').getByRole('link', { name: /^Open Unmapped / }).click();
      const row = hub.locator('.drcheck-resources tr.bolt-table-row').filter({ has: hub.locator('.drcheck-resource-name', { hasText: /^stvialake$/ }) });
      await row.locator('td').first().click();
      const panel = hub.locator('.drcheck-panel');
      await panel.waitFor();
      const at = (file: string, line: number, column: number) =>
        `${REPO_URL}?path=/${file.split('/').map(encodeURIComponent).join('/')}&version=GC${commit}&line=${line}&lineEnd=${line}&lineStartColumn=${column}&lineEndColumn=${column + 1}&lineStyle=plain&_a=contents`;
      // The declaration itself, then the calls that lead to it: the call in main.bicep first, the call in the hostile module next.
      assert.equal(await panel.getByRole('link', { name: 'modules/storage.bicep:3:1' }).getAttribute('href'), at('modules/storage.bicep', 3, 1));
      const chain = panel.locator('.drcheck-via');
      assert.equal((await chain.innerText()).replace(/\s+/g, ' '), `Deployed through main.bicep:5 → ${hostile}:9`);
      const links = await chain.getByRole('link').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target')]));
      assert.deepEqual(links, [
        ['main.bicep:5', at('main.bicep', 5, 1), '_blank'],
        [`${hostile}:9`, at(hostile, 9, 1), '_blank'],
      ]);
      // The module's name is text: no element, no image, no link to it, no script run.
      assert.equal(await chain.locator('img, b, strong, em').count(), 0);
      assert.equal(await panel.locator('img').count(), 0);
      assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
      const hrefs = await hub.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      assert.ok(hrefs.every((h) => h === '#' || ['dev.azure.com', 'learn.microsoft.com'].includes(new URL(h).host)), hrefs.join('\n'));
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await s.close();
    }
  });

  describe('build results tab', () => {
    const buildQuery = (id: number, extra: Record<string, unknown> = {}) => ({
      page: 'build-tab.html',
      build: JSON.stringify({ id, buildNumber: `2026.${id}`, definition: { id: 11, name: 'platform-landing-zones' }, sourceBranch: 'refs/heads/main', finishTime: new Date(Date.now() - 7200_000).toISOString(), ...extra }),
    });

    it("shows one run's posture per subscription, compared with the previous run, with drill-down", async () => {
      const { s } = await standIn();
      const { page, hub, errors } = await openHost(session, s, buildQuery(1104));
      try {
        const header = hub.locator('.drcheck-header .bolt-header-description');
        await header.waitFor();
        assert.equal(await header.innerText(), 'Redeploy on disaster · 39 resources · 32 pass · 6 fail · 0 unknown · 1 suppressed · Compared with #2026.1103: 1 regression, 0 improvements');
        const list = await until('rows', () => subscriptionRows(hub), (r) => r.length === 3);
        assert.deepEqual(rowOf(list, 'data')!.slice(2, 8), ['22', '45%', '73%', '6', '0', '▼ 1']);
        await screenshot(page, 'build-tab');
        await hub.locator('.drcheck-subscriptions').getByRole('link', { name: /^Open data / }).click();
        assert.equal((await until('resources', () => rows(hub, '.drcheck-resources'), (r) => r.length === 22)).length, 22);
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
        await s.close();
      }
    });

    it('says so when the run has no posture, or an unreadable one', async () => {
      const { s } = await standIn();
      let view = await openHost(session, s, buildQuery(1601, { definition: { id: 16, name: 'other' } }));
      try {
        assert.equal(await view.hub.locator('.drcheck-error').innerText(), 'Build 2026.1601 has no DR posture: the DrCheck task did not attach posture.json (it may have stopped before publishing). See the log of its DrCheck step.');
      } finally {
        await view.page.close();
      }
      view = await openHost(session, s, buildQuery(1401, { definition: { id: 14, name: 'legacy-infra' } }));
      try {
        assert.match(await view.hub.locator('.drcheck-error').innerText(), /^The DR posture of this run cannot be shown: build 2026\.1401: the posture attachment is not valid JSON/);
      } finally {
        await view.page.close();
        await s.close();
      }
    });
  });

  it('serves the hub from a page that answers the SDK handshake (contribution, theme, token)', async () => {
    const { s } = await standIn(false);
    const { page } = await openHost(session, s);
    try {
      const handshake = await page.evaluate(() => (window as unknown as { __handshake: { loaded: boolean; applyTheme: boolean; sdkVersion: number } }).__handshake);
      assert.equal(handshake.loaded, false, 'the hub tells the host when it is ready (no endless host spinner)');
      assert.equal(handshake.applyTheme, true);
      assert.ok(handshake.sdkVersion >= 4 && handshake.sdkVersion < 5, `SDK 4.x (got ${handshake.sdkVersion})`);
      const calls = await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls);
      assert.ok(calls.includes('getService ms.vss-tfs-web.tfs-page-data-service'));
      assert.ok(calls.includes('getAccessToken'));
      assert.ok(calls.some((c) => c.startsWith('getResourceAreaLocation')));
    } finally {
      await page.close();
      await s.close();
    }
  });
});

export { CONTOSO };
