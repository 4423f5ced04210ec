import { strict as assert } from 'node:assert';
import * as fc from 'fast-check';
import { Unknown } from '../../../../shared/model/value';
import { ExpressionError, parseExpression } from '../../../../tasks/DrCheckV1/src/readers/arm/expressions';
import { ev, scope } from './helpers';

describe('ARM expressions: functions (documented examples)', () => {
  it('strings', () => {
    assert.equal(ev("[concat('prefix', '-', 'suffix')]"), 'prefix-suffix');
    assert.equal(ev("[format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133)]"), 'Hello, User. Formatted number: 8,175,133');
    assert.equal(ev("[toLower('One Two Three')]"), 'one two three');
    assert.equal(ev("[toUpper('One Two Three')]"), 'ONE TWO THREE');
    assert.equal(ev("[substring('one two three', 4, 3)]"), 'two');
    assert.equal(ev("[replace('123-123-1234', '-', '')]"), '1231231234');
    assert.deepEqual(ev("[split('one,two,three', ',')]"), ['one', 'two', 'three']);
    assert.equal(ev("[padLeft('123', 10, '0')]"), '0000000123');
    assert.equal(ev("[indexOf('abcdef', 'CD')]"), 2);
    assert.equal(ev("[startsWith('abcdef', 'ab')]"), true);
    assert.equal(ev("[string(true())]"), 'True');
    assert.equal(ev("[base64('one, two, three')]"), 'b25lLCB0d28sIHRocmVl');
    assert.equal(ev("[take('one two three', 3)]"), 'one');
    assert.equal(ev("[skip('one two three', 4)]"), 'two three');
    assert.equal(ev("['it''s']"), "it's");
    assert.equal(ev('[[literal]'), '[literal]');
  });

  it('uniqueString and guid match Azure', () => {
    assert.equal(ev("[uniqueString('test')]"), 'rbgf3xv4ufgzg');
    assert.equal(ev("[uniqueString('hello', 'world')]"), 'a7wkljktk6wne');
    assert.equal(ev("[uniqueString('foo', 'bar', 'baz')]"), 'xzi4ioaxtmth4');
    assert.equal(ev("[uniqueString(resourceGroup().id)]"), ev("[uniqueString('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data')]"));
    assert.match(ev("[guid('a', 'b')]") as string, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(ev("[guid('a', 'b')]"), ev("[guid('a', 'b')]"));
  });

  it('arrays, objects and numbers', () => {
    assert.deepEqual(ev("[union(createArray('one', 'two', 'three'), createArray('three', 'four'))]"), ['one', 'two', 'three', 'four']);
    assert.deepEqual(ev("[union(json('{\"a\":{\"b\":1}}'), json('{\"a\":{\"c\":2}}'))]"), { a: { b: 1, c: 2 } });
    assert.deepEqual(ev("[intersection(createArray('one', 'two', 'three'), createArray('two', 'three'))]"), ['two', 'three']);
    assert.equal(ev("[length(createObject('a', 1, 'b', 2))]"), 2);
    assert.equal(ev("[contains(createArray('one', 'two'), 'two')]"), true);
    assert.equal(ev("[empty('')]"), true);
    assert.equal(ev("[first(createArray('one', 'two'))]"), 'one');
    assert.equal(ev("[last('one')]"), 'e');
    assert.deepEqual(ev('[range(5, 3)]'), [5, 6, 7]);
    assert.equal(ev('[div(8, 3)]'), 2);
    assert.equal(ev('[mod(7, 3)]'), 1);
    assert.equal(ev('[add(-1, 5)]'), 4);
    assert.equal(ev('[max(createArray(0, 3, 2))]'), 3);
    assert.equal(ev("[createObject('a', 1).a]"), 1);
    assert.equal(ev("[json('{\"a\":[10,20]}').a[1]]"), 20);
    assert.deepEqual(ev("[items(createObject('b', 2, 'a', 1))]"), [{ key: 'a', value: 1 }, { key: 'b', value: 2 }]);
  });

  it('logic, comparison and lambdas', () => {
    assert.equal(ev("[if(equals(1, 1), 'yes', 'no')]"), 'yes');
    assert.equal(ev("[and(true(), not(false()))]"), true);
    assert.equal(ev("[or(false(), greater(2, 1))]"), true);
    assert.equal(ev("[coalesce(null(), null(), 'x')]"), 'x');
    assert.equal(ev("[lessOrEquals('a', 'b')]"), true);
    assert.deepEqual(ev("[filter(createArray(1, 2, 3, 4), lambda('n', greater(lambdaVariables('n'), 2)))]"), [3, 4]);
    assert.deepEqual(ev("[map(createArray('a', 'b'), lambda('s', toUpper(lambdaVariables('s'))))]"), ['A', 'B']);
    assert.equal(ev("[reduce(createArray(1, 2, 3), 0, lambda('acc', 'n', add(lambdaVariables('acc'), lambdaVariables('n'))))]"), 6);
  });

  it('parameters, variables and resource ids', () => {
    const s = scope({ name: 'stlake', sku: 'Standard_LRS' }, { prefix: 'cto' });
    assert.equal(ev("[concat(variables('prefix'), parameters('name'))]", s), 'ctostlake');
    assert.equal(ev("[resourceId('Microsoft.Network/publicIPAddresses', 'pip-vpn')]"), '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Network/publicIPAddresses/pip-vpn');
    assert.equal(ev("[resourceId('rg-hub', 'Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'GatewaySubnet')]"), '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/GatewaySubnet');
    assert.equal(ev("[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg')]"), '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Resources/resourceGroups/rg');
    const unknownRg = scope({}, {}, { context: { ...scope().context, resourceGroup: new Unknown('resourceGroup() is only known at deployment time') } });
    assert.equal(ev("[resourceId('Microsoft.Network/publicIPAddresses', 'pip-vpn')]", unknownRg), '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/(unknown)/providers/Microsoft.Network/publicIPAddresses/pip-vpn');
  });
});

describe('ARM expressions: unknowns and errors', () => {
  it('makes deployment-time values Unknown with the whole expression, and keeps them out of untaken branches', () => {
    const u = ev("[reference(resourceId('Microsoft.Storage/storageAccounts', 'st')).primaryEndpoints.blob]");
    assert.ok(u instanceof Unknown);
    assert.match(u.reason, /reference\(\) is only known at deployment time/);
    assert.equal(u.expression, "[reference(resourceId('Microsoft.Storage/storageAccounts', 'st')).primaryEndpoints.blob]");
    assert.ok(ev("[listKeys('st', '2023-01-01').keys[0].value]") instanceof Unknown);
    assert.equal(ev("[if(true(), 'Standard_GRS', reference('x').sku)]"), 'Standard_GRS');
    assert.equal(ev("[and(false(), reference('x').enabled)]"), false);
    assert.ok(ev("[concat('a', reference('x').name)]") instanceof Unknown);
    assert.ok(Array.isArray(ev("[createArray('a', utcNow())]")));
  });

  it('reports syntax errors with offsets into the expression', () => {
    const cases: Array<[string, RegExp, number]> = [
      ["[concat('a']", /missing '\)'/, 11],
      ["[concat('a)]", /unterminated string/, 8],
      ["[nosuchfn('a')]", /unknown function 'nosuchfn'/, 1],
      ["[concat('a' 'b')]", /expected ',' or '\)'/, 12],
      ["[parameters('missing')]", /not declared/, 1],
    ];
    for (const [text, message, offset] of cases) {
      assert.throws(() => ev(text), (e: unknown) => e instanceof ExpressionError && message.test(e.message) && e.offset === offset, text);
    }
  });

  it('refuses expressions nested deeper than the limit without overflowing the stack', () => {
    const deep = `[${'concat('.repeat(500)}'x'${')'.repeat(500)}]`;
    assert.throws(() => ev(deep), (e: unknown) => e instanceof ExpressionError && /nested deeper than 64/.test(e.message));
  });

  it('never throws anything but ExpressionError on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        try {
          parseExpression(text);
        } catch (e) {
          if (!(e instanceof ExpressionError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z(),' 0-9.\[\]]{0,40}$/), (body) => {
        try {
          ev(`[${body}]`);
        } catch (e) {
          if (!(e instanceof ExpressionError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
