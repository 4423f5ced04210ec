import { strict as assert } from 'node:assert';
import { RepeatFinder } from '../../shared/engine/repeats';

describe('RepeatFinder (repeated report ids)', () => {
  it('says a string was met before exactly when it was, as a Set would', () => {
    // Ids as the judge makes them, with repeats spread through the scan and some differing only in case or by a suffix.
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) ids.push(`00000000-0000-0000-0000-000000000000/microsoft.storage/storageaccounts/st${i % 3700}`);
    ids.push('-/microsoft.storage/storageaccounts/ST1', '-/microsoft.storage/storageaccounts/st1', '-/microsoft.storage/storageaccounts/st1#x', '', '');
    const finder = new RepeatFinder(ids.length);
    const set = new Set<string>();
    const got = ids.map((id) => finder.seen(id));
    const expected = ids.map((id) => (set.has(id) ? true : (set.add(id), false)));
    assert.deepEqual(got, expected);
    assert.equal(got.filter(Boolean).length, 5000 - 3700 + 1);
  });

  it('finds repeats in a table filled to the size it was made for, where probes wrap around', () => {
    const strings = Array.from({ length: 64 }, (_, i) => `-/microsoft.web/sites/app${i}`);
    const finder = new RepeatFinder(strings.length);
    assert.ok(strings.every((s) => !finder.seen(s)));
    assert.ok(strings.every((s) => finder.seen(s)), 'each is found on its second meeting');
  });
});
