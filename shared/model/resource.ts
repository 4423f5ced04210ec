import type { Value } from './value';

/** The IaC language a resource was read from. */
export type SourceLanguage = 'arm' | 'bicep' | 'terraform' | 'terraform-plan';

/** Where something is in the scanned repository. Lines and columns are 1-based. */
export interface SourceLocation {
  /** Path relative to the scan root, with forward slashes. */
  file: string;
  line: number;
  column: number;
}

/**
 * The normalised resource model: what every reader produces, whatever the IaC language.
 *
 * `body` is always in the shape of an ARM resource (`sku`, `kind`, `zones`, `location`,
 * `properties`, …) so that one catalog rule per service reads ARM, Bicep and Terraform alike.
 * The Terraform reader maps azurerm arguments onto these ARM property paths.
 */
export interface NormalisedResource {
  /** ARM resource type, e.g. `Microsoft.Storage/storageAccounts`; child types are full (`Microsoft.Sql/servers/databases`). */
  type: string;
  apiVersion?: string;
  /** Resolved Azure name (for children the full `parent/child` name), or null when it cannot be decided statically. */
  name: string | null;
  /** Symbolic name (Bicep, ARM languageVersion 2), Terraform address, or the name expression as written (ARM). */
  address: string;
  /** ARM-shaped resource body: `location`, `sku`, `kind`, `zones`, `properties`, `tags`, … Values may be Unknown. */
  body: { [key: string]: Value };
  /** Where it is written. Resources written at one place (a loop's instances) may share the object: replace it, never change it. */
  source: SourceLocation & { language: SourceLanguage };
  /** Set by the Terraform readers: the azurerm/azapi type and the full address (`module.lake.azurerm_storage_account.this[0]`). */
  terraform?: { type: string; address: string };
  /**
   * Terraform: the full addresses it had before, most recent first, as the configuration's `moved` blocks (or a plan's
   * `previous_address`) say: Terraform plans it as the object it had there, so the PR gate compares it with that one.
   */
  movedFrom?: string[];
  /**
   * Where the deployment that creates it starts, relative to the scan root: a Terraform root module's folder, the Bicep
   * file or ARM template that reaches it through modules or linked templates. Two resources written at one place but
   * deployed from two entries (a module's examples) are two resources.
   */
  entry?: string;
  /**
   * The module calls (or linked-template deployments) that lead to the declaration, outermost first: a module's
   * resources are written in the module's file, while a pull request often changes the call (its params). One array
   * is shared by every resource of a module instance.
   */
  via?: readonly CallSite[];
  /** Address of the parent resource when the reader knows it (nested child resources, `parent:` in Bicep). */
  parent?: string;
  /**
   * Set when the reader found the parent by the structure of the names (a flat child named `'${vaultName}/config'`
   * beside a vault named `vaultName`), not from the declaration: it says nothing the child's name does not, so the
   * fingerprint leaves it out (drcheck 1.4 began making such links; the declarations did not change).
   */
  parentByName?: true;
  /**
   * ARM type of the resource this one only sets options of, when it is not a resource of its own
   * (`azurerm_storage_account_network_rules` → `Microsoft.Storage/storageAccounts`): judged on that parent.
   */
  settingOf?: string;
  /** Subscription id when the IaC states it (e.g. a subscription-scoped nested deployment); otherwise the config decides. */
  subscription?: string | null;
  /** Resource group name when known statically. */
  resourceGroup?: string | null;
}

/** An error or warning met while reading input. Never thrown to the user as a stack trace. */
export interface ScanIssue {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
  /** Short stable code, e.g. `parse-error`, `copy-limit`, `module-not-followed`, `variable-cycle`. */
  code?: string;
}

/** Where a module is called (or a linked template deployed): its declaration's file (relative to the scan root) and line. */
export interface CallSite {
  file: string;
  line: number;
}

/**
 * The deployment a resource is part of: where it starts (a Terraform root module's folder, the Bicep file or ARM
 * template reaching it through modules or linked templates), else its own template, or its own folder for a
 * Terraform root module's resource (every `.tf` file of a folder is one configuration).
 */
export function deploymentOf(r: NormalisedResource): string {
  if (r.entry !== undefined) return r.entry || '.';
  return r.source.language === 'terraform' ? folderOf(r.source.file) : r.source.file;
}

/**
 * Whether a file (a path or a name) is a Terraform override file, `override.tf(.json)` or a name ending in
 * `_override.tf(.json)`: merged into the blocks it overrides (readers/terraform/override.ts).
 */
export function isTerraformOverrideFile(file: string): boolean {
  return /(?:^|[\\/_])override\.tf(?:\.json)?$/.test(file);
}

/** The folder of a scan-relative file (`.` at the scan root): a Terraform configuration's root module. */
export function folderOf(file: string): string {
  const cut = file.lastIndexOf('/');
  return cut > 0 ? file.slice(0, cut) : '.';
}

/** A child type's parent type, in lower case: `microsoft.sql/servers` for `Microsoft.Sql/servers/databases`. */
export function parentTypeOf(type: string): string {
  return type.slice(0, type.lastIndexOf('/')).toLowerCase();
}
