import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const CLI = path.join(REPO, 'dist/cli.js');

/** Runs the built CLI as a user would (not a TTY), returning exit code and output. */
export function drcheck(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? REPO, env: { ...process.env, NO_COLOR: '1', ...opts.env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: opts.timeout });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
