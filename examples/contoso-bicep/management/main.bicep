// Contoso management subscription: monitoring, backup and secrets for the data platform.
targetScope = 'resourceGroup'

@description('Region of the management resources.')
param location string = 'westeurope'

@allowed(['dev', 'tst', 'prd'])
param env string = 'prd'

param alertEmail string = 'platform-team@contoso.example'

var prefix = 'ctso-mgmt-${env}'
var tags = {
  environment: env
  landingZone: 'management'
  costCenter: 'platform'
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${prefix}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

resource oncall 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-platform-oncall'
  location: 'global'
  properties: {
    groupShortName: 'platform'
    enabled: true
    emailReceivers: [
      { name: 'platform-team', emailAddress: alertEmail, useCommonAlertSchema: true }
    ]
  }
}

// Contoso keeps the vault's default storage redundancy: GRS.
resource vault 'Microsoft.RecoveryServices/vaults@2024-04-01' = {
  name: 'rsv-${prefix}'
  location: location
  tags: tags
  sku: { name: 'RS0', tier: 'Standard' }
  properties: {
    publicNetworkAccess: 'Enabled'
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-ctso-mgmt-${env}'
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource defenderStorage 'Microsoft.Security/pricings@2024-01-01' = {
  name: 'StorageAccounts'
  properties: {
    pricingTier: 'Standard'
    subPlan: 'DefenderForStorageV2'
  }
}

output workspaceId string = workspace.id
