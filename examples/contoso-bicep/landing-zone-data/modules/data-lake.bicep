// The data lake: an ADLS Gen2 account and its zones (containers).
param name string
param location string

@description('Contoso chose LRS for the data lake (lowest recommended production tier).')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS', 'Standard_GZRS', 'Standard_RAGZRS'])
param skuName string = 'Standard_LRS'

param zones array = ['raw', 'enriched', 'curated']

resource lake 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  sku: { name: skuName }
  kind: 'StorageV2'
  properties: {
    isHnsEnabled: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }

  resource blob 'blobServices' = {
    name: 'default'

    resource zone 'containers' = [for z in zones: {
      name: z
      properties: { publicAccess: 'None' }
    }]
  }
}

output id string = lake.id
output name string = lake.name
