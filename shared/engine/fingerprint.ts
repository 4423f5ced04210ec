/**
 * A resource's fingerprint: a short hash of the resource as drcheck read it (its type, API version, name, placement, parent and
 * evaluated body; not where it is written). Two runs that read one declaration alike give one fingerprint.
 *
 * The pull-request gate uses it across drcheck versions: when the baseline was made by another version and a
 * resource's fingerprint did not change, a change in its verdict comes from drcheck (a new rule, a corrected
 * catalog fact), not from the pull request.
 *
 * Two 32-bit multiply-xor lanes (the cyrb53 scheme), 16 hexadecimal digits. Not cryptographic: a collision only
 * makes two different declarations look alike to the gate, for the first run after an update. Computed for every
 * resource of every scan, so the lanes live in two module variables, not in an object per resource.
 */
import type { NormalisedResource } from '../model/resource';
import { Unknown, type Value } from '../model/value';

const HEX = '0123456789abcdef';

let h1 = 0;
let h2 = 0;

function code(c: number): void {
  h1 = Math.imul(h1 ^ c, 2654435761);
  h2 = Math.imul(h2 ^ c, 1597334677);
}

function text(s: string): void {
  let a = h1;
  let b = h2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  h1 = a;
  h2 = b;
  // The length ends each string, so `["ab", "c"]` and `["a", "bc"]` differ.
  code(0x110000 + s.length);
}

// Tags, above any UTF-16 code unit, for what each value is.
const UNDEFINED = 0x120001;
const NULL = 0x120002;
const STRING = 0x120003;
const NUMBER = 0x120004;
const TRUE = 0x120005;
const FALSE = 0x120006;
const UNKNOWN = 0x120007;
const ARRAY = 0x120008;
const OBJECT = 0x120009;
const END = 0x12000a;
const KNOWN = 0x12000b;

function value(v: Value | undefined): void {
  if (typeof v === 'string') {
    code(STRING);
    text(v);
  } else if (v === undefined) code(UNDEFINED);
  else if (v === null) code(NULL);
  else if (typeof v === 'number') {
    code(NUMBER);
    text(String(v));
  } else if (typeof v === 'boolean') code(v ? TRUE : FALSE);
  else if (v instanceof Unknown) {
    // What the value is written as (or why it is unknown), and what it can be.
    code(UNKNOWN);
    text(v.expression ?? v.reason);
    if (v.oneOf) for (const alt of v.oneOf) value(alt);
    // What a partly unknown object sets whatever the rest is (hashed only when there is some: fingerprints 1.1 wrote stay).
    if (v.known) {
      code(KNOWN);
      value(v.known as Value);
    }
    code(END);
  } else if (Array.isArray(v)) {
    code(ARRAY);
    for (let i = 0; i < v.length; i++) value(v[i]);
    code(END);
  } else {
    code(OBJECT);
    const o = v as { [k: string]: Value };
    // In key order, not insertion order: that comes from evaluation (two azapi_update_resource patches merge in the
    // order of their files, so renaming one would change the fingerprint), and property order means nothing to ARM.
    const keys = sortedKeys(o);
    for (let i = 0; i < keys.length; i++) {
      text(keys[i]);
      value(o[keys[i]]);
    }
    code(END);
  }
}

/**
 * The fingerprint (`lowerType` is the resource's type in lower case, which the caller has), or undefined for a body
 * that cannot be read (the rule reports it): the resource then has none.
 */
export function fingerprint(resource: NormalisedResource, lowerType: string): string | undefined {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  try {
    text(lowerType);
    // Part of the declaration rules read (a Standard public IP without zones is zone-redundant before API 2020-08-01).
    value(resource.apiVersion);
    value(resource.name);
    value(resource.subscription);
    value(resource.resourceGroup);
    value(resource.parentByName ? undefined : resource.parent);
    value(resource.settingOf);
    value(resource.body);
  } catch {
    return undefined;
  }
  let a = h1;
  let b = h2;
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  // Digit by digit into one flat string (a number's toString(36) takes a microsecond; `+` would make a rope).
  const d = (x: number, shift: number) => HEX.charCodeAt((x >>> shift) & 15);
  return String.fromCharCode(
    d(b, 28), d(b, 24), d(b, 20), d(b, 16), d(b, 12), d(b, 8), d(b, 4), d(b, 0),
    d(a, 28), d(a, 24), d(a, 20), d(a, 16), d(a, 12), d(a, 8), d(a, 4), d(a, 0),
  );
}

/**
 * The object's own keys in `Array.prototype.sort()` order (UTF-16 code units), sorted in place by insertion.
 * Objects here have a handful of keys; the built-in sort allocates a work array per call, a fifth of a scan's garbage.
 * Insertion is quadratic, so a large object (a scanned file can hold one with 100,000 keys) takes the built-in sort.
 */
function sortedKeys(o: object): string[] {
  const keys = Object.keys(o);
  if (keys.length > 32) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > k) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}
