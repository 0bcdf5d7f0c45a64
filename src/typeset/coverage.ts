/** A set of code points stored as sorted [start, end] ranges: small, and fast to test. */
export class Coverage {
  private constructor(private readonly ranges: Uint32Array) {}

  /** From the manifest's compact form: hex ranges joined by commas, e.g. "20-7e,a0-ff,3007". */
  static parse(compact: string): Coverage {
    const parts = compact.split(',').filter(Boolean);
    const ranges = new Uint32Array(parts.length * 2);
    parts.forEach((p, i) => {
      const [a, b] = p.split('-');
      ranges[i * 2] = Number.parseInt(a!, 16);
      ranges[i * 2 + 1] = Number.parseInt(b ?? a!, 16);
    });
    return new Coverage(ranges);
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
