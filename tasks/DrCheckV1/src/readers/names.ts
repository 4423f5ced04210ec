/**
 * Names only known at deployment, as the ARM and Bicep readers read them to link resources of one template or file.
 * A name written `[format('{0}/{1}', parameters('vaultName'), 'vaultstorageconfig')]` (ARM) or
 * `'${vaultName}/vaultstorageconfig'` (Bicep) has no value a scan can match, yet it plainly names a child of the vault
 * named `vaultName` in the same template: the same parameters have the same values throughout one template (and only
 * there). A name is read as its parts (literal text, and the unknown expressions in it as written), then as segments;
 * two names with the same segments are the same name.
 */
import type { NormalisedResource } from '../../../../shared/model/resource';
import { carrySometimesKeys, isUnknown, setProp, Unknown, type Value } from '../../../../shared/model/value';

/** Nesting a name is read through (concat(), format(), interpolations, variables, `.name`): beyond it, it is not read. */
export const MAX_NAME_NESTING = 16;

/** A part of a name: literal text (in lower case: names compare ignoring case), or an unknown expression as written. */
export type NamePart = string | { expr: string };

/**
 * The parts of a name expression's value, as `evaluate` gives it (a name it cannot evaluate is not read): literal text
 * for a string or a whole number; null when it is only known at deployment (then read from how it is written);
 * undefined for any other value.
 */
export function valueParts(evaluate: () => Value): NamePart[] | null | undefined {
  let value: Value;
  try {
    value = evaluate();
  } catch {
    return undefined;
  }
  if (typeof value === 'string') return [value.toLowerCase()];
  if (typeof value === 'number' && Number.isInteger(value)) return [String(value)];
  return isUnknown(value) ? null : undefined;
}

/** The segments of a name read as parts, each as one string that compares equal for the same segment; undefined for an empty one. */
export function segmentsOf(parts: readonly NamePart[]): string[] | undefined {
  const segments: NamePart[][] = [[]];
  for (const part of parts) {
    if (typeof part !== 'string') {
      segments[segments.length - 1].push(part);
      continue;
    }
    const pieces = part.split('/');
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0) segments.push([]);
      if (!pieces[i]) continue;
      const segment = segments[segments.length - 1];
      const last = segment.length - 1;
      if (last >= 0 && typeof segment[last] === 'string') segment[last] += pieces[i];
      else segment.push(pieces[i]);
    }
  }
  return segments.every((s) => s.length > 0) ? segments.map((s) => JSON.stringify(s)) : undefined;
}

/** A key for a resource type (in lower case) and the segments of its name. */
export const shapeKey = (lowerType: string, shape: readonly string[]) => `${lowerType}\n${JSON.stringify(shape)}`;

/**
 * Declarations by lower-case type and name shape (see shapeKey), for the types asked for: where a reader looks up the
 * resource a flat child's name or a resource id names. `shape` gives a declaration's segments, undefined when unread.
 */
export function indexByShape<D>(declared: readonly D[], lowerType: (d: D) => string, shape: (d: D) => readonly string[] | undefined, types: ReadonlySet<string>): Map<string, D[]> {
  const index = new Map<string, D[]>();
  for (const d of declared) {
    const type = lowerType(d);
    const s = types.has(type) ? shape(d) : undefined;
    if (!s) continue;
    const k = shapeKey(type, s);
    const list = index.get(k);
    if (list) list.push(d);
    else index.set(k, [d]);
  }
  return index;
}

/** A resource's type (in lower case) and address: what a link by address reaches, with `where` narrowing it (its file). */
const atAddress = (r: NormalisedResource, where = '') => `${r.type.toLowerCase()}\n${r.address}\n${where}`;

/**
 * Whether a link by address would reach exactly `r` among `resources`: no other resource of its type has its address
 * (anywhere, or `inFile`: in its file, as the engine looks for a child's parent in the child's file first). Counted once.
 */
export function aloneAtAddress(resources: readonly NormalisedResource[]): (r: NormalisedResource, inFile?: boolean) => boolean {
  const count = new Map<string, number>();
  const bump = (k: string) => count.set(k, (count.get(k) ?? 0) + 1);
  for (const r of resources) {
    bump(atAddress(r));
    bump(atAddress(r, r.source.file));
  }
  return (r, inFile = false) => count.get(atAddress(r, inFile ? r.source.file : '')) === 1;
}

/** `v` with the Unknowns in `targets` replaced, copied where it changes (a value may be shared by several resources). */
export function replaced(v: Value, targets: ReadonlyMap<Unknown, string>): Value {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Unknown) return targets.get(v) ?? v;
  if (Array.isArray(v)) {
    let out: Value[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = replaced(v[i], targets);
      if (x !== v[i]) (out ??= v.slice())[i] = x;
    }
    return out ?? v;
  }
  let out: { [key: string]: Value } | undefined;
  for (const k of Object.keys(v)) {
    const x = replaced(v[k], targets);
    if (x === v[k]) continue;
    if (!out) {
      out = {};
      for (const key of Object.keys(v)) setProp(out, key, v[key]);
      // Keys the object has in some cases only stay so.
      carrySometimesKeys(out, [v]);
    }
    setProp(out, k, x);
  }
  return out ?? v;
}
