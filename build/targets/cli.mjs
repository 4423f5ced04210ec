import { copyWasm, hcl2jsonPlugin } from '../hcl2json.mjs';
// The `drcheck` CLI: one bundled file, dist/cli.js.
export async function build(esbuild) {
  await esbuild.build({
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/cli.js',
    bundle: true,
    platform: 'node',
    // jsonc-parser's UMD entry loads modules dynamically; its ESM entry bundles cleanly.
    mainFields: ['module', 'main'],
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
    plugins: [hcl2jsonPlugin],
    // Only required by the WebAssembly loader on Node versions without globalThis.performance.
    external: ['performance'],
    legalComments: 'none',
  });
  copyWasm('dist');
}
