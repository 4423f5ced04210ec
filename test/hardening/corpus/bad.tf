resource "azurerm_storage_account" "x" {
  name = "a
