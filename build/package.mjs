#!/usr/bin/env node
// `npm run package`: builds (npm runs the build first) and writes the .vsix with tfx-cli into dist/.
// The publisher in vss-extension.json is a placeholder: pass --publisher <id> (or DRCHECK_PUBLISHER) to set yours.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const manifest = JSON.parse(readFileSync('vss-extension.json', 'utf8'));
const task = JSON.parse(readFileSync('tasks/DrCheckV1/task.json', 'utf8'));
const taskVersion = `${task.version.Major}.${task.version.Minor}.${task.version.Patch}`;
if (taskVersion !== manifest.version) {
  console.error(`task.json version ${taskVersion} differs from vss-extension.json version ${manifest.version}; keep them in step`);
  process.exit(1);
}
for (const f of ['dist/tasks/DrCheckV1/index.js', 'dist/tasks/DrCheckV1/task.json']) {
  if (!existsSync(f)) {
    console.error(`${f} is missing: run npm run build`);
    process.exit(1);
  }
}
const args = process.argv.slice(2);
const publisher = args[args.indexOf('--publisher') + 1] && args.includes('--publisher') ? args[args.indexOf('--publisher') + 1] : process.env.DRCHECK_PUBLISHER;
// tfx resolves and validates contribution paths from its root: package from a staging folder laid out as
// the .vsix is, so the task folder it checks is the built one (index.js beside task.json).
const root = path.join('dist', 'vsix-root');
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });
for (const f of ['vss-extension.json', 'overview.md', 'images']) cpSync(f, path.join(root, f), { recursive: true });
cpSync('dist/tasks/DrCheckV1', path.join(root, 'tasks', 'DrCheckV1'), { recursive: true });
if (existsSync('dist/hub')) cpSync('dist/hub', path.join(root, 'dist', 'hub'), { recursive: true });
const out = path.resolve('dist', `drcheck-${manifest.version}.vsix`);
const tfx = path.resolve('node_modules', '.bin', 'tfx');
execFileSync(tfx, ['extension', 'create', '--root', '.', '--manifests', 'vss-extension.json', '--output-path', out, '--no-prompt', ...(publisher ? ['--publisher', publisher] : [])], { stdio: 'inherit', cwd: root });
console.log(`wrote ${out}`);
