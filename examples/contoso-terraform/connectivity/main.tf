# Contoso connectivity subscription: hub network, Azure Firewall Standard, VPN gateway VpnGw1,
# ExpressRoute circuit, DDoS Network Protection, public DNS.
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.0" }
  }
}

provider "azurerm" {
  features {}
}

locals {
  hub_name      = "vnet-ctso-hub"
  firewall_name = "afw-ctso-hub"
  vpn_name      = "vpngw-ctso-hub"
}

resource "azurerm_resource_group" "hub" {
  name     = "rg-ctso-connectivity"
  location = var.location
}

resource "azurerm_network_ddos_protection_plan" "ddos" {
  name                = "ddos-ctso"
  location            = var.location
  resource_group_name = azurerm_resource_group.hub.name
}

resource "azurerm_network_security_group" "shared" {
  name                = "nsg-ctso-shared"
  location            = var.location
  resource_group_name = azurerm_resource_group.hub.name
}

resource "azurerm_route_table" "shared" {
  name                = "rt-ctso-shared"
  location            = var.location
  resource_group_name = azurerm_resource_group.hub.name

  route {
    name                   = "default-to-firewall"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = "10.0.0.4"
  }
}

resource "azurerm_virtual_network" "hub" {
  name                = local.hub_name
  location            = var.location
  resource_group_name = azurerm_resource_group.hub.name
  address_space       = [var.hub_address_prefix]

  ddos_protection_plan {
    id     = azurerm_network_ddos_protection_plan.ddos.id
    enable = true
  }
}

resource "azurerm_subnet" "hub" {
  for_each             = var.subnets
  name                 = each.key
  resource_group_name  = azurerm_resource_group.hub.name
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = [each.value]
}

resource "azurerm_public_ip" "firewall" {
  name                = "pip-${local.firewall_name}"
  location            = var.location
  resource_group_name = azurerm_resource_group.hub.name
  allocation_method   = "Static"
  sku                 = "Standard"
}

# Contoso runs Azure Firewall Standard without availability zones.
resource "azurerm_firewall" "hub" {
  name                = local.firewall_name
  location            = var.location
  resource_group_name = azurerm_resource_group.hub.name
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"

  ip_configuration {
    name                 = "ipconfig"
    subnet_id            = azurerm_subnet.hub["AzureFirewallSubnet"].id
    public_ip_address_id = azurerm_public_ip.firewall.id
  }
}

# Single zone: the gateway's public IP is pinned to zone 1.
resource "azurerm_public_ip" "vpn" {
  name                = "pip-${local.vpn_name}"
  location            = var.location
  resource_group_name = azurerm_resource_group.hub.name
  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = ["1"]
}

resource "azurerm_virtual_network_gateway" "vpn" {
  name                = local.vpn_name
  location            = var.location
  resource_group_name = azurerm_resource_group.hub.name
  type                = "Vpn"
  vpn_type            = "RouteBased"
  active_active       = false
  sku                 = var.vpn_gateway_sku

  ip_configuration {
    name                 = "default"
    public_ip_address_id = azurerm_public_ip.vpn.id
    subnet_id            = azurerm_subnet.hub["GatewaySubnet"].id
  }
}

resource "azurerm_express_route_circuit" "ams" {
  name                  = "erc-ctso-ams"
  location              = var.location
  resource_group_name   = azurerm_resource_group.hub.name
  service_provider_name = "Equinix"
  peering_location      = var.expressroute_peering_location
  bandwidth_in_mbps     = 1000

  sku {
    tier   = "Standard"
    family = "MeteredData"
  }
}

resource "azurerm_lb" "shared" {
  name                = "lbi-ctso-shared"
  location            = var.location
  resource_group_name = azurerm_resource_group.hub.name
  sku                 = "Standard"

  frontend_ip_configuration {
    name      = "frontend"
    subnet_id = azurerm_subnet.hub["snet-shared"].id
  }
}

resource "azurerm_dns_zone" "public" {
  name                = var.public_dns_zone
  resource_group_name = azurerm_resource_group.hub.name
}

resource "azurerm_network_watcher" "weu" {
  name                = "NetworkWatcher_${var.location}"
  location            = var.location
  resource_group_name = azurerm_resource_group.hub.name
}
