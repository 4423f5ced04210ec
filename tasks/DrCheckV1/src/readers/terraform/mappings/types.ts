/**
 * A mapping turns one azurerm resource's evaluated arguments into the ARM-shaped body the catalog
 * rules read, so ARM, Bicep and Terraform are judged by the same rules.
 */
import { isObject, isUnknown, mapAlternatives, Unknown, withoutAlternatives, type Value } from '../../../../../../shared/model/value';

export type Attrs = { [k: string]: Value };

export interface Mapped {
  /** ARM type. */
  type: string;
  body: { [k: string]: Value };
  /** ARM type of the resource this one only sets options of (see NormalisedResource.settingOf). */
  settingOf?: string;
  /**
   * ARM child resources the provider creates from nested blocks (a registry's `georeplications` become its
   * `replications`): each with its ARM type, its own name (the parent's is prepended), its block's place and body.
   */
  children?: Array<{ type: string; name: string | null; block: string; body: { [k: string]: Value } }>;
}

/** What the root module's configuration says of the azurerm provider (see provider.ts). */
export interface ProviderInfo {
  /** 4 for azurerm 4.0 or later, 3 for 3.x: whose defaults apply. */
  azurermMajor?: number;
}

export type Mapper = (a: Attrs, provider?: ProviderInfo) => Mapped;

/**
 * The first nested block of that name (`geo_location { … }` arrives as a list of objects). When the
 * blocks are Unknown (a dynamic block whose for_each is not known), a block every argument of which is
 * that Unknown: the mapping carries the reason on instead of reading the block as absent.
 */
export function block(a: Attrs, name: string): Attrs | undefined {
  const v = a[name];
  if (isUnknown(v)) {
    // Each argument is a part of the unknown block, none of the block's alternatives.
    const u = withoutAlternatives(v);
    return new Proxy({} as Attrs, { get: (_, k) => (typeof k === 'string' ? u : undefined) });
  }
  if (Array.isArray(v)) return isObject(v[0]) ? (v[0] as Attrs) : undefined;
  return isObject(v) ? (v as Attrs) : undefined;
}

export function blocks(a: Attrs, name: string): Attrs[] {
  const v = a[name];
  if (Array.isArray(v)) return v.filter(isObject) as Attrs[];
  return isObject(v) ? [v as Attrs] : [];
}

/** `f` over each nested block of that name; an Unknown (a dynamic block whose for_each is not known) stays Unknown. */
export function mapBlocks(a: Attrs, name: string, f: (b: Attrs) => Value): Value {
  const v = a[name];
  return isUnknown(v) ? withoutAlternatives(v) : blocks(a, name).map(f);
}

/** The first defined argument among names (azurerm 4.x name first, then 3.x). */
export function arg(a: Attrs, ...names: string[]): Value | undefined {
  for (const n of names) if (a[n] !== undefined) return a[n];
  return undefined;
}

/** Drops undefined entries so bodies look like what ARM would have. */
export function clean<T extends { [k: string]: Value | undefined }>(o: T): { [k: string]: Value } {
  const out: { [k: string]: Value } = {};
  for (const k in o) {
    const v = o[k];
    if (v !== undefined) out[k] = v as Value;
  }
  return out;
}

/**
 * `true`/`false` argument → ARM's 'Enabled'/'Disabled'. azurerm 2.x wrote some of these arguments as the
 * strings 'Enabled'/'Disabled' (MySQL single server `storage_profile { geo_redundant_backup = "Enabled" }`),
 * read case-insensitively as the provider does.
 */
export function enabled(v: Value | undefined): Value | undefined {
  if (v === undefined) return v;
  return isUnknown(v) ? mapAlternatives(v, enabledOrDisabled) : enabledOrDisabled(v);
}

/** One known value of a boolean argument as ARM writes it. */
const enabledOrDisabled = (x: Value): Value => (x === true || (typeof x === 'string' && (x === 'true' || x.toLowerCase() === 'enabled')) ? 'Enabled' : 'Disabled');

/** The usual top-level fields: location, tags, zones (see {@link armBody}). */
function common(a: Attrs): { [k: string]: Value } {
  const out: { [k: string]: Value } = {};
  if (a.location !== undefined) out.location = a.location;
  if (a.tags !== undefined) out.tags = a.tags;
  if (a.zones !== undefined) out.zones = a.zones;
  // Virtual machines name their one zone in `zone`; ARM lists it in `zones`.
  else if (a.zone !== undefined && a.zone !== null) out.zones = isUnknown(a.zone) ? mapAlternatives(a.zone, (z) => (z === null ? null : [z])) : [a.zone];
  return out;
}

/**
 * An ARM body: the usual top-level fields, then `fields`, without undefined entries. (Not `clean({ ...common(a), … })`:
 * object spread of small objects with undefined values is a slow path in V8, ~100× slower, and ran for every resource.)
 */
export function armBody(a: Attrs, fields: { [k: string]: Value | undefined }): { [k: string]: Value } {
  const out = common(a);
  for (const k in fields) {
    const v = fields[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export function unknownDefault(argName: string, why: string): Unknown {
  return new Unknown(`${argName} is not set and ${why}`);
}
