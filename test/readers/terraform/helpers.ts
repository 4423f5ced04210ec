/** What the Terraform reader tests share: a throwaway repository, a scan of it, and a resource by address. */
import { strict as assert } from 'node:assert';
import { runScan } from '../../../tasks/DrCheckV1/src/scan';
import type { PostureReport, ResourceReport } from '../../../shared/report/types';
import { repo as makeRepo } from '../../support/repo';

export const repo = (files: Record<string, string | Buffer>) => makeRepo(files, 'drcheck-tf-');

export async function scan(dir: string, configFile: string | null = null): Promise<PostureReport> {
  return (await runScan({ paths: ['.'], cwd: dir, configFile })).report;
}

export const byAddress = (r: PostureReport, address: string): ResourceReport => {
  const x = r.resources.find((y) => y.address === address);
  assert.ok(x, `${address} not in ${r.resources.map((y) => y.address).join(', ')}`);
  return x;
};

/** An azurerm storage account named by the HCL expression `name`, whose replication type is the HCL expression `replication`. */
export const storageAccountNamed = (n: string, name: string, replication: string) =>
  `resource "azurerm_storage_account" "${n}" {\n  name                     = ${name}\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = ${replication}\n}\n`;

/** An azurerm storage account `st<n>` whose replication type is the HCL expression given (`"GRS"`, `var.replication`). */
export const storageAccount = (n: string, replication: string) => storageAccountNamed(n, `"st${n}"`, replication);
