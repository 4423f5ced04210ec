#!/usr/bin/env node
// Builds every bundle: each file in build/targets/ exports `build(esbuild)` for one part
// (the CLI, the pipeline task, the hub). Run with `npm run build`.
import * as esbuild from 'esbuild';
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const targetsDir = path.join(here, 'targets');
const only = process.argv.slice(2);
const files = (await readdir(targetsDir)).filter((f) => f.endsWith('.mjs')).sort();
for (const file of files) {
  const name = file.replace(/\.mjs$/, '');
  if (only.length && !only.includes(name)) continue;
  const mod = await import(pathToFileURL(path.join(targetsDir, file)).href);
  const started = Date.now();
  await mod.build(esbuild);
  if (process.env.DRCHECK_BUILD_VERBOSE) console.error(`built ${name} in ${Date.now() - started} ms`);
}
