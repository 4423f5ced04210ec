/**
 * The report contract: what `drcheck scan --format json` prints, what the task attaches as
 * `posture.json` (attachment type `drcheck.posture`), and what the hub reads.
 * `posture.schema.json` beside this file is the normative JSON Schema; keep the two in step.
 */
import type { Finding, Redundancy, RedundancyDetail, RequiredLevel, Responsibility, Status, Strategy } from '../model/posture';
import type { SourceLanguage } from '../model/resource';

export const SCHEMA_VERSION = '1.0';
export const ATTACHMENT_TYPE = 'drcheck.posture';

export interface ResourceReport {
  /** Stable across runs: ARM type + resolved name + subscription, else the IaC address. */
  id: string;
  /** ARM type, also for Terraform and Bicep. */
  type: string;
  /** Resolved Azure name, or null. */
  name: string | null;
  /** Symbolic name / Terraform address / name as written. */
  address: string;
  /** Relative path with forward slashes. */
  file: string;
  line: number;
  column: number;
  language: SourceLanguage;
  terraformType?: string;
  /** The module calls that lead to the declaration, outermost first (`main.bicep:11`), when it is in a module. */
  via?: Array<{ file: string; line: number }>;
  /**
   * Terraform: the addresses it had before (`moved` blocks, a plan's `previous_address`), most recent first. The PR gate
   * compares it with the baseline's resource at one of them. Absent when it was not moved (and in reports made before drcheck read them).
   */
  movedFrom?: string[];
  /** Resolved location, or null when unknown or not set. */
  location: string | null;
  subscription: string | null;
  landingZone: string | null;
  /** Catalog id, or null for uncatalogued types. */
  service: string | null;
  stateful: boolean;
  /** How `stateful` was decided: from the catalog, or by the article's stateful/stateless guidance for uncatalogued types. */
  statefulSource: 'catalog' | 'heuristic';
  redundancy: Redundancy;
  redundancyDetail?: RedundancyDetail;
  /** Why the redundancy is what it is (property and value, or the unresolved expression). */
  reason: string;
  required: RequiredLevel;
  status: Status;
  /** Who recovers it (catalogued resources; null otherwise): "Customer" is the config's `organisation` when set. */
  responsibility: Responsibility | null;
  findings: Finding[];
  /**
   * A hash of the resource as drcheck read it (type, API version, name, placement, parent, evaluated body in key order;
   * not its file or line):
   * equal in two runs when the declaration reads alike. Absent in reports made before drcheck 1.1.
   */
  fingerprint?: string;
}

export interface SubscriptionSummary {
  subscription: string | null;
  landingZone: string | null;
  managementGroup: string | null;
  resources: number;
  stateful: number;
  pass: number;
  fail: number;
  unknown: number;
  suppressed: number;
  /** Share of resources whose status is pass or suppressed, 0..1. */
  meetingStrategy: number;
  /** Redundancy counts. */
  redundancy: Partial<Record<Redundancy, number>>;
  /** Top uplift actions for this subscription, most important first. */
  topActions: Array<{ ruleId: string; service: string | null; resources: number; title: string; url: string }>;
}

export interface PlatformServiceReport {
  service: string;
  displayName: string;
  redundancy: Redundancy;
  /** Who recovers it: "Customer" is the config's `organisation` when set. */
  responsibility: Responsibility;
  /** The SKU the article's example customer, Contoso, chose (a reference point, not the scanned organisation's SKU). */
  contosoSku: string;
  note: string;
}

export interface ReportError {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
  code?: string;
}

export interface PostureReport {
  schemaVersion: string;
  tool: { name: 'drcheck'; version: string };
  generatedAt: string;
  strategy: Strategy;
  /** Scan roots as given, relative to the working directory. */
  roots: string[];
  resources: ResourceReport[];
  subscriptions: SubscriptionSummary[];
  /**
   * Catalog services whose resilience is built into the Azure service (no IaC type, or no rule and managed by default),
   * listed on every report so it covers the whole platform, whether or not the scan declares any of them.
   */
  platformServices: PlatformServiceReport[];
  coverage: {
    resources: number;
    catalogued: number;
    uncatalogued: number;
    /** catalogued / resources, 0..1 (1 when there are no resources). */
    ratio: number;
    uncataloguedTypes: string[];
  };
  totals: { resources: number; pass: number; fail: number; unknown: number; suppressed: number; findings: number };
  /** Suppressions that no longer apply (expired) or never matched anything. */
  suppressions: Array<{ rule?: string; resource?: string; justification: string; expires?: string; state: 'active' | 'expired' | 'unused' }>;
  errors: ReportError[];
  /** Build/run context, when produced by the pipeline task. */
  run?: {
    buildId?: number;
    buildNumber?: string;
    definitionId?: number;
    definitionName?: string;
    sourceBranch?: string;
    sourceVersion?: string;
    repositoryUrl?: string;
    pullRequestId?: number;
    buildUrl?: string;
  };
}
