/**
 * The readers, and how a discovered file reaches one. Every reader turns one IaC language into
 * the normalised resource model (`shared/model/resource.ts`).
 */
import type { Reader } from './types';
import { armReader } from './arm';
import { bicepReader } from './bicep';
import { terraformPlanReader, terraformReader } from './terraform';

/** Which reader a file goes to: by extension, and for JSON by content. */
export type Route = 'arm' | 'terraform-plan' | 'terraform' | 'bicep';

/** First routing step, by file name. `json` files are sniffed by content. */
export function routeFile(name: string): 'json' | 'terraform' | 'bicep' | null {
  const lower = name.toLowerCase();
  // Terraform variable files in JSON (`terraform.tfvars.json`, `*.auto.tfvars.json`) are Terraform's, never sniffed.
  // Configuration in Terraform's JSON syntax (`main.tf.json`, CDK for Terraform's `cdk.tf.json`) too.
  if (lower.endsWith('.tf') || lower.endsWith('.tf.json') || lower.endsWith('.tfvars') || lower.endsWith('.tfvars.json')) return 'terraform';
  if (lower.endsWith('.json') || lower.endsWith('.jsonc')) return 'json';
  if (lower.endsWith('.bicep') || lower.endsWith('.bicepparam')) return 'bicep';
  return null;
}

const ARM_SCHEMA = /"\$schema"\s*:\s*"[^"]*\/(subscription|managementGroup|tenant)?deploymentTemplate\.json/i;
const TEMPLATE_SHAPE = /"contentVersion"\s*:/;
const TEMPLATE_RESOURCES = /"resources"\s*:/;
const PLAN_SHAPE = /"format_version"\s*:/;
const PLAN_VALUES = /"(planned_values|resource_changes)"\s*:/;

/**
 * Routes a JSON file by content: ARM deployment templates and Terraform plan JSON are read; parameter
 * files (read by the ARM reader through their template), package.json, tsconfig.json… are left alone.
 */
function sniffJson(text: string): Route | null {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (ARM_SCHEMA.test(head)) return 'arm';
  if (/deploymentParameters\.json/i.test(head)) return null;
  if (PLAN_SHAPE.test(head) && PLAN_VALUES.test(text)) return 'terraform-plan';
  // A template whose $schema is missing or comes late: still an ARM template by its shape.
  if (TEMPLATE_SHAPE.test(head) && TEMPLATE_RESOURCES.test(text)) return 'arm';
  return null;
}

export const READERS: { byRoute: ReadonlyMap<Route, Reader>; sniffJson: (text: string) => Route | null } = {
  byRoute: new Map<Route, Reader>([
    ['arm', armReader],
    ['terraform-plan', terraformPlanReader],
    ['terraform', terraformReader],
    ['bicep', bicepReader],
  ]),
  sniffJson,
};
