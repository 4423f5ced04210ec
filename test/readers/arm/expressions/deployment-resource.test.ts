/**
 * Parameters, variables, copyIndex, the scope objects (resourceGroup(), subscription(), deployment(),
 * environment()…), resource ids (docs formats), and the functions only Azure can answer at
 * deployment time.
 */
import { strict as assert } from 'node:assert';
import { Unknown } from '../../../../shared/model/value';
import { AZURE_CLOUD_ENVIRONMENT, ExpressionError, isPartialResourceId, resourceIdProviderPart, UNKNOWN_ID_SEGMENT } from '../../../../tasks/DrCheckV1/src/readers/arm/expressions';
import { ev, evUnknown, scope, SUB, throwsAt } from './helpers';

const RG = `/subscriptions/${SUB}/resourceGroups/rg-data`;

describe('ARM expressions: deployment values and scope functions', () => {
  it('reads parameters and variables through the scope, case-insensitively, and names undeclared ones', () => {
    const s = scope({ params: { storageName: 'stlake', tier: { sku: 'Standard_GRS' } }, vars: { prefix: 'cto', list: [1, 2, 3] } });
    assert.equal(ev("[concat(variables('prefix'), '-', parameters('storageName'))]", s), 'cto-stlake');
    assert.equal(ev("[parameters('STORAGENAME')]", s), 'stlake');
    assert.equal(ev("[parameters('tier').SKU]", s), 'Standard_GRS');
    assert.deepEqual(ev("[variables('list')]", s), [1, 2, 3]);
    throwsAt("[parameters('missing')]", /parameters\(\): the parameter 'missing' is not declared in the template/, 1, s);
    throwsAt("[concat('x', variables('nope'))]", /variables\(\): the variable 'nope' is not declared/, 13, s);
  });

  it('calls user-defined functions by namespace, and places their errors at the call', () => {
    const s = scope({
      functions: {
        'contoso.storageName': ([prefix]) => (typeof prefix === 'string' ? `${prefix.toLowerCase()}st` : new Unknown('the prefix is unknown', "[toLower(parameters('prefix'))]")),
        'contoso.broken': () => {
          throw new ExpressionError("in contoso.broken(): unknown function 'nosuch'", 0);
        },
      },
    });
    assert.equal(ev("[concat(contoso.storageName('CTO'), '01')]", s), 'ctost01');
    const u = evUnknown("[concat(contoso.storageName(reference('x').prefix), '01')]", s);
    assert.equal(u.reason, "contoso.storageName(reference('x').prefix): the prefix is unknown");
    assert.equal(u.expression, "[concat(contoso.storageName(reference('x').prefix), '01')]");
    throwsAt("[concat('a', contoso.broken())]", /in contoso\.broken\(\): unknown function 'nosuch'/, 13, s);
  });

  it('copyIndex gives the innermost or a named loop index, with an optional offset', () => {
    const s = scope({ loops: [['vnets', 2], ['subnets', 5]] });
    assert.equal(ev('[copyIndex()]', s), 5);
    assert.equal(ev('[copyIndex(1)]', s), 6);
    assert.equal(ev("[copyIndex('vnets')]", s), 2);
    assert.equal(ev("[copyIndex('VNETS', 10)]", s), 12);
    assert.equal(ev("[concat('vm-', copyIndex(1))]", s), 'vm-6');
    const outside = evUnknown('[copyIndex()]');
    assert.match(outside.reason, /outside a copy loop/);
    throwsAt('[copyIndex(true())]', /copyIndex\(\): expects a loop name or an integer offset/, 1);
  });

  it('returns the scope objects with every documented property, unknown parts named', () => {
    assert.equal(ev('[resourceGroup().name]'), 'rg-data');
    assert.equal(ev('[resourceGroup().location]'), 'westeurope');
    assert.equal(ev('[resourceGroup().type]'), 'Microsoft.Resources/resourceGroups');
    assert.equal(ev('[subscription().subscriptionId]'), SUB);
    assert.equal(ev('[deployment().name]'), 'main');
    const tags = evUnknown('[resourceGroup().tags]');
    assert.equal(tags.reason, 'resourceGroup().tags is only known at deployment time');
    assert.equal(tags.expression, '[resourceGroup().tags]');
    assert.match(evUnknown('[subscription().tenantId]').reason, /subscription\(\)\.tenantId is only known at deployment time/);
    assert.match(evUnknown("[uri(deployment().properties.templateLink.uri, 'nested/lake.json')]").reason, /deployment\(\)\.properties\.templateLink\.uri is only known at deployment time/);
    assert.match(evUnknown('[environment().suffixes.storage]').reason, /environment\(\) is only known at deployment time/);
    throwsAt('[resourceGroup().nosuch]', /the object has no property 'nosuch'/, 17);
    throwsAt('[managementGroup()]', /managementGroup\(\) is not available at the scope this template is deployed to/, 1);
  });

  it('uses the public-cloud environment when the reader configures it', () => {
    const s = scope({ context: { environment: AZURE_CLOUD_ENVIRONMENT } });
    assert.equal(ev("[concat('https://stlake.blob.', environment().suffixes.storage)]", s), 'https://stlake.blob.core.windows.net');
    assert.equal(ev('[environment().name]', s), 'AzureCloud');
  });

  it('describes other scopes given by name (Bicep scope forms)', () => {
    assert.equal(ev("[resourceGroup('rg-hub').id]"), `/subscriptions/${SUB}/resourceGroups/rg-hub`);
    assert.equal(ev("[resourceGroup('11111111-1111-1111-1111-111111111111', 'rg-hub').id]"), '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-hub');
    assert.equal(ev("[subscription('22222222-2222-2222-2222-222222222222').id]"), '/subscriptions/22222222-2222-2222-2222-222222222222');
    assert.match(evUnknown("[resourceGroup('rg-hub').location]").reason, /resourceGroup\(\)\.location is only known at deployment time/);
  });
});

describe('ARM expressions: resource ids', () => {
  it('resourceId builds /subscriptions/{sub}/resourceGroups/{rg}/providers/{ns}/{type}/{name}…', () => {
    assert.equal(ev("[resourceId('Microsoft.Network/publicIPAddresses', 'pip-vpn')]"), `${RG}/providers/Microsoft.Network/publicIPAddresses/pip-vpn`);
    assert.equal(ev("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'GatewaySubnet')]"), `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/GatewaySubnet`);
    assert.equal(ev("[resourceId('rg-hub', 'Microsoft.Network/virtualNetworks', 'vnet-hub')]"), `/subscriptions/${SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub`);
    assert.equal(ev("[resourceId('11111111-1111-1111-1111-111111111111', 'rg-hub', 'Microsoft.Network/virtualNetworks', 'vnet-hub')]"), '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub');
    // The split form Bicep emits for key vault references.
    assert.equal(ev("[resourceId('sub-1', 'rg-kv', 'Microsoft.KeyVault', 'vaults', 'kv-lake')]"), '/subscriptions/sub-1/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/kv-lake');
    throwsAt("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub')]", /resourceId\(\): the resource type 'Microsoft\.Network\/virtualNetworks\/subnets' needs 2 names after it, got 1/, 1);
    throwsAt("[resourceId('a', 'b', 'c', 'Microsoft.Network/virtualNetworks', 'v')]", /at most a subscription id and a resource group name/, 1);
  });

  it('builds subscription, tenant, management-group and extension ids (docs formats)', () => {
    assert.equal(ev("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')]"), `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`);
    assert.equal(ev("[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg-data')]"), `/subscriptions/${SUB}/providers/Microsoft.Resources/resourceGroups/rg-data`);
    assert.equal(ev("[tenantResourceId('Microsoft.Authorization/policyDefinitions', '0a914e76-4921-4c19-b460-a2d36003525a')]"), '/providers/Microsoft.Authorization/policyDefinitions/0a914e76-4921-4c19-b460-a2d36003525a');
    assert.equal(ev("[extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/locks', 'rgLock')]"), `${RG}/providers/Microsoft.Authorization/locks/rgLock`);
    const mg = scope({ context: { managementGroup: { name: 'contoso-platform', id: '/providers/Microsoft.Management/managementGroups/contoso-platform' } } });
    assert.equal(ev("[managementGroupResourceId('Microsoft.Authorization/policyDefinitions', 'locationpolicy')]", mg), '/providers/Microsoft.Management/managementGroups/contoso-platform/providers/Microsoft.Authorization/policyDefinitions/locationpolicy');
    assert.equal(ev("[managementGroupResourceId('alz', 'Microsoft.Authorization/policyDefinitions', 'p')]"), '/providers/Microsoft.Management/managementGroups/alz/providers/Microsoft.Authorization/policyDefinitions/p');
  });

  it('keeps the provider part exact when the subscription or resource group is not known (placeholder, helpers)', () => {
    const unknownScope = scope({ context: { subscription: new Unknown('subscription() is only known at deployment time'), resourceGroup: { name: new Unknown('resourceGroup().name is only known at deployment time') } } });
    const id = ev("[resourceId('Microsoft.Network/publicIPAddresses', 'pip-vpn')]", unknownScope) as string;
    assert.equal(id, `/subscriptions/${UNKNOWN_ID_SEGMENT}/resourceGroups/${UNKNOWN_ID_SEGMENT}/providers/Microsoft.Network/publicIPAddresses/pip-vpn`);
    assert.equal(isPartialResourceId(id), true);
    assert.equal(resourceIdProviderPart(id), '/providers/Microsoft.Network/publicIPAddresses/pip-vpn');
    const hub = scope({ params: { hubRg: new Unknown("parameter 'hubRg' has no value", "[parameters('hubRg')]") } });
    assert.equal(ev("[resourceId(parameters('hubRg'), 'Microsoft.Network/virtualNetworks', 'vnet-hub')]", hub), `/subscriptions/${SUB}/resourceGroups/(unknown)/providers/Microsoft.Network/virtualNetworks/vnet-hub`);
    assert.equal(isPartialResourceId(ev("[resourceId('Microsoft.Network/publicIPAddresses', 'pip-vpn')]") as string), false);
  });

  it('never invents a resource type or name: those make the id Unknown', () => {
    const s = scope({ params: { pipName: new Unknown("parameter 'pipName' has no default and no value in a parameters file", "[parameters('pipName')]") } });
    const u = evUnknown("[resourceId('Microsoft.Network/publicIPAddresses', parameters('pipName'))]", s);
    assert.match(u.reason, /parameters\('pipName'\): parameter 'pipName' has no default/);
    assert.equal(u.expression, "[resourceId('Microsoft.Network/publicIPAddresses', parameters('pipName'))]");
  });

  it('builds subscription-level ids when the template has no resource group (subscription deployment)', () => {
    const s = scope({ context: { resourceGroup: null } });
    assert.equal(ev("[resourceId('Microsoft.Resources/resourceGroups', 'rg-data')]", s), `/subscriptions/${SUB}/providers/Microsoft.Resources/resourceGroups/rg-data`);
  });
});

describe('ARM expressions: deployment-time functions are Unknown, never guessed', () => {
  it('reference, references, list*, pickZones, providers, deployer, newGuid, utcNow', () => {
    const cases: Array<[string, RegExp]> = [
      ["[reference(resourceId('Microsoft.Storage/storageAccounts', 'st')).primaryEndpoints.blob]", /^reference\(resourceId\('Microsoft\.Storage\/storageAccounts', 'st'\)\) is only known at deployment time$/],
      ["[references('vms')]", /references\('vms'\) is only known at deployment time/],
      ["[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-01-01').keys[0].value]", /listKeys\(.*\) is only known at deployment time \(list\* functions read keys and secrets/],
      ["[listAccountSas('st', '2023-01-01', createObject('signedServices', 'b'))]", /listAccountSas/],
      ["[list(resourceId('Microsoft.OperationalInsights/workspaces', 'la'), '2022-10-01')]", /list\(resourceId/],
      ["[pickZones('Microsoft.Compute', 'virtualMachines', 'westus2')]", /pickZones\(.*\) depends on the availability zones the region offers/],
      ["[providers('Microsoft.Web', 'sites')]", /is only known at deployment time/],
      ['[deployer().objectId]', /deployer\(\) is only known at deployment time/],
      ['[newGuid()]', /newGuid\(\) gives a new value at every deployment/],
      ["[utcNow('u')]", /utcNow\('u'\) gives a new value at every deployment/],
    ];
    for (const [text, reason] of cases) {
      const u = evUnknown(text);
      assert.match(u.reason, reason, text);
      assert.equal(u.expression, text);
    }
  });
});
