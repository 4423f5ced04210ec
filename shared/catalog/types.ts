import type { NormalisedResource } from '../model/resource';
import type { Redundancy, RedundancyDetail, Responsibility, Severity, Strategy, UpliftOption } from '../model/posture';

/** Where the article lists the service. */
export type ArticleSection =
  | 'stateful-foundational'
  | 'stateless-foundational'
  | 'stateful-data-platform'
  | 'stateless-data-platform'
  | 'other-key-services'
  | 'stateful-vs-stateless-examples'
  | 'foundations-note';

/** What a rule can look at besides the resource itself. */
export interface RuleContext {
  /** Every resource in the scan (all files, all languages). */
  readonly resources: readonly NormalisedResource[];
  /** Child resources of `resource`: nested/`parent/child` resources of the given full child type (case-insensitive). */
  children(resource: NormalisedResource, childType: string): NormalisedResource[];
  /** The parent resource of a child, as `children` links them (the declaration in the child's own file or module instance). */
  parent(resource: NormalisedResource): NormalisedResource | undefined;
  /**
   * Finds the resource a reference points at: a resource id string (`/subscriptions/…/providers/T/n`,
   * or what `resourceId()` produced), a Terraform address, or a Bicep symbolic name. `from`, the resource whose
   * reference it is: of several declarations it may mean (one name in a dev and a prod folder), the nearest to it.
   */
  resolve(reference: unknown, type?: string, from?: NormalisedResource): NormalisedResource | undefined;
  /**
   * The resources of `type` that point at `resource` through the references `refs` reads from each (a failover group's
   * databases, a replica's source): indexed once per scan under `key` (one key per kind of reference), so a rule asking
   * for every resource it judges does not pass over every resource of the type each time. `targetType` narrows what a
   * bare name may resolve to, as in `resolve`.
   */
  referrers(key: string, type: string, refs: (r: NormalisedResource) => readonly unknown[], resource: NormalisedResource, targetType?: string): readonly NormalisedResource[];
  /**
   * The resources of one full type (case-insensitive), in scan order: what a rule looks through to find the resources that
   * point at this one (a failover group listing a database, a replica naming its source). Indexed once per scan, so that
   * looking does not cost a pass over every resource for each resource judged.
   */
  ofType(type: string): readonly NormalisedResource[];
  /** The strategy being judged. Rules normally ignore it; extra findings may depend on it (e.g. automatic failover under hot-spare). */
  readonly strategy: Strategy;
}

/** An extra finding a rule raises besides the redundancy verdict (e.g. purge protection off, automatic failover off). */
export interface RuleFinding {
  /** The check part of the rule id; the engine prefixes the service id (`<service>/<check>`). */
  check: string;
  severity: Severity;
  message: string;
  uplift?: UpliftOption[];
}

/** What a rule decides about one resource. */
export interface RuleResult {
  redundancy: Redundancy;
  detail?: RedundancyDetail;
  /** Why, in one sentence naming the property and value, e.g. "sku.name is Standard_LRS: three copies in one datacenter". */
  reason: string;
  /** Extra findings, independent of the strategy's redundancy requirement. */
  findings?: RuleFinding[];
  /**
   * The uplift options that apply to this resource, when only some of the entry's do (a Managed HSM and a vault share
   * the Key Vault entry, and need different ones). The engine orders them as it orders the entry's.
   */
  uplift?: readonly UpliftOption[];
}

export interface CatalogRule {
  /** ARM types (case-insensitive) the rule reads. Must be a subset of the entry's `armTypes`. */
  appliesTo: readonly string[];
  /** Optional narrower match, e.g. `kind` contains `functionapp`, or `gatewayType` is `Vpn`. */
  match?(resource: NormalisedResource): boolean;
  evaluate(resource: NormalisedResource, ctx: RuleContext): RuleResult;
}

/**
 * One service of the DR catalog: metadata from the article plus the rule that reads its posture.
 * One entry per file in `shared/catalog/services/`.
 */
export interface CatalogEntry {
  /** Stable kebab-case id, also the rule-id prefix: `storage-account`, `cosmos-db`, `vpn-gateway`. */
  id: string;
  displayName: string;
  /**
   * What a resource is called in findings, where the service's name would mislabel it (an ExpressRoute gateway is judged
   * by the ExpressRoute circuit entry, an App Service plan by the Azure Functions entry): undefined for the service's name.
   */
  resourceName?: (resource: NormalisedResource) => string | undefined;
  /**
   * ARM types of the entry that hold no data and configure resources its rule judges without being their children (an
   * instance failover group is location-scoped, yet only pairs two managed instances): judged as settings, like the
   * children of a judged parent (stateless, nothing required, the reason naming where they are judged).
   */
  settingTypes?: readonly string[];
  /**
   * For a type several entries list and no rule of theirs judges (a `Microsoft.Network/connections` is a site-to-site
   * VPN's or an ExpressRoute circuit's), whether this resource is this entry's. Undefined: every such resource is.
   */
  owns?(resource: NormalisedResource): boolean;
  section: ArticleSection;
  /** ARM types that belong to the service (including children that carry DR settings). Empty for SaaS/platform services. */
  armTypes: readonly string[];
  /** azurerm / azuread types that belong to the service. */
  terraformTypes: readonly string[];
  stateful: boolean;
  /**
   * Who recovers the service, as the article words it but with its example customer (Contoso) written as the neutral
   * "Customer" (e.g. `{ component: 'Microsoft', workload: 'Customer' }`). Reports name the user's organisation instead
   * when `.drcheck.yml` sets `organisation` (see `shared/engine/responsibility.ts`).
   */
  responsibility: Responsibility;
  /**
   * The SKU the article's example customer, Contoso, chose, as the article states it: a reference point, not the
   * user's SKU (the rule reads that from the resource). Label it as the article's example wherever it is shown.
   */
  contosoSku: string;
  /** The article's DR uplift options, with learn.microsoft.com links. */
  uplift: readonly UpliftOption[];
  /** The article's notes and caveats (e.g. Geo-DR replicates metadata, not data). */
  caveats: readonly string[];
  /** Documentation for the service's business continuity. */
  docs?: string;
  /**
   * True when a second deployment of the service in another region is itself the DR design
   * (Search, Data Share, Purview, Stream Analytics, VNets…): the engine then counts a same-service
   * resource in a different region of the same scan as `geo` (`geo-peer`). A list of ARM types limits that to those
   * types: an ExpressRoute gateway in a second hub region is the spare, a circuit in a second Azure region is not (its
   * peering location decides).
   */
  secondaryRegionDeployment?: boolean | readonly string[];
  /** Redundancy reported for resources the rule does not judge (and for platform services). */
  defaultRedundancy?: Redundancy;
  /** How the service stands when no rule applies, e.g. "Resilience is part of the Azure service". */
  defaultReason?: string;
  rule?: CatalogRule;
}
