/**
 * Comparison, logical and numeric functions (docs examples), and the lazy evaluation of if, and, or
 * and coalesce.
 */
import { strict as assert } from 'node:assert';
import { Unknown } from '../../../../shared/model/value';
import { ev, evUnknown, scope, throwsAt } from './helpers';

describe('ARM expressions: comparison, logical and numeric functions', () => {
  it('equals compares ints, strings, arrays and objects by value', () => {
    assert.equal(ev('[equals(1, 1)]'), true);
    assert.equal(ev("[equals('a', 'a')]"), true);
    assert.equal(ev("[equals('a', 'A')]"), false);
    assert.equal(ev("[equals(createArray('a', 'b'), createArray('a', 'b'))]"), true);
    assert.equal(ev("[equals(createObject('a', 'b'), createObject('a', 'b'))]"), true);
    assert.equal(ev("[equals(createObject('a', 'b'), createObject('a', 'c'))]"), false);
    assert.equal(ev('[not(equals(1, 2))]'), true);
  });

  it('orders integers numerically and strings by the invariant culture (docs: greater(A, a) is true)', () => {
    assert.equal(ev('[greater(1, 2)]'), false);
    assert.equal(ev("[greater('A', 'a')]"), true);
    assert.equal(ev('[greaterOrEquals(1, 2)]'), false);
    assert.equal(ev("[greaterOrEquals('A', 'a')]"), true);
    assert.equal(ev('[less(1, 2)]'), true);
    assert.equal(ev("[less('A', 'a')]"), false);
    assert.equal(ev('[lessOrEquals(1, 2)]'), true);
    assert.equal(ev("[lessOrEquals('A', 'a')]"), false);
    assert.equal(ev("[less('a', 'B')]"), true);
    throwsAt("[less(1, 'a')]", /less\(\): cannot compare an integer with a string/, 1);
  });

  it('and, or, not, bool, true, false (docs example)', () => {
    assert.equal(ev("[and(bool('true'), bool('false'))]"), false);
    assert.equal(ev("[or(bool('true'), bool('false'))]"), true);
    assert.equal(ev("[not(bool('true'))]"), false);
    assert.equal(ev('[and(true(), true(), true())]'), true);
    throwsAt("[and(true(), 'yes')]", /and\(\) expects booleans, the second argument is a string/, 1);
  });

  it('coalesce returns the first non-null value (docs example)', () => {
    const s = scope({ params: { objectToTest: { null1: null, null2: null, string: 'default', int: 1, object: { first: 'default' }, array: [1] } } });
    assert.equal(ev("[coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, parameters('objectToTest').string)]", s), 'default');
    assert.equal(ev("[coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, parameters('objectToTest').int)]", s), 1);
    assert.deepEqual(ev("[coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, parameters('objectToTest').object)]", s), { first: 'default' });
    assert.deepEqual(ev("[coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, parameters('objectToTest').array)]", s), [1]);
    assert.equal(ev("[empty(coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2))]", s), true);
    assert.equal(ev("[coalesce('', 'x')]"), '');
  });

  it('if evaluates only the branch taken; and/or stop at the deciding argument (errors and Unknowns elsewhere do not matter)', () => {
    assert.equal(ev("[if(equals('a', 'a'), 'yes', 'no')]"), 'yes');
    assert.equal(ev("[if(true(), 'Standard_GRS', reference('x').sku)]"), 'Standard_GRS');
    assert.equal(ev("[if(false(), createArray()[5], 'safe')]"), 'safe');
    const s = scope({ params: { containers: [] } });
    // The pattern ARM accepts: the later arguments would fail, but and() never reaches them.
    assert.equal(ev("[and(not(empty(parameters('containers'))), parameters('containers')[0].enableWORM)]", s), false);
    assert.equal(ev("[and(false(), reference('x').enabled)]"), false);
    assert.equal(ev("[or(true(), reference('x').enabled)]"), true);
    assert.equal(ev("[or(reference('x').enabled, true())]"), true);
    assert.equal(ev("[coalesce('first', reference('x').name)]"), 'first');
  });

  it('keeps the result Unknown when the Unknown can decide it', () => {
    assert.ok(ev("[and(true(), reference('x').enabled)]") instanceof Unknown);
    assert.ok(ev("[or(false(), reference('x').enabled)]") instanceof Unknown);
    assert.ok(ev("[coalesce(reference('x').name, 'fallback')]") instanceof Unknown);
    assert.ok(ev("[not(reference('x').enabled)]") instanceof Unknown);
    const u = evUnknown("[if(reference('x').enabled, 'Standard_GRS', 'Standard_LRS')]");
    assert.match(u.reason, /reference\('x'\) is only known at deployment time/);
    // Both branches agree: the answer does not depend on the unknown condition.
    assert.equal(ev("[if(reference('x').enabled, 'Standard_ZRS', 'Standard_ZRS')]"), 'Standard_ZRS');
  });

  it('add, sub, mul, div, mod on integers (docs examples), truncating like .NET', () => {
    assert.equal(ev('[add(5, 3)]'), 8);
    assert.equal(ev('[sub(7, 3)]'), 4);
    assert.equal(ev('[mul(5, 3)]'), 15);
    assert.equal(ev('[div(8, 3)]'), 2);
    assert.equal(ev('[mod(7, 3)]'), 1);
    assert.equal(ev('[div(-7, 2)]'), -3);
    assert.equal(ev('[mod(-7, 2)]'), -1);
    assert.equal(ev('[add(-1, 5)]'), 4);
    throwsAt('[div(1, 0)]', /div\(\): cannot divide by zero/, 1);
    throwsAt("[add(1, '2')]", /add\(\): expects the second operand to be an integer, got a string/, 1);
  });
});
