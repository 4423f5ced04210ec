/**
 * Date functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-date):
 * dateTimeAdd, dateTimeFromEpoch, dateTimeToEpoch. As the docs state, dateTimeAdd ignores leap years:
 * P1Y is 365 days and P1M is 30 days (`dateTimeAdd('2024-02-01 00:00:00Z', 'P1M')` is
 * 2024-03-02T00:00:00Z). Without a format the result is written as ARM serialises dates
 * (`yyyy-MM-ddTHH:mm:ss[.fffffff]Z`, UTC); .NET standard and custom formats are supported for the
 * common specifiers, anything else gives an Unknown rather than a guess.
 * (utcNow is in ./resource.ts: its value changes with every deployment.)
 */
import { Unknown } from '../../../../../../../shared/model/value';
import { fail } from '../errors';
import { asInt, asString } from '../values';
import { eager, type FunctionDef } from './types';

interface Parsed {
  /** Milliseconds since the epoch (UTC), plus sub-millisecond ticks (100 ns units, 0-9999). */
  ms: number;
  ticks: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:([T ])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:\d{2})?$/;
const BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function parseDate(s: string): Parsed | undefined {
  const b = BASIC.exec(s);
  if (b) return { ms: Date.UTC(+b[1], +b[2] - 1, +b[3], +b[4], +b[5], +b[6]), ticks: 0 };
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, , h = '0', mi = '0', sec, frac, zone] = m;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, sec ? +sec : 0);
  const fracDigits = frac ?? '';
  const fraction = Number(fracDigits.padEnd(7, '0') || '0');
  ms += Math.floor(fraction / 10000);
  if (zone && zone !== 'Z') ms -= (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60000;
  return { ms, ticks: fraction % 10000 };
}

const DURATION = /^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Adds an ISO 8601 duration the way ARM does: a year is 365 days, a month 30 days. */
function addDuration(ms: number, duration: string): number {
  const m = DURATION.exec(duration);
  if (!m || duration === 'P' || duration === '-P' || duration.endsWith('T')) return fail(`'${duration}' is not an ISO 8601 duration such as P1D, PT1H or -P9D`);
  const sign = m[1] ? -1 : 1;
  const n = (i: number) => (m[i] ? Number(m[i]) : 0);
  const days = n(2) * 365 + n(3) * 30 + n(4) * 7 + n(5);
  return ms + sign * Math.round((days * 24 + n(6)) * 3600000 + n(7) * 60000 + n(8) * 1000);
}

/** How ARM writes a date it computed: ISO 8601 in UTC, fractional seconds only when present. */
const DEFAULT_FORMAT = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const STANDARD: Record<string, string> = {
  d: 'MM/dd/yyyy',
  D: 'dddd, dd MMMM yyyy',
  f: 'dddd, dd MMMM yyyy HH:mm',
  F: 'dddd, dd MMMM yyyy HH:mm:ss',
  g: 'MM/dd/yyyy HH:mm',
  G: 'MM/dd/yyyy HH:mm:ss',
  m: 'MMMM dd',
  M: 'MMMM dd',
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'HH:mm',
  T: 'HH:mm:ss',
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  y: 'yyyy MMMM',
  Y: 'yyyy MMMM',
};

/** Formats a UTC time with a .NET date format (invariant culture); undefined for unsupported specifiers. */
export function formatDate(ms: number, ticks: number, format: string): string | undefined {
  const pattern = format.length === 1 ? STANDARD[format] : format;
  if (pattern === undefined) return undefined;
  const d = new Date(ms);
  const fraction = String((d.getUTCMilliseconds() * 10000 + ticks) % 10000000).padStart(7, '0');
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'" || c === '"') {
      const end = pattern.indexOf(c, i + 1);
      if (end < 0) return undefined;
      out += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '\\') {
      out += pattern[i + 1] ?? '';
      i += 2;
      continue;
    }
    let run = 1;
    while (pattern[i + run] === c) run++;
    i += run;
    switch (c) {
      case 'y':
        out += run === 2 ? pad(d.getUTCFullYear() % 100, 2) : run === 1 ? String(d.getUTCFullYear() % 100) : pad(d.getUTCFullYear(), run);
        break;
      case 'M':
        out += run >= 4 ? MONTHS[d.getUTCMonth()] : run === 3 ? MONTHS[d.getUTCMonth()].slice(0, 3) : pad(d.getUTCMonth() + 1, run);
        break;
      case 'd':
        out += run >= 4 ? DAYS[d.getUTCDay()] : run === 3 ? DAYS[d.getUTCDay()].slice(0, 3) : pad(d.getUTCDate(), run);
        break;
      case 'H':
        out += pad(d.getUTCHours(), run);
        break;
      case 'h':
        out += pad(d.getUTCHours() % 12 || 12, run);
        break;
      case 'm':
        out += pad(d.getUTCMinutes(), run);
        break;
      case 's':
        out += pad(d.getUTCSeconds(), run);
        break;
      case 'f':
        if (run > 7) return undefined;
        out += fraction.slice(0, run);
        break;
      case 'F': {
        if (run > 7) return undefined;
        const digits = fraction.slice(0, run).replace(/0+$/, '');
        // .NET drops the decimal point too when no fraction digits remain.
        if (!digits && out.endsWith('.')) out = out.slice(0, -1);
        out += digits;
        break;
      }
      case 't':
        out += (d.getUTCHours() < 12 ? 'AM' : 'PM').slice(0, run === 1 ? 1 : 2);
        break;
      case 'K':
        out += 'Z';
        break;
      case 'z':
        out += run === 1 ? '+0' : run === 2 ? '+00' : '+00:00';
        break;
      case 'g':
        return undefined; // era: not used in templates
      default:
        out += c.repeat(run); // separators and letters that are not specifiers (T, Z…) are literal
    }
  }
  return out;
}

export const DATE_FUNCTIONS: Record<string, FunctionDef> = {
  dateTimeAdd: eager(2, 3, (args, ctx) => {
    const base = asString(args[0], 'the base date-time');
    const parsed = parseDate(base);
    if (!parsed) return fail(`'${base}' is not an ISO 8601 date-time such as 2024-01-31T12:00:00Z`);
    const result = addDuration(parsed.ms, asString(args[1], 'the duration'));
    const format = args.length > 2 && args[2] !== null ? asString(args[2], 'the format') : DEFAULT_FORMAT;
    const text = formatDate(result, parsed.ticks, format);
    return text ?? new Unknown(`${ctx.callText()} uses the date format '${format}', which drcheck does not evaluate`);
  }),
  dateTimeFromEpoch: eager(1, 1, (args) => {
    const seconds = asInt(args[0], 'the epoch time');
    const d = new Date(seconds * 1000);
    if (Number.isNaN(d.getTime())) fail(`${seconds} is outside the range of dates`);
    return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }),
  dateTimeToEpoch: eager(1, 1, (args) => {
    const s = asString(args[0], 'the date-time');
    const parsed = parseDate(s);
    if (!parsed) return fail(`'${s}' is not an ISO 8601 date-time such as 2024-01-31T12:00:00Z`);
    return Math.floor(parsed.ms / 1000);
  }),
};

