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

  it('answers the same whatever its seed, also for strings that fall into one run of slots', () => {
    // FNV-1a as the table computes it, to find names that share a home slot under seed 0 (as a crafted pull request could).
    const home = (str: string, seed: number, mask: number) => {
      let h = (0x811c9dc5 ^ seed) | 0;
      for (let i = 0; i < str.length; i++) h = Math.imul(h ^ str.charCodeAt(i), 0x01000193);
      return h & mask;
    };
    const colliding: string[] = [];
    for (let i = 0; colliding.length < 24; i++) if (home(`-/microsoft.network/virtualnetworks/vnet${i}`, 0, 63) === 5) colliding.push(`-/microsoft.network/virtualnetworks/vnet${i}`);
    const ids = [...colliding, ...colliding.slice(0, 7), 'other'];
    for (const seed of [0, 1, 0x7fffffff, -1, undefined]) {
      const finder = new RepeatFinder(ids.length, seed);
      assert.deepEqual(
        ids.map((id) => finder.seen(id)),
        ids.map((_, i) => i >= colliding.length && i < ids.length - 1),
        `seed ${seed}`,
      );
    }
  });
});
