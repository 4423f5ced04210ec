/**
 * task.json as the agent, the pipeline editor and tfx read it (conventions of microsoft/azure-pipelines-tasks), and
 * its promises kept by the built task: the inputs it reads and the output variables it sets.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lakeTemplate, makeRepo, REPO, runTask } from './run-task';

interface Input {
  name: string;
  type: string;
  label: string;
  defaultValue?: string;
  required?: boolean;
  groupName?: string;
  visibleRule?: string;
  helpMarkDown?: string;
  options?: Record<string, string>;
}

const task = JSON.parse(fs.readFileSync(path.join(REPO, 'tasks/DrCheckV1/task.json'), 'utf8'));
const inputs: Input[] = task.inputs;

describe('task.json', () => {
  it('declares identity, Node 20 and 24 handlers, placement and a version in step with the extension', () => {
    assert.match(task.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(task.name, 'DrCheck');
    assert.ok(task.friendlyName.length <= 40, 'tfx limits friendlyName to 40 characters');
    assert.deepEqual(Object.keys(task.execution).sort(), ['Node20_1', 'Node24']);
    for (const h of Object.values(task.execution) as Array<{ target: string }>) assert.equal(h.target, 'index.js');
    assert.equal(task.restrictions, undefined, 'restricted command mode would refuse attachments, artifacts and results');
    const extension = JSON.parse(fs.readFileSync(path.join(REPO, 'vss-extension.json'), 'utf8'));
    assert.equal(`${task.version.Major}.${task.version.Minor}.${task.version.Patch}`, extension.version);
    const tab = extension.contributions.find((c: { type: string }) => c.type === 'ms.vss-build-web.build-results-tab');
    assert.deepEqual(tab.properties.supportsTasks, [task.id], 'the build results tab shows for builds that ran this task');
    assert.match(task.helpMarkDown, /\]\(https:\/\/learn\.microsoft\.com\//, 'help with a link');
  });

  it('has the inputs the issue names, each labelled, grouped and explained', () => {
    const names = inputs.map((i) => i.name);
    for (const n of ['paths', 'strategy', 'configFile', 'subscription', 'azureSubscription', 'failOn', 'baseline', 'noBaseline', 'publishSarif', 'publishTestResults', 'bicep']) assert.ok(names.includes(n), n);
    assert.equal(new Set(names).size, names.length);
    const groups = new Set(task.groups.map((g: { name: string }) => g.name));
    for (const i of inputs) {
      assert.ok(i.label && i.helpMarkDown && i.helpMarkDown.length > 20, `${i.name} is explained`);
      assert.ok(groups.has(i.groupName), `${i.name} is in a declared group`);
      if (i.type === 'pickList') assert.ok(i.defaultValue && i.options && i.defaultValue in i.options, `${i.name}'s default is one of its options`);
      if (i.type === 'boolean') assert.ok(['true', 'false'].includes(i.defaultValue!), i.name);
      if (i.visibleRule) {
        const [ref, value] = i.visibleRule.split('=').map((s) => s.trim());
        const target = inputs.find((x) => x.name === ref);
        assert.ok(target, `${i.name}'s visibleRule refers to input ${ref}`);
        if (target!.options) assert.ok(value in target!.options, `${i.name}'s visibleRule value ${value}`);
      }
    }
    assert.equal(inputs.find((i) => i.name === 'azureSubscription')!.type, 'connectedService:AzureRM');
    assert.deepEqual(Object.keys(inputs.find((i) => i.name === 'strategy')!.options!), ['redeploy', 'warm-spare', 'hot-spare', 'active-active']);
    assert.deepEqual(Object.keys(inputs.find((i) => i.name === 'failOn')!.options!), ['regressions', 'findings', 'never']);
    assert.deepEqual(Object.keys(inputs.find((i) => i.name === 'bicep')!.options!), ['native', 'compile']);
    for (const ref of (task.instanceNameFormat as string).match(/\$\((\w+)\)/g) ?? []) assert.ok(names.includes(ref.slice(2, -1)), `instanceNameFormat uses input ${ref}`);
  });

  it('declares exactly the output variables the built task sets', async function () {
    this.timeout(60000);
    const declared = task.outputVariables.map((v: { name: string; description: string }) => {
      assert.match(v.name, /^[A-Za-z][A-Za-z0-9]*$/);
      assert.ok(v.description);
      return v.name;
    });
    const run = await runTask({ sources: makeRepo({ 'infra/lake.json': lakeTemplate('Standard_GRS') }), inputs: { baseline: 'none' } });
    const set = run.commands.filter((c) => c.command === 'task.setvariable' && c.properties.isOutput === 'true').map((c) => c.properties.variable);
    assert.deepEqual([...set].sort(), [...declared].sort());
  });
});
