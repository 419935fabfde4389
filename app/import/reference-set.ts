/**
 * The references a file has given so far, with the row each first appeared
 * on, kept as 64-bit hashes in typed arrays: a million references take about
 * 24 MB instead of a few hundred in a Map of strings. Two different
 * references sharing a 64-bit hash in one file (odds about 1 in 30 million
 * for a million rows) would be taken for a repeat and checked as one.
 */
export class ReferenceSet {
  /**
   * Room for about `references` without growing: a first load's million
   * references grew the set sixteen times, 0.3 s of rehashing on the thread
   * that stages the rows. The capacity is a power of two, at least twice `references`.
   */
  static sizedFor(references: number): ReferenceSet {
    let capacity = 1 << 16;
    while (capacity < 2 * references) capacity *= 2;
    return new ReferenceSet(capacity);
  }

  private high: Uint32Array;
  private low: Uint32Array;
  private rows: Int32Array;
  private count = 0;

  constructor(capacity = 1 << 16) {
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
    this.rows = new Int32Array(capacity);
  }

  /** The row the reference first appeared on, or records it on `row` and answers undefined. */
  firstRowOrAdd(reference: string, row: number): number | undefined {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (let i = 0; i < reference.length; i += 1) {
      const c = reference.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    // Slot 0 marks an empty place: keep real hashes off it. `| 1` answers a signed
    // number, so the unsigned shift comes last: `(h1 >>> 0) | 1` was negative whenever
    // the top bit was set, never equal to what the Uint32Array had stored, and half
    // of all repeated references went unnoticed.
    const high = (h1 | 1) >>> 0;
    const low = h2 >>> 0;
    const mask = this.high.length - 1;
    for (let slot = low & mask; ; slot = (slot + 1) & mask) {
      if (this.high[slot] === 0) {
        this.high[slot] = high;
        this.low[slot] = low;
        this.rows[slot] = row;
        this.count += 1;
        if (this.count * 2 > this.high.length) this.grow();
        return undefined;
      }
      if (this.high[slot] === high && this.low[slot] === low) return this.rows[slot];
    }
  }

  /**
   * Records the reference (seen before, or not) on `row`. The same hash and
   * probe as firstRowOrAdd, which keeps its own copy: it runs for every row of
   * a load, and sharing a helper made it measurably slower.
   */
  setRow(reference: string, row: number) {
    if (this.firstRowOrAdd(reference, row) === undefined) return;
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (let i = 0; i < reference.length; i += 1) {
      const c = reference.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    const high = (h1 | 1) >>> 0;
    const low = h2 >>> 0;
    const mask = this.high.length - 1;
    for (let slot = low & mask; this.high[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.high[slot] === high && this.low[slot] === low) {
        this.rows[slot] = row;
        return;
      }
    }
  }

  private grow() {
    const { high, low, rows } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(high.length * 2);
    this.rows = new Int32Array(high.length * 2);
    const mask = this.high.length - 1;
    for (let i = 0; i < high.length; i += 1) {
      if (high[i] === 0) continue;
      let slot = low[i]! & mask;
      while (this.high[slot] !== 0) slot = (slot + 1) & mask;
      this.high[slot] = high[i]!;
      this.low[slot] = low[i]!;
      this.rows[slot] = rows[i]!;
    }
  }
}
