import type { CatalogEntry, RuleContext, RuleResult } from '../types';
import type { NormalisedResource } from '../../model/resource';
import { getPath, isUnknown, regionKey } from '../../model/value';

/**
 * Storage accounts, including Data Lake Storage Gen2 (hierarchical namespace).
 * Article: stateful data-platform service; Contoso runs its Data Lake on LRS.
 */
const SKU_LEVELS: Record<string, { redundancy: 'local' | 'zone' | 'geo'; detail?: 'geo-replica' | 'geo-zone'; words: string }> = {
  lrs: { redundancy: 'local', words: 'three copies in one datacenter' },
  zrs: { redundancy: 'zone', words: 'copies across three availability zones in one region' },
  grs: { redundancy: 'geo', detail: 'geo-replica', words: 'copies replicated to the paired region' },
  ragrs: { redundancy: 'geo', detail: 'geo-replica', words: 'copies replicated to the paired region, readable there' },
  gzrs: { redundancy: 'geo', detail: 'geo-zone', words: 'zone-redundant in the region and replicated to the paired region' },
  ragzrs: { redundancy: 'geo', detail: 'geo-zone', words: 'zone-redundant in the region and replicated to the paired region, readable there' },
};

const ACCOUNT = 'Microsoft.Storage/storageAccounts';
const OBJECT_REPLICATION = 'Microsoft.Storage/storageAccounts/objectReplicationPolicies';
const OR_URL = 'https://learn.microsoft.com/azure/storage/blobs/object-replication-overview';

/**
 * Object replication from this account to an account in another region: block blobs of the containers the policy's rules
 * name are copied there asynchronously (https://learn.microsoft.com/azure/storage/blobs/object-replication-overview). A
 * policy is declared on both accounts (the destination's first); the one naming this account as its source is read.
 * `geo` when the destination is in another known region, with a note that other data stays in the region; undefined
 * when no policy replicates it elsewhere, or the regions cannot be told (its own verdict stands, the reason saying why).
 */
function objectReplication(account: NormalisedResource, ctx: RuleContext, own: RuleResult): RuleResult | undefined {
  if (ctx.ofType(OBJECT_REPLICATION).length === 0) return undefined;
  // Object replication needs a general-purpose v2 or premium block blob account without a hierarchical namespace
  // (https://learn.microsoft.com/azure/storage/blobs/object-replication-overview#prerequisites-and-caveats).
  const kind = getPath(account.body, 'kind');
  if (getPath(account.body, 'properties.isHnsEnabled') === true || (typeof kind === 'string' && !/^(storagev2|blockblobstorage)$/i.test(kind))) return undefined;
  const home = getPath(account.body, 'location');
  let undecided: string | undefined;
  for (const policy of ctx.referrers('or-source', OBJECT_REPLICATION, (p) => [getPath(p.body, 'properties.sourceAccount')], account, ACCOUNT)) {
    const raw = getPath(policy.body, 'properties.destinationAccount');
    const destination = ctx.resolve(raw, ACCOUNT, policy);
    if (destination === account) continue;
    const there = destination && getPath(destination.body, 'location');
    const name = destination ? (destination.name ?? destination.address) : isUnknown(raw) ? raw.brief() : String(raw);
    if (typeof home === 'string' && typeof there === 'string') {
      if (regionKey(home) === regionKey(there)) continue;
      return {
        redundancy: 'geo',
        detail: 'geo-replica',
        reason: `object replication copies block blobs to ${name} in ${there}; on its own: ${own.reason}`,
        findings: [{ check: 'object-replication-scope', severity: 'note', message: `Storage account '${account.name ?? account.address}': object replication copies only block blobs of the containers its rules name, asynchronously; other blobs, files, queues and tables stay in ${home}.`, uplift: [{ title: 'Object replication: what is and is not copied', url: OR_URL }] }],
      };
    }
    undecided ??= `object replication copies block blobs to ${name}, whose region ${destination ? 'cannot be decided statically' : 'is not in the scan'}`;
  }
  return undecided ? { ...own, reason: `${own.reason}; ${undecided}` } : undefined;
}

const storageAccount: CatalogEntry = {
  id: 'storage-account',
  displayName: 'Storage account / Data Lake Storage Gen2',
  section: 'stateful-data-platform',
  armTypes: [
    'Microsoft.Storage/storageAccounts',
    'Microsoft.Storage/storageAccounts/blobServices',
    'Microsoft.Storage/storageAccounts/blobServices/containers',
    'Microsoft.Storage/storageAccounts/fileServices',
    'Microsoft.Storage/storageAccounts/fileServices/shares',
    'Microsoft.Storage/storageAccounts/queueServices',
    'Microsoft.Storage/storageAccounts/tableServices',
    'Microsoft.Storage/storageAccounts/managementPolicies',
    'Microsoft.Storage/storageAccounts/objectReplicationPolicies',
  ],
  terraformTypes: ['azurerm_storage_account', 'azurerm_storage_container', 'azurerm_storage_data_lake_gen2_filesystem', 'azurerm_storage_share', 'azurerm_storage_management_policy', 'azurerm_storage_object_replication'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Customer' },
  contosoSku: 'LRS',
  uplift: [
    {
      title: 'Choose a redundancy option that copies data to a secondary region (GRS recommended, GZRS for zone redundancy too)',
      url: 'https://learn.microsoft.com/azure/storage/common/storage-redundancy',
      reaches: 'geo',
    },
    {
      // A vaulted backup (shared/engine/vaulted-backup.ts); an operational one stays in the account.
      title: 'Back the blobs up with a vaulted policy to a geo-redundant Backup vault with Cross Region Restore (block blobs of the listed containers only)',
      url: 'https://learn.microsoft.com/azure/backup/blob-backup-overview',
      reaches: 'geo',
    },
  ],
  caveats: [
    'GRS is recommended to uplift redundancy, providing a copy of the data in the paired region.',
    'Replication to the secondary region is asynchronous; after a failover the account is LRS in the new primary until geo-redundancy is configured again.',
  ],
  docs: 'https://learn.microsoft.com/azure/storage/common/storage-disaster-recovery-guidance',
  rule: {
    appliesTo: ['Microsoft.Storage/storageAccounts'],
    evaluate(resource, ctx) {
      // API versions up to 2015-06-15 have no sku: properties.accountType names the redundancy.
      const legacy = getPath(resource.body, 'sku') === undefined && getPath(resource.body, 'properties.accountType') !== undefined;
      const at = legacy ? 'properties.accountType' : 'sku.name';
      const sku = getPath(resource.body, at);
      if (isUnknown(sku)) {
        return { redundancy: 'unknown', reason: `${at} cannot be decided statically: ${sku.toString()}` };
      }
      if (typeof sku !== 'string') {
        return { redundancy: 'unknown', reason: `${at} is not set; a storage account needs a SKU` };
      }
      const said = legacy && resource.apiVersion ? `${at} is ${sku} (API ${resource.apiVersion})` : `${at} is ${sku}`;
      const suffix = sku.slice(sku.lastIndexOf('_') + 1).toLowerCase();
      const level = SKU_LEVELS[suffix];
      if (!level) return { redundancy: 'unknown', reason: `${at} ${sku} is not a known storage redundancy option` };
      const own: RuleResult = { redundancy: level.redundancy, detail: level.detail, reason: `${said}: ${level.words}` };
      return level.redundancy === 'geo' ? own : (objectReplication(resource, ctx, own) ?? own);
    },
  },
};

export default storageAccount;
