import { strict as assert } from 'node:assert';
import { diffReports } from '../../../shared/engine/diff';
import { formerAddresses, type Move } from '../../../tasks/DrCheckV1/src/readers/terraform/moved';
import { byAddress, repo, scan } from './helpers';

/** An azurerm storage account named by a variable without a value (so its id is its address), at a replication type. */
const account = (label: string, replication: string) => `resource "azurerm_storage_account" "${label}" {
  name                     = var.account_name
  resource_group_name      = "rg-data"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "${replication}"
}
`;
const nameVariable = 'variable "account_name" {\n  type = string\n}\n';

/** The storage module a refactoring moves the account into. */
const storageModule = (replication: string) => ({
  'modules/storage/variables.tf': nameVariable,
  'modules/storage/main.tf': account('this', replication),
});

/** The root after the refactoring: the account is in the module, and (with the block) Terraform is told so. */
const refactored = (replication: string, withMoved: boolean) => ({
  'main.tf': `${nameVariable}
module "lake" {
  source       = "./modules/storage"
  account_name = var.account_name
}
${withMoved ? '\nmoved {\n  from = azurerm_storage_account.lake\n  to   = module.lake.azurerm_storage_account.this\n}\n' : ''}`,
  ...storageModule(replication),
});

describe('Terraform moved blocks', () => {
  it('gives each resource the addresses its moved blocks say it had, in modules, per instance and along chains', async () => {
    const dir = repo({
      'main.tf': `${nameVariable}
module "logs" {
  source = "./modules/logs"
  count  = 2
}

moved {
  from = module.diagnostics
  to   = module.logs
}
`,
      'modules/logs/main.tf': `resource "azurerm_storage_account" "this" {
  name                     = null
  resource_group_name      = "rg-logs"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

moved {
  from = azurerm_storage_account.archive
  to   = azurerm_storage_account.this
}
`,
    });
    const report = await scan(dir);
    assert.deepEqual(report.errors, []);
    // The whole call was renamed (each instance keeps its key), and inside each instance the resource was too.
    assert.deepEqual(byAddress(report, 'module.logs[1].azurerm_storage_account.this').movedFrom, [
      'module.diagnostics[1].azurerm_storage_account.this',
      'module.logs[1].azurerm_storage_account.archive',
      'module.diagnostics[1].azurerm_storage_account.archive',
    ]);
  });

  // A heredoc sends the file to @cdktf/hcl2json, which reports no lines: the blocks' lines come from their headers then.
  for (const [parser, tail] of [['drcheck\'s HCL reader', ''], ['hcl2json', 'locals {\n  note = <<-EOT\n    moved here\n  EOT\n}\n']]) {
    it(`warns at the file, line and column of a moved block Terraform would reject, and reads the rest (${parser})`, async () => {
      const dir = repo({
        'main.tf': `${nameVariable}${account('lake', 'GRS')}
moved {
  from = "azurerm_storage_account.data"
  to   = azurerm_storage_account.lake
}

moved {
  from = azurerm_storage_account.old
  to   = module.lake
}

moved {
  from = azurerm_storage_account.data
  to   = azurerm_storage_account.lake
}
${tail}`,
      });
      const report = await scan(dir);
      assert.deepEqual(
        report.errors.map((e) => [e.file, e.line, e.column, e.code]),
        [['main.tf', 13, 10, 'moved-invalid'], ['main.tf', 17, 1, 'moved-invalid']],
      );
      assert.match(report.errors[0].message, /'from' must be a resource or module address.*is a quoted string, not a reference/);
      assert.match(report.errors[1].message, /'from' \(azurerm_storage_account\.old\) is a resource and 'to' \(module\.lake\) a module/);
      assert.deepEqual(byAddress(report, 'azurerm_storage_account.lake').movedFrom, ['azurerm_storage_account.data']);
    });
  }

  it('lets a pull request move an account into a module: the gate compares it with the account it was, as Terraform plans it', async () => {
    const base = await scan(repo({ 'main.tf': `${nameVariable}${account('lake', 'LRS')}` }));
    assert.equal(byAddress(base, 'azurerm_storage_account.lake').status, 'fail');

    // Already LRS before: moving it changes nothing, so the pull request adds no regression.
    const moved = diffReports(base, await scan(repo(refactored('LRS', true))));
    assert.deepEqual(moved.regressions, []);
    assert.deepEqual(
      moved.other.map((c) => [c.kind, c.renamedFrom, c.detail]),
      [['renamed', 'azurerm_storage_account.lake', 'moved from azurerm_storage_account.lake (moved block)']],
    );
    // Without the block Terraform would destroy the account and create another: a new account below the strategy.
    const recreated = diffReports(base, await scan(repo(refactored('LRS', false))));
    assert.deepEqual(recreated.regressions.map((c) => c.kind), ['new-below-required']);
    assert.deepEqual(recreated.other.map((c) => c.kind), ['removed']);
  });

  it('counts a move that also lowers the replication as the regression it is, naming where it moved from', async () => {
    const base = await scan(repo({ 'main.tf': `${nameVariable}${account('lake', 'GRS')}` }));
    const d = diffReports(base, await scan(repo(refactored('LRS', true))));
    assert.deepEqual(d.regressions.map((c) => c.kind), ['redundancy-dropped']);
    assert.match(d.regressions[0].message, /^Microsoft\.Storage\/storageAccounts module\.lake\.azurerm_storage_account\.this: .*; moved from azurerm_storage_account\.lake \(moved block\)$/);
    assert.deepEqual(d.other, []);
  });

  it("pairs a move only within its root module: another root's resource at the former address is not the one moved", async () => {
    // Two configurations. The pull request deletes r1's account `a` and adds an account `b` to r2 with a moved block from
    // `a`, which r2 never had: for Terraform the block does nothing there.
    const other = `${nameVariable}${account('x', 'GRS')}`;
    const base = await scan(repo({ 'r1/main.tf': `${nameVariable}${account('a', 'LRS')}`, 'r2/main.tf': other }));
    const head = await scan(repo({ 'r1/main.tf': nameVariable, 'r2/main.tf': `${other}${account('b', 'LRS')}\nmoved {\n  from = azurerm_storage_account.a\n  to   = azurerm_storage_account.b\n}\n` }));
    const d = diffReports(base, head);
    assert.deepEqual(d.regressions.map((c) => [c.kind, c.resource.address]), [['new-below-required', 'azurerm_storage_account.b']]);
    assert.deepEqual(d.other.map((c) => [c.kind, c.resource.file]), [['removed', 'r1/main.tf']]);
  });

  it('finds the same former addresses by looking moves up as by trying each (module, instance and resource moves, chains)', () => {
    // The rules as the Terraform docs state them, tried move by move: the oracle for the indexed lookup.
    const naive = (address: string, moves: Move[]): string[] => {
      const out: string[] = [];
      const seen = new Set([address]);
      for (let i = -1; i < out.length; i++) {
        const current = i < 0 ? address : out[i];
        for (const m of moves) {
          const rest = current.startsWith(m.to) ? current.slice(m.to.length) : undefined;
          const former = current === m.to ? m.from : rest?.startsWith('.') || (rest?.startsWith('[') && !m.toKeyed && !m.fromKeyed) ? m.from + rest : undefined;
          if (former !== undefined && !seen.has(former)) out.push(former) && seen.add(former);
        }
      }
      return out;
    };
    const moves: Move[] = [
      { from: 'module.old', to: 'module.app', fromKeyed: false, toKeyed: false },
      { from: 'module.app["a"].azurerm_storage_account.x', to: 'module.app["a"].azurerm_storage_account.y', fromKeyed: false, toKeyed: false },
      { from: 'azurerm_storage_account.one', to: 'azurerm_storage_account.two[0]', fromKeyed: false, toKeyed: true },
      { from: 'azurerm_storage_account.zero', to: 'azurerm_storage_account.one', fromKeyed: false, toKeyed: false },
      { from: 'azurerm_storage_account.s', to: 'azurerm_storage_account.t', fromKeyed: false, toKeyed: false },
      { from: 'module.app.azurerm_key_vault.kv', to: 'module.apps.azurerm_key_vault.kv', fromKeyed: false, toKeyed: false },
    ];
    const addresses = [
      'module.app["a"].azurerm_storage_account.y',
      'module.app["b"].azurerm_storage_account.y',
      'module.apps.azurerm_key_vault.kv',
      'azurerm_storage_account.two[0]',
      'azurerm_storage_account.two[1]',
      'azurerm_storage_account.t[3]',
      'azurerm_storage_account.tt',
    ];
    for (const a of addresses) assert.deepEqual(formerAddresses(a, moves), naive(a, moves), a);
    assert.deepEqual(formerAddresses('azurerm_storage_account.two[0]', moves), ['azurerm_storage_account.one', 'azurerm_storage_account.zero']);
    assert.deepEqual(formerAddresses('azurerm_storage_account.tt', moves), []);
  });

  it('pairs what Terraform moves itself when count is added (a → a[0]) or removed, with no moved block', async () => {
    const counted = (label: string, replication: string) => account(label, replication).replace('{\n', '{\n  count                    = 1\n');
    const base = await scan(repo({ 'main.tf': `${nameVariable}${account('lake', 'GRS')}${account('logs', 'LRS')}` }));
    // Both accounts get count = 1 in one pull request; the lake also drops to LRS.
    const head = await scan(repo({ 'main.tf': `${nameVariable}${counted('lake', 'LRS')}${counted('logs', 'LRS')}` }));
    const d = diffReports(base, head);
    assert.deepEqual(d.regressions.map((c) => [c.kind, c.resource.address]), [['redundancy-dropped', 'azurerm_storage_account.lake[0]']]);
    assert.match(d.regressions[0].message, /; moved from azurerm_storage_account\.lake \(count added\)$/);
    assert.deepEqual(d.other.map((c) => [c.kind, c.detail]), [['renamed', 'moved from azurerm_storage_account.logs (count added)']]);
    // And back: count removed moves [0] to the unkeyed address.
    const back = diffReports(head, await scan(repo({ 'main.tf': `${nameVariable}${account('lake', 'LRS')}${account('logs', 'LRS')}` })));
    assert.deepEqual(back.regressions, []);
    assert.deepEqual(back.other.map((c) => c.detail), ['moved from azurerm_storage_account.lake[0] (count removed)', 'moved from azurerm_storage_account.logs[0] (count removed)']);
    // The same for a module call: its resources move from module.data to module.data[0].
    const call = (count: string) => `${nameVariable}module "data" {\n  source       = "./modules/data"\n${count}  account_name = var.account_name\n}\n`;
    const mod = { 'modules/data/variables.tf': nameVariable, 'modules/data/main.tf': `${account('lake', 'LRS')}${account('logs', 'LRS')}` };
    const inModule = diffReports(await scan(repo({ 'main.tf': call(''), ...mod })), await scan(repo({ 'main.tf': call('  count        = 1\n'), ...mod })));
    assert.deepEqual(inModule.regressions, []);
    assert.deepEqual(inModule.other.map((c) => c.detail), ['moved from module.data.azurerm_storage_account.lake (count added)', 'moved from module.data.azurerm_storage_account.logs (count added)']);
  });

  it("reads where a plan says a resource was (resource_changes' previous_address)", async () => {
    const values = { name: 'stlake', location: 'westeurope', account_tier: 'Standard', account_replication_type: 'GRS' };
    const plan = {
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: { root_module: { child_modules: [{ address: 'module.lake', resources: [{ address: 'module.lake.azurerm_storage_account.this', mode: 'managed', type: 'azurerm_storage_account', name: 'this', values }] }] } },
      resource_changes: [{ address: 'module.lake.azurerm_storage_account.this', previous_address: 'azurerm_storage_account.lake', mode: 'managed', type: 'azurerm_storage_account', change: { actions: ['no-op'] } }],
    };
    const report = await scan(repo({ 'tfplan.json': JSON.stringify(plan, null, 2) }));
    assert.deepEqual(byAddress(report, 'module.lake.azurerm_storage_account.this').movedFrom, ['azurerm_storage_account.lake']);
  });
});
