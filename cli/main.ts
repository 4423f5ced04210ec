/**
 * `drcheck`: the same engine as the pipeline task, on a laptop.
 *
 *   drcheck scan [paths…]        judge IaC against the DR catalog and a strategy
 *   drcheck baseline [paths…]    write a posture.json to compare pull requests against
 *   drcheck diff BASE HEAD        compare two posture.json files (regressions, improvements)
 *   drcheck catalog              print the DR catalog
 *   drcheck schema config|report print a JSON Schema
 *
 * Exit codes: 0 nothing failing at or above --fail-on, 1 failing findings or files that could not be read
 * (or regressions for diff), 2 bad usage or unreadable/invalid config.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import configSchema from '../shared/config/drcheck.schema.json';
import reportSchema from '../shared/report/posture.schema.json';
import { failingFindings, readErrors, unreadFiles } from '../shared/engine/gate';
import { diffReports } from '../shared/engine/diff';
import { STRATEGIES, type Strategy } from '../shared/model/posture';
import type { FailThreshold } from '../shared/config/types';
import type { PostureReport } from '../shared/report/types';
import { validateReport } from '../shared/report/validate';
import { runScan, DrCheckUsageError, type ScanOptions } from '../tasks/DrCheckV1/src/scan';
import { OUTPUT_FILES, OUTPUT_FORMATS, PUBLISHERS, type OutputFormat } from '../tasks/DrCheckV1/src/publishers';
import { renderCatalog } from '../tasks/DrCheckV1/src/publishers/catalog';
import { renderDiff } from '../tasks/DrCheckV1/src/publishers/diff';
import { TOOL_VERSION } from '../tasks/DrCheckV1/src/version';

/** The scan itself, for programs (and `npm run bench`) that load dist/cli.js as a library. */
export { runScan };

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

interface ScanFlags {
  format?: OutputFormat;
  out?: string;
  strategy?: Strategy;
  config?: string | false;
  subscription?: string;
  failOn?: FailThreshold;
  bicep?: 'native' | 'compile';
  quiet?: boolean;
  color?: boolean;
}

function colorWanted(io: CliIO, flag: boolean | undefined): boolean {
  if (flag === false || 'NO_COLOR' in io.env) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return !!io.stdout.isTTY;
}

function addScanOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-s, --strategy <strategy>', 'DR strategy to judge against (default: the config\'s, else redeploy)').choices([...STRATEGIES]))
    .option('-c, --config <file>', 'config file (default: .drcheck.yml in the scanned folder or the current folder)')
    .option('--no-config', 'ignore any .drcheck.yml')
    .option('--subscription <id>', 'subscription for resources no landing zone maps')
    .addOption(new Option('--bicep <mode>', 'read Bicep natively or compile it with the Bicep CLI').choices(['native', 'compile']))
    .option('-q, --quiet', 'no progress on stderr');
}

function scanOptions(paths: string[], flags: ScanFlags, io: CliIO, showProgress: boolean): ScanOptions {
  let lastDraw = 0;
  return {
    paths,
    cwd: io.cwd,
    configFile: flags.config === false ? null : flags.config,
    strategy: flags.strategy,
    subscription: flags.subscription,
    bicep: flags.bicep,
    onProgress: showProgress
      ? (p) => {
          const now = Date.now();
          if (now - lastDraw < 100 && p.filesRead < p.filesTotal) return;
          lastDraw = now;
          io.stderr.write(`\r\x1b[2Kdrcheck: ${p.filesRead}/${p.filesTotal} files read, ${p.resources} resources`);
        }
      : undefined,
  };
}

async function scanCommand(paths: string[], flags: ScanFlags, io: CliIO): Promise<number> {
  const format: OutputFormat = flags.format ?? (io.stdout.isTTY ? 'table' : 'json');
  const showProgress = !flags.quiet && !!io.stderr.isTTY;
  const { report, failOn } = await runScan(scanOptions(paths, flags, io, showProgress));
  if (showProgress) io.stderr.write('\r\x1b[2K');
  const threshold = flags.failOn ?? failOn;
  const ctx = { color: colorWanted(io, flags.color), width: io.stdout.columns ?? 100, failOn: threshold };
  // The result goes to stdout first: a failure to write the files loses nothing already computed.
  io.stdout.write(PUBLISHERS[format](report, ctx));
  if (flags.out) {
    const dir = path.resolve(io.cwd, flags.out);
    try {
      fs.mkdirSync(dir, { recursive: true });
      for (const f of OUTPUT_FORMATS) fs.writeFileSync(path.join(dir, OUTPUT_FILES[f]), PUBLISHERS[f](report, { ...ctx, color: false }));
    } catch (e) {
      throw new DrCheckUsageError(`cannot write the reports to ${flags.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (!flags.quiet) io.stderr.write(`drcheck: reports written to ${path.relative(io.cwd, dir) || '.'}/ (${OUTPUT_FORMATS.map((f) => OUTPUT_FILES[f]).join(', ')})\n`);
  }
  const failing = failingFindings(report, threshold);
  if (failing.length && !flags.quiet) {
    io.stderr.write(`drcheck: ${failing.length} open finding${failing.length === 1 ? '' : 's'} at or above '${threshold}' on ${new Set(failing.map((f) => f.resource.id)).size} resource(s)\n`);
  }
  // A file that could not be read or parsed hides its resources: that is never a pass (unless --fail-on never).
  const unread = threshold === 'never' ? [] : readErrors(report);
  if (unread.length && !flags.quiet) {
    const files = unreadFiles(report).size;
    io.stderr.write(`drcheck: ${unread.length} read error${unread.length === 1 ? '' : 's'} in ${files} file${files === 1 ? ': what it holds is' : 's: what they hold is'} not judged\n`);
  }
  return failing.length || unread.length ? 1 : 0;
}

function readReport(file: string, io: CliIO): PostureReport {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(path.resolve(io.cwd, file), 'utf8'));
  } catch (e) {
    throw new DrCheckUsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const problems = validateReport(data);
  if (problems.length) throw new DrCheckUsageError(`${file} is not a drcheck posture report: ${problems[0]}`);
  return data as PostureReport;
}

export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('drcheck')
    .description('Disaster-recovery posture checks for Azure infrastructure-as-code (ARM, Bicep, Terraform).')
    .version(TOOL_VERSION, '-v, --version')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();

  addScanOptions(
    program
      .command('scan')
      .description('scan IaC files and folders (default: the current folder) and report the DR posture')
      .argument('[paths...]', 'files, folders or globs')
      .addOption(new Option('-f, --format <format>', 'output on stdout (default: table on a terminal, json when piped)').choices([...OUTPUT_FORMATS]))
      .option('-o, --out <dir>', 'also write every format into this folder')
      .addOption(new Option('--fail-on <severity>', 'lowest open-finding severity that exits 1 (default: the config\'s, else warning)').choices(['error', 'warning', 'note', 'never']))
      .option('--no-color', 'no colours'),
  ).action(async (paths: string[], flags: ScanFlags) => setExit(await scanCommand(paths, flags, io)));

  addScanOptions(
    program
      .command('baseline')
      .description('scan and write a posture.json to compare pull requests against (DrCheck@1 baseline: <path>)')
      .argument('[paths...]', 'files, folders or globs')
      .option('-o, --output <file>', 'where to write it', 'drcheck-baseline.json'),
  ).action(async (paths: string[], flags: ScanFlags & { output: string }) => {
    const { report } = await runScan(scanOptions(paths, flags, io, !flags.quiet && !!io.stderr.isTTY));
    if (!flags.quiet && io.stderr.isTTY) io.stderr.write('\r\x1b[2K');
    const file = path.resolve(io.cwd, flags.output);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, PUBLISHERS.json(report));
    io.stdout.write(`Baseline of ${report.totals.resources} resources (${report.totals.fail} failing) written to ${path.relative(io.cwd, file)}\n`);
    setExit(0);
  });

  program
    .command('diff')
    .description('compare two posture.json files; exits 1 when HEAD regresses from BASE')
    .argument('<base>', 'baseline posture.json')
    .argument('<head>', 'new posture.json')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('--no-color', 'no colours')
    .action((base: string, head: string, flags: { format: 'table' | 'json' | 'markdown'; color?: boolean }) => {
      const b = readReport(base, io);
      const h = readReport(head, io);
      const diff = diffReports(b, h);
      io.stdout.write(renderDiff(diff, h, flags.format, { color: colorWanted(io, flags.color), baselineNote: `Compared with ${base}.` }));
      setExit(diff.regressions.length ? 1 : 0);
    });

  program
    .command('catalog')
    .description('print the DR catalog: services, responsibilities, Contoso SKUs, uplift options')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .action((flags: { format: 'markdown' | 'json' }) => {
      io.stdout.write(renderCatalog(flags.format));
      setExit(0);
    });

  program
    .command('schema')
    .description('print the JSON Schema of .drcheck.yml (config) or of posture.json (report)')
    .argument('<which>', 'config or report')
    .action((which: string) => {
      if (which !== 'config' && which !== 'report') throw new DrCheckUsageError(`unknown schema '${which}': use config or report`);
      io.stdout.write(`${JSON.stringify(which === 'config' ? configSchema : reportSchema, null, 2)}\n`);
      setExit(0);
    });
  return program;
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof DrCheckUsageError) {
      io.stderr.write(`drcheck: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(`drcheck: internal error: ${(e as Error).message}\n`);
    return 2;
  }
}

/**
 * Keeps a reader that stops early (`drcheck diff … | head`) from crashing the CLI: once stdout's pipe is closed
 * (EPIPE), what is left to write is not wanted, and the exit code is still the command's.
 */
export function quietOnClosedPipe(stdout: NodeJS.WritableStream): void {
  let closed = false;
  stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (closed || e.code === 'EPIPE') {
      closed = true;
      return;
    }
    throw e;
  });
}

if (require.main === module) {
  quietOnClosedPipe(process.stdout);
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }).then((code) => {
    process.exitCode = code;
  });
}
