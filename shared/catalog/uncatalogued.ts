/**
 * Stateful or stateless, for resource types the DR catalog does not know, following the article's
 * "Stateful vs Stateless Components" guidance: a component is stateful if it remembers preceding events
 * or holds data (databases, storage, queues, caches, indexes, disks); stateless components (compute,
 * networking, identity, policy, monitoring configuration) are redeployed from source control.
 */
import type { NormalisedResource } from '../model/resource';
import { eqi, getPath, isUnknown } from '../model/value';

interface Rule {
  match: RegExp;
  stateful: boolean;
  why: string;
}

/**
 * First match wins. Patterns are over the lower-cased ARM type. Parts of a resource (child types: settings, access
 * rules, VM extensions…) are not classified here: the engine judges them on their parent.
 */
const RULES: Rule[] = [
  // Configuration under data-service providers, before those providers' stateful rule: private links, compute placement and keys.
  { match: /^microsoft\.[a-z]+\/(privatelinkhubs|privatelinkservicesforpowerbi|privatelinkscopes)$/, stateful: false, why: 'a private link is networking configuration redeployed from source control' },
  { match: /^microsoft\.compute\/(sshpublickeys|availabilitysets|proximityplacementgroups|hostgroups|capacityreservationgroups|diskencryptionsets)$/, stateful: false, why: 'it is compute configuration (placement, a public key, encryption settings) redeployed from source control' },
  { match: /^microsoft\.compute\/galleries$/, stateful: false, why: 'a gallery holds image definitions; the image versions in it hold the data and are judged on their own' },
  { match: /^microsoft\.devtestlab\/schedules$/, stateful: false, why: 'a schedule (a VM\'s automatic shutdown) is configuration redeployed from source control' },
  { match: /^microsoft\.(kubernetesconfiguration|devcenter|desktopvirtualization|devopsinfrastructure|virtualmachineimages)\//, stateful: false, why: 'it is compute or configuration redeployed from source control' },
  { match: /^microsoft\.(managedservices|securityinsights)\//, stateful: false, why: 'it is delegation or security configuration redeployed from source control (the data it reads lives elsewhere)' },
  { match: /^microsoft\.(hybridcompute|azurestackhci|hybridcontainerservice|kubernetes)\//, stateful: false, why: 'it is the Azure Arc view of a machine or cluster outside Azure, whose recovery is not Azure\'s' },
  { match: /^microsoft\.(servicenetworking|kubernetesruntime|relationships|edge)\//, stateful: false, why: 'it is networking or grouping configuration redeployed from source control' },
  // Stateful: data stores, messaging, caches, registries, disks and VMs.
  { match: /^microsoft\.(sql|dbformysql|dbforpostgresql|dbformariadb|documentdb|kusto|synapse|datalakestore|cache|servicebus|relay|eventgrid\/namespaces|notificationhubs|appconfiguration|containerregistry|recoveryservices|dataprotection|netapp|storagesync|storagecache|elasticsan|signalrservice|search)\b/, stateful: true, why: 'it holds data (database, storage, messaging, cache, registry or backup)' },
  { match: /^microsoft\.storage\//, stateful: true, why: 'it stores data' },
  // Terraform association resources (azurerm_subnet_network_security_group_association…) link two resources and hold nothing.
  { match: /^azurerm_[a-z0-9_]+_association$/, stateful: false, why: 'an association between two resources is configuration redeployed from source control' },
  { match: /^microsoft\.compute\/(virtualmachines|virtualmachinescalesets|disks|snapshots|galleries|images)\b/, stateful: true, why: 'virtual machines and disks keep state on their disks' },
  { match: /^microsoft\.(hdinsight|databricks|machinelearningservices|purview|datashare|healthcareapis|iotcentral|devices|digitaltwins|timeseriesinsights|streamanalytics)\b/, stateful: true, why: 'the service keeps data or processing state' },
  { match: /^microsoft\.keyvault\b/, stateful: true, why: 'it holds secrets, keys or certificates' },
  // Stateless: compute redeployed from source control, networking, identity, governance, monitoring.
  { match: /^microsoft\.(web|logic|app|containerinstance|containerservice|functions|apimanagement|cdn|frontdoor|signalr|automation)\b/, stateful: false, why: 'it is compute or configuration redeployed from source control' },
  { match: /^microsoft\.network\//, stateful: false, why: 'networking is configuration redeployed from source control' },
  { match: /^microsoft\.(authorization|managedidentity|resources|management|policyinsights|security|insights|operationalinsights|operationsmanagement|alertsmanagement|costmanagement|consumption|portal|blueprint|resourcegraph|maintenance|guestconfiguration|advisor|features|subscription)\b/, stateful: false, why: 'identity, governance and monitoring configuration is redeployed from source control' },
  { match: /^microsoft\.(datafactory|eventgrid|apicenter|bot|maps|communication|loadtestservice|chaos)\b/, stateful: false, why: 'it is a pipeline, routing or API configuration redeployed from source control' },
];

/**
 * ARM child types that are data stores of their own, under a container that holds no data (a NetApp account's capacity
 * pool, a compute gallery's image definition): their redundancy is set on them (a volume's cross-region replication, an
 * image version's target regions and replica storage), so they are judged on their own, not as parts of their parent.
 */
const STORES_OF_THEIR_OWN = /^microsoft\.(netapp\/netappaccounts\/capacitypools\/volumes|compute\/galleries\/(images|applications)\/versions)$/;

/** True when a (lower-cased) child type is a data store of its own, not a part of its parent. */
export function isStoreOfItsOwn(lowerType: string): boolean {
  return STORES_OF_THEIR_OWN.test(lowerType);
}

const SCALE_SET = 'microsoft.compute/virtualmachinescalesets';

/**
 * A scale set whose instances hold no data of their own, when its body says so: no data disks, and instances that are
 * made from the model and image and replaced on reimage or scale-in (Uniform orchestration, ARM's default), or an
 * ephemeral OS disk, which is "not saved to the remote Azure Storage" and suits stateless workloads
 * (https://learn.microsoft.com/azure/virtual-machines/ephemeral-os-disks). Stateless then, as an AKS node pool is.
 * Undefined for any other resource, or a scale set that may keep data (data disks, Flexible VMs on managed OS disks).
 */
export function classifyScaleSet(resource: NormalisedResource, lowerType: string): { stateful: boolean; reason: string } | undefined {
  if (lowerType !== SCALE_SET) return undefined;
  const profile = getPath(resource.body, 'properties.virtualMachineProfile.storageProfile');
  if (profile === undefined || isUnknown(profile)) return undefined;
  const dataDisks = getPath(profile, 'dataDisks');
  if (!(dataDisks === undefined || dataDisks === null || (Array.isArray(dataDisks) && dataDisks.length === 0))) return undefined;
  const ephemeral = eqi(getPath(profile, 'osDisk.diffDiskSettings.option'), 'Local');
  const mode = getPath(resource.body, 'properties.orchestrationMode');
  const uniform = mode === undefined || mode === null || eqi(mode, 'Uniform');
  if (!ephemeral && !uniform) return undefined;
  const how = ephemeral ? 'an ephemeral OS disk (kept on the host, not in Azure Storage)' : 'instances made from its model and image, replaced on reimage and deleted on scale-in (Uniform orchestration)';
  return { stateful: false, reason: `classified stateless because the scale set has no data disks and ${how}: no data lives only on its instances` };
}

export function classifyUncatalogued(armType: string): { stateful: boolean; reason: string } {
  const lower = armType.toLowerCase();
  for (const rule of RULES) {
    if (rule.match.test(lower)) {
      return { stateful: rule.stateful, reason: `classified ${rule.stateful ? 'stateful' : 'stateless'} because ${rule.why}` };
    }
  }
  return { stateful: true, reason: 'classified stateful by default: drcheck cannot tell whether the type holds data, so it asks for the stricter requirement' };
}
