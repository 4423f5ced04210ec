variable "location" {
  type    = string
  default = "westeurope"
}

variable "env" {
  type    = string
  default = "dev"
}

variable "lake_replication_type" {
  type    = string
  default = "LRS"
}

variable "search_replicas" {
  type    = number
  default = 1
}

variable "sql_administrator_login" {
  type    = string
  default = "sqladminuser"
}

variable "key_vault_id" {
  type        = string
  description = "The management subscription's Key Vault (from its state)."
}

variable "application_insights_id" {
  type    = string
  default = null
}

variable "tenant_id" {
  type    = string
  default = null
}
