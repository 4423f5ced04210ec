/**
 * Bicep as real repositories write it, which the native reader once misread: JSON with comments and a JSONPath loaded
 * with loadJsonContent / loadYamlContent, a file whose loaded file is broken (that file's error, never the scan's),
 * `child.name` of a nested or `parent:` child, `az:`-qualified types, a nested resource named relative to its parent's
 * body, several .bicepparam files for one template, and a declaration's body on the line after its `=`. Each case is
 * judged as a scan reports it.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { runScan } from '../../../tasks/DrCheckV1/src/scan';
import type { PostureReport } from '../../../shared/report/types';
import { readerContext } from '../../support/reader-context';
import { readNativeFiles } from './read-native';

const fixtures = path.join(__dirname, 'fixtures', 'real-world');

/** Scans a fixture folder as the CLI does (native Bicep reader). */
const scan = async (name: string): Promise<PostureReport> => (await runScan({ paths: ['.'], cwd: path.join(fixtures, name), configFile: null, bicep: 'native' })).report;

/** Each resource as a user reads it: address, type, name, file, redundancy. */
const resources = (r: PostureReport) => r.resources.map((x) => [x.address, x.type, x.name, x.file, x.redundancy]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
const errors = (r: PostureReport) => r.errors.map((e) => [e.file, e.line, e.column, e.severity, e.code, e.message]);

describe('Bicep as real repositories write it', () => {
  it('loads JSON with // and /* */ comments, and the part of a JSON or YAML file its JSONPath names', async () => {
    const r = await scan('load-content');
    assert.deepEqual(errors(r), []);
    assert.deepEqual(resources(r), [
      // `$.storage` gives the account's name, `.storage.replication[0]` its SKU (in a file with comments).
      ['diag', 'Microsoft.Storage/storageAccounts', 'stdiagprod001', 'storage.bicep', 'geo'],
      ['nsg', 'Microsoft.Network/networkSecurityGroups', 'nsg-app-prod', 'network.bicep', 'local'],
      // `redis` of the YAML file: its name, SKU and zones, not the top-level `sku: Basic`.
      ['redis', 'Microsoft.Cache/redis', 'redis-app-prod', 'cache.bicep', 'zone'],
    ]);
    const read = await readNativeFiles(path.join(fixtures, 'load-content'), ['network.bicep']);
    assert.deepEqual((read.resources[0].body as { properties: { securityRules: Array<{ name: string }> } }).properties.securityRules.map((x) => x.name), ['AllowHttpsInbound']);
  });

  it("reports a loaded file that is broken, or has nothing at the JSONPath, at the declaration, naming the file and where in it, and scans every other file", async () => {
    const r = await scan('load-broken');
    assert.deepEqual(errors(r), [
      ['network.bicep', 3, 1, 'error', 'expression-error', "variable 'securityRules': loadJsonContent('./rules.json', 'securityRules'): 'rules.json' line 6, column 7: invalid JSON: ',' expected"],
      ['network.bicep', 4, 1, 'error', 'expression-error', "variable 'subnets': loadJsonContent('./subnets.json', '$.prod'): nothing in 'subnets.json' at JSONPath '$.prod'"],
    ]);
    // The other file's resources, and the broken file's own, are still reported.
    assert.deepEqual(resources(r), [
      ['logs', 'Microsoft.Storage/storageAccounts', 'stlogsprod001', 'storage.bicep', 'local'],
      ['nsg', 'Microsoft.Network/networkSecurityGroups', 'nsg-app-prod', 'network.bicep', 'local'],
      ['vnet', 'Microsoft.Network/virtualNetworks', 'vnet-app-prod', 'network.bicep', 'local'],
    ]);
  });

  it('keeps a failure that is no evaluation error (a file the system fails to read) to the file it happens in', async () => {
    const root = path.join(fixtures, 'load-content');
    const ctx = readerContext(root);
    const readText = ctx.readText;
    ctx.readText = (p) => {
      if (path.basename(p) === 'rules.json') throw new Error('EIO: i/o error, read');
      return readText(p);
    };
    const read = await readNativeFiles(root, ['cache.bicep', 'network.bicep', 'storage.bicep'], ctx);
    assert.deepEqual(
      read.issues.map((i) => [i.file, i.line, i.column, i.severity, i.code, i.message]),
      [['network.bicep', 3, 1, 'error', 'reader-error', 'the Bicep reader failed on this file: EIO: i/o error, read; what follows is not scanned']],
    );
    assert.deepEqual(read.resources.map((x) => [x.address, x.name]), [
      ['redis', 'redis-app-prod'],
      ['diag', 'stdiagprod001'],
    ]);
  });

  it("reads `child.name` of a nested or `parent:` child as its own name, its full name staying the resource's", async () => {
    const r = await scan('nested-child-name');
    // No false warnings about names with too many segments.
    assert.deepEqual(errors(r), []);
    assert.deepEqual(resources(r), [
      ['exports', 'Microsoft.Storage/storageAccounts', 'stappdbexports', 'main.bicep', 'geo'],
      ['relay', 'Microsoft.Web/sites/hybridConnectionNamespaces/relays', 'app/myns/myhc', 'main.bicep', 'managed'],
      ['sa', 'Microsoft.Storage/storageAccounts', 'stmyhc', 'main.bicep', 'geo'],
    ]);
    // `db.id` is made of the full name.
    const read = await readNativeFiles(path.join(fixtures, 'nested-child-name'), ['main.bicep']);
    const exports = read.resources.find((x) => x.address === 'exports')!;
    assert.match(String((exports.body as { tags: { database: string } }).tags.database), /\/providers\/Microsoft\.Sql\/servers\/sql-prod\/databases\/appdb$/);
  });

  it('reads an `az:`-qualified resource type as the type Bicep compiles it to', async () => {
    const r = await scan('az-namespace');
    assert.deepEqual(errors(r), []);
    assert.deepEqual(resources(r), [
      ['cosmos', 'Microsoft.DocumentDB/databaseAccounts', 'cosmos-az', 'main.bicep', 'geo'],
      ['kv', 'Microsoft.KeyVault/vaults', 'kv-az', 'main.bicep', 'managed'],
      ['sa', 'Microsoft.Storage/storageAccounts', 'staznamespace', 'main.bicep', 'local'],
    ]);
  });

  it("reads a nested resource named from its parent's body (`blob::data` in a sibling of `blob`)", async () => {
    const r = await scan('relative-nested');
    assert.deepEqual(errors(r), []);
    const read = await readNativeFiles(path.join(fixtures, 'relative-nested'), ['main.bicep']);
    const inventory = read.resources.find((x) => x.address === 'inventory')!;
    const rules = (inventory.body as { properties: { policy: { rules: Array<{ destination: string }> } } }).properties.policy.rules;
    assert.deepEqual(rules.map((x) => x.destination), ['data']);
  });

  it('names each .bicepparam file for a template that is not read, in a warning at its `using`', async () => {
    const r = await scan('several-bicepparam');
    assert.deepEqual(resources(r), [['sa', 'Microsoft.Storage/storageAccounts', 'stdev', 'main.bicep', 'local']]);
    assert.deepEqual(errors(r), [
      ['prod.bicepparam', 1, 1, 'warning', 'parameters-not-read', 'a second parameters file for main.bicep, not read: main.bicep is judged once, with the values of dev.bicepparam'],
    ]);
  });

  it("reads a declaration whose body starts on the line after its `=`, and a lambda's parameters one a line", async () => {
    const r = await scan('newline-if');
    assert.deepEqual(errors(r), []);
    assert.deepEqual(resources(r), [['sa', 'Microsoft.Storage/storageAccounts', 'stnewline001', 'main.bicep', 'local']]);
  });
});
