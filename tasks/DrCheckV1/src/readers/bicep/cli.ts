/**
 * `bicep: compile`: compiles Bicep entry files with the Bicep CLI and reads the ARM it produces.
 * One long-lived `bicep jsonrpc --stdio` process compiles every file (no cold start per file); a CLI
 * without jsonrpc is driven with `bicep build --stdout`, a few files at a time. No shell is involved,
 * each call has a timeout, and anything that goes wrong is reported and left to the native reader.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NormalisedResource, ScanIssue } from '../../../../../shared/model/resource';
import type { ReaderContext, SourceFile } from '../types';
import { armReader } from '../arm';

export interface CompileResult {
  resources: NormalisedResource[];
  issues: ScanIssue[];
  /** Entry files the CLI did not compile: read them natively. */
  fallback: string[];
}

/** Per-call limit; DRCHECK_BICEP_TIMEOUT_MS overrides the default of one minute. */
const timeoutMs = () => Number(process.env.DRCHECK_BICEP_TIMEOUT_MS) || 60_000;

function onPath(name: string): string | undefined {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const ext of exts) {
      const p = path.join(dir, name + ext);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        if (fs.statSync(p).isFile()) return p;
      } catch {
        /* not here */
      }
    }
  }
  return undefined;
}

/** A JSON-RPC client over `bicep jsonrpc --stdio` (Content-Length framed messages). */
class JsonRpc {
  private buf = Buffer.alloc(0);
  private next = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private dead: Error | undefined;

  constructor(private readonly proc: ChildProcessWithoutNullStreams) {
    proc.stdout.on('data', (d: Buffer) => this.onData(d));
    proc.stderr.resume(); // drained, so a chatty CLI never blocks on a full pipe
    proc.stdin.on('error', () => undefined); // a CLI that died: reported by 'exit'
    const fail = (e: Error) => {
      this.dead = e;
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(e);
      }
      this.pending.clear();
    };
    proc.on('error', fail);
    proc.on('exit', (code) => fail(new Error(`the Bicep CLI exited (code ${code})`)));
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const headerEnd = this.buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length:\s*(\d+)/i.exec(this.buf.subarray(0, headerEnd).toString('ascii'));
      if (!m) {
        this.buf = Buffer.alloc(0);
        return;
      }
      const len = Number(m[1]);
      if (this.buf.length < headerEnd + 4 + len) return;
      const body = this.buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
      this.buf = this.buf.subarray(headerEnd + 4 + len);
      let msg: { id?: number; result?: unknown; error?: { message?: string } };
      try {
        msg = JSON.parse(body);
      } catch {
        continue;
      }
      const p = msg.id !== undefined ? this.pending.get(msg.id) : undefined;
      if (!p) continue;
      clearTimeout(p.timer);
      this.pending.delete(msg.id!);
      if (msg.error) p.reject(new Error(msg.error.message ?? 'JSON-RPC error'));
      else p.resolve(msg.result);
    }
  }

  call(method: string, params: unknown): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.next++;
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id, method, params }), 'utf8');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`timed out after ${timeoutMs()} ms`));
      }, timeoutMs());
      this.pending.set(id, { resolve, reject, timer });
      this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    });
  }

  close(): void {
    killTree(this.proc);
  }
}

/**
 * The CLI is often a wrapper (`az bicep` runs python, which runs bicep; a shell script may not exec):
 * it runs in a process group of its own so that a timeout can kill the whole tree, not only the
 * wrapper, whose children would otherwise keep the pipes open and the scan waiting forever.
 */
const ownGroup = process.platform !== 'win32';

function spawnCli(cmd: string, args: string[], stdin: 'ignore' | 'pipe'): ChildProcessWithoutNullStreams {
  return spawn(cmd, args, { stdio: [stdin, 'pipe', 'pipe'], detached: ownGroup, windowsHide: true }) as ChildProcessWithoutNullStreams;
}

/** Kills the CLI and everything it started, and lets go of its pipes. */
function killTree(proc: ChildProcessWithoutNullStreams): void {
  try {
    if (ownGroup && proc.pid !== undefined) process.kill(-proc.pid, 'SIGKILL');
    else proc.kill('SIGKILL');
  } catch {
    /* already gone */
  }
  proc.stdin?.destroy();
  proc.stdout.destroy();
  proc.stderr.destroy();
}

function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const proc = spawnCli(cmd, args, 'ignore');
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    let grace: NodeJS.Timeout | undefined;
    const finish = (code: number | null, err?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(grace);
      killTree(proc); // whatever the CLI left running
      resolve({ code, stdout, stderr: err ?? stderr, timedOut });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      finish(null);
    }, timeoutMs());
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('error', (e) => finish(-1, e.message));
    proc.on('close', (code) => finish(code));
    // The CLI exited but something it started still holds the pipes: take what came, then stop waiting.
    proc.on('exit', (code) => (grace = setTimeout(() => finish(code), 1000)));
  });
}

export async function compileWithBicepCli(entries: SourceFile[], ctx: ReaderContext): Promise<CompileResult> {
  const out: CompileResult = { resources: [], issues: [], fallback: [] };
  if (!entries.length) return out;
  const bicep = onPath('bicep');
  const az = bicep ? undefined : onPath('az');
  const warn = (file: string, message: string) => out.issues.push({ file, line: 1, column: 1, severity: 'warning', code: 'bicep-cli', message });
  if (!bicep && !az) {
    warn(entries[0].rel, 'Bicep CLI not found on PATH (neither bicep nor az); falling back to the native Bicep reader');
    out.fallback = entries.map((e) => e.path);
    return out;
  }
  const compiled = new Map<string, string>();
  // One long-lived process for every file, when the CLI speaks JSON-RPC.
  if (bicep) {
    const proc = spawnCli(bicep, ['jsonrpc', '--stdio'], 'pipe');
    const rpc = new JsonRpc(proc);
    let rpcWorks = true;
    for (const e of entries) {
      if (!rpcWorks) break;
      try {
        const res = (await rpc.call('bicep/compile', { path: e.path })) as { success?: boolean; contents?: string; diagnostics?: Array<{ message?: string; level?: string; range?: { start?: { line?: number; char?: number } } }> };
        if (res?.success && typeof res.contents === 'string') compiled.set(e.path, res.contents);
        else {
          const d = res?.diagnostics?.find((x) => (x.level ?? 'Error').toLowerCase() === 'error');
          out.issues.push({ file: e.rel, line: (d?.range?.start?.line ?? 0) + 1, column: (d?.range?.start?.char ?? 0) + 1, severity: 'warning', code: 'bicep-cli', message: `bicep build failed for ${e.rel}: ${d?.message ?? 'no diagnostics'}; read with the native reader instead` });
          out.fallback.push(e.path);
        }
      } catch (err) {
        rpcWorks = false;
        if (!compiled.size && !out.fallback.length) break; // the CLI has no jsonrpc: use build --stdout
        warn(e.rel, `the Bicep CLI stopped answering (${(err as Error).message}); remaining files are read natively`);
      }
    }
    rpc.close();
    if (rpcWorks || compiled.size || out.fallback.length) {
      for (const e of entries) if (!compiled.has(e.path) && !out.fallback.includes(e.path)) out.fallback.push(e.path);
      return readCompiled(entries, compiled, ctx, out);
    }
  }
  // `build --stdout`, a few processes at a time.
  const queue = [...entries];
  const workers = Array.from({ length: Math.min(4, queue.length) }, async () => {
    for (let e = queue.shift(); e; e = queue.shift()) {
      const args = bicep ? ['build', '--stdout', e.path] : ['bicep', 'build', '--stdout', '--file', e.path];
      const r = await run(bicep ?? az!, args);
      if (r.code === 0 && r.stdout.trim().startsWith('{')) compiled.set(e.path, r.stdout);
      else {
        const why = r.timedOut ? `timed out after ${timeoutMs()} ms` : r.code === 0 ? 'the output was not an ARM template' : (r.stderr.trim().split('\n')[0] || `exit code ${r.code}`);
        warn(e.rel, `bicep build failed for ${e.rel}: ${why}; read with the native reader instead`);
        out.fallback.push(e.path);
      }
    }
  });
  await Promise.all(workers);
  return readCompiled(entries, compiled, ctx, out);
}

async function readCompiled(entries: SourceFile[], compiled: Map<string, string>, ctx: ReaderContext, out: CompileResult): Promise<CompileResult> {
  for (const e of entries) {
    const text = compiled.get(e.path);
    if (text === undefined) continue;
    const r = await armReader.read([{ path: e.path, rel: e.rel, text, ...(e.parameterValues ? { parameterValues: e.parameterValues } : {}) }], ctx);
    if (r.issues.some((i) => i.code === 'parse-error')) {
      out.issues.push({ file: e.rel, line: 1, column: 1, severity: 'warning', code: 'bicep-cli', message: `bicep build produced invalid JSON for ${e.rel}; read with the native reader instead` });
      out.fallback.push(e.path);
      continue;
    }
    for (const res of r.resources) res.source = { ...res.source, language: 'bicep' };
    out.resources.push(...r.resources);
    out.issues.push(...r.issues);
  }
  return out;
}
