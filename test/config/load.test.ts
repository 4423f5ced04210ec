import { strict as assert } from 'node:assert';
import { parseConfig, ConfigError } from '../../shared/config/load';

function errorOf(text: string): ConfigError {
  try {
    parseConfig(text, '.drcheck.yml');
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e}`);
    return e;
  }
  assert.fail('expected an error');
}

describe('.drcheck.yml', () => {
  it('reads strategy, landing zones and suppressions', () => {
    const config = parseConfig(
      [
        'strategy: warm-spare',
        'failOn: error',
        'landingZones:',
        '  - name: connectivity',
        '    subscription: 22222222-2222-2222-2222-222222222222',
        '    managementGroup: contoso-connectivity',
        '    paths: ["connectivity/**"]',
        'suppressions:',
        '  - rule: vpn-gateway/redundancy',
        '    justification: VPN is a backup path',
        '    expires: 2027-03-31',
      ].join('\n'),
      '.drcheck.yml',
    );
    assert.equal(config.strategy, 'warm-spare');
    assert.equal(config.landingZones?.[0].paths[0], 'connectivity/**');
    assert.equal(config.suppressions?.[0].expires, '2027-03-31');
  });

  it('names line and column of an unknown strategy', () => {
    const e = errorOf('landingZones: []\nstrategy: pilot-light\n');
    assert.equal(e.line, 2);
    assert.equal(e.column, 11);
    assert.match(e.message, /strategy must be one of redeploy, warm-spare, hot-spare, active-active/);
  });

  it('requires a justification on every suppression, pointing at the suppression', () => {
    const e = errorOf('suppressions:\n  - rule: storage-account/redundancy\n');
    assert.equal(e.line, 2);
    assert.match(e.message, /justification/);
  });

  it('rejects unknown keys and invalid dates with their position', () => {
    assert.match(errorOf('strategy: redeploy\nstratgy: x\n').message, /unknown key 'stratgy'/);
    const e = errorOf('suppressions:\n  - rule: a/b\n    justification: j\n    expires: 2027-02-30x\n');
    assert.equal(e.line, 4);
  });

  it('reports broken YAML with line and column', () => {
    const e = errorOf('strategy: redeploy\nlandingZones:\n  - name: [unclosed\n');
    assert.ok(e.line >= 3);
    assert.match(e.message, /invalid YAML/);
  });

  it('reads the organisation reports name as the customer, and rejects a name that is not a string, empty, blank or too long', () => {
    assert.equal(parseConfig('organisation: Fabrikam\n', '.drcheck.yml').organisation, 'Fabrikam');
    assert.equal(parseConfig('strategy: redeploy\n', '.drcheck.yml').organisation, undefined);
    const notString = errorOf('strategy: redeploy\norganisation: [Fabrikam]\n');
    assert.match(notString.message, /organisation must be string/);
    assert.deepEqual([notString.line, notString.column], [2, 15]);
    assert.match(errorOf('organisation: 42\n').message, /organisation must be string/);
    assert.match(errorOf('organisation: ""\n').message, /organisation must NOT have fewer than 1 characters/);
    assert.match(errorOf('organisation: "   "\n').message, /organisation must be a name, not only spaces/);
    assert.match(errorOf(`organisation: ${'x'.repeat(101)}\n`).message, /organisation must NOT have more than 100 characters/);
    assert.equal(parseConfig(`organisation: ${'x'.repeat(100)}\n`, '.drcheck.yml').organisation?.length, 100);
  });
});
