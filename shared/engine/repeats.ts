/**
 * Finds the strings met more than once among a known number of strings (the report ids of one scan).
 *
 * An open-addressing table over typed arrays, sized once: a `Set` of 100,000 fresh ids grows and rehashes a table
 * of pointers into the young generation, which the garbage collector then scans on every scavenge; it cost about
 * 8% of a 100,000-resource ARM scan. Here only the strings themselves are held, in one array.
 *
 * Ids come from scanned files, which a pull request controls: the hash starts from a random seed per table, so that
 * names cannot be written to fall into one run of slots (which would make each lookup walk all of them).
 */
export class RepeatFinder {
  private readonly mask: number;
  private readonly hashes: Int32Array;
  /** Index + 1 into `strings` of the string in each slot; 0 for an empty slot. */
  private readonly slots: Int32Array;
  private readonly strings: string[] = [];
  private readonly seed: number;

  /** `seed` is for tests; the hash is FNV-1a from an offset basis mixed with it. */
  constructor(expected: number, seed: number = (Math.random() * 0x100000000) | 0) {
    this.seed = seed;
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.hashes = new Int32Array(capacity);
    this.slots = new Int32Array(capacity);
  }

  /** Records `s`; true when it was recorded before. */
  seen(s: string): boolean {
    let h = (0x811c9dc5 ^ this.seed) | 0;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    for (let at = h & this.mask; ; at = (at + 1) & this.mask) {
      const slot = this.slots[at];
      if (slot === 0) {
        // At most half full, so a probe always ends at an empty slot.
        if (this.strings.length * 2 >= this.slots.length) throw new Error('RepeatFinder: more strings than it was made for');
        this.strings.push(s);
        this.slots[at] = this.strings.length;
        this.hashes[at] = h;
        return false;
      }
      if (this.hashes[at] === h && this.strings[slot - 1] === s) return true;
    }
  }
}
