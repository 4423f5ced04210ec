/**
 * Object functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-object):
 * createObject, items, objectKeys, shallowMerge, tryGet, null. Property names from templates are
 * untrusted text and are written prototype-safely.
 */
import { carrySometimesKeys, isObject, isUnknown, mergeProp, setProp, sometimesKey, type Value } from '../../../../../../../shared/model/value';
import { fail } from '../errors';
import { argName, asArray, asObject, compareOrdinalIgnoreCase, findKey, typeName, type Obj } from '../values';
import { eager, type FunctionDef } from './types';

/** One safe step of tryGet: a property (ignoring case) or an index, else null. */
function tryStep(root: Value, key: Value): Value {
  if (isObject(root) && typeof key === 'string') {
    const k = findKey(root, key);
    return k === undefined ? null : root[k];
  }
  if (Array.isArray(root) && typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < root.length) return root[key];
  return null;
}

/** A strict step (after the first tryGet key): missing properties are errors, as ARM reports them. */
function strictStep(root: Value, key: Value): Value {
  if (isUnknown(root)) return root;
  if (isObject(root) && typeof key === 'string') {
    const k = findKey(root, key);
    return k === undefined ? fail(`the object has no property '${key}'`) : root[k];
  }
  if (Array.isArray(root) && typeof key === 'number') {
    return Number.isInteger(key) && key >= 0 && key < root.length ? root[key] : fail(`index ${key} is outside the array (length ${root.length})`);
  }
  return fail(`cannot read '${String(key)}' from ${typeName(root)}`);
}

export const OBJECT_FUNCTIONS: Record<string, FunctionDef> = {
  createObject: eager(
    0,
    Infinity,
    (args) => {
      if (args.length % 2) fail(`expects name/value pairs (an even number of arguments), got ${args.length}`);
      const out: Obj = {};
      for (let i = 0; i < args.length; i += 2) {
        const key = args[i];
        if (isUnknown(key)) return key;
        if (typeof key !== 'string') fail(`expects property names to be strings, ${argName(i)} is ${typeName(key)}`);
        if (Object.hasOwn(out, key)) fail(`received the property name '${key}' twice`);
        setProp(out, key, args[i + 1]);
      }
      return out;
    },
    'accept',
  ),
  items: eager(
    1,
    1,
    (args) => {
      const o = asObject(args[0], 'its argument');
      const sometimes = sometimesKey(o);
      if (sometimes) return sometimes;
      return Object.keys(o)
        .sort(compareOrdinalIgnoreCase)
        .map((key) => ({ key, value: o[key] }));
    },
    'shallow',
  ),
  objectKeys: eager(
    1,
    1,
    (args) => {
      const o = asObject(args[0], 'its argument');
      return sometimesKey(o) ?? Object.keys(o);
    },
    'shallow',
  ),
  shallowMerge: eager(
    1,
    1,
    (args) => {
      const out: Obj = {};
      for (const [i, o] of asArray(args[0], 'its argument').entries()) {
        if (isUnknown(o)) return o;
        const obj = asObject(o, `element ${i}`);
        for (const k of Object.keys(obj)) mergeProp(out, k, obj[k]);
      }
      carrySometimesKeys(out, asArray(args[0], 'its argument'));
      return out;
    },
    'shallow',
  ),
  tryGet: eager(
    2,
    Infinity,
    (args) => {
      for (let i = 1; i < args.length; i++) {
        const k = args[i];
        if (isUnknown(k)) return k;
        if (typeof k !== 'string' && typeof k !== 'number') fail(`expects keys to be strings or integers, ${argName(i)} is ${typeName(k)}`);
      }
      if (isUnknown(args[0])) return args[0];
      let v = tryStep(args[0], args[1]);
      if (v === null) return null;
      for (let i = 2; i < args.length; i++) v = strictStep(v, args[i]);
      return v;
    },
    'accept',
  ),
  null: eager(0, 0, () => null),
};
