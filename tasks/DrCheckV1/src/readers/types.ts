import type { NormalisedResource, ScanIssue, SourceLanguage } from '../../../../shared/model/resource';
import type { AzureCloudName, DrCheckConfig } from '../../../../shared/config/types';
import type { Limits } from '../../../../shared/config/limits';
import type { ParameterLinks } from './arm/parameter-files';
import type { Value } from '../../../../shared/model/value';

/** A file the scan discovered, already read. */
export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the scan root, forward slashes: what reports show. */
  rel: string;
  text: string;
  /**
   * The parameter values a template is deployed with, when its reader has them already: a Bicep entry the Bicep CLI
   * compiled, with the values of its `.bicepparam` or JSON parameters file as the native reader chose and read them.
   */
  parameterValues?: Record<string, Value>;
}

/** What readers may use besides their input files. */
export interface ReaderContext {
  /** Absolute scan root; every reported path is relative to it. */
  readonly root: string;
  readonly config: DrCheckConfig;
  /** Folder the config's relative paths resolve against. */
  readonly configDir: string;
  /**
   * Where the config file writes a value, by JSON pointer (`/terraform/varFiles/0`), to report a problem with that
   * value at its line; undefined without a config file.
   */
  configAt?(pointer: string): { file: string; line: number; column: number } | undefined;
  readonly limits: Limits;
  /** Relative path (forward slashes) of an absolute path, for reports. */
  rel(absPath: string): string;
  /**
   * Reads another file (a module, a parameters file, a linked template), applying the size limit.
   * Returns an error message instead of throwing.
   */
  readText(absPath: string): { text: string } | { error: string };
  /**
   * The real path of a file a scanned file pulls in (a module, a linked template, `load*Content`), or undefined
   * when it lies outside the scanned folder, its Git repository and the config's folder: never read then.
   * `readText` applies it too; a reader asks first when it reports such a file its own way.
   */
  confine(absPath: string): string | undefined;
  /** `native` or `compile` (Bicep CLI). */
  readonly bicep: 'native' | 'compile';
  /** The configured region `resourceGroup().location` resolves to for a file (its landing zone's, else the config's), if any. */
  locationFor?(absPath: string): string | undefined;
  /** The cloud `environment()` describes (the config's `cloud`); unset, the public cloud. */
  readonly cloud?: AzureCloudName;
  /** Parameters files linked to their templates by `metadata.template` (see readers/arm/parameter-files.ts). */
  readonly parameterLinks?: ParameterLinks;
}

export interface ReadResult {
  resources: NormalisedResource[];
  issues: ScanIssue[];
  /**
   * Absolute paths of files this reader used as inputs of other files (parameter files, modules, linked
   * templates) so the report can say they were read.
   */
  consumed?: string[];
  /**
   * Absolute paths of ARM templates this reader deployed with values of its own (a Terraform template deployment's
   * `file()`): parts of that deployment, not deployments of their own, so the ARM reader's read of them with their
   * defaults is left out of the report.
   */
  deployedTemplates?: string[];
  /** Absolute paths of templates read as entries with a parameters file of their own: deployed on their own, whoever else deploys them. */
  parameterisedEntries?: string[];
  /** The parameters file each entry was read with: [entry, parameters file], absolute paths. */
  entryParameters?: Array<[string, string]>;
}

/**
 * A reader turns one IaC language into normalised resources. Readers never throw for bad input:
 * every problem becomes a ScanIssue with file, line and column, and reading goes on.
 */
export interface Reader {
  readonly language: SourceLanguage;
  read(files: SourceFile[], ctx: ReaderContext): Promise<ReadResult>;
}
