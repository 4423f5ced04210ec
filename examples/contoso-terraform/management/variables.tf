variable "location" {
  type    = string
  default = "westeurope"
}

variable "env" {
  type        = string
  description = "Environment short name."
  default     = "dev"
}

variable "alert_email" {
  type    = string
  default = "platform-team@contoso.example"
}
