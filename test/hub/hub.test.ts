/**
 * The hub in headless Chromium (Debian's chromium through playwright-core): a host page answers the SDK's
 * handshake as the portal does, a loopback stand-in serves builds and posture attachments, and the tests
 * assert what a platform lead sees. Screenshots of the main views go to images/.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { runScan } from '../../tasks/DrCheckV1/src/scan';
import { startHubServer, type HubServer } from './server';

const REPO = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function contosoPosture(lakeSku: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-hub-'));
  fs.cpSync(path.join(REPO, 'examples/contoso'), dir, { recursive: true });
  const params = path.join(dir, 'landing-zone-data/data-lake.parameters.json');
  fs.writeFileSync(params, fs.readFileSync(params, 'utf8').replace('"Standard_LRS"', `"${lakeSku}"`));
  const { report } = await runScan({ paths: ['.'], cwd: dir, run: { repositoryUrl: 'https://dev.azure.com/contoso/Contoso/_git/platform' } });
  return JSON.stringify(report);
}

describe('DR posture hub (headless Chromium)', function () {
  this.timeout(180000);
  let browser: Browser;
  let hostBundle: string;
  let latest: string;
  let previous: string;
  let sandbox: string;

  before(async () => {
    assert.ok(fs.existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM} (CI installs Debian's chromium package)`);
    assert.ok(fs.existsSync(path.join(REPO, 'dist/hub/hub.js')), 'run npm run build first');
    hostBundle = (await esbuild.build({ entryPoints: [path.join(__dirname, 'host/host.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'silent' })).outputFiles[0].text;
    latest = await contosoPosture('Standard_LRS');
    previous = await contosoPosture('Standard_GRS');
    sandbox = JSON.stringify((await runScan({ paths: [path.join(REPO, 'test/cli/fixtures/mixed/storage.json')], configFile: null, subscription: 'sandbox-subscription' })).report);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
  });
  after(async () => browser?.close());

  function seed(server: HubServer): void {
    const main = 'refs/heads/main';
    server.builds.push(
      { id: 101, buildNumber: '20261120.1', definition: { id: 1, name: 'platform-main' }, sourceBranch: main, finishTime: new Date('2026-11-20T09:00:00Z'), project: 'Contoso', posture: previous },
      { id: 102, buildNumber: '20261124.1', definition: { id: 1, name: 'platform-main' }, sourceBranch: main, finishTime: new Date('2026-11-24T09:00:00Z'), project: 'Contoso', posture: latest },
      { id: 201, buildNumber: '20261123.4', definition: { id: 2, name: 'sandbox' }, sourceBranch: main, finishTime: new Date('2026-11-23T09:00:00Z'), project: 'Contoso', posture: sandbox },
      { id: 301, buildNumber: '20261124.7', definition: { id: 1, name: 'platform-main' }, sourceBranch: 'refs/heads/feature/dr', finishTime: new Date('2026-11-24T12:00:00Z'), project: 'Contoso', posture: previous },
    );
  }

  async function open(server: HubServer, query = ''): Promise<{ page: Page; hub: FrameLocator }> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${server.url}host/${query}`);
    await page.waitForFunction(() => (window as unknown as { __hubReady?: boolean; __hubError?: string }).__hubReady || (window as unknown as { __hubError?: string }).__hubError, undefined, { timeout: 30000 });
    return { page, hub: page.frameLocator('iframe') };
  }

  it('lists each landing-zone subscription with its posture, regressions and last scan; drills down to resources', async () => {
    const server = await startHubServer(hostBundle);
    seed(server);
    const { page, hub } = await open(server);
    try {
      const table = hub.locator('.drcheck-subscriptions');
      await table.getByText('connectivity').waitFor();
      const rows = await table.locator('[role="row"]').allInnerTexts();
      const dataRow = rows.find((r) => r.includes('data') && r.includes('33333333'))!;
      assert.ok(dataRow, rows.join('\n---\n'));
      assert.match(dataRow, /22\s+45%\s+73%\s+6\s+0\s+▼ 1/);
      assert.ok(rows.some((r) => r.includes('Unmapped') && r.includes('sandbox-subscription')));
      assert.ok(rows.some((r) => r.includes('management') && r.includes('100%')));
      assert.match(await hub.locator('.bolt-header-description').first().innerText(), /4 landing-zone subscriptions from 2 pipelines on main/);
      await page.screenshot({ path: path.join(REPO, 'images/screenshot-hub.png') });

      await table.getByText('data', { exact: true }).click();
      const resources = hub.locator('.drcheck-resources');
      await resources.getByText('stctsolakeprd', { exact: true }).waitFor();
      const lake = (await resources.locator('[role="row"]').allInnerTexts()).find((r) => r.includes('stctsolakeprd'))!;
      assert.match(lake, /Fail/);
      assert.match(lake, /local[\s\S]*→[\s\S]*geo/);
      assert.match(lake, /Microsoft \/ Contoso/);
      assert.match(lake, /landing-zone-data\/data-lake\.json:27/);
      const lakeRow = resources.locator('[role="row"]').filter({ has: hub.locator('.drcheck-resource-name', { hasText: /^stctsolakeprd$/ }) });
      const uplift = lakeRow.getByRole('link', { name: /secondary region/ }).first();
      assert.match(String(await uplift.getAttribute('href')), /^https:\/\/learn\.microsoft\.com\/azure\/storage\/common\/storage-redundancy/);
      const source = resources.getByRole('link', { name: 'landing-zone-data/data-lake.json:27' });
      assert.match(String(await source.getAttribute('href')), /^https:\/\/dev\.azure\.com\/contoso\/Contoso\/_git\/platform\?path=\/landing-zone-data\/data-lake\.json&line=27/);
      await page.screenshot({ path: path.join(REPO, 'images/screenshot-resources.png') });
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('filters by keyword and status, switches branch, and draws the trend', async () => {
    const server = await startHubServer(hostBundle);
    seed(server);
    const { page, hub } = await open(server);
    try {
      const table = hub.locator('.drcheck-subscriptions');
      await table.getByText('connectivity').waitFor();
      await hub.locator('.drcheck-keyword input').fill('cosmos');
      await hub.getByText('connectivity').waitFor({ state: 'detached' });
      let rows = await table.locator('[role="row"]').allInnerTexts();
      assert.equal(rows.filter((r) => /\d/.test(r)).length, 1, rows.join('\n'));
      assert.match(rows.find((r) => /\d/.test(r))!, /data/);
      await hub.locator('.drcheck-keyword input').fill('zzz-nothing');
      await hub.getByText('No subscription matches the filters.').waitFor();
      await hub.locator('.drcheck-keyword input').fill('');
      await hub.locator('.drcheck-statusfilter').click();
      await hub.getByRole('option', { name: 'fail' }).click();
      await table.getByText('data', { exact: true }).waitFor();
      rows = await table.locator('[role="row"]').allInnerTexts();
      assert.ok(rows.every((r) => !r.includes('management')), 'only subscriptions with failing resources');

      await hub.getByRole('tab', { name: 'Trend' }).click();
      await hub.locator('.drcheck-trend svg').waitFor();
      assert.ok((await hub.locator('.drcheck-trend-line').count()) >= 3);
      await page.screenshot({ path: path.join(REPO, 'images/screenshot-trend.png') });

      await hub.getByRole('tab', { name: 'Subscriptions' }).click();
      await hub.locator('.drcheck-branch').click();
      await hub.getByRole('option', { name: 'refs/heads/feature/dr' }).click();
      await hub.getByText(/on feature\/dr/).waitFor();
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('shows the YAML to add the task when there is no posture yet, and follows the host theme', async () => {
    const server = await startHubServer(hostBundle);
    const { page, hub } = await open(server, '?theme=dark');
    try {
      await hub.getByText('No DR posture yet').waitFor();
      assert.match(await hub.locator('.drcheck-snippet').innerText(), /task: DrCheck@1/);
      const bg = await hub.locator('body').evaluate((b) => getComputedStyle(b.ownerDocument.documentElement).getPropertyValue('--background-color').trim());
      assert.equal(bg, 'rgba(32, 31, 30, 1)', 'theme variables from the host are applied');
      seed(server);
      await page.reload();
      await page.waitForFunction(() => (window as unknown as { __hubReady?: boolean }).__hubReady);
      await page.frameLocator('iframe').locator('.drcheck-subscriptions').getByText('connectivity').waitFor();
      await page.screenshot({ path: path.join(REPO, 'images/screenshot-hub-dark.png') });
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('explains a bad attachment and a missing permission instead of a blank page', async () => {
    const server = await startHubServer(hostBundle);
    seed(server);
    server.builds.push({ id: 401, buildNumber: '20261124.9', definition: { id: 4, name: 'broken' }, sourceBranch: 'refs/heads/main', finishTime: new Date('2026-11-24T10:00:00Z'), project: 'Contoso', posture: '{"schemaVersion": 1, "resources": [' });
    let view = await open(server);
    try {
      await view.hub.getByText(/Some builds could not be read: the posture attached to build 20261124\.9 is not valid JSON/).waitFor();
      await view.hub.locator('.drcheck-subscriptions').getByText('connectivity').waitFor();
    } finally {
      await view.page.close();
    }
    server.buildsStatus = 403;
    view = await open(server);
    try {
      await view.hub.getByText(/Some builds could not be read: Contoso: you do not have permission to read builds in this project/).waitFor();
    } finally {
      await view.page.close();
      await server.close();
    }
  });

  it('shows one run in the build results tab', async () => {
    const server = await startHubServer(hostBundle);
    seed(server);
    const { page, hub } = await open(server, '?page=/ext/build-tab.html&buildId=102&buildNumber=20261124.1');
    try {
      await hub.getByText(/Strategy redeploy · 39 resources · 32 pass · 6 fail/).waitFor();
      await hub.locator('.drcheck-subscriptions').getByText('connectivity').waitFor();
    } finally {
      await page.close();
      await server.close();
    }
  });
});
