import { strict as assert } from 'node:assert';
import { runScan } from '../../../tasks/DrCheckV1/src/scan';
import { isMapped, mapAzurerm } from '../../../tasks/DrCheckV1/src/readers/terraform/mappings';
import { AZURERM_ARM_TYPES } from '../../../tasks/DrCheckV1/src/readers/terraform/mappings/azurerm-arm-types';
import type { ResourceReport } from '../../../shared/report/types';
import { repo as makeRepo } from '../../support/repo';

const repo = (files: Record<string, string | Buffer>) => makeRepo(files, 'drcheck-tfmap-');

describe('azurerm → ARM types', () => {
  it("every hand-written mapping gives the ARM type the azurerm provider's documentation gives", () => {
    let checked = 0;
    for (const [tf, arm] of Object.entries(AZURERM_ARM_TYPES)) {
      if (!isMapped(tf)) continue;
      assert.equal(mapAzurerm(tf, {}).type.toLowerCase(), arm.toLowerCase(), tf);
      checked++;
    }
    assert.ok(checked >= 50, `only ${checked} mappings checked`);
  });

  it('judges azurerm types drcheck has no mapping for under their documented ARM type, as the ARM reader would', async () => {
    // Resources from the ALZ (caf-enterprise-scale) module's shapes: governance, Virtual WAN, Event Hubs children.
    const dir = repo({
      'main.tf': `resource "azurerm_policy_definition" "deny_lrs" {
  name         = "deny-lrs-storage"
  policy_type  = "Custom"
  mode         = "All"
  display_name = "Deny LRS storage"
}

resource "azurerm_virtual_wan" "vwan" {
  name                = "vwan-connectivity"
  resource_group_name = "rg-connectivity"
  location            = "westeurope"
}

resource "azurerm_eventhub_consumer_group" "analytics" {
  name                = "analytics"
  namespace_name      = "evhns-ingest"
  eventhub_name       = "telemetry"
  resource_group_name = "rg-data"
}

resource "azurerm_storage_account_network_rules" "lake" {
  storage_account_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stlake"
  default_action     = "Deny"
}
`,
    });
    const { report } = await runScan({ paths: ['.'], cwd: dir, configFile: null });
    const by = (address: string): ResourceReport => {
      const r = report.resources.find((x) => x.address === address);
      assert.ok(r, address);
      return r;
    };
    const policy = by('azurerm_policy_definition.deny_lrs');
    assert.deepEqual([policy.type, policy.terraformType, policy.stateful, policy.status], ['Microsoft.Authorization/policyDefinitions', 'azurerm_policy_definition', false, 'pass']);
    const vwan = by('azurerm_virtual_wan.vwan');
    assert.deepEqual([vwan.type, vwan.stateful, vwan.status, vwan.location], ['Microsoft.Network/virtualWans', false, 'pass', 'westeurope']);
    // A child the catalog judges on its parent (the Event Hubs namespace): not an unknown of its own.
    const group = by('azurerm_eventhub_consumer_group.analytics');
    assert.equal(group.type, 'Microsoft.EventHub/namespaces/eventhubs/consumerGroups');
    assert.equal(group.service, 'event-hubs');
    assert.notEqual(group.status, 'unknown');
    // Only sets options of a storage account: never judged as a second storage account on arguments drcheck does not map.
    const rules = by('azurerm_storage_account_network_rules.lake');
    assert.equal(rules.type, 'azurerm_storage_account_network_rules');
    assert.equal(rules.service, null);
  });

  it('keeps the Terraform type when the catalog rule for the documented ARM type would read arguments drcheck does not map', () => {
    // azurerm_security_center_storage_defender has a storage account's id but none of its replication settings.
    assert.equal(AZURERM_ARM_TYPES.azurerm_security_center_storage_defender, 'Microsoft.Storage/storageAccounts');
    assert.equal(mapAzurerm('azurerm_security_center_storage_defender', {}).type, 'azurerm_security_center_storage_defender');
  });
});
