import { strict as assert } from 'node:assert';
import * as fc from 'fast-check';
import type { ExprNode } from '../../../../tasks/DrCheckV1/src/readers/arm/expressions/api';
import { ExpressionError, formatExpression, isExpression, parseExpression, unescapeLiteral } from '../../../../tasks/DrCheckV1/src/readers/arm/expressions';
import { DEFAULT_LIMITS } from '../../../../shared/config/limits';
import { ev, scope, throwsAt } from './helpers';

/** The tree without offsets, for shape comparisons. */
function shape(n: ExprNode): unknown {
  switch (n.kind) {
    case 'string':
    case 'number':
      return n.value;
    case 'call':
      return { call: `${n.namespace ? `${n.namespace}.` : ''}${n.name}`, args: n.args.map(shape) };
    case 'member':
      return { of: shape(n.object), get: shape(n.property) };
  }
}

describe('ARM expressions: parser', () => {
  it('parses calls, nested calls, strings with escapes, numbers and whitespace', () => {
    assert.deepEqual(shape(parseExpression("concat( 'it''s' ,\tparameters('name'), -12, 3)")), {
      call: 'concat',
      args: ["it's", { call: 'parameters', args: ['name'] }, -12, 3],
    });
    assert.deepEqual(shape(parseExpression("''")), '');
    assert.deepEqual(shape(parseExpression("''''")), "'");
    assert.deepEqual(shape(parseExpression('createArray()')), { call: 'createArray', args: [] });
  });

  it('parses member access with dots, bracketed names and indexes, and user-defined namespaces', () => {
    assert.deepEqual(shape(parseExpression("reference('st').primaryEndpoints['blob']")), {
      of: { of: { call: 'reference', args: ['st'] }, get: 'primaryEndpoints' },
      get: 'blob',
    });
    assert.deepEqual(shape(parseExpression("variables('subnets')[copyIndex()].name")), {
      of: { of: { call: 'variables', args: ['subnets'] }, get: { call: 'copyIndex', args: [] } },
      get: 'name',
    });
    assert.deepEqual(shape(parseExpression("contoso.uniqueName('st', 1).value")), { of: { call: 'contoso.uniqueName', args: ['st', 1] }, get: 'value' });
    assert.deepEqual(shape(parseExpression('resourceGroup() . location')), { of: { call: 'resourceGroup', args: [] }, get: 'location' });
  });

  it('records where every node starts and ends', () => {
    const text = "concat('a', resourceGroup().id)";
    const node = parseExpression(text) as Extract<ExprNode, { kind: 'call' }>;
    assert.equal(text.slice(node.start, node.end), text);
    assert.equal(text.slice(node.args[0].start, node.args[0].end), "'a'");
    assert.equal(text.slice(node.args[1].start, node.args[1].end), 'resourceGroup().id');
  });

  it('reports syntax errors with the offset of the problem inside the brackets of the JSON string', () => {
    throwsAt("[concat('a']", /missing '\)' to close concat\(/, 11);
    throwsAt("[concat('a)]", /unterminated string/, 8);
    throwsAt("[concat('a' 'b')]", /expected ',' or '\)' in the arguments of concat\(\)/, 12);
    throwsAt('[concat(#)]', /unexpected character '#'/, 8);
    throwsAt('[concat(,)]', /unexpected ','/, 8);
    throwsAt('[]', /empty expression/, 1);
    throwsAt('[   ]', /empty expression/, 1);
    throwsAt('[true]', /'true' is not a literal.*true\(\)/, 1);
    throwsAt("[parameters('a') parameters('b')]", /after the end of the expression/, 17);
    throwsAt('[storageName]', /expected '\(' after 'storageName'/, 12);
    throwsAt("[variables('x')[]]", /expected an index/, 16);
    throwsAt("[variables('x')['a']", /expected '\]'|missing '\]'/);
    throwsAt("[variables('x').]", /expected a property name after '\.'/, 16);
    throwsAt('[12abc]', /invalid number/, 1);
  });

  it('names unknown functions, with a hint when the name is close to a real one', () => {
    throwsAt("[nosuchfn('a')]", /unknown function 'nosuchfn'/, 1);
    throwsAt("[concat('x', uniquestrin('a'))]", /unknown function 'uniquestrin' \(did you mean 'uniqueString'\?\)/, 13);
    throwsAt("[contoso.missing('a')]", /unknown function 'contoso\.missing'/, 1);
  });

  it('refuses expressions nested deeper than the limit with a clear error, never a stack overflow', () => {
    const deep = `[${'concat('.repeat(100_000)}'x'${')'.repeat(100_000)}]`;
    const e = throwsAt(deep, /nested deeper than 64 levels/);
    assert.ok(e.offset > 0 && e.offset < 64 * 7 + 2);
    const chain = `[resourceGroup()${'.a'.repeat(200)}]`;
    throwsAt(chain, /nested deeper than 64 levels/);
    const index = `[${"createArray(".repeat(40)}1${')'.repeat(40)}${'[0]'.repeat(40)}]`;
    throwsAt(index, /nested deeper than 64 levels/);
    // The reader's configured limit applies, even to text parsed before under a larger limit.
    const five = "[concat(concat(concat(concat(concat(concat('x'))))))]";
    assert.equal(ev(five), 'x');
    throwsAt(five, /nested deeper than 5 levels/, undefined, { ...scope(), limits: { ...DEFAULT_LIMITS, maxExpressionDepth: 5 } });
  });

  it('tells expressions from literals and unescapes [[', () => {
    assert.equal(isExpression("[parameters('a')]"), true);
    assert.equal(isExpression('[[literal]'), false);
    assert.equal(isExpression('[not closed'), false);
    assert.equal(isExpression('plain'), false);
    assert.equal(ev('[[test value]'), '[test value]');
    assert.equal(ev('[test] value'), '[test] value');
    assert.equal(ev('[[not an expression'), '[[not an expression');
    assert.equal(unescapeLiteral('[[x]'), '[x]');
    assert.equal(ev("['[[inside a string literal]']"), '[[inside a string literal]');
  });

  it('prints trees back to text that parses to the same tree (property)', () => {
    const leaf = fc.oneof(
      fc.string({ maxLength: 8 }).map((value): ExprNode => ({ kind: 'string', value, start: 0, end: 0 })),
      fc.integer({ min: -1000, max: 1000 }).map((value): ExprNode => ({ kind: 'number', value, start: 0, end: 0 })),
    );
    const name = fc.constantFrom('concat', 'if', 'parameters', 'createArray', 'x_1', 'Fn');
    const tree = fc.letrec<{ node: ExprNode }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.record({ kind: fc.constant('call' as const), name, args: fc.array(tie('node'), { maxLength: 3 }), start: fc.constant(0), end: fc.constant(0) }),
        fc.record({ kind: fc.constant('member' as const), object: tie('node'), property: tie('node'), start: fc.constant(0), end: fc.constant(0) }),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (node) => {
        const text = formatExpression(node);
        assert.deepEqual(shape(parseExpression(text, 1000)), shape(node));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but ExpressionError on arbitrary text, and never hangs (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        try {
          parseExpression(text);
        } catch (e) {
          if (!(e instanceof ExpressionError)) throw e;
        }
      }),
      { numRuns: 3000 },
    );
    const alphabet = fc.constantFrom(...'abcxyz(),\'[].- 0123456789'.split(''), 'concat(', 'if(', 'createArray(', 'json(', 'range(0, 3)', 'lambda(', "'a'", 'map(', 'parameters(');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (parts) => {
        try {
          ev(`[${parts.join('')}]`);
        } catch (e) {
          if (!(e instanceof ExpressionError)) throw e;
        }
      }),
      { numRuns: 3000 },
    );
  });
});
