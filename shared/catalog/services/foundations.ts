import type { CatalogEntry } from '../types';
import entraId from './entra-id';
import keyVault from './key-vault';
import recoveryServicesVault from './recovery-services-vault';
import azureDevOps from './azure-devops';
import subscriptions from './subscriptions';
import managementGroups from './management-groups';
import azureMonitor from './azure-monitor';
import costManagement from './cost-management';
import defenderForCloud from './defender-for-cloud';
import dns from './dns';
import networkWatcher from './network-watcher';
import virtualNetwork from './virtual-network';
import firewall from './firewall';
import ddosProtection from './ddos-protection';
import expressRoute from './expressroute';
import vpnGateway from './vpn-gateway';
import loadBalancer from './load-balancer';
import siteRecovery from './site-recovery';

/** Foundational services (identity, management, connectivity): the article's stateful and stateless foundational components. */
export const FOUNDATION_SERVICES: readonly CatalogEntry[] = [
  entraId,
  keyVault,
  recoveryServicesVault,
  azureDevOps,
  subscriptions,
  managementGroups,
  azureMonitor,
  costManagement,
  defenderForCloud,
  dns,
  networkWatcher,
  virtualNetwork,
  firewall,
  ddosProtection,
  expressRoute,
  vpnGateway,
  loadBalancer,
  siteRecovery,
];
