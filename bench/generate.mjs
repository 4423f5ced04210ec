// Deterministic benchmark corpora: the same landing-zone shapes in ARM, Bicep and Terraform, at any size.
// Each file holds about 100 resources built with parameters, variables, expressions, loops and (ARM, Bicep)
// nested deployments / modules, so readers do the work real repositories ask of them.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SKUS = ['Standard_LRS', 'Standard_GRS', 'Standard_ZRS', 'Standard_RAGZRS'];
const PER_FILE = 100;

/** A tiny deterministic PRNG (mulberry32) so every run writes the same corpus. */
function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function armFile(fileIndex, count, rand) {
  const resources = [];
  let n = 0;
  while (n < count) {
    const i = `${fileIndex}-${n}`;
    const kind = Math.floor(rand() * 5);
    if (kind === 0 && count - n >= 10) {
      resources.push({
        type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01',
        name: `[concat(variables('prefix'), 'loop${fileIndex}x${n}', copyIndex())]`,
        location: "[parameters('location')]",
        copy: { name: `loop${n}`, count: 10 },
        sku: { name: "[if(equals(mod(copyIndex(), 2), 0), parameters('skuName'), 'Standard_GRS')]" },
        kind: 'StorageV2', properties: { isHnsEnabled: true, minimumTlsVersion: 'TLS1_2' },
      });
      n += 10;
    } else if (kind === 1) {
      resources.push({
        type: 'Microsoft.DocumentDB/databaseAccounts', apiVersion: '2024-05-15',
        name: `[toLower(format('{0}-cosmos-{1}', variables('prefix'), '${i}'))]`, location: "[parameters('location')]", kind: 'GlobalDocumentDB',
        properties: {
          databaseAccountOfferType: 'Standard', enableAutomaticFailover: rand() > 0.5,
          locations: rand() > 0.5 ? [{ locationName: "[parameters('location')]", failoverPriority: 0 }] : [{ locationName: "[parameters('location')]", failoverPriority: 0 }, { locationName: 'northeurope', failoverPriority: 1 }],
          backupPolicy: { type: 'Periodic', periodicModeProperties: { backupIntervalInMinutes: 240, backupRetentionIntervalInHours: 8, backupStorageRedundancy: 'Geo' } },
        },
      });
      n++;
    } else if (kind === 2) {
      resources.push({
        type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2023-09-01', name: `[concat('pip-', variables('prefix'), '-${i}')]`, location: "[parameters('location')]",
        sku: { name: 'Standard', tier: 'Regional' }, zones: rand() > 0.5 ? ['1', '2', '3'] : ['1'], properties: { publicIPAllocationMethod: 'Static' },
      });
      n++;
    } else if (kind === 3) {
      resources.push({
        type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name: `[concat('kv-', uniqueString(resourceGroup().id, '${i}'))]`, location: "[parameters('location')]",
        properties: { tenantId: '[subscription().tenantId]', sku: { family: 'A', name: 'standard' }, enablePurgeProtection: rand() > 0.3, enableSoftDelete: true, accessPolicies: [] },
      });
      n++;
    } else {
      resources.push({
        type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: `[concat(variables('prefix'), 'st${fileIndex}x${n}')]`, location: "[parameters('location')]",
        sku: { name: SKUS[Math.floor(rand() * SKUS.length)] }, kind: 'StorageV2', properties: { isHnsEnabled: rand() > 0.5 },
      });
      n++;
    }
  }
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: {
      location: { type: 'string', defaultValue: 'westeurope' },
      skuName: { type: 'string', defaultValue: 'Standard_LRS', allowedValues: SKUS },
      env: { type: 'string', defaultValue: 'prd' },
    },
    variables: { prefix: "[toLower(concat('cto', parameters('env')))]", tags: { env: "[parameters('env')]", owner: 'platform' } },
    resources,
  };
}

function bicepFile(fileIndex, count, rand) {
  const lines = [
    "param location string = 'westeurope'",
    "@allowed(['Standard_LRS', 'Standard_GRS', 'Standard_ZRS', 'Standard_RAGZRS'])",
    "param skuName string = 'Standard_LRS'",
    "param env string = 'prd'",
    "var prefix = toLower('cto${env}')",
    '',
  ];
  let n = 0;
  while (n < count) {
    const kind = Math.floor(rand() * 4);
    if (kind === 0 && count - n >= 10) {
      lines.push(`resource loop${n} 'Microsoft.Storage/storageAccounts@2023-05-01' = [for i in range(0, 10): {`,
        `  name: '\${prefix}loop${fileIndex}x${n}\${i}'`, '  location: location',
        "  sku: { name: i % 2 == 0 ? skuName : 'Standard_GRS' }", "  kind: 'StorageV2'", '  properties: { isHnsEnabled: true }', '}]', '');
      n += 10;
    } else if (kind === 1) {
      const two = rand() > 0.5;
      lines.push(`resource cosmos${n} 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {`, `  name: toLower('\${prefix}-cosmos-${fileIndex}-${n}')`, '  location: location', "  kind: 'GlobalDocumentDB'", '  properties: {',
        "    databaseAccountOfferType: 'Standard'", `    enableAutomaticFailover: ${rand() > 0.5}`,
        two ? "    locations: [\n      { locationName: location, failoverPriority: 0 }\n      { locationName: 'northeurope', failoverPriority: 1 }\n    ]" : '    locations: [\n      { locationName: location, failoverPriority: 0 }\n    ]',
        "    backupPolicy: { type: 'Periodic', periodicModeProperties: { backupStorageRedundancy: 'Geo' } }", '  }', '}', '');
      n++;
    } else if (kind === 2) {
      lines.push(`resource pip${n} 'Microsoft.Network/publicIPAddresses@2023-09-01' = {`, `  name: 'pip-\${prefix}-${fileIndex}-${n}'`, '  location: location', "  sku: { name: 'Standard' }",
        `  zones: ${rand() > 0.5 ? "['1', '2', '3']" : "['1']"}`, "  properties: { publicIPAllocationMethod: 'Static' }", '}', '');
      n++;
    } else {
      lines.push(`resource st${n} 'Microsoft.Storage/storageAccounts@2023-05-01' = {`, `  name: '\${prefix}st${fileIndex}x${n}'`, '  location: location',
        `  sku: { name: '${SKUS[Math.floor(rand() * SKUS.length)]}' }`, "  kind: 'StorageV2'", `  properties: { isHnsEnabled: ${rand() > 0.5} }`, '}', '');
      n++;
    }
  }
  return lines.join('\n');
}

function terraformFile(fileIndex, count, rand) {
  const lines = [];
  let n = 0;
  while (n < count) {
    const kind = Math.floor(rand() * 4);
    if (kind === 0 && count - n >= 10) {
      lines.push(`resource "azurerm_storage_account" "loop${fileIndex}_${n}" {`, '  count                    = 10', `  name                     = "\${local.prefix}loop${fileIndex}x${n}\${count.index}"`,
        '  resource_group_name      = var.resource_group_name', '  location                 = var.location', '  account_tier             = "Standard"',
        '  account_replication_type = count.index % 2 == 0 ? var.replication : "GRS"', '  is_hns_enabled           = true', '}', '');
      n += 10;
    } else if (kind === 1) {
      lines.push(`resource "azurerm_cosmosdb_account" "cosmos${fileIndex}_${n}" {`, `  name                = lower("\${local.prefix}-cosmos-${fileIndex}-${n}")`, '  location            = var.location',
        '  resource_group_name = var.resource_group_name', '  offer_type          = "Standard"', `  automatic_failover_enabled = ${rand() > 0.5}`,
        '  consistency_policy {', '    consistency_level = "Session"', '  }', '  geo_location {', '    location          = var.location', '    failover_priority = 0', '  }',
        ...(rand() > 0.5 ? ['  geo_location {', '    location          = "northeurope"', '    failover_priority = 1', '  }'] : []), '}', '');
      n++;
    } else if (kind === 2) {
      lines.push(`resource "azurerm_public_ip" "pip${fileIndex}_${n}" {`, `  name                = "pip-\${local.prefix}-${fileIndex}-${n}"`, '  location            = var.location',
        '  resource_group_name = var.resource_group_name', '  allocation_method   = "Static"', '  sku                 = "Standard"', `  zones               = ${rand() > 0.5 ? '["1", "2", "3"]' : '["1"]'}`, '}', '');
      n++;
    } else {
      lines.push(`resource "azurerm_storage_account" "st${fileIndex}_${n}" {`, `  name                     = "\${local.prefix}st${fileIndex}x${n}"`, '  resource_group_name      = var.resource_group_name',
        '  location                 = var.location', '  account_tier             = "Standard"', `  account_replication_type = "${SKUS[Math.floor(rand() * SKUS.length)].split('_')[1]}"`, '}', '');
      n++;
    }
  }
  return lines.join('\n');
}

const TF_COMMON = [
  'variable "location" {', '  type    = string', '  default = "westeurope"', '}',
  'variable "resource_group_name" {', '  type    = string', '  default = "rg-bench"', '}',
  'variable "replication" {', '  type    = string', '  default = "LRS"', '}',
  'variable "env" {', '  type    = string', '  default = "prd"', '}',
  'locals {', '  prefix = lower("cto${var.env}")', '}', '',
].join('\n');

/** Writes a corpus of `total` resources in `language` into `dir`; returns the number of files. */
export function generate(language, total, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rand = rng(total * 7 + language.length);
  const files = Math.max(1, Math.ceil(total / PER_FILE));
  for (let f = 0; f < files; f++) {
    const count = Math.min(PER_FILE, total - f * PER_FILE);
    if (language === 'arm') writeFileSync(path.join(dir, `lz${f}.json`), JSON.stringify(armFile(f, count, rand), null, 2));
    else if (language === 'bicep') writeFileSync(path.join(dir, `lz${f}.bicep`), bicepFile(f, count, rand));
    else {
      const sub = path.join(dir, `lz${f}`);
      mkdirSync(sub, { recursive: true });
      writeFileSync(path.join(sub, 'variables.tf'), TF_COMMON);
      writeFileSync(path.join(sub, 'main.tf'), terraformFile(f, count, rand));
    }
  }
  return files;
}
