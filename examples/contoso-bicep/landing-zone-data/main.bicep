// Contoso data landing zone: ingestion, the data lake, serving, AI and governance.
param location string = 'westeurope'
param env string = 'prd'
param lakeSku string = 'Standard_LRS'
param sqlAdministratorLogin string = 'sqladminuser'
@minValue(1)
@maxValue(12)
param searchReplicas int = 1

var suffix = toLower(env)

module lake 'modules/data-lake.bicep' = {
  name: 'data-lake'
  params: {
    name: 'stctsolake${suffix}'
    location: location
    skuName: lakeSku
  }
}

resource ingest 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: 'evhns-ctso-${suffix}'
  location: location
  sku: { name: 'Standard', tier: 'Standard', capacity: 1 }
  properties: { minimumTlsVersion: '1.2', isAutoInflateEnabled: false }

  resource telemetry 'eventhubs' = {
    name: 'telemetry'
    properties: { messageRetentionInDays: 7, partitionCount: 4 }
  }
}

resource iotHub 'Microsoft.Devices/IotHubs@2023-06-30' = {
  name: 'iot-ctso-${suffix}'
  location: location
  sku: { name: 'S1', capacity: 1 }
  properties: {
    eventHubEndpoints: { events: { retentionTimeInDays: 1, partitionCount: 4 } }
  }
}

resource asa 'Microsoft.StreamAnalytics/streamingjobs@2021-10-01-preview' = {
  name: 'asa-ctso-${suffix}'
  location: location
  properties: {
    sku: { name: 'Standard' }
    outputErrorPolicy: 'Stop'
    eventsOutOfOrderPolicy: 'Adjust'
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: 'cosmos-ctso-${suffix}'
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: false }
    ]
    backupPolicy: {
      type: 'Periodic'
      periodicModeProperties: { backupIntervalInMinutes: 240, backupRetentionIntervalInHours: 8, backupStorageRedundancy: 'Geo' }
    }
  }
}

resource synapse 'Microsoft.Synapse/workspaces@2021-06-01' = {
  name: 'synw-ctso-${suffix}'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    defaultDataLakeStorage: {
      accountUrl: 'https://stctsolake${suffix}.dfs.${environment().suffixes.storage}'
      filesystem: 'curated'
    }
    sqlAdministratorLogin: sqlAdministratorLogin
    managedVirtualNetwork: 'default'
  }

  resource spark 'bigDataPools' = {
    name: 'sparksmall'
    location: location
    properties: {
      nodeSize: 'Small'
      nodeSizeFamily: 'MemoryOptimized'
      sparkVersion: '3.4'
      autoScale: { enabled: true, minNodeCount: 3, maxNodeCount: 6 }
    }
  }

  resource dw 'sqlPools' = {
    name: 'dwcurated'
    location: location
    sku: { name: 'DW100c' }
    properties: { createMode: 'Default', collation: 'SQL_Latin1_General_CP1_CI_AS', storageAccountType: 'GRS' }
  }

  resource dataExplorer 'kustoPools@2021-06-01-preview' = {
    name: 'dxtelemetry'
    location: location
    sku: { name: 'Compute optimized', size: 'Small', capacity: 2 }
    properties: { enableStreamingIngest: true }
  }
}

resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'srch-ctso-${suffix}'
  location: location
  sku: { name: 'standard' }
  properties: { replicaCount: searchReplicas, partitionCount: 1, hostingMode: 'default' }
}

resource cognitive 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'cog-ctso-${suffix}'
  location: location
  kind: 'CognitiveServices'
  sku: { name: 'S0' }
  properties: { customSubDomainName: 'cog-ctso-${suffix}', publicNetworkAccess: 'Enabled' }
}

resource ml 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'mlw-ctso-${suffix}'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    friendlyName: 'Contoso ML'
    storageAccount: lake.outputs.id
  }
}

resource purview 'Microsoft.Purview/accounts@2021-12-01' = {
  name: 'pview-ctso-${suffix}'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: { publicNetworkAccess: 'Enabled' }
}

resource share 'Microsoft.DataShare/accounts@2021-08-01' = {
  name: 'share-ctso-${suffix}'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {}
}

resource adf 'Microsoft.DataFactory/factories@2018-06-01' = {
  name: 'adf-ctso-${suffix}'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    repoConfiguration: {
      type: 'FactoryVSTSConfiguration'
      accountName: 'contoso'
      projectName: 'data-platform'
      repositoryName: 'adf'
      collaborationBranch: 'main'
      rootFolder: '/'
    }
  }
}

resource functionStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stctsofunc${suffix}'
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: { minimumTlsVersion: 'TLS1_2' }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: 'plan-ctso-func-${suffix}'
  location: location
  sku: { name: 'Y1', tier: 'Dynamic' }
  properties: {}
}

resource ingestFunctions 'Microsoft.Web/sites@2023-12-01' = {
  name: 'func-ctso-ingest-${suffix}'
  location: location
  kind: 'functionapp'
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
  }
}
