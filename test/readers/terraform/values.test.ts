/**
 * Terraform values as Terraform gives them: a module used whole, JSON variable files, `nullable = false`, the azurerm
 * version a root module settles, and how a syntax error with a cascade of follow-on errors is reported.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { routeFile } from '../../../tasks/DrCheckV1/src/readers';
import { constraintMajor } from '../../../tasks/DrCheckV1/src/readers/terraform/provider';
import { terraformReader } from '../../../tasks/DrCheckV1/src/readers/terraform';
import { readerContext } from '../../support/reader-context';
import { byAddress, repo, scan, storageAccount } from './helpers';

describe('Terraform values', () => {
  describe('a module used as a value', () => {
    it('is an object of its outputs (`local.m = module.x`, then `local.m.repl`)', async () => {
      const dir = repo({
        'main.tf': `module "x" {\n  source = "./m"\n}\nlocals {\n  m = module.x\n}\n${storageAccount('vialocal', 'local.m.repl')}`,
        'm/main.tf': 'output "repl" {\n  value = "GRS"\n}\n',
      });
      const st = byAddress(await scan(dir), 'azurerm_storage_account.vialocal');
      assert.equal(st.status, 'pass');
      assert.equal(st.reason, 'sku.name is Standard_GRS: copies replicated to the paired region');
    });

    it('of a for_each module is a map by key, as CAF merges it (`merge(tomap({ lz = module.dbs }), …)`): the failover group lists the databases', async () => {
      const dir = repo({
        'main.tf': `
resource "azurerm_mssql_server" "primary" {
  name                = "sql-primary"
  location            = "westeurope"
  resource_group_name = "rg"
  version             = "12.0"
}
resource "azurerm_mssql_server" "secondary" {
  name                = "sql-secondary"
  location            = "northeurope"
  resource_group_name = "rg"
  version             = "12.0"
}
module "mssql_databases" {
  source    = "./modules/database"
  for_each  = toset(["db1", "db2"])
  name      = each.key
  server_id = azurerm_mssql_server.primary.id
}
locals {
  combined = {
    mssql_databases = merge(tomap({ lz = module.mssql_databases }), {})
  }
}
resource "azurerm_mssql_failover_group" "fg" {
  name      = "fg"
  server_id = azurerm_mssql_server.primary.id
  databases = [local.combined.mssql_databases["lz"]["db1"].id, local.combined.mssql_databases.lz.db2.id]
  partner_server {
    id = azurerm_mssql_server.secondary.id
  }
  read_write_endpoint_failover_policy {
    mode          = "Automatic"
    grace_minutes = 60
  }
}
`,
        'modules/database/main.tf': `
variable "name" {}
variable "server_id" {}
resource "azurerm_mssql_database" "db" {
  name                 = var.name
  server_id            = var.server_id
  storage_account_type = "Local"
}
output "id" {
  value = azurerm_mssql_database.db.id
}
`,
      });
      const report = await scan(dir);
      for (const key of ['db1', 'db2']) {
        const db = byAddress(report, `module.mssql_databases["${key}"].azurerm_mssql_database.db`);
        assert.equal(db.status, 'pass', `${key}: ${db.reason}`);
        assert.equal(db.redundancyDetail, 'geo-replica');
        assert.equal(db.reason, 'in failover group sql-primary/fg: continuously replicated to the partner server');
      }
    });

    it('of a count module is a list (`local.all = module.c`, then `local.all[1].repl`)', async () => {
      const dir = repo({
        'main.tf': `module "c" {\n  source = "./m"\n  count  = 2\n  repl   = ["LRS", "GZRS"][count.index]\n}\nlocals {\n  all = module.c\n}\n${storageAccount('second', 'local.all[1].repl')}${storageAccount('count', 'length(module.c) == 2 ? "GRS" : "LRS"')}`,
        'm/main.tf': 'variable "repl" {}\noutput "repl" {\n  value = var.repl\n}\n',
      });
      const report = await scan(dir);
      assert.equal(byAddress(report, 'azurerm_storage_account.second').reason, 'sku.name is Standard_GZRS: zone-redundant in the region and replicated to the paired region');
      assert.equal(byAddress(report, 'azurerm_storage_account.count').reason, 'sku.name is Standard_GRS: copies replicated to the paired region');
    });
  });

  describe('JSON variable files', () => {
    it('routes *.tfvars.json to the Terraform reader, other JSON to the content sniffer', () => {
      assert.equal(routeFile('terraform.tfvars.json'), 'terraform');
      assert.equal(routeFile('prod.auto.tfvars.json'), 'terraform');
      assert.equal(routeFile('azuredeploy.json'), 'json');
    });

    it('applies terraform.tfvars.json after terraform.tfvars, and *.auto.tfvars(.json) in lexical order of file name', async () => {
      const dir = repo({
        'main.tf': `variable "a" {\n  default = "LRS"\n}\nvariable "b" {\n  default = "LRS"\n}\nvariable "c" {\n  default = "LRS"\n}\n${storageAccount('a', 'var.a')}${storageAccount('b', 'var.b')}${storageAccount('c', 'var.c')}`,
        'terraform.tfvars': 'a = "ZRS"\nc = "ZRS"\n',
        'terraform.tfvars.json': '{\n  "a": "GRS"\n}\n',
        'a.auto.tfvars': 'b = "ZRS"\n',
        'b.auto.tfvars.json': '{\n  "b": "GZRS",\n  "c": "RAGRS"\n}\n',
        'c.auto.tfvars': 'b = "RAGZRS"\n',
      });
      const report = await scan(dir);
      assert.deepEqual(report.errors, []);
      assert.equal(byAddress(report, 'azurerm_storage_account.a').reason, 'sku.name is Standard_GRS: copies replicated to the paired region');
      assert.match(byAddress(report, 'azurerm_storage_account.b').reason, /^sku\.name is Standard_RAGZRS:/);
      assert.match(byAddress(report, 'azurerm_storage_account.c').reason, /^sku\.name is Standard_RAGRS:/);
    });

    it('reads a terraform.varFiles entry ending in .json as JSON, and reports a JSON syntax error at its line', async () => {
      const dir = repo({
        'main.tf': `variable "a" {\n  default = "LRS"\n}\n${storageAccount('a', 'var.a')}`,
        'prod.tfvars.json': '{\n  "a": "GZRS",\n  "typo": "x"\n}\n',
        '.drcheck.yml': 'terraform:\n  varFiles:\n    - prod.tfvars.json\n',
      });
      const report = await scan(dir, path.join(dir, '.drcheck.yml'));
      assert.match(byAddress(report, 'azurerm_storage_account.a').reason, /^sku\.name is Standard_GZRS:/);
      assert.deepEqual(
        report.errors.map((e) => [e.file, e.line, e.column, e.code]),
        [['prod.tfvars.json', 3, 3, 'var-undeclared']],
      );

      const broken = repo({ 'main.tf': `variable "a" {\n  default = "LRS"\n}\n${storageAccount('a', 'var.a')}`, 'terraform.tfvars.json': '{\n  "a": "GRS",\n}\n' });
      const errors = (await scan(broken)).errors;
      assert.deepEqual(errors.map((e) => [e.file, e.line, e.code]), [['terraform.tfvars.json', 3, 'parse-error']]);
      assert.match(errors[0].message, /^invalid JSON: /);
    });
  });

  describe('type constraints', () => {
    it('convert a variable to its type as Terraform does: numbers to strings, numeric strings to numbers, sets distinct and sorted', async () => {
      const pip = (n: string, zones: string) =>
        `resource "azurerm_public_ip" "${n}" {\n  name                = "pip-${n}"\n  resource_group_name = "rg"\n  location            = "westeurope"\n  allocation_method   = "Static"\n  sku                 = "Standard"\n  zones               = ${zones}\n}\n`;
      const dir = repo({
        'main.tf': `
variable "zones" {
  type    = list(string)
  default = [1, 2, 3]
}
variable "regions" {
  type    = set(string)
  default = ["westeurope", "brazilsouth", "westeurope"]
}
variable "replicas" {
  type = number
}
${pip('zonal', 'contains(var.zones, "2") ? var.zones : ["1"]')}
${storageAccount('first', 'tolist(var.regions)[0] == "brazilsouth" && length(var.regions) == 2 ? "GZRS" : "LRS"')}
resource "azurerm_storage_account" "replica" {
  count                    = var.replicas
  name                     = "streplica\${count.index}"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}
resource "azurerm_storage_account" "each" {
  for_each                 = var.regions
  name                     = "st\${each.key}"
  resource_group_name      = "rg"
  location                 = each.value
  account_tier             = "Standard"
  account_replication_type = "GRS"
}
`,
        'terraform.tfvars': 'replicas = "2"\n',
      });
      const report = await scan(dir);
      assert.equal(byAddress(report, 'azurerm_public_ip.zonal').redundancy, 'zone');
      assert.equal(byAddress(report, 'azurerm_storage_account.first').reason, 'sku.name is Standard_GZRS: zone-redundant in the region and replicated to the paired region');
      assert.deepEqual(
        report.resources.filter((r) => r.address.startsWith('azurerm_storage_account.replica') || r.address.startsWith('azurerm_storage_account.each')).map((r) => r.address).sort(),
        ['azurerm_storage_account.each["brazilsouth"]', 'azurerm_storage_account.each["westeurope"]', 'azurerm_storage_account.replica[0]', 'azurerm_storage_account.replica[1]'],
      );
      assert.deepEqual(report.errors, []);
    });

    it('a count given as a numeric string (the legacy `var.enabled ? "1" : "0"` toggle) deploys that many instances', async () => {
      const dir = repo({
        'main.tf': `variable "geo" {\n  default = false\n}\nresource "azurerm_storage_account" "copy" {\n  count                    = var.geo ? "1" : "0"\n  name                     = "stcopy"\n  resource_group_name      = "rg"\n  location                 = "northeurope"\n  account_tier             = "Standard"\n  account_replication_type = "LRS"\n}\n${storageAccount('main', '"GRS"')}`,
      });
      const report = await scan(dir);
      assert.deepEqual(report.resources.map((r) => r.address), ['azurerm_storage_account.main']);
      assert.deepEqual(report.errors, []);
    });

    it('a dynamic block over a set has each element as its key', async () => {
      const dir = repo({
        'main.tf': `
variable "regions" {
  type    = list(string)
  default = ["westeurope", "northeurope"]
}
resource "azurerm_cosmosdb_account" "this" {
  name                = "cosmos-dyn"
  location            = "westeurope"
  resource_group_name = "rg"
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"
  consistency_policy {
    consistency_level = "Session"
  }
  dynamic "geo_location" {
    for_each = toset(var.regions)
    content {
      location          = geo_location.key
      failover_priority = index(var.regions, geo_location.key)
    }
  }
}
`,
      });
      const cosmos = byAddress(await scan(dir), 'azurerm_cosmosdb_account.this');
      assert.match(cosmos.reason, /northeurope/);
      assert.match(cosmos.reason, /westeurope/);
    });
  });

  describe('a reader failure', () => {
    it('in one root module is reported at that root, and the other roots are still read', async () => {
      const dir = repo({ 'good/main.tf': storageAccount('good', '"GRS"'), 'bad/main.tf': storageAccount('bad', '"GRS"') });
      // A context that throws while the bad root runs stands in for any reader bug there.
      const ctx = readerContext(dir);
      const rel = ctx.rel;
      ctx.rel = (abs: string) => {
        if (abs === path.join(dir, 'bad')) throw new Error('boom');
        return rel(abs);
      };
      const files = ['good/main.tf', 'bad/main.tf'].map((f) => ({ path: path.join(dir, f), rel: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
      const out = await terraformReader.read(files, ctx);
      assert.deepEqual(out.resources.map((r) => r.address), ['azurerm_storage_account.good']);
      assert.deepEqual(out.issues.map((e) => [e.file, e.line, e.severity, e.code, e.message]), [['bad/main.tf', 1, 'error', 'reader-error', 'the Terraform reader failed on the root module in this folder, whose resources are not scanned: boom']]);
    });
  });

  describe('duplicate blocks in another file', () => {
    it('are each reported at their own block', async () => {
      const dir = repo({
        'a.tf': storageAccount('main', '"GRS"'),
        'b.tf': `${storageAccount('main', '"LRS"')}\n${storageAccount('main', '"ZRS"')}`,
      });
      const report = await scan(dir);
      assert.deepEqual(report.errors.map((e) => [e.file, e.line, e.code]), [['b.tf', 1, 'duplicate-resource'], ['b.tf', 9, 'duplicate-resource']]);
    });
  });

  describe('a resource named whole', () => {
    it('with for_each is a map of its instances and with count a list, as for_each, count and for expressions read them', async () => {
      const dir = repo({
        'main.tf': `
resource "azurerm_resource_group" "rg" {
  for_each = toset(["westeurope", "northeurope"])
  name     = "rg-\${each.key}"
  location = each.key
}
resource "azurerm_resource_group" "cnt" {
  count    = 2
  name     = "rg-c\${count.index}"
  location = "westeurope"
}
resource "azurerm_storage_account" "chain" {
  for_each                 = azurerm_resource_group.rg
  name                     = "st\${each.key}"
  resource_group_name      = each.value.name
  location                 = each.value.location
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_storage_account" "by_for" {
  for_each                 = { for k, rg in azurerm_resource_group.rg : k => rg.location }
  name                     = "stf\${each.key}"
  resource_group_name      = "rg"
  location                 = each.value
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_storage_account" "per_rg" {
  count                    = length(azurerm_resource_group.cnt)
  name                     = "stc\${count.index}"
  resource_group_name      = azurerm_resource_group.cnt[count.index].name
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
`,
      });
      const report = await scan(dir);
      // What terraform plan makes of it.
      assert.deepEqual(
        report.resources.filter((r) => r.type === 'Microsoft.Storage/storageAccounts').map((r) => [r.address, r.name, r.location]),
        [
          ['azurerm_storage_account.chain["northeurope"]', 'stnortheurope', 'northeurope'],
          ['azurerm_storage_account.chain["westeurope"]', 'stwesteurope', 'westeurope'],
          ['azurerm_storage_account.by_for["northeurope"]', 'stfnortheurope', 'northeurope'],
          ['azurerm_storage_account.by_for["westeurope"]', 'stfwesteurope', 'westeurope'],
          ['azurerm_storage_account.per_rg[0]', 'stc0', 'westeurope'],
          ['azurerm_storage_account.per_rg[1]', 'stc1', 'westeurope'],
        ],
      );
      assert.deepEqual(report.errors, []);
    });
  });

  describe("a resource's computed id", () => {
    it('is unknown to a function that reads its characters (a hash, a length, a part), and still links what refers to it whole', async () => {
      const dir = repo({
        'main.tf': `
resource "azurerm_resource_group" "rg" {
  name     = "rg-app"
  location = "westeurope"
}
resource "azurerm_storage_account" "hashed" {
  name                     = "st\${substr(md5(azurerm_resource_group.rg.id), 0, 8)}"
  resource_group_name      = "rg-app"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = length(azurerm_resource_group.rg.id) > 10 ? "GRS" : "LRS"
}
resource "azurerm_mssql_server" "primary" {
  name                = "sql-primary"
  location            = "westeurope"
  resource_group_name = "rg-app"
  version             = "12.0"
}
resource "azurerm_mssql_database" "db" {
  name                 = "orders"
  server_id            = lower(azurerm_mssql_server.primary.id)
  storage_account_type = "Geo"
}
`,
      });
      const report = await scan(dir);
      const hashed = byAddress(report, 'azurerm_storage_account.hashed');
      // Terraform only knows the id, and so these, when it applies.
      assert.equal(hashed.name, null);
      assert.equal(hashed.redundancy, 'unknown');
      assert.match(hashed.reason, /length\(\) of the id of azurerm_resource_group\.rg, which the provider computes/);
      assert.equal(byAddress(report, 'azurerm_mssql_database.db').name, 'sql-primary/orders');
    });
  });

  describe('for_each values Terraform rejects', () => {
    it('are errors (a set of objects, of numbers, of null; a duplicate key), or a warning for a list of strings, and nothing is expanded from a made-up key', async () => {
      const account = (n: string, forEach: string) => `resource "azurerm_storage_account" "${n}" {\n  for_each                 = ${forEach}\n  name                     = "st${n}"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n}\n`;
      const dir = repo({
        'main.tf': [
          account('objects', 'toset([{ name = "a" }, { name = "b" }])'),
          account('numbers', 'toset([1, 2])'),
          account('nulls', 'toset(["n1", null])'),
          account('pairs', 'setproduct(["p"], ["q"])'),
          account('dupes', '{ for s in [{ k = "d", r = "GRS" }, { k = "d", r = "LRS" }] : s.k => s.r }'),
          account('list', '["y", "x"]'),
        ].join(''),
      });
      const report = await scan(dir);
      assert.deepEqual(report.resources.map((r) => r.address).sort(), [
        'azurerm_storage_account.dupes[?]',
        'azurerm_storage_account.list["x"]',
        'azurerm_storage_account.list["y"]',
        'azurerm_storage_account.nulls[?]',
        'azurerm_storage_account.numbers[?]',
        'azurerm_storage_account.objects[?]',
        'azurerm_storage_account.pairs[?]',
      ]);
      assert.deepEqual(report.errors.map((e) => [e.line, e.severity, e.code]), [
        [1, 'error', 'invalid-for-each'],
        [9, 'error', 'invalid-for-each'],
        [17, 'error', 'invalid-for-each'],
        [25, 'error', 'invalid-for-each'],
        [33, 'warning', 'copy-unknown'],
        [41, 'warning', 'for-each-list'],
      ]);
      assert.match(report.errors[0].message, /for_each holds an object, not only strings, which Terraform rejects/);
      assert.match(report.errors[4].message, /duplicate key 'd' in a for expression/);
    });
  });

  describe('for_each over values only known when Terraform runs', () => {
    it('a set with an unknown element or a map with an unknown key is one unknown instance, never one named after the unknown', async () => {
      const dir = repo({
        'main.tf': `variable "secondary_region" {
  type = string
}
resource "azurerm_storage_account" "regional" {
  for_each                 = toset([var.secondary_region, "westeurope"])
  name                     = "st\${each.key}"
  resource_group_name      = "rg"
  location                 = each.value
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_storage_account" "keyed" {
  for_each                 = { (var.secondary_region) = "ZRS", westeurope = "GRS" }
  name                     = "stk\${each.key}"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = each.value
}
`,
      });
      const report = await scan(dir);
      assert.deepEqual(report.resources.map((r) => [r.address, r.name]), [
        ['azurerm_storage_account.regional[?]', null],
        ['azurerm_storage_account.keyed[?]', null],
      ]);
      assert.deepEqual(report.errors.map((e) => [e.line, e.code]), [[4, 'copy-unknown'], [12, 'copy-unknown']]);
      assert.match(report.errors[0].message, /for_each cannot be decided statically \(toset\(\[var\.secondary_region, "westeurope"\]\) \(an element of it, var\.secondary_region \(variable 'secondary_region' has no default/);
      assert.match(report.errors[1].message, /a key of it, var\.secondary_region/);
    });
  });

  describe('list functions over unknown elements', () => {
    it('a count over flatten(), compact() or distinct() of a list holding an unknown value is unknown; length() of it is not', async () => {
      const account = (n: string, count: string) => `resource "azurerm_storage_account" "${n}" {\n  count                    = ${count}\n  name                     = "st${n}\${count.index}"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "GRS"\n}\n`;
      const dir = repo({
        'main.tf': [
          'variable "extra_subnets" {\n  type = list(string)\n}\nvariable "suffix" {\n  type = string\n}\n',
          // var.extra_subnets may hold any number of names: the flattened list's length is not known.
          account('flat', 'length(flatten([var.extra_subnets, ["snet-a"]]))'),
          // The suffix may be "": compact() may drop it.
          account('compacted', 'length(compact([var.suffix, "b"]))'),
          account('distinct', 'length(distinct([var.suffix, "b"]))'),
          // Two elements, whatever the first holds.
          account('tuple', 'length([var.extra_subnets, "b"])'),
          account('known', 'length(flatten([["a"], [["b"], "c"]]))'),
        ].join(''),
      });
      const report = await scan(dir);
      assert.deepEqual(report.resources.map((r) => r.address), [
        'azurerm_storage_account.flat[?]',
        'azurerm_storage_account.compacted[?]',
        'azurerm_storage_account.distinct[?]',
        'azurerm_storage_account.tuple[0]',
        'azurerm_storage_account.tuple[1]',
        'azurerm_storage_account.known[0]',
        'azurerm_storage_account.known[1]',
        'azurerm_storage_account.known[2]',
      ]);
      assert.deepEqual(report.errors.map((e) => [e.line, e.code]), [[7, 'copy-unknown'], [15, 'copy-unknown'], [23, 'copy-unknown']]);
      assert.match(report.errors[0].message, /count cannot be decided statically \(length\(flatten\(\[var\.extra_subnets, \["snet-a"\]\]\)\) \(variable 'extra_subnets' has no default/);
    });
  });

  describe('duplicate blocks', () => {
    it('a resource declared twice in a module is an error at the second block (Terraform rejects it); the first is judged', async () => {
      const dir = repo({
        'main.tf': `${storageAccount('main', '"GRS"')}\n${storageAccount('main', '"LRS"')}`,
        'other.tf': `# more storage\n${storageAccount('main', '"ZRS"')}`,
      });
      const report = await scan(dir);
      assert.deepEqual(report.resources.map((r) => [r.address, r.reason]), [['azurerm_storage_account.main', 'sku.name is Standard_GRS: copies replicated to the paired region']]);
      assert.deepEqual(report.errors.map((e) => [e.file, e.line, e.severity, e.code]), [['main.tf', 9, 'error', 'duplicate-resource'], ['other.tf', 2, 'error', 'duplicate-resource']]);
      assert.equal(report.errors[0].message, 'duplicate resource azurerm_storage_account.main: already declared in main.tf at line 1; Terraform rejects the configuration, and only the first is scanned');
    });
  });

  describe('nullable = false', () => {
    it('gives a module variable its default when the caller passes null', async () => {
      const dir = repo({
        'main.tf': 'module "m" {\n  source = "./mod"\n  repl   = null\n}\n',
        'mod/main.tf': `variable "repl" {\n  type     = string\n  default  = "RAGRS"\n  nullable = false\n}\n${storageAccount('s', 'var.repl')}`,
      });
      const st = byAddress(await scan(dir), 'module.m.azurerm_storage_account.s');
      assert.equal(st.status, 'pass');
      assert.equal(st.reason, 'sku.name is Standard_RAGRS: copies replicated to the paired region, readable there');
    });

    it('gives a root variable set to null in terraform.tfvars its default; a nullable one stays null', async () => {
      const dir = repo({
        'main.tf': `variable "repl" {\n  default  = "GRS"\n  nullable = false\n}\nvariable "other" {\n  default = "GRS"\n}\n${storageAccount('s', 'var.repl')}${storageAccount('n', 'var.other == null ? "LRS" : var.other')}`,
        'terraform.tfvars': 'repl  = null\nother = null\n',
      });
      const report = await scan(dir);
      assert.equal(byAddress(report, 'azurerm_storage_account.s').reason, 'sku.name is Standard_GRS: copies replicated to the paired region');
      assert.equal(byAddress(report, 'azurerm_storage_account.n').reason, 'sku.name is Standard_LRS: three copies in one datacenter');
    });
  });

  describe('the azurerm version of the root module', () => {
    const network = `
resource "azurerm_public_ip" "pip" {
  name                = "pip"
  location            = "westeurope"
  resource_group_name = "rg"
  allocation_method   = "Static"
  zones               = ["1", "2", "3"]
}
`;
    const required = (version: string) => `terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"\n      version = "${version}"\n    }\n  }\n}\n`;

    it('settles a constraint to the major version whose defaults apply', () => {
      for (const c of ['~> 4.0', '>= 4.0', '>= 4.1.0, < 5.0.0', '4.14.0', '~> 4.14.0']) assert.equal(constraintMajor(c), 4, c);
      for (const c of ['~> 3.0', '3.117.0', '>= 3.7, < 4.0', '~> 3.116.0']) assert.equal(constraintMajor(c), 3, c);
      for (const c of ['>= 3.0', '~> 3', '> 2.0, < 5.0', 'latest']) assert.equal(constraintMajor(c), undefined, c);
    });

    it('defaults a public IP sku to Standard under azurerm ~> 4.0, or a 4.x version in .terraform.lock.hcl', async () => {
      const cases: Array<Record<string, string>> = [
        { 'main.tf': required('~> 4.0') + network },
        { 'main.tf': network, '.terraform.lock.hcl': '# This file is maintained automatically by "terraform init".\n\nprovider "registry.terraform.io/hashicorp/azurerm" {\n  version     = "4.14.0"\n  constraints = ">= 3.0.0"\n  hashes = [\n    "h1:FYZ9qh8i3X2gDmUTe1jJ/VzdSyjGjVmhBzv2R8D6CBo=",\n  ]\n}\n' },
      ];
      for (const files of cases) {
        const pip = byAddress(await scan(repo(files)), 'azurerm_public_ip.pip');
        assert.equal(pip.status, 'pass');
        assert.equal(pip.redundancy, 'zone');
        assert.equal(pip.reason, 'public IP pip lists zones [1, 2, 3]: zone-redundant');
      }
    });

    it("takes the constraints of the root's local modules too, as terraform init does: a module's ~> 4.0 settles the root's version", async () => {
      const files = {
        'main.tf': `${required('>= 3.0')}${network}\nmodule "hub" {\n  source = "./modules/hub"\n}\n`,
        'modules/hub/versions.tf': required('~> 4.0'),
        'modules/hub/main.tf': network.replace('"pip" {', '"hub" {').replace('= "pip"', '= "pip-hub"'),
      };
      const report = await scan(repo(files));
      for (const address of ['azurerm_public_ip.pip', 'module.hub.azurerm_public_ip.hub']) assert.equal(byAddress(report, address).redundancy, 'zone', address);
    });

    it('leaves the sku unknown when neither required_providers nor the lock file settles the version', async () => {
      const pip = byAddress(await scan(repo({ 'main.tf': required('>= 3.0') + network })), 'azurerm_public_ip.pip');
      assert.equal(pip.redundancy, 'unknown');
      assert.match(pip.reason, /its default depends on the azurerm version \(Basic in 3\.x, Standard in 4\.x\)/);
    });
  });

  describe('syntax errors', () => {
    it('reports the cause of a cascade (one missing closing quote) at its position, cut short, with the others counted', async () => {
      let text = '';
      for (let i = 0; i < 200; i++) text += storageAccount(`s${i}`, '"GRS"');
      // The first account's name loses its closing quote: every later line becomes part of one unterminated string.
      text = text.replace('name                     = "sts0"', 'name                     = "sts0');
      const errors = (await scan(repo({ 'storage.tf': text }))).errors;
      assert.equal(errors.length, 1);
      // HashiCorp's parser places it at the end of the line the string starts on.
      assert.deepEqual([errors[0].file, errors[0].line, errors[0].column, errors[0].code], ['storage.tf', 2, 35, 'parse-error']);
      assert.match(errors[0].message, /^invalid HCL: Unterminated template string; No closing marker was found for the string \(and \d+ more errors\)$/);
      assert.ok(errors[0].message.length < 400, `${errors[0].message.length} characters`);
    });
  });
  describe('input a scanned repository controls', () => {
    it('a module looped over the instance limit is not an empty list: a value computed from it stays unknown', async () => {
      const dir = repo({
        'main.tf': 'module "dbs" {\n  source = "./mod"\n  count  = 100000\n}\n\n' + storageAccount('st', 'length(module.dbs) > 0 ? "GRS" : "LRS"'),
        'mod/main.tf': 'output "id" { value = "x" }\n',
      });
      const r = await scan(dir);
      assert.deepEqual([byAddress(r, 'azurerm_storage_account.st').status, byAddress(r, 'azurerm_storage_account.st').redundancy], ['unknown', 'unknown']);
      // Reported at the module block, not at line 1 of the file.
      assert.deepEqual(r.errors.map((e) => [e.file, e.line, e.code]), [['main.tf', 1, 'copy-limit']]);
    });

    it('a tfvars.json nested thousands deep is read up to a limit and does not lose the scan', async () => {
      let deep: unknown = 'GRS';
      for (let i = 0; i < 3000; i++) deep = [deep];
      const dir = repo({
        'main.tf': storageAccount('st', 'var.repl') + 'variable "repl" {\n  default = "LRS"\n}\nvariable "x" {\n  default = 1\n}\n',
        'terraform.tfvars.json': JSON.stringify({ repl: 'GRS', x: deep }),
      });
      const r = await scan(dir);
      assert.deepEqual([byAddress(r, 'azurerm_storage_account.st').status, byAddress(r, 'azurerm_storage_account.st').redundancy], ['pass', 'geo']);
      // The file's other values are read: GRS, not the LRS default; and nothing in it is an error.
      assert.match(byAddress(r, 'azurerm_storage_account.st').reason, /^sku\.name is Standard_GRS/);
      assert.deepEqual(r.errors, []);
    });

    it('a var file setting thousands of undeclared variables gets twenty warnings and a count, each at its line', async () => {
      const names = Array.from({ length: 5000 }, (_, i) => `undeclared_${i}`);
      const dir = repo({
        'infra/main.tf': storageAccount('st', '"GRS"'),
        'env/prod.tfvars': names.map((n) => `${n} = "x"`).join('\n') + '\n',
        '.drcheck.yml': 'terraform:\n  varFiles:\n    - env/prod.tfvars\n',
      });
      const r = await scan(dir, path.join(dir, '.drcheck.yml'));
      const warnings = r.errors.filter((e) => e.code === 'var-undeclared');
      assert.equal(warnings.length, 21);
      assert.deepEqual(warnings.filter((w) => w.line > 1).slice(0, 2).map((w) => [w.line, w.message.split(' ')[1]]), [[2, "'undeclared_1'"], [3, "'undeclared_2'"]]);
      assert.match(warnings.find((w) => /more variables/.test(w.message))!.message, /^and 4980 more variables set here/);
    });
  });

  describe('provider-defined functions (Terraform 1.8+)', () => {
    it('are read as calls drcheck does not evaluate, in a conditional too, never as a syntax error', async () => {
      const dir = repo({
        'main.tf': `variable "lake_id" {
  type    = string
  default = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stlake"
}
${storageAccount('branch', 'var.lake_id != "" ? "GZRS" : provider::azurerm::normalise_resource_id(var.lake_id)')}
${storageAccount('called', 'provider::azurerm::normalise_resource_id(var.lake_id)')}`,
      });
      const report = await scan(dir);
      assert.deepEqual(report.errors, []);
      assert.equal(byAddress(report, 'azurerm_storage_account.branch').redundancy, 'geo');
      const called = byAddress(report, 'azurerm_storage_account.called');
      assert.equal(called.redundancy, 'unknown');
      assert.match(called.reason, /function normalise_resource_id\(\) is not evaluated by drcheck/);
    });
  });
});
