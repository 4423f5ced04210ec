/**
 * .NET composite formatting as ARM's `format()` does it (String.Format with the invariant culture):
 * `{index[,alignment][:formatString]}`, `{{` and `}}` escapes. Numbers honour the standard numeric
 * formats (C D E F G N P R X, with precision) and simple custom patterns (`00`, `#,##0.00`); booleans
 * print as True/False, null as '', arrays and objects as compact JSON with single quotes. A number
 * format drcheck does not implement yields undefined so the caller returns an Unknown, never a guess.
 */
import { isObject, type Value } from '../../../../../../shared/model/value';
import { fail } from './errors';
import { checkLength } from './values';

export class UnsupportedFormat {
  constructor(readonly spec: string) {}
}

function group(intDigits: string): string {
  let out = '';
  for (let i = 0; i < intDigits.length; i++) {
    if (i > 0 && (intDigits.length - i) % 3 === 0) out += ',';
    out += intDigits[i];
  }
  return out;
}

/** Fixed-point digits of |v| with `decimals` places: [integer part, fraction part]. */
function fixed(v: number, decimals: number): [string, string] {
  const s = Math.abs(v).toFixed(Math.min(decimals, 100));
  const dot = s.indexOf('.');
  return dot < 0 ? [s, ''] : [s.slice(0, dot), s.slice(dot + 1)];
}

function sign(v: number, text: string): string {
  return v < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}

function exponential(v: number, precision: number, upper: boolean, minExpDigits: number): string {
  const [mantissa, exp] = Math.abs(v).toExponential(precision).split('e');
  const e = Number(exp);
  const digits = String(Math.abs(e)).padStart(minExpDigits, '0');
  return sign(v, `${mantissa}${upper ? 'E' : 'e'}${e < 0 ? '-' : '+'}${digits}`);
}

function general(v: number, precision: number | undefined, upper: boolean): string {
  if (precision === undefined || precision === 0) return String(v).replace('e', upper ? 'E' : 'e');
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp >= precision || exp < -5) return exponential(v, precision - 1, upper, 2).replace(/\.?0+(?=[eE])/, '');
  const s = Math.abs(v).toPrecision(precision);
  const trimmed = s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  return sign(v, trimmed);
}

function customNumber(v: number, spec: string): string | UnsupportedFormat {
  if (!/^[0#,.]+$/.test(spec) || (spec.match(/\./g) ?? []).length > 1 || /,$|,\./.test(spec)) return new UnsupportedFormat(spec);
  const [intPattern, fracPattern = ''] = spec.split('.');
  const minInt = (intPattern.match(/0/g) ?? []).length;
  const grouping = intPattern.includes(',');
  const minFrac = fracPattern.replace(/#.*$/, '').length;
  const maxFrac = fracPattern.length;
  let [i, f] = fixed(v, maxFrac);
  f = f.replace(/0+$/, '');
  if (f.length < minFrac) f = f.padEnd(minFrac, '0');
  i = i.replace(/^0+/, '').padStart(minInt, '0');
  if (grouping) i = group(i);
  return sign(v, f ? `${i}.${f}` : i || '0');
}

/** Formats a number with a .NET numeric format string (invariant culture). */
export function formatNumber(v: number, spec: string): string | UnsupportedFormat {
  const m = /^([A-Za-z])(\d{0,2})$/.exec(spec);
  if (!m) return customNumber(v, spec);
  const letter = m[1];
  const p = m[2] === '' ? undefined : Number(m[2]);
  const upper = letter === letter.toUpperCase();
  const isInt = Number.isInteger(v);
  switch (letter.toUpperCase()) {
    case 'C': {
      const [i, f] = fixed(v, p ?? 2);
      return sign(v, `¤${group(i)}${f ? `.${f}` : ''}`);
    }
    case 'D':
      if (!isInt) return fail(`format specifier '${spec}' is only valid for integers`);
      return sign(v, String(Math.abs(v)).padStart(p ?? 0, '0'));
    case 'E':
      return exponential(v, p ?? 6, upper, 3);
    case 'F': {
      const [i, f] = fixed(v, p ?? 2);
      return sign(v, f ? `${i}.${f}` : i);
    }
    case 'G':
      return general(v, p, upper);
    case 'N': {
      const [i, f] = fixed(v, p ?? 2);
      return sign(v, f ? `${group(i)}.${f}` : group(i));
    }
    case 'P': {
      const [i, f] = fixed(v * 100, p ?? 2);
      return sign(v, `${group(i)}${f ? `.${f}` : ''} %`);
    }
    case 'R':
      return String(v);
    case 'X': {
      if (!isInt) return fail(`format specifier '${spec}' is only valid for integers`);
      const hex = (v < 0 ? BigInt.asUintN(64, BigInt(v)) : BigInt(v)).toString(16);
      return (upper ? hex.toUpperCase() : hex).padStart(p ?? 0, '0');
    }
    default:
      return new UnsupportedFormat(spec);
  }
}

/** A format item's text: JSON for arrays/objects (with ' for "), True/False, '' for null. */
function itemText(v: Value, spec: string | undefined): string | UnsupportedFormat {
  if (typeof v === 'number') return spec ? formatNumber(v, spec) : String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null) return '';
  if (Array.isArray(v) || isObject(v)) return JSON.stringify(v).replace(/"/g, "'");
  return String(v);
}

/**
 * Applies a composite format string. Returns the text, or UnsupportedFormat when an item uses a number
 * format drcheck does not implement. Throws FunctionError for malformed format strings.
 */
export function compositeFormat(format: string, args: readonly Value[]): string | UnsupportedFormat {
  let out = '';
  let i = 0;
  const n = format.length;
  let nextOpen = format.indexOf('{');
  let nextClose = format.indexOf('}');
  while (i < n) {
    const c = format[i];
    if (c === '}') {
      if (format[i + 1] !== '}') return fail(`the format string has an unmatched '}' at position ${i}`);
      out += '}';
      i += 2;
      continue;
    }
    if (c !== '{') {
      // Copy the literal run up to the next brace (positions cached so long strings stay linear).
      if (nextOpen !== -1 && nextOpen < i) nextOpen = format.indexOf('{', i);
      if (nextClose !== -1 && nextClose < i) nextClose = format.indexOf('}', i);
      const end = Math.min(nextOpen < 0 ? n : nextOpen, nextClose < 0 ? n : nextClose);
      out += format.slice(i, end);
      i = end;
      continue;
    }
    if (format[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    const close = format.indexOf('}', i);
    if (close < 0) return fail(`the format string has an unclosed '{' at position ${i}`);
    const item = /^\{\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::([^{}]*))?\}$/.exec(format.slice(i, close + 1));
    if (!item) return fail(`the format string has an invalid item '${format.slice(i, close + 1)}' at position ${i}`);
    const index = Number(item[1]);
    if (index >= args.length) return fail(`the format string refers to {${index}} but only ${args.length} value${args.length === 1 ? ' was' : 's were'} given`);
    const text = itemText(args[index], item[3]);
    if (text instanceof UnsupportedFormat) return text;
    const width = item[2] === undefined ? 0 : Number(item[2]);
    checkLength(out.length + Math.max(text.length, Math.abs(width)));
    out += width < 0 ? text.padEnd(-width) : text.padStart(width);
    i = close + 1;
  }
  return out;
}
