import { strict as assert } from 'node:assert';
import { getPath, partlyKnown, Unknown } from '../../shared/model/value';

describe('getPath', () => {
  const cond = new Unknown("parameter 'vnet' has no default and no value in a parameters file", 'vnet');
  const locations = [{ locationName: 'westeurope' }, { locationName: 'northeurope' }];

  it('reads a path on which every object an Unknown can be agrees, absent from all of them included', () => {
    // `{ locations: […], ...(vnet ? { virtualNetworkRules: [] } : {}) }`
    const properties = new Unknown(cond.reason, cond.expression, [{ locations, virtualNetworkRules: [] }, { locations }]);
    const body = { properties };
    assert.deepEqual(getPath(body, 'properties.locations'), locations);
    assert.equal(getPath(body, 'properties.Locations.1.locationName'), 'northeurope');
    assert.equal(getPath(body, 'properties.enableMultipleWriteLocations'), undefined);
    // Where they differ, the Unknown, whose alternatives the engine judges each.
    assert.equal(getPath(body, 'properties.virtualNetworkRules'), properties);
  });

  it('reads what a partly known object is known to hold whatever the rest is, and nothing else', () => {
    // `{ ...common, kind: 'StorageV2' }`
    const body = partlyKnown(cond, { kind: 'StorageV2' });
    assert.equal(getPath({ body }, 'body.kind'), 'StorageV2');
    assert.equal(getPath({ body }, 'body.KIND'), 'StorageV2');
    assert.equal(getPath({ body }, 'body.sku.name'), body);
  });

  it('still gives the Unknown met on the way when it has neither', () => {
    assert.equal(getPath({ properties: cond }, 'properties.locations'), cond);
    assert.equal(getPath({ properties: { constructor: 'x' } }, 'properties.toString'), undefined);
  });
});
