/** A set of code points stored as sorted [start, end] ranges: small, and fast to test. */
export class Coverage {
  private constructor(private readonly ranges: Uint32Array) {}

  /**
   * From the manifest's compact form: hex ranges joined by commas, e.g. "20-7e,a0-ff,3007". One
   * pass over the characters, no string per range: the bundled manifest holds some 25,000 ranges,
   * read on every cold start, where split() and parseInt() cost about 10 ms.
   */
  static parse(compact: string): Coverage {
    const ranges: number[] = [];
    let first = -1;
    let value = 0;
    let digits = 0;
    for (let i = 0; i <= compact.length; i++) {
      const c = i < compact.length ? compact.charCodeAt(i) : COMMA;
      if (c === COMMA) {
        if (digits) ranges.push(first < 0 ? value : first, value);
        first = -1;
        value = 0;
        digits = 0;
      } else if (c === HYPHEN) {
        first = value;
        value = 0;
        digits = 0;
      } else {
        const digit = hexDigit(c);
        if (digit < 0) throw new Error(`not a coverage range: "${compact.slice(Math.max(0, i - 8), i + 8)}"`);
        value = value * 16 + digit;
        digits++;
      }
    }
    return new Coverage(Uint32Array.from(ranges));
  }

  static fromCodePoints(points: Iterable<number>): Coverage {
    const sorted = [...new Set(points)].sort((x, y) => x - y);
    const out: number[] = [];
    for (const cp of sorted) {
      if (out.length && out[out.length - 1] === cp - 1) out[out.length - 1] = cp;
      else out.push(cp, cp);
    }
    return new Coverage(Uint32Array.from(out));
  }

  has(cp: number): boolean {
    let lo = 0;
    let hi = this.ranges.length / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp < this.ranges[mid * 2]!) hi = mid - 1;
      else if (cp > this.ranges[mid * 2 + 1]!) lo = mid + 1;
      else return true;
    }
    return false;
  }

  get size(): number {
    let n = 0;
    for (let i = 0; i < this.ranges.length; i += 2) n += this.ranges[i + 1]! - this.ranges[i]! + 1;
    return n;
  }
}

const COMMA = 0x2c;
const HYPHEN = 0x2d;

/** 0–15 for 0-9, a-f, A-F; −1 for anything else. */
function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}
