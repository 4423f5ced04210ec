# Contoso management subscription: monitoring, backup and secrets for the data platform.
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.0" }
  }
}

provider "azurerm" {
  features {}
}

data "azurerm_client_config" "current" {}

locals {
  prefix = "ctso-mgmt-${var.env}"
  tags   = { environment = var.env, landingZone = "management", costCenter = "platform" }
}

resource "azurerm_resource_group" "mgmt" {
  name     = "rg-${local.prefix}"
  location = var.location
}

resource "azurerm_log_analytics_workspace" "platform" {
  name                = "log-${local.prefix}"
  location            = var.location
  resource_group_name = azurerm_resource_group.mgmt.name
  sku                 = "PerGB2018"
  retention_in_days   = 90
  tags                = local.tags
}

resource "azurerm_monitor_action_group" "oncall" {
  name                = "ag-platform-oncall"
  resource_group_name = azurerm_resource_group.mgmt.name
  short_name          = "platform"

  email_receiver {
    name          = "platform-team"
    email_address = var.alert_email
  }
}

# Contoso keeps the vault's default storage redundancy: GRS.
resource "azurerm_recovery_services_vault" "backup" {
  name                = "rsv-${local.prefix}"
  location            = var.location
  resource_group_name = azurerm_resource_group.mgmt.name
  sku                 = "Standard"
  tags                = local.tags
}

resource "azurerm_key_vault" "platform" {
  name                       = "kv-ctso-mgmt-${var.env}"
  location                   = var.location
  resource_group_name        = azurerm_resource_group.mgmt.name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  enable_rbac_authorization  = true
  soft_delete_retention_days = 90
  purge_protection_enabled   = true
  tags                       = local.tags
}

resource "azurerm_security_center_subscription_pricing" "storage" {
  tier          = "Standard"
  resource_type = "StorageAccounts"
}
