resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'sté中😀'
  sku: { name: 'Standard_GRS' }
}
