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

/** An instance key as Terraform writes it in addresses and references: `[0]`, `["primary"]` (a quoted key may hold `]`). */
const INSTANCE_KEY = String.raw`\[(?:"(?:[^"\\]|\\.)*"|[^\]"]*)\]`;

/** An instance key anywhere in an address. */
const KEY = new RegExp(INSTANCE_KEY, 'g');

/** An address ending in an instance key: what is before it. */
const KEYED = new RegExp(`^(.*)${INSTANCE_KEY}$`);

/**
 * A reference to a managed resource, its `id` or its `name`: `azurerm_mssql_server.primary.id`, `azurerm_x.y["k"].name`,
 * or the resource alone (`azurerm_mssql_server.primary`: what Terraform lists for `…primary[count.index].id`, and all
 * that versions before 1.1 list).
 */
const REFERENCE = new RegExp(String.raw`^([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)((?:${INSTANCE_KEY})?)(?:\.(id|name))?$`);

/** Arguments a reference to a resource alone can fill: ids (its address) and names (its planned name). */
const BY_RESOURCE = /(?:_ids?|_name|^databases)$/;

/** Arguments holding a list of resource ids. */
const LIST_ARGUMENT = /(?:_ids|^databases)$/;

/** References that pick the instance with this resource's own key (`x[count.index]`, `x[each.key]`). */
const OWN_INSTANCE = /^(?:count\.index|each\.key)$/;

/**
 * The kind of resource an argument names, by the provider's naming: `server_id` and `server_name` a server, `databases` a
 * database, `target_redis_cache_name` a cache. A reference's target must be of a Terraform type ending in it (a
 * `server_id` built from a resource group's id is not the group); undefined for `id` (a nested block's), which names any.
 */
function kindNamed(arg: string): string | undefined {
  if (arg === 'id') return undefined;
  if (arg === 'databases') return 'database';
  return /([a-z0-9]+)(?:_ids?|_name)$/.exec(arg)?.[1] ?? arg;
}

/**
 * The configuration's managed resources by address with module path and no instance keys (`module.data.azurerm_x.y`), and
 * each module's outputs by its path (`module.data.`, '' for the root).
 */
function configured(mod: Json | undefined, modulePath: string, out: Map<string, Json>, outputs: Map<string, Json>): void {
  if (!isObject(mod)) return;
  for (const r of Array.isArray(mod.resources) ? mod.resources : []) {
    if (isObject(r) && r.mode === 'managed' && typeof r.address === 'string' && isObject(r.expressions)) out.set(`${modulePath}${r.address}`, r.expressions as Json);
  }
  if (isObject(mod.outputs)) outputs.set(modulePath, mod.outputs as Json);
  const calls = isObject(mod.module_calls) ? (mod.module_calls as Json) : {};
  for (const [name, call] of Object.entries(calls)) if (isObject(call)) configured(call.module as Json | undefined, `${modulePath}module.${name}.`, out, outputs);
}

/** A module output reference, `module.sql.primary_id` or `module.sql["weu"].primary_id`, or the module alone. */
const MODULE_REFERENCE = new RegExp(String.raw`^module\.([A-Za-z_][A-Za-z0-9_-]*)((?:${INSTANCE_KEY})?)(?:\.([A-Za-z_][A-Za-z0-9_-]*))?$`);

/** Module outputs followed through, at most (a module's output may be another module's output). */
const MAX_OUTPUT_DEPTH = 8;

/**
 * `valuesOf`: each planned resource's values with the arguments another resource of the plan computes filled in from the
 * configuration's references (the values are copied where they change); `nameAt`: the planned name of the resource at an
 * address (what such a filled-in id names).
 */
export function withPlannedReferences(
  plan: Json,
  planned: readonly PlannedResource[],
): { valuesOf: (r: PlannedResource) => Record<string, unknown>; nameAt: (address: string) => string | undefined } {
  const expressionsOf = new Map<string, Json>();
  const outputsOf = new Map<string, Json>();
  configured((plan.configuration as Json | undefined)?.root_module as Json | undefined, '', expressionsOf, outputsOf);
  const unknownOf = new Map<string, unknown>();
  for (const c of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
    if (isObject(c) && typeof c.address === 'string' && isObject(c.change)) unknownOf.set(c.address, (c.change as Json).after_unknown);
  }
  const byAddress = new Map(planned.filter((r) => typeof r.address === 'string').map((r) => [r.address, r]));
  /** The instances of each counted or for_each resource, by its address without the key (`…azurerm_x.y` → `y[0]`, `y[1]`). */
  const instancesOf = new Map<string, PlannedResource[]>();
  for (const r of byAddress.values()) {
    const keyed = KEYED.exec(r.address);
    if (!keyed) continue;
    const list = instancesOf.get(keyed[1]);
    if (list) list.push(r);
    else instancesOf.set(keyed[1], [r]);
  }
  const nameAt = (address: string) => {
    const name = byAddress.get(address)?.values?.name;
    return typeof name === 'string' ? name : undefined;
  };
  const valuesOf = (r: PlannedResource): Record<string, unknown> => {
    const values = r.values ?? {};
    if (typeof r.address !== 'string' || typeof r.type !== 'string' || typeof r.name !== 'string') return values;
    const at = r.address.lastIndexOf(`${r.type}.${r.name}`);
    if (at < 0 || !expressionsOf.size) return values;
    const ownPrefix = r.address.slice(0, at);
    const ownInstanceKey = r.address.slice(at + r.type.length + 1 + r.name.length);
    const expressions = expressionsOf.get(`${ownPrefix.replace(KEY, '')}${r.type}.${r.name}`);
    if (!expressions) return values;
    /**
     * The values an argument's references give it, when they name resources of this plan and nothing else: each one's
     * address for an `id`, its planned name for a `name` (for a resource alone, whichever the argument takes; for a
     * module's output, what the output's references give in that module instance). Undefined when any reference is to
     * something else (a variable, another attribute, a data source): the value is then a function of more than these
     * resources, which the references cannot show.
     */
    const resolve = (arg: string, references: readonly unknown[], prefix = ownPrefix, ownKey = ownInstanceKey, depth = 0): string[] | undefined => {
      const refs = references.filter((x): x is string => typeof x === 'string');
      const ownInstance = refs.some((x) => OWN_INSTANCE.test(x));
      const parsed: Array<{ resource: string; key: string; attribute: string | undefined; module?: boolean }> = [];
      for (const ref of refs) {
        if (OWN_INSTANCE.test(ref)) continue;
        const mod = MODULE_REFERENCE.exec(ref);
        if (mod) {
          parsed.push({ resource: `module.${mod[1]}`, key: mod[2], attribute: mod[3], module: true });
          continue;
        }
        // (A data source's reference, `data.x.y.id`, is no match: its first part has no provider prefix.)
        const m = REFERENCE.exec(ref);
        if (!m) return undefined;
        parsed.push({ resource: `${m[1]}.${m[2]}`, key: m[3], attribute: m[4] });
      }
      // Terraform lists each step of a reference (`x[1].id`, `x[1]`, `x`): the most precise one of each resource counts.
      const precision = (p: (typeof parsed)[number]) => (p.attribute ? 2 : p.key ? 1 : 0);
      const best = new Map<string, number>();
      for (const p of parsed) best.set(p.resource, Math.max(best.get(p.resource) ?? 0, precision(p)));
      const kind = kindNamed(arg);
      const out: string[] = [];
      for (const p of parsed) {
        if (precision(p) < best.get(p.resource)!) continue;
        if (p.module) {
          // A module's output (`module.sql.primary_id`): what the output's own references give, in that module instance.
          const output = p.attribute === undefined ? undefined : (outputsOf.get(`${prefix.replace(KEY, '')}${p.resource}.`)?.[p.attribute] as Json | undefined);
          const expression = isObject(output) ? (output.expression as Json | undefined) : undefined;
          const inner = depth < MAX_OUTPUT_DEPTH && isObject(expression) && Array.isArray(expression.references) ? resolve(arg, expression.references, `${prefix}${p.resource}${p.key}.`, '', depth + 1) : undefined;
          if (!inner) return undefined;
          for (const v of inner) if (!out.includes(v)) out.push(v);
          continue;
        }
        const attribute = p.attribute ?? (BY_RESOURCE.test(arg) ? (arg.endsWith('_name') ? 'name' : 'id') : undefined);
        if (!attribute) return undefined;
        // `x[count.index].id` is listed as `x` (and `count.index`): the instance with this resource's own key. Any other key
        // the references do not show (`x[var.secondary]`, listed as `x` and `var.secondary`) names no instance that can be told.
        const address = p.key ? `${prefix}${p.resource}${p.key}` : ownInstance && ownKey ? `${prefix}${p.resource}${ownKey}` : `${prefix}${p.resource}`;
        // `databases = azurerm_mssql_database.db[*].id` is listed as the resource alone: for a list of ids, every instance.
        const single = byAddress.get(address);
        const targets = single ? [single] : !p.key && !ownInstance && LIST_ARGUMENT.test(arg) ? (instancesOf.get(address) ?? []) : [];
        if (!targets.length) return undefined;
        for (const target of targets) {
          if (kind !== undefined && !target.type.endsWith(`_${kind}`)) return undefined;
          const value = attribute === 'id' ? target.address : nameAt(target.address);
          if (value === undefined) return undefined;
          if (!out.includes(value)) out.push(value);
        }
      }
      return out.length ? out : undefined;
    };
    return fill(values, expressions, unknownOf.get(r.address), resolve);
  };
  return { valuesOf, nameAt };
}

/** `values` with each argument the plan left unknown and the configuration refers to resources of the plan for, filled in. */
function fill(values: Json, expressions: Json, unknown: unknown, resolve: (arg: string, references: readonly unknown[]) => string[] | undefined): Json {
  let out = values;
  const set = (k: string, v: unknown) => {
    if (out === values) out = { ...values };
    out[k] = v;
  };
  for (const [arg, expression] of Object.entries(expressions)) {
    // after_unknown: true for an unknown value, a list of such marks for a list whose length is known (false where known).
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
    // Only what the plan says it does not know (a plan without resource_changes says nothing: what is absent is unknown).
    const unknownHere = unknown === undefined ? current === undefined || (Array.isArray(current) && current.includes(null)) : marked === true || (Array.isArray(marked) && marked.includes(true));
    if (!unknownHere) continue;
    const targets = resolve(arg, expression.references);
    if (!targets) continue;
    if (Array.isArray(current) || Array.isArray(marked)) {
      // A list of known length: its unknown elements, when the resources referred to (not already in it) are as many.
      const list = Array.isArray(current) ? current : [];
      const open = (Array.isArray(marked) ? marked : list).map((m, i) => (Array.isArray(marked) ? m === true : list[i] === null || list[i] === undefined));
      const missing = targets.filter((t) => !list.includes(t));
      if (open.filter(Boolean).length !== missing.length) continue;
      let next = 0;
      set(arg, open.map((isOpen, i) => (isOpen ? missing[next++] : list[i])));
    } else if (LIST_ARGUMENT.test(arg)) {
      // A list the plan does not know at all (a provider may make a partly unknown set wholly unknown): the resources referred to.
      set(arg, targets);
    } else if (targets.length === 1) {
      set(arg, targets[0]);
    }
  }
  return out;
}
