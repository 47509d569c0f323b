/**
 * The fuzzer's randomness: a small seeded generator (mulberry32), so that input number `i` of a
 * target is the same text on every machine and in every worker, and a failure found in a worker
 * can be rebuilt in the main thread from (seed, target, index) alone.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** A 31-bit seed for fast-check's own generator. */
  seed(): number {
    return this.int(0x7fffffff);
  }
}

/** The seed of input `index` of `target` in a run seeded with `seed` (FNV-1a over the three). */
export function inputSeed(seed: number, target: string, index: number): number {
  let h = 0x811c9dc5;
  for (const c of `${seed}:${target}:${index}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return h >>> 0;
}
