/**
 * Array and object functions, against the docs' example outputs
 * (template-functions-array, template-functions-object).
 */
import { strict as assert } from 'node:assert';
import { ev, scope, throwsAt } from './helpers';

const docs = scope({
  vars: {
    firstObject: { one: 'a', two: 'b', three: 'c1' },
    secondObject: { three: 'c2', four: 'd', five: 'e' },
    deepFirst: { property: { one: 'a', two: 'b', three: 'c1' }, nestedArray: [1, 2] },
    deepSecond: { property: { three: 'c2', four: 'd', five: 'e' }, nestedArray: [3, 4] },
    firstArray: [['one', 'two'], ['three']],
    secondArray: [['three'], ['four', 'two']],
    entities: {
      item002: { enabled: false, displayName: 'Example item 2', number: 200 },
      item001: { enabled: true, displayName: 'Example item 1', number: 300 },
    },
  },
});

describe('ARM expressions: array and object functions (documented examples)', () => {
  it('array and createArray', () => {
    assert.deepEqual(ev('[array(1)]'), [1]);
    assert.deepEqual(ev("[array('efgh')]"), ['efgh']);
    assert.deepEqual(ev("[array(createObject('a', 'b', 'c', 'd'))]"), [{ a: 'b', c: 'd' }]);
    assert.deepEqual(ev("[array(createArray('x'))]"), ['x']);
    assert.deepEqual(ev("[createArray('a', 'b', 'c')]"), ['a', 'b', 'c']);
    assert.deepEqual(ev("[createArray(1, createObject('one', 'a'), createArray('x'))]"), [1, { one: 'a' }, ['x']]);
  });

  it('createObject, items, objectKeys', () => {
    assert.deepEqual(ev("[createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true(), 'arrayProp', createArray('a', 'b', 'c'), 'objectProp', createObject('key1', 'value1'))]"), {
      intProp: 1,
      stringProp: 'abc',
      boolProp: true,
      arrayProp: ['a', 'b', 'c'],
      objectProp: { key1: 'value1' },
    });
    throwsAt("[createObject('a')]", /createObject\(\): expects name\/value pairs/, 1);
    throwsAt("[createObject('a', 1, 'a', 2)]", /the property name 'a' twice/, 1);
    assert.deepEqual(ev("[items(variables('entities'))]", docs), [
      { key: 'item001', value: { enabled: true, displayName: 'Example item 1', number: 300 } },
      { key: 'item002', value: { enabled: false, displayName: 'Example item 2', number: 200 } },
    ]);
    assert.deepEqual(ev("[items(createObject('foo', 'abc', 'bar', 123))]"), [
      { key: 'bar', value: 123 },
      { key: 'foo', value: 'abc' },
    ]);
    assert.equal(ev("[items(variables('entities'))[1].value.displayName]", docs), 'Example item 2');
    assert.deepEqual(ev("[objectKeys(createObject('b', 1, 'a', 2))]"), ['b', 'a']);
  });

  it('union: arrays without duplicates, objects merged deeply (nested arrays replaced)', () => {
    assert.deepEqual(ev("[union(variables('firstObject'), variables('secondObject'))]", docs), { one: 'a', two: 'b', three: 'c2', four: 'd', five: 'e' });
    assert.deepEqual(ev("[union(createArray('one', 'two', 'three'), createArray('three', 'four'))]"), ['one', 'two', 'three', 'four']);
    assert.deepEqual(ev("[union(variables('deepFirst'), variables('deepSecond'))]", docs), {
      property: { one: 'a', two: 'b', three: 'c2', four: 'd', five: 'e' },
      nestedArray: [3, 4],
    });
    assert.deepEqual(ev("[union(variables('firstArray'), variables('secondArray'))]", docs), [['one', 'two'], ['three'], ['four', 'two']]);
    assert.deepEqual(ev("[union(createObject('Name', 'a'), createObject('name', 'b'))]"), { Name: 'b' });
    throwsAt("[union(createArray(1), createObject('a', 1))]", /union\(\): expects all arguments to be arrays or all to be objects/, 1);
  });

  it('intersection of arrays and of objects', () => {
    assert.deepEqual(ev("[intersection(createObject('one', 'a', 'two', 'b', 'three', 'c'), createObject('one', 'a', 'two', 'z', 'three', 'c'))]"), { one: 'a', three: 'c' });
    assert.deepEqual(ev("[intersection(createArray('one', 'two', 'three'), createArray('two', 'three'))]"), ['two', 'three']);
    assert.deepEqual(ev('[intersection(createArray(1, 2, 3), createArray(2, 3, 4))]'), [2, 3]);
  });

  it('min, max, range, flatten, indexFromEnd, tryIndexFromEnd', () => {
    assert.equal(ev('[min(createArray(0, 3, 2, 5, 4))]'), 0);
    assert.equal(ev('[min(0, 3, 2, 5, 4)]'), 0);
    assert.equal(ev('[max(createArray(0, 3, 2, 5, 4))]'), 5);
    assert.equal(ev('[max(0, 3, 2, 5, 4)]'), 5);
    assert.deepEqual(ev('[range(1, 5)]'), [1, 2, 3, 4, 5]);
    assert.deepEqual(ev('[range(0, 0)]'), []);
    throwsAt('[range(0, 10001)]', /range\(\): count must be between 0 and 10000/, 1);
    assert.deepEqual(ev("[flatten(createArray(createArray('one', 'two'), createArray('three'), createArray('four', 'five')))]"), ['one', 'two', 'three', 'four', 'five']);
    assert.equal(ev("[indexFromEnd(createArray('a', 'b', 'c'), 1)]"), 'c');
    assert.equal(ev("[indexFromEnd(createArray('a', 'b', 'c'), 3)]"), 'a');
    throwsAt("[indexFromEnd(createArray('a'), 2)]", /reverseIndex 2 is outside the array/, 1);
    assert.equal(ev("[tryIndexFromEnd(createArray('a'), 2)]"), null);
    assert.equal(ev('[first(createArray())]'), null);
  });

  it('tryGet returns null where a plain access would fail, then follows further keys', () => {
    const s = scope({ vars: { settings: { tier: { name: 'Premium' }, zones: ['1', '2'] } } });
    assert.equal(ev("[tryGet(variables('settings'), 'TIER', 'name')]", s), 'Premium');
    assert.equal(ev("[tryGet(variables('settings'), 'missing', 'name')]", s), null);
    assert.equal(ev("[tryGet(variables('settings'), 'zones', 1)]", s), '2');
    assert.equal(ev("[tryGet(createArray('element'), 0)]"), 'element');
    assert.equal(ev("[tryGet(createArray(), 0)]"), null);
    assert.equal(ev("[tryGet(null(), 'property')]"), null);
    assert.equal(ev("[tryGet('string', 'property')]"), null);
    throwsAt("[tryGet(variables('settings'), 'tier', 'unknownNestedKey')]", /the object has no property 'unknownNestedKey'/, 1, s);
    throwsAt("[variables('settings').missing]", /the object has no property 'missing'/, 23, s);
  });

  it('shallowMerge replaces top-level properties only', () => {
    assert.deepEqual(ev("[shallowMerge(createArray(createObject('one', 'a'), createObject('two', 'b'), createObject('two', 'c')))]"), { one: 'a', two: 'c' });
    assert.deepEqual(ev("[shallowMerge(createArray(createObject('one', 'a', 'nested', createObject('a', 1, 'nested', createObject('c', 3))), createObject('two', 'b', 'nested', createObject('b', 2))))]"), {
      one: 'a',
      nested: { b: 2 },
      two: 'b',
    });
  });

  it('keeps object keys named __proto__ as ordinary properties everywhere', () => {
    const polluted = () => ({}) as Record<string, unknown>;
    for (const text of [
      "[createObject('__proto__', createObject('polluted', true()))]",
      "[union(createObject('a', 1), createObject('__proto__', createObject('polluted', true())))]",
      "[shallowMerge(createArray(createObject('__proto__', createObject('polluted', true()))))]",
      "[toObject(createArray('__proto__'), lambda('k', lambdaVariables('k')), lambda('k', createObject('polluted', true())))]",
    ]) {
      const v = ev(text) as Record<string, unknown>;
      assert.ok(Object.prototype.hasOwnProperty.call(v, '__proto__'), text);
      assert.equal(Object.getPrototypeOf(v), Object.prototype, text);
      assert.equal(polluted().polluted, undefined, text);
    }
  });
});
