/**
 * `npm run package`: the .vsix tfx-cli writes, unpacked and checked as the Marketplace would read it.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as yauzl from 'yauzl';

const REPO = path.resolve(__dirname, '../..');

function unzip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

describe('the .vsix (npm run package)', function () {
  this.timeout(120000);
  let files: Map<string, Buffer>;
  before(async () => {
    execFileSync(process.execPath, ['build/package.mjs'], { cwd: REPO, stdio: 'pipe' });
    const pkg = JSON.parse(require('node:fs').readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    files = await unzip(path.join(REPO, 'dist', `drcheck-${pkg.version}.vsix`));
  });

  it('carries the task as one bundled script beside task.json, without node_modules', () => {
    assert.ok(files.has('tasks/DrCheckV1/index.js'));
    assert.ok(files.has('tasks/DrCheckV1/task.json'));
    assert.ok(files.has('tasks/DrCheckV1/icon.png'));
    assert.ok(![...files.keys()].some((f) => f.includes('node_modules')));
    const task = JSON.parse(files.get('tasks/DrCheckV1/task.json')!.toString());
    for (const handler of Object.values(task.execution) as Array<{ target: string }>) assert.ok(files.has(`tasks/DrCheckV1/${handler.target}`), handler.target);
    assert.deepEqual(Object.keys(task.execution).sort(), ['Node20_1', 'Node24']);
    assert.match(task.id, /^[0-9a-f-]{36}$/);
    assert.ok(task.friendlyName.length <= 40);
    assert.deepEqual(task.inputs.map((i: { name: string }) => i.name).filter((n: string) => ['paths', 'strategy', 'configFile', 'subscription', 'failOn', 'baseline', 'publishSarif', 'publishTestResults', 'bicep'].includes(n)).length, 9);
  });

  it('keeps the task and extension versions in step', () => {
    const task = JSON.parse(files.get('tasks/DrCheckV1/task.json')!.toString());
    const vsixManifest = files.get('extension.vsixmanifest')!.toString();
    const version = /<Identity [^>]*Version="([^"]+)"/.exec(vsixManifest)![1];
    assert.equal(`${task.version.Major}.${task.version.Minor}.${task.version.Patch}`, version);
    const pkg = JSON.parse(require('node:fs').readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    assert.equal(version, pkg.version);
  });

  it('carries the hub and the build results tab, each page with its script and styles', () => {
    for (const f of ['hub.html', 'hub.js', 'hub.css', 'build-tab.html', 'build-tab.js', 'build-tab.css']) assert.ok(files.has(`dist/hub/${f}`), f);
    const vso = JSON.parse(files.get('extension.vsomanifest')!.toString());
    const hub = vso.contributions.find((c: { type: string }) => c.type === 'ms.vss-web.hub');
    assert.deepEqual([hub.targets[0], hub.properties.name, hub.properties.uri], ['ms.vss-build-web.build-release-hub-group', 'DR posture', 'dist/hub/hub.html']);
    const tab = vso.contributions.find((c: { type: string }) => c.type === 'ms.vss-build-web.build-results-tab');
    const task = JSON.parse(files.get('tasks/DrCheckV1/task.json')!.toString());
    assert.deepEqual(tab.properties.supportsTasks, [task.id]);
    assert.ok(files.has(tab.properties.uri));
  });

  it('declares the task contribution, icon and overview in the manifest', () => {
    const vso = JSON.parse(files.get('extension.vsomanifest')!.toString());
    const task = vso.contributions.find((c: { type: string }) => c.type === 'ms.vss-distributed-task.task');
    assert.equal(task.properties.name, 'tasks/DrCheckV1');
    const vsixManifest = files.get('extension.vsixmanifest')!.toString();
    assert.match(vsixManifest, /Type="Microsoft\.VisualStudio\.Services\.Icons\.Default" d:Source="File" Path="images\/icon\.png"/);
    assert.match(vsixManifest, /Type="Microsoft\.VisualStudio\.Services\.Content\.Details" d:Source="File" Path="overview\.md"/);
    assert.ok(files.get('images/icon.png')!.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])));
  });
});
