/**
 * Lambda functions: the docs' dog examples (template-functions-lambda), Bicep's evaluation baseline,
 * nesting, and what an Unknown does inside a lambda.
 */
import { strict as assert } from 'node:assert';
import { Unknown } from '../../../../shared/model/value';
import { callLambdaFunction, makeLambda } from '../../../../tasks/DrCheckV1/src/readers/arm/expressions';
import { ev, evUnknown, scope, throwsAt } from './helpers';

const dogs = [
  { name: 'Evie', age: 5, interests: ['Ball', 'Frisbee'] },
  { name: 'Casper', age: 3, interests: ['Other dogs'] },
  { name: 'Indy', age: 2, interests: ['Butter'] },
  { name: 'Kira', age: 8, interests: ['Rubs'] },
];
const s = scope({ vars: { dogs, itemForLoop: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] } });

describe('ARM expressions: lambda functions (documented examples)', () => {
  it('filter', () => {
    assert.deepEqual(ev("[filter(variables('dogs'), lambda('dog', greaterOrEquals(lambdaVariables('dog').age, 5)))]", s), [dogs[0], dogs[3]]);
    assert.deepEqual(ev("[filter(variables('itemForLoop'), lambda('i', greater(lambdaVariables('i'), 5)))]", s), [6, 7, 8, 9]);
    assert.deepEqual(ev("[filter(range(0, 10), lambda('i', equals(0, mod(lambdaVariables('i'), 2))))]"), [0, 2, 4, 6, 8]);
  });

  it('map, with the element index as an optional second parameter', () => {
    assert.deepEqual(ev("[map(variables('dogs'), lambda('dog', lambdaVariables('dog').name))]", s), ['Evie', 'Casper', 'Indy', 'Kira']);
    assert.deepEqual(ev("[map(variables('dogs'), lambda('dog', format('Hello {0}!', lambdaVariables('dog').name)))]", s), ['Hello Evie!', 'Hello Casper!', 'Hello Indy!', 'Hello Kira!']);
    assert.deepEqual(
      ev("[map(range(0, length(variables('dogs'))), lambda('i', createObject('i', lambdaVariables('i'), 'dog', variables('dogs')[lambdaVariables('i')].name, 'greeting', format('Ahoy, {0}!', variables('dogs')[lambdaVariables('i')].name))))]", s),
      [
        { i: 0, dog: 'Evie', greeting: 'Ahoy, Evie!' },
        { i: 1, dog: 'Casper', greeting: 'Ahoy, Casper!' },
        { i: 2, dog: 'Indy', greeting: 'Ahoy, Indy!' },
        { i: 3, dog: 'Kira', greeting: 'Ahoy, Kira!' },
      ],
    );
    assert.deepEqual(ev("[map(createArray('a', 'b'), lambda('x', 'i', concat(lambdaVariables('x'), string(lambdaVariables('i')))))]"), ['a0', 'b1']);
  });

  it('reduce', () => {
    assert.equal(ev("[reduce(map(variables('dogs'), lambda('dog', lambdaVariables('dog').age)), 0, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))]", s), 18);
    assert.equal(ev("[reduce(map(variables('dogs'), lambda('dog', lambdaVariables('dog').age)), 1, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))]", s), 19);
    assert.deepEqual(ev("[reduce(createArray(createObject('foo', 123), createObject('bar', 456), createObject('baz', 789)), createObject(), lambda('cur', 'next', union(lambdaVariables('cur'), lambdaVariables('next'))))]"), { foo: 123, bar: 456, baz: 789 });
    assert.equal(ev("[reduce(createArray('a', 'b', 'c'), '', lambda('a', 'b', format('{0}-{1}', lambdaVariables('a'), lambdaVariables('b'))))]"), '-a-b-c');
  });

  it('sort', () => {
    assert.deepEqual(ev("[sort(variables('dogs'), lambda('a', 'b', less(lambdaVariables('a').age, lambdaVariables('b').age)))]", s), [dogs[2], dogs[1], dogs[0], dogs[3]]);
    assert.deepEqual(ev("[sort(createArray('c', 'd', 'a'), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]"), ['a', 'c', 'd']);
  });

  it('toObject with and without a value lambda', () => {
    const byName = Object.fromEntries(dogs.map((d) => [d.name, d]));
    assert.deepEqual(ev("[toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name))]", s), byName);
    assert.deepEqual(ev("[toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name), lambda('entry', lambdaVariables('entry')))]", s), byName);
    assert.deepEqual(ev("[toObject(createArray('a', 'b', 'c'), lambda('x', lambdaVariables('x')), lambda('x', format('Hi {0}!', lambdaVariables('x'))))]"), { a: 'Hi a!', b: 'Hi b!', c: 'Hi c!' });
  });

  it('groupBy and mapValues', () => {
    assert.deepEqual(ev("[groupBy(createArray('foo', 'bar', 'baz'), lambda('x', substring(lambdaVariables('x'), 0, 1)))]"), { f: ['foo'], b: ['bar', 'baz'] });
    assert.deepEqual(ev("[mapValues(createObject('foo', 'foo', 'bar', 'bar'), lambda('val', toUpper(lambdaVariables('val'))))]"), { foo: 'FOO', bar: 'BAR' });
  });

  it('nests lambdas: inner lambdas see outer variables', () => {
    assert.deepEqual(
      ev("[map(createArray(1, 2), lambda('x', map(createArray(10, 20), lambda('y', add(lambdaVariables('x'), lambdaVariables('y'))))))]"),
      [
        [11, 21],
        [12, 22],
      ],
    );
  });

  it('keeps Unknown mapped values in place, but an Unknown predicate, key or input makes the result Unknown', () => {
    const u = scope({ vars: { zones: ['1', new Unknown('zone two comes from a parameter without a value'), '3'] } });
    const mapped = ev("[map(variables('zones'), lambda('z', concat('zone-', lambdaVariables('z'))))]", u) as unknown[];
    assert.equal(mapped[0], 'zone-1');
    assert.ok(mapped[1] instanceof Unknown);
    assert.equal(mapped[2], 'zone-3');
    const filtered = evUnknown("[filter(variables('zones'), lambda('z', not(equals(lambdaVariables('z'), '3'))))]", u);
    assert.match(filtered.reason, /zone two comes from a parameter without a value/);
    assert.ok(ev("[map(reference('x').zones, lambda('z', lambdaVariables('z')))]") instanceof Unknown);
  });

  it('reports lambdas used where they do not belong', () => {
    throwsAt("[lambda('x', 1)]", /lambda\(\): a lambda can only be an argument of filter, map/, 1);
    throwsAt("[map(createArray(1), 'notalambda')]", /map\(\) expects a lambda\('name', …, expression\) as argument 2/, 21);
    throwsAt("[lambdaVariables('x')]", /'x' is not a parameter of an enclosing lambda/, 1);
    throwsAt("[filter(createArray(1), lambda('x', 'yes'))]", /filter\(\): expects the lambda to return a boolean, got a string/, 1);
    throwsAt("[map(createArray(1), lambda(1, 2))]", /lambda parameter names must be string literals/, 28);
  });

  it('stops runaway work instead of hanging', () => {
    throwsAt("[map(range(0, 10000), lambda('i', map(range(0, 10000), lambda('j', 1))))]", /more than 1000000 evaluation steps/);
  });

  it('accepts callables from Bicep through callLambdaFunction', () => {
    const upper = makeLambda((x) => (typeof x === 'string' ? x.toUpperCase() : x));
    assert.deepEqual(callLambdaFunction('map', [['a', 'b'], upper], scope()), ['A', 'B']);
    assert.deepEqual(callLambdaFunction('filter', [[1, 2, 3], makeLambda((x) => (x as number) > 1)], scope()), [2, 3]);
  });
});
