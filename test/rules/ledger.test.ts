import { admit, amend, claimOf, Claim, forget, Ledger, release, resize, roomLeft, shortage } from '../../rules/ledger';

/** The weighted places ledger: sizes, sub-pools with caps, the waitlist (first that fits, in order). */

const open = { needsApproval: false, joinWaitlist: false };
const wait = { needsApproval: false, joinWaitlist: true };
/** A banquet: 20 places, dish kinds capped. */
const banquet = (): Ledger => ({
  capacity: 20,
  held: 0,
  waitlist: [],
  holders: {},
  claims: {},
  pools: { 凉菜: { cap: 2, held: 0 }, 热菜: { cap: 1, held: 0 }, 主食: { cap: 3, held: 0 } },
});

/** The outcome of an operation that must succeed. */
function ok<T extends object>(r: T): Exclude<T, { refused: string }> {
  if ('refused' in r) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r as Exclude<T, { refused: string }>;
}

describe('admission by size and sub-pools', () => {
  test('a household of four takes four places and one of its dish kind', () => {
    const r = ok(admit(banquet(), 'a', 'e1', { ...open, claim: { size: 4, pools: { 热菜: 1 } } }));
    expect(r.admission).toBe('confirmed');
    expect(r.ledger).toMatchObject({ held: 4, holders: { a: 'e1' }, claims: { e1: { size: 4, pools: { 热菜: 1 } } } });
    expect(r.ledger.pools).toEqual({ 凉菜: { cap: 2, held: 0 }, 热菜: { cap: 1, held: 1 }, 主食: { cap: 3, held: 0 } });
    expect(roomLeft(r.ledger)).toEqual({ places: 16, pools: { 凉菜: 2, 热菜: 0, 主食: 3 } });
  });

  test('exactly filling the places is allowed; one more person is refused as FULL', () => {
    const l = ok(admit(banquet(), 'a', 'e1', { ...open, claim: { size: 17 } })).ledger;
    expect(admit(l, 'b', 'e2', { ...open, claim: { size: 4 } })).toEqual({ refused: 'FULL' });
    expect(ok(admit(l, 'b', 'e2', { ...open, claim: { size: 3 } })).ledger.held).toBe(20);
  });

  test('a full dish kind is refused naming the kind, while places are left', () => {
    const l = ok(admit(banquet(), 'a', 'e1', { ...open, claim: { size: 2, pools: { 热菜: 1 } } })).ledger;
    expect(admit(l, 'b', 'e2', { ...open, claim: { size: 2, pools: { 热菜: 1 } } })).toEqual({ refused: 'POOL_FULL', pools: ['热菜'] });
    // Another kind still fits.
    expect(ok(admit(l, 'b', 'e2', { ...open, claim: { size: 2, pools: { 凉菜: 1 } } })).admission).toBe('confirmed');
  });

  test('when places and a kind are both short, FULL names the kind too', () => {
    let l = ok(admit(banquet(), 'a', 'e1', { ...open, claim: { size: 19, pools: { 热菜: 1 } } })).ledger;
    expect(admit(l, 'b', 'e2', { ...open, claim: { size: 2, pools: { 热菜: 1 } } })).toEqual({ refused: 'FULL', pools: ['热菜'] });
    l = ok(resize(l, 25)).ledger;
    expect(shortage(l, { size: 2, pools: { 热菜: 1 } })).toEqual({ refused: 'POOL_FULL', pools: ['热菜'] });
  });

  test('a pool the ledger does not know has no room; a claim of zero needs none', () => {
    expect(admit(banquet(), 'a', 'e1', { ...open, claim: { size: 1, pools: { 甜点水果: 1 } } })).toEqual({ refused: 'POOL_FULL', pools: ['甜点水果'] });
    expect(ok(admit(banquet(), 'a', 'e1', { ...open, claim: { size: 1, pools: { 热菜: 0 } } })).ledger.pools?.热菜.held).toBe(0);
  });

  test('a stall application takes no visitor places, one of its kind, and waits for approval holding it', () => {
    const market: Ledger = { capacity: 100, held: 100, waitlist: [], holders: {}, claims: {}, pools: { 手工: { cap: 1, held: 0 } } };
    const r = ok(admit(market, 's', 'st1', { needsApproval: true, joinWaitlist: false, claim: { size: 0, pools: { 手工: 1 } } }));
    expect(r.admission).toBe('pending');
    expect(r.ledger).toMatchObject({ held: 100, pools: { 手工: { cap: 1, held: 1 } } });
    expect(admit(r.ledger, 't', 'st2', { ...open, claim: { size: 0, pools: { 手工: 1 } } })).toEqual({ refused: 'POOL_FULL', pools: ['手工'] });
  });

  test('one active entry per holder, whatever its size', () => {
    const l = ok(admit(banquet(), 'a', 'e1', { ...open, claim: { size: 3 } })).ledger;
    expect(admit(l, 'a', 'e2', { ...open, claim: { size: 1 } })).toEqual({ refused: 'ALREADY_BOOKED' });
  });

  test('invalid claims are programming errors', () => {
    expect(() => admit(banquet(), 'a', 'e1', { ...open, claim: { size: -1 } })).toThrow(RangeError);
    expect(() => admit(banquet(), 'a', 'e1', { ...open, claim: { size: 1.5 } })).toThrow(RangeError);
    expect(() => admit(banquet(), 'a', 'e1', { ...open, claim: { size: 1, pools: { 热菜: -1 } } })).toThrow(RangeError);
  });
});

describe('the waitlist: first that fits, in order', () => {
  // 5 places: a holds 4, b (3) must wait, c (1) fits the one left.
  test('a newcomer that fits is admitted even while a bigger household waits', () => {
    let l: Ledger = { capacity: 5, held: 0, waitlist: [], holders: {} };
    l = ok(admit(l, 'a', 'e1', { ...wait, claim: { size: 4 } })).ledger;
    const b = ok(admit(l, 'b', 'e2', { ...wait, claim: { size: 3 } }));
    expect(b.admission).toBe('waitlisted');
    const c = ok(admit(b.ledger, 'c', 'e3', { ...wait, claim: { size: 1 } }));
    expect(c.admission).toBe('confirmed');
    expect(c.ledger).toMatchObject({ held: 5, waitlist: ['e2'] });
  });

  test('a release promotes every waiting entry that fits, in order; the head that does not fit keeps its position', () => {
    let l: Ledger = { capacity: 6, held: 0, waitlist: [], holders: {} };
    l = ok(admit(l, 'a', 'e1', { ...wait, claim: { size: 3 } })).ledger;
    l = ok(admit(l, 'b', 'e2', { ...wait, claim: { size: 3 } })).ledger;
    l = ok(admit(l, 'c', 'e3', { ...wait, claim: { size: 5 } })).ledger; // waits
    l = ok(admit(l, 'd', 'e4', { ...wait, claim: { size: 2 } })).ledger; // waits
    l = ok(admit(l, 'e', 'e5', { ...wait, claim: { size: 1 } })).ledger; // waits
    expect(l.waitlist).toEqual(['e3', 'e4', 'e5']);
    const r = release(l, 'a', 'e1');
    // 3 free: e3 (5) cannot fit and stays first; e4 (2) and e5 (1) fit.
    expect(r.promoted).toEqual(['e4', 'e5']);
    expect(r.ledger).toMatchObject({ held: 6, waitlist: ['e3'] });
    // The next big enough release goes to e3.
    const r2 = release(release(r.ledger, 'd', 'e4').ledger, 'b', 'e2');
    expect(r2).toMatchObject({ promoted: ['e3'], ledger: { held: 6, waitlist: [] } });
  });

  test('a waiting banquet dish is promoted when a dish of its kind is given up, not one of another kind', () => {
    let l = banquet();
    l = ok(admit(l, 'a', 'e1', { ...wait, claim: { size: 2, pools: { 热菜: 1 } } })).ledger;
    l = ok(admit(l, 'b', 'e2', { ...wait, claim: { size: 2, pools: { 凉菜: 1 } } })).ledger;
    l = ok(admit(l, 'c', 'e3', { ...wait, claim: { size: 2, pools: { 热菜: 1 } } })).ledger;
    expect(l.waitlist).toEqual(['e3']);
    expect(release(l, 'b', 'e2').promoted).toEqual([]);
    const r = release(l, 'a', 'e1');
    expect(r.promoted).toEqual(['e3']);
    expect(r.ledger.pools?.热菜).toEqual({ cap: 1, held: 1 });
    expect(r.ledger.claims).toEqual({ e2: { size: 2, pools: { 凉菜: 1 } }, e3: { size: 2, pools: { 热菜: 1 } } });
  });

  test('leaving the waitlist frees nothing and drops the claim', () => {
    let l: Ledger = { capacity: 2, held: 0, waitlist: [], holders: {} };
    l = ok(admit(l, 'a', 'e1', { ...wait, claim: { size: 2 } })).ledger;
    l = ok(admit(l, 'b', 'e2', { ...wait, claim: { size: 2 } })).ledger;
    expect(release(l, 'b', 'e2')).toEqual({ ledger: { capacity: 2, held: 2, waitlist: [], holders: { a: 'e1' }, claims: { e1: { size: 2 } } }, promoted: [] });
  });
});

describe('resize: never below what is held', () => {
  test('places and caps can be raised (promoting) or lowered down to what is held', () => {
    let l = banquet();
    l = ok(admit(l, 'a', 'e1', { ...wait, claim: { size: 2, pools: { 热菜: 1 } } })).ledger;
    l = ok(admit(l, 'b', 'e2', { ...wait, claim: { size: 2, pools: { 热菜: 1 } } })).ledger;
    expect(resize(l, 1)).toEqual({ refused: 'BELOW_HELD' });
    expect(resize(l, 20, { 热菜: 0 })).toEqual({ refused: 'BELOW_HELD', pools: ['热菜'] });
    expect(resize(l, 1, { 热菜: 0 })).toEqual({ refused: 'BELOW_HELD', pools: ['热菜'] });
    const raised = ok(resize(l, 2, { 热菜: 2, 汤: 1 }));
    expect(raised.promoted).toEqual([]); // two places: nobody else fits
    const r = ok(resize(l, 4, { 热菜: 2 }));
    expect(r.promoted).toEqual(['e2']);
    expect(r.ledger.pools).toMatchObject({ 热菜: { cap: 2, held: 2 }, 凉菜: { cap: 2, held: 0 } });
    expect(ok(resize(l, 2, { 汤: 1 })).ledger.pools?.汤).toEqual({ cap: 1, held: 0 });
  });
});

describe('amend: a new headcount or dish, all or nothing', () => {
  const start = () => {
    let l: Ledger = { ...banquet(), capacity: 8 };
    l = ok(admit(l, 'a', 'e1', { ...wait, claim: { size: 3, pools: { 热菜: 1 } } })).ledger;
    l = ok(admit(l, 'b', 'e2', { ...wait, claim: { size: 3, pools: { 凉菜: 1 } } })).ledger;
    l = ok(admit(l, 'c', 'e3', { ...wait, claim: { size: 4, pools: { 主食: 1 } } })).ledger; // waits: 2 places left
    return l;
  };

  test('growing within the places left is kept; beyond them it is refused and nothing changes', () => {
    const l = start();
    const grown = ok(amend(l, 'e1', { size: 5, pools: { 热菜: 1 } }));
    expect(grown).toMatchObject({ promoted: [], ledger: { held: 8, claims: { e1: { size: 5, pools: { 热菜: 1 } } } } });
    expect(amend(l, 'e1', { size: 6, pools: { 热菜: 1 } })).toEqual({ refused: 'FULL' });
  });

  test('changing the dish kind moves the amount between kinds, refused when the new kind is full', () => {
    const l = start();
    const moved = ok(amend(l, 'e1', { size: 3, pools: { 凉菜: 1 } }));
    expect(moved.ledger.pools).toMatchObject({ 热菜: { held: 0 }, 凉菜: { held: 2 } });
    const full = ok(admit(moved.ledger, 'd', 'e4', { ...open, claim: { size: 1, pools: { 热菜: 1 } } })).ledger;
    expect(amend(full, 'e2', { size: 3, pools: { 热菜: 1 } })).toEqual({ refused: 'POOL_FULL', pools: ['热菜'] });
    // Its own kind again is always fine: its own amount is given back first.
    expect(ok(amend(full, 'e4', { size: 1, pools: { 热菜: 1 } })).ledger.pools?.热菜).toEqual({ cap: 1, held: 1 });
  });

  test('shrinking frees places for the waitlist at once', () => {
    const r = ok(amend(start(), 'e1', { size: 1, pools: { 热菜: 1 } }));
    expect(r.promoted).toEqual(['e3']);
    expect(r.ledger).toMatchObject({ held: 8, waitlist: [] });
  });

  test('a waiting entry keeps its position, and is promoted if its new claim fits', () => {
    const l = start();
    const still = ok(amend(l, 'e3', { size: 3, pools: { 主食: 1 } }));
    expect(still).toMatchObject({ promoted: [], ledger: { waitlist: ['e3'], claims: { e3: { size: 3 } } } });
    expect(ok(amend(l, 'e3', { size: 2, pools: { 主食: 1 } })).promoted).toEqual(['e3']);
  });

  test('an entry no longer active cannot be amended', () => {
    const l = start();
    expect(amend(forget(l, 'a', 'e1'), 'e1', { size: 1 })).toEqual({ refused: 'NOT_ACTIVE' });
    expect(amend(l, 'nobody', { size: 1 })).toEqual({ refused: 'NOT_ACTIVE' });
  });
});

describe('forget: attended entries keep their counts', () => {
  test('the holder may sign up again but places and dishes stay taken', () => {
    const l = ok(admit(banquet(), 'a', 'e1', { ...open, claim: { size: 3, pools: { 热菜: 1 } } })).ledger;
    const f = forget(l, 'a', 'e1');
    expect(f).toMatchObject({ held: 3, holders: {}, claims: {}, pools: { 热菜: { held: 1 } } });
  });
});

describe('service days: one place each, stored shape unchanged', () => {
  test('unit claims never add claims or pools to a plain slot ledger', () => {
    let l: Ledger = { capacity: 2, held: 0, waitlist: [], holders: {} };
    l = ok(admit(l, 'a', 'b1', wait)).ledger;
    l = ok(admit(l, 'b', 'b2', wait)).ledger;
    l = ok(admit(l, 'c', 'b3', wait)).ledger;
    expect(l).toEqual({ capacity: 2, held: 2, waitlist: ['b3'], holders: { a: 'b1', b: 'b2', c: 'b3' } });
    const r = release(l, 'a', 'b1');
    expect(r).toEqual({ ledger: { capacity: 2, held: 2, waitlist: [], holders: { b: 'b2', c: 'b3' } }, promoted: ['b3'] });
    expect(forget(r.ledger, 'b', 'b2')).toEqual({ capacity: 2, held: 2, waitlist: [], holders: { c: 'b3' } });
    expect(ok(resize(r.ledger, 3)).ledger).toEqual({ capacity: 3, held: 2, waitlist: [], holders: { b: 'b2', c: 'b3' } });
    expect(claimOf(l, 'b1')).toEqual({ size: 1 });
  });
});

describe('invariants under random operations', () => {
  /** Deterministic pseudo-random numbers (mulberry32). */
  function rng(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const KINDS = ['凉菜', '热菜', '主食'];

  test.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: caps hold, sums agree, and no waiting entry fits', (seed) => {
    const random = rng(seed);
    const int = (n: number) => Math.floor(random() * n);
    const randomClaim = (): Claim => (random() < 0.3 ? { size: 1 + int(5) } : { size: int(6), pools: { [KINDS[int(3)]]: 1 } });
    let l = banquet();
    /** The model: each active entry, holding or waiting, with its claim. */
    const active = new Map<string, { holder: string; claim: Claim; holding: boolean }>();
    let forgotten = { size: 0, pools: {} as Record<string, number> };
    for (let step = 0; step < 400; step++) {
      const op = int(10);
      const entries = [...active.keys()];
      const pick = entries[int(entries.length)];
      if (op < 4 || !pick) {
        const holder = `h${int(40)}`;
        const id = `e${step}`;
        const claim = randomClaim();
        const r = admit(l, holder, id, { needsApproval: false, joinWaitlist: random() < 0.7, claim });
        if ('ledger' in r) {
          l = r.ledger;
          active.set(id, { holder, claim, holding: r.admission !== 'waitlisted' });
        }
      } else if (op < 6) {
        const r = release(l, active.get(pick)!.holder, pick);
        l = r.ledger;
        active.delete(pick);
        for (const id of r.promoted) active.get(id)!.holding = true;
      } else if (op < 8) {
        const claim = randomClaim();
        const r = amend(l, pick, claim);
        if ('ledger' in r) {
          l = r.ledger;
          active.get(pick)!.claim = claim;
          for (const id of r.promoted) active.get(id)!.holding = true;
        }
      } else if (op < 9) {
        const e = active.get(pick)!;
        if (!e.holding) continue;
        l = forget(l, e.holder, pick);
        forgotten = { size: forgotten.size + e.claim.size, pools: { ...forgotten.pools } };
        for (const [k, n] of Object.entries(e.claim.pools ?? {})) forgotten.pools[k] = (forgotten.pools[k] ?? 0) + n;
        active.delete(pick);
      } else {
        const r = resize(l, int(30), { [KINDS[int(3)]]: int(4) });
        if ('ledger' in r) {
          l = r.ledger;
          for (const id of r.promoted) active.get(id)!.holding = true;
        }
      }
      // Sums agree with the model.
      const holding = [...active.values()].filter((e) => e.holding);
      expect(l.held).toBe(forgotten.size + holding.reduce((n, e) => n + e.claim.size, 0));
      for (const kind of KINDS) {
        const held = (forgotten.pools[kind] ?? 0) + holding.reduce((n, e) => n + (e.claim.pools?.[kind] ?? 0), 0);
        expect(l.pools?.[kind]?.held ?? 0).toBe(held);
        expect(held).toBeLessThanOrEqual(l.pools?.[kind]?.cap ?? 0);
      }
      expect(l.held).toBeLessThanOrEqual(l.capacity);
      // The waitlist is exactly the waiting entries, none of which fits; one active entry per holder.
      const waiting = [...active.entries()].filter(([, e]) => !e.holding).map(([id]) => id);
      expect([...l.waitlist].sort()).toEqual(waiting.sort());
      for (const id of l.waitlist) expect(shortage(l, claimOf(l, id))).not.toBeNull();
      expect(Object.values(l.holders).sort()).toEqual([...active.keys()].sort());
      for (const [id, e] of active) expect(claimOf(l, id)).toEqual(e.claim.size === 1 && !e.claim.pools ? { size: 1 } : e.claim);
    }
  });
});
