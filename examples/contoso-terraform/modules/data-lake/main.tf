# The data lake: an ADLS Gen2 account and its zones (containers).
variable "name" {
  type = string
}

variable "location" {
  type = string
}

variable "resource_group_name" {
  type = string
}

variable "replication_type" {
  type        = string
  description = "Contoso chose LRS for the data lake (lowest recommended production tier)."
  default     = "LRS"
}

variable "zones" {
  type    = list(string)
  default = ["raw", "enriched", "curated"]
}

resource "azurerm_storage_account" "this" {
  name                     = var.name
  location                 = var.location
  resource_group_name      = var.resource_group_name
  account_tier             = "Standard"
  account_replication_type = var.replication_type
  account_kind             = "StorageV2"
  is_hns_enabled           = true
  min_tls_version          = "TLS1_2"
}

resource "azurerm_storage_data_lake_gen2_filesystem" "zone" {
  count              = length(var.zones)
  name               = var.zones[count.index]
  storage_account_id = azurerm_storage_account.this.id
}

output "id" {
  value = azurerm_storage_account.this.id
}

output "name" {
  value = azurerm_storage_account.this.name
}
