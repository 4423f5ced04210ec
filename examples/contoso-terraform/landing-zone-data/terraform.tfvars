env          = "prd"
key_vault_id = "/subscriptions/11111111-1111-4111-8111-111111111111/resourceGroups/rg-ctso-mgmt-prd/providers/Microsoft.KeyVault/vaults/kv-ctso-mgmt-prd"
