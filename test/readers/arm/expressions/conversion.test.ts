/**
 * Conversions and encodings (base64, data URIs, URIs, int/float/bool/json), against the docs'
 * example outputs and the values Bicep's own evaluator (Azure.Deployments.Expression) produced in its
 * test baseline src/Bicep.Core.Samples/Files/baselines_bicepparam/Expressions/parameters.json.
 */
import { strict as assert } from 'node:assert';
import { ev, throwsAt } from './helpers';

describe('ARM expressions: conversion and encoding functions', () => {
  it('base64, base64ToString and base64ToJson (docs example)', () => {
    assert.equal(ev("[base64('one, two, three')]"), 'b25lLCB0d28sIHRocmVl');
    assert.equal(ev("[base64ToString('b25lLCB0d28sIHRocmVl')]"), 'one, two, three');
    // The docs' JSON string uses single quotes, which ARM's JSON reader accepts.
    assert.deepEqual(ev("[base64ToJson(base64('{''one'': ''a'', ''two'': ''b''}'))]"), { one: 'a', two: 'b' });
    assert.equal(ev("[base64ToJson(base64('{\"hi\": \"there\"}')).hi]"), 'there');
    throwsAt("[base64ToString('not base64!')]", /base64ToString\(\): 'not base64!' is not valid base64/, 1);
  });

  it('dataUri and dataUriToString (docs example)', () => {
    assert.equal(ev("[dataUri('Hello')]"), 'data:text/plain;charset=utf8;base64,SGVsbG8=');
    assert.equal(ev("[dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')]"), 'Hello, World!');
    assert.equal(ev("[dataUriToString(dataUri('abc'))]"), 'abc');
    assert.equal(ev("[dataUriToString('data:text/plain,a%20b')]"), 'a b');
    throwsAt("[dataUriToString('hello')]", /is not a data URI/, 1);
  });

  it('uri combines a base and a relative URI per RFC 3986 (docs rules)', () => {
    assert.equal(ev("[uri('http://contoso.org/firstpath', 'myscript.sh')]"), 'http://contoso.org/myscript.sh');
    assert.equal(ev("[uri('http://contoso.org/firstpath/', 'myscript.sh')]"), 'http://contoso.org/firstpath/myscript.sh');
    assert.equal(ev("[uri('http://contoso.org/firstpath/azuredeploy.json', 'myscript.sh')]"), 'http://contoso.org/firstpath/myscript.sh');
    assert.equal(ev("[uri('http://contoso.org/firstpath/azuredeploy.json/', 'myscript.sh')]"), 'http://contoso.org/firstpath/azuredeploy.json/myscript.sh');
    assert.equal(ev("[uri('http://contoso.com/resources/azuredeploy.json', 'nested/azuredeploy.json')]"), 'http://contoso.com/resources/nested/azuredeploy.json');
    assert.equal(ev("[uri('https://github.com', 'Azure/bicep')]"), 'https://github.com/Azure/bicep');
    throwsAt("[uri('not a uri', 'x')]", /'not a uri' is not an absolute URI/, 1);
  });

  it('uriComponent escapes like Uri.EscapeDataString, uriComponentToString decodes like HttpUtility.UrlDecode', () => {
    assert.equal(ev("[uriComponent('http://contoso.com/resources/nested/azuredeploy.json')]"), 'http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json');
    assert.equal(ev("[uriComponentToString('http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json')]"), 'http://contoso.com/resources/nested/azuredeploy.json');
    assert.equal(ev("[uriComponent('UB*8h 0+=_)9h9n')]"), 'UB%2A8h%200%2B%3D_%299h9n');
    assert.equal(ev("[uriComponentToString('%20%25%20')]"), ' % ');
    assert.equal(ev("[uriComponentToString('a+b%zz%e2%82%ac')]"), 'a b%zz€');
  });

  it('int, float and bool (docs examples)', () => {
    assert.equal(ev("[int('4')]"), 4);
    assert.equal(ev("[int(' -12 ')]"), -12);
    throwsAt("[int('4.5')]", /int\(\): cannot convert '4\.5' to an integer/, 1);
    assert.equal(ev("[float('5.6')]"), 5.6);
    assert.equal(ev('[float(3)]'), 3);
    assert.equal(ev("[bool('true')]"), true);
    assert.equal(ev("[bool('False')]"), false);
    assert.equal(ev('[bool(1)]'), true);
    assert.equal(ev('[bool(0)]'), false);
    throwsAt("[bool('yes')]", /cannot convert 'yes' to a boolean/, 1);
  });

  it('json parses JSON text, leniently as ARM does, and null to an empty object (docs example)', () => {
    assert.equal(ev("[empty(json('null'))]"), true);
    assert.deepEqual(ev('[json(null())]'), {});
    assert.deepEqual(ev("[json('{\"a\": \"b\"}')]"), { a: 'b' });
    assert.equal(ev("[json('\"test\"')]"), 'test');
    assert.equal(ev("[json('true')]"), true);
    assert.equal(ev("[json('3')]"), 3);
    assert.deepEqual(ev("[json('[1,2,3]')]"), [1, 2, 3]);
    assert.deepEqual(ev("[json(concat('{\"a\": \"', 'demo value', '\"}'))]"), { a: 'demo value' });
    assert.deepEqual(ev("[json('{ unquoted: ''single'', /* comment */ list: [1, 2,], }')]"), { unquoted: 'single', list: [1, 2] });
    throwsAt("[json('{\"a\":')]", /json\(\): not valid JSON/, 1);
  });

  it('keeps a JSON key named __proto__ an ordinary property', () => {
    const v = ev("[json('{\"__proto__\": {\"polluted\": true}}')]") as Record<string, unknown>;
    assert.ok(Object.prototype.hasOwnProperty.call(v, '__proto__'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const lenient = ev("[json('{''__proto__'': {''polluted'': true}}')]") as Record<string, unknown>;
    assert.ok(Object.prototype.hasOwnProperty.call(lenient, '__proto__'));
    assert.equal(Object.getPrototypeOf(lenient), Object.prototype);
  });
});
