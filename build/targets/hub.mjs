// The hub and the build results tab: browser bundles (IIFE) with their CSS and fonts, in dist/hub.
import { copyFileSync, mkdirSync } from 'node:fs';

export async function build(esbuild) {
  mkdirSync('dist/hub', { recursive: true });
  await esbuild.build({
    entryPoints: { hub: 'hub/src/hub/hub.tsx', 'build-tab': 'hub/src/build-tab/build-tab.tsx' },
    outdir: 'dist/hub',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'edge110', 'firefox110', 'safari16'],
    minify: true,
    loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file', '.png': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    legalComments: 'none',
  });
  copyFileSync('hub/hub.html', 'dist/hub/hub.html');
  copyFileSync('hub/build-tab.html', 'dist/hub/build-tab.html');
}
