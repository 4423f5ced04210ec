#!/usr/bin/env node
// `npm run package`: builds (npm runs the build first) and writes the .vsix with tfx-cli into dist/.
// The publisher in vss-extension.json is a placeholder: pass `--publisher <id>` (or set DRCHECK_PUBLISHER) to use yours.
// Checks before packaging: the versions of package.json, vss-extension.json and task.json agree, and every file the
// manifest and task.json name exists in the staging folder the .vsix is made from.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const fail = (message) => {
  console.error(`package: ${message}`);
  process.exit(1);
};
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

const pkg = readJson('package.json');
const manifest = readJson('vss-extension.json');
const task = readJson('tasks/DrCheckV1/task.json');
const taskVersion = `${task.version.Major}.${task.version.Minor}.${task.version.Patch}`;
if (new Set([pkg.version, manifest.version, taskVersion]).size !== 1) {
  fail(`versions differ: package.json ${pkg.version}, vss-extension.json ${manifest.version}, task.json ${taskVersion}; keep them in step`);
}

const args = process.argv.slice(2);
const at = args.indexOf('--publisher');
const publisher = at >= 0 ? args[at + 1] : process.env.DRCHECK_PUBLISHER;
if (at >= 0 && !publisher) fail('--publisher needs a value');
if (publisher && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(publisher)) fail(`'${publisher}' is not a Marketplace publisher id`);

// tfx resolves and validates contribution paths from its root: package from a staging folder laid out as the .vsix
// is, so the task folder it checks is the built one (index.js beside task.json, no node_modules).
const root = path.join('dist', 'vsix-root');
rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });
for (const f of ['vss-extension.json', 'overview.md', 'images']) cpSync(f, path.join(root, f), { recursive: true });
if (!existsSync('dist/tasks/DrCheckV1/index.js')) fail('dist/tasks/DrCheckV1/index.js is missing: run npm run build');
cpSync('dist/tasks/DrCheckV1', path.join(root, 'tasks', 'DrCheckV1'), { recursive: true });
if (existsSync('dist/hub')) cpSync('dist/hub', path.join(root, 'dist', 'hub'), { recursive: true });

const needed = [
  manifest.icons?.default,
  manifest.content?.details?.path,
  ...(manifest.screenshots ?? []).map((s) => s.path),
  ...manifest.files.map((f) => f.path),
  ...Object.values(task.execution).map((h) => `tasks/DrCheckV1/${h.target}`),
  ...manifest.contributions.map((c) => c.properties?.uri).filter(Boolean),
].filter(Boolean);
const missing = needed.filter((f) => !existsSync(path.join(root, f)));
if (missing.length) fail(`files the manifest or task.json name are missing: ${missing.join(', ')}`);

const out = path.resolve('dist', `drcheck-${manifest.version}.vsix`);
const tfx = path.resolve('node_modules', '.bin', 'tfx');
execFileSync(tfx, ['extension', 'create', '--root', '.', '--manifests', 'vss-extension.json', '--output-path', out, '--no-prompt', ...(publisher ? ['--publisher', publisher] : [])], { stdio: 'inherit', cwd: root });
console.log(`wrote ${out}`);
