/**
 * String functions, asserted against the outputs the Microsoft docs list for their examples
 * (learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string).
 */
import { strict as assert } from 'node:assert';
import { Unknown } from '../../../../shared/model/value';
import { ev, scope, throwsAt } from './helpers';

const docs = scope({
  params: {
    stringToTest: 'OneTwoThree',
    objectToTest: { one: 'a', two: 'b', three: 'c' },
    arrayToTest: ['one', 'two', 'three'],
    testString: '123-123-1234',
    testArray: ['one', 'two', 'three'],
    testObject: { propA: 'one', propB: 'two', propC: 'three', propD: { 'propD-1': 'sub', 'propD-2': 'sub' } },
  },
});

describe('ARM expressions: string functions (documented examples)', () => {
  it('concat joins strings, or arrays', () => {
    assert.equal(ev("[concat('prefix', '-', 'suffix')]"), 'prefix-suffix');
    assert.deepEqual(ev("[concat(createArray('1-1', '1-2', '1-3'), createArray('2-1', '2-2', '2-3'))]"), ['1-1', '1-2', '1-3', '2-1', '2-2', '2-3']);
    assert.equal(ev("[concat('count-', 3, '-', true())]"), 'count-3-True');
    throwsAt("[concat('a', createArray('b'))]", /concat\(\): cannot mix arrays or objects with strings/, 1);
  });

  it('contains is case-sensitive for strings, case-insensitive for object keys', () => {
    assert.equal(ev("[contains(parameters('stringToTest'), 'e')]", docs), true);
    assert.equal(ev("[contains(parameters('stringToTest'), 'z')]", docs), false);
    assert.equal(ev("[contains(parameters('stringToTest'), 'one')]", docs), false);
    assert.equal(ev("[contains(parameters('objectToTest'), 'one')]", docs), true);
    assert.equal(ev("[contains(parameters('objectToTest'), 'ONE')]", docs), true);
    assert.equal(ev("[contains(parameters('objectToTest'), 'a')]", docs), false);
    assert.equal(ev("[contains(parameters('arrayToTest'), 'three')]", docs), true);
    assert.equal(ev("[contains(parameters('arrayToTest'), 'four')]", docs), false);
  });

  it('startsWith, endsWith, indexOf and lastIndexOf ignore case', () => {
    assert.equal(ev("[startsWith('abcdef', 'ab')]"), true);
    assert.equal(ev("[startsWith('abcdef', 'A')]"), true);
    assert.equal(ev("[startsWith('abcdef', 'e')]"), false);
    assert.equal(ev("[endsWith('abcdef', 'ef')]"), true);
    assert.equal(ev("[endsWith('abcdef', 'F')]"), true);
    assert.equal(ev("[endsWith('abcdef', 'e')]"), false);
    assert.equal(ev("[indexOf('test', 't')]"), 0);
    assert.equal(ev("[lastIndexOf('test', 't')]"), 3);
    assert.equal(ev("[indexOf('abcdef', 'CD')]"), 2);
    assert.equal(ev("[lastIndexOf('abcdef', 'AB')]"), 0);
    assert.equal(ev("[indexOf('abcdef', 'z')]"), -1);
    assert.equal(ev("[indexOf(createArray('a', 'b', 'c', 'b'), 'b')]"), 1);
    assert.equal(ev("[lastIndexOf(createArray('a', 'b', 'c', 'b'), 'b')]"), 3);
    assert.equal(ev("[indexOf(createArray(1, 2), 3)]"), -1);
  });

  it('first, last, length, empty, take and skip on strings and arrays', () => {
    assert.equal(ev("[first(parameters('arrayToTest'))]", docs), 'one');
    assert.equal(ev("[first('One Two Three')]"), 'O');
    assert.equal(ev("[last(parameters('arrayToTest'))]", docs), 'three');
    assert.equal(ev("[last('One Two Three')]"), 'e');
    assert.equal(ev("[length(parameters('arrayToTest'))]", docs), 3);
    assert.equal(ev("[length('One Two Three')]"), 13);
    assert.equal(ev("[length(parameters('testObject'))]", docs), 4);
    assert.equal(ev('[empty(createArray())]'), true);
    assert.equal(ev('[empty(createObject())]'), true);
    assert.equal(ev("[empty('')]"), true);
    assert.deepEqual(ev("[take(parameters('testArray'), 2)]", docs), ['one', 'two']);
    assert.equal(ev("[take('one two three', 2)]"), 'on');
    assert.deepEqual(ev("[skip(parameters('testArray'), 2)]", docs), ['three']);
    assert.equal(ev("[skip('one two three', 4)]"), 'two three');
    assert.deepEqual(ev("[take(parameters('testArray'), -1)]", docs), []);
    assert.deepEqual(ev("[skip(parameters('testArray'), 0)]", docs), ['one', 'two', 'three']);
    assert.equal(ev("[skip('abc', 10)]"), '');
  });

  it('format follows .NET composite formatting', () => {
    assert.equal(ev("[format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133)]"), 'Hello, User. Formatted number: 8,175,133');
    assert.equal(ev("[format('->{0}<-', 123)]"), '->123<-');
    assert.equal(ev("[format('{0:D4}-{1:X}-{2:x2}-{3:F1}-{4:P0}', 7, 255, 10, 2.25, 0.5)]"), '0007-FF-0a-2.3-50 %');
    assert.equal(ev("[format('{0:N2}|{0:C}|{0:E2}|{1:000}|{2:#,##0.0#}', 1234.5, 9, 1234567.891)]"), '1,234.50|¤1,234.50|1.23E+003|009|1,234,567.89');
    assert.equal(ev("[format('[{0,5}][{0,-5}]', 'ab')]"), '[   ab][ab   ]');
    assert.equal(ev("[format('{{literal}} {0}', true())]"), '{literal} True');
    assert.equal(ev("[format('{0} {1}', createArray('a', 1), createObject('k', 'v'))]"), "['a',1] {'k':'v'}");
    throwsAt("[format('{1}', 'only one')]", /format\(\): the format string refers to \{1\} but only 1 value was given/, 1);
    throwsAt("[format('{0', 'x')]", /unclosed '\{'/, 1);
    const unsupported = ev("[format('{0:Q}', 1)]");
    assert.ok(unsupported instanceof Unknown && /number format 'Q'/.test(unsupported.reason));
  });

  it('padLeft, replace, split, join, substring, toLower, toUpper, trim', () => {
    assert.equal(ev("[padLeft('123', 10, '0')]"), '0000000123');
    assert.equal(ev('[padLeft(13, 5)]'), '   13');
    assert.equal(ev("[padLeft('toolong', 3, '0')]"), 'toolong');
    assert.equal(ev("[replace(parameters('testString'), '-', '')]", docs), '1231231234');
    assert.equal(ev("[replace(parameters('testString'), '1234', 'xxxx')]", docs), '123-123-xxxx');
    assert.equal(ev("[replace('Abc abc', 'abc', 'x')]"), 'Abc x');
    assert.deepEqual(ev("[split('one,two,three', ',')]"), ['one', 'two', 'three']);
    assert.deepEqual(ev("[split('one;two,three', createArray(',', ';'))]"), ['one', 'two', 'three']);
    assert.deepEqual(ev("[split('/subscriptions/s/resourceGroups/rg', '/')]"), ['', 'subscriptions', 's', 'resourceGroups', 'rg']);
    assert.equal(ev("[join(createArray('abc', 'def', 'ghi'), '/')]"), 'abc/def/ghi');
    assert.equal(ev("[substring('one two three', 4, 3)]"), 'two');
    assert.equal(ev("[substring('asdfasf', 3)]"), 'fasf');
    throwsAt("[substring('1234567890', 0, 11)]", /substring\(\): the index and length parameters must refer to a location within the string/, 1);
    assert.equal(ev("[toLower('One Two Three')]"), 'one two three');
    assert.equal(ev("[toUpper('One Two Three')]"), 'ONE TWO THREE');
    assert.equal(ev("[trim('    one two three   ')]"), 'one two three');
  });

  it('string() converts values the way ARM prints them', () => {
    assert.equal(ev("[string(createObject('valueA', 10, 'valueB', 'Example Text'))]"), '{"valueA":10,"valueB":"Example Text"}');
    assert.equal(ev("[string(createArray('a', 'b', 'c'))]"), '["a","b","c"]');
    assert.equal(ev('[string(5)]'), '5');
    assert.equal(ev('[string(true())]'), 'True');
    assert.equal(ev('[string(null())]'), '');
  });

  it('rejects wrong argument types and counts with the function named', () => {
    throwsAt('[toLower(1)]', /toLower\(\): expects its argument to be a string, got an integer/, 1);
    throwsAt("[toLower('a', 'b')]", /toLower\(\) expects 1 argument, got 2/, 1);
    throwsAt("[padLeft('1', 3, 'ab')]", /single character/, 1);
    throwsAt("[replace('abc', '', 'x')]", /oldString cannot be empty/, 1);
  });
});
