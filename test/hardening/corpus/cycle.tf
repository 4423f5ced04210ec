locals {
  a = local.b
  b = local.a
}
resource "azurerm_storage_account" "c" {
  name = local.a
  account_tier = "Standard"
  account_replication_type = "LRS"
}
