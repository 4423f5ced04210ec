using './main.bicep'

param location = 'westeurope'
param vpnGatewaySku = 'VpnGw1'
