variable "location" {
  type    = string
  default = "westeurope"
}

variable "hub_address_prefix" {
  type    = string
  default = "10.0.0.0/16"
}

variable "subnets" {
  type = map(string)
  default = {
    AzureFirewallSubnet = "10.0.0.0/26"
    GatewaySubnet       = "10.0.1.0/27"
    snet-shared         = "10.0.2.0/24"
  }
}

variable "vpn_gateway_sku" {
  type    = string
  default = "VpnGw1"
}

variable "expressroute_peering_location" {
  type    = string
  default = "Amsterdam"
}

variable "public_dns_zone" {
  type    = string
  default = "contoso.example"
}
