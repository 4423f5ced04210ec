/**
 * Judging a resource whose DR settings are unknown but can only take a few known values: a SKU chosen by a
 * condition drcheck cannot decide (`contains(zrsRegions, location) ? 'Standard_ZRS' : 'Standard_LRS'`), a
 * parameter given no value but limited to `@allowed([...])` values. The rule is run once per combination of
 * those values; when every combination gets the same verdict the resource is judged (on its weakest
 * combination), and when they differ the reason says which value gives which redundancy.
 */
import type { RuleResult } from '../catalog/types';
import type { Status } from '../model/posture';
import { rank } from '../model/posture';
import type { NormalisedResource } from '../model/resource';
import { isObject, setProp, Unknown, type Value } from '../model/value';

/** Most unknown settings, and most combinations of their values, tried for one resource. */
const MAX_SITES = 4;
const MAX_VARIANTS = 32;

interface Site {
  path: Array<string | number>;
  unknown: Unknown;
}

/** Where the body holds Unknowns with alternatives (depth-first, at most MAX_SITES + 1 to tell "too many"). */
function sitesIn(value: Value, path: Array<string | number>, out: Site[], depth: number): void {
  if (out.length > MAX_SITES || depth > 32) return;
  if (value instanceof Unknown) {
    if (value.oneOf) out.push({ path: [...path], unknown: value });
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      sitesIn(value[i], path, out, depth + 1);
      path.pop();
    }
  } else if (isObject(value)) {
    for (const k of Object.keys(value)) {
      path.push(k);
      sitesIn(value[k], path, out, depth + 1);
      path.pop();
    }
  }
}

/**
 * `value` with the part at `path` replaced (copies along the path only). A property replaced by null is left out:
 * a null property is not set, and the service's default applies (`zones: empty(zones) ? null : zones`).
 */
function replaced(value: Value, path: ReadonlyArray<string | number>, at: number, by: Value): Value {
  if (at === path.length) return by;
  const key = path[at];
  if (Array.isArray(value)) {
    const out = value.slice();
    out[key as number] = replaced(value[key as number], path, at + 1, by);
    return out;
  }
  const obj = value as { [k: string]: Value };
  const out = { ...obj };
  if (by === null && at === path.length - 1) delete out[key as string];
  else setProp(out, key as string, replaced(obj[key as string], path, at + 1, by));
  return out;
}

/** A detail that some strategies do not accept as geo, named where combinations differ. */
const weakDetail = (r: RuleResult) => (r.detail === 'geo-backup' || r.detail === 'geo-config' ? r.detail : undefined);

/** Longest value shown in a reason. */
const MAX_SHOWN = 240;

/**
 * Each site's alternatives as shown in a reason: strings as they are; objects (what an object with an unknown spread
 * can be) by the properties in which they differ only, so the reason names what the choice is about.
 */
function shownValues(sites: Site[]): Array<(v: Value) => string> {
  return sites.map((site) => {
    const alts = site.unknown.oneOf!;
    const clip = (t: string) => (t.length > MAX_SHOWN ? `${t.slice(0, MAX_SHOWN - 1)}…` : t);
    if (!alts.every(isObject)) return (v: Value) => clip(typeof v === 'string' ? v : JSON.stringify(v));
    const objects = alts as Array<{ [k: string]: Value }>;
    const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
    const differ = keys.filter((k) => objects.some((o) => JSON.stringify(o[k]) !== JSON.stringify(objects[0][k])));
    return (v: Value) => {
      const o = v as { [k: string]: Value };
      const parts = differ.map((k) => (Object.hasOwn(o, k) ? `${JSON.stringify(k)}:${JSON.stringify(o[k])}` : `no ${JSON.stringify(k)}`));
      return clip(`{${parts.join(', ')}}`);
    };
  });
}

/**
 * The verdict for `resource` when its rule found it unknown: decided when every combination of its settings'
 * alternatives gets the same status (`statusOf`: the whole verdict the engine would give that result), else an unknown
 * whose reason says what each combination gives.
 * Undefined when the body has no such settings, too many, or a combination is still unknown.
 */
export function judgeAlternatives(resource: NormalisedResource, judgeBody: (variant: NormalisedResource) => RuleResult, statusOf: (r: RuleResult) => Status): RuleResult | undefined {
  const sites: Site[] = [];
  sitesIn(resource.body, [], sites, 0);
  if (!sites.length || sites.length > MAX_SITES) return undefined;
  // One unknown in several places (a parameter used for two settings, a Terraform `zone` mapped to both `zones` and
  // `availabilityZone`) takes one value everywhere: sites are grouped by the Unknown they come from, whose
  // alternatives theirs follow index for index.
  const groupOf = (u: Unknown) => (u.origin && u.origin.oneOf?.length === u.oneOf!.length ? u.origin : u);
  const groups = [...new Set(sites.map((s) => groupOf(s.unknown)))];
  const variants = groups.reduce((n, g) => n * g.oneOf!.length, 1);
  if (variants > MAX_VARIANTS) return undefined;

  const tried: Array<{ chosen: Value[]; result: RuleResult; status: Status }> = [];
  for (let v = 0; v < variants; v++) {
    let body: Value = resource.body;
    const index = new Map<Unknown, number>();
    let rest = v;
    for (const g of groups) {
      index.set(g, rest % g.oneOf!.length);
      rest = Math.floor(rest / g.oneOf!.length);
    }
    const chosen = sites.map((site) => site.unknown.oneOf![index.get(groupOf(site.unknown))!]);
    sites.forEach((site, i) => (body = replaced(body, site.path, 0, chosen[i])));
    const result = judgeBody({ ...resource, body: body as NormalisedResource['body'] });
    if (result.redundancy === 'unknown') return undefined;
    tried.push({ chosen, result, status: statusOf(result) });
  }

  // `sku.name can be Standard_ZRS or Standard_LRS, not decided statically (location: …)`
  const what = sites.map((s) => s.path.join('.')).join(' and ');
  const why = [...new Set(sites.map((s) => s.unknown.toString()))].join('; ');
  const shown = shownValues(sites);
  const combination = (chosen: Value[]) => chosen.map((v, i) => shown[i](v)).join(' with ');
  // Each once: a value computed from another unknown keeps its list lined up with that one's, repeats included.
  const values = [...new Set(tried.map((t) => combination(t.chosen)))];
  const can = `${what} can be ${values.length === 2 ? values.join(' or ') : values.join(', ')}, not decided statically (${why})`;
  // `statusOf` is the status the resource would get (the strategy's verdict on a geo backup, error findings included).
  if (tried.every((t) => t.status === tried[0].status)) {
    // The weakest combination speaks for all: the verdict holds whichever is deployed. Among equals, the one with a
    // detail some strategies refuse, then the one without zones in the primary region (GRS under GZRS, whichever is
    // listed first), then with more findings (a single-region account's warning is not lost).
    const level = (r: RuleResult) => (r.redundancy === 'managed' ? Infinity : (rank(r.redundancy) ?? 0));
    const zonesToo = (r: RuleResult) => r.detail === 'geo-zone';
    const weaker = (a: RuleResult, b: RuleResult) =>
      level(b) !== level(a)
        ? level(b) < level(a)
        : !!weakDetail(b) !== !!weakDetail(a)
          ? !!weakDetail(b)
          : zonesToo(b) !== zonesToo(a)
            ? zonesToo(a)
            : (b.findings?.length ?? 0) > (a.findings?.length ?? 0);
    const weakest = tried.reduce((a, b) => (weaker(a.result, b.result) ? b : a));
    return { ...weakest.result, reason: `${can}; at worst ${weakest.result.reason}` };
  }
  const gives = (r: RuleResult) => `${r.redundancy}${weakDetail(r) ? ` (${weakDetail(r)})` : ''}${r.findings?.some((f) => f.severity === 'error') ? ' with an error finding' : ''}`;
  return { redundancy: 'unknown', reason: `${can}: ${[...new Set(tried.map((t) => `${combination(t.chosen)} gives ${gives(t.result)}`))].join(', ')}` };
}
