/**
 * Bicep registry modules (`br:` and `br/<alias>:`) and template specs (`ts:` and `ts/<alias>:`) read from the
 * local Bicep module cache.
 *
 * `bicep restore` (or any `bicep build`) downloads each registry module once, as the ARM JSON it was compiled
 * to, under `<cache root>/br/<registry>/<repository>/<tag>/main.json`. drcheck reads that file and never the
 * network: a pipeline runs `bicep restore` first, as it must before deploying anyway. The cache root is
 * `cacheRootDirectory` of the nearest bicepconfig.json, else `~/.bicep`; aliases come from its `moduleAliases`,
 * with Bicep's built-in `public` (the Microsoft registry, `mcr.microsoft.com/bicep`). A template spec is cached as
 * its version resource (`properties.mainTemplate` is the template) under `<cache root>/ts/<subscription>/<resource
 * group>/<name>/<version>/main.json`, all lower case.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stripComments } from 'jsonc-parser';
import type { Limits } from '../../../../../shared/config/limits';
import { isObject, type Value } from '../../../../../shared/model/value';
import { parseTemplateJson } from '../arm';
import type { ParsedJson } from '../arm/json';
import { isInside } from '../confine';
import type { ReaderContext } from '../types';

/** An OCI artifact a module path names. */
export interface RegistryReference {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

interface Alias {
  registry: string;
  modulePath?: string;
}

/** A template spec version a module path names. */
export interface TemplateSpecReference {
  subscription: string;
  resourceGroup: string;
  name: string;
  version: string;
}

interface TemplateSpecAlias {
  subscription: string;
  resourceGroup: string;
}

/** A `moduleAliases.ts` entry that lacks what Bicep requires of it (both a subscription and a resource group). */
interface IncompleteAlias {
  missing: string;
}

/** What drcheck reads of a bicepconfig.json: registry and template-spec aliases, and the cache root. */
export interface BicepConfig {
  aliases: Map<string, Alias>;
  templateSpecAliases?: Map<string, TemplateSpecAlias | IncompleteAlias>;
  cacheRoot: string;
  /** The file it came from, for messages; undefined for Bicep's defaults. */
  file?: string;
}

// The OCI distribution grammar (and Bicep's checks): nothing here can step out of the cache folder.
const REGISTRY = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$/i;
const REPOSITORY = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

const SUBSCRIPTION = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
// Azure's resource group and template spec name characters; not only dots, so never `.` or `..` as a folder.
const ARM_NAME = /^(?!\.+$)[-\w.()]{1,90}$/;

const BUILT_IN_ALIASES: ReadonlyMap<string, Alias> = new Map([['public', { registry: 'mcr.microsoft.com', modulePath: 'bicep' }]]);

/** The alias `name` (`br/<name>:`, `ts/<name>:`): the one written so, else one in another case. */
function aliasNamed<A>(aliases: ReadonlyMap<string, A>, name: string): A | undefined {
  return aliases.get(name) ?? [...aliases].find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

/** Whether a module path is a registry module (`br:…`, `br/alias:…`). */
export function isRegistryPath(modulePath: string): boolean {
  return /^br(\/[^:]+)?:/.test(modulePath);
}

/**
 * The artifact `br:<registry>/<repository>:<tag>` (or `@<digest>`) or `br/<alias>:<path>:<tag>` names, or why
 * it names none.
 */
export function parseRegistryPath(modulePath: string, config: BicepConfig): RegistryReference | { error: string } {
  const aliased = /^br\/([^:]+):(.*)$/.exec(modulePath);
  let full: string;
  if (aliased) {
    const [, name, rest] = aliased;
    const alias = aliasNamed(config.aliases, name);
    if (!alias) return { error: `no module alias '${name}' in ${config.file ?? 'bicepconfig.json (none found)'}` };
    full = `${alias.registry}/${alias.modulePath ? `${alias.modulePath.replace(/^\/+|\/+$/g, '')}/` : ''}${rest}`;
  } else full = modulePath.slice('br:'.length);
  const slash = full.indexOf('/');
  if (slash <= 0) return { error: 'a registry module path is <registry>/<repository>:<tag>' };
  const registry = full.slice(0, slash);
  const rest = full.slice(slash + 1);
  const at = rest.lastIndexOf('@');
  const colon = rest.lastIndexOf(':');
  let ref: RegistryReference;
  if (at > 0) ref = { registry, repository: rest.slice(0, at), digest: rest.slice(at + 1) };
  else if (colon > 0) ref = { registry, repository: rest.slice(0, colon), tag: rest.slice(colon + 1) };
  else return { error: 'a registry module path needs a tag (:<version>) or a digest (@sha256:…)' };
  if (!REGISTRY.test(ref.registry)) return { error: `'${ref.registry}' is not a registry name` };
  if (!REPOSITORY.test(ref.repository)) return { error: `'${ref.repository}' is not a repository name (lower-case letters, digits, separators)` };
  if (ref.tag !== undefined && !TAG.test(ref.tag)) return { error: `'${ref.tag}' is not a tag` };
  if (ref.digest !== undefined && !DIGEST.test(ref.digest)) return { error: `'${ref.digest}' is not a sha256 digest` };
  return ref;
}

/** Whether a module path is a template spec (`ts:…`, `ts/alias:…`). */
export function isTemplateSpecPath(modulePath: string): boolean {
  return /^ts(\/[^:]+)?:/.test(modulePath);
}

/**
 * The template spec version `ts:<subscription>/<resource group>/<name>:<version>` or `ts/<alias>:<name>:<version>`
 * names, or why it names none.
 */
export function parseTemplateSpecPath(modulePath: string, config: BicepConfig): TemplateSpecReference | { error: string } {
  const aliased = /^ts\/([^:]+):(.*)$/.exec(modulePath);
  let subscription: string;
  let resourceGroup: string;
  let rest: string;
  if (aliased) {
    const [, name, after] = aliased;
    const alias = config.templateSpecAliases && aliasNamed(config.templateSpecAliases, name);
    if (!alias) return { error: `no template spec alias '${name}' in ${config.file ?? 'bicepconfig.json (none found)'}` };
    if ('missing' in alias) return { error: `template spec alias '${name}' in ${config.file} has no ${alias.missing}` };
    ({ subscription, resourceGroup } = alias);
    rest = after;
  } else {
    const parts = modulePath.slice('ts:'.length).split('/');
    if (parts.length !== 3) return { error: 'a template spec path is ts:<subscription>/<resource group>/<name>:<version>' };
    [subscription, resourceGroup, rest] = parts;
  }
  const colon = rest.lastIndexOf(':');
  if (colon <= 0) return { error: 'a template spec path needs a version (:<version>)' };
  const ref = { subscription, resourceGroup, name: rest.slice(0, colon), version: rest.slice(colon + 1) };
  if (!SUBSCRIPTION.test(ref.subscription)) return { error: `'${ref.subscription}' is not a subscription id` };
  for (const [what, v] of [['resource group', ref.resourceGroup], ['template spec name', ref.name], ['version', ref.version]] as const) {
    if (!ARM_NAME.test(v)) return { error: `'${v}' is not a ${what}` };
  }
  return ref;
}

/** Where `bicep restore` keeps the template spec version (the resource, whose `properties.mainTemplate` is the template). */
export function cachedTemplateSpecPath(ref: TemplateSpecReference, cacheRoot: string): string {
  return path.join(cacheRoot, 'ts', ref.subscription.toLowerCase(), ref.resourceGroup.toLowerCase(), ref.name.toLowerCase(), ref.version.toLowerCase(), 'main.json');
}

/**
 * A tag as Bicep names its cache folder: the tag, `$`, then the positions of its upper-case letters as a hex
 * bit mask (two 64-bit words, high word first, the first non-zero word unpadded), so that case-insensitive file
 * systems keep `V1` and `v1` apart.
 */
export function encodeTag(tag: string): string {
  const words = [0n, 0n];
  for (let i = 0; i < tag.length; i++) {
    const c = tag.charCodeAt(i);
    if (c >= 65 && c <= 90) words[i >> 6] |= 1n << BigInt(i & 63); // A-Z: a tag is ASCII
  }
  let out = `${tag}$`;
  let leading = false;
  for (let w = words.length - 1; w >= 0; w--) {
    if (words[w] === 0n && !leading) continue;
    out += leading ? words[w].toString(16).padStart(16, '0') : words[w].toString(16);
    leading = true;
  }
  return out;
}

/**
 * Whether a file is a module in a Bicep module cache (`…/br/<registry>/<repository>/<tag>$/main.json`, as
 * cachedTemplatePath makes it, or `…/ts/<subscription>/<resource group>/<name>/<version>/main.json`). A cache kept
 * inside the scanned folder is not scanned on its own: each module is read through the `module` that uses it, with
 * that call's params, and on its own it would be judged again on its defaults.
 */
export function isCachedModuleFile(file: string): boolean {
  const parts = file.split(path.sep);
  const n = parts.length;
  if (n < 6 || parts[n - 1] !== 'main.json') return false;
  if (parts[n - 5] === 'br') {
    const version = parts[n - 2];
    const dollar = version.lastIndexOf('$');
    return (dollar > 0 && TAG.test(version.slice(0, dollar)) && /^[0-9a-f]*$/.test(version.slice(dollar + 1))) || DIGEST.test(version.replace('#', ':'));
  }
  return parts[n - 6] === 'ts' && SUBSCRIPTION.test(parts[n - 5]);
}

/** Where `bicep restore` keeps the artifact's compiled template. */
export function cachedTemplatePath(ref: RegistryReference, cacheRoot: string): string {
  const registry = ref.registry.replace(/:/g, '$').toLowerCase();
  const repository = ref.repository.replace(/\//g, '$');
  const version = ref.tag !== undefined ? encodeTag(ref.tag) : ref.digest!.replace(':', '#');
  return path.join(cacheRoot, 'br', registry, repository, version, 'main.json');
}

/**
 * Reads the cached template, applying the size limit; an error says what to do when it is not there. Only a file
 * inside the cache root, links resolved: `bicep restore` writes plain files, and a cache kept in the repository
 * (which a pull request can change) could otherwise hold a link to any file of the agent.
 */
function readCachedTemplate(file: string, maxBytes: number, cacheRoot: string): { text: string } | { error: string } {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { error: `${file} is not a file` };
    size = st.size;
  } catch {
    return { error: `not in the local Bicep module cache (${file}): run \`bicep restore\` on the file before drcheck to scan its resources` };
  }
  try {
    if (!isInside(fs.realpathSync(file), fs.realpathSync(cacheRoot))) return { error: `${file} links outside the Bicep module cache (${cacheRoot}); not read` };
  } catch (e) {
    return { error: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  if (size > maxBytes) return { error: `${file} is ${size} bytes, over the ${maxBytes}-byte limit; not read` };
  try {
    return { text: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    return { error: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
}

/** A cached module, read and parsed once however many calls use it: the template, and a template spec's stored links. */
export interface CachedModule {
  parsed: ParsedJson;
  linked?: Value[];
}

/**
 * Reads and parses a module from the cache, or says why not (the words follow the module path in a warning). A
 * template spec is cached as its version resource: the template is its `properties.mainTemplate`.
 */
export function loadCachedModule(file: string, kind: 'registry' | 'template-spec', cacheRoot: string, limits: Limits): CachedModule | { error: string } {
  const r = readCachedTemplate(file, limits.maxFileBytes, cacheRoot);
  if ('error' in r) return { error: `is ${r.error.startsWith('not in') ? '' : 'unreadable: '}${r.error}` };
  const parsed = parseTemplateJson(r.text, limits.maxNestingDepth);
  if ('message' in parsed) return { error: `is not a template: ${parsed.message} at ${parsed.line}:${parsed.column} of ${file}` };
  if (kind === 'registry') return { parsed };
  const props = isObject(parsed.value as Value) ? (parsed.value as { [k: string]: Value }).properties : undefined;
  const main = isObject(props) && Object.hasOwn(props, 'mainTemplate') ? props.mainTemplate : undefined;
  const linked = isObject(props) && Object.hasOwn(props, 'linkedTemplates') && Array.isArray(props.linkedTemplates) ? props.linkedTemplates : [];
  return isObject(main) ? { parsed: { ...parsed, value: main }, linked } : { error: `is not a template spec version: ${file} has no properties.mainTemplate` };
}

/**
 * The bicepconfig.json that applies to a Bicep file: the nearest one in its folder or above, as far as the
 * scan may read; Bicep's defaults when there is none. Problems in it are returned, to report where it is used.
 */
export function bicepConfigFor(bicepFile: string, ctx: ReaderContext, cache: Map<string, BicepConfig | { error: string; file: string }>): BicepConfig | { error: string; file: string } {
  const seen: string[] = [];
  let dir = path.dirname(bicepFile);
  let found: BicepConfig | { error: string; file: string } | undefined;
  for (;;) {
    const hit = cache.get(dir);
    if (hit) {
      found = hit;
      break;
    }
    seen.push(dir);
    const candidate = path.join(dir, 'bicepconfig.json');
    if (ctx.confine(candidate) !== undefined) {
      const r = ctx.readText(candidate);
      if ('text' in r) {
        found = readConfig(candidate, r.text, ctx);
        break;
      }
      // One that is there but cannot be read (too large, binary, no permission) is the one Bicep uses, and fails on:
      // never one further up, nor the defaults, in its place.
      if (!/\bENOENT\b/.test(r.error)) {
        found = { error: `${ctx.rel(candidate)} cannot be read (${r.error})`, file: ctx.rel(candidate) };
        break;
      }
    }
    const up = path.dirname(dir);
    if (up === dir || ctx.confine(up) === undefined) break;
    dir = up;
  }
  found ??= { aliases: new Map(BUILT_IN_ALIASES), cacheRoot: path.join(os.homedir(), '.bicep') };
  for (const d of seen) cache.set(d, found);
  return found;
}

function readConfig(file: string, text: string, ctx: ReaderContext): BicepConfig | { error: string; file: string } {
  const shown = ctx.rel(file);
  let doc: unknown;
  try {
    // Comments blanked, the native parser reads it: a `__proto__` key stays data. A UTF-8 byte order mark (as
    // Windows editors write) is not JSON, but Bicep reads past it.
    doc = JSON.parse(stripComments(text.replace(/^\uFEFF/, ''), ' '));
  } catch (e) {
    return { error: `${shown} is not valid JSON (${(e as Error).message})`, file: shown };
  }
  const own = (o: unknown, k: string): unknown => (o && typeof o === 'object' && !Array.isArray(o) && Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined);
  const aliases = new Map(BUILT_IN_ALIASES);
  const br = own(own(doc, 'moduleAliases'), 'br');
  if (br && typeof br === 'object') {
    for (const name of Object.keys(br)) {
      const registry = own(own(br, name), 'registry');
      const modulePath = own(own(br, name), 'modulePath');
      if (typeof registry === 'string') aliases.set(name, { registry, ...(typeof modulePath === 'string' ? { modulePath } : {}) });
    }
  }
  const templateSpecAliases = new Map<string, TemplateSpecAlias | IncompleteAlias>();
  const ts = own(own(doc, 'moduleAliases'), 'ts');
  if (ts && typeof ts === 'object') {
    for (const name of Object.keys(ts)) {
      const subscription = own(own(ts, name), 'subscription');
      const resourceGroup = own(own(ts, name), 'resourceGroup');
      if (typeof subscription === 'string' && typeof resourceGroup === 'string') templateSpecAliases.set(name, { subscription, resourceGroup });
      else templateSpecAliases.set(name, { missing: typeof subscription === 'string' ? 'resourceGroup' : typeof resourceGroup === 'string' ? 'subscription' : 'subscription or resourceGroup' });
    }
  }
  const configured = own(doc, 'cacheRootDirectory');
  const root = typeof configured === 'string' && configured ? configured : undefined;
  const cacheRoot = root === undefined ? path.join(os.homedir(), '.bicep') : root.startsWith('~') ? path.join(os.homedir(), root.slice(1)) : path.resolve(path.dirname(file), root);
  return { aliases, templateSpecAliases, cacheRoot, file: shown };
}
