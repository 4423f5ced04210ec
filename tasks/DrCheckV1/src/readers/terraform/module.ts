/**
 * Evaluates one Terraform module (a folder of .tf files): variables (defaults, tfvars, module inputs),
 * locals, count / for_each instances, local child modules with their inputs bound, and references to
 * other resources, producing normalised resources with Terraform addresses.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentTypeOf, type CallSite, type NormalisedResource, type ScanIssue } from '../../../../../shared/model/resource';
import { distinctAlternatives, isObject, isUnknown, MAX_ALTERNATIVES, quotedExpression, setProp, Unknown, withoutAlternatives, type Value } from '../../../../../shared/model/value';
import type { ReaderContext } from '../types';
import { allowedByValidation, convertToType, asList, asWritten, escapeRe, evaluateBody, evaluateHcl, HclError, unknownKeyOf, type Budget } from './expressions';
import { isSet, setOf, standInForId } from './functions';
import { isConfigurationFile, isJsonSyntax, parseHcl, parseVarsJson, type HclParseError, type ParsedHcl } from './hcl';
import { confined, realOrResolved } from '../confine';
import { positionAt } from '../position';
import { deploysAzureResource, mapAzurerm } from './mappings';
import type { Attrs, Mapped, ProviderInfo } from './mappings/types';
import { readMoves, type Move } from './moved';
import { applyOverrides } from './override';
import { parseResourceId } from '../../../../../shared/engine/context';
import { deployTemplate, jsonencodedExpression, TEMPLATE_DEPLOYMENTS } from './template-deployment';

export interface ModuleFile {
  path: string;
  rel: string;
  parsed: ParsedHcl;
  /** The file as read: where an expression that ran out of evaluation steps is found. */
  text: string;
}

export interface RunState {
  ctx: ReaderContext;
  issues: ScanIssue[];
  resources: NormalisedResource[];
  /** Parsed files by absolute path (a module folder is parsed once, whatever calls it). */
  parsed: Map<string, ModuleFile | null>;
  /** Parses already started (all at once, so the WebAssembly parser never waits on a timer between files). */
  parsing: Map<string, Promise<ParsedHcl | HclParseError>>;
  consumed: string[];
  /** Folders some run of runModule has entered (as a root or as a called module). */
  entered: Set<string>;
  /** The resources the current root module's configuration has read so far, by address (see readInRoot). */
  rootRead?: { next: number; byAddress: Map<string, NormalisedResource> };
  /** Module folders' files as loadModuleFiles gave them, by folder. */
  modules?: Map<string, ModuleFile[]>;
  /** `terraform init`'s module manifest of each root folder (module key → folder), read once. */
  manifests?: Map<string, Map<string, string> | null>;
  /** What `file()` and `templatefile()` read at each absolute path: the text, or why it is not read. */
  files?: Map<string, { text: string } | { why: string }>;
  /**
   * The repository file each text `file()` read or `templatefile()` rendered came from, by that text (the first file for
   * a text), or by the Unknown a text rendered with some unknown pieces is.
   */
  sources?: Map<string | Unknown, string>;
  /** ARM templates deployed by template deployments from files of the repository (see ReadResult.deployedTemplates). */
  deployedTemplates?: string[];
}

/**
 * `file(p)` as Terraform evaluates it in a configuration whose root module is `root`: the file's text, `p` relative to
 * the root module's folder; with `render` (`templatefile(p, vars)`), that text rendered. Unknown when drcheck does not
 * read the file (outside the repository, missing, too large, binary).
 */
export function readConfigFile(state: RunState, root: string, p: string, render?: (text: string) => Value): Value {
  const abs = path.resolve(root, p);
  const files = (state.files ??= new Map());
  let read = files.get(abs);
  if (read === undefined) {
    const r = state.ctx.readText(abs);
    read = 'text' in r ? (r.text.includes('\u0000') ? { why: 'is not UTF-8 text' } : r) : { why: `is not read: ${r.error}` };
    files.set(abs, read);
  }
  if ('why' in read) return new Unknown(`${render ? 'templatefile' : 'file'}("${p}") ${read.why}`);
  const v = render ? render(read.text) : read.text;
  const sources = (state.sources ??= new Map());
  if ((typeof v === 'string' || isUnknown(v)) && !sources.has(v)) sources.set(v, abs);
  return v;
}

interface Instance {
  key: string;
  /** `count.index`; Unknown for the one instance reported when the count itself cannot be decided. */
  count?: number | Unknown;
  each?: { key: Value; value: Value };
}

/**
 * `.terraform/modules/modules.json` of a root folder: module key → the folder `terraform init` put it in.
 * Only folders inside the root are taken, links resolved (the manifest and `.terraform` are text and links in
 * the repository like any other: a link there may point anywhere).
 */
function moduleManifest(state: RunState, root: string): Map<string, string> | null {
  state.manifests ??= new Map();
  const known = state.manifests.get(root);
  if (known !== undefined) return known;
  let manifest: Map<string, string> | null = null;
  const file = path.join(root, '.terraform', 'modules', 'modules.json');
  const realRoot = realOrResolved(root);
  const read = fs.existsSync(file) && confined(file, [realRoot]) ? state.ctx.readText(file) : undefined;
  if (read && 'text' in read) {
    try {
      const doc = JSON.parse(read.text) as { Modules?: Array<{ Key?: unknown; Dir?: unknown }> };
      manifest = new Map();
      for (const rec of Array.isArray(doc.Modules) ? doc.Modules : []) {
        if (typeof rec?.Key !== 'string' || !rec.Key || typeof rec.Dir !== 'string') continue;
        const dir = path.resolve(root, rec.Dir);
        const real = fs.existsSync(dir) ? confined(dir, [realRoot]) : undefined;
        if (real && real !== realRoot) manifest.set(rec.Key, dir);
      }
    } catch (e) {
      state.issues.push({ file: state.ctx.rel(file), line: 1, column: 1, severity: 'warning', code: 'parse-error', message: `terraform init's module manifest is not valid JSON (${(e as Error).message}); downloaded modules not followed` });
    }
  }
  state.manifests.set(root, manifest);
  return manifest;
}

/** A JSON body given as a string (`jsonencode(…)` in older AzAPI code, and in plan JSON). */
export function parseJsonBody(text: string): Value {
  try {
    return JSON.parse(text) as Value;
  } catch {
    return new Unknown('body is not valid JSON');
  }
}

/**
 * The child resources the provider makes from a resource's nested blocks (a registry's `georeplications` become its
 * `replications`), as its mapping lists them: named and addressed under it, written where it is.
 */
export function childResources(parent: NormalisedResource & { terraform: { type: string } }, children: Mapped['children']): NormalisedResource[] {
  return (children ?? []).map((c) => {
    const address = `${parent.address}.${c.block}`;
    return {
      type: c.type,
      name: parent.name !== null && c.name !== null ? `${parent.name}/${c.name}` : null,
      address,
      body: c.body,
      source: parent.source,
      terraform: { type: parent.terraform.type, address },
      ...(parent.entry !== undefined ? { entry: parent.entry } : {}),
      ...(parent.via !== undefined ? { via: parent.via } : {}),
      parent: parent.address,
    };
  });
}

/** `patch` laid over `base`, objects merged key by key (as Azure applies a PATCH); `__proto__` stays data. */
function mergePatch(base: Value, patch: Value): Value {
  if (!isObject(base) || !isObject(patch)) return patch;
  const out: { [k: string]: Value } = {};
  for (const k of Object.keys(base)) setProp(out, k, base[k]);
  for (const k of Object.keys(patch)) setProp(out, k, Object.hasOwn(base, k) ? mergePatch(base[k], patch[k]) : patch[k]);
  return out;
}

const MODULE_REF = /(?<![\w.-])module\.([A-Za-z_][\w-]*)/g;
const LOCAL_REF = /(?<![\w.-])local\.([A-Za-z_][\w-]*)/g;

/**
 * Module calls ordered so that each runs after the modules whose outputs its arguments read, directly or
 * through locals; otherwise in the order written. A cycle keeps the written order for the modules in it.
 */
function inDependencyOrder<M extends { name: string; body: Record<string, unknown> }>(modules: M[], locals: Record<string, unknown>): M[] {
  const localModules = new Map<string, Set<string>>();
  /** The modules a value's expressions read, directly or through the locals they name. */
  const modulesReadBy = (value: unknown, seen: Set<string>): Set<string> => {
    const text = JSON.stringify(value ?? null);
    const out = new Set<string>();
    for (const m of text.matchAll(MODULE_REF)) out.add(m[1]);
    for (const l of text.matchAll(LOCAL_REF)) for (const dep of modulesOfLocal(l[1], seen)) out.add(dep);
    return out;
  };
  const modulesOfLocal = (name: string, seen: Set<string>): Set<string> => {
    const known = localModules.get(name);
    if (known) return known;
    if (seen.has(name) || !Object.hasOwn(locals, name)) return new Set();
    seen.add(name);
    const out = modulesReadBy(locals[name], seen);
    localModules.set(name, out);
    return out;
  };
  const byName = new Map(modules.map((m) => [m.name, m]));
  const deps = (m: M): string[] => {
    const out = modulesReadBy(m.body, new Set());
    out.delete(m.name);
    return [...out].filter((d) => byName.has(d));
  };
  const ordered: M[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (m: M) => {
    if (state.get(m.name)) return; // done, or a cycle: written order
    state.set(m.name, 'visiting');
    for (const d of deps(m)) visit(byName.get(d)!);
    state.set(m.name, 'done');
    ordered.push(m);
  };
  for (const m of modules) visit(m);
  return ordered;
}

/** Whether a body has a `dynamic "<name>"` block (hcl2json gives `dynamic` as an object of names, or a list of them). */
function declaresDynamic(body: Record<string, unknown>, name: string): boolean {
  const d = body.dynamic;
  const specs = Array.isArray(d) ? d : [d];
  return specs.some((x) => !!x && typeof x === 'object' && Object.hasOwn(x, name));
}

const META = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'timeouts', 'connection', 'provisioner']);

/** Arguments that point at a parent resource: the child's ARM name is `<parent name>/<name>`. */
const PARENT_ARGS: Record<string, string[]> = {
  azurerm_mssql_database: ['server_id'],
  azurerm_mssql_elasticpool: ['server_name'],
  azurerm_mssql_failover_group: ['server_id'],
  // azurerm 3.x types that name their server.
  azurerm_sql_database: ['server_name'],
  azurerm_sql_elasticpool: ['server_name'],
  azurerm_sql_failover_group: ['server_name'],
  azurerm_synapse_spark_pool: ['synapse_workspace_id'],
  azurerm_synapse_sql_pool: ['synapse_workspace_id'],
  azurerm_eventhub_namespace_disaster_recovery_config: ['namespace_id', 'namespace_name'],
  azurerm_eventhub: ['namespace_id', 'namespace_name'],
  // Service Bus: 4.x names the primary namespace by id, 3.x by name.
  azurerm_servicebus_namespace_disaster_recovery_config: ['primary_namespace_id', 'namespace_name'],
  azurerm_redis_linked_server: ['target_redis_cache_name'],
  azurerm_subnet: ['virtual_network_name'],
  azurerm_storage_container: ['storage_account_id', 'storage_account_name'],
  azurerm_storage_data_lake_gen2_filesystem: ['storage_account_id'],
  azurerm_traffic_manager_azure_endpoint: ['profile_id'],
  azurerm_traffic_manager_external_endpoint: ['profile_id'],
  azurerm_traffic_manager_nested_endpoint: ['profile_id'],
  azurerm_cosmosdb_sql_database: ['account_name'],
  azurerm_kubernetes_cluster_node_pool: ['kubernetes_cluster_id'],
  azurerm_redis_enterprise_database: ['cluster_id'],
};

/** A child's ARM name under its parent's: a storage container or filesystem is under the account's `default` service. */
const childName = (tfType: string, parentName: string, name: string) => `${parentName}/${tfType.startsWith('azurerm_storage_') ? 'default/' : ''}${name}`;

/**
 * A child's ARM name from the values Terraform computed (a plan): its parent's, from the ARM id (`server_id`) or the
 * name (`server_name`) a parent argument holds, then its own; undefined when no parent argument is set. A parent the
 * same plan creates has no id yet: the argument holds its address (see plan-references.ts), and `nameAt` its name.
 */
export function planChildName(tfType: string, values: Attrs, name: string, nameAt?: (address: string) => string | undefined): string | undefined {
  for (const argName of PARENT_ARGS[tfType] ?? []) {
    const ref = values[argName];
    if (typeof ref !== 'string' || !ref) continue;
    const parent = argName.endsWith('_id') ? (parseResourceId(ref)?.name ?? nameAt?.(ref)) : ref;
    return parent ? childName(tfType, parent, name) : undefined;
  }
  return undefined;
}

/** Starts the index of what one root module's configuration reads (called as each root's run begins). */
export function startRoot(state: RunState): void {
  state.rootRead = { next: state.resources.length, byAddress: new Map() };
}

/** What the current root's configuration has read so far, by address: indexed as it grows, never across roots. */
function readInRoot(state: RunState): Map<string, NormalisedResource> | undefined {
  const index = state.rootRead;
  if (!index) return undefined;
  for (; index.next < state.resources.length; index.next++) index.byAddress.set(state.resources[index.next].address, state.resources[index.next]);
  return index.byAddress;
}

/** The one resource of this module of a child type's parent type with that name (none when several). */
function namedParent(produced: ReadonlyArray<{ res: NormalisedResource }>, childType: string, name: string): NormalisedResource | undefined {
  const parentType = parentTypeOf(childType);
  const found = produced.filter((q) => q.res.name === name && q.res.type.toLowerCase() === parentType);
  return found.length === 1 ? found[0].res : undefined;
}

function listTf(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter(isConfigurationFile)
      .sort()
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

export async function loadFile(state: RunState, abs: string, text?: string): Promise<ModuleFile | null> {
  if (state.parsed.has(abs)) return state.parsed.get(abs)!;
  const rel = state.ctx.rel(abs);
  let body = text;
  if (body === undefined) {
    const r = state.ctx.readText(abs);
    if ('error' in r) {
      state.issues.push({ file: rel, line: 1, column: 1, severity: 'error', code: 'unreadable', message: r.error });
      state.parsed.set(abs, null);
      return null;
    }
    body = r.text;
    state.consumed.push(abs);
  }
  const started = state.parsing.get(abs);
  state.parsing.delete(abs);
  const parsed = await (started ?? (abs.toLowerCase().endsWith('.json') && !isJsonSyntax(abs) ? parseVarsJson(body) : parseHcl(path.basename(abs), body)));
  if ('message' in parsed) {
    state.issues.push({ file: rel, line: parsed.line, column: parsed.column, severity: 'error', code: 'parse-error', message: parsed.message });
    state.parsed.set(abs, null);
    return null;
  }
  const f = { path: abs, rel, parsed, text: body };
  state.parsed.set(abs, f);
  return f;
}

/** A module folder's files, its override files merged in: listed, read and merged once per folder, however many calls run it. */
export async function loadModuleFiles(state: RunState, dir: string): Promise<ModuleFile[]> {
  const known = state.modules?.get(dir);
  if (known) return known;
  const out: ModuleFile[] = [];
  for (const f of listTf(dir)) {
    const m = await loadFile(state, f);
    if (m) out.push(m);
  }
  const merged = applyOverrides(out, state.issues);
  (state.modules ??= new Map()).set(dir, merged);
  return merged;
}

/** The first block of `kind` in a hcl2json document, as `{ name: [body] }`. */
function section(doc: Record<string, unknown>, kind: string): Record<string, unknown> {
  const v = doc[kind];
  if (Array.isArray(v)) return Object.assign({}, ...v.filter((x) => x && typeof x === 'object'));
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

/**
 * An evaluation budget (limits.maxEvaluationSteps) for the expressions of one module run or tfvars
 * file. Running out fails the expression that did (and the rest of that run's) with an error naming
 * the file and line where the expression is written.
 */
export function moduleBudget(state: RunState, files: ModuleFile[], fallback: string): Budget {
  const max = state.ctx.limits.maxEvaluationSteps;
  return {
    left: max,
    max,
    maxInstances: state.ctx.limits.maxLoopInstances,
    onExceeded: (expression) => {
      const shown = asWritten(expression);
      let where = { file: files[0]?.rel ?? fallback, line: 1, column: 1 };
      for (const f of files) {
        let at = f.text.indexOf(expression);
        if (at < 0 && shown !== expression) at = f.text.indexOf(shown);
        if (at < 0) continue;
        where = { file: f.rel, ...positionAt(f.text, at) };
        break;
      }
      state.issues.push({ ...where, severity: 'error', code: 'evaluation-limit', message: `${quotedExpression(shown)}: needs more than ${max} evaluation steps (expression nodes and elements produced by for expressions, range() and the like); not evaluated, and neither is the rest of this module` });
    },
  };
}

export interface ModuleCall {
  dir: string;
  /** The root module's folder (where `terraform init` keeps `.terraform/modules`). */
  root: string;
  /** The module's key in that manifest: '' for the root, `lake`, `lake.diagnostics`… */
  key: string;
  prefix: string;
  inputs: Record<string, Value>;
  isRoot: boolean;
  depth: number;
  chain: string[];
  /** tfvars applied to root modules: in precedence order, later wins. */
  tfvars?: Record<string, Value>;
  /** The azurerm version the root module's configuration settles, for the defaults that changed in 4.0. */
  provider?: ProviderInfo;
  /** The module blocks that lead to this module from the root, outermost first (see NormalisedResource.via). */
  via?: readonly CallSite[];
  /** The `moved` blocks of the root module's whole configuration, made absolute: each module run adds its own. */
  moves?: Move[];
}

/** A module run, as its caller reads it: one output, or the whole module as a value. */
export interface ModuleRun {
  outputs: (name: string) => Value;
  value: () => Value;
}

/** The line of the `nth` block (from 0) that declares `<mode> "<type>" "<name>"` in a file (the first's when not found). */
function headerLine(f: ModuleFile, mode: string, type: string, name: string, nth: number): number {
  const header = new RegExp(`^[ \\t]*${mode}[ \\t]+"?${escapeRe(type)}"?[ \\t]+"?${escapeRe(name)}"?[ \\t]*\\{`, 'gm');
  let seen = 0;
  for (const m of f.text.matchAll(header)) if (seen++ === nth) return positionAt(f.text, m.index).line;
  return f.parsed.lines.get(`${mode}.${type}.${name}`) ?? 1;
}

export async function runModule(state: RunState, call: ModuleCall, preloaded?: ModuleFile[]): Promise<ModuleRun> {
  state.entered.add(call.dir);
  const files = preloaded ?? (await loadModuleFiles(state, call.dir));
  const variables: Record<string, { def: Record<string, unknown>; file: ModuleFile }> = {};
  const locals: Record<string, unknown> = {};
  const outputs: Record<string, unknown> = {};
  const resources: Array<{ type: string; name: string; body: Record<string, unknown>; file: ModuleFile; mode: 'resource' | 'data' }> = [];
  const modules: Array<{ name: string; body: Record<string, unknown>; file: ModuleFile }> = [];
  /** The file declaring each resource and data source (`resource.<type>.<name>`) first. */
  const declaredIn = new Map<string, ModuleFile>();
  for (const f of files) {
    const doc = f.parsed.doc;
    // Names are data: set with setProp and looked up as own keys, so `__proto__` or `constructor` is a name like any other.
    for (const [n, v] of Object.entries(section(doc, 'variable'))) setProp(variables, n, { def: (Array.isArray(v) ? v[0] : v) as Record<string, unknown>, file: f });
    for (const l of Array.isArray(doc.locals) ? doc.locals : doc.locals ? [doc.locals] : []) for (const [n, v] of Object.entries(l as Record<string, unknown>)) setProp(locals, n, v);
    for (const [n, v] of Object.entries(section(doc, 'output'))) setProp(outputs, n, (Array.isArray(v) ? v[0] : v) as Record<string, unknown>);
    for (const [mode, key] of [['resource', 'resource'], ['data', 'data']] as const) {
      for (const [type, byName] of Object.entries(section(doc, key))) {
        for (const [name, bodies] of Object.entries(byName as Record<string, unknown>)) {
          (Array.isArray(bodies) ? bodies : [bodies]).forEach((body, nth) => {
            const first = declaredIn.get(`${mode}.${type}.${name}`);
            if (first) {
              // Terraform rejects the configuration (names are unique per type in a module); the first one is judged.
              const line = headerLine(f, mode, type, name, nth);
              state.issues.push({ file: f.rel, line, column: 1, severity: 'error', code: 'duplicate-resource', message: `duplicate ${mode === 'data' ? 'data source' : 'resource'} ${type}.${name}: already declared in ${first.rel} at line ${headerLine(first, mode, type, name, 0)}; Terraform rejects the configuration, and only the first is scanned` });
              return;
            }
            declaredIn.set(`${mode}.${type}.${name}`, f);
            resources.push({ type, name, body: body as Record<string, unknown>, file: f, mode });
          });
        }
      }
    }
    for (const [name, bodies] of Object.entries(section(doc, 'module'))) for (const body of Array.isArray(bodies) ? bodies : [bodies]) modules.push({ name, body: body as Record<string, unknown>, file: f });
  }
  // Its `moved` blocks, relative to this module instance (a malformed one is reported once: the engine keeps one of
  // each issue, however many instances repeat it).
  call.moves?.push(...readMoves(files, call.prefix, state.issues));

  // Variable values: default < tfvars (root) < module inputs.
  const varValues: Record<string, Value> = {};
  const localValues = new Map<string, Value>();
  const evaluating = new Set<string>();
  const budget = moduleBudget(state, files, state.ctx.rel(call.dir));
  const readFile = (p: string, render?: (text: string) => Value) => readConfigFile(state, call.root, p, render);
  const baseScope = (extra?: Instance) => ({
    lookup: (root: string, p: string[]): Value => lookup(root, p, extra),
    budget,
    readFile,
  });
  for (const [n, { def }] of Object.entries(variables)) {
    let value: Value;
    // A variable declared `nullable = false` takes its default when given null, from a module input or a tfvars file
    // (https://developer.hashicorp.com/terraform/language/values/variables#disallowing-null-input-values).
    const given = (v: Value | undefined) => v !== undefined && !(v === null && def.nullable !== undefined && evaluateHcl(def.nullable, baseScope()) === false);
    if (Object.hasOwn(call.inputs, n) && given(call.inputs[n])) value = call.inputs[n];
    else if (call.tfvars && Object.hasOwn(call.tfvars, n) && given(call.tfvars[n])) value = call.tfvars[n];
    else if (Object.hasOwn(def, 'default')) value = evaluateHcl(def.default, baseScope());
    // Given no value, it is still one of the values its validation allows (when it lists them).
    else value = new Unknown(`variable '${n}' has no default and no value in a tfvars file or module input`, `var.${n}`, distinctAlternatives(allowedByValidation(n, def.validation) ?? []));
    setProp(varValues, n, convertToType(def.type, value));
  }

  /**
   * Follows a traversal into a value. A key or index a known value lacks is an error, as in Terraform
   * (so `try()` and `can()` fall back); an Unknown stays Unknown. `computed`: the value is a resource's
   * arguments as written, which lack what the provider computes, so a missing key is Unknown instead.
   */
  const dig = (v: Value, p: string[], computed = false): Value => {
    let cur = v;
    for (let i = 0; i < p.length; i++) {
      const seg = p[i];
      // A part of an unknown value is not one of its alternatives.
      if (isUnknown(cur)) return withoutAlternatives(cur);
      // A splat (`local.x.replicas[*].name`): the rest in each element.
      if (seg === '[*]') return asList(cur).map((x) => dig(x, p.slice(i + 1), computed));
      const key: Value = seg.startsWith('[') ? (JSON.parse(seg.slice(1, -1)) as Value) : seg;
      if (Array.isArray(cur) && typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < cur.length) cur = cur[key];
      else if (isObject(cur) && Object.hasOwn(cur, String(key))) cur = cur[String(key)];
      else if (computed) return new Unknown(`no attribute or key '${String(key)}'`);
      else throw new HclError(Array.isArray(cur) && typeof key === 'number' ? `index ${key} is out of range` : `no attribute or key '${String(key)}'`);
    }
    return cur;
  };

  const instancesCache = new Map<string, Instance[]>();
  /** Runs of the called modules: by name, and by `name[key]` for those called with count or for_each. */
  const moduleRuns = new Map<string, ModuleRun>();
  /** Each module called with count or for_each: how it was, and its runs by instance. */
  const moduleLoops = new Map<string, { byCount: boolean; expanded: boolean; runs: Array<{ inst: Instance; run: ModuleRun }> }>();
  /** Instance lists of loops over the instance limit (not expanded, reported): their module's value is not an empty list. */
  const notExpanded = new WeakSet<Instance[]>();
  /** Resources whose instances are being made into a value (see allInstances): met again, the configuration is a cycle. */
  const wholeInProgress = new Set<object>();
  /** Each resource's instances as a value, made once however many references name it whole. */
  const wholeValues = new Map<object, Value>();

  /**
   * `module.<name>` as Terraform gives it for a module called with count (a list of output objects) or for_each (a map of
   * them by key); undefined when the module was not run (not followed, its count cannot be decided, or over the limit).
   */
  function wholeModule(name: string): Value | undefined {
    const loop = moduleLoops.get(name);
    if (!loop || !loop.expanded || loop.runs.some((r) => r.inst.key === '[?]')) return undefined;
    if (loop.byCount) return loop.runs.map((r) => r.run.value());
    const out: { [k: string]: Value } = {};
    for (const r of loop.runs) setProp(out, String(r.inst.each?.key), r.run.value());
    return out;
  }

  function lookup(root: string, p: string[], inst?: Instance): Value {
    if (root === 'var') return p.length ? (Object.hasOwn(varValues, p[0]) ? dig(varValues[p[0]], p.slice(1)) : new Unknown(`variable '${p[0]}' is not declared`)) : new Unknown('var');
    if (root === 'local') {
      const n = p[0];
      if (!Object.hasOwn(locals, n)) return new Unknown(`local '${n}' is not declared`);
      if (!localValues.has(n)) {
        if (evaluating.has(n)) {
          state.issues.push({ file: files[0]?.rel ?? call.dir, line: 1, column: 1, severity: 'error', code: 'variable-cycle', message: `local '${n}' depends on itself` });
          return new Unknown(`local '${n}' is part of a cycle`);
        }
        evaluating.add(n);
        localValues.set(n, evaluateHcl(locals[n], baseScope()));
        evaluating.delete(n);
      }
      return dig(localValues.get(n)!, p.slice(1));
    }
    if (root === 'count') return inst?.count !== undefined && p[0] === 'index' ? inst.count : new Unknown('count.index outside a counted block');
    if (root === 'each') return inst?.each ? dig(p[0] === 'key' ? inst.each.key : inst.each.value, p.slice(1)) : new Unknown('each outside a for_each block');
    // Relative to the root module's folder, Terraform's working directory (`file("${path.module}/x.json")` reads there).
    if (root === 'path') return p[0] === 'root' ? '.' : p[0] === 'module' ? path.relative(call.root, call.dir).split(path.sep).join('/') || '.' : new Unknown(`path.${p[0] ?? ''} is only known to Terraform`);
    if (root === 'terraform') return new Unknown('terraform.workspace is only known to Terraform');
    if (root === 'data') return new Unknown(`data.${p.slice(0, 2).join('.')} is read by Terraform at plan time`);
    if (root === 'module') {
      // module.<name>.<output>, or module.<name>[<key>].<output> for a module called with count or for_each.
      const keyed = p[1]?.startsWith('[') ? p[1] : '';
      const rest = keyed ? p.slice(2) : p.slice(1);
      const run = moduleRuns.get(`${p[0]}${keyed}`);
      if (run && rest.length) return dig(run.outputs(rest[0]), rest.slice(1));
      if (run) return run.value();
      // The module itself as a value (`local.m = module.x`, `{ lz = module.dbs }`): an object of its outputs; of a
      // module called with for_each, a map of such objects by key; with count, a list of them.
      if (!keyed && p.length) {
        const whole = wholeModule(p[0]);
        if (whole !== undefined) return dig(whole, rest);
      }
      return new Unknown(`module.${p[0]}${keyed} outputs are not known here`);
    }
    if (root === 'self') return new Unknown('self is only known to Terraform');
    // A resource reference: type.name[index].attribute
    const target = resources.find((r) => r.type === root && r.name === p[0] && r.mode === 'resource');
    if (!target) return new Unknown(`${root}.${p[0] ?? ''} is not declared in this module`);
    let rest = p.slice(1);
    // `x[*].id`: each instance's, in order; a resource without count is a list of itself.
    if (rest[0] === '[*]') {
      if (target.body.for_each !== undefined) return new Unknown(`${root}.${p[0]}[*]: a resource with for_each is a map, not a list a splat takes`);
      const instances = instancesOf(target);
      if (notExpanded.has(instances) || instances.some((i) => i.key === '[?]')) return new Unknown(`${root}.${p[0]}[*]: its instances cannot be decided statically`);
      return instances.map((i) => lookup(root, [p[0], ...(i.key ? [i.key] : []), ...rest.slice(1)], inst));
    }
    let indexKey = '';
    if (rest[0]?.startsWith('[')) {
      indexKey = rest[0];
      rest = rest.slice(1);
    }
    const address = `${call.prefix}${root}.${p[0]}${indexKey}`;
    // A resource with count or for_each named whole is a list or a map of its instances (`for_each = azurerm_x.y`).
    if (rest.length === 0 && !indexKey && (target.body.count !== undefined || target.body.for_each !== undefined)) return allInstances(target, address);
    if (rest.length === 0 || rest[0] === 'id') return standInForId(address);
    const inner: Instance | undefined = indexKey ? instancesOf(target).find((i) => i.key === indexKey) : undefined;
    if (target.type === 'random_integer' && rest.length === 1 && rest[0] === 'result') return randomInteger(target, address, inner);
    if (!META.has(rest[0])) {
      if (Object.hasOwn(target.body, rest[0])) {
        const v = evaluateHcl(target.body[rest[0]], baseScope(inner));
        // JSON syntax may write a nested block as one object: indexed (`default_node_pool[0]`), it is a list of one block.
        const oneBlock = isObject(v) && /^\[\d+\]$/.test(rest[1] ?? '') && isJsonSyntax(target.file.path);
        return dig(oneBlock ? [v] : v, rest.slice(1), true);
      }
      // A nested block the target builds with `dynamic "<name>"`: the body is evaluated as Terraform expands it.
      if (declaresDynamic(target.body, rest[0])) return dig(evaluateBody(target.body, baseScope(inner), META)[rest[0]] ?? [], rest.slice(1), true);
    }
    return new Unknown(`${address}.${rest.join('.')} is computed by the provider`);
  }

  /** Why a known for_each value is not one Terraform takes (a map, or a set of strings); undefined when it is. */
  function forEachProblem(fe: Value): string | undefined {
    if (Array.isArray(fe)) {
      const other = fe.find((v) => typeof v !== 'string' && !isUnknown(v));
      return other === undefined ? undefined : `holds ${other === null ? 'null' : Array.isArray(other) ? 'a list' : typeof other === 'object' ? 'an object' : `the ${typeof other} ${JSON.stringify(other)}`}, not only strings`;
    }
    return isObject(fe) ? undefined : `is ${JSON.stringify(fe)}, not a map or a set of strings`;
  }

  /**
   * A counted resource as a list of its instances, one with for_each as a map of them by key, as Terraform gives it:
   * each instance an object of its arguments as written (evaluated for that instance) and its `id` (its address, as a
   * reference to it reads). Unknown while its instances cannot be decided.
   */
  function allInstances(target: (typeof resources)[number], address: string): Value {
    const made = wholeValues.get(target);
    if (made !== undefined) return made;
    const instances = instancesOf(target);
    if (notExpanded.has(instances) || instances.some((i) => i.key === '[?]')) return new Unknown(`${address}: its instances cannot be decided statically`, address);
    if (wholeInProgress.has(target)) return new Unknown(`${address} refers to itself`, address);
    wholeInProgress.add(target);
    try {
      const objectOf = (i: Instance): Value => {
        const out: { [k: string]: Value } = {};
        for (const k of Object.keys(target.body)) if (!META.has(k)) setProp(out, k, evaluateHcl(target.body[k], baseScope(i)));
        setProp(out, 'id', standInForId(`${address}${i.key}`));
        return out;
      };
      let whole: Value;
      if (target.body.count !== undefined) whole = instances.map(objectOf);
      else {
        const byKey: { [k: string]: Value } = {};
        for (const i of instances) setProp(byKey, String(i.each?.key), objectOf(i));
        whole = byKey;
      }
      wholeValues.set(target, whole);
      return whole;
    } finally {
      wholeInProgress.delete(target);
    }
  }

  /**
   * `random_integer.x.result`: chosen by Terraform at apply time, but one of min…max. AVM examples pick a VM's zone so
   * (`zone = random_integer.zone.result`, 1 to 3): whichever zone it is, the VM is in one zone.
   */
  function randomInteger(target: { body: Record<string, unknown> }, address: string, inner: Instance | undefined): Value {
    const bound = (k: string) => (Object.hasOwn(target.body, k) ? evaluateHcl(target.body[k], baseScope(inner)) : undefined);
    const min = bound('min');
    const max = bound('max');
    const values = typeof min === 'number' && typeof max === 'number' && Number.isInteger(min) && Number.isInteger(max) && max >= min && max - min < MAX_ALTERNATIVES ? Array.from({ length: max - min + 1 }, (_, i) => min + i) : undefined;
    return new Unknown(`${address}.result is chosen by Terraform when it applies${values ? ` (${min} to ${max})` : ''}`, `${address}.result`, values);
  }

  function instancesOf(r: { type: string; name: string; body: Record<string, unknown>; file: ModuleFile }): Instance[] {
    const k = `${r.type}.${r.name}`;
    const cached = instancesCache.get(k);
    if (cached) return cached;
    let out: Instance[] = [{ key: '' }];
    const line = r.file.parsed.lines.get(r.type === 'module' ? `module.${r.name}` : `resource.${r.type}.${r.name}`) ?? 1;
    if (r.body.count !== undefined) {
      // count is a number: Terraform converts a numeric string (`var.enabled ? "1" : "0"`) as it converts any argument.
      const c = convertToType('${number}', evaluateHcl(r.body.count, baseScope()));
      if (typeof c === 'number' && Number.isInteger(c) && c >= 0) {
        if (c > state.ctx.limits.maxLoopInstances) {
          state.issues.push({ file: r.file.rel, line, column: 1, severity: 'error', code: 'copy-limit', message: `${r.type}.${r.name}: count is ${c}, over the limit of ${state.ctx.limits.maxLoopInstances}; not expanded` });
          out = [];
          notExpanded.add(out);
        } else out = Array.from({ length: c }, (_, i) => ({ key: `[${i}]`, count: i }));
      } else {
        state.issues.push({ file: r.file.rel, line, column: 1, severity: 'warning', code: 'copy-unknown', message: `${r.type}.${r.name}: count cannot be decided statically (${isUnknown(c) ? c.toString() : JSON.stringify(c)}); one instance is reported` });
        // Which instance this stands for is not known: nothing computed from count.index (a name, a SKU) is made up.
        out = [{ key: '[?]', count: new Unknown(`count.index of ${r.type}.${r.name}: its count cannot be decided statically`) }];
      }
    } else if (r.body.for_each !== undefined) {
      const evaluated = evaluateHcl(r.body.for_each, baseScope());
      // A set with an element, or a map with a key, only known when Terraform runs: which instances there are is not known.
      const unknownKey = Array.isArray(evaluated) ? (evaluated.find(isUnknown) as Unknown | undefined) : unknownKeyOf(evaluated);
      const fe = unknownKey ? new Unknown(`${Array.isArray(evaluated) ? 'an element' : 'a key'} of it, ${unknownKey.toString()}`, typeof r.body.for_each === 'string' ? asWritten(r.body.for_each) : undefined) : evaluated;
      const entries: Array<[string, Value]> = Array.isArray(fe) ? (isSet(fe) ? fe : setOf(fe)).map((v) => [String(v), v]) : isObject(fe) ? Object.keys(fe).sort().map((k2) => [k2, fe[k2]]) : [];
      // Terraform takes a map, or a set of strings: anything else fails its plan.
      const invalid = isUnknown(fe) ? undefined : forEachProblem(fe);
      if (invalid) {
        state.issues.push({ file: r.file.rel, line, column: 1, severity: 'error', code: 'invalid-for-each', message: `${r.type}.${r.name}: for_each ${invalid}, which Terraform rejects; one instance is reported` });
        const why = new Unknown(`the for_each of ${r.type}.${r.name} is not one Terraform accepts`);
        out = [{ key: '[?]', each: { key: why, value: why } }];
      } else if (isUnknown(fe)) {
        state.issues.push({ file: r.file.rel, line, column: 1, severity: 'warning', code: 'copy-unknown', message: `${r.type}.${r.name}: for_each cannot be decided statically (${fe.toString()}); one instance is reported` });
        out = [{ key: '[?]', each: { key: fe, value: fe } }];
      } else if (entries.length > state.ctx.limits.maxLoopInstances) {
        state.issues.push({ file: r.file.rel, line, column: 1, severity: 'error', code: 'copy-limit', message: `${r.type}.${r.name}: for_each has ${entries.length} instances, over the limit of ${state.ctx.limits.maxLoopInstances}; not expanded` });
        out = [];
        notExpanded.add(out);
      } else {
        if (Array.isArray(fe) && !isSet(fe)) {
          state.issues.push({ file: r.file.rel, line, column: 1, severity: 'warning', code: 'for-each-list', message: `${r.type}.${r.name}: for_each is a list, which Terraform rejects (it takes a map or a set: toset(…)); read as the set of its elements` });
        }
        out = entries.map(([k2, v]) => ({ key: `[${JSON.stringify(k2)}]`, each: { key: k2, value: v } }));
      }
    }
    instancesCache.set(k, out);
    return out;
  }

  // Child modules first, so parent resources can read their outputs; a module whose inputs read another's
  // outputs (directly or through locals) runs after it, wherever the two are written.
  for (const m of inDependencyOrder(modules, locals)) {
    const source = evaluateHcl(m.body.source, baseScope());
    const line = m.file.parsed.lines.get(`module.${m.name}`) ?? 1;
    const key = call.key ? `${call.key}.${m.name}` : m.name;
    const local = typeof source === 'string' && /^\.\.?[\\/]/.test(source);
    // A registry or Git module is read where `terraform init` downloaded it, when it has.
    const downloaded = local ? undefined : moduleManifest(state, call.root)?.get(key);
    if (!local && !downloaded) {
      state.issues.push({ file: m.file.rel, line, column: 1, severity: 'warning', code: 'module-not-followed', message: `module "${m.name}": source ${typeof source === 'string' ? `'${source}'` : 'cannot be decided'} is not a local path on disk; not followed (its resources are not scanned; run \`terraform init\` before drcheck to have it read downloaded modules)` });
      continue;
    }
    const dir = downloaded ?? path.resolve(call.dir, source as string);
    if (call.chain.includes(dir)) {
      state.issues.push({ file: m.file.rel, line, column: 1, severity: 'error', code: 'module-cycle', message: `module cycle: ${[...call.chain, dir].map((d) => state.ctx.rel(d) || '.').join(' → ')}` });
      continue;
    }
    if (call.depth + 1 > state.ctx.limits.maxModuleDepth) {
      state.issues.push({ file: m.file.rel, line, column: 1, severity: 'error', code: 'module-depth', message: `modules nested deeper than ${state.ctx.limits.maxModuleDepth}; module "${m.name}" not followed` });
      continue;
    }
    // A local source outside what the scan may read is reported here, once, at the call that asks for it: nothing
    // is read or listed there (not even whether it exists), and its files never appear in the report.
    if (local && !state.ctx.confine(dir)) {
      state.issues.push({ file: m.file.rel, line, column: 1, severity: 'error', code: 'module-outside', message: `module "${m.name}": source '${source}' is outside the scanned folder, its Git repository and the config file's folder; not followed, so its resources are not scanned (scan from a folder that holds both, such as the repository root, or from a Git clone that holds both)` });
      continue;
    }
    if (!fs.existsSync(dir)) {
      state.issues.push({ file: m.file.rel, line, column: 1, severity: 'error', code: 'module-not-found', message: `module "${m.name}": ${source} does not exist` });
      continue;
    }
    const pseudo = { type: 'module', name: m.name, body: m.body, file: m.file };
    const via: readonly CallSite[] = [...(call.via ?? []), { file: m.file.rel, line }];
    const insts = instancesOf(pseudo);
    const looped = m.body.count !== undefined || m.body.for_each !== undefined;
    const loop = { byCount: m.body.count !== undefined, expanded: !notExpanded.has(insts), runs: [] as Array<{ inst: Instance; run: ModuleRun }> };
    if (looped) moduleLoops.set(m.name, loop);
    let last: ModuleRun | undefined;
    for (const inst of insts) {
      const inputs: Record<string, Value> = {};
      for (const [k, v] of Object.entries(m.body)) if (!['source', 'version', 'providers', ...META].includes(k)) setProp(inputs, k, evaluateHcl(v, baseScope(inst)));
      last = await runModule(state, { dir, root: call.root, key, prefix: `${call.prefix}module.${m.name}${inst.key}.`, inputs, isRoot: false, depth: call.depth + 1, chain: [...call.chain, dir], provider: call.provider, via, moves: call.moves });
      if (inst.key && inst.key !== '[?]') moduleRuns.set(`${m.name}${inst.key}`, last);
      loop.runs.push({ inst, run: last });
    }
    if (last && !looped) moduleRuns.set(m.name, last);
  }

  // Resources.
  const produced: Array<{ res: NormalisedResource; tfType: string; attrs: Attrs }> = [];
  // Where this module's resources are deployed from: the root of the call chain (one relative path per run).
  const entry = state.ctx.rel(call.root);
  for (const r of resources) {
    if (r.mode !== 'resource') continue;
    if (!deploysAzureResource(r.type)) continue; // other providers (random, azuread, null…) and AzAPI actions deploy no Azure resource
    const line = r.file.parsed.lines.get(`resource.${r.type}.${r.name}`) ?? 1;
    for (const inst of instancesOf(r)) {
      const attrs: Attrs = evaluateBody(r.body, baseScope(inst), META);
      const address = `${call.prefix}${r.type}.${r.name}${inst.key}`;
      if (TEMPLATE_DEPLOYMENTS.has(r.type)) {
        // The resources an ARM template deploys, read by the ARM reader: reported in the deployment's place.
        const deployed: NormalisedResource[] = [];
        const out = { resources: deployed, issues: state.issues, consumed: state.consumed, deployedTemplates: (state.deployedTemplates ??= []) };
        // Parameters written as jsonencode({…}): the object itself, its known values kept beside those only known at apply.
        const given: Attrs = { ...attrs };
        for (const arg of ['parameters_content', 'parameters_body']) {
          const inner = isUnknown(attrs[arg]) ? jsonencodedExpression(r.body[arg]) : undefined;
          if (inner) given[arg] = evaluateHcl(inner, baseScope(inst));
        }
        const followed = deployTemplate(state.ctx, { attrs: given, address, file: r.file, fileOf: (content) => state.sources?.get(content), line, entry, ...(call.via ? { via: call.via } : {}), depth: call.depth }, out);
        for (const res of deployed) produced.push({ res, tfType: '', attrs: {} });
        if (followed) continue;
      }
      let type: string;
      let body: { [k: string]: Value };
      let apiVersion: string | undefined;
      let settingOf: string | undefined;
      let children: Mapped['children'];
      if (r.type === 'azapi_resource') {
        const t = attrs.type;
        if (typeof t !== 'string') {
          state.issues.push({ file: r.file.rel, line, column: 1, severity: 'warning', code: 'invalid-resource', message: `${address}: type cannot be decided statically${isUnknown(t) ? ` (${t.toString()})` : ''}, so which resource it deploys is not known: not reported` });
          continue;
        }
        [type, apiVersion] = t.split('@');
        const b = typeof attrs.body === 'string' ? parseJsonBody(attrs.body) : attrs.body;
        body = { ...(isObject(b) ? b : {}), ...(attrs.location !== undefined ? { location: attrs.location } : {}), ...(attrs.tags !== undefined ? { tags: attrs.tags } : {}) };
      } else {
        const mapped = mapAzurerm(r.type, attrs, call.provider);
        type = mapped.type;
        body = mapped.body;
        settingOf = mapped.settingOf;
        children = mapped.children;
      }
      const name = typeof attrs.name === 'string' ? attrs.name : null;
      const res = {
        type,
        ...(apiVersion ? { apiVersion } : {}),
        name,
        address,
        body,
        source: { file: r.file.rel, line, column: 1, language: 'terraform' },
        terraform: { type: r.type, address },
        entry,
        ...(call.via ? { via: call.via } : {}),
        ...(settingOf ? { settingOf } : {}),
      } satisfies NormalisedResource;
      produced.push({ res, tfType: r.type, attrs });
      for (const child of childResources(res, children)) produced.push({ res: child, tfType: '', attrs: {} });
      if (state.resources.length + produced.length > state.ctx.limits.maxResources) break;
    }
  }
  const byAddress = new Map(produced.map((p) => [p.res.address, p.res]));

  // azapi_update_resource patches a resource: its body is merged into the resource it names in this module, so a
  // patch that changes what drcheck judges (a SKU, a replication setting) is judged on that resource.
  for (const r of resources) {
    if (r.mode !== 'resource' || r.type !== 'azapi_update_resource') continue;
    const line = r.file.parsed.lines.get(`resource.${r.type}.${r.name}`) ?? 1;
    for (const inst of instancesOf(r)) {
      const attrs = evaluateBody(r.body, baseScope(inst), META);
      const id = attrs.resource_id;
      const target = typeof id === 'string' ? byAddress.get(id) : undefined;
      const patch = typeof attrs.body === 'string' ? parseJsonBody(attrs.body) : attrs.body;
      const address = `${call.prefix}${r.type}.${r.name}${inst.key}`;
      const warn = (why: string) => state.issues.push({ file: r.file.rel, line, column: 1, severity: 'warning', code: 'patch-not-applied', message: `${address}: ${why}; its changes are not judged` });
      if (!target) {
        // A literal resource id names a resource managed elsewhere: nothing here to patch.
        if (!(typeof id === 'string' && id.startsWith('/subscriptions/'))) warn(`the resource it patches is not declared in this module (${isUnknown(id) ? id.toString() : JSON.stringify(id ?? null)})`);
        continue;
      }
      if (isObject(patch)) target.body = mergePatch(target.body, patch) as { [k: string]: Value };
      else warn(`its body cannot be decided statically (${isUnknown(patch) ? patch.toString() : JSON.stringify(patch ?? null)})`);
    }
  }

  // Parent links: a child's ARM name is `<parent name>/<name>`, the parent found by its address or name. The parent may
  // be in a module this one calls (`server_id = module.sql.primary_id`): among the resources read before this loop.
  const inCalledModule = (ref: string) => (ref.startsWith(`${call.prefix}module.`) ? readInRoot(state)?.get(ref) : undefined);
  for (const p of produced) {
    for (const argName of PARENT_ARGS[p.tfType] ?? []) {
      const ref = p.attrs[argName];
      if (ref === undefined) continue;
      // A child with no name of its own (a Redis link) is found under the parent its `_name` argument names.
      const parent = typeof ref !== 'string' ? undefined : (byAddress.get(ref) ?? inCalledModule(ref) ?? (p.res.name === null && argName.endsWith('_name') ? namedParent(produced, p.res.type, ref) : undefined));
      if (parent) p.res.parent = parent.address;
      const parentName = parent ? parent.name : typeof ref === 'string' && argName.endsWith('_name') ? ref : null;
      if (p.res.name && parentName) p.res.name = childName(p.tfType, parentName, p.res.name);
      else if (p.res.name && argName.endsWith('_id')) p.res.name = null;
      break;
    }
    state.resources.push(p.res);
  }

  const output = (name: string): Value => (Object.hasOwn(outputs, name) ? evaluateHcl((outputs[name] as Record<string, unknown>).value, baseScope()) : new Unknown(`output '${name}' is not declared`));
  let whole: { [k: string]: Value } | undefined;
  return {
    outputs: output,
    value: () => (whole ??= lazyOutputs(Object.keys(outputs), output)),
  };
}

/**
 * A module's value, `module.<name>`: an object of its outputs, each evaluated when first read (a module used whole,
 * `{ lz = module.dbs }`, is mostly read for one or two of its outputs), then kept.
 */
function lazyOutputs(names: string[], output: (name: string) => Value): { [k: string]: Value } {
  const out: { [k: string]: Value } = {};
  for (const name of names) {
    Object.defineProperty(out, name, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = output(name);
        Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
        return value;
      },
    });
  }
  return out;
}
