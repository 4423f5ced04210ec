/**
 * ARM templates deployed from Terraform (`azurerm_resource_group_template_deployment` and its subscription, management
 * group and tenant siblings): the template `template_content` holds (a repository file read with `file()` or rendered
 * with `templatefile()`, a heredoc, `jsonencode()`) is read by the ARM reader with the values `parameters_content`
 * gives, and its resources are reported at the Terraform declaration, so what the template deploys is judged like any
 * other resource.
 */
import { isObject, isUnknown, setProp, Unknown, type Value } from '../../../../../shared/model/value';
import type { CallSite, NormalisedResource, ScanIssue } from '../../../../../shared/model/resource';
import type { ReaderContext } from '../types';
import { applyLinks, parseTemplateJson, runArmModule } from '../arm';
import type { ParsedJson } from '../arm/json';
import { piecesOf } from './expressions';
import { aloneAtAddress } from '../names';

export const TEMPLATE_DEPLOYMENTS: ReadonlySet<string> = new Set([
  // azurerm 3.x and earlier (removed in 4.0): `template_body`, `parameters_body` and a `parameters` map of strings.
  'azurerm_template_deployment',
  'azurerm_resource_group_template_deployment',
  'azurerm_subscription_template_deployment',
  'azurerm_management_group_template_deployment',
  'azurerm_tenant_template_deployment',
]);

export interface TemplateDeployment {
  /** Its evaluated arguments. */
  attrs: { [k: string]: Value };
  address: string;
  /** The `.tf` file declaring it: absolute and as reported. */
  file: { path: string; rel: string };
  /** The repository file a template text was read from with `file()` or rendered from with `templatefile()`, if it was. */
  fileOf(content: string | Unknown): string | undefined;
  line: number;
  entry: string;
  via?: readonly CallSite[];
  depth: number;
}

/**
 * Reads the template a deployment deploys: its resources, placed at the declaration, go to `out`. False when the
 * template cannot be read (content only known at apply, not JSON): a warning says so, and the deployment stays a
 * resource of its own, as before.
 */
export function deployTemplate(ctx: ReaderContext, d: TemplateDeployment, out: { resources: NormalisedResource[]; issues: ScanIssue[]; consumed: string[]; deployedTemplates: string[] }): boolean {
  const warn = (message: string, code = 'module-not-followed') => out.issues.push({ file: d.file.rel, line: d.line, column: 1, severity: 'warning', code, message: `${d.address}: ${message}` });
  const content = d.attrs.template_content ?? d.attrs.template_body;
  const partly = isUnknown(content) ? partlyKnown(content, ctx.limits.maxNestingDepth) : undefined;
  if (typeof content !== 'string' && !partly) {
    // A template spec (`template_spec_version_id`) is stored in Azure; a content only known at apply is not in the repository.
    const why = d.attrs.template_spec_version_id !== undefined ? 'it deploys a template spec, stored in Azure' : isUnknown(content) ? `the template cannot be decided statically (${content.toString()})` : 'it has no template_content';
    warn(`${why}; the resources the template deploys are not read`);
    return false;
  }
  const parsed = partly ?? parseTemplateJson(content as string, ctx.limits.maxNestingDepth);
  if ('message' in parsed) {
    warn(`template_content is not an ARM template: ${parsed.message} at ${parsed.line}:${parsed.column} of the template; the resources it deploys are not read`, 'parse-error');
    return false;
  }
  const template = parsed.value as Value;
  if (!isObject(template)) {
    warn('template_content is not an ARM template (a JSON object); the resources it deploys are not read', 'parse-error');
    return false;
  }
  const declared = isObject(template.parameters ?? null) ? Object.keys(template.parameters as object) : [];
  // Read from a file of the repository: linked templates are relative to it, and it is this deployment's part.
  const source = d.fileOf(content as string | Unknown);
  if (source) {
    out.consumed.push(source);
    out.deployedTemplates.push(source);
  }
  const rg = d.attrs.resource_group_name;
  const armOut: Parameters<typeof runArmModule>[2] = { resources: out.resources, issues: out.issues, consumed: out.consumed };
  const result = runArmModule(
    {
      parsed,
      path: source ?? d.file.path,
      parameterValues: { ...stringParameters(d.attrs.parameters), ...parameterValues(d.attrs.parameters_content ?? d.attrs.parameters_body, declared, warn) },
      ...(rg !== undefined ? { resourceGroup: typeof rg === 'string' ? rg : null } : {}),
      addressPrefix: `${d.address}.`,
      at: { file: d.file.rel, line: d.line, column: 1, language: 'terraform', what: d.address },
      entry: d.entry,
      ...(d.via ? { via: d.via } : {}),
      location: ctx.locationFor?.(d.file.path),
      depth: d.depth + 1,
    },
    ctx,
    armOut,
  );
  // Flat children linked to their parents by name (`[concat(parameters('vaultName'), '/vaultstorageconfig')]`), among
  // the template's resources: their addresses all start with the deployment's.
  if (armOut.armParentLinks?.length) applyLinks({ parents: armOut.armParentLinks }, aloneAtAddress(out.resources));
  return result !== undefined;
}

/** Marks the i-th unknown piece of a template's text in the JSON read (characters of Unicode's private use area). */
const hole = (i: number) => `\uE000${i}\uE001`;
const HOLE = /\uE000(\d+)\uE001/;

/**
 * A template `templatefile()` rendered with some interpolations only known at apply (`"sku": { "name": "${sku}" }`,
 * `sku` unknown), read with a mark for each of them, then their values in place of the marks. Undefined for any other
 * unknown content, and when an interpolation stands outside a JSON string (the text is no JSON without its value).
 */
function partlyKnown(content: Unknown, maxDepth: number): ParsedJson | undefined {
  const pieces = piecesOf(content);
  if (!pieces) return undefined;
  const holes: Unknown[] = [];
  const parsed = parseTemplateJson(pieces.map((p) => (typeof p === 'string' ? p : hole(holes.push(p) - 1))).join(''), maxDepth);
  if ('message' in parsed) return undefined;
  parsed.value = filled(parsed.value as Value, holes);
  return parsed;
}

/**
 * A template's values with their marks filled: a string that is one mark alone is that interpolation's value (with the
 * values it can only be), any other string holding one (`"[concat('st', '${env}')]"`) is unknown for the same reason.
 */
function filled(v: Value, holes: Unknown[]): Value {
  if (typeof v === 'string') {
    const m = HOLE.exec(v);
    if (!m) return v;
    const u = holes[Number(m[1])];
    return m[0] === v ? u : new Unknown(u.reason, u.expression);
  }
  if (Array.isArray(v)) return v.map((x) => filled(x, holes));
  if (!isObject(v)) return v;
  const out: { [k: string]: Value } = {};
  for (const [k, x] of Object.entries(v)) setProp(out, k, filled(x, holes));
  return out;
}

/** azurerm_template_deployment's `parameters`: a map of parameter names to string values. */
function stringParameters(raw: Value | undefined): Record<string, Value> {
  const out: Record<string, Value> = {};
  if (isObject(raw ?? null)) for (const [name, v] of Object.entries(raw as Record<string, Value>)) setProp(out, name, v);
  return out;
}

/**
 * The expression inside `jsonencode(…)` when an argument is written as that call alone (`parameters_content =
 * jsonencode({ sku = { value = var.sku } })`): evaluated on its own, the values known in it stay known where the JSON
 * text, holding one value only known at apply, would be unknown as a whole.
 */
export function jsonencodedExpression(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const m = /^\$\{\s*jsonencode\(([\s\S]*)\)\s*\}$/.exec(raw);
  return m ? `\${${m[1]}}` : undefined;
}

/**
 * The template's parameter values from `parameters_content` (`{ "name": { "value": … } }`, as a parameters file's
 * `parameters` holds them). Not known as a whole: every declared parameter is unknown, its default not known to apply.
 */
function parameterValues(raw: Value | undefined, declared: string[], warn: (message: string, code?: string) => void): Record<string, Value> {
  const out: Record<string, Value> = {};
  if (raw === undefined || raw === null) return out;
  let given: Value = raw;
  if (typeof raw === 'string') {
    try {
      given = JSON.parse(raw) as Value;
    } catch (e) {
      warn(`parameters_content is not JSON (${(e as Error).message}); the template's parameters are read as unknown`, 'parse-error');
      given = new Unknown('parameters_content is not JSON');
    }
  }
  if (isUnknown(given) || !isObject(given)) {
    const why = isUnknown(given) ? `parameters_content cannot be decided statically: ${given.toString()}` : 'parameters_content is not a JSON object';
    for (const name of declared) setProp(out, name, new Unknown(why));
    return out;
  }
  for (const [name, entry] of Object.entries(given)) {
    if (isObject(entry) && 'value' in entry) setProp(out, name, entry.value);
    else if (isObject(entry) && 'reference' in entry) setProp(out, name, new Unknown(`parameter '${name}' is a Key Vault reference`));
    else setProp(out, name, new Unknown(`parameter '${name}' in parameters_content is not an object with a value`));
  }
  return out;
}
