import { strict as assert } from 'node:assert';
import { runScan } from '../../tasks/DrCheckV1/src/scan';
import type { PostureReport } from '../../shared/report/types';
import { repo } from '../support/repo';

// Most ARM and Bicep templates default their location to resourceGroup().location, known only at deployment.
const bicep = `param location string = resourceGroup().location

resource lake 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stlake\${uniqueString(resourceGroup().id)}'
  location: location
  sku: { name: 'Standard_GRS' }
  kind: 'StorageV2'
}

resource orders 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-orders'
  location: location
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: true }
    ]
  }
}
`;
const arm = JSON.stringify({
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: { location: { type: 'string', defaultValue: '[resourceGroup().location]' } },
  resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stlogsprd', location: "[parameters('location')]", sku: { name: 'Standard_LRS' }, kind: 'StorageV2' }],
});

const locations = (r: PostureReport) => Object.fromEntries(r.resources.map((x) => [`${x.file}:${x.type.split('/')[1]}`, x.location]));

describe('configured deployment region (location in .drcheck.yml)', () => {
  it("resolves resourceGroup().location to the landing zone's region, else the config's, in ARM and Bicep", async () => {
    const dir = repo({
      'data/main.bicep': bicep,
      'connectivity/logs.json': arm,
      'shared/logs.json': arm,
      '.drcheck.yml': 'location: westeurope\nlandingZones:\n  - name: data\n    subscription: 33333333-3333-4333-8333-333333333333\n    location: northeurope\n    paths: ["data/**"]\n  - name: connectivity\n    subscription: 22222222-2222-4222-8222-222222222222\n    paths: ["connectivity/**"]\n',
    });
    const { report } = await runScan({ paths: ['.'], cwd: dir });
    assert.deepEqual(report.errors, []);
    assert.deepEqual(locations(report), {
      'data/main.bicep:storageAccounts': 'northeurope',
      'data/main.bicep:databaseAccounts': 'northeurope',
      'connectivity/logs.json:storageAccounts': 'westeurope',
      'shared/logs.json:storageAccounts': 'westeurope',
    });
    // With the region known, a single-region Cosmos DB account is judged, not left unknown.
    const cosmos = report.resources.find((x) => x.type === 'Microsoft.DocumentDB/databaseAccounts')!;
    assert.notEqual(cosmos.redundancy, 'unknown');
    assert.match(cosmos.reason, /one region \(zone-redundant\)/);
  });

  it("takes the location of the landing zone the report puts the file in (the first that matches), never a later zone's", async () => {
    const dir = repo({
      'data/lake/main.bicep': bicep,
      '.drcheck.yml': 'location: westeurope\nlandingZones:\n  - name: data\n    subscription: 33333333-3333-4333-8333-333333333333\n    paths: ["data/**"]\n  - name: lake\n    subscription: 44444444-4444-4444-8444-444444444444\n    location: northeurope\n    paths: ["data/lake/**"]\n',
    });
    const { report } = await runScan({ paths: ['.'], cwd: dir });
    assert.deepEqual(report.resources.map((x) => [x.landingZone, x.location]), [['data', 'westeurope'], ['data', 'westeurope']]);
  });

  it('leaves resourceGroup().location unknown without the setting, and rejects a malformed one', async () => {
    const dir = repo({ 'data/main.bicep': bicep });
    const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null });
    assert.deepEqual(report.resources.map((x) => x.location), [null, null]);
    // The Cosmos DB account still lists one region, whatever its name: judged as single-region, not unknown.
    const cosmos = report.resources.find((x) => x.type === 'Microsoft.DocumentDB/databaseAccounts')!;
    assert.match(cosmos.reason, /^one region \(zone-redundant\)/);
    const two = repo({ 'main.bicep': bicep.replace("{ locationName: location, failoverPriority: 0, isZoneRedundant: true }", "{ locationName: location, failoverPriority: 0 }\n      { locationName: 'northeurope', failoverPriority: 1 }") });
    const { report: twoRegions } = await runScan({ paths: ['.'], cwd: two, configFile: null });
    const replicated = twoRegions.resources.find((x) => x.type === 'Microsoft.DocumentDB/databaseAccounts')!;
    assert.deepEqual([replicated.redundancy, replicated.redundancyDetail], ['geo', 'geo-replica']);
    assert.match(replicated.reason, /2 regions \(northeurope, 1 named at deployment\)/);
    const bad = repo({ 'main.bicep': bicep, '.drcheck.yml': 'location: "west europe; rm -rf /"\n' });
    await assert.rejects(runScan({ paths: ['.'], cwd: bad }), /location/);
  });
});
