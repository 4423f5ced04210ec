/**
 * Every catalog rule at each redundancy level it can reach, PSRule/Checkov style: real ARM templates with
 * deliberately named resources, scanned by the real reader and engine, asserting the verdict per name.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { runScan } from '../../tasks/DrCheckV1/src/scan';
import type { PostureReport, ResourceReport } from '../../shared/report/types';
import type { Strategy } from '../../shared/model/posture';
import { repo } from '../support/repo';

const fixtures = path.join(__dirname, 'fixtures');

async function scan(files: string[], strategy: Strategy = 'redeploy'): Promise<PostureReport> {
  const { report } = await runScan({ paths: files.map((f) => path.join(fixtures, f)), configFile: null, strategy, cwd: fixtures });
  return report;
}

function byName(report: PostureReport, name: string): ResourceReport {
  const r = report.resources.find((x) => x.name === name || x.name?.endsWith(`/${name}`));
  assert.ok(r, `no resource named ${name}; have ${report.resources.map((x) => x.name).join(', ')}`);
  return r;
}

type Expect = [name: string, service: string, redundancy: string, detail: string | undefined, reason: RegExp];

function check(report: PostureReport, rows: Expect[]): void {
  for (const [name, service, redundancy, detail, reason] of rows) {
    const r = byName(report, name);
    assert.equal(r.service, service, `${name}: service`);
    assert.equal(r.redundancy, redundancy, `${name}: redundancy (${r.reason})`);
    assert.equal(r.redundancyDetail, detail, `${name}: detail`);
    assert.match(r.reason, reason, `${name}: reason`);
  }
}

describe('catalog rules', () => {
  it('Cosmos DB: multi-region writes only known at deployment decide nothing but a strategy that needs them', async () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { multiWrite: { type: 'bool' } },
      resources: [
        {
          type: 'Microsoft.DocumentDB/databaseAccounts',
          apiVersion: '2024-05-15',
          name: 'cosmos-orders',
          location: 'westeurope',
          properties: {
            databaseAccountOfferType: 'Standard',
            enableAutomaticFailover: true,
            enableMultipleWriteLocations: "[parameters('multiWrite')]",
            locations: [
              { locationName: 'westeurope', failoverPriority: 0 },
              { locationName: 'northeurope', failoverPriority: 1 },
            ],
          },
        },
      ],
    };
    const dir = repo({ 'cosmos.json': JSON.stringify(template, null, 2) });
    const judged = async (strategy: Strategy) => {
      const { report } = await runScan({ paths: [dir], configFile: null, strategy, cwd: dir });
      const r = byName(report, 'cosmos-orders');
      return [r.status, r.redundancy, r.reason];
    };
    // Two regions are a geo copy whatever the writes: warm spare is met.
    assert.deepEqual((await judged('warm-spare')).slice(0, 2), ['pass', 'geo']);
    // Active-active needs writes in several regions: not decided, and said why (it was failed as single-write).
    const [status, redundancy, reason] = await judged('active-active');
    assert.deepEqual([status, redundancy], ['unknown', 'unknown']);
    assert.match(String(reason), /^properties\.enableMultipleWriteLocations cannot be decided statically: \[parameters\('multiWrite'\)\]/);
  });

  it('storage accounts: every SKU family, and an undecidable SKU', async () => {
    const report = await scan(['storage.json']);
    check(report, [
      ['stlrs', 'storage-account', 'local', undefined, /sku\.name is Standard_LRS: three copies in one datacenter/],
      ['stpremlrs', 'storage-account', 'local', undefined, /Premium_LRS/],
      ['stzrs', 'storage-account', 'zone', undefined, /Standard_ZRS/],
      ['stgrs', 'storage-account', 'geo', 'geo-replica', /paired region/],
      ['stragrs', 'storage-account', 'geo', 'geo-replica', /readable there/],
      ['stgzrs', 'storage-account', 'geo', 'geo-zone', /zone-redundant in the region and replicated/],
      ['stunknown', 'storage-account', 'unknown', undefined, /sku\.name cannot be decided statically: \[reference\(.*\(reference\(resourceId\('Microsoft\.Resources\/deployments', 'sku'\)\) is only known at deployment time\)/],
      // API versions up to 2015-06-15 name the redundancy in properties.accountType; there is no sku then.
      ['stgrsclassicapi', 'storage-account', 'geo', 'geo-replica', /^properties\.accountType is Standard_GRS \(API 2015-06-15\): .*paired region/],
      ['stlrsclassicapi', 'storage-account', 'local', undefined, /^properties\.accountType is Standard_LRS \(API 2015-06-15\): three copies in one datacenter/],
    ]);
    assert.deepEqual(report.resources.filter((r) => r.status === 'fail').map((r) => r.name).sort(), ['stlrs', 'stlrsclassicapi', 'stpremlrs', 'stzrs']);
  });

  it('Cosmos DB: regions, automatic failover, multi-region writes and backup redundancy', async () => {
    const report = await scan(['cosmos-db.json']);
    check(report, [
      ['cosmos-single-periodic-geo', 'cosmos-db', 'geo', 'geo-backup', /periodic backups are geo-redundant/],
      ['cosmos-single-default-backup', 'cosmos-db', 'geo', 'geo-backup', /geo-redundant \(the default\)/],
      ['cosmos-single-local-backup', 'cosmos-db', 'local', undefined, /backup storage redundancy is Local/],
      ['cosmos-single-zone-continuous', 'cosmos-db', 'zone', undefined, /continuous backup/],
      ['cosmos-two-regions-manual', 'cosmos-db', 'geo', 'geo-replica', /2 regions \(westeurope, northeurope\)/],
      ['cosmos-two-regions-auto', 'cosmos-db', 'geo', 'geo-replica', /automatic failover on/],
      ['cosmos-multi-write', 'cosmos-db', 'multi-region', undefined, /multi-region writes/],
      ['cosmos-unknown-regions', 'cosmos-db', 'unknown', undefined, /properties\.locations cannot be decided statically/],
    ]);
    const manual = byName(report, 'cosmos-two-regions-manual');
    assert.deepEqual(manual.findings.map((f) => [f.ruleId, f.severity]), [['cosmos-db/automatic-failover', 'warning']]);
    assert.deepEqual(byName(report, 'cosmos-single-periodic-geo').findings.map((f) => f.ruleId), ['cosmos-db/single-region']);
    const hot = await scan(['cosmos-db.json'], 'hot-spare');
    assert.equal(byName(hot, 'cosmos-two-regions-manual').findings[0].severity, 'error');
    assert.equal(byName(hot, 'cosmos-two-regions-manual').status, 'fail');
    assert.equal(byName(hot, 'cosmos-single-periodic-geo').status, 'fail', 'a backup is not a replica for a hot spare');
    assert.equal(byName(hot, 'cosmos-two-regions-auto').status, 'pass');
    const aa = await scan(['cosmos-db.json'], 'active-active');
    assert.deepEqual(aa.resources.filter((r) => r.status === 'pass').map((r) => r.name), ['cosmos-multi-write']);
  });

  it('Event Hubs: zones, Geo-DR (metadata only) and geo-replication', async () => {
    const report = await scan(['event-hubs.json']);
    check(report, [
      ['evhns-default', 'event-hubs', 'zone', undefined, /automatic in regions with availability zones/],
      ['evhns-zr', 'event-hubs', 'zone', undefined, /zoneRedundant is true/],
      ['evhns-nozr', 'event-hubs', 'local', undefined, /zoneRedundant is false/],
      ['evhns-geodr', 'event-hubs', 'geo', 'geo-config', /metadata only, not events/],
      ['evhns-georeplication', 'event-hubs', 'geo', 'geo-replica', /secondary region/],
    ]);
    const geodr = byName(report, 'evhns-geodr');
    assert.equal(geodr.status, 'fail', 'a metadata-only pairing does not protect the data');
    assert.match(geodr.findings[0].message, /only configuration\/metadata is replicated/);
    assert.equal(byName(report, 'evhns-georeplication').status, 'pass');
  });

  it('networking: gateways with their public IPs, firewalls, load balancers, Traffic Manager, ExpressRoute and VNets', async () => {
    const report = await scan(['network.json', 'network-secondary.json'], 'warm-spare');
    check(report, [
      ['pip-zr', 'load-balancer', 'zone', undefined, /zone-redundant/],
      ['pip-zonal', 'load-balancer', 'local', 'zonal', /pinned to zone 2/],
      ['pip-nozones', 'load-balancer', 'local', undefined, /from 2020-08-01/],
      ['pip-legacy-api', 'load-balancer', 'zone', undefined, /before 2020-08-01/],
      ['pip-basic', 'load-balancer', 'none', undefined, /Basic/],
      ['vpngw-vpngw1', 'vpn-gateway', 'local', undefined, /VpnGw1: not an availability-zone SKU/],
      ['vpngw-az-zr', 'vpn-gateway', 'zone', undefined, /VpnGw2AZ: a zone-redundant gateway/],
      ['vpngw-az-zonal', 'vpn-gateway', 'local', 'zonal', /public IP pip-zonal is pinned to zone 2/],
      ['vpngw-basic', 'vpn-gateway', 'none', undefined, /single-instance/],
      ['ergw-az', 'expressroute', 'zone', undefined, /ErGw1AZ/],
      ['ergw-standard', 'expressroute', 'local', undefined, /not zone-redundant/],
      ['afw-nozones', 'firewall', 'local', undefined, /zones is not set/],
      ['afw-zonal', 'firewall', 'local', 'zonal', /pinned to one availability zone/],
      ['afw-zr', 'firewall', 'zone', undefined, /spans 3 availability zones/],
      ['lb-basic', 'load-balancer', 'none', undefined, /Basic load balancer/],
      ['lb-internal-zr', 'load-balancer', 'zone', undefined, /internal frontend fe lists zones/],
      ['lb-internal-nozones', 'load-balancer', 'local', undefined, /sets no zones: with API versions from 2020-08-01 /],
      ['lb-internal-legacy-api', 'load-balancer', 'zone', undefined, /sets no zones with API 2019-02-01 \(before 2020-08-01\): a Standard frontend without zones is zone-redundant$/],
      ['lb-public-zonal', 'load-balancer', 'local', 'zonal', /pip-zonal is pinned/],
      // A public frontend on a public IP prefix has the prefix's zones; it is no internal frontend.
      ['lb-outbound-prefix', 'load-balancer', 'zone', undefined, /^Standard load balancer; public IP prefix pipfix-outbound lists zones \[1, 2, 3\]: zone-redundant$/],
      ['lb-global', 'load-balancer', 'multi-region', undefined, /cross-region load balancer/],
      ['tm-priority', 'load-balancer', 'geo', undefined, /Priority routing across 2 endpoints/],
      ['tm-performance', 'load-balancer', 'multi-region', undefined, /Performance routing/],
      ['tm-single', 'load-balancer', 'local', undefined, /1 endpoint/],
      ['erc-ams', 'expressroute', 'geo', undefined, /peers at London/],
      ['vnet-weu', 'virtual-network', 'geo', 'geo-peer', /also deployed in northeurope \(vnet-neu\)/],
    ]);
    assert.equal(byName(report, 'vnet-weu').status, 'pass', 'a VNet with a peer in another region meets a warm spare');
    assert.equal(byName(report, 'afw-zr').status, 'fail', 'a zone-redundant firewall is still one region: a warm spare needs one in the secondary region');
    // The ExpressRoute entry judges gateways too: a finding names what the resource is.
    assert.match(byName(report, 'ergw-standard').findings[0].message, /^ExpressRoute gateway 'ergw-standard' is local: /);
  });

  it('Virtual WAN hub gateways: zone-redundant by the service, geo only with a second hub in another region', async () => {
    const report = await scan(['virtual-wan.json'], 'warm-spare');
    check(report, [
      ['contoso-vhub-westeurope-vpngw', 'vpn-gateway', 'geo', 'geo-peer', /also deployed in northeurope/],
      ['contoso-vhub-northeurope-vpngw', 'vpn-gateway', 'geo', 'geo-peer', /also deployed in westeurope/],
      ['contoso-vhub-westeurope-ergw', 'expressroute', 'zone', undefined, /^a Virtual WAN hub ExpressRoute gateway: its active-active instances are spread across availability zones/],
      ['contoso-vhub-westeurope-p2sgw', 'vpn-gateway', 'zone', undefined, /^a Virtual WAN hub VPN gateway/],
    ]);
    const ergw = byName(report, 'contoso-vhub-westeurope-ergw');
    assert.equal(ergw.status, 'fail', 'one hub is one region: a warm spare needs a gateway in a second hub');
    assert.match(ergw.findings[0].message, /^Virtual WAN ExpressRoute gateway 'contoso-vhub-westeurope-ergw' is zone: /);
    assert.deepEqual(
      ergw.findings[0].uplift.map((u) => u.url),
      ['https://learn.microsoft.com/azure/virtual-wan/virtual-wan-faq#how-are-availability-zones-and-resiliency-handled-in-virtual-wan'],
      'the uplift is a second hub, not the SKU change that virtual network gateways need',
    );
    assert.match(byName(report, 'contoso-vhub-westeurope-p2sgw').findings[0].message, /^Virtual WAN VPN gateway 'contoso-vhub-westeurope-p2sgw' is zone: /);
    // Under the strategy most landing zones start from, a zone-redundant gateway of a stateless service is enough.
    const redeploy = await scan(['virtual-wan.json']);
    assert.deepEqual(
      redeploy.resources.filter((r) => r.service !== null).map((r) => [r.name, r.status]),
      [
        ['contoso-vhub-westeurope-vpngw', 'pass'],
        ['contoso-vhub-westeurope-ergw', 'pass'],
        ['contoso-vhub-westeurope-p2sgw', 'pass'],
        ['contoso-vhub-northeurope-vpngw', 'pass'],
      ],
    );
  });

  it('site-to-site VPN: the local network gateway and the connection are settings of the gateway, judged there', async () => {
    const report = await scan(['vpn-site-to-site.json'], 'warm-spare');
    check(report, [['vpngw-hub-weu', 'vpn-gateway', 'zone', undefined, /VpnGw2AZ: a zone-redundant gateway/]]);
    for (const name of ['lgw-amsterdam-dc', 'vpngw-hub-weu-to-lgw-amsterdam-dc']) {
      const r = byName(report, name);
      assert.deepEqual([r.service, r.stateful, r.required, r.status], ['vpn-gateway', false, 'none', 'pass'], name);
      assert.equal(r.reason, 'a setting of the resources it configures, judged there (VPN Gateway)', name);
    }
    // The gateway itself still needs its secondary-region spare under a warm spare.
    assert.equal(byName(report, 'vpngw-hub-weu').status, 'fail');
  });

  it('ExpressRoute: the connection between a gateway and a circuit is a setting of ExpressRoute, not of a VPN gateway', async () => {
    const report = await scan(['expressroute-connection.json']);
    check(report, [['ergw-hub-weu', 'expressroute', 'zone', undefined, /ErGw1AZ: a zone-redundant ExpressRoute gateway/]]);
    const connection = byName(report, 'ergw-hub-weu-to-erc-contoso-amsterdam');
    assert.deepEqual([connection.service, connection.stateful, connection.required, connection.status], ['expressroute', false, 'none', 'pass']);
    assert.equal(connection.reason, 'a setting of the resources it configures, judged there (ExpressRoute circuit)');
  });

  it('ExpressRoute: a gateway in each hub region is the secondary-region spare; circuits count only at a different peering location', async () => {
    const report = await scan(['expressroute-multi-region.json'], 'warm-spare');
    check(report, [
      ['ergw-hub-weu', 'expressroute', 'geo', 'geo-peer', /also deployed in northeurope \(ergw-hub-neu\)/],
      ['ergw-hub-neu', 'expressroute', 'geo', 'geo-peer', /also deployed in westeurope \(ergw-hub-weu\)/],
      // Two circuits in two Azure regions but at one peering location share that location's fate.
      ['erc-hub-weu', 'expressroute', 'local', undefined, /^one circuit at Amsterdam/],
      ['erc-hub-neu', 'expressroute', 'local', undefined, /^one circuit at Amsterdam/],
    ]);
    assert.deepEqual(
      ['ergw-hub-weu', 'ergw-hub-neu', 'erc-hub-weu'].map((n) => byName(report, n).status),
      ['pass', 'pass', 'fail'],
    );
  });

  it('Azure Firewall in a secured virtual hub: availability zones make it zone-redundant; without them it is local, in the hub\'s one region', async () => {
    const report = await scan(['firewall-hub.json']);
    check(report, [
      ['afw-vhub-weu-zonal', 'firewall', 'zone', undefined, /^zones is \[1, 2, 3\]: the firewall spans 3 availability zones$/],
      ['afw-vhub-weu', 'firewall', 'local', undefined, /^zones is not set: a secured virtual hub \(Virtual WAN\) firewall without availability zones is highly available in the hub's one region, not zone-redundant$/],
    ]);
    // One hub is one region: a hot spare needs a firewall in a second hub.
    const hot = await scan(['firewall-hub.json'], 'hot-spare');
    assert.deepEqual(['afw-vhub-weu-zonal', 'afw-vhub-weu'].map((n) => byName(hot, n).status), ['fail', 'fail']);
  });

  it('Traffic Manager: endpoints count as regions only where drcheck can place them', async () => {
    const report = await scan(['traffic-manager.json']);
    check(report, [
      // Both front ends are placed by the same parameter: one region, whatever it is.
      ['tm-same-location', 'load-balancer', 'local', undefined, /^Traffic Manager profile routes to 2 endpoints, all placed by \[parameters\('location'\)\]: no second region/],
      // Two parameters may name two regions, or one: not decided.
      ['tm-two-parameters', 'load-balancer', 'unknown', undefined, /whose regions cannot be decided statically: locations only known at deployment \(pip-primary at \[parameters\('primaryLocation'\)\], pip-secondary at \[parameters\('secondaryLocation'\)\]\)$/],
      // Host names say nothing of where they are served from.
      ['tm-external-hosts', 'load-balancer', 'unknown', undefined, /2 endpoints with neither endpointLocation nor a target resource in the scan$/],
    ]);
  });

  it('Site Recovery: a replicated VM is geo only when its recovery fabric is in another region; zone-to-zone stays in one', async () => {
    const report = await scan(['site-recovery.json'], 'warm-spare');
    check(report, [
      ['vm-app-to-neu', 'site-recovery', 'geo', 'geo-replica', /^the VM is replicated by Azure Site Recovery from westeurope to northeurope$/],
      ['vm-app-zone-to-zone', 'site-recovery', 'zone', undefined, /^zone-to-zone replication: .*own region \(westeurope\), in availability zone 2, not in another region$/],
      ['vm-app-elsewhere', 'site-recovery', 'unknown', undefined, /source region westeurope, recovery fabric's region not in the scan$/],
    ]);
    assert.equal(byName(report, 'vm-app-to-neu').status, 'pass');
    assert.equal(byName(report, 'vm-app-zone-to-zone').status, 'fail', 'a warm spare needs the VM in a second region');
  });

  it('management: Recovery Services vaults, Key Vault purge protection, Log Analytics replication', async () => {
    const report = await scan(['management.json']);
    check(report, [
      ['rsv-default', 'recovery-services-vault', 'geo', 'geo-backup', /geo-redundant \(GRS\) by default/],
      ['rsv-grs-crr', 'recovery-services-vault', 'geo', 'geo-backup', /Cross Region Restore is enabled/],
      ['rsv-lrs', 'recovery-services-vault', 'local', undefined, /LocallyRedundant/],
      ['rsv-zrs-child', 'recovery-services-vault', 'zone', undefined, /backupstorageconfig properties\.storageModelType is ZoneRedundant/],
      ['kv-purge', 'key-vault', 'managed', 'geo-platform', /paired region/],
      ['log-replicated', 'azure-monitor', 'geo', 'geo-replica', /replicated to northeurope/],
      ['log-plain', 'azure-monitor', 'managed', undefined, /covered as part of the Azure service/],
    ]);
    assert.deepEqual(byName(report, 'rsv-default').findings.map((f) => [f.ruleId, f.severity]), [['recovery-services-vault/cross-region-restore', 'note']]);
    assert.deepEqual(byName(report, 'rsv-grs-crr').findings, []);
    assert.equal(byName(report, 'rsv-lrs').status, 'fail');
    assert.deepEqual(byName(report, 'kv-purge').findings, []);
    assert.deepEqual(byName(report, 'kv-nopurge').findings.map((f) => [f.ruleId, f.severity]), [['key-vault/purge-protection', 'warning']]);
    assert.deepEqual(byName(report, 'kv-softdelete-off').findings.map((f) => f.ruleId), ['key-vault/soft-delete']);
  });

  it('data services: IoT Hub, Search, SQL, MySQL, Synapse, Functions, Data Factory, Purview peers', async () => {
    const report = await scan(['data-services.json']);
    check(report, [
      ['iot-s1', 'iot-hub', 'geo', 'geo-platform', /paired region/],
      ['iot-residency', 'iot-hub', 'zone', undefined, /enableDataResidency is true/],
      ['iot-free', 'iot-hub', 'none', undefined, /F1/],
      ['srch-one', 'cognitive-search', 'local', undefined, /replicaCount is 1/],
      ['srch-three', 'cognitive-search', 'zone', undefined, /replicaCount is 3/],
      ['srch-free', 'cognitive-search', 'none', undefined, /free/],
      ['db-default', 'sql-database', 'geo', 'geo-backup', /Geo \(the default\)/],
      ['db-local', 'sql-database', 'local', undefined, /Local: backups stay in the region/],
      ['db-zone-local', 'sql-database', 'zone', undefined, /Zone/],
      // Only the backups are in zone-redundant storage: what survives a zone's loss is a backup to restore.
      // A module passing the argument its caller left out as '' requests nothing: the default, Geo.
      ['db-module-default-backup', 'sql-database', 'geo', 'geo-backup', /^backup storage is Geo \(the default\)/],
      ['db-zone-backup-only', 'sql-database', 'zone', undefined, /^properties\.requestedBackupStorageRedundancy is Zone: backups stay in the region, in storage spread across its availability zones, to restore from if a zone is lost; the database itself is not zone-redundant$/],
      ['db-geozone', 'sql-database', 'geo', 'geo-backup', /GeoZone/],
      ['db-in-fog', 'sql-database', 'geo', 'geo-replica', /failover group sql-weu\/fog-data/],
      ['mysql-nogeo', 'mysql-flexible', 'local', undefined, /geoRedundantBackup is Disabled and no zone-redundant standby is set/],
      ['mysql-zr', 'mysql-flexible', 'zone', undefined, /ZoneRedundant/],
      ['mysql-geobackup', 'mysql-flexible', 'geo', 'geo-backup', /geoRedundantBackup is Enabled/],
      ['dw-grs', 'synapse-sql-pools', 'geo', 'geo-backup', /RPO 24 hours/],
      ['dw-lrs', 'synapse-sql-pools', 'local', undefined, /LRS/],
      ['dw-geobackup-off', 'synapse-sql-pools', 'local', undefined, /Disabled/],
      ['spark', 'synapse-spark-pools', 'local', undefined, /no disaster recovery/],
      ['func-consumption', 'functions', 'none', undefined, /Consumption \(Y1\)/],
      ['func-premium-zr', 'functions', 'zone', undefined, /plan-ep-zr \(EP1\) is zone-redundant/],
      ['shir', 'data-factory', 'local', undefined, /self-hosted/],
      ['pview-weu', 'purview', 'geo', 'geo-peer', /also deployed in northeurope/],
    ]);
    assert.equal(byName(report, 'app-web').service, null, 'a web app is not a function app');
    assert.equal(byName(report, 'shir').findings[0].ruleId, 'data-factory/self-hosted-runtime');
    assert.equal(byName(report, 'sql-weu').redundancy, 'managed');
  });

  it('SQL Managed Instance: Geo and GeoZone backups are only a geo backup (failing warm-spare), a failover group a replica', async () => {
    const instance = (name: string, backup?: string) => ({
      type: 'Microsoft.Sql/managedInstances',
      apiVersion: '2023-08-01',
      name,
      location: 'westeurope',
      sku: { name: 'GP_Gen5', tier: 'GeneralPurpose' },
      properties: { zoneRedundant: true, ...(backup ? { requestedBackupStorageRedundancy: backup } : {}) },
    });
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources: [
        instance('sqlmi-default'),
        instance('sqlmi-geo', 'Geo'),
        instance('sqlmi-geozone', 'GeoZone'),
        instance('sqlmi-zone', 'Zone'),
        { ...instance('sqlmi-zone-backup-only', 'Zone'), properties: { zoneRedundant: false, requestedBackupStorageRedundancy: 'Zone' } },
        { ...instance('sqlmi-module-default'), properties: { zoneRedundant: false, requestedBackupStorageRedundancy: '' } },
        instance('sqlmi-fog-primary', 'GeoZone'),
        { ...instance('sqlmi-fog-partner', 'GeoZone'), location: 'northeurope' },
        {
          type: 'Microsoft.Sql/locations/instanceFailoverGroups',
          apiVersion: '2023-08-01',
          name: 'westeurope/fog-mi',
          properties: {
            readWriteEndpoint: { failoverPolicy: 'Automatic', failoverWithDataLossGracePeriodMinutes: 60 },
            partnerRegions: [{ location: 'northeurope' }],
            managedInstancePairs: [{ primaryManagedInstanceId: "[resourceId('Microsoft.Sql/managedInstances', 'sqlmi-fog-primary')]", partnerManagedInstanceId: "[resourceId('Microsoft.Sql/managedInstances', 'sqlmi-fog-partner')]" }],
          },
        },
      ],
    };
    const dir = repo({ 'mi.json': JSON.stringify(template, null, 2) }, 'drcheck-rules-');
    const { report } = await runScan({ paths: ['mi.json'], configFile: null, strategy: 'warm-spare', cwd: dir });
    check(report, [
      ['sqlmi-default', 'sql-managed-instance', 'geo', 'geo-backup', /Geo \(the default\)/],
      ['sqlmi-geo', 'sql-managed-instance', 'geo', 'geo-backup', /backup storage is Geo/],
      ['sqlmi-geozone', 'sql-managed-instance', 'geo', 'geo-backup', /backup storage is GeoZone/],
      ['sqlmi-zone', 'sql-managed-instance', 'zone', undefined, /backups stay in the region/],
      // As for a database: zone-redundant backups are what survives a zone's loss, the instance is not zone-redundant.
      ['sqlmi-module-default', 'sql-managed-instance', 'geo', 'geo-backup', /^backup storage is Geo \(the default\)/],
      ['sqlmi-zone-backup-only', 'sql-managed-instance', 'zone', undefined, /^backup storage is Zone: backups stay in the region, in storage spread across its availability zones, to restore from if a zone is lost; the instance itself is not zone-redundant$/],
      ['sqlmi-fog-primary', 'sql-managed-instance', 'geo', 'geo-replica', /instance failover group/],
    ]);
    assert.deepEqual(['sqlmi-default', 'sqlmi-geo', 'sqlmi-geozone', 'sqlmi-zone', 'sqlmi-fog-primary'].map((n) => byName(report, n).status), ['fail', 'fail', 'fail', 'fail', 'pass']);
    assert.match(byName(report, 'sqlmi-geozone').findings[0].message, /only a geo-redundant backup exists outside the region/);
    // The group itself holds no data: what it replicates is judged on the instances it pairs.
    const group = byName(report, 'fog-mi');
    assert.deepEqual([group.service, group.stateful, group.redundancy], ['sql-managed-instance', false, 'managed']);
    assert.equal(group.reason, 'a setting of the resources it configures, judged there (Azure SQL Managed Instance)');
  });
});
