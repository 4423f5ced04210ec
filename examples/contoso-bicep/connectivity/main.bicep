// Contoso connectivity subscription: hub network, Azure Firewall Standard, VPN gateway VpnGw1,
// ExpressRoute circuit, DDoS Network Protection, public DNS.
param location string
param hubAddressPrefix string = '10.0.0.0/16'
param subnets array = [
  { name: 'AzureFirewallSubnet', prefix: '10.0.0.0/26' }
  { name: 'GatewaySubnet', prefix: '10.0.1.0/27' }
  { name: 'snet-shared', prefix: '10.0.2.0/24' }
]
@allowed(['VpnGw1', 'VpnGw2', 'VpnGw1AZ', 'VpnGw2AZ'])
param vpnGatewaySku string = 'VpnGw1'
param expressRoutePeeringLocation string = 'Amsterdam'
param publicDnsZone string = 'contoso.example'
param deployExpressRoute bool = true

var hubName = 'vnet-ctso-hub'
var firewallName = 'afw-ctso-hub'
var vpnGatewayName = 'vpngw-ctso-hub'

resource ddos 'Microsoft.Network/ddosProtectionPlans@2023-09-01' = {
  name: 'ddos-ctso'
  location: location
  properties: {}
}

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-ctso-shared'
  location: location
  properties: {
    securityRules: [
      {
        name: 'deny-internet-inbound'
        properties: { priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*', sourceAddressPrefix: 'Internet', sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRange: '*' }
      }
    ]
  }
}

resource routes 'Microsoft.Network/routeTables@2023-09-01' = {
  name: 'rt-ctso-shared'
  location: location
  properties: {
    disableBgpRoutePropagation: false
    routes: [
      { name: 'default-to-firewall', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.0.4' } }
    ]
  }
}

resource hub 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: hubName
  location: location
  properties: {
    addressSpace: { addressPrefixes: [hubAddressPrefix] }
    enableDdosProtection: true
    ddosProtectionPlan: { id: ddos.id }
    subnets: [for s in subnets: {
      name: s.name
      properties: { addressPrefix: s.prefix }
    }]
  }
}

resource firewallIp 'Microsoft.Network/publicIPAddresses@2023-09-01' = {
  name: 'pip-${firewallName}'
  location: location
  sku: { name: 'Standard', tier: 'Regional' }
  properties: { publicIPAllocationMethod: 'Static' }
}

// Contoso runs Azure Firewall Standard without availability zones.
resource firewall 'Microsoft.Network/azureFirewalls@2023-09-01' = {
  name: firewallName
  location: location
  properties: {
    sku: { name: 'AZFW_VNet', tier: 'Standard' }
    ipConfigurations: [
      {
        name: 'ipconfig'
        properties: {
          subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', hubName, 'AzureFirewallSubnet') }
          publicIPAddress: { id: firewallIp.id }
        }
      }
    ]
  }
}

// Single zone: the gateway's public IP is pinned to zone 1.
resource vpnIp 'Microsoft.Network/publicIPAddresses@2023-09-01' = {
  name: 'pip-${vpnGatewayName}'
  location: location
  sku: { name: 'Standard' }
  zones: ['1']
  properties: { publicIPAllocationMethod: 'Static' }
}

resource vpnGateway 'Microsoft.Network/virtualNetworkGateways@2023-09-01' = {
  name: vpnGatewayName
  location: location
  properties: {
    gatewayType: 'Vpn'
    vpnType: 'RouteBased'
    activeActive: false
    sku: { name: vpnGatewaySku, tier: vpnGatewaySku }
    ipConfigurations: [
      {
        name: 'default'
        properties: {
          subnet: { id: '${hub.id}/subnets/GatewaySubnet' }
          publicIPAddress: { id: vpnIp.id }
        }
      }
    ]
  }
}

resource circuit 'Microsoft.Network/expressRouteCircuits@2023-09-01' = if (deployExpressRoute) {
  name: 'erc-ctso-ams'
  location: location
  sku: { name: 'Standard_MeteredData', tier: 'Standard', family: 'MeteredData' }
  properties: {
    serviceProviderProperties: {
      serviceProviderName: 'Equinix'
      peeringLocation: expressRoutePeeringLocation
      bandwidthInMbps: 1000
    }
    allowClassicOperations: false
  }
}

resource shared 'Microsoft.Network/loadBalancers@2023-09-01' = {
  name: 'lbi-ctso-shared'
  location: location
  sku: { name: 'Standard', tier: 'Regional' }
  properties: {
    frontendIPConfigurations: [
      {
        name: 'frontend'
        properties: {
          privateIPAllocationMethod: 'Dynamic'
          subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', hubName, 'snet-shared') }
        }
      }
    ]
    backendAddressPools: [{ name: 'shared-services' }]
  }
}

resource dns 'Microsoft.Network/dnsZones@2018-05-01' = {
  name: publicDnsZone
  location: 'global'
  properties: { zoneType: 'Public' }
}

resource watcher 'Microsoft.Network/networkWatchers@2023-09-01' = {
  name: 'NetworkWatcher_${location}'
  location: location
  properties: {}
}
