import type { CatalogEntry } from '../types';
import { getPath, isUnknown, eqi } from '../../model/value';
import { unknownAt } from '../rules/common';
import { regionWithoutZones } from '../rules/regions';

/** Azure IoT Hub: Microsoft-initiated and manual failover to the paired region. */
const iotHub: CatalogEntry = {
  id: 'iot-hub',
  displayName: 'Azure IoT Hub',
  section: 'stateful-data-platform',
  armTypes: ['Microsoft.Devices/IotHubs', 'Microsoft.Devices/provisioningServices'],
  terraformTypes: ['azurerm_iothub', 'azurerm_iothub_dps'],
  stateful: true,
  responsibility: { component: 'Microsoft', workload: 'Customer' },
  contosoSku: 'Standard',
  uplift: [
    { title: 'Uplift resiliency with a cross-regional HA implementation', url: 'https://learn.microsoft.com/azure/iot-hub/iot-hub-ha-dr#achieve-cross-region', reaches: 'multi-region' },
    { title: 'Choose the right HA/DR option', url: 'https://learn.microsoft.com/azure/iot-hub/iot-hub-ha-dr#choose-the-right-hadr-option' },
  ],
  caveats: [
    'IoT Hub provides Microsoft-initiated failover and manual failover by replicating data to the paired region for each IoT hub.',
    'IoT Hub provides intra-region HA and automatically uses an availability zone in a predefined set of regions.',
    'Data residency (enableDataResidency) turns off replication to the paired region.',
  ],
  docs: 'https://learn.microsoft.com/azure/iot-hub/iot-hub-ha-dr',
  rule: {
    appliesTo: ['Microsoft.Devices/IotHubs'],
    evaluate(resource) {
      const sku = getPath(resource.body, 'sku.name');
      if (isUnknown(sku)) return unknownAt('sku.name', sku);
      const residency = getPath(resource.body, 'properties.enableDataResidency');
      if (isUnknown(residency)) return unknownAt('properties.enableDataResidency', residency);
      if (eqi(sku, 'F1')) return { redundancy: 'none', reason: 'sku.name is F1 (free): no SLA and no failover' };
      if (residency === true) {
        // In the region only: across its zones where it has them.
        const noZones = regionWithoutZones(resource);
        return { redundancy: noZones ? 'local' : 'zone', reason: `properties.enableDataResidency is true: data is kept in the region and not replicated to the paired region${noZones ? `, and ${noZones} has no availability zones` : ''}` };
      }
      return { redundancy: 'geo', detail: 'geo-platform', reason: `sku.name is ${typeof sku === 'string' ? sku : 'S1'}: Microsoft replicates the hub to the paired region (Microsoft-initiated or manual failover)` };
    },
  },
};

export default iotHub;
