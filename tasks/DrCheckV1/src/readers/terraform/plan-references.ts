/**
 * What a plan leaves unknown because another resource of the same plan computes it: `server_id =
 * azurerm_mssql_server.primary.id` when the server is created in the same plan has no value in `planned_values`
 * (`resource_changes[].change.after_unknown` marks it). The plan's `configuration` still says which resource each such
 * argument refers to, and it is read as the configuration reader reads the reference itself: an `id` is the address of
 * the resource it names (which the engine follows), a `name` that resource's planned name. Without this, a database
 * created in one plan with its server and its failover group had a bare name and no failover group, and failed as local.
 * (https://developer.hashicorp.com/terraform/internals/json-format: "Configuration Representation", "Change Representation".)
 */
import { isObject } from '../../../../../shared/model/value';

export interface PlannedResource {
  address: string;
  mode: string;
  type: string;
  name: string;
  values?: Record<string, unknown>;
}

type Json = Record<string, unknown>;

/** An instance key (`[0]`, `["primary"]`) anywhere in an address. */
const KEY = /\[(?:"(?:[^"\\]|\\.)*"|[^\]"]*)\]/g;

/**
 * A reference to a managed resource, its `id` or its `name`: `azurerm_mssql_server.primary.id`, `azurerm_x.y["k"].name`,
 * or the resource alone (`azurerm_mssql_server.primary`: what Terraform lists for `…primary[count.index].id`, and all
 * that versions before 1.1 list).
 */
const REFERENCE = /^([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)((?:\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?)(?:\.(id|name))?$/;

/** Arguments a reference to a resource alone can fill: ids (its address) and names (its planned name). */
const BY_RESOURCE = /(?:_ids?|_name|^databases)$/;

/** The configuration's managed resources by address with module path and no instance keys (`module.data.azurerm_x.y`). */
function configured(mod: Json | undefined, modulePath: string, out: Map<string, Json>): void {
  if (!isObject(mod)) return;
  for (const r of Array.isArray(mod.resources) ? mod.resources : []) {
    if (isObject(r) && r.mode === 'managed' && typeof r.address === 'string' && isObject(r.expressions)) out.set(`${modulePath}${r.address}`, r.expressions as Json);
  }
  const calls = isObject(mod.module_calls) ? (mod.module_calls as Json) : {};
  for (const [name, call] of Object.entries(calls)) if (isObject(call)) configured(call.module as Json | undefined, `${modulePath}module.${name}.`, out);
}

/**
 * A function giving each planned resource's values with the arguments another resource of the plan computes filled in
 * from the configuration's references (the values are copied where they change).
 */
export function withPlannedReferences(plan: Json, planned: readonly PlannedResource[]): (r: PlannedResource) => Record<string, unknown> {
  const expressionsOf = new Map<string, Json>();
  configured((plan.configuration as Json | undefined)?.root_module as Json | undefined, '', expressionsOf);
  const unknownOf = new Map<string, unknown>();
  for (const c of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
    if (isObject(c) && typeof c.address === 'string' && isObject(c.change)) unknownOf.set(c.address, (c.change as Json).after_unknown);
  }
  const byAddress = new Map(planned.map((r) => [r.address, r]));
  return (r) => {
    const values = r.values ?? {};
    const at = r.address.lastIndexOf(`${r.type}.${r.name}`);
    if (at < 0 || !expressionsOf.size) return values;
    const prefix = r.address.slice(0, at);
    const ownKey = r.address.slice(at + r.type.length + 1 + r.name.length);
    const expressions = expressionsOf.get(`${prefix.replace(KEY, '')}${r.type}.${r.name}`);
    if (!expressions) return values;
    /**
     * The value a reference gives an argument, when it names a resource of this plan: its address for an `id`, its planned
     * name for a `name`; for the resource alone, whichever of the two the argument takes.
     */
    const resolve = (arg: string, ref: unknown): string | undefined => {
      const m = typeof ref === 'string' ? REFERENCE.exec(ref) : null;
      if (!m || m[1] === 'data') return undefined;
      const [, type, name, key] = m;
      const attribute = m[4] ?? (BY_RESOURCE.test(arg) ? (arg.endsWith('_name') ? 'name' : 'id') : undefined);
      if (!attribute) return undefined;
      // `azurerm_mssql_server.primary[count.index].id` is referenced as the resource without its key: the instance with
      // this resource's own key when there is one (one server per database instance), else the resource itself.
      const candidates = key ? [`${prefix}${type}.${name}${key}`] : [`${prefix}${type}.${name}`, ...(ownKey ? [`${prefix}${type}.${name}${ownKey}`] : [])];
      const target = candidates.map((a) => byAddress.get(a)).find((t) => t !== undefined);
      if (!target) return undefined;
      const planned = target.values?.name;
      return attribute === 'id' ? target.address : typeof planned === 'string' ? planned : undefined;
    };
    return fill(values, expressions, unknownOf.get(r.address), resolve);
  };
}

/** `values` with each argument the plan left unknown and the configuration refers to a resource of the plan for, filled in. */
function fill(values: Json, expressions: Json, unknown: unknown, resolve: (arg: string, ref: unknown) => string | undefined): Json {
  let out = values;
  const set = (k: string, v: unknown) => {
    if (out === values) out = { ...values };
    out[k] = v;
  };
  for (const [arg, expression] of Object.entries(expressions)) {
    const marked = isObject(unknown) ? (unknown as Json)[arg] : undefined;
    const current = values[arg];
    if (Array.isArray(expression)) {
      // Nested blocks: each block's arguments, in the block of the same position.
      if (!Array.isArray(current)) continue;
      const blocks = current.map((b, i) => (isObject(b) && isObject(expression[i]) ? fill(b as Json, expression[i] as Json, Array.isArray(marked) ? marked[i] : undefined, resolve) : b));
      if (blocks.some((b, i) => b !== current[i])) set(arg, blocks);
      continue;
    }
    if (!isObject(expression) || !Array.isArray(expression.references)) continue;
    // Only what the plan says it does not know (when it says: a plan without resource_changes says nothing).
    if (unknown !== undefined && marked !== true && !Array.isArray(marked)) continue;
    const targets = [...new Set(expression.references.map((ref) => resolve(arg, ref)).filter((t): t is string => t !== undefined))];
    if (!targets.length) continue;
    if (Array.isArray(marked) || Array.isArray(current)) {
      // A list: its known elements stay, the unknown ones are the resources referred to, in order.
      const known = Array.isArray(current) ? current.filter((x) => x !== null && x !== undefined) : [];
      set(arg, [...known, ...targets.filter((t) => !known.includes(t))]);
    } else if (current === undefined || current === null) {
      if (targets.length === 1) set(arg, targets[0]);
    }
  }
  return out;
}
