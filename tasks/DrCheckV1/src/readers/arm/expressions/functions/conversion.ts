/**
 * Conversion and encoding functions: int, float, bool, json, base64, base64ToString, base64ToJson,
 * dataUri, dataUriToString, uri, uriComponent, uriComponentToString. Encodings follow .NET:
 * uriComponent escapes everything but `A-Z a-z 0-9 - _ . ~` (Uri.EscapeDataString), and
 * uriComponentToString decodes `+` as a space and leaves malformed escapes as written (HttpUtility.UrlDecode).
 */
import { isObject } from '../../../../../../../shared/model/value';
import { fail } from '../errors';
import { parseArmJson } from '../json';
import { asString, toArmString, typeName } from '../values';
import { eager, type FunctionDef } from './types';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(s: string): Buffer {
  const compact = s.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) fail(`'${s.length > 60 ? `${s.slice(0, 60)}…` : s}' is not valid base64`);
  return Buffer.from(compact, 'base64');
}

/** Uri.EscapeDataString: percent-encodes UTF-8 bytes of everything except unreserved characters. */
export function escapeDataString(s: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(s);
  } catch {
    return fail('the string contains an unpaired surrogate character and cannot be URI-encoded');
  }
  return encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const HEX = (c: number) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);

/** HttpUtility.UrlDecode: `+` is a space, `%XX` are UTF-8 bytes, malformed escapes stay as written. */
export function urlDecode(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 43 /* + */) bytes.push(32);
    else if (c === 37 /* % */ && i + 2 < s.length && HEX(s.charCodeAt(i + 1)) >= 0 && HEX(s.charCodeAt(i + 2)) >= 0) {
      bytes.push(HEX(s.charCodeAt(i + 1)) * 16 + HEX(s.charCodeAt(i + 2)));
      i += 2;
    } else {
      for (const b of Buffer.from(s[i] + (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length ? s[++i] : ''), 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseInteger(s: string): number {
  const t = s.trim();
  if (!/^[-+]?\d+$/.test(t)) fail(`cannot convert '${s}' to an integer`);
  const n = Number(t);
  if (!Number.isSafeInteger(n)) fail(`'${s}' is outside the integer range drcheck evaluates exactly`);
  return n;
}

export const CONVERSION_FUNCTIONS: Record<string, FunctionDef> = {
  int: eager(1, 1, (args) => {
    const v = args[0];
    if (typeof v === 'number') return Math.trunc(v);
    if (typeof v === 'string') return parseInteger(v);
    return fail(`expects an integer or a string, got ${typeName(v)}`);
  }),
  float: eager(1, 1, (args) => {
    const v = args[0];
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    return fail(`cannot convert ${typeof v === 'string' ? `'${v}'` : typeName(v)} to a number`);
  }),
  bool: eager(1, 1, (args) => {
    const v = args[0];
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'string') {
      const t = v.trim().toLowerCase();
      if (t === 'true') return true;
      if (t === 'false') return false;
    }
    return fail(`cannot convert ${typeof v === 'string' ? `'${v}'` : typeName(v)} to a boolean`);
  }),
  json: eager(1, 1, (args) => (args[0] === null ? {} : parseArmJson(asString(args[0], 'its argument')))),
  base64: eager(1, 1, (args) => Buffer.from(asString(args[0], 'its argument'), 'utf8').toString('base64')),
  base64ToString: eager(1, 1, (args) => decodeBase64(asString(args[0], 'its argument')).toString('utf8')),
  base64ToJson: eager(1, 1, (args) => parseArmJson(decodeBase64(asString(args[0], 'its argument')).toString('utf8'))),
  dataUri: eager(1, 1, (args) => {
    const v = args[0];
    const isText = typeof v === 'string';
    const data = Array.isArray(v) || isObject(v) ? JSON.stringify(v) : toArmString(v);
    return `data:${isText ? 'text/plain' : 'application/json'};charset=utf8;base64,${Buffer.from(data, 'utf8').toString('base64')}`;
  }),
  dataUriToString: eager(1, 1, (args) => {
    const uri = asString(args[0], 'its argument');
    const comma = uri.indexOf(',');
    if (!uri.toLowerCase().startsWith('data:') || comma < 0) fail(`'${uri.length > 60 ? `${uri.slice(0, 60)}…` : uri}' is not a data URI`);
    const meta = uri.slice(5, comma).split(';');
    const data = uri.slice(comma + 1);
    const charset = meta.find((m) => m.toLowerCase().startsWith('charset='))?.slice(8).toLowerCase();
    if (charset && !['utf8', 'utf-8', 'us-ascii', 'ascii'].includes(charset)) fail(`the data URI charset '${charset}' is not supported`);
    return meta[meta.length - 1].toLowerCase() === 'base64' ? decodeBase64(data).toString('utf8') : urlDecode(data);
  }),
  uri: eager(2, 2, (args) => {
    const base = asString(args[0], 'baseUri');
    const relative = asString(args[1], 'relativeUri');
    let baseUrl: URL;
    try {
      baseUrl = new URL(base);
    } catch {
      return fail(`'${base}' is not an absolute URI`);
    }
    try {
      return new URL(relative, baseUrl).href;
    } catch {
      return fail(`cannot combine '${base}' and '${relative}' into a URI`);
    }
  }),
  uriComponent: eager(1, 1, (args) => escapeDataString(asString(args[0], 'its argument'))),
  uriComponentToString: eager(1, 1, (args) => urlDecode(asString(args[0], 'its argument'))),
};
