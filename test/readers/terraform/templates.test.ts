/**
 * Terraform string templates as Terraform renders them: `%{if}` and `%{for}` directives with their strip markers, the
 * conditionals hcl2json turns into directives, heredocs inside expressions, and the legacy `a.0.b` index.
 */
import { strict as assert } from 'node:assert';
import { byAddress, repo, scan, storageAccountNamed } from './helpers';


/** A VM whose cloud-init loops over users, as many repositories write it: the file then needs HashiCorp's parser. */
const cloudInitVm = `
resource "azurerm_linux_virtual_machine" "vm" {
  name                = "vm1"
  resource_group_name = "rg"
  location            = "westeurope"
  size                = "Standard_B2s"
  custom_data = base64encode(<<-EOT
    #cloud-config
    users:
    %{ for u in var.users ~}
      - name: \${u}
    %{ endfor ~}
  EOT
  )
}
`;

describe('Terraform templates', () => {
  it('reads a conditional inside a longer string in a file with a template directive elsewhere (hcl2json writes it as %{if})', async () => {
    const dir = repo({
      'main.tf': `variable "geo" {\n  default = true\n}\nvariable "users" {\n  default = ["a", "b"]\n}\n${cloudInitVm}${storageAccountNamed('tmpl', '"st${var.geo ? "geo" : "loc"}"', '"${var.geo ? "RA" : ""}GRS"')}`,
    });
    const st = byAddress(await scan(dir), 'azurerm_storage_account.tmpl');
    assert.equal(st.name, 'stgeo');
    assert.equal(st.reason, 'sku.name is Standard_RAGRS: copies replicated to the paired region, readable there');
  });

  it('renders %{if}/%{else}/%{endif} directives written in a string', async () => {
    const dir = repo({
      'main.tf': `variable "geo" {\n  type    = bool\n  default = false\n}\n${storageAccountNamed('if', '"st%{ if var.geo }geo%{ else }loc%{ endif }"', '"%{ if var.geo }GRS%{ else }LRS%{ endif }"')}${storageAccountNamed('noelse', '"stnoelse"', '"%{ if !var.geo }RA%{ endif }GRS"')}`,
    });
    const report = await scan(dir);
    const st = byAddress(report, 'azurerm_storage_account.if');
    assert.equal(st.name, 'stloc');
    assert.equal(st.reason, 'sku.name is Standard_LRS: three copies in one datacenter');
    assert.equal(byAddress(report, 'azurerm_storage_account.noelse').reason, 'sku.name is Standard_RAGRS: copies replicated to the paired region, readable there');
  });

  it('renders %{for} directives with their key and value, and heredocs with strip markers as HCL does (a stripped line break keeps the next line\'s indentation)', async () => {
    const heredoc = `<<-EOT
    users:
    %{ for u in local.users ~}
      - \${u}
    %{ endfor ~}
    done
  EOT`;
    const dir = repo({
      'main.tf': `
locals {
  users      = ["a", "b"]
  cloud_init = ${heredoc}
  pairs      = "%{ for k, v in { x = 1, y = 2 } }\${k}\${v}%{ endfor }"
  joined     = "a  \${~ "b" ~}  c"
}
${storageAccountNamed('rendered', 'replace(replace(local.cloud_init, "\\n", "|"), " ", "_")', '"GRS"')}${storageAccountNamed('inline', `replace(replace(${heredoc}
  , "\\n", "|"), " ", "_")`, '"GRS"')}${storageAccountNamed('pairs', '"st${local.pairs}${local.joined}"', '"GRS"')}`,
    });
    const report = await scan(dir);
    // What Terraform renders: "users:\n      - a\n      - b\n    done\n".
    assert.equal(byAddress(report, 'azurerm_storage_account.rendered').name, 'users:|______-_a|______-_b|____done|');
    assert.equal(byAddress(report, 'azurerm_storage_account.inline').name, 'users:|______-_a|______-_b|____done|');
    assert.equal(byAddress(report, 'azurerm_storage_account.pairs').name, 'stx1y2abc');
  });

  it('evaluates a heredoc written as a function argument', async () => {
    const dir = repo({
      'main.tf': `variable "geo" {\n  default = true\n}\n${storageAccountNamed('heredoc', '"stheredoc"', 'trimspace(<<-EOT\n    ${var.geo ? "GRS" : "LRS"}\n  EOT\n  )')}`,
    });
    assert.equal(byAddress(await scan(dir), 'azurerm_storage_account.heredoc').reason, 'sku.name is Standard_GRS: copies replicated to the paired region');
  });

  it('decodes \\u and \\U escapes in strings inside expressions, as at the top level', async () => {
    const dir = repo({ 'main.tf': storageAccountNamed('esc', 'join("", ["st", "\\u0061", "b"])', 'length("\\u0047RS") == 3 ? "GRS" : "LRS"') });
    const st = byAddress(await scan(dir), 'azurerm_storage_account.esc');
    assert.equal(st.name, 'stab');
    assert.equal(st.reason, 'sku.name is Standard_GRS: copies replicated to the paired region');
  });

  it('reads the legacy index form `a.0.b` as `a[0].b`, and numbers with an exponent', async () => {
    const dir = repo({
      'main.tf': `variable "accounts" {\n  default = [{ replication = "GRS" }]\n}\n${storageAccountNamed('legacy', '"stlegacy"', 'var.accounts.0.replication')}${storageAccountNamed('exp', '"stexp"', '1e3 == 1000 ? "ZRS" : "LRS"')}`,
    });
    const report = await scan(dir);
    assert.equal(byAddress(report, 'azurerm_storage_account.legacy').reason, 'sku.name is Standard_GRS: copies replicated to the paired region');
    assert.match(byAddress(report, 'azurerm_storage_account.exp').reason, /Standard_ZRS/);
  });
});
