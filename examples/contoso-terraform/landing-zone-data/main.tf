# Contoso data landing zone: ingestion, the data lake, serving, AI and governance.
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.0" }
  }
}

provider "azurerm" {
  features {}
}

locals {
  suffix = lower(var.env)
}

resource "azurerm_resource_group" "data" {
  name     = "rg-ctso-data-${local.suffix}"
  location = var.location
}

module "lake" {
  source              = "../modules/data-lake"
  name                = "stctsolake${local.suffix}"
  location            = var.location
  resource_group_name = azurerm_resource_group.data.name
  replication_type    = var.lake_replication_type
}

resource "azurerm_eventhub_namespace" "ingest" {
  name                = format("evhns-ctso-%s", local.suffix)
  location            = var.location
  resource_group_name = azurerm_resource_group.data.name
  sku                 = "Standard"
  capacity            = 1
}

resource "azurerm_eventhub" "telemetry" {
  name              = "telemetry"
  namespace_id      = azurerm_eventhub_namespace.ingest.id
  partition_count   = 4
  message_retention = 7
}

resource "azurerm_iothub" "devices" {
  name                = "iot-ctso-${local.suffix}"
  location            = var.location
  resource_group_name = azurerm_resource_group.data.name

  sku {
    name     = "S1"
    capacity = 1
  }
}

resource "azurerm_stream_analytics_job" "telemetry" {
  name                = "asa-ctso-${local.suffix}"
  location            = var.location
  resource_group_name = azurerm_resource_group.data.name
  sku_name            = "Standard"
  streaming_units     = 3
  transformation_query = "SELECT * INTO [lake] FROM [telemetry]"
}

resource "azurerm_cosmosdb_account" "serving" {
  name                       = "cosmos-ctso-${local.suffix}"
  location                   = var.location
  resource_group_name        = azurerm_resource_group.data.name
  offer_type                 = "Standard"
  kind                       = "GlobalDocumentDB"
  automatic_failover_enabled = false

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = var.location
    failover_priority = 0
    zone_redundant    = false
  }

  backup {
    type                = "Periodic"
    interval_in_minutes = 240
    retention_in_hours  = 8
    storage_redundancy  = "Geo"
  }
}

resource "azurerm_synapse_workspace" "analytics" {
  name                                 = "synw-ctso-${local.suffix}"
  location                             = var.location
  resource_group_name                  = azurerm_resource_group.data.name
  storage_data_lake_gen2_filesystem_id = module.lake.id
  sql_administrator_login              = var.sql_administrator_login

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_synapse_spark_pool" "small" {
  name                 = "sparksmall"
  synapse_workspace_id = azurerm_synapse_workspace.analytics.id
  node_size_family     = "MemoryOptimized"
  node_size            = "Small"
  spark_version        = "3.4"

  auto_scale {
    min_node_count = 3
    max_node_count = 6
  }
}

resource "azurerm_synapse_sql_pool" "curated" {
  name                 = "dwcurated"
  synapse_workspace_id = azurerm_synapse_workspace.analytics.id
  sku_name             = "DW100c"
  create_mode          = "Default"
  storage_account_type = "GRS"
}

resource "azurerm_search_service" "search" {
  name                = "srch-ctso-${local.suffix}"
  location            = var.location
  resource_group_name = azurerm_resource_group.data.name
  sku                 = "standard"
  replica_count       = var.search_replicas
  partition_count     = 1
}

resource "azurerm_cognitive_account" "ai" {
  name                  = "cog-ctso-${local.suffix}"
  location              = var.location
  resource_group_name   = azurerm_resource_group.data.name
  kind                  = "CognitiveServices"
  sku_name              = "S0"
  custom_subdomain_name = "cog-ctso-${local.suffix}"
}

resource "azurerm_machine_learning_workspace" "ml" {
  name                    = "mlw-ctso-${local.suffix}"
  location                = var.location
  resource_group_name     = azurerm_resource_group.data.name
  storage_account_id      = module.lake.id
  key_vault_id            = var.key_vault_id
  application_insights_id = var.application_insights_id

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_purview_account" "governance" {
  name                = "pview-ctso-${local.suffix}"
  location            = var.location
  resource_group_name = azurerm_resource_group.data.name

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_data_share_account" "share" {
  name                = "share-ctso-${local.suffix}"
  location            = var.location
  resource_group_name = azurerm_resource_group.data.name

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_data_factory" "etl" {
  name                = "adf-ctso-${local.suffix}"
  location            = var.location
  resource_group_name = azurerm_resource_group.data.name

  vsts_configuration {
    account_name    = "contoso"
    project_name    = "data-platform"
    repository_name = "adf"
    branch_name     = "main"
    root_folder     = "/"
    tenant_id       = var.tenant_id
  }
}

resource "azurerm_storage_account" "functions" {
  name                     = "stctsofunc${local.suffix}"
  location                 = var.location
  resource_group_name      = azurerm_resource_group.data.name
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_service_plan" "functions" {
  name                = "plan-ctso-func-${local.suffix}"
  location            = var.location
  resource_group_name = azurerm_resource_group.data.name
  os_type             = "Windows"
  sku_name            = "Y1"
}

resource "azurerm_windows_function_app" "ingest" {
  name                       = "func-ctso-ingest-${local.suffix}"
  location                   = var.location
  resource_group_name        = azurerm_resource_group.data.name
  service_plan_id            = azurerm_service_plan.functions.id
  storage_account_name       = azurerm_storage_account.functions.name
  storage_account_access_key = azurerm_storage_account.functions.primary_access_key
  https_only                 = true

  site_config {}
}
