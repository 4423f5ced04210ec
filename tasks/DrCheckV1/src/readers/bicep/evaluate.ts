/**
 * Evaluates Bicep files: parameters (defaults, .bicepparam, JSON parameter files), variables, resources
 * with loops, conditions, parents and nested children, local modules with their params bound, user-defined
 * functions, and compile-time imports of variables, functions and types from local .bicep files (types have
 * no runtime value: a parameter typed with one takes its default or parameters-file value as any other).
 * Bicep's operators and syntax are evaluated here; every built-in function goes to the one ARM function
 * library (`../arm/expressions`), so Bicep and ARM agree on `uniqueString`, `resourceId`, `format`, …
 */
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parentTypeOf, type CallSite, type NormalisedResource, type ScanIssue } from '../../../../../shared/model/resource';
import { carrySometimesKeys, containsUnknown, mergeProp, distinctAlternatives, markSometimesKeys, sometimesKey, eachAlternative, eitherBranch, isObject, isUnknown, mapAlternatives, partlyKnown, setProp, Unknown, withoutAlternatives, type Value } from '../../../../../shared/model/value';
import type { ReaderContext } from '../types';
import { callFunction, callLambdaFunction, environmentOf, hasFunction, lambdaPositions, makeLambda, toArmString, type Lambda } from '../arm/expressions';
import type { EvalScope } from '../arm/expressions/api';
import { findKey } from '../arm/expressions/values';
import { defaultContext } from '../arm/scope';
import { BicepSyntaxError, parseBicep, type Expr, type ResourceDecl, type Statement } from './parser';
import { bicepConfigFor, cachedTemplatePath, cachedTemplateSpecPath, isRegistryPath, isTemplateSpecPath, loadCachedModule, parseRegistryPath, parseTemplateSpecPath, type BicepConfig, type CachedModule } from './registry';
import { runArmModule, type Links } from '../arm';
import { parseResourceId } from '../../../../../shared/engine/context';
import { parseTemplateJson } from '../arm/json';
import { indexByShape, MAX_NAME_NESTING, segmentsOf, shapeKey, valueParts, type NamePart } from '../names';

export interface BicepState {
  ctx: ReaderContext;
  issues: ScanIssue[];
  resources: NormalisedResource[];
  parsed: Map<string, Statement[] | null>;
  /** Why each file that could not be read was not read, to report at every declaration naming it. */
  unreadable?: Map<string, string>;
  consumed: string[];
  /** The parameters file each entry was read with (see ReadResult.entryParameters). */
  entryParameters?: Array<[string, string]>;
  /**
   * What parsing each file's text gave (statements, or the syntax error), shared by the states of one read
   * (`bicep: compile` reads natively more than once): each state still reports its own problems.
   */
  syntax: Map<string, { text: string; result: Statement[] | BicepSyntaxError | RangeError }>;
  /** The bicepconfig.json that applies in each folder met (registry aliases, the module cache). */
  bicepConfigs?: Map<string, BicepConfig | { error: string; file: string }>;
  /** Registry modules' compiled templates read from the Bicep cache and parsed (or why not), by path. */
  cachedTemplates?: Map<string, CachedModule | { error: string }>;
  /**
   * `<symbol>.id` of the resources whose name is only known at deployment, each by the Unknown that stands for it: the
   * resource it is (once emitted). Replaced by that resource's address once every file is read (see index.ts).
   */
  references?: Map<Unknown, () => NormalisedResource | undefined>;
  /** The resources whose name is only known at deployment, each by the Unknown that stands for its name (`registry.name`). */
  namedBy?: Map<Unknown, () => NormalisedResource | undefined>;
  /**
   * Children declared with `parent:` an `existing` resource whose name is such an Unknown (a module given `registry.name`):
   * linked to the resource of that name once every file is read (see index.ts).
   */
  parentsByName?: Array<[NormalisedResource, Unknown]>;
  /** Flat children of registry modules (ARM templates) linked to their parents by name, applied once every file is read. */
  armParentLinks?: Links['parents'];
}

/** Parses `text` of `file`, or gives (or throws) what parsing the same text gave before. */
function parseOnce(state: BicepState, file: string, text: string): Statement[] {
  const hit = state.syntax.get(file);
  if (hit?.text === text) {
    if (hit.result instanceof Error) throw hit.result;
    return hit.result;
  }
  try {
    const stmts = parseBicep(text, state.ctx.limits.maxExpressionDepth);
    state.syntax.set(file, { text, result: stmts });
    return stmts;
  } catch (e) {
    if (e instanceof BicepSyntaxError || e instanceof RangeError) state.syntax.set(file, { text, result: e });
    throw e;
  }
}

export interface ModuleRun {
  file: string;
  /** Address prefix: `lake.` for resources of module `lake`. */
  prefix: string;
  params: Record<string, Value>;
  /** The module call's `params` when not known as a whole: each parameter is then read from it, never defaulted. */
  unknownParams?: Unknown;
  depth: number;
  chain: string[];
  subscription?: string | null;
  resourceGroup?: string | null;
  /** The file is read for what another file imports from it: its resources and modules are not emitted. */
  importOnly?: boolean;
  /** The declaration that runs it (`module lake './lake.bicep'`): where a file that cannot be read is reported. */
  from?: Referrer;
  /** The module calls that lead to it from the entry file, outermost first (see NormalisedResource.via). */
  via?: readonly CallSite[];
  /** Statements to run as the file's, instead of its own (a .bicepparam's values as outputs). */
  statements?: Statement[];
}

/** A declaration in another file that names a file to read: a module or an import. */
export interface Referrer {
  file: string;
  line: number;
  column: number;
  /** `module 'lake'`, `import`. */
  what: string;
  /** The path as written. */
  path: string;
}

/** What a run of a file gives its caller: outputs (a module), and variables, functions and types (an import). */
export interface ModuleResult {
  outputs: (name: string) => Value;
  /** The names of the file's outputs. */
  outputNames: () => string[];
  /** A variable of the file, undefined when it declares none of that name. */
  variable: (name: string) => Value | undefined;
  /** A function of the file, undefined when it declares none of that name. */
  func: (name: string) => ((args: Value[]) => Value) | undefined;
  /** Whether a type of the file admits null (`type maybe = string?`). */
  nullableType: (name: string) => boolean;
}

/** An instance of a resource declared in a run, `existing` ones too: what linkByName reads of it. */
interface Declared {
  /** Its symbol with the instance's body and name. */
  sym: SymbolInfo;
  /** The instance's loop variables. */
  env: Map<string, Value>;
  /** The instance of the resource it is written in, when it is a nested child. */
  outer?: Declared;
  /** What it emitted: none for an `existing` one. */
  resource?: NormalisedResource;
  /** What its full name is made of, computed on first use; null when that cannot be told. */
  parts?: NamePart[] | null;
}


const unreadModule: ModuleResult = { outputs: () => new Unknown('the module could not be read'), outputNames: () => [], variable: () => undefined, func: () => undefined, nullableType: () => false };

class EvalError extends Error {}
/** A declaration that depends on itself, through others or directly. */
class CycleError extends EvalError {}

/** Parses a file once (cached); syntax errors become issues with line and column. */
export function loadBicep(state: BicepState, file: string, text?: string, from?: Referrer): Statement[] | null {
  const unreadable = (error: string) => {
    // Where the file is named (each declaration naming it), not at a file that may not exist.
    if (from) state.issues.push({ file: from.file, line: from.line, column: from.column, severity: 'error', code: 'unreadable', message: `${from.what}: '${from.path}': ${error}` });
    else state.issues.push({ file: state.ctx.rel(file), line: 1, column: 1, severity: 'error', code: 'unreadable', message: error });
  };
  if (state.parsed.has(file)) {
    const cached = state.parsed.get(file)!;
    const error = state.unreadable?.get(file);
    if (cached === null && error !== undefined) unreadable(error);
    return cached;
  }
  let src = text;
  if (src === undefined) {
    const r = state.ctx.readText(file);
    if ('error' in r) {
      unreadable(r.error);
      (state.unreadable ??= new Map()).set(file, r.error);
      state.parsed.set(file, null);
      return null;
    }
    src = r.text;
    state.consumed.push(file);
  }
  try {
    const stmts = parseOnce(state, file, src);
    state.parsed.set(file, stmts);
    for (const s of stmts) {
      if (s.kind === 'skipped' && !['targetScope', 'metadata'].includes(s.what)) {
        state.issues.push({ file: state.ctx.rel(file), line: s.line, column: s.col, severity: 'warning', code: 'unsupported', message: `'${s.what}' declarations are not evaluated by the native Bicep reader (use bicep: compile for exact semantics)` });
      }
    }
    return stmts;
  } catch (e) {
    if (e instanceof BicepSyntaxError) {
      state.issues.push({ file: state.ctx.rel(file), line: e.line, column: e.column, severity: 'error', code: 'parse-error', message: `invalid Bicep: ${e.message}` });
      state.parsed.set(file, null);
      return null;
    }
    if (e instanceof RangeError) {
      state.issues.push({ file: state.ctx.rel(file), line: 1, column: 1, severity: 'error', code: 'too-deep', message: 'invalid Bicep: nested too deeply to parse' });
      state.parsed.set(file, null);
      return null;
    }
    // Anything else is a parser bug: this file's alone, never the scan's.
    state.issues.push({ file: state.ctx.rel(file), line: 1, column: 1, severity: 'error', code: 'reader-error', message: `the Bicep reader failed on this file: ${e instanceof Error ? e.message : String(e)}` });
    state.parsed.set(file, null);
    return null;
  }
}

interface SymbolInfo {
  type: string;
  apiVersion?: string;
  name: Value;
  decl: ResourceDecl;
  /** Declared top-level values (location, sku, kind…), evaluated on demand. */
  body?: Expr;
  /** The resource this one is nested in (`resource kv … { resource key … }`), whose name prefixes its own. */
  outer?: SymbolInfo;
  /**
   * Its `name` as written, without the parent's (`myhc` of `myns/myhc`): what `child.name` reads in Bicep, for a nested
   * child or one declared with `parent:`. `name` is the full name, the ARM name and what the id is made of.
   */
  ownName?: Value;
}

/**
 * Where an exception that is no evaluation error (a reader bug, a file the system fails to read) was first met: the file
 * and the declaration being evaluated, innermost first, so the run that gives up on it reports it there.
 */
const failedAt = new WeakMap<object, { file: string; line: number; column: number }>();

/** Records where `err` was met, unless a declaration inside this one already did. */
function locate(err: unknown, file: string, at: { line: number; col: number }): void {
  if (typeof err === 'object' && err !== null && !failedAt.has(err)) failedAt.set(err, { file, line: at.line, column: at.col });
}

/**
 * Runs a file (see evaluateModule). Whatever escapes the run is that file's failure alone: reported as an error at the
 * declaration being evaluated (or the file's first line), the resources read before it kept, the file's outputs unknown;
 * the caller, and every other file of the scan, go on.
 */
export function runBicepModule(state: BicepState, run: ModuleRun): ModuleResult {
  try {
    return evaluateModule(state, run);
  } catch (err) {
    const where = (typeof err === 'object' && err !== null && failedAt.get(err)) || { file: state.ctx.rel(run.file), line: 1, column: 1 };
    const message = err instanceof Error ? err.message : String(err);
    state.issues.push({ ...where, severity: 'error', code: 'reader-error', message: `the Bicep reader failed on this file: ${message}; what follows is not scanned` });
    return unreadModule;
  }
}

function evaluateModule(state: BicepState, run: ModuleRun): ModuleResult {
  const stmts = run.statements ?? loadBicep(state, run.file, undefined, run.from);
  if (!stmts) return unreadModule;
  const rel = state.ctx.rel(run.file);
  /** Parameters, evaluated on demand: a default may use a parameter declared further down (Bicep reads declarations in any order). */
  const paramDecls = new Map<string, Extract<Statement, { kind: 'param' }>>();
  const paramValues = new Map<string, Value>();
  /** What is being evaluated, in order (`parameter 'a'`, `variable 'b'`), to name a cycle by its path. */
  const evaluating: string[] = [];
  const varDecls = new Map<string, Extract<Statement, { kind: 'var' }>>();
  const varValues = new Map<string, Value>();
  const symbols = new Map<string, SymbolInfo>();
  /** Local module declarations, run on demand (a module's params may read the outputs of one declared after it). */
  const moduleDecls = new Map<string, Extract<Statement, { kind: 'module' }>>();
  /** Module runs: the result of a single instance, null for a loop, one not followed or one that failed. */
  const modules = new Map<string, ModuleResult | null>();
  const declInfo = new Map<ResourceDecl, SymbolInfo>();
  /** The id of each resource whose name is only known at deployment (see unknownId). */
  const ids = new Map<SymbolInfo, Unknown>();
  /** Each instance of each resource declared in this run, `existing` ones too, in order: what linkByName and ids read. */
  const declaredBy = new Map<ResourceDecl, Declared[]>();
  /** The resource a declaration emitted (the last, for one emitted several times: a child of a loop's instances). */
  const lastEmitted = (decl: ResourceDecl): NormalisedResource | undefined => {
    const instances = declaredBy.get(decl) ?? [];
    for (let i = instances.length - 1; i >= 0; i--) if (instances[i].resource) return instances[i].resource;
    return undefined;
  };
  const outputs = new Map<string, Expr>();
  const funcs = new Map<string, Extract<Statement, { kind: 'func' }>>();
  const types = new Map<string, boolean>();
  /** `import { name as alias } from 'from'`: alias → where it comes from; `import * as ns from 'from'`: ns → from. */
  const imports = new Map<string, { from: string; name: string }>();
  const namespaces = new Map<string, string>();
  const importRuns = new Map<string, ModuleResult | Unknown>();

  const sub = run.subscription;
  const rg = run.resourceGroup;
  const location = state.ctx.locationFor?.(run.file);
  const rgLocation = location ?? new Unknown('resourceGroup().location is only known at deployment time');
  const context = defaultContext({
    environment: environmentOf(state.ctx.cloud),
    ...(sub ? { subscription: { subscriptionId: sub, id: `/subscriptions/${sub}` } } : {}),
    ...(rg || location
      ? { resourceGroup: { name: rg ?? new Unknown('resourceGroup().name is only known at deployment time'), id: new Unknown('resourceGroup().id is only known at deployment time'), location: rgLocation } }
      : {}),
  });
  const armScope: EvalScope = { parameter: () => undefined, variable: () => undefined, copyIndex: () => new Unknown('copyIndex() is not Bicep'), context, limits: state.ctx.limits };

  type Env = Map<string, Value>;
  const issue = (line: number, col: number, message: string, code: string, severity: 'error' | 'warning' = 'error') => state.issues.push({ file: rel, line, column: col, severity, code, message });

  // One budget of evaluation steps for the whole module run (lambdas and loops included), as for Terraform:
  // nested map(range(…)) bombs fail with an error instead of running for minutes.
  const maxSteps = state.ctx.limits.maxEvaluationSteps;
  let stepsLeft = maxSteps;

  function ev(e: Expr, env: Env, depth = 0): Value {
    const v = evalExpr(e, env, depth);
    // The alternatives an Unknown can be stay only while it is handed on unchanged (a reference, a branch, a property,
    // `??`, the `any()` type cast): anything computed from it (`'${x}-a'`, `x == 'a'`) is none of them.
    // An object with an unknown spread is the exception: its alternatives are the objects each of the spread's makes.
    if (!(v instanceof Unknown) || e.k === 'id' || e.k === 'cond' || e.k === 'member' || e.k === 'index' || e.k === 'obj' || (e.k === 'bin' && e.op === '??') || isAnyCast(e)) return v;
    if (v.oneOf) return withoutAlternatives(v);
    // Nor is a value computed from a resource's id (`'${db.id}/providers/…'`, `toLower(db.id)`) that resource's id.
    return state.references?.has(v) ? new Unknown(v.reason, v.expression) : v;
  }

  function evalExpr(e: Expr, env: Env, depth: number): Value {
    if (depth > 200) throw new EvalError('expression too deep to evaluate');
    if (--stepsLeft < 0) throw new EvalError(`more than ${maxSteps} evaluation steps in this file: a runaway expansion? Not evaluated`);
    const go = (x: Expr) => ev(x, env, depth + 1);
    switch (e.k) {
      case 'lit':
        return e.v;
      case 'str': {
        let out = '';
        for (const p of e.parts) {
          if (typeof p === 'string') out += p;
          else {
            const v = go(p);
            if (isUnknown(v)) return v;
            out += toArmString(v);
          }
        }
        return out;
      }
      case 'id': {
        if (env.has(e.name)) return env.get(e.name)!;
        if (paramDecls.has(e.name)) return param(e.name);
        if (varDecls.has(e.name)) return variable(e.name);
        const imp = imports.get(e.name);
        if (imp) return importedVariable(imp.from, imp.name);
        const sym = symbols.get(e.name);
        if (sym) return resourceObject(sym, env);
        if (moduleDecls.has(e.name)) {
          const mod = moduleOf(e.name, e.name);
          return isUnknown(mod) ? mod : { outputs: outputsObject(mod) };
        }
        throw new EvalError(`'${e.name}' is not declared`);
      }
      case 'member': {
        // `mod.outputs.name`: that one output, evaluated in the module's run.
        if (e.obj.k === 'member' && e.obj.name === 'outputs' && e.obj.obj.k === 'id' && !env.has(e.obj.obj.name) && moduleDecls.has(e.obj.obj.name)) {
          const mod = moduleOf(e.obj.obj.name, `${e.obj.obj.name}.outputs.${e.name}`);
          if (isUnknown(mod)) return mod;
          if (mod !== unreadModule && !mod.outputNames().includes(e.name)) throw new EvalError(`module '${e.obj.obj.name}' has no output '${e.name}'`);
          return mod.outputs(e.name);
        }
        if (e.obj.k === 'id' && !env.has(e.obj.name) && moduleDecls.has(e.obj.name) && e.name === 'outputs') {
          const mod = moduleOf(e.obj.name, `${e.obj.name}.outputs`);
          return isUnknown(mod) ? mod : outputsObject(mod);
        }
        const ns = e.obj.k === 'id' && !env.has(e.obj.name) ? namespaces.get(e.obj.name) : undefined;
        if (ns !== undefined) return importedVariable(ns, e.name);
        const obj = go(e.obj);
        // A key a partly known object is known to hold (`{ ...common, name: 'x' }.name`).
        const knownKey = isUnknown(obj) && obj.known ? findKey(obj.known, e.name) : undefined;
        if (knownKey !== undefined) return (obj as Unknown).known![knownKey];
        // One of several objects (`(geo ? { sku: 'GRS' } : { sku: 'LRS' }).sku`): the property is one of theirs.
        if (isUnknown(obj)) return obj.oneOf?.every((a) => isObject(a) || (a === null && e.safe)) ? eachAlternative(obj, (a) => (isObject(a) ? propertyOf(a, e.name) : null)) : withoutAlternatives(obj);
        if (obj === null) return null;
        if (isObject(obj)) return propertyOf(obj, e.name);
        if (Array.isArray(obj) && e.name === 'length') return obj.length;
        if (e.safe) return null;
        throw new EvalError(`cannot read '${e.name}' of ${JSON.stringify(obj)}`);
      }
      case 'index': {
        // One instance of a resource loop (`vms[1].id`): that instance, named for its item when the collection and
        // the index are known; else the symbol, whose name is per instance (unknown here).
        if (e.obj.k === 'id' && !env.has(e.obj.name) && symbols.get(e.obj.name)?.decl.body.k === 'for' && !paramDecls.has(e.obj.name) && !varDecls.has(e.obj.name)) {
          const i = go(e.index);
          return (typeof i === 'number' && loopInstance(symbols.get(e.obj.name)!, i)) || go(e.obj);
        }
        const obj = go(e.obj);
        const i = go(e.index);
        if (isUnknown(i)) {
          // One of a few keys (`skus[environment]` with `@allowed`), each one the object or array holds: one of their values.
          const holds = (k: Value) => (Array.isArray(obj) ? typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < obj.length : isObject(obj) && typeof k === 'string' && findKey(obj, k) !== undefined);
          if (!isUnknown(obj) && i.oneOf?.length && i.oneOf.every(holds)) return eachAlternative(i, (k) => (Array.isArray(obj) ? obj[k as number] : propertyOf(obj as { [k: string]: Value }, k as string)));
          return isUnknown(obj) ? withoutAlternatives(obj) : withoutAlternatives(i);
        }
        const knownIndex = isUnknown(obj) && obj.known && typeof i === 'string' ? findKey(obj.known, i) : undefined;
        if (knownIndex !== undefined) return (obj as Unknown).known![knownIndex];
        // One of several arrays or objects, indexed with a known key: one of their elements.
        if (isUnknown(obj)) {
          const indexable = (a: Value) => (Array.isArray(a) && typeof i === 'number') || (isObject(a) && typeof i === 'string');
          return obj.oneOf?.every(indexable) ? eachAlternative(obj, (a) => (Array.isArray(a) ? (a[i as number] ?? null) : propertyOf(a as { [k: string]: Value }, i as string))) : withoutAlternatives(obj);
        }
        if (Array.isArray(obj) && typeof i === 'number') return obj[i] ?? null;
        if (isObject(obj) && typeof i === 'string') return propertyOf(obj, i);
        if (e.safe) return null;
        throw new EvalError(`cannot index ${JSON.stringify(obj)} with ${JSON.stringify(i)}`);
      }
      case 'call':
        return call(e, env, depth);
      case 'mcall': {
        const ns = e.obj.k === 'id' && !env.has(e.obj.name) ? namespaces.get(e.obj.name) : undefined;
        if (ns !== undefined) return callImported(ns, e.name, e.args.map(go));
        return new Unknown(`${e.name}() is only known at deployment time`);
      }
      case 'un': {
        const x = go(e.x);
        if (isUnknown(x)) return x;
        return e.op === '!' ? !x : -Number(x);
      }
      case 'bin': {
        if (e.op === '&&' || e.op === '||') {
          const a = go(e.a);
          if (a === (e.op === '||')) return a;
          const b = go(e.b);
          if (isUnknown(a)) return b === (e.op === '||') ? b : a;
          return b;
        }
        if (e.op === '??') {
          const a = go(e.a);
          // An unknown that can be null is, when null, the right side: its null alternative is that value instead.
          if (a instanceof Unknown && a.oneOf?.includes(null)) {
            const b = go(e.b);
            return mapAlternatives(a, (alt) => (alt === null ? b : alt));
          }
          return a === null ? go(e.b) : a;
        }
        const a = go(e.a);
        const b = go(e.b);
        if (isUnknown(a)) return a;
        if (isUnknown(b)) return b;
        switch (e.op) {
          case '==':
            return JSON.stringify(a) === JSON.stringify(b);
          case '!=':
            return JSON.stringify(a) !== JSON.stringify(b);
          case '=~':
            return String(a).toLowerCase() === String(b).toLowerCase();
          case '!~':
            return String(a).toLowerCase() !== String(b).toLowerCase();
          case '<':
            return (a as number) < (b as number);
          case '>':
            return (a as number) > (b as number);
          case '<=':
            return (a as number) <= (b as number);
          case '>=':
            return (a as number) >= (b as number);
          case '+':
            return Number(a) + Number(b);
          case '-':
            return Number(a) - Number(b);
          case '*':
            return Number(a) * Number(b);
          case '/':
            return Math.trunc(Number(a) / Number(b));
          case '%':
            return Number(a) % Number(b);
        }
        throw new EvalError(`unknown operator ${e.op}`);
      }
      case 'cond': {
        const c = go(e.c);
        if (isUnknown(c)) {
          return eitherBranch(c, go(e.a), go(e.b));
        }
        return go(c ? e.a : e.b);
      }
      case 'arr': {
        const out: Value[] = [];
        for (const item of e.items) {
          if (item.k !== 'spread') {
            out.push(go(item));
            continue;
          }
          const v = go(item.x);
          if (isUnknown(v)) return v;
          if (!Array.isArray(v)) throw new EvalError(`'...' in an array needs an array, not ${JSON.stringify(v)}`);
          out.push(...v);
        }
        return out;
      }
      case 'spread':
        throw new EvalError("'...' can only be used inside an array or an object");
      case 'obj': {
        // Each property in order, then merged: a spread may give any key, so it is only merged once its value is known.
        const parts: Part[] = [];
        let unknownSpread: Unknown | undefined;
        let unknownSpreads = 0;
        let afterUnknown = 0;
        let eithers = 0;
        for (const p of e.props) {
          if (p.spread) {
            // `...(cond ? { … } : { … })` with the condition unknown: both objects kept, even when they hold values only
            // known at deployment (then the conditional's value is simply unknown), for the keys they do not set.
            let v: Value;
            let either: Either | undefined;
            if (p.value.k === 'cond') {
              const c = go(p.value.c);
              if (!isUnknown(c)) v = go(c ? p.value.a : p.value.b);
              else {
                const a = go(p.value.a);
                const b = go(p.value.b);
                v = eitherBranch(c, a, b);
                if (isUnknown(v) && isObject(a) && isObject(b)) either = { cond: c, a, b };
              }
            } else v = go(p.value);
            if (isUnknown(v)) {
              unknownSpread ??= v;
              unknownSpreads++;
              if (either) eithers++;
              afterUnknown = parts.length + 1;
            } else if (!isObject(v)) throw new EvalError(`'...' in an object needs an object, not ${JSON.stringify(v)}`);
            parts.push(either ? { spread: v, either } : { spread: v });
            continue;
          }
          const key = p.keyExpr ? go(p.keyExpr) : p.key;
          if (isUnknown(key)) return withoutAlternatives(key);
          parts.push({ key: typeof key === 'string' ? key : toArmString(key), value: go(p.value) });
        }
        if (!unknownSpread) return merged(parts, null);
        // `...(cond ? { a } : { b })` with the condition unknown: the object is one of those each alternative makes.
        if (unknownSpreads === 1 && unknownSpread.oneOf) return mapAlternatives(unknownSpread, (alt) => merged(parts, alt));
        // Only conditionals' objects, one holding what is only known at deployment or several conditionals (AVM's
        // `...(!empty(subnetId) ? { virtualNetworkRules: [{ id: subnetId }] } : {})`): an object, known but for the keys
        // they set differently (see mergedEither).
        if (eithers === unknownSpreads) return mergedEither(parts);
        // `{ ...common, sku: 'Standard_LRS' }`: unknown, but what is written after the last unknown spread is known.
        return partlyKnown(unknownSpread, merged(parts.slice(afterUnknown), null) as { [k: string]: Value });
      }
      case 'for': {
        const coll = go(e.coll);
        if (isUnknown(coll)) return coll;
        if (!Array.isArray(coll)) throw new EvalError('a for loop needs an array');
        const out: Value[] = [];
        coll.forEach((item, i) => {
          const inner = new Map(env);
          inner.set(e.item, item);
          if (e.index) inner.set(e.index, i);
          if (e.body.k === 'if') {
            const c = ev(e.body.cond, inner, depth + 1);
            if (c === false) return;
            out.push(ev(e.body.body, inner, depth + 1));
          } else out.push(ev(e.body, inner, depth + 1));
        });
        return out;
      }
      case 'if':
        return go(e.body);
      case 'lambda':
        throw new EvalError('a lambda can only be an argument of filter, map, reduce, sort, toObject, groupBy or mapValues');
    }
  }

  /** A Bicep `x => …` lambda as a callable for the shared lambda functions (filter, map, reduce, sort, toObject, groupBy, mapValues). */
  function lambda(e: Expr, env: Env, depth: number): Lambda {
    if (e.k !== 'lambda') throw new EvalError('expected a lambda');
    return makeLambda((...args) => {
      const inner = new Map(env);
      e.params.forEach((p, i) => inner.set(p, args[i] ?? null));
      return ev(e.body, inner, depth + 1);
    }, e.params.length);
  }

  function call(e: Extract<Expr, { k: 'call' }>, env: Env, depth: number): Value {
    if (!e.ns && funcs.has(e.name)) return callLocal(e.name, e.args.map((a) => ev(a, env, depth + 1)), depth);
    const imp = !e.ns ? imports.get(e.name) : undefined;
    if (imp) return callImported(imp.from, imp.name, e.args.map((a) => ev(a, env, depth + 1)));
    const name = e.name.toLowerCase();
    const lambdas = lambdaPositions(name);
    if (lambdas) {
      const args = e.args.map((a, i) => (lambdas.includes(i) ? lambda(a, env, depth) : ev(a, env, depth + 1)));
      try {
        return callLambdaFunction(name, args, armScope);
      } catch (err) {
        if (err instanceof EvalError) throw err;
        throw new EvalError(`${e.name}(): ${(err as Error).message}`);
      }
    }
    const args = e.args.map((a) => ev(a, env, depth + 1));
    // fail('message'): the deployment stops there; only known to be reached at deployment time.
    if (name === 'fail' && (!e.ns || e.ns === 'sys')) return new Unknown(`the deployment fails here when reached: ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(', ')}`);
    // any(x): a type cast in Bicep, x itself at deployment.
    if (isAnyCast(e)) {
      if (args.length !== 1) throw new EvalError(`any() takes 1 argument, not ${args.length}`);
      return args[0];
    }
    if (name.startsWith('load') && name.endsWith('content') || name === 'loadfileasbase64') {
      const p = args[0];
      if (typeof p !== 'string') return new Unknown(`${e.name}() needs a literal path`);
      const target = state.ctx.confine(path.resolve(path.dirname(run.file), p));
      if (!target) {
        const line = e.line ?? 0;
        const col = e.col ?? 0;
        const message = `${e.name}('${p}'): the file is outside the scanned folder, its Git repository and the config's folder; not read`;
        if (!state.issues.some((i) => i.file === rel && i.line === line && i.column === col && i.code === 'load-outside')) issue(line, col, message, 'load-outside', 'warning');
        return new Unknown(message);
      }
      const r = state.ctx.readText(target);
      if ('error' in r) throw new EvalError(`${e.name}('${p}'): ${r.error}`);
      if (name === 'loadjsoncontent' || name === 'loadyamlcontent') {
        const called = `${e.name}(${args.slice(0, 2).map((a) => (typeof a === 'string' ? `'${a}'` : '…')).join(', ')})`;
        const content = loadedContent(name === 'loadyamlcontent' ? 'YAML' : 'JSON', r.text, state.ctx.rel(target), state.ctx.limits.maxNestingDepth);
        if (typeof content === 'string') throw new EvalError(`${called}: ${content}`);
        if (args.length < 2 || args[1] === null) return content.value;
        const at = args[1];
        if (typeof at !== 'string') return isUnknown(at) ? at : new Unknown(`${called}: the JSONPath is not a string`);
        const selected = selectJsonPath(content.value, at);
        if (selected === undefined) return new Unknown(`${called}: JSONPath '${at}' is not one the native Bicep reader follows (use bicep: compile)`);
        if (selected.length === 0) throw new EvalError(`${called}: nothing in '${state.ctx.rel(target)}' at JSONPath '${at}'`);
        return selected.length === 1 ? selected[0] : selected;
      }
      if (name === 'loadfileasbase64') return Buffer.from(r.text).toString('base64');
      return r.text;
    }
    if (!hasFunction(name)) throw new EvalError(`unknown function '${e.name}'`);
    const u = args.find(isUnknown);
    if (u && !['createarray', 'createobject', 'array', 'coalesce', 'union'].includes(name)) return u;
    try {
      // union(common, { sku: 'Standard_LRS' }) with `common` unknown: what the objects after it set is known.
      let last = -1;
      if (name === 'union' && (!e.ns || e.ns === 'sys')) for (let i = 0; i < args.length; i++) if (isUnknown(args[i])) last = i;
      if (last >= 0 && args.every((a) => isUnknown(a) || isObject(a))) {
        const after = args.slice(last + 1);
        return partlyKnown(args[last] as Unknown, after.length ? (callFunction('union', after, armScope) as { [k: string]: Value }) : {});
      }
      return callFunction(name, args, armScope);
    } catch (err) {
      throw new EvalError(`${e.name}(): ${(err as Error).message}`);
    }
  }

  /** A user-defined function of this file: its body evaluated with only its parameters bound (as in Bicep). */
  function callLocal(name: string, args: Value[], depth: number): Value {
    const f = funcs.get(name)!;
    if (args.length !== f.params.length) throw new EvalError(`${name}() takes ${f.params.length} argument(s), not ${args.length}`);
    return ev(f.body, new Map(f.params.map((p, i) => [p, args[i]])), depth + 1);
  }

  /** The file a compile-time import reads from, run for its exports (once per importing run); Unknown when it is not followed. */
  function importRun(from: string): ModuleResult | Unknown {
    const cached = importRuns.get(from);
    if (cached) return cached;
    let result: ModuleResult | Unknown;
    const target = path.resolve(path.dirname(run.file), from);
    if (/^(br|ts)[:/]/.test(from) || !/\.bicep$/i.test(from)) result = new Unknown(`'${from}' is a registry, template-spec or JSON import, not followed by the native reader`);
    else if (run.chain.includes(target)) result = new Unknown(`import cycle: ${[...run.chain, target].map((f) => state.ctx.rel(f)).join(' → ')}`);
    else if (run.depth + 1 > state.ctx.limits.maxModuleDepth) result = new Unknown(`imports nested deeper than ${state.ctx.limits.maxModuleDepth}`);
    else {
      // A file it cannot read is reported at the first import naming it.
      const site = stmts!.find((s) => s.kind === 'import' && s.from === from)!;
      const referrer = { file: rel, line: site.line, column: site.col, what: 'import', path: from };
      result = runBicepModule(state, { file: target, prefix: run.prefix, params: {}, depth: run.depth + 1, chain: [...run.chain, target], importOnly: true, from: referrer });
      // Reported once, at the import: what it would give is unknown, not a second error at each use.
      if (result === unreadModule) result = new Unknown(`'${from}', which cannot be read`);
    }
    importRuns.set(from, result);
    return result;
  }

  function importedVariable(from: string, name: string): Value {
    const src = importRun(from);
    if (isUnknown(src)) return new Unknown(`'${name}' is imported from ${src.reason}`, name);
    const v = src.variable(name);
    if (v === undefined) throw new EvalError(`'${name}' is not a variable of '${from}'`);
    return v;
  }

  function callImported(from: string, name: string, args: Value[]): Value {
    const src = importRun(from);
    if (isUnknown(src)) return new Unknown(`${name}() is imported from ${src.reason}`, `${name}()`);
    const f = src.func(name);
    if (!f) throw new EvalError(`'${name}' is not a function of '${from}'`);
    return f(args);
  }

  /** Whether a declared or imported type admits null, so that a parameter of that type nobody sets is null. */
  function nullableType(name: string): boolean {
    if (types.has(name)) return types.get(name)!;
    const imp = imports.get(name);
    const src = imp ? importRun(imp.from) : undefined;
    return !!src && !isUnknown(src) && src.nullableType(imp!.name);
  }

  /** Enters the evaluation of `what`, or throws naming the cycle (`parameter 'a' → parameter 'b' → parameter 'a'`). */
  function enter(what: string): void {
    const i = evaluating.indexOf(what);
    if (i >= 0) throw new CycleError(`${what} is part of a cycle: ${[...evaluating.slice(i), what].join(' → ')}`);
    evaluating.push(what);
  }

  function variable(name: string): Value {
    if (varValues.has(name)) return varValues.get(name)!;
    const what = `variable '${name}'`;
    enter(what);
    try {
      const decl = varDecls.get(name)!;
      const v = safe(decl.value, new Map(), what, decl);
      varValues.set(name, v);
      return v;
    } finally {
      evaluating.pop();
    }
  }

  /** A parameter's value: from the caller or parameters file, else its default (evaluated once), else null or unknown. */
  function param(name: string): Value {
    if (paramValues.has(name)) return paramValues.get(name)!;
    const s = paramDecls.get(name)!;
    let v: Value;
    // The caller's value (own keys only: a parameter named `constructor` is not Object's); when the caller's params
    // object is not known as a whole, its value there (never the default, which the caller may have overridden).
    const given = Object.hasOwn(run.params, s.name) ? run.params[s.name] : run.unknownParams ? unknownParam(run.unknownParams, s.name) : undefined;
    // A caller's null counts as not set when there is a default, as in ARM (AVM passes `x.?optional` through).
    if (given !== undefined && !(given === null && s.default)) v = given;
    else if (s.default) {
      const what = `parameter '${s.name}'`;
      enter(what);
      try {
        v = safe(s.default, new Map(), what, s);
      } finally {
        evaluating.pop();
      }
    }
    // A nullable parameter nobody sets is null, as in Bicep (AVM's optional `lock`, `roleAssignments`, …).
    else if (s.nullable || (s.typeName && nullableType(s.typeName))) v = null;
    else {
      // Given no value, it is still one of its `@allowed` values.
      const allowed = s.allowed ? safe(s.allowed, new Map(), `parameter '${s.name}'`, s) : undefined;
      v = new Unknown(`parameter '${s.name}' has no default and no value in a parameters file`, s.name, Array.isArray(allowed) ? distinctAlternatives(allowed) : undefined);
    }
    paramValues.set(name, v);
    return v;
  }

  /** Evaluates, turning evaluation errors into an Unknown (the caller reports where). */
  function safe(e: Expr, env: Env, what: string, at?: { line: number; col: number }): Value {
    try {
      return ev(e, env);
    } catch (err) {
      // A cycle is reported once, by the declaration that closes it (the one being evaluated when it is found).
      if (err instanceof CycleError && !what.startsWith(evaluating[evaluating.length - 1] ?? '\0')) throw err;
      if (!(err instanceof EvalError) && !(err instanceof RangeError)) {
        if (at) locate(err, rel, at);
        throw err;
      }
      const msg = err instanceof RangeError ? 'expression too deep to evaluate' : (err as Error).message;
      if (at) issue(at.line, at.col, `${what}: ${msg}`, 'expression-error');
      return new Unknown(`${what} cannot be evaluated: ${msg}`);
    }
  }
  /**
   * A spread `...(cond ? a : b)` whose condition is unknown and whose two objects hold values only known at deployment:
   * its value (unknown) and the two objects, for mergedEither. Undefined for any other spread, evaluated as usual.
   */
  function conditionalObjects(e: Expr, env: Env, what: string, at: { line: number; col: number }): { value: Value; either?: Either } | undefined {
    if (e.k !== 'cond') return undefined;
    const c = safe(e.c, env, what, at);
    // A known condition: the spread as usual (a problem in the condition is reported once: issues are deduplicated).
    if (!isUnknown(c)) return undefined;
    const a = safe(e.a, env, what, at);
    const b = safe(e.b, env, what, at);
    const value = eitherBranch(c, a, b);
    // Objects whose values are all known make an Unknown that is one of them, judged as such already.
    return isUnknown(value) && !value.oneOf && isObject(a) && isObject(b) ? { value, either: { cond: c, a, b } } : { value };
  }


  /**
   * Instance `i` of a top-level resource loop (`[for name in names: { … }]`): the resource object of that instance, its
   * name and body read with the loop's item and index. Undefined when the collection is not known statically or has no
   * such element. A filtered loop (`[for n in names: if (…) { … }]`) is indexed as ARM's copy loop is, by its item
   * whatever the filter says: an instance the filter leaves out still has an id (it is just not deployed).
   */
  function loopInstance(sym: SymbolInfo, i: number): Value | undefined {
    const loop = sym.decl.body;
    if (loop.k !== 'for' || sym.outer || !Number.isInteger(i) || i < 0) return undefined;
    const coll = safe(loop.coll, new Map(), `'${sym.decl.sym}' loop`);
    if (!Array.isArray(coll) || i >= coll.length) return undefined;
    const env: Env = new Map([[loop.item, coll[i]]]);
    if (loop.index) env.set(loop.index, i);
    const instance: SymbolInfo = { ...sym, name: null, ownName: undefined };
    resolveName(instance, env);
    // Only a name with one segment per level of its type makes an id.
    if (typeof instance.name !== 'string' || instance.name.split('/').length !== sym.type.split('/').length - 1) return undefined;
    return resourceObject(instance, env);
  }

  function resourceObject(sym: SymbolInfo, env: Env): Value {
    const name = sym.name;
    const idParts = sym.type.split('/');
    const id = isUnknown(name) ? unknownId(sym, name) : typeof name === 'string' ? callFunction('resourceId', [sym.type, ...name.split('/').slice(0, idParts.length - 1)], armScope) : null;
    const declared = sym.body?.k === 'obj' ? sym.body.props : [];
    // The value a reference reads (`primary.sku`) is the body's, merged as the body is: from the last property or
    // spread that sets it, looking back from the end. A conditional's two objects (`...(!empty(zones) ? { zones } :
    // {})`) that do not set it are passed over; one that does gives each branch's value, or what comes before it.
    const before = (k: string, end: number): Value => {
      const what = `${sym.decl.sym}.${k}`;
      for (let i = end - 1; i >= 0; i--) {
        const d = declared[i];
        if (!d.spread) {
          if (d.key.toLowerCase() === k) return safe(d.value, env, what);
          continue;
        }
        if (d.value.k === 'cond') {
          const c = safe(d.value.c, env, what);
          if (isUnknown(c)) {
            const a = safe(d.value.a, env, what);
            const b = safe(d.value.b, env, what);
            if (isObject(a) && isObject(b)) {
              const ka = findKey(a, k);
              const kb = findKey(b, k);
              if (ka === undefined && kb === undefined) continue;
              return eitherBranch(c, ka !== undefined ? a[ka] : before(k, i), kb !== undefined ? b[kb] : before(k, i));
            }
          }
        }
        const v = safe(d.value, env, what);
        if (isUnknown(v)) return new Unknown(`${what} may be set by a spread in its body whose value is not known statically: ${v.toString()}`);
        const key = isObject(v) ? findKey(v, k) : undefined;
        if (key !== undefined) return (v as { [k: string]: Value })[key];
      }
      return new Unknown(`${what} is not declared`);
    };
    const pick = (k: string): Value => before(k, declared.length);
    return {
      id,
      // `child.name` is the child's own name (`myhc`), as in Bicep; its id is made of the full one (`myns/myhc`).
      name: sym.ownName !== undefined ? sym.ownName : name,
      type: sym.type,
      apiVersion: sym.apiVersion ?? null,
      location: pick('location'),
      sku: pick('sku'),
      kind: pick('kind'),
      tags: pick('tags'),
      properties: new Unknown(`${sym.decl.sym}.properties is only known at deployment time`),
    };
  }

  /**
   * The id of a resource whose name is only known at deployment (`db.id`, the server named by a parameter with no
   * value): unknown, but which resource it is is known. One Unknown per resource, that index.ts replaces with the
   * resource's address (as a Terraform reference is the address of the resource it names), which the engine follows,
   * once every file is read and only where that address is the resource's alone. Not for an `existing` resource (not
   * scanned: its address is no resource's) nor a loop (its instances share the symbol), whose id stays its name's Unknown.
   */
  function unknownId(sym: SymbolInfo, name: Unknown): Unknown {
    if (sym.decl.existing || sym.decl.body.k === 'for' || run.importOnly) return name;
    let id = ids.get(sym);
    if (!id) {
      ids.set(sym, (id = new Unknown(name.reason, name.expression)));
      (state.references ??= new Map()).set(id, () => lastEmitted(sym.decl));
    }
    return id;
  }

  /** All outputs of a module run, as an object (`mod.outputs` used whole, or indexed with `['name']`). */
  function outputsObject(mod: ModuleResult): Value {
    return Object.fromEntries(mod.outputNames().map((n) => [n, mod.outputs(n)]));
  }

  // Declarations first (all symbols are visible everywhere in a Bicep file).
  for (const s of stmts) {
    if (s.kind === 'var') varDecls.set(s.name, s);
    if (s.kind === 'param') paramDecls.set(s.name, s);
    if (s.kind === 'module') moduleDecls.set(s.sym, s);
    if (s.kind === 'output') outputs.set(s.name, s.value);
    if (s.kind === 'func') funcs.set(s.name, s);
    if (s.kind === 'type') types.set(s.name, s.nullable);
    if (s.kind === 'import') {
      for (const x of s.symbols) imports.set(x.alias, { from: s.from, name: x.name });
      if (s.wildcard) namespaces.set(s.wildcard, s.from);
    }
  }
  // Every parameter, in declaration order (each one's default is evaluated when first needed, so order does not matter).
  for (const name of paramDecls.keys()) param(name);
  /**
   * Resource symbols: top-level ones by name; nested ones by their qualified name (`vault::key`, as written
   * outside their parent) and by their own name (as written inside it), unless a top-level symbol has it.
   */
  const topLevel = new Set(stmts.filter((s): s is ResourceDecl => s.kind === 'resource').map((d) => d.sym));
  const declareSymbols = (decls: ResourceDecl[], outer?: SymbolInfo, outerPath?: string) => {
    for (const d of decls) {
      // `az:Microsoft.Storage/storageAccounts@…`: the `az` namespace written out is the type Bicep compiles it to.
      const [t, apiVersion] = d.type.replace(/^az:/i, '').split('@');
      const type = outer && !t.includes('/') ? `${outer.type}/${t}` : t;
      const body = d.body.k === 'if' ? d.body.body : d.body.k === 'for' ? (d.body.body.k === 'if' ? d.body.body.body : d.body.body) : d.body;
      const info: SymbolInfo = { type, apiVersion, name: null, ownName: undefined, decl: d, body, ...(outer ? { outer } : {}) };
      const qualified = outerPath ? `${outerPath}::${d.sym}` : d.sym;
      declInfo.set(d, info);
      symbols.set(qualified, info);
      if (outer && !topLevel.has(d.sym)) symbols.set(d.sym, info);
      // And by each shorter path to it (`blob::data` of `sa::blob::data`), as written in an ancestor's body (a sibling
      // referring to it): unless a resource declared elsewhere has that path (its own qualified name wins).
      const levels = qualified.split('::');
      for (let i = 1; i < levels.length - 1; i++) {
        const shorter = levels.slice(i).join('::');
        if (!symbols.has(shorter)) symbols.set(shorter, info);
      }
      if (body.k === 'obj') declareSymbols(body.resources, info, qualified);
    }
  };
  declareSymbols(stmts.filter((s): s is ResourceDecl => s.kind === 'resource'));
  // Names, now that every symbol exists (a name may use another symbol or a variable).
  const resolveName = (sym: SymbolInfo, env: Env, parentName?: Value) => {
    const nameExpr = sym.body?.k === 'obj' ? sym.body.props.find((p) => p.key === 'name') : undefined;
    let name: Value = nameExpr ? safe(nameExpr.value, env, `${sym.decl.sym}.name`) : new Unknown(`${sym.decl.sym} has no name`);
    sym.ownName = name;
    const parentProp = sym.body?.k === 'obj' ? sym.body.props.find((p) => p.key === 'parent') : undefined;
    // One instance of a loop as the parent (`parent: servers[i]`): its full name, from its id; unknown when it cannot be told.
    if (parentName === undefined && parentProp?.value.k === 'index') {
      const instance = safe(parentProp.value, env, `${sym.decl.sym}.parent`);
      const id = isObject(instance) ? instance.id : undefined;
      parentName = (typeof id === 'string' ? parseResourceId(id)?.name : undefined) ?? new Unknown(`the parent of ${sym.decl.sym} (an instance of a loop) cannot be decided statically`);
    }
    const parent = parentName === undefined ? (parentProp && parentProp.value.k === 'id' ? symbols.get(parentProp.value.name) : sym.outer) : undefined;
    if (parent) {
      if (parent.name === null) resolveName(parent, new Map());
      parentName = parent.name;
    }
    if (parentName !== undefined && typeof name === 'string') name = typeof parentName === 'string' ? `${parentName}/${name}` : parentName;
    sym.name = name;
  };

  // Resolve every non-loop symbol's name up front, so references (`pip.id`) work in any order.
  for (const sym of symbols.values()) {
    if (sym.decl.body.k !== 'for' && sym.name === null) resolveName(sym, new Map());
    // A name only the deployment knows, handed to modules as `registry.name`: which resource it names is known.
    // Top-level types only: a child whose parent's name is unknown has that very Unknown as its name.
    if (isUnknown(sym.name) && !sym.decl.existing && sym.decl.body.k !== 'for' && !run.importOnly && sym.type.split('/').length === 2 && !state.namedBy?.has(sym.name)) {
      const decl = sym.decl;
      (state.namedBy ??= new Map()).set(sym.name, () => lastEmitted(decl));
    }
  }
  for (const sym of symbols.values()) if (sym.decl.body.k === 'for') sym.name = new Unknown(`${sym.decl.sym} is a loop: refer to one instance`);

  /**
   * Runs a local module once, when first needed (its outputs are read, or below in declaration order), so a
   * module's params may read a module declared after it. Null for a loop (no single outputs), a module that is
   * not followed, or in a file read only for its imports.
   */
  function moduleRun(sym: string): ModuleResult | null {
    if (modules.has(sym)) return modules.get(sym)!;
    const s = moduleDecls.get(sym)!;
    if (run.importOnly) return null;
    const what = `module '${s.sym}'`;
    enter(what);
    try {
      modules.set(sym, runModule(s));
    } catch (err) {
      // A cycle through the module's condition or loop (its params report their own).
      if (!(err instanceof CycleError)) {
        locate(err, rel, s);
        throw err;
      }
      issue(s.line, s.col, `${what}: ${err.message}`, 'expression-error');
      modules.set(sym, null);
    } finally {
      evaluating.pop();
    }
    return modules.get(sym)!;
  }

  /** The run of local module `name`, or, when its outputs are not known, an Unknown quoting `expression`. */
  function moduleOf(name: string, expression: string): ModuleResult | Unknown {
    return moduleRun(name) ?? new Unknown(`module '${name}' outputs are not known (a loop, or a module not followed)`, expression);
  }

  /** Where one instance of a module deploys to and with what: its `params`, and its `scope` when it names one. */
  function moduleCall(s: Extract<Statement, { kind: 'module' }>, body: Extract<Expr, { k: 'obj' }>, env: Env) {
    const at = { line: s.line, col: s.col };
    const paramsProp = body.props.find((p) => p.key === 'params');
    const input = paramsProp ? safe(paramsProp.value, env, `module '${s.sym}' params`, at) : {};
    const scopeProp = body.props.find((p) => p.key === 'scope');
    let subscription = run.subscription;
    let resourceGroup = run.resourceGroup;
    if (scopeProp && scopeProp.value.k === 'call') {
      const args = scopeProp.value.args.map((a) => safe(a, env, `module '${s.sym}' scope`));
      const n = scopeProp.value.name.toLowerCase();
      if (n === 'resourcegroup') {
        resourceGroup = typeof args[args.length - 1] === 'string' ? (args[args.length - 1] as string) : null;
        if (args.length === 2) subscription = typeof args[0] === 'string' ? (args[0] as string) : null;
      } else if (n === 'subscription') subscription = typeof args[0] === 'string' ? (args[0] as string) : null;
    }
    return { params: isObject(input) ? input : {}, ...(isUnknown(input) ? { unknownParams: input } : {}), subscription, resourceGroup };
  }

  /**
   * A registry module (`br/public:avm/res/…:<version>`) or template spec (`ts:…`): its compiled template from the local
   * Bicep cache, run with the module's params.
   */
  function runRegistryModule(s: Extract<Statement, { kind: 'module' }>): ModuleResult | null {
    const what = `module '${s.sym}'`;
    const notFollowed = (why: string) => {
      issue(s.line, s.col, `${what}: '${s.path}' ${why}; not followed (its resources are not scanned)`, 'module-not-followed', 'warning');
      return null;
    };
    const config = bicepConfigFor(run.file, state.ctx, (state.bicepConfigs ??= new Map()));
    if ('error' in config) return notFollowed(`cannot be resolved: ${config.error}`);
    const spec = isTemplateSpecPath(s.path);
    const ref = spec ? parseTemplateSpecPath(s.path, config) : parseRegistryPath(s.path, config);
    if ('error' in ref) return notFollowed(`cannot be resolved: ${ref.error}`);
    const file = 'version' in ref ? cachedTemplateSpecPath(ref, config.cacheRoot) : cachedTemplatePath(ref, config.cacheRoot);
    let read = state.cachedTemplates?.get(file);
    if (!read) (state.cachedTemplates ??= new Map()).set(file, (read = loadCachedModule(file, spec ? 'template-spec' : 'registry', config.cacheRoot, state.ctx.limits)));
    if ('error' in read) return notFollowed(read.error);
    if (run.depth + 1 > state.ctx.limits.maxModuleDepth) {
      issue(s.line, s.col, `modules nested deeper than ${state.ctx.limits.maxModuleDepth}; '${s.sym}' not followed`, 'module-depth');
      return null;
    }
    let last: ModuleResult | null = null;
    const template = read.parsed.value;
    const declared = isObject(template) && isObject(template.parameters) ? Object.keys(template.parameters) : [];
    for (const { env, body, suffix } of expand(s.body, new Map(), { line: s.line, col: s.col }, s.sym)) {
      if (body.k !== 'obj') continue;
      const call = moduleCall(s, body, env);
      const parameterValues = call.unknownParams ? unknownParams(call.unknownParams, declared) : call.params;
      const result = runArmModule(
        {
          parsed: read.parsed,
          ...(read.linked ? { linkedTemplates: read.linked } : {}),
          path: file,
          parameterValues,
          subscription: call.subscription,
          resourceGroup: call.resourceGroup,
          addressPrefix: `${run.prefix}${s.sym}${suffix}.`,
          at: { file: rel, line: s.line, column: s.col, language: 'bicep', what: `${what} (${s.path})` },
          entry: state.ctx.rel(run.chain[0]),
          ...(run.via ? { via: run.via } : {}),
          location: state.ctx.locationFor?.(run.file),
          depth: run.depth + 1,
        },
        state.ctx,
        state,
      );
      last = result ? { outputs: (n) => result.output(n), outputNames: () => result.outputNames, variable: () => undefined, func: () => undefined, nullableType: () => false } : null;
    }
    return s.body.k !== 'for' ? last : null;
  }

  function runModule(s: Extract<Statement, { kind: 'module' }>): ModuleResult | null {
    const at = { line: s.line, col: s.col };
    if (isRegistryPath(s.path) || isTemplateSpecPath(s.path)) return runRegistryModule(s);
    if (/\.json$/i.test(s.path)) {
      issue(s.line, s.col, `module '${s.sym}': '${s.path}' is an ARM JSON template; not followed by the native Bicep reader (the ARM reader scans it as a file of its own)`, 'module-not-followed', 'warning');
      return null;
    }
    const target = path.resolve(path.dirname(run.file), s.path);
    if (run.chain.includes(target)) {
      issue(s.line, s.col, `module cycle: ${[...run.chain, target].map((f) => state.ctx.rel(f)).join(' → ')}`, 'module-cycle');
      return null;
    }
    if (run.depth + 1 > state.ctx.limits.maxModuleDepth) {
      issue(s.line, s.col, `modules nested deeper than ${state.ctx.limits.maxModuleDepth}; '${s.sym}' not followed`, 'module-depth');
      return null;
    }
    const from = { file: rel, line: s.line, column: s.col, what: `module '${s.sym}'`, path: s.path };
    const via: readonly CallSite[] = [...(run.via ?? []), { file: rel, line: s.line }];
    const instances = expand(s.body, new Map(), at, s.sym);
    let last: ModuleResult | undefined;
    for (const { env, body, suffix } of instances) {
      if (body.k !== 'obj') continue;
      const { params, unknownParams, subscription, resourceGroup } = moduleCall(s, body, env);
      last = runBicepModule(state, { file: target, prefix: `${run.prefix}${s.sym}${suffix}.`, params, ...(unknownParams ? { unknownParams } : {}), depth: run.depth + 1, chain: [...run.chain, target], subscription, resourceGroup, from, via });
    }
    return last && s.body.k !== 'for' ? last : null;
  }

  // Modules (before resources, in declaration order unless one was needed earlier).
  if (!run.importOnly) for (const s of stmts) if (s.kind === 'module') moduleRun(s.sym);

  // Resources.
  const emit = (decl: ResourceDecl, env: Env, parent: { type: string; name: Value; address: string; declared: Declared } | undefined) => {
    const sym = declInfo.get(decl)!;
    const at = { line: decl.line, col: decl.col };
    let misnamed = false;
    // An exception no evaluation error met here is this declaration's (see runBicepModule).
    function emitInstances() {
      for (const inst of expand(decl.body, env, at, decl.sym)) {
        if (inst.body.k !== 'obj') {
          issue(at.line, at.col, `resource '${decl.sym}' body is not an object`, 'invalid-resource');
          continue;
        }
        const local: SymbolInfo = { ...sym, body: inst.body };
        resolveName(local, inst.env, parent?.name);
        if (!inst.suffix) {
          sym.name = local.name;
          sym.ownName = local.ownName;
        }
        const address = `${run.prefix}${decl.sym}${inst.suffix}`;
        const instance: Declared = { sym: local, env: inst.env, ...(parent ? { outer: parent.declared } : {}) };
        const same = declaredBy.get(decl);
        if (same) same.push(instance);
        else declaredBy.set(decl, [instance]);
        if (!decl.existing) {
          // Each property evaluated on its own (an error in one is reported and leaves the others), then merged as an
          // object literal's. A body cannot be an Unknown: with a spread that is one of several objects, each property
          // that differs between them is one of its values there, all chosen together (the spread is their origin).
          // Any other spread whose value is unknown (a parameter with no value, a module output, a second such spread)
          // may set any property: it stands for an object in which each property it may set is unknown (filled in below,
          // once every key is known), so what is written before it becomes unknown and what is written after it holds.
          // A conditional's two objects holding values only known at deployment (AVM's `...(!empty(zones) ? { zones: zones }
          // : {})`) leave every other property known, as in an object literal (mergedEither), when no other unknown spread
          // is there; beside one, they stand for unknown objects like it.
          const parts: Part[] = [];
          let unknownSpread: Unknown | undefined;
          const opaque: OpaqueSpread[] = [];
          const eithers: Array<{ part: { spread: Value; either?: Either }; written?: string }> = [];
          for (const p of inst.body.props) {
            if (['name', 'parent', 'scope', 'dependsOn'].includes(p.key)) continue;
            const either = p.spread ? conditionalObjects(p.value, inst.env, `${decl.sym}.${p.key}`, at) : undefined;
            const v = either ? either.value : safe(p.value, inst.env, `${decl.sym}.${p.key}`, at);
            if (!p.spread) parts.push({ key: p.key, value: v });
            else if (either?.either) {
              const part = { spread: v, either: either.either };
              eithers.push({ part, written: writtenName(p.value) });
              parts.push(part);
            } else if (isUnknown(v)) {
              if (!unknownSpread && v.oneOf?.every(isObject)) parts.push({ spread: (unknownSpread = v) });
              else {
                const slot: { [k: string]: Value } = {};
                opaque.push({ slot, value: v, written: writtenName(p.value) });
                parts.push({ spread: slot });
              }
            } else if (isObject(v)) parts.push({ spread: v });
            else issue(at.line, at.col, `${decl.sym}: '...' in a resource body needs an object, not ${JSON.stringify(v)}`, 'expression-error');
          }
          const onlyEithers = eithers.length > 0 && !opaque.length && !unknownSpread;
          if (!onlyEithers) {
            for (const { part, written } of eithers) {
              const slot: { [k: string]: Value } = {};
              // It may set what its two objects set, nothing else (`zones`, not the SKU written before it).
              opaque.push({ slot, value: part.spread as Unknown, written, only: [...Object.keys(part.either!.a), ...Object.keys(part.either!.b)] });
              part.spread = slot;
              delete part.either;
            }
          }
          if (opaque.length) fillOpaqueSpreads(parts, opaque);
          const body = (onlyEithers ? mergedEither(parts) : merged(parts, {})) as { [k: string]: Value };
          if (unknownSpread) {
            const objects = new Map(unknownSpread.oneOf!.map((alt) => [alt, merged(parts, alt) as { [k: string]: Value }]));
            const each = [...objects.values()];
            for (const k of new Set(each.flatMap((o) => Object.keys(o)))) {
              // Own keys only: `constructor` or `toString` that one alternative lacks is missing there, not Object's.
              const own = (o: { [k: string]: Value }) => (Object.hasOwn(o, k) ? o[k] : undefined);
              const same = each.every((o) => Object.hasOwn(o, k) && JSON.stringify(o[k]) === JSON.stringify(each[0][k]));
              // Unknown in one of them (a spread whose value is unknown may set it there): that Unknown, naming the spread.
              const unknownThere = opaque.length ? each.map(own).find(isUnknown) : undefined;
              setProp(body, k, same ? each[0][k] : unknownThere ? withoutAlternatives(unknownThere) : mapAlternatives(unknownSpread, (alt) => own(objects.get(alt)!) ?? null));
            }
          }
          const parentProp = inst.body.props.find((p) => p.key === 'parent');
          // The parent's address: its symbol, or one instance of a loop (`parent: servers[i]` → `servers[0]`).
          const parentIndex = parentProp?.value.k === 'index' && parentProp.value.obj.k === 'id' ? safe(parentProp.value.index, inst.env, `${decl.sym}.parent`) : undefined;
          const parentSym = parentProp?.value.k === 'id' ? parentProp.value.name : parentProp?.value.k === 'index' && parentProp.value.obj.k === 'id' && typeof parentIndex === 'number' ? `${parentProp.value.obj.name}[${parentIndex}]` : undefined;
          // Written at the top level without `parent:`, a resource's name has one segment per level of its type
          // (`vaults/backupstorageconfig` takes `'<vault>/<config>'`): Bicep and ARM reject any other count. Not said of a
          // body with a spread, which drcheck does not hold against the rules of what a spread may set.
          if (!parent && !parentProp && typeof local.name === 'string' && !misnamed && !inst.body.props.some((p) => p.spread)) {
            const levels = sym.type.split('/').length - 1;
            const segments = local.name.split('/').length;
            if (levels >= 1 && segments !== levels) {
              // Once per declaration, not per loop instance.
              misnamed = true;
              const needs = levels === 1 ? 'one segment' : `${levels} segments ('${Array.from({ length: levels }, (_, i) => (i === levels - 1 ? 'name' : 'parent')).join('/')}') or a parent: property`;
              issue(at.line, at.col, `resource '${decl.sym}' of type ${sym.type} is named '${local.name}', ${segments} segment${segments === 1 ? '' : 's'}: its name takes ${needs}, so the deployment would fail; judged as written`, 'invalid-resource', 'warning');
            }
          }
          if (state.resources.length >= state.ctx.limits.maxResources) return;
          // An `existing` parent is declared elsewhere, not scanned here: found by its id or by what stands for its name.
          const parentInfo = !parent && parentSym && !parentSym.includes('[') ? symbols.get(parentSym) : undefined;
          const existingParent = parentInfo?.decl.existing ? parentInfo : undefined;
          const resource: NormalisedResource = {
            type: sym.type,
            ...(sym.apiVersion ? { apiVersion: sym.apiVersion } : {}),
            name: typeof local.name === 'string' ? local.name : null,
            address,
            body,
            source: { file: rel, line: decl.line, column: decl.col, language: 'bicep' },
            // A module's resources are deployed from the file that calls it (first of the chain).
            ...(run.chain.length > 1 ? { entry: state.ctx.rel(run.chain[0]) } : {}),
            ...(run.via ? { via: run.via } : {}),
            ...(parent ? { parent: parent.address } : parentSym ? { parent: (existingParent && existingParentId(existingParent)) ?? `${run.prefix}${parentSym}` } : {}),
            ...(run.subscription !== undefined ? { subscription: run.subscription } : {}),
            ...(run.resourceGroup !== undefined ? { resourceGroup: run.resourceGroup } : {}),
          };
          state.resources.push(resource);
          instance.resource = resource;
          // A parent only the deployment names is linked once every file is read (see BicepState.parentsByName).
          if (existingParent && isUnknown(existingParent.name)) (state.parentsByName ??= []).push([resource, existingParent.name]);
        }
        for (const child of inst.body.resources) emit(child, inst.env, { type: sym.type, name: local.name, address, declared: instance });
      }
    }
    try {
      emitInstances();
    } catch (err) {
      locate(err, rel, at);
      throw err;
    }
  };

  /** Expands a body: `if (cond) { }` (skipped when false), `[for …: { }]` (one instance per item). */
  function expand(body: Expr, env: Env, at: { line: number; col: number }, sym: string): Array<{ env: Env; body: Expr; suffix: string }> {
    if (body.k === 'if') {
      const c = safe(body.cond, env, `'${sym}' condition`, at);
      return c === false ? [] : [{ env, body: body.body, suffix: '' }];
    }
    if (body.k === 'for') {
      const coll = safe(body.coll, env, `'${sym}' loop`, at);
      if (!Array.isArray(coll)) {
        issue(at.line, at.col, `'${sym}': the loop collection cannot be decided statically (${isUnknown(coll) ? coll.toString() : JSON.stringify(coll)}); one instance is reported`, 'copy-unknown', 'warning');
        const inner = new Map(env);
        inner.set(body.item, new Unknown(`loop item of '${sym}' is unknown`));
        if (body.index) inner.set(body.index, new Unknown(`loop index of '${sym}' is unknown`));
        return [{ env: inner, body: body.body.k === 'if' ? body.body.body : body.body, suffix: '[?]' }];
      }
      if (coll.length > state.ctx.limits.maxLoopInstances) {
        issue(at.line, at.col, `'${sym}': the loop has ${coll.length} instances, over the limit of ${state.ctx.limits.maxLoopInstances}; not expanded`, 'copy-limit');
        return [];
      }
      const out: Array<{ env: Env; body: Expr; suffix: string }> = [];
      coll.forEach((item, i) => {
        const inner = new Map(env);
        inner.set(body.item, item);
        if (body.index) inner.set(body.index, i);
        if (body.body.k === 'if') {
          const c = safe(body.body.cond, inner, `'${sym}' condition`, at);
          if (c === false) return;
          out.push({ env: inner, body: body.body.body, suffix: `[${i}]` });
        } else out.push({ env: inner, body: body.body, suffix: `[${i}]` });
      });
      return out;
    }
    return [{ env, body, suffix: '' }];
  }

  if (!run.importOnly) for (const s of stmts) if (s.kind === 'resource') emit(s, new Map(), undefined);

  /**
   * The resource id of an `existing` parent whose name is known (a module's `resource registry … existing = { name:
   * registryName }`), by which the engine links a child to the declaration of that type and name. Undefined otherwise.
   */
  function existingParentId(info: SymbolInfo): string | undefined {
    if (typeof info.name !== 'string' || info.name.split('/').length !== info.type.split('/').length - 1) return undefined;
    const id = callFunction('resourceId', [info.type, ...info.name.split('/')], armScope);
    return typeof id === 'string' ? id : undefined;
  }

  /**
   * Linking by the structure of names: flat children (declared beside their parent, `vaults/backupstorageconfig` named
   * `'${vaultName}/vaultstorageconfig'`) whose name is only known at deployment are linked to the parent declared in this
   * file whose name is theirs without the last segment, when exactly one is (several: which one cannot be told; an
   * `existing` one is not scanned: the child stays unlinked). A child whose name is known is linked by the engine, by name.
   */
  function linkByName(): void {
    const parentType = (d: Declared) => parentTypeOf(d.sym.type);
    const declared = [...declaredBy.values()].flat();
    const orphans = declared.filter((d) => d.resource && d.resource.name === null && d.resource.parent === undefined && d.sym.type.split('/').length > 2);
    if (orphans.length === 0) return;
    const index = indexByShape(declared, (d) => d.sym.type.toLowerCase(), nameShape, new Set(orphans.map(parentType)));
    for (const child of orphans) {
      const shape = nameShape(child);
      const parents = shape && index.get(shapeKey(parentType(child), shape.slice(0, -1)));
      if (parents?.length === 1 && parents[0].resource) {
        child.resource!.parent = parents[0].resource.address;
        child.resource!.parentByName = true;
      }
    }
  }

  /** The segments of a declared resource's full name (one per level of its type), or undefined when they cannot be told. */
  function nameShape(d: Declared): string[] | undefined {
    const parts = fullName(d, 0);
    const shape = parts && segmentsOf(parts);
    return shape?.length === d.sym.type.split('/').length - 1 ? shape : undefined;
  }

  /** What a declared resource's full name is made of: its parent's name and its own, for a child written with its own only. */
  function fullName(d: Declared, depth: number): NamePart[] | undefined {
    if (d.parts === undefined) {
      // Null while it is read: a name made of itself is not read.
      d.parts = null;
      const { sym } = d;
      const nameProp = sym.body?.k === 'obj' ? sym.body.props.find((p) => p.key === 'name' && !p.spread) : undefined;
      const own = typeof sym.name === 'string' ? [sym.name.toLowerCase()] : nameProp && nameParts(nameProp.value, d.env, depth + 1);
      const parent = typeof sym.name === 'string' ? undefined : parentOf(d);
      const outer = parent && fullName(parent, depth + 1);
      d.parts = (parent === undefined ? own : parent && outer && own && [...outer, '/', ...own]) ?? null;
    }
    return d.parts ?? undefined;
  }

  /** What `d.name` is made of: its name as written, without its parent's (see SymbolInfo.ownName). */
  function ownNameParts(d: Declared, depth: number): NamePart[] | undefined {
    if (typeof d.sym.ownName === 'string') return [d.sym.ownName.toLowerCase()];
    if (parentOf(d) === undefined) return fullName(d, depth);
    const nameProp = d.sym.body?.k === 'obj' ? d.sym.body.props.find((p) => p.key === 'name' && !p.spread) : undefined;
    return nameProp && nameParts(nameProp.value, d.env, depth + 1);
  }

  /** The declaration `d` is a child of (written in it, or named by `parent:`); null when it has one that cannot be told. */
  function parentOf(d: Declared): Declared | null | undefined {
    if (d.outer) return d.outer;
    const prop = d.sym.body?.k === 'obj' ? d.sym.body.props.find((p) => p.key === 'parent' && !p.spread) : undefined;
    if (!prop) return undefined;
    const sym = prop.value.k === 'id' ? symbols.get(prop.value.name) : undefined;
    return (sym && onlyInstance(sym)) ?? null;
  }

  /** The one instance declared of a resource symbol: none for a loop or a resource not declared (a false condition). */
  function onlyInstance(sym: SymbolInfo): Declared | undefined {
    const instances = declaredBy.get(sym.decl);
    return instances?.length === 1 ? instances[0] : undefined;
  }

  /**
   * What a name expression is made of: literal text (in lower case: names compare ignoring case) and the unknown
   * expressions in it as written. Interpolations, concat(), toLower() and toUpper() are read through, and so are
   * variables (as they are written) and `vault.name` (the name `vault` is declared with).
   */
  function nameParts(e: Expr, env: Env, depth: number): NamePart[] | undefined {
    if (depth > MAX_NAME_NESTING) return undefined;
    const known = valueParts(() => ev(e, env));
    if (known !== null) return known;
    const each = (xs: ReadonlyArray<string | Expr>): NamePart[] | undefined => {
      const out: NamePart[] = [];
      for (const x of xs) {
        const p = typeof x === 'string' ? [x.toLowerCase()] : nameParts(x, env, depth + 1);
        if (!p) return undefined;
        out.push(...p);
      }
      return out;
    };
    const declaredName = (n: string) => !env.has(n) && !paramDecls.has(n) && !varDecls.has(n) && !imports.has(n);
    if (e.k === 'str') return each(e.parts);
    if (e.k === 'id' && !env.has(e.name) && !paramDecls.has(e.name) && varDecls.has(e.name)) return nameParts(varDecls.get(e.name)!.value, new Map(), depth + 1);
    if (e.k === 'member' && e.name === 'name' && !e.safe && e.obj.k === 'id' && declaredName(e.obj.name)) {
      const sym = symbols.get(e.obj.name);
      const target = sym && onlyInstance(sym);
      if (target) return ownNameParts(target, depth + 1);
    }
    if (e.k === 'call' && (!e.ns || e.ns === 'sys') && !funcs.has(e.name) && !imports.has(e.name)) {
      const fn = e.name.toLowerCase();
      if (fn === 'concat') return each(e.args);
      // A name lowered or raised is the same name to Azure.
      if ((fn === 'tolower' || fn === 'toupper') && e.args.length === 1) return nameParts(e.args[0], env, depth + 1);
    }
    // As written, when it is the same wherever it is written in the file: not a loop's item or index, nor newGuid().
    let varies = false;
    const text = JSON.stringify(e, (k, x: unknown) => {
      if (k === 'line' || k === 'col') return undefined;
      const node = x as Expr | null;
      if (node && typeof node === 'object' && ((node.k === 'id' && env.has(node.name)) || (node.k === 'call' && /^(newguid|utcnow)$/i.test(node.name)))) varies = true;
      return x;
    });
    return varies ? undefined : [{ expr: text }];
  }

  if (!run.importOnly) linkByName();

  // Each output evaluated once, however many times the caller reads it (from this run's one budget of steps).
  const outputValues = new Map<string, Value>();
  return {
    outputs: (name) => {
      if (outputValues.has(name)) return outputValues.get(name)!;
      const e = outputs.get(name);
      const v = e ? safe(e, new Map(), `output '${name}'`) : new Unknown(`output '${name}' is not declared`);
      outputValues.set(name, v);
      return v;
    },
    outputNames: () => [...outputs.keys()],
    variable: (name) => (varDecls.has(name) ? variable(name) : undefined),
    func: (name) => (funcs.has(name) ? (args: Value[]) => callLocal(name, args, 0) : undefined),
    nullableType,
  };
}

/**
 * The values of a module's parameters when its `params` object is not known as a whole (`union(common, { … })`, a
 * spread, a condition), never the module's defaults (which would judge `skuName: 'Standard_LRS'` as the default
 * GRS): with alternatives (the branches of a condition), one of the values they give (the value when they all give
 * one), or the default when none sets it; without, every parameter unknown.
 */
function unknownParams(params: Unknown, declared: string[]): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const name of declared) {
    const v = unknownParam(params, name);
    if (v !== undefined) setProp(out, name, v);
  }
  return out;
}

/** One parameter's value from a `params` object not known as a whole (see unknownParams); undefined: its default applies. */
function unknownParam(params: Unknown, name: string): Value | undefined {
  // Set after what is unknown (`union(common, { sku: … })`): that value, whatever the rest holds.
  if (params.known) {
    const key = findKey(params.known, name);
    if (key !== undefined) return params.known[key];
  }
  const alternatives = params.oneOf?.every(isObject) ? (params.oneOf as Array<{ [k: string]: Value }>) : undefined;
  if (alternatives && !alternatives.some((a) => Object.hasOwn(a, name))) return undefined;
  return eachAlternative(params, (a) => (isObject(a) && Object.hasOwn(a, name) ? a[name] : params));
}

/**
 * `obj.name` and `obj['name']` as ARM reads them: the own key written exactly (never Object's `constructor`), else one
 * in another case; null when it has none.
 */
function propertyOf(obj: { [k: string]: Value }, name: string): Value {
  const key = findKey(obj, name);
  return key !== undefined ? obj[key] : null;
}

/**
 * The value of a file loadJsonContent / loadYamlContent reads, or what is wrong with it, naming the file and where in it
 * (`'rules.json' line 3, column 5: invalid JSON: …`). JSON may hold `//` and `/* *\/` comments, as Bicep accepts.
 */
function loadedContent(kind: 'JSON' | 'YAML', text: string, rel: string, maxDepth: number): { value: Value } | string {
  if (kind === 'JSON') {
    const parsed = parseTemplateJson(text, maxDepth);
    return 'message' in parsed ? `'${rel}' line ${parsed.line}, column ${parsed.column}: ${parsed.message}` : { value: parsed.value as Value };
  }
  try {
    return { value: (parseYaml(text) ?? null) as Value };
  } catch (err) {
    const pos = (err as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    const message = (err as Error).message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return `'${rel}'${pos ? ` line ${pos.line}, column ${pos.col}` : ''}: invalid YAML: ${message}`;
  }
}

/**
 * What a JSONPath (loadJsonContent's and loadYamlContent's second argument, as Newtonsoft's SelectTokens reads it:
 * `storage`, `$.storage.skuName`, `.a.b[0]`, `['a b']`, `*`) selects in `value`: each match, in order (Bicep loads one
 * match as itself, several as an array, none is an error). Undefined for the syntax not followed here (`..`, filters,
 * slices, unions).
 */
function selectJsonPath(value: Value, jsonPath: string): Value[] | undefined {
  let rest = jsonPath.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  let current: Value[] = [value];
  const member = (name: string) => current.flatMap((v) => (isObject(v) && Object.hasOwn(v, name) ? [v[name]] : []));
  const all = () => current.flatMap((v) => (Array.isArray(v) ? v : isObject(v) ? Object.values(v) : []));
  let first = true;
  while (rest.length) {
    let m: RegExpMatchArray | null;
    if (rest.startsWith('..')) return undefined;
    if ((m = /^\.?\*/.exec(rest)) && (first || rest.startsWith('.'))) current = all();
    else if ((m = /^\[\s*\*\s*\]/.exec(rest))) current = all();
    else if ((m = /^\[\s*(\d+)\s*\]/.exec(rest))) {
      const i = Number(m[1]);
      current = current.flatMap((v) => (Array.isArray(v) && i < v.length ? [v[i]] : []));
    } else if ((m = /^\[\s*'((?:[^'\\]|\\.)*)'\s*\]/.exec(rest)) || (m = /^\[\s*"((?:[^"\\]|\\.)*)"\s*\]/.exec(rest))) current = member(m[1].replace(/\\(.)/g, '$1'));
    else if ((m = /^\.([^.[\]()\s]+)/.exec(rest)) || (first && (m = /^([^.[\]()\s$]+)/.exec(rest)))) current = member(m[1]);
    else return undefined;
    rest = rest.slice(m[0].length);
    first = false;
  }
  return current;
}

/** `any(x)`: a type cast, x itself at deployment (so its alternatives are the value's). */
function isAnyCast(e: Expr): boolean {
  return e.k === 'call' && (!e.ns || e.ns === 'sys') && e.name.toLowerCase() === 'any';
}

/**
 * An object literal's property (its key evaluated) or spread, in order; for `...(cond ? a : b)` with the condition
 * unknown and both objects, those objects (`spread` is then the conditional's value, unknown).
 */
type Part = { key: string; value: Value } | { spread: Value; either?: Either };

/** The condition of `cond ? a : b`, unknown, and its two objects. */
type Either = { cond: Unknown; a: { [k: string]: Value }; b: { [k: string]: Value } };

/**
 * The object `parts` make when each spread whose value is unknown is a conditional's two objects: each key as the
 * object each branch makes has it. The same there (written outside the conditionals, or alike in both branches): that
 * value. Else one of the two when both are known (a key a branch leaves out keeping what was written before it, or
 * null: not set), every key of one conditional lined up with its condition (its origin) so the engine takes one branch
 * for all; else unknown, for the reason the condition is. A value only known at deployment in one branch so leaves
 * every other key known, as it is in the object either branch makes.
 */
function mergedEither(parts: Part[]): { [k: string]: Value } {
  const out: { [k: string]: Value } = {};
  // Keys one branch sets and the other leaves out, with nothing written before: there in one case only.
  const sometimes = new Map<string, Unknown>();
  for (const part of parts) {
    if (!('spread' in part)) {
      mergeProp(out, part.key, part.value);
      sometimes.delete(part.key.toLowerCase());
    } else if (!part.either) {
      for (const k of Object.keys(part.spread as { [k: string]: Value })) {
        mergeProp(out, k, (part.spread as { [k: string]: Value })[k]);
        sometimes.delete(k.toLowerCase());
      }
    } else {
      const { cond, a, b } = part.either;
      const origin = new Unknown(cond.reason, cond.expression, [true, false]);
      const seen = new Set<string>();
      for (const k of [...Object.keys(a), ...Object.keys(b)]) {
        const lower = k.toLowerCase();
        if (seen.has(lower)) continue;
        seen.add(lower);
        const key = findKey(out, k);
        const before = key !== undefined ? out[key] : undefined;
        const inA = findKey(a, k);
        const inB = findKey(b, k);
        const va = inA !== undefined ? a[inA] : before;
        const vb = inB !== undefined ? b[inB] : before;
        let v: Value;
        if (va === vb || (!containsUnknown(va) && !containsUnknown(vb) && JSON.stringify(va) === JSON.stringify(vb))) v = va ?? null;
        else if (!containsUnknown(va) && !containsUnknown(vb)) v = new Unknown(cond.reason, cond.expression, [va ?? null, vb ?? null], origin);
        else v = new Unknown(cond.reason, cond.expression);
        if (before === undefined && (inA === undefined || inB === undefined)) sometimes.set(lower, new Unknown(cond.reason, cond.expression));
        else if (inA !== undefined && inB !== undefined) sometimes.delete(lower);
        mergeProp(out, k, v);
      }
    }
  }
  if (sometimes.size) markSometimesKeys(out, sometimes);
  return out;
}

/**
 * The properties of an ARM resource a spread in its body may set and a rule or a reference may read (`sku.name`,
 * `properties.…`, `zones`, `location`): each is unknown when a spread whose value is unknown may set it.
 */
const RESOURCE_PROPERTIES = ['location', 'tags', 'sku', 'kind', 'properties', 'zones', 'identity', 'plan', 'extendedLocation', 'managedBy', 'scale'];

/**
 * Fills in the objects standing for a resource body's spreads whose value is unknown (`...settings`, `settings` a
 * parameter with no value): each sets every property of a resource and every key the body has elsewhere (written,
 * or set by another spread) to an Unknown saying it may come from that spread, or to the value the spread is known to
 * set when it is partly known (`{ ...common, kind: 'StorageV2' }`). Never dropped: a body without the spread's `sku` would
 * be judged on the default SKU, when the spread may set any.
 */
function fillOpaqueSpreads(parts: Part[], opaque: OpaqueSpread[]): void {
  const keys = [...RESOURCE_PROPERTIES];
  for (const part of parts) {
    if (!('spread' in part)) keys.push(part.key);
    else if (isUnknown(part.spread)) for (const alt of part.spread.oneOf ?? []) keys.push(...(isObject(alt) ? Object.keys(alt) : []));
    else if (isObject(part.spread)) keys.push(...Object.keys(part.spread));
  }
  for (const { value } of opaque) keys.push(...Object.keys(value.known ?? {}));
  for (const { slot, value, written, only } of opaque) {
    const known = value.known ?? {};
    for (const k of only ?? keys) {
      if (findKey(slot, k) !== undefined) continue;
      const set = findKey(known, k);
      // `...settings (sku may be set by this spread, …: parameter 'settings' has no default …)`
      const unknown = written
        ? new Unknown(`${k} may be set by this spread, whose value is not known statically: ${value.reason}`, `...${written}`)
        : new Unknown(`${k} may be set by a spread in the resource body whose value is not known statically: ${value.toString()}`);
      setProp(slot, k, set !== undefined ? known[set] : unknown);
    }
  }
}

/** A resource body's spread whose value is unknown, the object standing for it and, when short, the spread as written. */
type OpaqueSpread = { slot: { [k: string]: Value }; value: Unknown; written?: string; only?: string[] };

/** A name or a chain of property reads (`settings`, `lake.outputs.settings`) as written; undefined for anything else. */
function writtenName(e: Expr): string | undefined {
  if (e.k === 'id') return e.name;
  if (e.k === 'member') {
    const obj = writtenName(e.obj);
    return obj === undefined ? undefined : `${obj}${e.safe ? '.?' : '.'}${e.name}`;
  }
  return undefined;
}

/**
 * The object `parts` make, merged in order, with `spreadValue` for the one spread whose value is unknown. Merged as ARM's
 * shallowMerge (which Bicep compiles a spread to): a key in another case replaces the value, keeping the first one's case.
 */
function merged(parts: Part[], spreadValue: Value): Value {
  const out: { [k: string]: Value } = {};
  let sources: Value[] | undefined;
  for (const part of parts) {
    if (!('spread' in part)) {
      mergeProp(out, part.key, part.value);
      sources?.push({ [part.key]: null });
    } else {
      const v = isUnknown(part.spread) ? spreadValue : part.spread;
      if (!isObject(v)) return new Unknown(`'...' of ${JSON.stringify(v)}, not an object`);
      for (const k of Object.keys(v)) mergeProp(out, k, v[k]);
      // A spread of an object some of whose keys are there in one case only: they stay so in the copy.
      if (sources || sometimesKey(v)) (sources ??= []).push(v);
    }
  }
  if (sources) carrySometimesKeys(out, sources);
  return out;
}

