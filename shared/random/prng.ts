/** mulberry32: a small seedable PRNG, so a crash suite's kill moments can be replayed from the printed seed. */
export function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedFrom(envValue: string | undefined): number {
  return Number(envValue ?? Math.floor(Math.random() * 2 ** 31));
}
