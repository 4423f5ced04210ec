import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { byAddress, scan } from './helpers';

describe('Terraform: a public IP without sku whose arguments settle it, whatever the azurerm version', () => {
  it("Dynamic allocation is Basic (none), since Standard requires Static; Static alone stays unknown", async () => {
    const report = await scan(path.join(__dirname, 'fixtures', 'public-ip-sku'));
    const dynamic = byAddress(report, 'azurerm_public_ip.dynamic');
    assert.deepEqual([dynamic.redundancy, dynamic.status, dynamic.reason], ['none', 'pass', 'public IP pip-dynamic is Basic: no availability zone support']);
    const stat = byAddress(report, 'azurerm_public_ip.static');
    assert.equal(stat.redundancy, 'unknown');
    assert.match(stat.reason, /its default depends on the azurerm version/);
  });
});
