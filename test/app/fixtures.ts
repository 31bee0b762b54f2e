import type {
  Booking,
  Community,
  DayView,
  EventDetail,
  EventSummary,
  Message,
  Session,
  SignUp,
  Station,
  TeamDetail,
  TeamSummary,
  User,
  Roles,
} from '../../contract';

/** Function answers as the cloud gives them, for component tests (the client validates them). */
export const community: Community = { id: 'c-qy', code: 'QY01', name: '清洋社区', streetId: 's-qy', location: { lng: 121.26, lat: 37.5 }, households: 1200 };

export const teams: TeamSummary[] = [
  {
    id: 't1',
    name: '福老汇理发队',
    serviceClass: 'haircut',
    communityId: 'c-qy',
    communityName: '清洋社区',
    description: '为老人免费理发',
    nextOccurrence: { date: '2026-11-28', startTime: '09:00', endTime: '11:30' },
  },
  {
    id: 't2',
    name: '泉心为民维修队',
    serviceClass: 'repair',
    communityId: 'c-qy',
    communityName: '清洋社区',
    description: '小家电维修',
    nextOccurrence: null,
  },
];

export function user(overrides: Partial<User> = {}): User {
  return {
    openid: 'demo-resident',
    name: '王秀兰',
    phone: '13812345678',
    communityId: 'c-qy',
    roles: { admin: false, staffOf: [], leaderOf: [] },
    held: [],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

export const ok = (data: unknown) => ({ ok: true, data });

export function booking(overrides: Partial<Booking> = {}): Booking {
  return {
    id: 'b1',
    teamId: 't1',
    teamName: '福老汇理发队',
    communityId: 'c-qy',
    date: '2026-11-28',
    startTime: '09:00',
    endTime: '09:30',
    address: '清洋社区党群服务中心一楼',
    status: 'confirmed',
    waitlistPosition: null,
    name: '王秀兰',
    phone: '13812345678',
    createdAt: '2026-11-24T01:00:00.000Z',
    decision: null,
    cancellation: null,
    checkInCode: 'XFJY1:ABCD2345',
    cancelBefore: '2026-11-26T00:00:00.000Z',
    canCancel: true,
    ...overrides,
  };
}

export function dayView(overrides: Partial<DayView> = {}): DayView {
  return {
    teamId: 't1',
    teamName: '福老汇理发队',
    needsApproval: false,
    occurrence: { date: '2026-11-28', startTime: '09:00', endTime: '10:30' },
    address: '清洋社区党群服务中心一楼',
    state: 'open',
    notice: null,
    opensAt: '2026-11-21T00:00:00.000Z',
    slots: [
      { startTime: '09:00', endTime: '09:30', capacity: 5, held: 2, waitlisted: 0, placesLeft: 3, bookable: true, mine: null },
      { startTime: '09:30', endTime: '10:00', capacity: 5, held: 5, waitlisted: 1, placesLeft: 0, bookable: true, mine: null },
      { startTime: '10:00', endTime: '10:30', capacity: 5, held: 1, waitlisted: 0, placesLeft: 4, bookable: true, mine: null },
    ],
    ...overrides,
  };
}

export function message(overrides: Partial<Message> = {}): Message {
  return {
    id: 'm1',
    title: '预约成功',
    body: '福老汇理发队 11月28日 09:00–09:30 预约成功',
    createdAt: '2026-11-24T01:00:00.000Z',
    read: false,
    bookingId: 'b1',
    eventId: null,
    ...overrides,
  };
}

export function teamDetail(overrides: Partial<TeamDetail> = {}): TeamDetail {
  return {
    ...teams[0],
    services: ['理发'],
    leaders: ['张建国'],
    contactPhone: '0535-6400001',
    active: true,
    schedule: {
      recurrence: { kind: 'weekly', weekdays: [6] },
      startTime: '09:00',
      endTime: '11:30',
      slotMinutes: 30,
      placesPerSlot: 5,
      place: { address: '清洋社区党群服务中心一楼', location: null, stationId: null },
      needsApproval: false,
      opensDaysBefore: 7,
      closesHoursBefore: 2,
      cancelHoursBefore: 2,
      weeklyLimit: 1,
      validFrom: '2026-01-01',
      validUntil: null,
    },
    upcoming: [{ date: '2026-11-28', startTime: '09:00', endTime: '11:30' }],
    ...overrides,
  };
}

export function session(overrides: Partial<Session> = {}): Session {
  return {
    teamId: 't1',
    teamName: '福老汇理发队',
    occurrence: { date: '2026-11-28', startTime: '09:00', endTime: '10:00' },
    slots: [
      {
        startTime: '09:00',
        endTime: '09:30',
        capacity: 2,
        held: 2,
        waitlisted: 1,
        placesLeft: 0,
        bookings: [
          booking({ id: 'b1', checkInCode: null, canCancel: false }),
          booking({ id: 'b2', name: '李大爷', phone: '13900001111', status: 'attended', checkInCode: null, canCancel: false }),
          booking({ id: 'b3', name: '赵阿姨', phone: '13700002222', status: 'waitlisted', waitlistPosition: 1, checkInCode: null, canCancel: false }),
        ],
      },
      { startTime: '09:30', endTime: '10:00', capacity: 2, held: 0, waitlisted: 0, placesLeft: 2, bookings: [] },
    ],
    ...overrides,
  };
}

/** A community station in 清洋社区, open Monday mornings. */
export function station(overrides: Partial<Station> = {}): Station {
  return {
    id: 'st1',
    name: '清洋社区党群服务站',
    level: 'community',
    streetId: 's-qy',
    communityId: 'c-qy',
    address: '清洋街道清洋社区 1 号',
    location: { lng: 121.2612, lat: 37.5012 },
    phone: '0535-6123456',
    services: ['理发', '图书'],
    openingHours: { '1': [{ open: '08:30', close: '12:00' }] },
    exceptions: [],
    active: true,
    ...overrides,
  };
}

/** Places of one kind (a dish or a stall kind) as the events function counts them. */
export const counts = (cap: number, taken: number) => ({ cap, taken, left: cap - taken });

/** 清洋社区's published 幸福集市 on Saturday 28 November, 09:00–12:00 China time. */
export function eventSummary(overrides: Partial<EventSummary> = {}): EventSummary {
  return {
    id: 'e1',
    type: 'market',
    title: '清洋社区幸福集市',
    description: '',
    communityId: 'c-qy',
    communityName: '清洋社区',
    place: { address: '清洋社区广场', location: null, stationId: null },
    startAt: '2026-11-28T01:00:00.000Z',
    endAt: '2026-11-28T04:00:00.000Z',
    deadline: '2026-11-27T10:00:00.000Z',
    capacity: 100,
    placesLeft: 40,
    status: 'published',
    ...overrides,
  };
}

/** The same market open for sign-ups, its 手工 stalls taken, 维修 ones left. */
export function eventDetail(overrides: Partial<EventDetail> = {}): EventDetail {
  return {
    ...eventSummary(),
    maxHeadcount: 6,
    visitorsNeedApproval: false,
    waitlisted: 0,
    dishes: null,
    stalls: { handicraft: counts(4, 4), repair: counts(3, 1), secondhand: counts(0, 0), food: counts(0, 0), service: counts(0, 0), other: counts(0, 0) },
    notice: null,
    contactPhone: null,
    open: true,
    mine: [],
    ...overrides,
  };
}

/** The demo resident's confirmed visit to that market, two people. */
export function signUp(overrides: Partial<SignUp> = {}): SignUp {
  return {
    id: 's1',
    eventId: 'e1',
    eventTitle: '清洋社区幸福集市',
    eventType: 'market',
    startAt: '2026-11-28T01:00:00.000Z',
    kind: 'visitor',
    headcount: 2,
    dish: null,
    stall: null,
    status: 'confirmed',
    waitlistPosition: null,
    name: '王秀兰',
    phone: '13812345678',
    createdAt: '2026-11-20T01:00:00.000Z',
    decision: null,
    cancellation: null,
    entryCode: 'E:ABCD1234',
    canChange: true,
    ...overrides,
  };
}

/** A person's roles as whoami answers them. */
export function roles(held: Partial<Roles> = {}): Roles {
  return { admin: false, staffOf: [], leaderOf: [], ...held };
}
