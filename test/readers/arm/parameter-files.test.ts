import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScan } from '../../../tasks/DrCheckV1/src/scan';
import type { PostureReport } from '../../../shared/report/types';

const fixture = path.join(__dirname, 'fixtures', 'parameter-files');

/** The fixture copied to a temp folder, with a .drcheck.yml when given. */
function copy(config?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-params-'));
  fs.cpSync(fixture, dir, { recursive: true });
  if (config !== undefined) fs.writeFileSync(path.join(dir, '.drcheck.yml'), config);
  return dir;
}

const scan = async (cwd: string): Promise<PostureReport> => (await runScan({ paths: ['.'], cwd, configFile: null })).report;
const scanWithConfig = async (cwd: string): Promise<PostureReport> => (await runScan({ paths: ['.'], cwd })).report;
const warnings = (r: PostureReport) => r.errors.filter((e) => e.code === 'parameters-not-read').map((e) => [`${e.file}:${e.line}:${e.column}`, e.message]);

describe('ARM parameters files: metadata links and files no template reads', () => {
  it('judges a template with the parameters file whose metadata.template names it (relative to the file, or to the scanned folder)', async () => {
    const r = await scan(fixture);
    const storage = r.resources.find((x) => x.type === 'Microsoft.Storage/storageAccounts')!;
    // infra/params.dev.json comes first by path: its name, region and SKU.
    assert.deepEqual([storage.name, storage.location, storage.redundancy, storage.status], ['stcontosodev', 'westeurope', 'local', 'fail']);
    // `data/main.bicep`, written relative to the scanned folder as PSRule for Azure reads it: the Bicep entry takes its values.
    const namespace = r.resources.find((x) => x.file === 'data/main.bicep')!;
    assert.deepEqual([namespace.name, namespace.location, namespace.redundancy], ['dlz-prod-evhns', 'northeurope', 'zone']);
  });

  it('names every parameters file that was not read, where and why, and how to have it read', async () => {
    const r = await scan(fixture);
    assert.deepEqual(
      warnings(r).map(([at]) => at),
      ['broken/params.json:5:17', 'infra/params.prod.json:5:17', 'orphan/deploy.prod.json:1:1'],
    );
    const [missing, second, orphan] = warnings(r).map(([, m]) => m);
    assert.match(missing, /^metadata\.template names '\.\/keyvault\.json', which is not a file in the repository/);
    assert.match(second, /^a second parameters file for infra\/storage\.json, not read: the template is judged once, with the values of infra\/params\.dev\.json/);
    // The one template beside it is named as the likely one; its values were not used.
    assert.match(orphan, /no scanned template is read with.*map it to its template \(orphan\/eventhub\.json\?\) under `parameters` in \.drcheck\.yml, or set its `metadata\.template`/);
    assert.equal(r.resources.find((x) => x.file === 'orphan/eventhub.json')!.name, null);
  });

  it('lets the config choose which of several linked parameters files a template is judged with', async () => {
    const dir = copy('parameters:\n  - template: infra/storage.json\n    parameters: infra/params.prod.json\n');
    const r = await scanWithConfig(dir);
    const storage = r.resources.find((x) => x.type === 'Microsoft.Storage/storageAccounts')!;
    assert.deepEqual([storage.name, storage.redundancy, storage.redundancyDetail], ['stcontosoprod', 'geo', 'geo-replica']);
    const dev = warnings(r).find(([at]) => at.startsWith('infra/'));
    assert.deepEqual(dev, ['infra/params.dev.json:5:17', 'a second parameters file for infra/storage.json, not read: the template is judged once, with the values of infra/params.prod.json (map the one to judge under `parameters` in .drcheck.yml)']);
  });

  it('does not warn of a parameters file a template reads by its name', async () => {
    const dir = copy();
    fs.renameSync(path.join(dir, 'orphan', 'deploy.prod.json'), path.join(dir, 'orphan', 'eventhub.parameters.json'));
    const r = await scan(dir);
    assert.equal(r.resources.find((x) => x.file === 'orphan/eventhub.json')!.name, 'evhns-contoso-prod');
    assert.ok(!warnings(r).some(([at]) => at.startsWith('orphan/')), JSON.stringify(warnings(r)));
  });
});
