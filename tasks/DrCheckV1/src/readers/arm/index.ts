/**
 * The ARM template reader: deployment templates (resource group, subscription, management group and
 * tenant scope) into normalised resources, with parameters files, variables, copy loops, conditions,
 * child resources, nested inline deployments and linked templates in the repository (by `relativePath`, or by a URI
 * relative to the template's own link).
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentTypeOf, type CallSite, type NormalisedResource, type ScanIssue } from '../../../../../shared/model/resource';
import { isObject, isUnknown, Unknown, type Value } from '../../../../../shared/model/value';
import { aloneAtAddress, indexByShape, MAX_NAME_NESTING, replaced, segmentsOf, shapeKey, valueParts, type NamePart } from '../names';
import type { Reader, ReaderContext, ReadResult, SourceFile } from '../types';
import type { DeploymentContext, EvalScope, ExprNode } from './expressions/api';
import { environmentOf, evaluate, evaluateString, evaluateTemplateValue, ExpressionError, formatExpression, isExpression, parseExpression } from './expressions';
import { findKey } from './expressions/values';
import { lineIndex, type Position } from '../position';
import { parseTemplateJson, type ParsedJson } from './json';
import { createTemplateScope, defaultContext, type LoopFrame } from './scope';

/** Properties of a resource declaration that are not part of the deployed resource's body. */
const NOT_BODY = new Set(['resources', 'copy', 'condition', 'dependsOn', 'comments', 'metadata', 'type', 'name', 'apiVersion', 'existing', 'scope', 'import']);
const DEPLOYMENTS = 'microsoft.resources/deployments';

interface FileState {
  file: SourceFile;
  json: ParsedJson;
  issues: ScanIssue[];
  resources: NormalisedResource[];
  ctx: ReaderContext;
  /** Files on the current linked-template chain, for cycle detection. */
  chain: string[];
  /** In a linked template: the template that links it (the chain's first, as its path is shown), which its resources are deployed from. */
  entry?: string;
  /** The deployments (and Bicep module calls) that lead to this template, outermost first (see NormalisedResource.via). */
  via?: readonly CallSite[];
  consumed: string[];
  /**
   * A template run as a module of another language's file (a Bicep registry module from the local cache): its
   * resources and problems are all placed at the declaration that calls it, the only place its user can change.
   */
  pinned?: { line: number; column: number; language: NormalisedResource['source']['language']; what: string };
  /** Linked templates that travel with the template (a template spec's `linkedTemplates`), by absolute path: never read from disk. */
  embedded?: Map<string, unknown>;
  /**
   * Links to resources whose names are only known at deployment, found by the structure of the names (see linkByName),
   * made once every file is read. Shared by the templates of one read (a linked template's state is a copy of its linker's).
   */
  links?: Links;
}

interface Placement {
  subscription?: string | null;
  resourceGroup?: string | null;
}

/** Where a JSON path sits in the file: the nearest recorded resource object above it. */
function position(state: FileState, jsonPath: string): Position {
  if (state.pinned) return { line: state.pinned.line, column: state.pinned.column };
  let p = jsonPath;
  for (;;) {
    const at = state.json.positions.get(p);
    if (at !== undefined) return at;
    const cut = p.lastIndexOf('/');
    if (cut < 0) return { line: 1, column: 1 };
    p = p.slice(0, cut);
  }
}

/** Reports a problem at `jsonPath`'s declaration; at the string `written` itself (an expression as written) when it is found there. */
function issue(state: FileState, jsonPath: string, message: string, code: string, severity: 'error' | 'warning' = 'error', written?: string): void {
  const declared = position(state, jsonPath);
  const { line, column } = (written !== undefined ? writtenAt(state, declared, written) : undefined) ?? declared;
  state.issues.push({ file: state.file.rel, line, column, message: state.pinned ? `${state.pinned.what}: ${message}` : message, severity, code });
}

/**
 * Where the string `text` is written in the template, at or after the declaration at `from`: the line and column of its
 * opening quote. Undefined when it is not found as JSON would write it (escaped differently), or the text is not at hand.
 * Only looked up for an error, so the scan pays nothing for it otherwise.
 */
function writtenAt(state: FileState, from: Position, text: string): Position | undefined {
  if (state.pinned || !text) return undefined;
  const source = state.file.text;
  let lines = lineIndexes.get(state.file);
  if (!lines) lineIndexes.set(state.file, (lines = lineIndex(source)));
  const at = source.indexOf(JSON.stringify(text), lines.lineStart(from.line));
  return at < 0 ? undefined : lines.positionOf(at);
}

/** Each template's lines, found at its first error (a template with many errors is not read from the top for each). */
const lineIndexes = new WeakMap<SourceFile, ReturnType<typeof lineIndex>>();

/** Evaluates a value; an expression error becomes an issue where the expression is written (else at its declaration) and the value Unknown. */
function evalAt(state: FileState, scope: EvalScope, raw: unknown, jsonPath: string): Value {
  // Literals (most values) need no walk.
  if (typeof raw === 'string' ? raw.length < 2 || raw.charCodeAt(0) !== 91 : raw === null || typeof raw !== 'object') return raw as Value;
  return evaluateTemplateValue(raw, scope, (e, text) => issue(state, jsonPath, `${e.message} in ${text}`, e.code ?? 'expression-error', 'error', text));
}

function asString(v: Value): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Reads parameter values from a parameters file (`{ parameters: { x: { value } } }`); Key Vault references are Unknown. */
function readParameterValues(text: string, rel: string, state: FileState): Record<string, Value> {
  const parsed = parseTemplateJson(text, state.ctx.limits.maxNestingDepth);
  if ('message' in parsed) {
    state.issues.push({ file: rel, line: parsed.line, column: parsed.column, message: parsed.message, severity: 'error', code: 'parse-error' });
    return {};
  }
  const doc = parsed.value as Record<string, unknown>;
  const params = isObject(doc?.parameters as Value) ? (doc.parameters as Record<string, Record<string, unknown>>) : {};
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(params)) {
    if (!isObject(v as Value)) continue;
    if ('reference' in v) out[k] = new Unknown(`parameter '${k}' is a Key Vault reference, only resolved at deployment time`);
    else if ('value' in v) out[k] = v.value as Value;
  }
  return out;
}

/** The parameters file the config's `parameters` mapping gives a template (ARM or Bicep), when it gives one. */
export function configuredParameters(templatePath: string, ctx: ReaderContext): string | undefined {
  const m = (ctx.config.parameters ?? []).find((x) => path.resolve(ctx.configDir, x.template) === templatePath);
  return m && path.resolve(ctx.configDir, m.parameters);
}

/** The parameters file for a template: as mapped in config, else `<name>.parameters.json` beside it (with its text when already read). */
function parametersFor(file: SourceFile, ctx: ReaderContext): { path: string; read?: { text: string } } | undefined {
  const base = file.path.replace(/\.jsonc?$/i, '');
  return parametersFileFor(file.path, ctx, [`${base}.parameters.json`, `${base}.parameters.jsonc`]);
}

/**
 * The parameters file of a template or Bicep entry: the one the config names (not read yet: it may be missing), else the
 * first of `candidates` beside it that can be read, else the first parameters file whose `metadata.template` names it
 * (parameter-files.ts), else the first of `fallbacks` that can be read; with its text.
 */
export function parametersFileFor(entry: string, ctx: ReaderContext, candidates: readonly string[], fallbacks: readonly string[] = []): { path: string; read?: { text: string } } | undefined {
  const configured = configuredParameters(entry, ctx);
  if (configured) return { path: configured };
  const linked = ctx.parameterLinks?.byTemplate.get(entry)?.[0];
  for (const candidate of [...candidates, ...(linked ? [linked] : []), ...fallbacks]) {
    const r = ctx.readText(candidate);
    if ('text' in r) return { path: candidate, read: r };
  }
  return undefined;
}

/** A resource this template run declared, with what its name is made of (see nameShape). */
interface Declared {
  resource: NormalisedResource;
  /** Its `name` as written and as evaluated, and the scope it was evaluated in (a copy loop's instance has its own). */
  written: unknown;
  value: Value;
  scope: EvalScope;
  /** The declaration it is written in (`resources` of its parent), when it is a nested child. */
  outer?: Declared;
  /** Its full name's segments, computed on first use; null when they cannot be told. */
  shape?: readonly string[] | null;
}

/**
 * Links found by the structure of names: a flat child's parent, the resources a body's resource ids name (by the
 * Unknown that stands for each id). Links are by address, and an ARM address is the name as written, which other
 * declarations may share; each is made when the resource linked to is the one the engine finds at its address.
 */
export interface Links {
  parents: Array<{ child: NormalisedResource; parent: NormalisedResource }>;
  /** Absent where references are not followed. */
  references?: Array<{ resource: NormalisedResource; targets: Map<Unknown, NormalisedResource> }>;
}

interface TemplateRun {
  state: FileState;
  template: Record<string, unknown>;
  scope: EvalScope & { withLoops(loops: LoopFrame[]): EvalScope };
  /** JSON path prefix of this template inside the file (`` for the root, `resources/3/properties/template` nested). */
  prefix: string;
  placement: Placement;
  depth: number;
  /** Prefix of its resources' addresses: the deployment's own (`deploy[2]/`) when it is one instance of a copy loop. */
  addressPrefix: string;
}

/** A template run as its declarations see it: with the resources it has declared so far. */
type Run = TemplateRun & { declared: Declared[] };

function runTemplate(input: TemplateRun): void {
  const run: Run = { ...input, declared: [] };
  const { template, prefix } = run;
  const resources = template.resources;
  const join = (p: string) => (prefix ? `${prefix}/${p}` : p);
  if (Array.isArray(resources)) {
    resources.forEach((r, i) => declare(run, r, join(`resources/${i}`), null, null, []));
  } else if (isObject(resources as Value)) {
    // languageVersion 2.0: symbolic names.
    for (const [symbol, r] of Object.entries(resources as Record<string, unknown>)) declare(run, r, join(`resources/${symbol}`), null, symbol, []);
  }
  // Once every resource of the template is declared: a child may be written before its parent.
  const { links } = run.state;
  if (links) {
    linkByName(run, links);
    if (links.references) referencesByName(run, links.references);
  }
}

/** One resource declaration, possibly a copy loop, possibly with children. */
function declare(run: Run, raw: unknown, jsonPath: string, parent: Declared | null, symbol: string | null, loops: LoopFrame[]): void {
  const { state } = run;
  if (!isObject(raw as Value)) {
    issue(state, jsonPath, 'a resource must be a JSON object', 'invalid-resource');
    return;
  }
  const decl = raw as Record<string, unknown>;
  if (decl.existing === true) return;
  const copy = decl.copy as Record<string, unknown> | undefined;
  if (copy && isObject(copy as Value)) {
    const loopScope = run.scope.withLoops(loops);
    const count = evalAt(state, loopScope, copy.count, jsonPath);
    const name = typeof copy.name === 'string' ? copy.name : 'copy';
    if (typeof count !== 'number' || !Number.isInteger(count)) {
      issue(state, jsonPath, `copy loop '${name}': the count cannot be decided statically (${isUnknown(count) ? count.toString() : JSON.stringify(count)}); one instance is reported`, 'copy-unknown', 'warning');
      emit(run, decl, jsonPath, parent, loops, `${symbol ?? ''}[?]`);
      return;
    }
    if (count > state.ctx.limits.maxLoopInstances) {
      issue(state, jsonPath, `copy loop '${name}' has ${count} instances, over the limit of ${state.ctx.limits.maxLoopInstances}; the loop was not expanded`, 'copy-limit');
      return;
    }
    // Every instance of the loop is written at the same place: one source for all of them.
    const source = sourceOf(state, jsonPath);
    for (let i = 0; i < count; i++) emit(run, decl, jsonPath, parent, [...loops, { name, index: i }], symbol ? `${symbol}[${i}]` : null, source);
    return;
  }
  emit(run, decl, jsonPath, parent, loops, symbol);
}

function sourceOf(state: FileState, jsonPath: string): NormalisedResource['source'] {
  const { line, column } = position(state, jsonPath);
  return { file: state.file.rel, line, column, language: state.pinned?.language ?? 'arm' };
}

function emit(run: Run, decl: Record<string, unknown>, jsonPath: string, parent: Declared | null, loops: LoopFrame[], address: string | null, source?: NormalisedResource['source']): void {
  const { state } = run;
  const scope = run.scope.withLoops(loops);
  if ('condition' in decl) {
    const cond = evalAt(state, scope, decl.condition, jsonPath);
    if (cond === false) return;
    // An Unknown condition: the resource may be deployed; it is judged on what it would be.
  }
  const typeRaw = evalAt(state, scope, decl.type, jsonPath);
  // A child declared inside its parent may give its type relative to the parent's (`databases`).
  const type = typeof typeRaw === 'string' && parent && !typeRaw.includes('.') ? `${parent.resource.type}/${typeRaw}` : typeRaw;
  if (typeof type !== 'string' || !type.includes('/')) {
    issue(state, jsonPath, `resource type ${isUnknown(typeRaw) ? 'cannot be decided statically' : `'${String(typeRaw)}' is not a resource type`}`, 'invalid-resource');
    return;
  }
  const nameValue = evalAt(state, scope, decl.name, jsonPath);
  let name: string | null = typeof nameValue === 'string' ? nameValue : null;
  if (name !== null && parent && type.split('/').length - 1 > name.split('/').length) {
    // Written in its parent with a name of its own: its full name is the parent's and its own, not known when the
    // parent's is not (it is linked to its parent by address all the same).
    name = parent.resource.name !== null ? `${parent.resource.name}/${name}` : null;
  }
  const writtenName = typeof decl.name === 'string' ? decl.name : JSON.stringify(decl.name ?? null);
  const own = address ?? (loops.length === 0 ? writtenName : loops.length === 1 ? [writtenName, '[', String(loops[0].index), ']'].join('') : `${writtenName}[${loops.map((l) => l.index).join(',')}]`);
  const addr = run.addressPrefix ? run.addressPrefix + own : own;

  if (type.length === DEPLOYMENTS.length && type.toLowerCase() === DEPLOYMENTS) {
    nested(run, decl, jsonPath, scope, addr, loops.length > 0);
    return;
  }

  const body: { [k: string]: Value } = {};
  for (const key in decl) {
    if (NOT_BODY.has(key) || !Object.hasOwn(decl, key)) continue;
    // `properties.copy` (property iteration) is expanded by the value walker like any object's copy loops.
    body[key] = evalAt(state, scope, decl[key], jsonPath);
  }
  const resource: NormalisedResource = {
    type,
    apiVersion: typeof decl.apiVersion === 'string' ? decl.apiVersion : undefined,
    name,
    address: addr,
    body,
    source: source ?? sourceOf(state, jsonPath),
  };
  if (parent) resource.parent = parent.resource.address;
  if (state.entry !== undefined) resource.entry = state.entry;
  if (state.via !== undefined) resource.via = state.via;
  if (run.placement.subscription !== undefined) resource.subscription = run.placement.subscription;
  if (run.placement.resourceGroup !== undefined) resource.resourceGroup = run.placement.resourceGroup;
  if (state.resources.length >= state.ctx.limits.maxResources) return;
  state.resources.push(resource);
  const declared: Declared = { resource, written: decl.name, value: nameValue, scope, ...(parent ? { outer: parent } : {}) };
  run.declared.push(declared);
  // The name written for it, not its full name: a child nested in a parent whose name is only known at deployment has a
  // name of its own all the same.
  if (typeof nameValue !== 'string' && !isUnknown(nameValue) && nameValue !== null) issue(state, jsonPath, `resource name is ${JSON.stringify(nameValue)}, not a string`, 'invalid-resource', 'warning');

  const children = decl.resources;
  if (Array.isArray(children)) {
    children.forEach((c, i) => declare(run, c, `${jsonPath}/resources/${i}`, declared, null, loops));
  }
}

/** Expressions whose value is not the same everywhere in a template: never one part of two names. */
const VARIES = /\b(copyindex|newguid|utcnow)\s*\(/;

/** What a name expression is made of: literal text (in lower case: names compare ignoring case) and unknown expressions. */
function nameParts(node: ExprNode, scope: EvalScope, depth: number): NamePart[] | undefined {
  if (depth > MAX_NAME_NESTING) return undefined;
  const known = valueParts(() => evaluate(node, scope));
  if (known !== null) return known;
  if (node.kind === 'call' && !node.namespace) {
    const fn = node.name.toLowerCase();
    if (fn === 'concat') {
      const parts: NamePart[] = [];
      for (const arg of node.args) {
        const p = nameParts(arg, scope, depth + 1);
        if (!p) return undefined;
        parts.push(...p);
      }
      return parts;
    }
    if (fn === 'format' && node.args.length > 0) return formatParts(node.args, scope, depth);
    // A name lowered or raised is the same name to Azure.
    if ((fn === 'tolower' || fn === 'toupper') && node.args.length === 1) return nameParts(node.args[0], scope, depth + 1);
  }
  const text = formatExpression(node).toLowerCase();
  return VARIES.test(text) ? undefined : [{ expr: text }];
}

/** format('{0}/{1}', …) read as parts: only plain `{n}` placeholders (an alignment or format string is not read). */
function formatParts(args: readonly ExprNode[], scope: EvalScope, depth: number): NamePart[] | undefined {
  let format: Value;
  try {
    format = evaluate(args[0], scope);
  } catch {
    return undefined;
  }
  if (typeof format !== 'string') return undefined;
  const parts: NamePart[] = [];
  let literal = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if ((c === '{' || c === '}') && format[i + 1] === c) {
      literal += c;
      i++;
    } else if (c === '{') {
      const close = format.indexOf('}', i);
      const index = close < 0 ? NaN : Number(format.slice(i + 1, close));
      if (!/^\d+$/.test(format.slice(i + 1, close)) || !Number.isInteger(index) || index + 1 >= args.length) return undefined;
      const p = nameParts(args[index + 1], scope, depth + 1);
      if (!p) return undefined;
      parts.push(literal.toLowerCase(), ...p);
      literal = '';
      i = close;
    } else if (c === '}') return undefined;
    else literal += c;
  }
  parts.push(literal.toLowerCase());
  return parts;
}

/** The segments a name expression is made of (`[format('{0}/{1}', …)]`), or undefined when it cannot be read so. */
function writtenSegments(written: unknown, scope: EvalScope): string[] | undefined {
  if (typeof written !== 'string' || !isExpression(written)) return undefined;
  let node: ExprNode;
  try {
    node = parseExpression(written.slice(1, -1));
  } catch {
    return undefined;
  }
  const parts = nameParts(node, scope, 0);
  return parts && segmentsOf(parts);
}

/** The segments of a declared resource's full name (one per level of its type), or undefined when they cannot be told. */
function nameShape(d: Declared): readonly string[] | undefined {
  if (d.shape === undefined) {
    const { resource } = d;
    const levels = resource.type.split('/').length - 1;
    let own = resource.name !== null ? segmentsOf([resource.name.toLowerCase()]) : typeof d.value === 'string' ? segmentsOf([d.value.toLowerCase()]) : writtenSegments(d.written, d.scope);
    // Written in its parent with its own name only: the parent's segments come first.
    if (own && resource.name === null && d.outer && own.length < levels) {
      const outer = nameShape(d.outer);
      own = outer && [...outer, ...own];
    }
    d.shape = own && own.length === levels ? own : null;
  }
  return d.shape ?? undefined;
}

/** The declarations of a run by lower-case type and name shape, for the types asked for. */
function shapeIndex(run: Run, types: ReadonlySet<string>): Map<string, Declared[]> {
  return indexByShape(run.declared, (d) => d.resource.type.toLowerCase(), nameShape, types);
}

/**
 * Flat children (declared beside their parent, `vaults/backupstorageconfig` named `[format('{0}/{1}',
 * parameters('vaultName'), 'vaultstorageconfig')]`) whose name is only known at deployment: linked to the parent
 * declared in the same template whose name is theirs without the last segment, when exactly one is (several: which
 * one cannot be told, and the child stays unlinked). A child whose name is known is linked by the engine, by name.
 */
function linkByName(run: Run, links: Links): void {
  const orphans = run.declared.filter((d) => d.resource.name === null && d.resource.parent === undefined && d.resource.type.split('/').length > 2);
  if (orphans.length === 0) return;
  const parentType = (d: Declared) => parentTypeOf(d.resource.type);
  const index = shapeIndex(run, new Set(orphans.map(parentType)));
  for (const child of orphans) {
    const shape = nameShape(child);
    if (!shape) continue;
    const parents = index.get(shapeKey(parentType(child), shape.slice(0, -1)));
    if (parents?.length === 1) links.parents.push({ child: child.resource, parent: parents[0].resource });
  }
}

/**
 * References by resource id to a resource of the same template whose name is only known at deployment
 * (`[resourceId('Microsoft.Sql/servers/databases', parameters('serverName'), parameters('dbName'))]` in a failover
 * group's `databases`): the id stays unknown, but which resource it is does not, when exactly one resource of the
 * template has that type and name. Replaced by the resource's address (as a Terraform reference is the address of the
 * resource it names), which the engine follows; see makeLinks. Only a whole value that is one resourceId() without a
 * subscription or resource group (those may name another resource group's resource).
 */
function referencesByName(run: Run, out: NonNullable<Links['references']>): void {
  if (!run.declared.some((d) => d.resource.name === null)) return;
  const indexes = new Map<string, Map<string, Declared[]>>();
  const target = (u: Unknown, scope: EvalScope): NormalisedResource | undefined => {
    const text = u.expression;
    if (text === undefined || !/^\[\s*resourceid\s*\(/i.test(text) || !isExpression(text)) return undefined;
    let node: ExprNode;
    try {
      node = parseExpression(text.slice(1, -1));
    } catch {
      return undefined;
    }
    if (node.kind !== 'call' || node.namespace || node.name.toLowerCase() !== 'resourceid' || node.args.length < 2) return undefined;
    let type: Value;
    try {
      type = evaluate(node.args[0], scope);
    } catch {
      return undefined;
    }
    if (typeof type !== 'string' || type.split('/').length !== node.args.length) return undefined;
    const shape: string[] = [];
    for (const arg of node.args.slice(1)) {
      const parts = nameParts(arg, scope, 0);
      const segments = parts && segmentsOf(parts);
      if (segments?.length !== 1) return undefined;
      shape.push(segments[0]);
    }
    const lower = type.toLowerCase();
    let index = indexes.get(lower);
    if (!index) indexes.set(lower, (index = shapeIndex(run, new Set([lower]))));
    const found = index.get(shapeKey(lower, shape));
    return found?.length === 1 ? found[0].resource : undefined;
  };
  for (const d of run.declared) {
    let targets: Map<Unknown, NormalisedResource> | undefined;
    const walk = (v: Value, depth: number): void => {
      if (v === null || typeof v !== 'object' || depth > run.state.ctx.limits.maxNestingDepth) return;
      if (v instanceof Unknown) {
        if (targets?.has(v)) return;
        const found = target(v, d.scope);
        if (found) (targets ??= new Map()).set(v, found);
        return;
      }
      // Indexed and for-in, not Object.values: this walks every body of a template with a name known only at deployment.
      if (Array.isArray(v)) for (let i = 0; i < v.length; i++) walk(v[i], depth + 1);
      else for (const k in v) walk((v as { [k: string]: Value })[k], depth + 1);
    };
    walk(d.resource.body, 0);
    if (targets) out.push({ resource: d.resource, targets });
  }
}

/**
 * The links found by name, once every file is read (`resources` is every resource read), each only where the resource
 * linked to is the one the engine finds at its address: a parent is looked for among the resources of the child's
 * parent type at the address, in the child's file first (see parentAt in the engine), so the parent must be the only
 * one of its type at its address in its file; a reference is followed to the resource of its type at the address
 * anywhere, so the target must be the only one of its type at its address. Two inner-scope templates may both name a
 * vault `[parameters('vaultName')]`: which one a link by that address would reach cannot be told.
 */
function makeLinks(links: Links, resources: readonly NormalisedResource[]): void {
  if (links.parents.length === 0 && !links.references?.length) return;
  applyLinks(links, aloneAtAddress(resources));
}

/** makeLinks with `alone` (aloneAtAddress of every resource read) at hand: the Bicep reader links registry modules' flat children so. */
export function applyLinks(links: Links, alone: ReturnType<typeof aloneAtAddress>): void {
  for (const { child, parent } of links.parents) {
    if (!alone(parent, true)) continue;
    child.parent = parent.address;
    child.parentByName = true;
  }
  for (const { resource, targets } of links.references ?? []) {
    const addresses = new Map<Unknown, string>();
    for (const [u, target] of targets) if (alone(target)) addresses.set(u, target.address);
    if (addresses.size) resource.body = replaced(resource.body, addresses) as { [key: string]: Value };
  }
}

/** A nested deployment: inline template (inner or outer scope) or a relative linked template. */
function nested(run: TemplateRun, decl: Record<string, unknown>, jsonPath: string, scope: EvalScope, address: string, inLoop: boolean): void {
  // Each instance of a looped deployment deploys the template's resources again: their addresses name the instance.
  const addressPrefix = inLoop ? `${address}/` : run.addressPrefix;
  const { state } = run;
  if (run.depth + 1 > state.ctx.limits.maxModuleDepth) {
    issue(state, jsonPath, `nested deployments deeper than ${state.ctx.limits.maxModuleDepth} levels; not followed`, 'module-depth');
    return;
  }
  const props = isObject(decl.properties as Value) ? (decl.properties as Record<string, unknown>) : {};
  const sub = 'subscriptionId' in decl ? evalAt(state, scope, decl.subscriptionId, jsonPath) : undefined;
  const rg = 'resourceGroup' in decl ? evalAt(state, scope, decl.resourceGroup, jsonPath) : undefined;
  const placement: Placement = {
    subscription: sub === undefined ? run.placement.subscription : asString(sub) ?? null,
    resourceGroup: rg === undefined ? run.placement.resourceGroup : asString(rg) ?? null,
  };
  const evalOpts = isObject(props.expressionEvaluationOptions as Value) ? (props.expressionEvaluationOptions as Record<string, unknown>) : {};
  const inner = typeof evalOpts.scope === 'string' && evalOpts.scope.toLowerCase() === 'inner';
  const paramValues: Record<string, Value> = {};
  if (isObject(props.parameters as Value)) {
    for (const [k, v] of Object.entries(props.parameters as Record<string, Record<string, unknown>>)) {
      // Bicep compiles a conditional module argument to one expression giving the whole entry:
      // "[if(cond, createObject('value', 2), createObject('value', 0))]".
      // A `for` as the argument compiles to the entry's own copy loop named `value`:
      // { "copy": [{ "name": "value", "count": …, "input": … }] }; the walker expands it into `value`.
      const entry = typeof v === 'string' || (isObject(v as Value) && !('reference' in v) && !('value' in v)) ? evalAt(state, scope, v, jsonPath) : (v as Value);
      if (isUnknown(entry)) paramValues[k] = entry;
      else if (!isObject(entry)) issue(state, jsonPath, `parameter '${k}' of the nested deployment must be an object with value or reference`, 'invalid-resource', 'warning');
      else if ('reference' in entry) paramValues[k] = new Unknown(`parameter '${k}' is a Key Vault reference`);
      else if ('value' in entry) paramValues[k] = entry === v ? evalAt(state, scope, entry.value, jsonPath) : entry.value;
    }
  }
  const context = childContext(run.scope.context, placement, address);
  if (isObject(props.template as Value)) {
    const template = props.template as Record<string, unknown>;
    const childScope = inner
      ? createTemplateScope({ template, parameterValues: paramValues, context, limits: state.ctx.limits, report: (p) => issue(state, `${jsonPath}/properties/template/${p.path}`, p.message, p.code ?? 'expression-error', 'error', p.text) })
      : createTemplateScope({ template, parameterValues: {}, context, limits: state.ctx.limits, report: (p) => issue(state, jsonPath, p.message, p.code ?? 'expression-error', 'error', p.text), outer: scope });
    runTemplate({ state, template, scope: childScope, prefix: `${jsonPath}/properties/template`, placement, depth: run.depth + 1, addressPrefix });
    return;
  }
  const link = isObject(props.templateLink as Value) ? (props.templateLink as Record<string, unknown>) : undefined;
  let rel: Value | undefined;
  let target: string | undefined;
  if (link && typeof link.relativePath === 'string') {
    rel = evalAt(state, scope, link.relativePath, jsonPath);
    if (typeof rel !== 'string') {
      issue(state, jsonPath, 'the linked template path cannot be decided statically; not followed', 'link-not-followed', 'warning');
      return;
    }
    target = path.resolve(path.dirname(state.chain[state.chain.length - 1]), rel);
  } else if (link && 'uri' in link) {
    // A template staged with the one linking it (`uri(deployment().properties.templateLink.uri, 'nested/x.json')`, or
    // the quickstart templates' `_artifactsLocation`): the file at that place beside it in the repository.
    const uri = evalAt(state, scope, link.uri, jsonPath);
    const staged = typeof uri === 'string' ? stagedFile(uri) : undefined;
    if (staged === undefined || state.embedded) {
      const message = isUnknown(uri)
        ? `the linked template's URI cannot be decided statically: ${uri.toString()}; not followed`
        : typeof uri !== 'string'
          ? "the linked template's URI is not a string; not followed"
          : `linked template by URI (${uri.length > 200 ? `${uri.slice(0, 199)}…` : uri}) not followed: drcheck reads only files in the repository, and this is not one staged with the template`;
      issue(state, jsonPath, message, 'link-not-followed', 'warning');
      return;
    }
    target = staged;
    rel = path.relative(path.dirname(state.chain[state.chain.length - 1]), staged).split(path.sep).join('/');
  }
  if (target !== undefined && typeof rel === 'string') {
    if (state.chain.includes(target)) {
      issue(state, jsonPath, `linked template cycle: ${[...state.chain, target].map((f) => state.ctx.rel(f)).join(' → ')}`, 'module-cycle');
      return;
    }
    let linkedFile: SourceFile;
    let parsed: ParsedJson;
    if (state.embedded) {
      // A template spec's links are to the templates stored with it, and only those.
      const template = state.embedded.get(target);
      if (!isObject(template as Value)) {
        issue(state, jsonPath, `linked template ${rel} is not among the templates stored with it; not followed`, 'link-not-followed');
        return;
      }
      linkedFile = { path: target, rel: state.file.rel, text: '' };
      parsed = { value: template, positions: new Map() };
    } else {
      const read = state.ctx.readText(target);
      if ('error' in read) {
        issue(state, jsonPath, `linked template ${rel}: ${read.error}`, 'link-not-followed');
        return;
      }
      state.consumed.push(target);
      linkedFile = { path: target, rel: state.pinned ? state.file.rel : state.ctx.rel(target), text: read.text };
      const json = parseTemplateJson(read.text, state.ctx.limits.maxNestingDepth);
      if ('message' in json) {
        // A pinned template's linked file is not the caller's: its error is placed at the calling declaration, saying where.
        if (state.pinned) issue(state, jsonPath, `linked template ${rel}: ${json.message} (line ${json.line}, column ${json.column})`, 'parse-error');
        else state.issues.push({ file: linkedFile.rel, line: json.line, column: json.column, message: json.message, severity: 'error', code: 'parse-error' });
        return;
      }
      parsed = json;
    }
    if (isObject(props.parametersLink as Value)) issue(state, jsonPath, 'parametersLink is not followed; parameters come from properties.parameters and defaults', 'link-not-followed', 'warning');
    // A linked file's resources are written there; the deployment that links it is in this file (a pinned module's
    // resources are all placed at its call already).
    const via = state.pinned ? state.via : [...(state.via ?? []), { file: state.file.rel, line: position(state, jsonPath).line }];
    const linkedState: FileState = { ...state, file: linkedFile, json: parsed, chain: [...state.chain, target], entry: state.entry ?? state.ctx.rel(state.chain[0]), ...(via ? { via } : {}) };
    const template = parsed.value as Record<string, unknown>;
    // A linked template's own deployment() has its own link: where it is staged (a template spec's have none drcheck knows).
    const linkedContext = state.embedded ? context : staged(context, target);
    const childScope = createTemplateScope({ template, parameterValues: paramValues, context: linkedContext, limits: state.ctx.limits, report: (p) => issue(linkedState, p.path, p.message, p.code ?? 'expression-error', 'error', p.text) });
    runTemplate({ state: linkedState, template, scope: childScope, prefix: '', placement, depth: run.depth + 1, addressPrefix });
    return;
  }
  if (link) issue(state, jsonPath, `linked template ${typeof link.id === 'string' ? `by id (${link.id}) ` : ''}not followed: drcheck reads only files in the repository`, 'link-not-followed', 'warning');
  else if (props.template === undefined) issue(state, jsonPath, 'nested deployment has neither a template nor a templateLink', 'invalid-resource', 'warning');
}

function childContext(parent: DeploymentContext, placement: Placement, address: string): DeploymentContext {
  const ctx: DeploymentContext = { ...parent, deployment: { name: address, properties: {} } };
  if (placement.subscription) {
    ctx.subscription = { ...(isObject(parent.subscription) ? parent.subscription : {}), subscriptionId: placement.subscription, id: `/subscriptions/${placement.subscription}` };
  }
  if (placement.resourceGroup) {
    const subId = isObject(ctx.subscription) && typeof ctx.subscription.subscriptionId === 'string' ? ctx.subscription.subscriptionId : '(unknown)';
    ctx.resourceGroup = { ...(isObject(parent.resourceGroup) ? parent.resourceGroup : {}), name: placement.resourceGroup, id: `/subscriptions/${subId}/resourceGroups/${placement.resourceGroup}` };
  }
  return ctx;
}

/**
 * Where a template in the repository is staged, as its `deployment().properties.templateLink.uri`. A template that reads
 * its own link can only be deployed from one (`--template-uri`), with the templates it links staged beside it as they
 * are in the repository: the link is a URL on a host that stands for "where this file is staged", so `uri(link,
 * 'nested/x.json')` gives the URL of the file beside it, which stagedFile maps back to the file. (`.invalid` is never
 * a real host: such a URL cannot be mistaken for one that a template names itself.)
 */
const STAGED_HOST = 'staged.drcheck.invalid';

function stagedUri(file: string): string {
  return `https://${STAGED_HOST}${pathToFileURL(file).pathname}`;
}

/** The file a staged URL is the URL of (its query, a SAS token, aside), or undefined for any other URL. */
function stagedFile(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.host !== STAGED_HOST) return undefined;
  try {
    return path.resolve(fileURLToPath(`file://${url.pathname}`));
  } catch {
    return undefined;
  }
}

/** A deployment context whose template is staged where `file` is. */
function staged(context: DeploymentContext, file: string): DeploymentContext {
  const deployment = isObject(context.deployment) ? context.deployment : {};
  const properties = isObject(deployment.properties) ? deployment.properties : {};
  return { ...context, deployment: { ...deployment, properties: { ...properties, templateLink: { uri: stagedUri(file) } } } };
}

/** Reads one template as an entry; true when it has a parameters file of its own (it is deployed on its own, too). */
function readFile(file: SourceFile, ctx: ReaderContext, out: ReadResult, links: Links): boolean {
  const parsed = parseTemplateJson(file.text, ctx.limits.maxNestingDepth);
  if ('message' in parsed) {
    out.issues.push({ file: file.rel, line: parsed.line, column: parsed.column, message: parsed.message, severity: 'error', code: 'parse-error' });
    return false;
  }
  const template = parsed.value as Record<string, unknown>;
  if (!isObject(template as Value)) {
    out.issues.push({ file: file.rel, line: 1, column: 1, message: 'a template must be a JSON object', severity: 'error', code: 'parse-error' });
    return false;
  }
  const state: FileState = { file, json: parsed, issues: out.issues, resources: out.resources, ctx, chain: [file.path], consumed: out.consumed!, links };
  let parameterValues: Record<string, Value> = file.parameterValues ?? {};
  const found = file.parameterValues ? undefined : parametersFor(file, ctx);
  if (found) {
    const paramsFile = found.path;
    const r = found.read ?? ctx.readText(paramsFile);
    if ('text' in r) {
      parameterValues = readParameterValues(r.text, ctx.rel(paramsFile), state);
      out.consumed!.push(paramsFile);
      (out.entryParameters ??= []).push([file.path, paramsFile]);
    } else out.issues.push({ file: ctx.rel(paramsFile), line: 1, column: 1, message: r.error, severity: 'error', code: 'unreadable' });
  }
  runRoot({ state, template, parameterValues, context: staged(topContext(ctx, ctx.locationFor?.(file.path)), file.path), placement: {}, depth: 0, addressPrefix: '' });
  return found !== undefined;
}

/**
 * The context of a template deployed on its own: `resourceGroup().location` is the region configured for it, when there
 * is one; `environment()` the configured cloud's.
 */
function topContext(ctx: ReaderContext, location: string | undefined): DeploymentContext {
  const context = defaultContext({ environment: environmentOf(ctx.cloud) });
  if (location) context.resourceGroup = { ...(context.resourceGroup as Record<string, Value>), location };
  return context;
}

/**
 * What evaluating a template throws, reported at its top (the calling declaration, for a pinned one): too deep, an
 * expression error. Anything else is a reader bug: thrown on, but not from a pinned template, from outside the
 * repository (the Bicep cache), which must not fail the caller's reader and with it every other file it reads.
 */
function failed(state: FileState, e: unknown): void {
  if (e instanceof RangeError) issue(state, '', 'template too deeply nested to evaluate', 'too-deep');
  else if (e instanceof ExpressionError) issue(state, '', e.message, 'expression-error');
  else if (state.pinned) issue(state, '', `the ARM reader failed on ${state.chain[0]}: ${(e as Error).message}`, 'reader-error');
  else throw e;
}

/** Runs a template at the top of its deployment (a file, or a module of another language's file); gives its scope. */
function runRoot(run: Omit<TemplateRun, 'scope' | 'prefix'> & { parameterValues: Record<string, Value>; context: DeploymentContext }): TemplateRun['scope'] {
  const { state, template, parameterValues, context } = run;
  const scope = createTemplateScope({ template, parameterValues, context, limits: state.ctx.limits, report: (p) => issue(state, p.path, p.message, p.code ?? 'expression-error', 'error', p.text) });
  try {
    runTemplate({ state, template, scope, prefix: '', placement: run.placement, depth: run.depth, addressPrefix: run.addressPrefix });
  } catch (e) {
    failed(state, e);
  }
  return scope;
}

/** A template run as a module of another language's file, with the values its caller gives. */
export interface ArmModuleInput {
  /** The template (`main.json` of a Bicep registry module in the local cache), parsed with `parseTemplateJson`. */
  parsed: ParsedJson;
  /** Its absolute path, which linked templates would be relative to. */
  path: string;
  parameterValues: Record<string, Value>;
  subscription?: string | null;
  resourceGroup?: string | null;
  /** Prefix of its resources' addresses (`storage.` for Bicep module `storage`). */
  addressPrefix: string;
  /** The declaration that calls it: every resource and problem of the template is reported there. */
  at: { file: string; line: number; column: number; language: NormalisedResource['source']['language']; what: string };
  /** The file the deployment starts from (the first of the caller's module chain). */
  entry?: string;
  /** The module calls that lead to the calling declaration, outermost first. */
  via?: readonly CallSite[];
  /** The region `resourceGroup().location` is, when configured for the caller's file. */
  location?: string;
  depth: number;
  /** Templates stored with this one (a template spec's `linkedTemplates`: `{ path, template }`), which its `relativePath` links name. */
  linkedTemplates?: unknown[];
}

/** An output loop (`"copy": { "count", "input" }`): the array of its inputs, `copyIndex()` being each one's index. */
function outputLoop(state: FileState, scope: EvalScope & { withLoops(loops: LoopFrame[]): EvalScope }, copy: unknown, module: string, output: string): Value {
  const what = `${module}: output '${output}'`;
  const jsonPath = `outputs/${output}`;
  if (!isObject(copy as Value) || !('count' in (copy as object)) || !('input' in (copy as object))) return new Unknown(`${what}: a loop needs a count and an input`);
  const { count: rawCount, input } = copy as { count: unknown; input: unknown };
  const count = evalAt(state, scope, rawCount, jsonPath);
  if (isUnknown(count)) return count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return new Unknown(`${what}: the loop count ${JSON.stringify(count)} is not a whole number`);
  if (count > state.ctx.limits.maxLoopInstances) {
    // Reported as a resource loop over the limit is: the value is left unknown, and the scan says why.
    issue(state, jsonPath, `output '${output}': a loop of ${count} instances, over the limit of ${state.ctx.limits.maxLoopInstances}; the output was not evaluated`, 'copy-limit');
    return new Unknown(`${what}: ${count} loop instances, over the limit of ${state.ctx.limits.maxLoopInstances}`);
  }
  const out: Value[] = [];
  for (let i = 0; i < count; i++) out.push(evalAt(state, scope.withLoops([{ name: '', index: i }]), input, jsonPath));
  return out;
}

/** A template spec's stored templates by the absolute path a `relativePath` link from the main template resolves to. */
function embeddedTemplates(mainPath: string, linked: unknown[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const l of linked) {
    const entry = l as { path?: unknown; template?: unknown } | null;
    if (entry && typeof entry.path === 'string' && isObject(entry.template as Value)) out.set(path.resolve(path.dirname(mainPath), entry.path), entry.template);
  }
  return out;
}

/** What the caller of a template module can read of it: its outputs, evaluated on first use. */
export interface ArmModuleResult {
  outputNames: string[];
  output(name: string): Value;
}

/**
 * Runs an ARM template as a module (a Bicep registry module, compiled to ARM JSON in the Bicep cache): its
 * resources go to `out` with the caller's values, placed at the calling declaration. Undefined when it is not a
 * template (reported there). The parsed template is only read, so one parse serves every call of the module.
 */
export function runArmModule(
  input: ArmModuleInput,
  ctx: ReaderContext,
  out: { resources: NormalisedResource[]; issues: ScanIssue[]; consumed: string[]; armParentLinks?: Links['parents'] },
): ArmModuleResult | undefined {
  const { at, parsed } = input;
  const state: FileState = {
    // Its text is not kept: everything read from it is placed at the calling declaration.
    file: { path: input.path, rel: at.file, text: '' },
    json: parsed,
    issues: out.issues,
    resources: out.resources,
    ctx,
    chain: [input.path],
    consumed: out.consumed,
    pinned: { line: at.line, column: at.column, language: at.language, what: at.what },
    ...(input.linkedTemplates ? { embedded: embeddedTemplates(input.path, input.linkedTemplates) } : {}),
    ...(input.entry !== undefined ? { entry: input.entry } : {}),
    ...(input.via !== undefined ? { via: input.via } : {}),
    // Its flat children are linked to their parents once every file is read (with the caller's own links, see
    // bicep/index.ts): its resources are placed in the calling file, at addresses prefixed with the call's symbol. Its
    // references are not followed: a file read later may call a module by the same symbol, giving its resources the same addresses.
    links: { parents: (out.armParentLinks ??= []) },
  };
  const template = parsed.value as Record<string, unknown>;
  if (!isObject(template as Value)) {
    issue(state, '', `${input.path} is not an ARM template (a JSON object)`, 'parse-error');
    return undefined;
  }
  const placement: Placement = {
    ...(input.subscription !== undefined ? { subscription: input.subscription } : {}),
    ...(input.resourceGroup !== undefined ? { resourceGroup: input.resourceGroup } : {}),
  };
  const context = childContext(topContext(state.ctx, input.location), placement, input.addressPrefix.replace(/\.$/, ''));
  const scope = runRoot({ state, template, parameterValues: input.parameterValues, context, placement, depth: input.depth, addressPrefix: input.addressPrefix });
  const outputs = isObject(template.outputs as Value) ? (template.outputs as Record<string, unknown>) : {};
  const values = new Map<string, Value>();
  return {
    outputNames: Object.keys(outputs),
    output(asked: string): Value {
      // Output names are matched as ARM matches them: exactly, else ignoring case (`StorageId` reads `storageId`).
      const name = findKey(outputs as Record<string, Value>, asked);
      if (name === undefined) return new Unknown(`${at.what} has no output '${asked}'`);
      let v = values.get(name);
      if (v === undefined) {
        const def = outputs[name] as Record<string, unknown>;
        try {
          v = !isObject(def as Value) ? new Unknown(`${at.what}: output '${name}' is not an output declaration`) : 'copy' in def ? outputLoop(state, scope, def.copy, at.what, name) : evalAt(state, scope, def.value, `outputs/${name}`);
        } catch (e) {
          failed(state, e);
          v = new Unknown(`${at.what}: output '${name}' could not be evaluated`);
        }
        values.set(name, v);
      }
      return v;
    },
  };
}

export const armReader: Reader = {
  language: 'arm',
  async read(files: SourceFile[], ctx: ReaderContext): Promise<ReadResult> {
    const out: ReadResult = { resources: [], issues: [], consumed: [] };
    // A Bicep file compiled by the Bicep CLI is read on its own (bicep/cli.ts), so an address only it has in its read may
    // be another compiled file's too: references are followed in reads of ARM templates only.
    const links: Links = { parents: [], ...(files.some((f) => /\.bicep$/i.test(f.path)) ? {} : { references: [] }) };
    // What each file read as an entry gave, to take back when another file links it (below).
    const reads: EntryRead[] = [];
    for (const file of files) {
      const start = { resources: out.resources.length, issues: out.issues.length, consumed: out.consumed!.length };
      let ownParameters = false;
      try {
        ownParameters = readFile(file, ctx, out, links);
      } catch (e) {
        // A reader bug on one file must not lose the others: reported against that file, and the scan goes on.
        out.issues.push({ file: file.rel, line: 1, column: 1, severity: 'error', code: 'reader-error', message: `the ARM reader failed on this file: ${(e as Error).message}` });
      }
      const linked = new Set(out.consumed!.slice(start.consumed));
      linked.delete(file.path);
      reads.push({ file, resources: [start.resources, out.resources.length], issues: [start.issues, out.issues.length], linked, ownParameters });
    }
    dropLinkedEntries(out, links, reads);
    makeLinks(links, out.resources);
    const parameterised = reads.filter((r) => r.ownParameters).map((r) => r.file.path);
    if (parameterised.length) out.parameterisedEntries = parameterised;
    return out;
  },
};

/** What reading one file as an entry gave (ranges of the read's resources and issues), and the files it linked. */
interface EntryRead {
  file: SourceFile;
  resources: [number, number];
  issues: [number, number];
  linked: Set<string>;
  /** It has a parameters file of its own: deployed on its own as well as linked, so it stays an entry. */
  ownParameters: boolean;
}

/**
 * A template another scanned template links is a part of that deployment, not one of its own: its resources are
 * reported as the templates linking it deploy them, with their parameter values, and not again as an entry deployed
 * with its defaults (as a Bicep file used as a module is not an entry), unless it has a parameters file of its own, which
 * says it is deployed on its own too. The problems its read as an entry reported go
 * too: read through the link, the file's own problems are reported again at the same places (a parse error, an
 * expression that fails whatever the values), and those that come of its defaults are not its linker's.
 */
function dropLinkedEntries(out: ReadResult, links: Links, reads: readonly EntryRead[]): void {
  // The files linked from the entries no other entry links: templates that link each other and nothing else (a cycle,
  // reported as one) stay entries, so what is in them is reported.
  const linkedByAny = new Set(reads.flatMap((r) => [...r.linked]));
  const linked = new Set(reads.filter((r) => !linkedByAny.has(r.file.path)).flatMap((r) => [...r.linked]));
  const dropped = reads.filter((r) => linked.has(r.file.path) && !r.ownParameters);
  if (dropped.length === 0) return;
  const gone = new Set<NormalisedResource>();
  const goneIssues = new Set<ScanIssue>();
  for (const r of dropped) {
    for (let i = r.resources[0]; i < r.resources[1]; i++) gone.add(out.resources[i]);
    for (let i = r.issues[0]; i < r.issues[1]; i++) goneIssues.add(out.issues[i]);
  }
  out.resources = out.resources.filter((r) => !gone.has(r));
  out.issues = out.issues.filter((i) => !goneIssues.has(i));
  links.parents = links.parents.filter((l) => !gone.has(l.child) && !gone.has(l.parent));
  if (links.references) links.references = links.references.filter((l) => !gone.has(l.resource) && ![...l.targets.values()].some((t) => gone.has(t)));
}

/** Evaluates one expression string against a scope (used by the Bicep compile path and tests). */
export { evaluateString };
export { parseTemplateJson } from './json';
