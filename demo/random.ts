import type { LngLat } from '../contract';

/** mulberry32: a tiny seeded PRNG, so tests and benchmarks make the same choices every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The draws the demo data is made of, all from one seeded stream. */
export interface Rng {
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  shuffle<T>(items: readonly T[]): T[];
  sample<T>(items: readonly T[], count: number): T[];
  /** A point within `metres` of `centre`, rounded to ~0.1 m. */
  near(centre: LngLat, metres: number): LngLat;
  /** A point `metres` from `centre` in a random direction, rounded to ~0.1 m. */
  around(centre: LngLat, metres: number): LngLat;
}

const METRES_PER_DEGREE = 111_320;

export function makeRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng: Rng = {
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (probability) => next() < probability,
    shuffle(items) {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    sample: (items, count) => rng.shuffle(items).slice(0, count),
    near(centre, metres) {
      const lat = centre.lat + ((next() * 2 - 1) * metres) / METRES_PER_DEGREE;
      const lng = centre.lng + ((next() * 2 - 1) * metres) / (METRES_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180));
      return { lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
    },
    around(centre, metres) {
      const bearing = next() * 2 * Math.PI;
      const lat = centre.lat + (Math.cos(bearing) * metres) / METRES_PER_DEGREE;
      const lng = centre.lng + (Math.sin(bearing) * metres) / (METRES_PER_DEGREE * Math.cos((centre.lat * Math.PI) / 180));
      return { lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
    },
  };
  return rng;
}
