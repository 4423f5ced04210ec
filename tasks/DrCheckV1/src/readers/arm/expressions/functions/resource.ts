/**
 * Resource functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-resource):
 * resourceId, subscriptionResourceId, tenantResourceId, managementGroupResourceId, extensionResourceId,
 * and the functions only Azure can answer at deployment time (reference, references, list*, pickZones,
 * providers, deployer, newGuid, utcNow, externalInputs), which return Unknowns saying so.
 *
 * Resource ids and unknown scopes: readers link resources by the provider part of an id
 * (`…/providers/Microsoft.Network/publicIPAddresses/pip-1`), which the template always spells out.
 * When the subscription or resource group is not known statically, that segment is the placeholder
 * {@link UNKNOWN_ID_SEGMENT} — `/subscriptions/(unknown)/resourceGroups/(unknown)/providers/…` — and
 * everything else stays exact; use {@link isPartialResourceId} / {@link resourceIdProviderPart} to
 * tell. An unknown resource type or name makes the whole id Unknown: that part is never invented.
 */
import { isObject, isUnknown, Unknown, type Value } from '../../../../../../../shared/model/value';
import { contextValue } from '../context';
import { fail } from '../errors';
import { argName, asString, typeName } from '../values';
import { eager, type CallContext, type FunctionDef } from './types';

/** Stands for a subscription id, resource group or management group name drcheck cannot know. */
export const UNKNOWN_ID_SEGMENT = '(unknown)';

/** True when a resource id contains the unknown-scope placeholder. */
export function isPartialResourceId(id: string): boolean {
  return id.includes(`/${UNKNOWN_ID_SEGMENT}/`);
}

/** The part of a resource id from its last `/providers/` on (`/providers/Microsoft.X/type/name`), or undefined. */
export function resourceIdProviderPart(id: string): string | undefined {
  const at = id.toLowerCase().lastIndexOf('/providers/');
  return at < 0 ? undefined : id.slice(at);
}

const NAMESPACE = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/;

interface TypedArgs {
  /** Arguments before the type: subscription, resource group… */
  scope: Value[];
  /** `Microsoft.Network/virtualNetworks`, then child types (`subnets`). */
  types: string[];
  names: string[];
}

const TYPE_CACHE = new Map<string, string[]>();

/** `Microsoft.Network/virtualNetworks/subnets` → [`Microsoft.Network/virtualNetworks`, `subnets`] (cached: templates repeat types). */
function typeSegments(type: string): string[] {
  const hit = TYPE_CACHE.get(type);
  if (hit) return hit;
  const segments = type.split('/');
  if (segments[segments.length - 1] === '') segments.pop();
  if (segments.length < 2 || segments.some((s) => !s)) fail(`'${type}' is not a resource type such as Microsoft.Network/virtualNetworks`);
  const types = [`${segments[0]}/${segments[1]}`, ...segments.slice(2)];
  if (TYPE_CACHE.size < 10_000) TYPE_CACHE.set(type, types);
  return types;
}

/** Splits `[scope…], 'Ns/type[/child]', name, [childName]` (or `'Ns', 'type', name, …`) into its parts. */
function typedArgs(args: Value[], fn: string): TypedArgs | Unknown {
  let at = -1;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (typeof a === 'string' && a.includes('/')) {
      at = i;
      break;
    }
  }
  let scope: Value[];
  let types: string[];
  let names: Value[];
  if (at >= 0) {
    scope = args.slice(0, at);
    types = typeSegments(args[at] as string);
    names = args.slice(at + 1);
    if (names.length !== types.length) fail(`the resource type '${args[at] as string}' needs ${types.length} name${types.length === 1 ? '' : 's'} after it, got ${names.length}`);
  } else {
    // The split form Bicep emits: 'Microsoft.KeyVault', 'vaults', name[, childType, childName…].
    const ns = args.findIndex((a, i) => i <= 2 && typeof a === 'string' && NAMESPACE.test(a) && (args.length - i - 1) % 2 === 0 && args.length - i - 1 >= 2);
    if (ns < 0) {
      const unknown = args.find(isUnknown);
      if (unknown) return unknown;
      return fail(`${fn}() expects a resource type such as 'Microsoft.Network/virtualNetworks'`);
    }
    scope = args.slice(0, ns);
    const rest = args.slice(ns + 1);
    types = [];
    names = [];
    for (let i = 0; i < rest.length; i += 2) {
      const t = rest[i];
      if (isUnknown(t)) return t;
      types.push(i === 0 ? `${args[ns] as string}/${asString(t, 'the resource type')}` : asString(t, 'the child resource type'));
      names.push(rest[i + 1]);
    }
  }
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    if (typeof n === 'string') continue;
    if (isUnknown(n)) return n;
    fail(`expects resource names to be strings, name ${i + 1} is ${typeName(n)}`);
  }
  return { scope, types, names: names as string[] };
}

function providerPath(t: TypedArgs): string {
  let path = `/providers/${t.types[0]}/${t.names[0]}`;
  for (let i = 1; i < t.types.length; i++) path += `/${t.types[i]}/${t.names[i]}`;
  return path;
}

/** A scope segment: the argument or context value when known, else the placeholder. */
function segment(v: Value | undefined, what: string): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null || isUnknown(v)) return UNKNOWN_ID_SEGMENT;
  return fail(`expects the ${what} to be a string, got ${typeName(v)}`);
}

function contextProperty(ctx: CallContext, kind: 'subscription' | 'resourceGroup' | 'managementGroup', prop: string): Value | undefined | null {
  const raw = ctx.scope.context[kind];
  if (raw === null) return null;
  const v = contextValue(kind, raw);
  if (isUnknown(v)) return v;
  return isObject(v) ? v[prop] : undefined;
}

function resourceId(args: Value[], ctx: CallContext): Value {
  const t = typedArgs(args, 'resourceId');
  if (isUnknown(t)) return t;
  if (t.scope.length > 2) fail(`expects at most a subscription id and a resource group name before the resource type, got ${t.scope.length} arguments`);
  const sub = t.scope.length === 2 ? t.scope[0] : contextProperty(ctx, 'subscription', 'subscriptionId');
  const rg = t.scope.length >= 1 ? t.scope[t.scope.length - 1] : contextProperty(ctx, 'resourceGroup', 'name');
  if (sub === null && t.scope.length === 0) return providerPath(t);
  const subPart = `/subscriptions/${segment(sub, 'subscription id')}`;
  if (rg === null) return `${subPart}${providerPath(t)}`;
  return `${subPart}/resourceGroups/${segment(rg, 'resource group name')}${providerPath(t)}`;
}

function deploymentTime(why = 'is only known at deployment time'): FunctionDef {
  return eager(0, Infinity, (_args, ctx) => new Unknown(`${ctx.callText()} ${why}`), 'accept');
}

/** Every `list*` function (listKeys, listSecrets, listAccountSas…) reads runtime state. */
export const LIST_FUNCTION = deploymentTime('is only known at deployment time (list* functions read keys and secrets from the deployed resource)');

export const RESOURCE_FUNCTIONS: Record<string, FunctionDef> = {
  resourceId: eager(2, Infinity, resourceId, 'accept'),
  subscriptionResourceId: eager(
    2,
    Infinity,
    (args, ctx) => {
      const t = typedArgs(args, 'subscriptionResourceId');
      if (isUnknown(t)) return t;
      if (t.scope.length > 1) fail(`expects at most a subscription id before the resource type, got ${t.scope.length} arguments`);
      const sub = t.scope.length ? t.scope[0] : contextProperty(ctx, 'subscription', 'subscriptionId');
      return `/subscriptions/${segment(sub, 'subscription id')}${providerPath(t)}`;
    },
    'accept',
  ),
  tenantResourceId: eager(
    2,
    Infinity,
    (args) => {
      const t = typedArgs(args, 'tenantResourceId');
      if (isUnknown(t)) return t;
      if (t.scope.length) fail(`expects the resource type as ${argName(0)}`);
      return providerPath(t);
    },
    'accept',
  ),
  managementGroupResourceId: eager(
    2,
    Infinity,
    (args, ctx) => {
      const t = typedArgs(args, 'managementGroupResourceId');
      if (isUnknown(t)) return t;
      if (t.scope.length > 1) fail(`expects at most a management group before the resource type, got ${t.scope.length} arguments`);
      const mg = t.scope.length ? t.scope[0] : contextProperty(ctx, 'managementGroup', 'name');
      const prefix = '/providers/Microsoft.Management/managementGroups/';
      const mgPart = typeof mg === 'string' && mg.toLowerCase().startsWith(prefix.toLowerCase()) ? mg : `${prefix}${segment(mg, 'management group name')}`;
      return `${mgPart}${providerPath(t)}`;
    },
    'accept',
  ),
  extensionResourceId: eager(
    3,
    Infinity,
    (args) => {
      const base = args[0];
      if (isUnknown(base)) return base;
      const t = typedArgs(args.slice(1), 'extensionResourceId');
      if (isUnknown(t)) return t;
      if (t.scope.length) fail('expects the resource type right after the base resource id');
      return `${asString(base, 'baseResourceId').replace(/\/$/, '')}${providerPath(t)}`;
    },
    'accept',
  ),
  reference: deploymentTime(),
  references: deploymentTime(),
  pickZones: deploymentTime('depends on the availability zones the region offers at deployment time'),
  providers: deploymentTime(),
  deployer: deploymentTime(),
  externalInputs: deploymentTime('is supplied at deployment time'),
  newGuid: deploymentTime('gives a new value at every deployment'),
  utcNow: deploymentTime('gives a new value at every deployment'),
};
