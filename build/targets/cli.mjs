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
    legalComments: 'none',
  });
}
