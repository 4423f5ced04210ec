import { strict as assert } from 'node:assert';
import { byAddress, repo, scan } from './helpers';

/** A planned azurerm resource as `terraform show -json` writes it (values Terraform knows at plan time only). */
const planned = (address: string, values: Record<string, unknown>) => {
  const [type, name] = address.replace(/^(module\.[^.]+\.)+/, '').split('.');
  return { address, mode: 'managed', type, name: name.replace(/\[.*$/, ''), ...(/\[(\d+)\]$/.test(address) ? { index: Number(/\[(\d+)\]$/.exec(address)![1]) } : {}), provider_name: 'registry.terraform.io/hashicorp/azurerm', schema_version: 0, values, sensitive_values: {} };
};
/** A resource in the plan's configuration: its arguments as expressions (a constant, or the references it makes). */
const configured = (address: string, expressions: Record<string, unknown>) => {
  const [type, name] = address.split('.');
  return { address, mode: 'managed', type, name, provider_config_key: 'azurerm', expressions, schema_version: 0 };
};
const refs = (...references: string[]) => ({ references });
const constant = (v: unknown) => ({ constant_value: v });
const created = (address: string, afterUnknown: Record<string, unknown>) => ({ address, mode: 'managed', type: address.split('.').at(-2), change: { actions: ['create'], before: null, after_unknown: { id: true, ...afterUnknown } } });

/** A SQL server pair, a database and a failover group all created by one plan (none of their ids is known yet). */
const newFailoverGroup = {
  format_version: '1.2',
  terraform_version: '1.9.5',
  planned_values: {
    root_module: {
      resources: [
        planned('azurerm_mssql_server.primary', { name: 'sql-weu', location: 'westeurope', resource_group_name: 'rg-data', version: '12.0' }),
        planned('azurerm_mssql_server.secondary', { name: 'sql-neu', location: 'northeurope', resource_group_name: 'rg-data', version: '12.0' }),
        planned('azurerm_mssql_database.orders', { name: 'orders', storage_account_type: 'Local', zone_redundant: false }),
        planned('azurerm_mssql_failover_group.orders', { name: 'fg-orders', partner_server: [{}], read_write_endpoint_failover_policy: [{ mode: 'Automatic', grace_minutes: 60 }] }),
      ],
    },
  },
  resource_changes: [
    created('azurerm_mssql_server.primary', {}),
    created('azurerm_mssql_server.secondary', {}),
    created('azurerm_mssql_database.orders', { server_id: true }),
    created('azurerm_mssql_failover_group.orders', { server_id: true, databases: [true], partner_server: [{ id: true }] }),
  ],
  configuration: {
    provider_config: { azurerm: { name: 'azurerm', full_name: 'registry.terraform.io/hashicorp/azurerm' } },
    root_module: {
      resources: [
        configured('azurerm_mssql_server.primary', { name: constant('sql-weu') }),
        configured('azurerm_mssql_server.secondary', { name: constant('sql-neu') }),
        configured('azurerm_mssql_database.orders', { name: constant('orders'), server_id: refs('azurerm_mssql_server.primary.id', 'azurerm_mssql_server.primary') }),
        configured('azurerm_mssql_failover_group.orders', {
          name: constant('fg-orders'),
          server_id: refs('azurerm_mssql_server.primary.id', 'azurerm_mssql_server.primary'),
          databases: refs('azurerm_mssql_database.orders.id', 'azurerm_mssql_database.orders'),
          partner_server: [{ id: refs('azurerm_mssql_server.secondary.id', 'azurerm_mssql_server.secondary') }],
        }),
      ],
    },
  },
};

/** The same configuration as written, for the configuration reader. */
const newFailoverGroupTf = `resource "azurerm_mssql_server" "primary" {
  name                = "sql-weu"
  location            = "westeurope"
  resource_group_name = "rg-data"
  version             = "12.0"
}

resource "azurerm_mssql_server" "secondary" {
  name                = "sql-neu"
  location            = "northeurope"
  resource_group_name = "rg-data"
  version             = "12.0"
}

resource "azurerm_mssql_database" "orders" {
  name                 = "orders"
  server_id            = azurerm_mssql_server.primary.id
  storage_account_type = "Local"
  zone_redundant       = false
}

resource "azurerm_mssql_failover_group" "orders" {
  name      = "fg-orders"
  server_id = azurerm_mssql_server.primary.id
  databases = [azurerm_mssql_database.orders.id]
  partner_server {
    id = azurerm_mssql_server.secondary.id
  }
  read_write_endpoint_failover_policy {
    mode          = "Automatic"
    grace_minutes = 60
  }
}
`;

describe('Terraform plan JSON: what the same plan creates', () => {
  it('judges a database created with its server and failover group in one plan as the configuration reader does', async () => {
    const fromPlan = await scan(repo({ 'tfplan.json': JSON.stringify(newFailoverGroup, null, 2) }));
    const fromConfig = await scan(repo({ 'main.tf': newFailoverGroupTf }));
    const verdicts = (r: typeof fromPlan) => r.resources.map((x) => [x.address, x.name, x.redundancy, x.status, x.reason]);
    assert.deepEqual(verdicts(fromPlan), verdicts(fromConfig));
    const db = byAddress(fromPlan, 'azurerm_mssql_database.orders');
    assert.deepEqual([db.name, db.redundancy, db.status], ['sql-weu/orders', 'geo', 'pass']);
    assert.equal(db.reason, 'in failover group sql-weu/fg-orders: continuously replicated to the partner server');
  });

  it('follows references within a module instance and by count index, and keeps what the plan knows', async () => {
    const existing = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Sql/servers/sql-legacy';
    const plan = {
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: {
        root_module: {
          child_modules: [
            {
              address: 'module.shards["weu"]',
              resources: [
                planned('module.shards["weu"].azurerm_mssql_server.shard[0]', { name: 'sql-weu-0', location: 'westeurope', version: '12.0' }),
                planned('module.shards["weu"].azurerm_mssql_server.shard[1]', { name: 'sql-weu-1', location: 'westeurope', version: '12.0' }),
                planned('module.shards["weu"].azurerm_mssql_database.shard[0]', { name: 'orders', storage_account_type: 'Geo' }),
                planned('module.shards["weu"].azurerm_mssql_database.shard[1]', { name: 'orders', storage_account_type: 'Geo' }),
                // Its server exists already: the id the plan knows stays.
                planned('module.shards["weu"].azurerm_mssql_database.legacy', { name: 'archive', server_id: existing, storage_account_type: 'Geo' }),
              ],
            },
          ],
        },
      },
      resource_changes: [
        created('module.shards["weu"].azurerm_mssql_database.shard[0]', { server_id: true }),
        created('module.shards["weu"].azurerm_mssql_database.shard[1]', { server_id: true }),
      ],
      configuration: {
        root_module: {
          module_calls: {
            shards: {
              source: './modules/shards',
              module: {
                resources: [
                  configured('azurerm_mssql_server.shard', { name: refs('count.index') }),
                  // `server_id = azurerm_mssql_server.shard[count.index].id`: the index is not known to the configuration.
                  configured('azurerm_mssql_database.shard', { name: constant('orders'), server_id: refs('azurerm_mssql_server.shard', 'count.index') }),
                  configured('azurerm_mssql_database.legacy', { name: constant('archive'), server_id: refs('azurerm_mssql_server.shard[0].id', 'azurerm_mssql_server.shard[0]', 'azurerm_mssql_server.shard') }),
                ],
              },
            },
          },
        },
      },
    };
    const r = await scan(repo({ 'tfplan.json': JSON.stringify(plan, null, 2) }));
    assert.deepEqual(
      r.resources.filter((x) => x.type === 'Microsoft.Sql/servers/databases').map((x) => [x.address, x.name]),
      [
        ['module.shards["weu"].azurerm_mssql_database.shard[0]', 'sql-weu-0/orders'],
        ['module.shards["weu"].azurerm_mssql_database.shard[1]', 'sql-weu-1/orders'],
        ['module.shards["weu"].azurerm_mssql_database.legacy', 'sql-legacy/archive'],
      ],
    );
  });

  it('fills only what the references tell: the most precise step of each, of the kind the argument names, and no known element', async () => {
    const server = (n: string) => `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Sql/servers/${n}`;
    const plan = {
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: {
        root_module: {
          resources: [
            planned('azurerm_resource_group.rg', { name: 'rg-data', location: 'westeurope' }),
            planned('azurerm_mssql_server.sql[0]', { name: 'sql-0', location: 'westeurope', version: '12.0' }),
            planned('azurerm_mssql_server.sql[1]', { name: 'sql-1', location: 'northeurope', version: '12.0' }),
            planned('azurerm_mssql_database.orders', { name: 'orders', storage_account_type: 'Local' }),
            planned('azurerm_mssql_database.billing', { name: 'billing', storage_account_type: 'Local' }),
            // `server_id = "${azurerm_resource_group.rg.id}/providers/Microsoft.Sql/servers/sql-legacy"`: a template on the group's id.
            planned('azurerm_mssql_database.archive', { name: 'archive', storage_account_type: 'Local' }),
            // An existing database the plan knows, in a group whose list is `var.geo ? [a.id, b.id] : [a.id]`.
            planned('azurerm_mssql_database.ledger', { name: 'ledger', server_id: server('sql-0'), storage_account_type: 'Local' }),
            planned('azurerm_mssql_failover_group.fg', { name: 'fg', partner_server: [{}] }),
            planned('azurerm_mssql_failover_group.ledger', { name: 'fg-ledger', server_id: server('sql-0'), databases: [`${server('sql-0')}/databases/ledger`], partner_server: [{ id: server('sql-1') }] }),
          ],
        },
      },
      resource_changes: [
        created('azurerm_mssql_database.orders', { server_id: true }),
        created('azurerm_mssql_database.billing', { server_id: true }),
        created('azurerm_mssql_database.archive', { server_id: true }),
        // The provider makes a partly unknown set wholly unknown.
        created('azurerm_mssql_failover_group.fg', { server_id: true, databases: true, partner_server: [{ id: true }] }),
        created('azurerm_mssql_failover_group.ledger', { databases: [false] }),
      ],
      configuration: {
        root_module: {
          resources: [
            configured('azurerm_mssql_database.orders', { server_id: refs('azurerm_mssql_server.sql[0].id', 'azurerm_mssql_server.sql[0]', 'azurerm_mssql_server.sql') }),
            configured('azurerm_mssql_database.billing', { server_id: refs('azurerm_mssql_server.sql[0].id', 'azurerm_mssql_server.sql[0]', 'azurerm_mssql_server.sql') }),
            configured('azurerm_mssql_database.archive', { server_id: refs('azurerm_resource_group.rg.id', 'azurerm_resource_group.rg') }),
            configured('azurerm_mssql_failover_group.fg', {
              server_id: refs('azurerm_mssql_server.sql[0].id', 'azurerm_mssql_server.sql[0]', 'azurerm_mssql_server.sql'),
              databases: refs('azurerm_mssql_database.orders.id', 'azurerm_mssql_database.orders', 'azurerm_mssql_database.billing.id', 'azurerm_mssql_database.billing'),
              partner_server: [{ id: refs('azurerm_mssql_server.sql[1].id', 'azurerm_mssql_server.sql[1]', 'azurerm_mssql_server.sql') }],
            }),
            configured('azurerm_mssql_failover_group.ledger', { databases: refs('var.geo', 'azurerm_mssql_database.ledger.id', 'azurerm_mssql_database.ledger', 'azurerm_mssql_database.orders.id', 'azurerm_mssql_database.orders') }),
          ],
        },
      },
    };
    const r = await scan(repo({ 'tfplan.json': JSON.stringify(plan, null, 2) }));
    const db = (a: string) => [byAddress(r, a).name, byAddress(r, a).redundancy];
    // The literal index, not the whole resource listed beside it; both databases of the wholly unknown list.
    assert.deepEqual(db('azurerm_mssql_database.orders'), ['sql-0/orders', 'geo']);
    assert.deepEqual(db('azurerm_mssql_database.billing'), ['sql-0/billing', 'geo']);
    assert.match(byAddress(r, 'azurerm_mssql_database.orders').reason, /^in failover group sql-0\/fg:/);
    // A resource group is no server: the name stays as the plan gives it.
    assert.deepEqual(db('azurerm_mssql_database.archive'), ['archive', 'local']);
    // A list the plan knows ([false]) is not extended with what the other branch of a conditional refers to.
    assert.match(byAddress(r, 'azurerm_mssql_database.ledger').reason, /in failover group sql-0\/fg-ledger/);
    assert.equal(byAddress(r, 'azurerm_mssql_failover_group.ledger').name, 'sql-0/fg-ledger');
  });

  it('follows a module output to the resource it gives (server_id = module.sql.primary_id), as the configuration reader does', async () => {
    const plan = {
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: {
        root_module: {
          resources: [
            planned('azurerm_mssql_database.orders', { name: 'orders', storage_account_type: 'Local', zone_redundant: false }),
            planned('azurerm_mssql_database.orders_replica', { name: 'orders', create_mode: 'Secondary' }),
          ],
          child_modules: [
            {
              address: 'module.sql',
              resources: [
                planned('module.sql.azurerm_mssql_server.primary', { name: 'sql-weu', location: 'westeurope', resource_group_name: 'rg-data', version: '12.0' }),
                planned('module.sql.azurerm_mssql_server.secondary', { name: 'sql-neu', location: 'northeurope', resource_group_name: 'rg-data', version: '12.0' }),
              ],
            },
          ],
        },
      },
      resource_changes: [
        created('azurerm_mssql_database.orders', { server_id: true }),
        created('azurerm_mssql_database.orders_replica', { server_id: true, creation_source_database_id: true }),
      ],
      configuration: {
        root_module: {
          resources: [
            configured('azurerm_mssql_database.orders', { name: constant('orders'), server_id: refs('module.sql.primary_id', 'module.sql') }),
            configured('azurerm_mssql_database.orders_replica', {
              name: constant('orders'),
              server_id: refs('module.sql.secondary_id', 'module.sql'),
              create_mode: constant('Secondary'),
              creation_source_database_id: refs('azurerm_mssql_database.orders.id', 'azurerm_mssql_database.orders'),
            }),
          ],
          module_calls: {
            sql: {
              source: './modules/sql',
              module: {
                outputs: {
                  primary_id: { expression: refs('azurerm_mssql_server.primary.id', 'azurerm_mssql_server.primary') },
                  secondary_id: { expression: refs('azurerm_mssql_server.secondary.id', 'azurerm_mssql_server.secondary') },
                },
                resources: [configured('azurerm_mssql_server.primary', { name: constant('sql-weu') }), configured('azurerm_mssql_server.secondary', { name: constant('sql-neu') })],
              },
            },
          },
        },
      },
    };
    const r = await scan(repo({ 'tfplan.json': JSON.stringify(plan, null, 2) }));
    const orders = byAddress(r, 'azurerm_mssql_database.orders');
    assert.deepEqual([orders.name, orders.redundancy, orders.status], ['sql-weu/orders', 'geo', 'pass']);
    assert.match(orders.reason, /database sql-neu\/orders is its secondary in northeurope/);
    assert.equal(byAddress(r, 'azurerm_mssql_database.orders_replica').name, 'sql-neu/orders');
  });

  it('gives a list of ids written as a splat (databases = azurerm_mssql_database.db[*].id) every instance', async () => {
    const plan = {
      ...newFailoverGroup,
      planned_values: {
        root_module: {
          resources: [
            ...newFailoverGroup.planned_values.root_module.resources.filter((r) => r.type === 'azurerm_mssql_server' || r.type === 'azurerm_mssql_failover_group'),
            planned('azurerm_mssql_database.db[0]', { name: 'orders', storage_account_type: 'Local' }),
            planned('azurerm_mssql_database.db[1]', { name: 'billing', storage_account_type: 'Local' }),
          ],
        },
      },
      resource_changes: [
        created('azurerm_mssql_database.db[0]', { server_id: true }),
        created('azurerm_mssql_database.db[1]', { server_id: true }),
        created('azurerm_mssql_failover_group.orders', { server_id: true, databases: true, partner_server: [{ id: true }] }),
      ],
      configuration: {
        root_module: {
          resources: [
            configured('azurerm_mssql_database.db', { server_id: refs('azurerm_mssql_server.primary.id', 'azurerm_mssql_server.primary') }),
            configured('azurerm_mssql_failover_group.orders', {
              server_id: refs('azurerm_mssql_server.primary.id', 'azurerm_mssql_server.primary'),
              // What Terraform lists for `azurerm_mssql_database.db[*].id`.
              databases: refs('azurerm_mssql_database.db'),
              partner_server: [{ id: refs('azurerm_mssql_server.secondary.id', 'azurerm_mssql_server.secondary') }],
            }),
          ],
        },
      },
    };
    const r = await scan(repo({ 'tfplan.json': JSON.stringify(plan, null, 2) }));
    assert.deepEqual(
      r.resources.filter((x) => x.type === 'Microsoft.Sql/servers/databases').map((x) => [x.name, x.redundancy]),
      [
        ['sql-weu/orders', 'geo'],
        ['sql-weu/billing', 'geo'],
      ],
    );
  });
});
