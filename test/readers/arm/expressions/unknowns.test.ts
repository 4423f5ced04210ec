/**
 * Unknown values: what cannot be decided statically stays Unknown, with a reason naming the
 * sub-expression responsible and the whole expression as written — never a guess.
 */
import { strict as assert } from 'node:assert';
import { Unknown } from '../../../../shared/model/value';
import { evaluate, expressions, parseExpression } from '../../../../tasks/DrCheckV1/src/readers/arm/expressions';
import { ev, evUnknown, scope } from './helpers';

const noValue = new Unknown("parameter 'location' has no default and no value in a parameters file", "[parameters('location')]");
const fromReference = new Unknown("reference('st') is only known at deployment time", "[reference('st').primaryEndpoints.blob]");

describe('ARM expressions: Unknown propagation', () => {
  it('records the whole expression and names the sub-expression that is unknown', () => {
    const u = evUnknown("[concat('https://', reference(resourceId('Microsoft.Storage/storageAccounts', 'st')).primaryEndpoints.blob, '/data')]");
    assert.equal(u.reason, "reference(resourceId('Microsoft.Storage/storageAccounts', 'st')) is only known at deployment time");
    assert.equal(u.expression, "[concat('https://', reference(resourceId('Microsoft.Storage/storageAccounts', 'st')).primaryEndpoints.blob, '/data')]");
  });

  it('says which parameter or variable brought an Unknown in', () => {
    const s = scope({ params: { location: noValue }, vars: { blob: fromReference } });
    const p = evUnknown("[toLower(concat(parameters('location'), '-lake'))]", s);
    assert.equal(p.reason, "parameters('location'): parameter 'location' has no default and no value in a parameters file");
    assert.equal(p.expression, "[toLower(concat(parameters('location'), '-lake'))]");
    const v = evUnknown("[concat(variables('blob'), 'container')]", s);
    assert.equal(v.reason, "variables('blob'): reference('st') is only known at deployment time");
    // The expression is just the parameter: no prefix needed.
    const whole = evUnknown("[parameters('location')]", s);
    assert.equal(whole.reason, "parameter 'location' has no default and no value in a parameters file");
    assert.equal(whole.expression, "[parameters('location')]");
  });

  it('follows member access into Unknown values and through nested calls', () => {
    const s = scope({ params: { settings: { sku: new Unknown("parameter 'sku' has no value", "[parameters('sku')]"), tier: 'Standard' } } });
    assert.equal(ev("[parameters('settings').tier]", s), 'Standard');
    const u = evUnknown("[toUpper(parameters('settings').sku)]", s);
    assert.equal(u.reason, "parameters('settings').sku: parameter 'sku' has no value");
    assert.ok(ev("[length(string(parameters('settings')))]", s) instanceof Unknown);
    assert.ok(ev('[resourceGroup().tags.owner]') instanceof Unknown);
  });

  it('keeps known parts of arrays and objects known', () => {
    const built = ev("[createObject('name', 'st', 'endpoint', reference('st').primaryEndpoints.blob)]") as Record<string, unknown>;
    assert.equal(built.name, 'st');
    assert.ok(built.endpoint instanceof Unknown);
    const list = ev("[createArray('1', pickZones('Microsoft.Compute', 'virtualMachines', 'westeurope'))]") as unknown[];
    assert.equal(list.length, 2);
    assert.equal(ev("[length(createArray('1', reference('x').zone))]"), 2);
    assert.equal(ev("[first(createArray('1', reference('x').zone))]"), '1');
    assert.deepEqual(ev("[concat(createArray('a'), createArray(reference('x').b))]") instanceof Array, true);
    assert.equal(ev("[contains(createArray('a', reference('x').b), 'a')]"), true);
    assert.ok(ev("[contains(createArray('a', reference('x').b), 'z')]") instanceof Unknown);
    assert.ok(ev("[equals(createArray('a', reference('x').b), createArray('a', 'b'))]") instanceof Unknown);
    assert.ok(ev("[union(createArray('a'), createArray(reference('x').b))]") instanceof Unknown);
    const merged = ev("[union(createObject('a', 1, 'b', reference('x').b), createObject('c', 2))]") as Record<string, unknown>;
    assert.equal(merged.a, 1);
    assert.ok(merged.b instanceof Unknown);
    assert.equal(merged.c, 2);
    const overwritten = ev("[union(createObject('sku', reference('x').sku), createObject('sku', 'Standard_GRS'))]") as Record<string, unknown>;
    assert.equal(overwritten.sku, 'Standard_GRS');
    const mergedInto = ev("[union(createObject('p', reference('x').p), createObject('p', createObject('a', 1)))]") as Record<string, unknown>;
    assert.ok(mergedInto.p instanceof Unknown);
  });

  it('evaluates parsed trees directly, quoting the original text when given', () => {
    const text = "concat('a', reference('st').id)";
    const node = parseExpression(text);
    const withText = evaluate(node, scope(), text) as Unknown;
    assert.equal(withText.expression, `[${text}]`);
    assert.equal(withText.reason, "reference('st') is only known at deployment time");
    const printed = expressions.evaluate(node, scope()) as Unknown;
    assert.equal(printed.expression, `[${text}]`);
    assert.equal(expressions.evaluate(parseExpression("toUpper('x')"), scope()), 'X');
  });
});

describe('ARM expressions: a function of an Unknown that is one of a few values', () => {
  const geo = new Unknown("parameter 'geo' has no value", "[parameters('geo')]", [true, false]);

  it('holds each value it gives to the size limits a known result is held to', () => {
    const range = 'range(0, 10000)';
    const s = scope({ params: { geo } });
    // The known call is over the limit; so is one of the values the unknown one can give: not kept.
    assert.throws(() => ev(`[concat(range(0, 1), ${Array(14).fill(range).join(', ')})]`, s), /over the size limit/);
    // Under the limit, each value is kept (the control: without it, no alternatives at all would pass too).
    const under = evUnknown(`[concat(if(parameters('geo'), ${range}, createArray()), ${Array(12).fill(range).join(', ')})]`, s);
    assert.deepEqual(under.oneOf!.map((a) => (a as unknown[]).length), [130000, 120000]);
    const u = evUnknown(`[concat(if(parameters('geo'), ${range}, createArray()), ${Array(13).fill(range).join(', ')})]`, s);
    assert.equal(u.oneOf, undefined);
  });
});
