import type { Strategy, Severity } from '../model/posture';

/** A landing zone: a subscription and the files that deploy into it. */
export interface LandingZoneConfig {
  name: string;
  /** Subscription id (GUID) or a name when the id is not public. */
  subscription: string;
  managementGroup?: string;
  /** Globs, relative to the config file's folder, of the IaC files that deploy into this landing zone. */
  paths: string[];
  /** The region this landing zone deploys to: what `resourceGroup().location` resolves to in its ARM and Bicep files. */
  location?: string;
}

/** The clouds `environment().name` names (the schema's `cloud` enum). */
export type AzureCloudName = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';

export interface SuppressionConfig {
  /** Rule id (`storage-account/redundancy`) or a glob over rule ids (`storage-account/*`). */
  rule?: string;
  /** Glob over the resource name, address or id (`stlake*`, `module.lake.*`). */
  resource?: string;
  /** Why the finding is accepted. Required. */
  justification: string;
  /** ISO date (YYYY-MM-DD) after which the suppression stops applying. */
  expires?: string;
}

export type FailThreshold = Severity | 'never';

/** `.drcheck.yml`, after validation. Paths in it are relative to the config file's folder. */
export interface DrCheckConfig {
  /**
   * The customer organisation (1..100 characters), e.g. `Fabrikam`: reports name it wherever the catalog says the
   * customer recovers something ("Microsoft / Fabrikam"). Unset, reports say "Customer".
   */
  organisation?: string;
  strategy?: Strategy;
  /**
   * Lowest severity of an open (unsuppressed) finding that fails the scan (CLI exit code 1). Default `warning`:
   * any failing or undecidable resource, and warnings such as purge protection off; `note` adds advisories;
   * `error` only failing stateful resources; `never` reports only.
   */
  failOn?: FailThreshold;
  /** How to read Bicep: the native reader, or compile with the Bicep CLI when it is installed. */
  bicep?: 'native' | 'compile';
  landingZones?: LandingZoneConfig[];
  /** Subscription for resources no landing zone maps. */
  defaultSubscription?: string;
  /**
   * The region deployments go to, e.g. `westeurope`: what `resourceGroup().location` resolves to in ARM and Bicep
   * (most templates default their `location` to it). A landing zone's own `location` wins for its files. Unset,
   * it stays unknown, as it is until deployment.
   */
  location?: string;
  /**
   * The Azure cloud deployments go to: what `environment()` returns in ARM and Bicep. `AzureCloud` (the default) gives
   * the public cloud's documented values; a sovereign cloud gives its name, its endpoints staying unknown.
   */
  cloud?: AzureCloudName;
  suppressions?: SuppressionConfig[];
  /** Explicit ARM parameter files: template path → parameters path (both relative to the config). */
  parameters?: Array<{ template: string; parameters: string }>;
  /**
   * Terraform: extra tfvars files (relative to the config), applied after terraform.tfvars and *.auto.tfvars in the order
   * listed, as `terraform plan -var-file` gets them: one in a root module's own folder to that root alone, any other to
   * every root module scanned. A file that cannot be read is an error at its line in the config.
   */
  terraform?: { varFiles?: string[] };
  /** Globs to leave out of the scan (node_modules, .git and .terraform are always left out). */
  exclude?: string[];
}

/** A loaded configuration plus where it came from. */
export interface LoadedConfig {
  config: DrCheckConfig;
  /** Absolute path of the config file, or null when none was found. */
  file: string | null;
  /** Absolute folder that relative paths in the config resolve against. */
  baseDir: string;
  /** Where the config file writes a value, by JSON pointer (`/terraform/varFiles/0`): to report a problem with it there. */
  at?(pointer: string): { line: number; column: number } | undefined;
}
