import { DISH_KINDS, DishKind, StallKind } from '../contract';
import { CommunityDoc, EventDoc, EventLedgerDoc, SignUpDoc } from '../cloudfunctions/_shared/docs';
import { claimOf, emptyLedgerDoc, holderKey, ledgerOf } from '../cloudfunctions/events/ledger';
import { admit, Ledger, release } from '../rules/ledger';

/**
 * The demo's event sign-ups: stall kinds and counts for every 幸福集市, dish kinds for every 百家宴,
 * and, for each upcoming event, a few neighbours signed up — market visitors, stall applications
 * (pending, approved, one in a while rejected) and banquet households with their dish. Each sign-up
 * goes through the same places ledger (rules/ledger.ts, events/ledger.ts) the functions use, in the
 * order people signed up, so ledgers, sign-ups and the events' places taken agree as real ones do.
 *
 * The neighbours have no accounts: a sign-up carries the name and phone it was made with.
 */

export interface SignUpRng {
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export interface EventSignUps {
  events: EventDoc[];
  event_ledgers: EventLedgerDoc[];
  sign_ups: SignUpDoc[];
}

const MINUTE_MS = 60_000;

const STALL_IDEAS: Record<Exclude<StallKind, 'other'>, string[]> = {
  handicraft: ['手工编织的坐垫和杯垫', '剪纸、中国结，现场教做', '自己绣的鞋垫和香包'],
  repair: ['修小家电、配钥匙，不收手工费', '修雨伞、缝补衣服', '自行车打气、换链条'],
  secondhand: ['闲置的童书和玩具', '八成新的锅碗瓢盆', '旧书旧报，换着看'],
  food: ['自家包的三鲜水饺', '手工烙的煎饼', '福山大樱桃，自家树上的'],
  service: ['免费量血压、测血糖', '教老人用手机挂号、视频', '义务理发'],
};

const DISHES: Record<DishKind, string[]> = {
  cold: ['拍黄瓜', '老醋花生', '凉拌海蜇', '酱牛肉'],
  hot: ['红烧肉', '糖醋鲤鱼', '葱烧海参', '家常炖排骨', '锅塌豆腐'],
  staple: ['福山大面', '三鲜水饺', '大馒头', '韭菜盒子'],
  soup: ['海鲜疙瘩汤', '西红柿鸡蛋汤'],
  dessert: ['烟台苹果', '八宝饭', '大樱桃'],
};

/** A market's stalls: a few of each kind, none of "other". */
function stallCapsFor(rng: SignUpRng): Record<Exclude<StallKind, 'other'>, number> {
  return { handicraft: rng.int(3, 6), repair: rng.int(2, 3), secondhand: rng.int(4, 8), food: rng.int(3, 5), service: rng.int(2, 4) };
}

/** A banquet's dishes: about one per household of three, hot ones most. */
function dishCapsFor(capacity: number): Record<DishKind, number> {
  const households = Math.ceil(capacity / 3);
  return {
    cold: Math.ceil(households * 0.25),
    hot: Math.ceil(households * 0.35),
    staple: Math.ceil(households * 0.2),
    soup: Math.ceil(households * 0.1),
    dessert: Math.ceil(households * 0.1),
  };
}

interface Neighbour {
  openid: string;
  name: string;
  phone: string;
}

/** Caps on every event; sign-ups, ledgers and places taken on the upcoming published ones. */
export function eventSignUps(
  events: EventDoc[],
  communities: CommunityDoc[],
  now: Date,
  rng: SignUpRng,
  personName: () => string,
  staffOf: (community: CommunityDoc) => { openid: string; name: string },
): EventSignUps {
  const neighbours = new Map<string, Neighbour[]>(
    communities.map((c) => [
      c._id,
      Array.from({ length: 14 }, (_, i) => ({
        openid: `neighbour-${c.code}-${String(i + 1).padStart(2, '0')}`,
        name: personName(),
        phone: `1${rng.pick(['35', '37', '39', '58', '86'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      })),
    ]),
  );
  const communityOf = new Map(communities.map((c) => [c._id, c]));
  const codes = new Set<string>();
  const entryCode = () => {
    for (;;) {
      const code = Array.from({ length: 8 }, () => rng.pick('23456789ABCDEFGHJKLMNPQRSTUVWXYZ'.split(''))).join('');
      if (!codes.has(code)) return (codes.add(code), code);
    }
  };

  const out: EventSignUps = { events: [], event_ledgers: [], sign_ups: [] };
  for (const plain of events) {
    const event: EventDoc = plain.type === 'market' ? { ...plain, stallCaps: stallCapsFor(rng) } : { ...plain, dishCaps: dishCapsFor(plain.capacity) };
    const upcoming = event.status === 'published' && event.deadline > now;
    if (!upcoming) {
      out.events.push(event);
      continue;
    }
    const community = communityOf.get(event.communityId)!;
    const staff = staffOf(community);
    const people = [...neighbours.get(community._id)!];
    const count = event.type === 'market' ? rng.int(6, 11) : rng.int(4, 9);
    // When each signed up, in order: between the event's publication and now.
    const span = Math.max(1, Math.floor((now.getTime() - event.createdAt.getTime()) / MINUTE_MS));
    const times = Array.from({ length: count }, () => new Date(event.createdAt.getTime() + rng.int(1, span) * MINUTE_MS)).sort(
      (a, b) => a.getTime() - b.getTime(),
    );
    let ledgerDoc = emptyLedgerDoc(event, event.createdAt);
    let ledger: Ledger = ledgerOf(ledgerDoc);
    let changedAt = event.createdAt;

    times.forEach((createdAt, i) => {
      const person = people.splice(rng.int(0, people.length - 1), 1)[0];
      const kind: SignUpDoc['kind'] = event.type === 'banquet' ? 'household' : i % 3 === 2 ? 'stall' : 'visitor';
      const stallKind = rng.pick(Object.keys(STALL_IDEAS) as Array<keyof typeof STALL_IDEAS>);
      const room = DISH_KINDS.filter((k) => (ledger.pools?.[k]?.cap ?? 0) > (ledger.pools?.[k]?.held ?? 0));
      const dishKind = rng.pick(room.length ? room : DISH_KINDS);
      const fields = {
        kind,
        headcount: kind === 'stall' ? 0 : rng.int(1, kind === 'household' ? 5 : 4),
        dish: kind === 'household' ? { kind: dishKind, name: rng.pick(DISHES[dishKind]) } : null,
        stall: kind === 'stall' ? { kind: stallKind, description: rng.pick(STALL_IDEAS[stallKind]) } : null,
      };
      const id = `signup-${event._id.slice('event-'.length)}-${String(i + 1).padStart(2, '0')}`;
      const outcome = admit(ledger, holderKey(person.openid, kind), id, {
        needsApproval: kind === 'stall' || event.visitorsNeedApproval === true,
        joinWaitlist: kind !== 'stall',
        claim: claimOf(fields),
      });
      // A full stall kind refuses the application: nothing is recorded, as in the app.
      if ('refused' in outcome) return;
      ledger = outcome.ledger;
      changedAt = createdAt;
      const doc: SignUpDoc = {
        _id: id,
        eventId: event._id,
        eventType: event.type,
        eventTitle: event.title,
        communityId: event.communityId,
        startAt: event.startAt,
        openid: person.openid,
        name: person.name,
        phone: person.phone,
        ...fields,
        status: outcome.admission,
        entryCode: entryCode(),
        subscribe: rng.chance(0.5),
        decision: null,
        cancellation: null,
        checkedInAt: null,
        history: [{ status: outcome.admission, at: createdAt, by: person.openid, reason: '' }],
        createdAt,
        updatedAt: createdAt,
      };
      // Staff have looked at most applications (stalls, and households of a banquet that asks for approval): approved, now and then one refused.
      if (doc.status === 'pending' && rng.chance(0.7)) {
        const at = new Date(Math.min(now.getTime(), createdAt.getTime() + rng.int(30, 24 * 60) * MINUTE_MS));
        const approved = rng.chance(0.85);
        const reason = approved ? '' : kind === 'stall' ? '同类摊位已经够了，下次早点报名' : '桌位已经排满，下次早点报名';
        doc.status = approved ? 'confirmed' : 'rejected';
        doc.decision = { approved, by: staff.openid, byName: staff.name, at, reason };
        doc.history = [...doc.history, { status: doc.status, at, by: staff.openid, reason }];
        doc.updatedAt = at;
        if (!approved) ledger = release(ledger, holderKey(doc.openid, doc.kind), doc._id).ledger;
        if (at > changedAt) changedAt = at;
      }
      out.sign_ups.push(doc);
    });
    ledgerDoc = { ...ledgerDoc, ...ledger, claims: ledger.claims ?? {}, pools: ledger.pools ?? {}, updatedAt: changedAt };
    out.event_ledgers.push(ledgerDoc);
    out.events.push({ ...event, taken: ledger.held, capacity: ledger.capacity });
  }
  return out;
}

/**
 * What is wrong between an event, its ledger and its sign-ups, or null when they agree: places and
 * kinds held are the holding sign-ups' sums within their caps, the event's places taken are the
 * ledger's, the holders are the active sign-ups and the waitlist the waiting ones.
 */
export function ledgerDisagreement(event: EventDoc, ledger: EventLedgerDoc, signUps: SignUpDoc[]): string | null {
  const holding = signUps.filter((s) => s.status === 'confirmed' || s.status === 'pending' || s.status === 'attended');
  const people = holding.reduce((n, s) => n + s.headcount, 0);
  if (ledger.held !== people) return `holds ${ledger.held} places, its sign-ups ${people}`;
  if (ledger.held > ledger.capacity || ledger.capacity !== event.capacity)
    return `holds ${ledger.held} of ${ledger.capacity} places, the event has ${event.capacity}`;
  if (event.taken !== ledger.held) return `event's places taken ${event.taken}, ledger's ${ledger.held}`;
  const kinds: Record<string, number> = {};
  for (const s of holding) {
    const kind = s.dish?.kind ?? s.stall?.kind;
    if (kind) kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  for (const [kind, pool] of Object.entries(ledger.pools)) {
    if (pool.held !== (kinds[kind] ?? 0)) return `${kind} holds ${pool.held}, its sign-ups ${kinds[kind] ?? 0}`;
    if (pool.held > pool.cap) return `${kind} holds ${pool.held} over its cap ${pool.cap}`;
  }
  const sorted = (ids: string[]) => [...ids].sort().join(',');
  if (sorted(ledger.waitlist) !== sorted(signUps.filter((s) => s.status === 'waitlisted').map((s) => s._id)))
    return 'waitlist differs from the waiting sign-ups';
  const active = signUps.filter((s) => s.status === 'confirmed' || s.status === 'pending' || s.status === 'waitlisted');
  if (sorted(Object.values(ledger.holders)) !== sorted(active.map((s) => s._id))) return 'holders differ from the active sign-ups';
  return null;
}
