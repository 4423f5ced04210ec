import { copyWasm, hcl2jsonPlugin } from '../hcl2json.mjs';
// The DrCheck@1 task: one bundled index.js beside task.json and the icon in dist/tasks/DrCheckV1,
// the folder the .vsix carries (no node_modules tree).
import { copyFileSync, mkdirSync } from 'node:fs';

export async function build(esbuild) {
  mkdirSync('dist/tasks/DrCheckV1', { recursive: true });
  await esbuild.build({
    entryPoints: ['tasks/DrCheckV1/src/index.ts'],
    outfile: 'dist/tasks/DrCheckV1/index.js',
    bundle: true,
    platform: 'node',
    mainFields: ['module', 'main'],
    format: 'cjs',
    target: 'node20',
    minify: true,
    sourcemap: false,
    logLevel: 'warning',
    plugins: [hcl2jsonPlugin],
    // Only required by the WebAssembly loader on Node versions without globalThis.performance.
    external: ['performance'],
    legalComments: 'none',
  });
  copyFileSync('tasks/DrCheckV1/task.json', 'dist/tasks/DrCheckV1/task.json');
  copyFileSync('tasks/DrCheckV1/icon.png', 'dist/tasks/DrCheckV1/icon.png');
  copyWasm('dist/tasks/DrCheckV1');
}
