/**
 * The RuleContext the engine hands to catalog rules: every resource of the scan, indexed so that
 * rules can find children and follow references (resource ids, Terraform addresses, symbolic names)
 * in constant time.
 */
import type { RuleContext } from '../catalog/types';
import { parentTypeOf, type NormalisedResource } from '../model/resource';
import type { Strategy } from '../model/posture';
import { isUnknown } from '../model/value';

const EMPTY: readonly NormalisedResource[] = [];

function key(type: string, name: string): string {
  return `${type.toLowerCase()}|${name.toLowerCase()}`;
}

/**
 * Splits the provider part of an ARM resource id into a full type and name:
 * `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip-1`
 * → `Microsoft.Network/publicIPAddresses`, `pip-1`; child ids give `Microsoft.Sql/servers/databases`, `sql/db`.
 * Returns undefined when the string is not a resource id.
 */
export function parseResourceId(id: string): { type: string; name: string } | undefined {
  const at = id.toLowerCase().lastIndexOf('/providers/');
  if (at < 0) return undefined;
  const parts = id.slice(at + '/providers/'.length).split('/').filter((p) => p.length > 0);
  if (parts.length < 3 || parts.length % 2 === 0) return undefined;
  const types = [parts[0], parts[1]];
  const names = [parts[2]];
  for (let i = 3; i + 1 < parts.length; i += 2) {
    types.push(parts[i]);
    names.push(parts[i + 1]);
  }
  return { type: types.join('/'), name: names.join('/') };
}

/**
 * `lowerTypes`, when given, holds each resource's type in lower case (the engine has them at hand before any rule runs): the
 * type index is made of them rather than lowering every type again.
 */
export function createRuleContext(resources: readonly NormalisedResource[], strategy: Strategy, lowerTypes?: readonly string[]): RuleContext {
  // Built on first use: most rules never look beyond their own resource.
  let index: ReturnType<typeof buildIndex> | undefined;
  const idx = () => (index ??= buildIndex(resources));
  // The resources of each type: a pass of its own, so a rule asking for a type no resource has (an object replication
  // policy, a Site Recovery item) does not build the reference index over every resource.
  let types: Map<string, NormalisedResource[]> | undefined;
  const byType = () => (types ??= indexByType(resources, lowerTypes));
  const lowered = new Map<string, string>();
  const referrerIndex = new Map<string, Map<NormalisedResource, NormalisedResource[]>>();

  return {
    resources,
    strategy,
    children(resource, childType) {
      const wanted = childType.toLowerCase();
      return (idx().childrenByParent.get(resource) ?? []).filter((c) => c.type.toLowerCase() === wanted);
    },
    parent(resource) {
      return idx().parentOf.get(resource);
    },
    ofType(type) {
      // Rules ask with a few constant type names, once per resource they judge: each lowered once.
      let lower = lowered.get(type);
      if (lower === undefined) lowered.set(type, (lower = type.toLowerCase()));
      return byType().get(lower) ?? EMPTY;
    },
    resolve(reference, type, from) {
      const found = candidates(reference, type, from);
      return found && found[found.length - 1];
    },
    referrers(key, type, refs, resource, targetType) {
      if (this.ofType(type).length === 0) return [];
      const k = `${key}|${type.toLowerCase()}|${targetType?.toLowerCase() ?? ''}`;
      let byTarget = referrerIndex.get(k);
      if (!byTarget) {
        byTarget = new Map();
        for (const r of this.ofType(type)) {
          for (const ref of refs(r)) {
            for (const target of candidates(ref, targetType, r) ?? []) {
              const list = byTarget.get(target);
              if (!list) byTarget.set(target, [r]);
              // A referrer's own pushes come one after another: a repeat is the last one.
              else if (list[list.length - 1] !== r) list.push(r);
            }
          }
        }
        referrerIndex.set(k, byTarget);
      }
      return byTarget.get(resource) ?? [];
    },
  };

  /**
   * The resources a reference may point at: one, or several declared with one type and name (one module deployed twice,
   * as a loop over `['init', 'idem']` does: one Azure resource, declared twice). `from` is the resource whose reference
   * it is, when known.
   */
  function candidates(reference: unknown, type: string | undefined, from?: NormalisedResource): readonly NormalisedResource[] | undefined {
    if (reference === undefined || reference === null || isUnknown(reference)) return undefined;
    if (typeof reference === 'object') {
      // `{ id: "..." }` shapes, as ARM sub-resource references are written.
      const id = (reference as Record<string, unknown>).id;
      return typeof id === 'string' ? candidates(id, type, from) : undefined;
    }
    if (typeof reference !== 'string') return undefined;
    const { byAddress, atAddress, byTypeName, byName } = idx();
    const direct = byAddress.get(reference);
    if (direct) {
      const wanted = (r: NormalisedResource) => !type || r.type.toLowerCase() === type.toLowerCase();
      // Several at that address: an ARM address is the name as written, and templates write names alike
      // (`[parameters('name')]`, one template may even name two resources of different types so), and so do Terraform
      // roots in a dev and a prod folder, a module's resources split over files. The one of the type asked for declared
      // nearest the referring resource (its file, else its folder, else its deployment), when one is; else the last of that type.
      const shared = (atAddress.get(reference) ?? [direct]).filter(wanted);
      if (shared.length > 1 && from) {
        const near = nearest(shared, from)!;
        if (near.length === 1) return near;
      }
      if (shared.length) return [shared[shared.length - 1]];
    }
    const parsed = parseResourceId(reference);
    if (parsed) return nearest(byTypeName.get(key(parsed.type, parsed.name)), from);
    if (type) return nearest(byTypeName.get(key(type, reference)), from);
    const named = byName.get(reference.toLowerCase());
    // A bare name only when it names one resource, or one declared several times.
    // All of them share the name (in lower case): one type too makes them declarations of one resource.
    const namedType = named?.[0].type.toLowerCase();
    return named && named.every((r) => r.type.toLowerCase() === namedType) ? nearest(named, from) : undefined;
  }
}

/**
 * Of several declarations an id or name may mean (one name in a dev and a prod folder, or one module deployed twice),
 * those declared nearest the referring resource: all of them when it is not known, or when they are as near.
 */
function nearest(declared: readonly NormalisedResource[] | undefined, from: NormalisedResource | undefined): readonly NormalisedResource[] | undefined {
  if (!declared || declared.length < 2 || !from) return declared;
  let best = -1;
  for (const d of declared) best = Math.max(best, nearness(d, from));
  const out = declared.filter((d) => nearness(d, from) === best);
  return out.length === declared.length ? declared : out;
}

/** How near two declarations are: in one file (4), in one folder (2), deployed from one entry (1). */
function nearness(a: NormalisedResource, b: NormalisedResource): number {
  const fa = a.source.file;
  const fb = b.source.file;
  return (fa === fb ? 4 : 0) + (fa.slice(0, fa.lastIndexOf('/') + 1) === fb.slice(0, fb.lastIndexOf('/') + 1) ? 2 : 0) + (a.entry === b.entry ? 1 : 0);
}

/**
 * A child's parent among the resources at its parent address: one of the child's parent type first (an ARM address is
 * the name as written, and one template may name two resources of different types alike: `[parameters('name')]`),
 * then the one declared in the child's file, else in its folder (a Terraform module's files), else in the same
 * deployment entry; `fallback` (the last at that address) when none is closer.
 */
function parentAt(child: NormalisedResource, declared: NormalisedResource[] | undefined, fallback: NormalisedResource | undefined): NormalisedResource | undefined {
  if (declared === undefined || fallback === undefined) return fallback;
  const parentType = parentTypeOf(child.type);
  let best = fallback;
  let bestScore = -1;
  for (const d of declared) {
    const score = (d.type.toLowerCase() === parentType ? 8 : 0) + nearness(d, child);
    if (score >= bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

/** How many leading characters two addresses share: the closer of two declarations to a child is in its module instance. */
function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function buildIndex(resources: readonly NormalisedResource[]) {
  const byTypeName = new Map<string, NormalisedResource[]>();
  const byAddress = new Map<string, NormalisedResource>();
  // Every resource at an address several share (kept only for those), as children name their parent by address: a
  // Bicep symbol (`registry`) is an address in each file that declares it, and a child's parent is the one of its file.
  const atAddress = new Map<string, NormalisedResource[]>();
  const byName = new Map<string, NormalisedResource[]>();
  const childrenByParent = new Map<NormalisedResource, NormalisedResource[]>();
  const parentOf = new Map<NormalisedResource, NormalisedResource>();
  for (const r of resources) {
    if (r.name) {
      const k = key(r.type, r.name);
      const declared = byTypeName.get(k);
      if (declared) declared.push(r);
      else byTypeName.set(k, [r]);
      const list = byName.get(r.name.toLowerCase());
      if (list) list.push(r);
      else byName.set(r.name.toLowerCase(), [r]);
    }
    const earlier = byAddress.get(r.address);
    if (earlier !== undefined) {
      const same = atAddress.get(r.address);
      if (same) same.push(r);
      else atAddress.set(r.address, [earlier, r]);
    }
    byAddress.set(r.address, r);
    if (r.terraform) byAddress.set(r.terraform.address, r);
  }
  // Children by parent: by the reader's parent link, else by type and `parent/child` name.
  for (const r of resources) {
    let parent: NormalisedResource | undefined = r.parent ? parentAt(r, atAddress.get(r.parent), byAddress.get(r.parent)) : undefined;
    // A parent named by its resource id (a Bicep child of an `existing` parent, which is declared elsewhere): the declaration
    // of that type and name, as a child whose own name is known finds it by the name below.
    const parentId = !parent && r.parent ? parseResourceId(r.parent) : undefined;
    if (!parent && (r.name || parentId) && r.type.split('/').length > 2) {
      const parentType = parentId?.type ?? r.type.split('/').slice(0, -1).join('/');
      const parentName = parentId?.name ?? r.name!.split('/').slice(0, -1).join('/');
      // Declared more than once (one module deployed twice): the declaration in the child's own module instance; among
      // those as near by address (ARM writes a name expression as its address: `[parameters('vaultName')]` in a dev and
      // a prod folder), the one declared nearest the child.
      const declared = byTypeName.get(key(parentType, parentName));
      parent = declared?.reduce((best, d) => {
        const [a, b] = [sharedPrefix(d.address, r.address), sharedPrefix(best.address, r.address)];
        return a > b || (a === b && nearness(d, r) >= nearness(best, r)) ? d : best;
      });
    }
    if (parent) {
      parentOf.set(r, parent);
      const list = childrenByParent.get(parent);
      if (list) list.push(r);
      else childrenByParent.set(parent, [r]);
    }
  }
  return { byTypeName, byAddress, atAddress, byName, childrenByParent, parentOf };
}

function indexByType(resources: readonly NormalisedResource[], lowerTypes: readonly string[] | undefined): Map<string, NormalisedResource[]> {
  const byType = new Map<string, NormalisedResource[]>();
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    const type = lowerTypes?.[i] ?? r.type.toLowerCase();
    const same = byType.get(type);
    if (same) same.push(r);
    else byType.set(type, [r]);
  }
  return byType;
}

/**
 * The resource of `type` a child's full name (`vault/item`, as ARM names children) starts with, the declaration nearest
 * `from`: how a child written without `parent` finds its owner.
 */
export function ownerByName(ctx: RuleContext, name: string | null | undefined, type: string, from: NormalisedResource): NormalisedResource | undefined {
  const cut = name?.indexOf('/') ?? -1;
  return cut > 0 ? ctx.resolve(name!.slice(0, cut), type, from) : undefined;
}

/**
 * The context as a rule judging `variant` (the resource with some settings filled in) should see it: `variant`
 * stands where `original` is, so a rule finding its own resource by reference or among its parent's children
 * still finds itself.
 */
export function withVariant(ctx: RuleContext, original: NormalisedResource, variant: NormalisedResource): RuleContext {
  return {
    strategy: ctx.strategy,
    get resources() {
      return ctx.resources.map((r) => (r === original ? variant : r));
    },
    children: (resource, childType) => ctx.children(resource === variant ? original : resource, childType),
    parent: (resource) => ctx.parent(resource === variant ? original : resource),
    referrers: (key, type, refs, resource, targetType) =>
      ctx.referrers(key, type, refs, resource === variant ? original : resource, targetType).map((r) => (r === original ? variant : r)),
    ofType: (type) => ctx.ofType(type).map((r) => (r === original ? variant : r)),
    resolve: (reference, type, from) => {
      const found = ctx.resolve(reference, type, from === variant ? original : from);
      return found === original ? variant : found;
    },
  };
}
