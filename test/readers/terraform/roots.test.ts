import { strict as assert } from 'node:assert';
import { runScan } from '../../../tasks/DrCheckV1/src/scan';
import { validateReport } from '../../../shared/report/validate';
import { repo } from '../../support/repo';

describe('Terraform roots', () => {
  it('keeps a module\'s resources apart when several roots call it (a module repository\'s examples): each id names its root', async () => {
    // The layout of Azure Verified Modules: the module at the top, each example a root calling it with `source = "../.."`.
    const example = (replication: string) => `module "this" {\n  source                   = "../.."\n  account_replication_type = "${replication}"\n}\n`;
    const dir = repo({
      'main.tf': 'variable "account_replication_type" {\n  type = string\n}\nresource "azurerm_storage_account" "this" {\n  name                     = "st${random_string.suffix.result}"\n  account_tier             = "Standard"\n  account_replication_type = var.account_replication_type\n}\nresource "random_string" "suffix" {\n  length = 6\n}\n',
      'examples/default/main.tf': example('ZRS'),
      'examples/geo/main.tf': example('GRS'),
    });
    const report = (await runScan({ paths: ['.'], cwd: dir, configFile: null })).report;
    const accounts = report.resources.filter((r) => r.type === 'Microsoft.Storage/storageAccounts');
    assert.deepEqual(
      accounts.map((r) => [r.id, r.redundancy]),
      [
        ['-/microsoft.storage/storageaccounts/@module.this.azurerm_storage_account.this#examples/default:main.tf:4', 'zone'],
        ['-/microsoft.storage/storageaccounts/@module.this.azurerm_storage_account.this#examples/geo:main.tf:4', 'geo'],
      ],
    );
    assert.equal(new Set(report.resources.map((r) => r.id)).size, report.resources.length, 'every id is unique');
    assert.deepEqual(validateReport(report), []);
  });
});
