/**
 * The scan orchestrator shared by the CLI and the pipeline task: finds IaC files, routes each to
 * its reader, and hands the normalised resources to the posture engine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { DEFAULT_LIMITS, type Limits } from '../../../shared/config/limits';
import { landingZoneMatcher } from '../../../shared/config/landing-zones';
import { ConfigError, findConfigFile, loadConfigFile } from '../../../shared/config/load';
import type { LoadedConfig } from '../../../shared/config/types';
import { judge } from '../../../shared/engine/judge';
import type { NormalisedResource, ScanIssue } from '../../../shared/model/resource';
import { READERS, routeFile, type Route } from './readers';
import { confined, isInside, repositoryRoots } from './readers/confine';
import { positionAt } from './readers/position';
import type { ReaderContext, SourceFile } from './readers/types';
import { isCachedModuleFile } from './readers/bicep/registry';
import { isParametersFile, linkParameterFiles, unreadParameterFiles } from './readers/arm/parameter-files';
import { DrCheckUsageError, type ScanOptions, type ScanResult } from './scan-api';
import { TOOL_VERSION } from './version';

export { DrCheckUsageError } from './scan-api';
export type { ScanOptions, ScanResult, ScanProgress } from './scan-api';

/** Folders never scanned. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.terraform', '.terragrunt-cache', '.vs', '.vscode', '.idea']);

const toPosix = (p: string) => p.split(path.sep).join('/');

/**
 * Names in each folder the walk listed (folded: NFC, lower case), so that probing for a file that is not
 * there (a template's `<name>.parameters.json`) needs no system call. Only an absence is trusted: a name
 * that may be there is always looked up on disk.
 */
type Listings = Map<string, Set<string>>;

const foldName = (name: string) => name.normalize('NFC').toLowerCase();

interface Discovery {
  files: string[];
  issues: ScanIssue[];
}

function isGlob(p: string): boolean {
  return picomatch.scan(p).isGlob;
}

/** Walks a folder depth-first, skipping excluded folders and symlink loops. */
function walk(dir: string, out: string[], issues: ScanIssue[], rel: (p: string) => string, excluded: (relPath: string) => boolean, seen: Set<string>, limits: Limits, listings: Listings): void {
  let real: string;
  try {
    real = fs.realpathSync.native(dir);
  } catch (e) {
    issues.push({ file: rel(dir), line: 0, column: 0, severity: 'error', code: 'unreadable', message: `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return;
  }
  if (seen.has(real)) {
    // Overlapping arguments (`infra infra/data`) are simply covered already; a symbolic link back is worth a word.
    if (path.resolve(dir) !== real) issues.push({ file: rel(dir), line: 0, column: 0, severity: 'warning', code: 'symlink-loop', message: 'folder already scanned through another path (a symbolic link to it); not scanned again' });
    return;
  }
  seen.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    issues.push({ file: rel(dir), line: 0, column: 0, severity: 'error', code: 'unreadable', message: `cannot read folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  listings.set(dir, new Set(entries.map((e) => foldName(e.name))));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const st = fs.statSync(full);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        issues.push({ file: rel(full), line: 0, column: 0, severity: 'warning', code: 'broken-link', message: 'symbolic link points nowhere; skipped' });
        continue;
      }
    }
    if (isDir) {
      if (ALWAYS_SKIPPED.has(entry.name) || excluded(`${rel(full)}/`)) continue;
      walk(full, out, issues, rel, excluded, seen, limits, listings);
    } else if (isFile && routeFile(entry.name) !== null && !excluded(rel(full)) && !isCachedModuleFile(full)) {
      if (out.length >= limits.maxFiles) {
        issues.push({ file: rel(full), line: 0, column: 0, severity: 'error', code: 'file-limit', message: `more than ${limits.maxFiles} IaC files; the rest were not scanned` });
        return;
      }
      out.push(full);
    }
  }
}

function discover(paths: string[], cwd: string, rel: (p: string) => string, excluded: (relPath: string) => boolean, limits: Limits, listings: Listings): Discovery {
  const files: string[] = [];
  const issues: ScanIssue[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    if (fs.existsSync(abs)) {
      const st = fs.statSync(abs);
      if (st.isDirectory()) walk(abs, files, issues, rel, excluded, seen, limits, listings);
      else files.push(abs);
      continue;
    }
    if (!isGlob(p)) throw new DrCheckUsageError(`path not found: ${p}`);
    const { base, glob } = picomatch.scan(toPosix(p));
    const baseAbs = path.resolve(cwd, base || '.');
    const match = picomatch(glob, { dot: false });
    const found: string[] = [];
    if (fs.existsSync(baseAbs)) walk(baseAbs, found, issues, rel, excluded, new Set(), limits, listings);
    const matched = found.filter((f) => match(toPosix(path.relative(baseAbs, f))));
    if (!matched.length) issues.push({ file: p, line: 0, column: 0, severity: 'warning', code: 'no-match', message: `no IaC files match ${p}` });
    files.push(...matched);
  }
  return { files: [...new Set(files)], issues };
}

/** A scanned path, absolute: a glob by its base folder. */
function scannedPath(p: string, cwd: string): string {
  return path.resolve(cwd, isGlob(p) ? picomatch.scan(p).base || '.' : p);
}

/** Each scanned path as a folder: a glob's base, a file's folder. */
function scannedFolders(paths: string[], cwd: string): string[] {
  return paths.map((p) => scannedPath(p, cwd)).map((a) => (fs.existsSync(a) && fs.statSync(a).isFile() ? path.dirname(a) : a));
}

/** `start`, or its nearest ancestor that holds every one of `paths` (at worst the file system's root). */
function widenToHold(start: string, paths: string[]): string {
  let common = start;
  for (const a of paths) while (!isInside(a, common)) common = path.dirname(common);
  return common;
}

/** The folder the scanned paths have in common: what the scan reads below. */
function scannedFolder(paths: string[], cwd: string): string {
  const abs = scannedFolders(paths, cwd);
  return widenToHold(abs[0], abs);
}

/** The folder reports are relative to: cwd, or the common ancestor of the paths' parents when they lie outside it. */
function scanRoot(paths: string[], cwd: string): string {
  const abs = paths.map((p) => scannedPath(p, cwd));
  if (abs.every((a) => isInside(a, cwd))) return cwd;
  return widenToHold(path.dirname(abs[0]), abs);
}

function loadConfig(options: ScanOptions, cwd: string, rel: (p: string) => string): LoadedConfig {
  if (options.configFile === null) return { config: {}, file: null, baseDir: cwd };
  const file =
    options.configFile !== undefined
      ? path.resolve(cwd, options.configFile)
      : findConfigFile([...scannedFolders(options.paths, cwd), cwd]);
  if (!file) return { config: {}, file: null, baseDir: cwd };
  if (options.configFile !== undefined && !fs.existsSync(file)) throw new DrCheckUsageError(`config file not found: ${options.configFile}`);
  try {
    return loadConfigFile(file, rel(file));
  } catch (e) {
    if (e instanceof ConfigError) throw new DrCheckUsageError(e.message, e.file, e.line, e.column);
    throw e;
  }
}

/** A file that cannot be read: why, and where (line 1, column 1 for the whole file; a binary file's first NUL). */
type Unread = { error: string; code: string; line: number; column: number };

/** Reads a file within the size limit; binary files are refused. */
function readSource(abs: string, limits: Limits): { text: string } | Unread {
  // A missing file (a parameters file or module probed for) is common: no exception for it.
  const st = statQuiet(abs);
  if (st === undefined) return unreadable('ENOENT');
  if (st instanceof Error) return unreadable((st as NodeJS.ErrnoException).code ?? st.message);
  if (st.size > limits.maxFileBytes) return { error: `file is ${st.size} bytes, over the ${limits.maxFileBytes}-byte limit; not read`, code: 'file-too-large', line: 1, column: 1 };
  let text: string;
  try {
    // Decoded in one native step; a NUL character in the text can only come from a NUL byte.
    text = fs.readFileSync(abs, 'utf8');
    const nul = text.indexOf('\0');
    if (nul >= 0 && fs.readFileSync(abs).subarray(0, 8192).includes(0)) return { error: 'binary file, not text; not read', code: 'binary-file', ...positionAt(text, nul) };
  } catch (e) {
    return unreadable((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
  return { text };
}

function statQuiet(abs: string): fs.Stats | Error | undefined {
  try {
    return fs.statSync(abs, { throwIfNoEntry: false });
  } catch (e) {
    return e as Error;
  }
}

function unreadable(code: string): Unread {
  return { error: `cannot read file: ${code === 'EACCES' ? 'permission denied' : code}`, code: 'unreadable', line: 1, column: 1 };
}

/** `metadata._generator.name: bicep`: an ARM template the Bicep CLI built. */
const BICEP_BUILD = /"_generator"\s*:\s*\{\s*"name"\s*:\s*"bicep"/;

/** How much of a JSON file is read to tell Bicep build output: the Bicep CLI writes `metadata._generator` first. */
const BUILD_HEAD = 16384;

/**
 * Repositories often commit the ARM template `bicep build` writes beside its `.bicep` file (Azure Verified Modules
 * do for every module). When both are scanned, the `.bicep` file is read and its build output is not read again,
 * so no resource is counted twice; only the head of such a file is read to tell (those files are most of a
 * repository's bytes: 70 MB of AVM's 72).
 */
function isBicepBuildOutput(abs: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, 'r');
    const head = Buffer.alloc(BUILD_HEAD);
    const n = fs.readSync(fd, head, 0, BUILD_HEAD, 0);
    return BICEP_BUILD.test(head.toString('utf8', 0, n));
  } catch {
    return false; // read as usual, which reports why it cannot be
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export async function runScan(options: ScanOptions): Promise<ScanResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const paths = options.paths.length ? options.paths : ['.'];
  const root = scanRoot(paths, cwd);
  const rel = (p: string) => toPosix(path.relative(root, p)) || '.';
  const loaded = loadConfig(options, cwd, rel);
  const config = loaded.config;
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const excludeMatch = config.exclude?.length ? picomatch(config.exclude, { dot: true }) : undefined;
  const configRelative = (file: string) => toPosix(path.relative(loaded.baseDir, path.resolve(root, file)));
  const excluded = (relPath: string) => !!excludeMatch && (excludeMatch(configRelative(relPath)) || excludeMatch(configRelative(relPath).replace(/\/$/, '')));

  const listings: Listings = new Map();
  const { files, issues } = discover(paths, cwd, rel, excluded, limits, listings);
  const byRoute = new Map<Route, SourceFile[]>();
  let filesRead = 0;
  const progress = () => options.onProgress?.({ filesTotal: files.length, filesRead, resources: 0 });
  // Bicep files first: a JSON template beside one that was read may be its build output, skipped unread.
  const routes = new Map(files.map((abs) => [abs, routeFile(path.basename(abs))]));
  const bicepRead = new Set<string>();
  // Every text the scan read, by path: readers pull some of them in again (a template's parameters file, a linked
  // template or module that is also scanned), served from here instead of read and decoded a second time.
  const texts = new Map<string, string>();
  // ARM parameters files: read by their templates' readers; any no template is read with is reported after.
  const parameterFiles: SourceFile[] = [];
  for (const abs of [...files.filter((f) => routes.get(f) !== 'json'), ...files.filter((f) => routes.get(f) === 'json')]) {
    const kind = routes.get(abs);
    if (!kind) continue;
    if (kind === 'json' && bicepRead.has(abs.replace(/\.json$/i, '.bicep')) && isBicepBuildOutput(abs)) {
      filesRead++;
      continue;
    }
    const read = readSource(abs, limits);
    filesRead++;
    if ('error' in read) {
      issues.push({ file: rel(abs), line: read.line, column: read.column, severity: 'error', code: read.code, message: read.error });
      continue;
    }
    texts.set(abs, read.text);
    if (!read.text.trim()) {
      issues.push({ file: rel(abs), line: 1, column: 1, severity: 'warning', code: 'empty-file', message: 'file is empty' });
      continue;
    }
    const route = kind === 'json' ? READERS.sniffJson(read.text) : kind;
    if (!route) {
      if (kind === 'json' && isParametersFile(read.text)) parameterFiles.push({ path: abs, rel: rel(abs), text: read.text });
      continue;
    }
    if (route === 'bicep') bicepRead.add(abs);
    const list = byRoute.get(route) ?? [];
    list.push({ path: abs, rel: rel(abs), text: read.text });
    byRoute.set(route, list);
    if (filesRead % 50 === 0) progress();
  }
  progress();

  // Files a scanned file pulls in (modules, linked templates, parameter files) must come from the repository: a
  // template in a pull request must not make drcheck read, and echo in its reports, files elsewhere on the agent.
  const readableRoots = [...new Set([...repositoryRoots(scannedFolder(paths, cwd)), ...(loaded.file ? repositoryRoots(loaded.baseDir) : [])])];
  const confine = (abs: string) => confined(abs, readableRoots);
  const landingZoneOf = landingZoneMatcher(config, configRelative);
  const parameterLinks = linkParameterFiles(parameterFiles, [...new Set([...scannedFolders(paths, cwd), cwd])], confine);
  // Every file a reader pulled in through readText (a parameters file read by its template or named in a warning as one it
  // does not read, a file Terraform's file() or Bicep's loadJsonContent() reads): none of them is a parameters file unread.
  const pulledIn = new Set<string>();
  const ctx: ReaderContext = {
    root,
    config,
    configDir: loaded.baseDir,
    configAt: (pointer) => {
      if (!loaded.file) return undefined;
      return { file: rel(loaded.file), ...(loaded.at?.(pointer) ?? { line: 1, column: 1 }) };
    },
    limits,
    rel,
    readText: (abs) => {
      pulledIn.add(abs);
      if (listings.get(path.dirname(abs))?.has(foldName(path.basename(abs))) === false) return { error: 'cannot read file: ENOENT' };
      if (!confine(abs)) return { error: 'the file is outside the scanned folder, its Git repository and the config file\'s folder; not read (a module, linked template or parameters file may only come from the repository)' };
      const text = texts.get(abs);
      if (text !== undefined) return { text };
      const r = readSource(abs, limits);
      return 'error' in r ? { error: r.error } : r;
    },
    confine,
    bicep: options.bicep ?? config.bicep ?? 'native',
    locationFor: (abs) => landingZoneOf(rel(abs))?.location ?? config.location,
    ...(config.cloud ? { cloud: config.cloud } : {}),
    parameterLinks,
  };

  let resources: NormalisedResource[] = [];
  const entries = new Set([...byRoute.entries()].filter(([route]) => route === 'arm' || route === 'bicep').flatMap(([, input]) => input.map((f) => f.path)).filter((p) => !/\.bicepparam$/i.test(p)));
  const judgedWith = new Map<string, string>();
  const deployedTemplates = new Set<string>();
  // Files ARM templates link (and parameters files they read): a parse error there is the linking deployment's too.
  const linkedByArm = new Set<string>();
  const parameterisedEntries = new Set<string>();
  for (const [route, input] of byRoute) {
    if (READERS.byRoute.has(route)) continue;
    for (const f of input) issues.push({ file: f.rel, line: 1, column: 1, severity: 'warning', code: 'no-reader', message: `no ${route} reader in this build; file not scanned` });
  }
  for (const [route, reader] of READERS.byRoute) {
    const input = byRoute.get(route);
    if (!input?.length) continue;
    try {
      const result = await reader.read(input, ctx);
      for (const r of result.resources) resources.push(r);
      issues.push(...result.issues);
      for (const t of result.deployedTemplates ?? []) deployedTemplates.add(rel(t));
      if (route === 'arm') for (const t of result.consumed ?? []) linkedByArm.add(rel(t));
      for (const t of result.parameterisedEntries ?? []) parameterisedEntries.add(rel(t));
      for (const [t, p] of result.entryParameters ?? []) if (!judgedWith.has(t)) judgedWith.set(t, p);
    } catch (e) {
      // A reader bug must not lose the rest of the scan: report it against the first file and go on.
      issues.push({ file: input[0].rel, line: 1, column: 1, severity: 'error', code: 'reader-error', message: `the ${reader.language} reader failed: ${(e as Error).message}` });
    }
    options.onProgress?.({ filesTotal: files.length, filesRead, resources: resources.length });
  }
  // A template another language deploys with its own values (Terraform's file()) is that deployment's part: its read as
  // a template of its own with its defaults (an entry, without a parameters file) is not a deployment anyone makes. Its
  // deployments by other templates (linked, with their values) and with a parameters file of its own stay.
  for (const t of parameterisedEntries) deployedTemplates.delete(t);
  issues.push(...unreadParameterFiles(parameterFiles, parameterLinks, pulledIn, { rel, entries, judgedWith }));
  if (deployedTemplates.size) {
    resources = resources.filter((r) => !(r.source.language === 'arm' && r.entry === undefined && deployedTemplates.has(r.source.file)));
    // Nor is it JSON before Terraform renders it (templatefile(): `"isHnsEnabled": ${hns}`): its parse error on its own is
    // none, unless an ARM template links the file as it is written, which would fail on it.
    let kept = 0;
    for (const i of issues) if (!(i.code === 'parse-error' && deployedTemplates.has(i.file) && !linkedByArm.has(i.file))) issues[kept++] = i;
    issues.length = kept;
  }
  // The file texts are no longer needed: let them go before judging.
  byRoute.clear();
  texts.clear();
  if (resources.length > limits.maxResources) {
    issues.push({ file: '.', line: 0, column: 0, severity: 'error', code: 'resource-limit', message: `${resources.length} resources exceed the limit of ${limits.maxResources}; only the first ${limits.maxResources} were judged` });
    resources.length = limits.maxResources;
  }

  const strategy = options.strategy ?? config.strategy ?? 'redeploy';
  const report = judge({
    resources,
    issues,
    strategy,
    config,
    configRelative,
    defaultSubscription: options.subscription,
    now: options.now,
    toolVersion: TOOL_VERSION,
    roots: paths,
    run: options.run,
  });
  return { report, config: loaded, failOn: config.failOn ?? 'warning' };
}
