import { platformEntry } from '../rules/platform';

/** Network Watcher: regional network diagnostics (one per region with networking). */
export default platformEntry({
  id: 'network-watcher',
  displayName: 'Network Watcher',
  armTypes: ['Microsoft.Network/networkWatchers', 'Microsoft.Network/networkWatchers/flowLogs'],
  terraformTypes: ['azurerm_network_watcher', 'azurerm_network_watcher_flow_log'],
  caveats: ['Network Watcher is regional: the secondary region needs its own.'],
});
