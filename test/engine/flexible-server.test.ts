import { strict as assert } from 'node:assert';
import { runScan, type ScanOptions } from '../../tasks/DrCheckV1/src/scan';
import type { PostureReport, ResourceReport } from '../../shared/report/types';
import { repo as makeRepo } from '../support/repo';

const repo = (files: Record<string, string>) => makeRepo(files, 'drcheck-flexible-');

/** A scan of `dir` (under `strategy`, else the default one): its report, and `by(name)`, the resource of that name (asserted present). */
async function scan(dir: string, strategy?: ScanOptions['strategy']): Promise<{ report: PostureReport; by: (name: string) => ResourceReport }> {
  const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null, ...(strategy ? { strategy } : {}) });
  const by = (name: string): ResourceReport => {
    const r = report.resources.find((x) => x.name === name);
    assert.ok(r, name);
    return r;
  };
  return { report, by };
}

/** A PostgreSQL flexible server in Bicep, with `properties` written as given. */
const bicepServer = (symbol: string, name: string, location: string, properties: string) =>
  `resource ${symbol} 'Microsoft.DBforPostgreSQL/flexibleServers@2023-06-01-preview' = {\n  name: '${name}'\n  location: '${location}'\n  sku: { name: 'Standard_D2ds_v4', tier: 'GeneralPurpose' }\n  properties: ${properties}\n}\n`;

/** The same server in Terraform, with `extra` arguments. */
const tfServer = (label: string, name: string, location: string, extra = '') =>
  `resource "azurerm_postgresql_flexible_server" "${label}" {\n  name                = "${name}"\n  location            = "${location}"\n  resource_group_name = "rg-data"\n  sku_name            = "GP_Standard_D2ds_v4"\n  version             = "15"\n${extra}}\n`;

const verdict = (r: ResourceReport) => [r.type, r.redundancy, r.redundancyDetail ?? null, r.status];

describe('PostgreSQL flexible server (uncatalogued), judged alike in ARM, Bicep and Terraform', () => {
  it('judges a server with no backup block as local (geo-redundant backup is Disabled by default), as Terraform does', async () => {
    const dir = repo({
      'bicep/main.bicep': bicepServer('pg', 'pg-bicep', 'westeurope', "{ version: '15', storage: { storageSizeGB: 32 } }"),
      'arm/main.json': JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources: [{ type: 'Microsoft.DBforPostgreSQL/flexibleServers', apiVersion: '2023-06-01-preview', name: 'pg-arm', location: 'westeurope', sku: { name: 'Standard_D2ds_v4', tier: 'GeneralPurpose' }, properties: { version: '15' } }],
      }),
      'tf/main.tf': tfServer('pg', 'pg-tf', 'westeurope'),
    });
    const { by } = await scan(dir);
    const local = ['Microsoft.DBforPostgreSQL/flexibleServers', 'local', null, 'fail'];
    assert.deepEqual(verdict(by('pg-bicep')), local);
    assert.deepEqual(verdict(by('pg-arm')), local);
    assert.deepEqual(verdict(by('pg-tf')), local);
    assert.match(by('pg-bicep').reason, /properties\.backup\.geoRedundantBackup is not set \(Disabled by default\) and no zone-redundant standby is set: the server and its backups stay in the region/);
    assert.doesNotMatch(by('pg-bicep').reason, /states no zone or geo redundancy/);
    assert.match(by('pg-bicep').findings[0].message, /'pg-bicep' is local: .*requires geo for a stateful resource/);
  });

  it('reads a zone-redundant standby and geo-redundant backups the same in Bicep and Terraform', async () => {
    const dir = repo({
      'main.bicep':
        bicepServer('ha', 'pg-bicep-ha', 'westeurope', "{ highAvailability: { mode: 'ZoneRedundant' } }") +
        bicepServer('geo', 'pg-bicep-geo', 'westeurope', "{ backup: { geoRedundantBackup: 'Enabled' } }") +
        bicepServer('both', 'pg-bicep-both', 'westeurope', "{ backup: { geoRedundantBackup: 'Enabled' }, highAvailability: { mode: 'ZoneRedundant' } }"),
      'main.tf':
        tfServer('ha', 'pg-tf-ha', 'westeurope', '  high_availability {\n    mode = "ZoneRedundant"\n  }\n') +
        tfServer('geo', 'pg-tf-geo', 'westeurope', '  geo_redundant_backup_enabled = true\n'),
    });
    const { by } = await scan(dir);
    assert.deepEqual(verdict(by('pg-bicep-ha')), ['Microsoft.DBforPostgreSQL/flexibleServers', 'zone', null, 'fail']);
    assert.deepEqual(verdict(by('pg-tf-ha')), ['Microsoft.DBforPostgreSQL/flexibleServers', 'zone', null, 'fail']);
    assert.match(by('pg-bicep-ha').reason, /highAvailability\.mode is ZoneRedundant.*geoRedundantBackup is not set \(Disabled by default\), so no copy outside the region/);
    assert.deepEqual(verdict(by('pg-bicep-geo')), ['Microsoft.DBforPostgreSQL/flexibleServers', 'geo', 'geo-backup', 'pass']);
    assert.deepEqual(verdict(by('pg-tf-geo')), ['Microsoft.DBforPostgreSQL/flexibleServers', 'geo', 'geo-backup', 'pass']);
    // Both: geo by its backups, and the reason says what it has in the region too.
    assert.doesNotMatch(by('pg-bicep-geo').reason, /standby/);
    assert.match(by('pg-bicep-both').reason, /^properties\.backup\.geoRedundantBackup is Enabled: backups are copied to the paired region, to restore from; in the region, a zone-redundant standby \(properties\.highAvailability\.mode is ZoneRedundant\) \(the type is not in the DR catalog\)/);
  });

  it('counts a read replica in another region as a geo copy of both servers, in Bicep and Terraform; one in the same region does not', async () => {
    const dir = repo({
      'main.bicep':
        bicepServer('pg', 'pg-bicep', 'westeurope', "{ version: '15' }") +
        bicepServer('rep', 'pg-bicep-rep', 'North Europe', "{ createMode: 'Replica', sourceServerResourceId: pg.id }") +
        bicepServer('lone', 'pg-bicep-lone', 'westeurope', "{ version: '15' }") +
        // The same region, written differently: not a copy in another region.
        bicepServer('near', 'pg-bicep-near', 'West Europe', "{ createMode: 'Replica', sourceServerResourceId: lone.id }"),
      'main.tf':
        tfServer('pg', 'pg-tf', 'westeurope') +
        tfServer('rep', 'pg-tf-rep', 'northeurope', '  create_mode         = "Replica"\n  source_server_id    = azurerm_postgresql_flexible_server.pg.id\n'),
    });
    const { by } = await scan(dir, 'warm-spare');
    const geo = ['Microsoft.DBforPostgreSQL/flexibleServers', 'geo', 'geo-replica', 'pass'];
    for (const name of ['pg-bicep', 'pg-bicep-rep', 'pg-tf', 'pg-tf-rep']) assert.deepEqual(verdict(by(name)), geo, name);
    assert.match(by('pg-bicep').reason, /^read replica pg-bicep-rep in northeurope: the data is replicated to another region/);
    assert.match(by('pg-tf-rep').reason, /^a read replica in northeurope of pg-tf in westeurope/);
    assert.deepEqual(verdict(by('pg-bicep-lone')), ['Microsoft.DBforPostgreSQL/flexibleServers', 'local', null, 'fail']);
    assert.deepEqual(verdict(by('pg-bicep-near')), ['Microsoft.DBforPostgreSQL/flexibleServers', 'local', null, 'fail']);
  });

  it('reads a server pinned to one availability zone as zonal, in Bicep (availabilityZone) and Terraform (zone)', async () => {
    const dir = repo({
      'main.bicep': bicepServer('pg', 'pg-bicep', 'westeurope', "{ availabilityZone: '1' }"),
      'main.tf': tfServer('pg', 'pg-tf', 'westeurope', '  zone                = "1"\n'),
    });
    const { by } = await scan(dir);
    for (const name of ['pg-bicep', 'pg-tf']) assert.deepEqual(verdict(by(name)), ['Microsoft.DBforPostgreSQL/flexibleServers', 'local', 'zonal', 'fail'], name);
    assert.match(by('pg-bicep').reason, /^properties\.availabilityZone is 1: zonal, .*geoRedundantBackup is not set \(Disabled by default\), so no copy outside the region/);
  });

  it('names the geo-redundant backup setting when it cannot be decided', async () => {
    const dir = repo({ 'main.bicep': `param geoBackup string\n${bicepServer('pg', 'pg-bicep', 'westeurope', '{ backup: { geoRedundantBackup: geoBackup } }')}` });
    const { by } = await scan(dir);
    const r = by('pg-bicep');
    assert.deepEqual([r.redundancy, r.status], ['unknown', 'unknown']);
    assert.match(r.reason, /^properties\.backup\.geoRedundantBackup cannot be decided statically/);
  });
});
