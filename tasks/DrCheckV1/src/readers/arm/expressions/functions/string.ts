/**
 * String functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string):
 * concat, format, toLower/toUpper, trim, substring, indexOf/lastIndexOf (strings and arrays),
 * startsWith/endsWith, replace, split, join, padLeft, string, uniqueString, guid, newGuid.
 * Case rules follow the docs: indexOf/startsWith/endsWith ignore case, contains and replace do not.
 */
import { isObject, Unknown, type Value } from '../../../../../../../shared/model/value';
import { fail } from '../errors';
import { compositeFormat, UnsupportedFormat } from '../format';
import { armGuid, uniqueString } from '../hash';
import { argName, asArray, asInt, asString, checkLength, deepEqual, toArmString, typeName } from '../values';
import { eager, type FunctionDef } from './types';
import { isPartialResourceId } from './resource';

function textOf(v: Value, what: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return toArmString(v);
  return fail(`expects ${what} to be a string, got ${typeName(v)}`);
}

function hashInputs(args: Value[]): string[] {
  return args.map((a, i) => (typeof a === 'string' ? a : fail(`expects only strings, ${argName(i)} is ${typeName(a)}`)));
}

/**
 * A hash of its inputs (uniqueString, guid), or Unknown when one is a resource id whose subscription or resource group
 * is only known at deployment: the hash of the placeholder would be a name no deployment gives.
 */
function hashOf(fn: string, args: Value[], hash: (inputs: string[]) => string): Value {
  const inputs = hashInputs(args);
  return inputs.some(isPartialResourceId) ? new Unknown(`${fn}() of a resource id whose subscription or resource group is only known at deployment`) : hash(inputs);
}

function indexOf(args: Value[], last: boolean): number {
  const [container, item] = args;
  if (container === null) return -1;
  if (Array.isArray(container)) {
    if (last) {
      for (let i = container.length - 1; i >= 0; i--) if (deepEqual(container[i], item)) return i;
    } else {
      for (let i = 0; i < container.length; i++) if (deepEqual(container[i], item)) return i;
    }
    return -1;
  }
  const s = asString(container, 'the first argument (a string or an array)').toLowerCase();
  const find = asString(item, 'the value to find').toLowerCase();
  return last ? s.lastIndexOf(find) : s.indexOf(find);
}

/** .NET String.Split(string[], None): cuts at the first delimiter (in array order) matching at each position. */
function split(input: string, delimiters: string[]): string[] {
  const seps = delimiters.filter((d) => d.length > 0);
  if (!seps.length) return input.split(/\s/);
  const out: string[] = [];
  let from = 0;
  let i = 0;
  while (i < input.length) {
    const sep = seps.find((d) => input.startsWith(d, i));
    if (sep === undefined) {
      i++;
      continue;
    }
    out.push(input.slice(from, i));
    i += sep.length;
    from = i;
  }
  out.push(input.slice(from));
  return out;
}

export const STRING_FUNCTIONS: Record<string, FunctionDef> = {
  concat: eager(
    1,
    Infinity,
    (args) => {
      if (args.every(Array.isArray)) return ([] as Value[]).concat(...(args as Value[][]));
      let out = '';
      args.forEach((a, i) => {
        if (a === null) return;
        if (Array.isArray(a) || isObject(a)) fail(`cannot mix arrays or objects with strings: ${argName(i)} is ${typeName(a)}`);
        const text = toArmString(a);
        checkLength(out.length + text.length);
        out += text;
      });
      return out;
    },
    'shallow',
  ),
  format: eager(1, Infinity, (args, ctx) => {
    const out = compositeFormat(asString(args[0], 'the format string'), args.slice(1));
    return out instanceof UnsupportedFormat ? new Unknown(`${ctx.callText()} uses the number format '${out.spec}', which drcheck does not evaluate`) : out;
  }),
  toLower: eager(1, 1, (args) => asString(args[0], 'its argument').toLowerCase()),
  toUpper: eager(1, 1, (args) => asString(args[0], 'its argument').toUpperCase()),
  trim: eager(1, 1, (args) => asString(args[0], 'its argument').trim()),
  substring: eager(1, 3, (args) => {
    const s = asString(args[0], 'the first argument');
    const start = args.length > 1 ? asInt(args[1], 'startIndex') : 0;
    const length = args.length > 2 ? asInt(args[2], 'length') : s.length - start;
    if (start < 0 || start > s.length || length < 0 || start + length > s.length) {
      fail(`the index and length parameters must refer to a location within the string: index ${start}, length ${args.length > 2 ? length : '(rest)'}, string length ${s.length}`);
    }
    return s.substr(start, length);
  }),
  indexOf: eager(2, 2, (args) => indexOf(args, false)),
  lastIndexOf: eager(2, 2, (args) => indexOf(args, true)),
  startsWith: eager(2, 2, (args) => asString(args[0], 'the first argument').toLowerCase().startsWith(asString(args[1], 'the second argument').toLowerCase())),
  endsWith: eager(2, 2, (args) => asString(args[0], 'the first argument').toLowerCase().endsWith(asString(args[1], 'the second argument').toLowerCase())),
  replace: eager(3, 3, (args) => {
    const s = asString(args[0], 'originalString');
    const oldString = asString(args[1], 'oldString');
    const newString = asString(args[2], 'newString');
    if (!oldString) fail('oldString cannot be empty');
    const parts = s.split(oldString);
    checkLength(s.length + (parts.length - 1) * (newString.length - oldString.length));
    return parts.join(newString);
  }),
  split: eager(2, 2, (args) => {
    const [input, delimiter] = args;
    if (input === null) return [];
    const s = asString(input, 'inputString');
    if (delimiter === null) return [s];
    const delimiters = Array.isArray(delimiter) ? delimiter.map((d, i) => asString(d, `delimiter ${i + 1}`)) : [asString(delimiter, 'the delimiter (a string or an array of strings)')];
    return split(s, delimiters);
  }),
  join: eager(2, 2, (args) => {
    const items = asArray(args[0], 'the first argument');
    const delimiter = asString(args[1], 'the delimiter');
    const texts = items.map((x, i) => textOf(x, `element ${i}`));
    checkLength(texts.reduce((n, t) => n + t.length, 0) + Math.max(0, texts.length - 1) * delimiter.length);
    return texts.join(delimiter);
  }),
  padLeft: eager(2, 3, (args) => {
    const value = args[0];
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) fail(`expects valueToPad to be a string or an integer, got ${typeName(value)}`);
    const width = asInt(args[1], 'totalLength');
    const pad = args.length > 2 && args[2] !== null ? asString(args[2], 'paddingCharacter') : ' ';
    if (pad.length !== 1) fail(`expects paddingCharacter to be a single character, got '${pad}'`);
    checkLength(width);
    return toArmString(value).padStart(width, pad);
  }),
  string: eager(1, 1, (args) => toArmString(args[0])),
  uniqueString: eager(1, Infinity, (args) => hashOf('uniqueString', args, uniqueString)),
  guid: eager(1, Infinity, (args) => hashOf('guid', args, armGuid)),
};
