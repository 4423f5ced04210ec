/**
 * uniqueString() and guid() must give the names Azure gives, or resource names and role-assignment
 * ids drift. Expected values come from outputs of Azure's own engine where we could find them:
 *  - Bicep's test baseline, evaluated by Azure.Deployments.Expression
 *    (Azure/bicep src/Bicep.Core.Samples/Files/baselines_bicepparam/Expressions/parameters.json);
 *  - Microsoft's AzAPI Terraform provider, which mirrors ARM's uniqueString
 *    (Azure/terraform-provider-azapi internal/services/functions/unique_string_function_test.go);
 *  - a value captured from an ARM template output in a public project's unit test (Modm ArmFunctionsTests);
 *  - the self-test vectors of a community re-implementation checked against Bicep (uniquestring.sh).
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { armGuid, uniqueString } from '../../../../tasks/DrCheckV1/src/readers/arm/expressions';
import { ev, scope, SUB, throwsAt } from './helpers';
import { isUnknown, Unknown } from '../../../../shared/model/value';

/** RFC 4122 version-5 UUID, written out independently of the implementation under test. */
function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

describe('ARM expressions: uniqueString and guid', () => {
  it('uniqueString matches values produced by Azure', () => {
    assert.equal(ev("[uniqueString('asd', 'asdf', 'asdf')]"), 'iizpqit7ih3cc');
    assert.equal(ev(`[uniqueString('/subscriptions/${SUB}', 'resource-id')]`), 'cwvxuqg24sifi');
    assert.equal(uniqueString(['/subscriptions/31e9f9a0-9fd2-4294-a0a3-0101246d9700/resourceGroups/rg-modm201-20230913120256/providers/Microsoft.Compute/virtualMachines/bobjacmodm201']), 'yvjxno3je5on2');
  });

  it('uniqueString matches the community vectors for every tail length', () => {
    assert.equal(ev("[uniqueString('test')]"), 'rbgf3xv4ufgzg');
    assert.equal(ev("[uniqueString('hello', 'world')]"), 'a7wkljktk6wne');
    assert.equal(ev("[uniqueString('abc')]"), 'cgtzqvhu4i23s');
    assert.equal(ev(`[uniqueString('/subscriptions/${SUB}/resourceGroups/my-rg')]`), 'bmg7c6xu4tw46');
    assert.equal(ev("[uniqueString('foo', 'bar', 'baz')]"), 'xzi4ioaxtmth4');
  });

  it('uniqueString is 13 lower-case base-32 characters and depends on every argument', () => {
    const a = ev('[uniqueString(resourceGroup().id)]', scope()) as string;
    assert.match(a, /^[a-z2-7]{13}$/);
    assert.equal(a, uniqueString([`/subscriptions/${SUB}/resourceGroups/rg-data`]));
    assert.notEqual(a, ev("[uniqueString(resourceGroup().id, 'x')]"));
    assert.notEqual(ev("[uniqueString('a', 'b')]"), ev("[uniqueString('ab')]"));
    assert.equal(ev("[uniqueString('a', 'b')]"), ev("[uniqueString('a-b')]"));
    throwsAt("[uniqueString('a', 1)]", /uniqueString\(\): expects only strings, the second argument is an integer/, 1);
  });

  it('guid is the version-5 UUID of the dash-joined arguments in ARM namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830', () => {
    assert.equal(ev("[guid('asdf')]"), '228d27cc-6fdb-5934-b7ac-1efccebade04');
    const ns = '11fb06fb-712d-4ddd-98c7-e71bbd588830';
    assert.equal(ev(`[guid(resourceGroup().id, 'Storage Blob Data Reader')]`), uuidV5(ns, `/subscriptions/${SUB}/resourceGroups/rg-data-Storage Blob Data Reader`));
    assert.equal(armGuid(['a', 'b']), uuidV5(ns, 'a-b'));
    assert.notEqual(ev("[guid('a', 'b')]"), ev("[guid('ab')]"));
  });

  it('leaves unknown a hash of a resource id whose subscription or resource group only the deployment knows', () => {
    // resourceId() without the scope known gives the `(unknown)` placeholder: no deployment hashes that text.
    for (const text of ["[uniqueString(resourceId('Microsoft.Compute/virtualMachines', 'vm-erp'))]", "[guid(resourceId('Microsoft.Compute/virtualMachines', 'vm-erp'), 'reader')]"]) {
      const v = ev(text, scope({ context: { subscription: new Unknown('subscription() is only known at deployment time'), resourceGroup: { name: new Unknown('resourceGroup().name is only known at deployment time') } } }));
      assert.ok(isUnknown(v), `${text} gave ${JSON.stringify(v)}`);
      assert.match(v.toString(), /of a resource id whose subscription or resource group is only known at deployment/);
    }
    // The same id with its scope known is hashed as Azure hashes it.
    assert.equal(ev("[uniqueString(resourceId('Microsoft.Compute/virtualMachines', 'vm-erp'))]"), uniqueString([`/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Compute/virtualMachines/vm-erp`]));
  });
});
