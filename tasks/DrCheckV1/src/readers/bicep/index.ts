/**
 * The Bicep reader. Natively: entry .bicep files (those no other scanned file uses as a module, and one
 * file of each group only used by each other, so a module cycle is reported rather than lost) are
 * evaluated with their parameters (.bicepparam, or <name>.parameters.json), following local modules.
 * With `bicep: compile`: entry files are compiled by the Bicep CLI in one batch and the ARM reader reads
 * the result, with findings mapped back to the .bicep file; if the CLI is missing or fails, the native
 * reader takes over and says so.
 */
import * as path from 'node:path';
import { parentTypeOf, type NormalisedResource } from '../../../../../shared/model/resource';
import { isObject, type Unknown, type Value } from '../../../../../shared/model/value';
import { aloneAtAddress, replaced } from '../names';
import { applyLinks, parametersFileFor } from '../arm';
import type { Reader, ReaderContext, ReadResult, SourceFile } from '../types';
import { compileWithBicepCli } from './cli';
import { loadBicep, runBicepModule, type BicepState } from './evaluate';
import type { Statement } from './parser';

/**
 * The parameter values an entry is judged with: from the first .bicepparam file (in path order) whose `using` points at
 * it, else from its JSON parameters file. As the ARM reader, one deployment per template: the other parameters files
 * for it (more .bicepparam files, a JSON one beside a .bicepparam) are not read, and each is named in a warning, at its
 * `using`, so that none is dropped silently.
 */
function paramsFrom(state: BicepState, entry: SourceFile, files: SourceFile[]): Record<string, Value> {
  // The .bicepparam files whose `using` points at the entry.
  const using: Array<{ file: SourceFile; stmts: Statement[]; at: Extract<Statement, { kind: 'using' }> }> = [];
  for (const f of files.filter((x) => x.path.endsWith('.bicepparam'))) {
    const stmts = loadBicep(state, f.path, f.text);
    const at = stmts?.find((s): s is Extract<Statement, { kind: 'using' }> => s.kind === 'using');
    if (stmts && at && path.resolve(path.dirname(f.path), at.path) === entry.path) using.push({ file: f, stmts, at });
  }
  if (using.length) {
    const [read, ...others] = using;
    const json = parametersJsonFor(state, entry)?.path;
    const not = `not read: ${entry.rel} is judged once, with the values of ${read.file.rel}`;
    for (const o of others) {
      state.issues.push({ file: o.file.rel, line: o.at.line, column: o.at.col, severity: 'warning', code: 'parameters-not-read', message: `a second parameters file for ${entry.rel}, ${not}` });
    }
    if (json !== undefined) {
      state.issues.push({ file: read.file.rel, line: read.at.line, column: read.at.col, severity: 'warning', code: 'parameters-not-read', message: `${state.ctx.rel(json)} is also a parameters file for ${entry.rel}, ${not}` });
    }
    (state.entryParameters ??= []).push([entry.path, read.file.path]);
    return bicepparamValues(state, read.file.path, read.stmts);
  }
  const found = parametersJsonFor(state, entry);
  const json = found?.path;
  const r = found && (found.read ?? state.ctx.readText(found.path));
  if (json !== undefined && r && 'text' in r) {
    try {
      const doc = JSON.parse(r.text.replace(/^\uFEFF/, '')) as { parameters?: Record<string, { value?: Value }> };
      state.consumed.push(json);
      (state.entryParameters ??= []).push([entry.path, json]);
      return Object.fromEntries(Object.entries(doc.parameters ?? {}).filter(([, v]) => isObject(v as Value) && 'value' in v).map(([k, v]) => [k, v.value as Value]));
    } catch (e) {
      state.issues.push({ file: state.ctx.rel(json), line: 1, column: 1, severity: 'error', code: 'parse-error', message: `invalid JSON parameters file: ${(e as Error).message}` });
    }
  } else if (json !== undefined && r && 'error' in r) {
    // Only a file the config names can be missing: the others were found before being chosen.
    state.issues.push({ file: state.ctx.rel(json), line: 1, column: 1, severity: 'error', code: 'unreadable', message: r.error });
  }
  return {};
}

/**
 * The JSON parameters file of a Bicep entry: the config's `parameters` mapping for it, else `<name>.parameters.json`
 * beside it, else, for a `main.bicep` with no `azuredeploy.json` beside it, `azuredeploy.parameters.json` (the
 * quickstart templates' layout).
 */
function parametersJsonFor(state: BicepState, entry: SourceFile): { path: string; read?: { text: string } } | undefined {
  const dir = path.dirname(entry.path);
  // A quickstart's `main.bicep` takes `azuredeploy.parameters.json`, unless an `azuredeploy.json` beside it is its template.
  const quickstart = path.basename(entry.path).toLowerCase() === 'main.bicep' && !('text' in state.ctx.readText(path.join(dir, 'azuredeploy.json')));
  return parametersFileFor(entry.path, state.ctx, [entry.path.replace(/\.bicep$/i, '.parameters.json')], quickstart ? [path.join(dir, 'azuredeploy.parameters.json')] : []);
}

/**
 * A .bicepparam file's values: its `param` expressions, evaluated as the outputs of one run of the file's
 * variables, functions and imports (each evaluated once, and problems reported in the file itself).
 */
function bicepparamValues(state: BicepState, file: string, stmts: Statement[]): Record<string, Value> {
  const context = stmts.filter((s) => s.kind === 'var' || s.kind === 'func' || s.kind === 'import');
  const values: Extract<Statement, { kind: 'output' }>[] = [];
  for (const s of stmts) if (s.kind === 'param' && s.default) values.push({ kind: 'output', name: s.name, value: s.default, line: s.line, col: s.col });
  const run = runBicepModule(state, { file, prefix: '', params: {}, depth: 0, chain: [file], importOnly: true, statements: [...context, ...values] });
  return Object.fromEntries(values.map((o) => [o.name, run.outputs(o.name)]));
}

/**
 * Entry files: those no other scanned file uses as a module; then, for files only used by each other
 * (a cycle c1 -> c2 -> c1, a file that is its own module), the first of each such group, so that the
 * cycle is reported with its line and the resources are scanned instead of vanishing.
 */
function entryFiles(state: BicepState, files: SourceFile[]): SourceFile[] {
  const bicep = files.filter((f) => f.path.endsWith('.bicep'));
  const targets = new Map<string, string[]>();
  for (const f of bicep) {
    const local = (loadBicep(state, f.path, f.text) ?? []).filter((s): s is Extract<Statement, { kind: 'module' }> => s.kind === 'module' && /^\.{0,2}[\\/]|^[^:]+\.bicep$/.test(s.path));
    targets.set(f.path, local.map((s) => path.resolve(path.dirname(f.path), s.path)));
  }
  const used = new Set([...targets.values()].flat());
  const entries = bicep.filter((f) => !used.has(f.path));
  const reached = new Set<string>();
  const reach = (file: string) => {
    const todo = [file];
    for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
      if (reached.has(f)) continue;
      reached.add(f);
      todo.push(...(targets.get(f) ?? []));
    }
  };
  for (const e of entries) reach(e.path);
  for (const f of bicep) {
    if (reached.has(f.path)) continue;
    entries.push(f);
    reach(f.path);
  }
  return entries;
}

/**
 * A reader state. Each run reports its own parse problems (a file the Bicep CLI compiled is not reported for
 * what the native parser cannot read); the parses themselves may be shared (`syntax`), so no file is parsed twice.
 */
function newState(ctx: ReaderContext, syntax: BicepState['syntax'] = new Map()): BicepState {
  return { ctx, issues: [], resources: [], parsed: new Map(), consumed: [], syntax };
}

export async function readNative(files: SourceFile[], ctx: ReaderContext, only?: Set<string>, syntax?: BicepState['syntax']): Promise<ReadResult> {
  const state = newState(ctx, syntax);
  for (const f of entryFiles(state, files)) {
    if (only && !only.has(f.path)) continue;
    // A failure in one entry (its parameters, its modules) is that entry's: reported at it, the other entries still read.
    try {
      const params = paramsFrom(state, f, files);
      runBicepModule(state, { file: f.path, prefix: '', params, depth: 0, chain: [f.path] });
    } catch (e) {
      state.issues.push({ file: f.rel, line: 1, column: 1, severity: 'error', code: 'reader-error', message: `the Bicep reader failed on this file: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  followReferences(state);
  return { resources: state.resources, issues: state.issues, consumed: state.consumed, ...(state.entryParameters ? { entryParameters: state.entryParameters } : {}) };
}

/**
 * Links made once every file is read. Registry modules' flat children go to their parents by name. And `db.id` of
 * resources whose name is only known at deployment (see unknownId in evaluate.ts) is replaced by the resource's
 * address once every file is read, as a Terraform reference is the address of the resource it names: only where no other
 * resource of its type read has that address (another entry file may declare the same symbol, a module the same
 * resource twice), else it stays unknown, as before.
 */
function followReferences(state: BicepState): void {
  if (!state.references?.size && !state.armParentLinks?.length && !state.parentsByName?.length) return;
  const alone = aloneAtAddress(state.resources);
  // Children of an `existing` parent named by another file's resource whose name is only known at deployment.
  for (const [child, name] of state.parentsByName ?? []) {
    const parent = state.namedBy?.get(name)?.();
    if (parent && alone(parent) && parent.type.toLowerCase() === parentTypeOf(child.type)) child.parent = parent.address;
  }
  // Registry modules' flat children, linked by name to their parents (see runArmModule), with the same count of addresses.
  if (state.armParentLinks?.length) applyLinks({ parents: state.armParentLinks }, alone);
  const addresses = new Map<Unknown, string>();
  for (const [id, target] of state.references ?? []) {
    const r = target();
    if (r && alone(r)) addresses.set(id, r.address);
  }
  if (addresses.size) for (const r of state.resources) r.body = replaced(r.body, addresses) as NormalisedResource['body'];
}

export const bicepReader: Reader = {
  language: 'bicep',
  async read(files: SourceFile[], ctx: ReaderContext): Promise<ReadResult> {
    if (ctx.bicep !== 'compile') return readNative(files, ctx);
    const state = newState(ctx);
    // Each entry's parameter values, chosen and read as the native reader does (a .bicepparam, the config's mapping,
    // `<name>.parameters.json`, a metadata link, the quickstart layout), go with its compiled template.
    const entries = entryFiles(state, files).map((e) => ({ ...e, parameterValues: paramsFrom(state, e, files) }));
    const compiled = await compileWithBicepCli(entries, ctx);
    const out: ReadResult = {
      resources: [...compiled.resources],
      issues: [...state.issues, ...compiled.issues],
      consumed: state.consumed,
      ...(state.entryParameters ? { entryParameters: state.entryParameters } : {}),
    };
    if (compiled.fallback.length) {
      const native = await readNative(files, ctx, new Set(compiled.fallback), state.syntax);
      out.resources.push(...native.resources);
      out.issues.push(...native.issues);
    }
    // Point compiled resources at their .bicep declaration where the native parse finds it.
    if (!compiled.resources.length) return out;
    const declared = new Map<string, NormalisedResource>();
    const nativeAll = await readNative(files, ctx, new Set(entries.map((e) => e.path).filter((p) => !compiled.fallback.includes(p))), state.syntax);
    for (const r of nativeAll.resources) if (r.name) declared.set(`${r.type.toLowerCase()}|${r.name}`, r);
    for (const r of compiled.resources) {
      const d = r.name ? declared.get(`${r.type.toLowerCase()}|${r.name}`) : undefined;
      if (d) r.source = { ...d.source };
    }
    return out;
  },
};
