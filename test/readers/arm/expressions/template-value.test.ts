/**
 * evaluateTemplateValue: how readers evaluate a whole resource body (real template shapes).
 */
import { strict as assert } from 'node:assert';
import { DEFAULT_LIMITS } from '../../../../shared/config/limits';
import { Unknown } from '../../../../shared/model/value';
import { evTemplate, scope } from './helpers';

const storage = {
  type: 'Microsoft.Storage/storageAccounts',
  apiVersion: '2023-05-01',
  name: "[concat(parameters('prefix'), 'lake', uniqueString(resourceGroup().id))]",
  location: '[resourceGroup().location]',
  sku: { name: "[if(parameters('isProd'), 'Standard_RAGZRS', 'Standard_LRS')]" },
  kind: 'StorageV2',
  tags: { note: '[[not an expression]', owner: 'data-team' },
  properties: {
    minimumTlsVersion: 'TLS1_2',
    networkAcls: { ipRules: "[map(parameters('allowed'), lambda('ip', createObject('value', lambdaVariables('ip'), 'action', 'Allow')))]" },
  },
};

describe('ARM expressions: evaluating template values', () => {
  it('evaluates every expression string in a resource, unescapes [[ and leaves the rest as written', () => {
    const s = scope({ params: { prefix: 'cto', isProd: true, allowed: ['1.2.3.4'] } });
    const { value, errors } = evTemplate(storage, s);
    assert.deepEqual(errors, []);
    const v = value as typeof storage & { properties: { networkAcls: { ipRules: unknown } } };
    assert.match(v.name, /^ctolake[a-z2-7]{13}$/);
    assert.equal(v.location, 'westeurope');
    assert.equal(v.sku.name, 'Standard_RAGZRS');
    assert.deepEqual(v.tags, { note: '[not an expression]', owner: 'data-team' });
    assert.deepEqual(v.properties.networkAcls.ipRules, [{ value: '1.2.3.4', action: 'Allow' }]);
    assert.equal(v.properties.minimumTlsVersion, 'TLS1_2');
  });

  it('returns parts without expressions as they are (copy on write)', () => {
    const { value } = evTemplate(storage, scope({ params: { prefix: 'cto', isProd: false, allowed: [] } }));
    const v = value as typeof storage;
    assert.notEqual(v, storage);
    assert.equal((v as unknown as { kind: string }).kind, 'StorageV2');
    assert.equal(v.properties === storage.properties, false);
    const plain = { sku: { name: 'Standard_GRS' }, zones: ['1', '2'] };
    assert.equal(evTemplate(plain).value, plain);
  });

  it('reports invalid expressions with their offset and text, makes them Unknown, and carries on', () => {
    const { value, errors } = evTemplate({ a: "[concat('x']", b: "[toLower('OK')]", c: ['[nosuch()]'], d: "[concat('not an expression'" });
    const v = value as { a: Unknown; b: string; c: Unknown[]; d: string };
    assert.ok(v.a instanceof Unknown);
    assert.match(v.a.reason, /^invalid expression: missing '\)' to close concat\(/);
    assert.equal(v.a.expression, "[concat('x']");
    assert.equal(v.d, "[concat('not an expression'");
    assert.equal(v.b, 'ok');
    assert.ok(v.c[0] instanceof Unknown);
    assert.deepEqual(errors, ["missing ')' to close concat( @11 in [concat('x']", "unknown function 'nosuch' @1 in [nosuch()]"]);
  });

  it('does not evaluate property names, and keeps a __proto__ key an ordinary property', () => {
    const raw = JSON.parse('{"[variables(\'x\')]": "[toUpper(\'a\')]", "__proto__": {"polluted": "[toUpper(\'yes\')]"}}') as object;
    const { value } = evTemplate(raw);
    const v = value as Record<string, unknown>;
    assert.equal(v["[variables('x')]"], 'A');
    assert.deepEqual(Object.getOwnPropertyDescriptor(v, '__proto__')?.value, { polluted: 'YES' });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('stops at the nesting limit instead of overflowing the stack', () => {
    let deep: unknown = '[toUpper(\'x\')]';
    for (let i = 0; i < 5000; i++) deep = { d: deep };
    const { value, errors } = evTemplate(deep, { ...scope(), limits: DEFAULT_LIMITS });
    assert.ok(value !== null && typeof value === 'object');
    assert.match(errors[0], /value nested deeper than 256 levels/);
  });

  it('refuses values that grow past the size limit (a variable doubling itself)', () => {
    const vars: Record<string, unknown> = { v0: 'x'.repeat(1024) };
    const s = scope();
    const values: Record<string, unknown> = {};
    s.variable = (n) => values[n] as never;
    for (let i = 1; i <= 14; i++) {
      vars[`v${i}`] = `[concat(variables('v${i - 1}'), variables('v${i - 1}'))]`;
    }
    values.v0 = vars.v0;
    let last: unknown;
    const errors: string[] = [];
    for (let i = 1; i <= 14; i++) {
      const r = evTemplate(vars[`v${i}`], s);
      values[`v${i}`] = r.value;
      errors.push(...r.errors);
      last = r.value;
    }
    assert.ok(last instanceof Unknown);
    assert.match(errors[0], /concat\(\): the result would be \d+ characters long, over the limit of 4194304/);
  });
});
