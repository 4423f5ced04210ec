/**
 * The library as Bicep uses it (callFunction with evaluated arguments) and the ExpressionsApi contract.
 */
import { strict as assert } from 'node:assert';
import { Unknown } from '../../../../shared/model/value';
import { callFunction, ExpressionError, expressions, FUNCTION_NAMES, hasFunction } from '../../../../tasks/DrCheckV1/src/readers/arm/expressions';
import { scope, SUB } from './helpers';

describe('ARM expressions: library API', () => {
  it('calls functions by case-insensitive name with evaluated arguments', () => {
    const s = scope();
    assert.equal(callFunction('toupper', ['abc'], s), 'ABC');
    assert.equal(callFunction('uniqueString', ['asd', 'asdf', 'asdf'], s), 'iizpqit7ih3cc');
    assert.equal(callFunction('resourceId', ['Microsoft.Network/publicIPAddresses', 'pip'], s), `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Network/publicIPAddresses/pip`);
    assert.equal(callFunction('if', [true, 'a', 'b'], s), 'a');
    assert.equal(callFunction('coalesce', [null, 'x'], s), 'x');
    assert.equal(callFunction('and', [false, new Unknown('unknown flag')], s), false);
  });

  it('applies the Unknown rules to arguments and names deployment-time calls', () => {
    const s = scope();
    const u = new Unknown('the name is a parameter without a value');
    assert.equal(callFunction('toLower', [u], s), u);
    assert.deepEqual(callFunction('createArray', ['a', u], s), ['a', u]);
    const ref = callFunction('reference', ['st'], s);
    assert.ok(ref instanceof Unknown);
    assert.equal(ref.reason, "reference('st') is only known at deployment time");
    assert.ok(callFunction('listKeys', ['st', '2023-01-01'], s) instanceof Unknown);
  });

  it('throws ExpressionError for unknown functions, wrong counts and bad arguments', () => {
    const s = scope();
    assert.throws(() => callFunction('nope', [], s), (e: unknown) => e instanceof ExpressionError && /unknown function 'nope'/.test(e.message));
    assert.throws(() => callFunction('substring', [], s), (e: unknown) => e instanceof ExpressionError && /substring\(\) expects 1 to 3 arguments, got 0/.test(e.message));
    assert.throws(() => callFunction('substring', ['abc', 5], s), (e: unknown) => e instanceof ExpressionError && /^the index and length parameters/.test(e.message));
    assert.equal(hasFunction('listSecrets'), true);
    assert.equal(hasFunction('loadJsonContent'), false);
  });

  it('implements the functions ARM documents', () => {
    const documented = [
      'array', 'concat', 'contains', 'createArray', 'empty', 'first', 'flatten', 'indexFromEnd', 'indexOf', 'intersection', 'last', 'lastIndexOf', 'length', 'max', 'min', 'range', 'skip', 'take', 'tryGet', 'tryIndexFromEnd', 'union',
      'cidrHost', 'cidrSubnet', 'parseCidr', 'coalesce', 'equals', 'greater', 'greaterOrEquals', 'less', 'lessOrEquals', 'dateTimeAdd', 'dateTimeFromEpoch', 'dateTimeToEpoch', 'utcNow',
      'deployer', 'deployment', 'environment', 'parameters', 'variables', 'filter', 'groupBy', 'lambda', 'lambdaVariables', 'map', 'mapValues', 'reduce', 'sort', 'toObject',
      'and', 'bool', 'false', 'if', 'not', 'or', 'true', 'add', 'copyIndex', 'div', 'float', 'int', 'mod', 'mul', 'sub',
      'createObject', 'items', 'json', 'null', 'objectKeys', 'shallowMerge', 'extensionResourceId', 'list*', 'managementGroupResourceId', 'pickZones', 'providers', 'reference', 'references', 'resourceId', 'subscriptionResourceId', 'tenantResourceId',
      'managementGroup', 'resourceGroup', 'subscription', 'tenant',
      'base64', 'base64ToJson', 'base64ToString', 'dataUri', 'dataUriToString', 'endsWith', 'format', 'guid', 'join', 'newGuid', 'padLeft', 'replace', 'split', 'startsWith', 'string', 'substring', 'toLower', 'toUpper', 'trim', 'uniqueString', 'uri', 'uriComponent', 'uriComponentToString',
    ];
    const missing = documented.filter((n) => !FUNCTION_NAMES.includes(n));
    assert.deepEqual(missing, []);
    assert.equal(expressions.functionNames, FUNCTION_NAMES);
  });

  it('exposes the contract: isExpression, parseExpression, evaluateTemplateValue', () => {
    assert.equal(expressions.isExpression("[variables('a')]"), true);
    assert.equal(expressions.parseExpression("variables('a')").kind, 'call');
    assert.deepEqual(expressions.evaluateTemplateValue({ n: "[add(1, 2)]" }, scope()), { n: 3 });
    assert.throws(() => expressions.parseExpression("concat('a'"), ExpressionError);
  });
});
