import ExcelJS from 'exceljs';
import { createResidents as createResidentsOf } from '../helpers/booking-fixtures';
import { expectOk } from '../helpers/cloud';
import { eventInput as eventInputOf, household, laterToday, useEventsCloud } from '../helpers/events-fixtures';
import { chinaDate } from '../../rules/china-time';

/**
 * The staff side of community events through the function host, as the app calls it: the community's
 * list in every state (drafts included), the roster exported as an Excel file read back by an
 * independent reader (exceljs), and residents told when an event's time or place changes.
 */

const COMMUNITY = 'c-staff-events';
const LIST_COMMUNITY = 'c-staff-list';
const OTHER_COMMUNITY = 'c-staff-other';
const STAFF = 'se-staff';
const LIST_STAFF = 'se-list-staff';
const OTHER_STAFF = 'se-other-staff';
const ADMIN = 'se-admin';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

const { db, call } = useEventsCloud({
  communities: { [COMMUNITY]: '活动社区', [LIST_COMMUNITY]: '列表社区', [OTHER_COMMUNITY]: '别的社区' },
  staff: { [STAFF]: COMMUNITY, [LIST_STAFF]: LIST_COMMUNITY, [OTHER_STAFF]: OTHER_COMMUNITY },
  admin: ADMIN,
});
const ok = expectOk;
const createResidents = (prefix: string, n: number) => createResidentsOf(db, prefix, n, COMMUNITY);
const eventInput = (type: 'market' | 'banquet', extra: Record<string, unknown> = {}, startsIn?: number, deadlineIn?: number) =>
  eventInputOf(COMMUNITY, type, extra, startsIn, deadlineIn);

async function createEvent(input: ReturnType<typeof eventInput>, publish: boolean, by = STAFF): Promise<string> {
  const draft = ok(await call('createEvent', input, by));
  if (publish) ok(await call('publishEvent', { eventId: draft.id }, by));
  return draft.id;
}

async function messagesOf(openid: string): Promise<any[]> {
  const { data } = (await db.collection('messages').where({ openid }).orderBy('createdAt', 'asc').get()) as { data: any[] };
  return data;
}

async function readWorkbook(base64: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as plain arrays of cell values, first column first. */
function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push(Array.from(row.values as unknown[], (v) => v ?? null).slice(1)));
  return rows;
}

describe('communityEvents: the staff list of every event of the community', () => {
  test('drafts, published, cancelled and ended events: not yet ended soonest first, then ended latest first, paged', async () => {
    const at = (startsIn: number, title: string) => ({ ...eventInput('banquet', { title, communityId: LIST_COMMUNITY }, startsIn), capacity: 2 });
    const endedLongAgo = await createEvent(at(-5 * DAY, '五天前的百家宴'), true, LIST_STAFF);
    const endedDraft = await createEvent(at(-DAY, '昨天的草稿'), false, LIST_STAFF);
    const underWay = await createEvent(at(-HOUR, '正在进行'), true, LIST_STAFF);
    const draft = await createEvent(at(DAY, '明天的草稿'), false, LIST_STAFF);
    const published = await createEvent(at(2 * DAY, '后天的百家宴'), true, LIST_STAFF);
    const cancelled = await createEvent(at(3 * DAY, '取消了的'), true, LIST_STAFF);
    ok(await call('cancelEvent', { eventId: cancelled, reason: '场地维修' }, LIST_STAFF));
    // Places and the waitlist are shown: two people hold both places, one household waits.
    const [a, b] = await createResidentsOf(db, 'se-list', 2, LIST_COMMUNITY);
    ok(await call('signUp', household(published, 2, 'hot'), a));
    ok(await call('signUp', household(published, 1, 'cold', { joinWaitlist: true }), b));

    const order = [underWay, draft, published, cancelled, endedDraft, endedLongAgo];
    const seen: any[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = ok(await call('communityEvents', { pageSize: 2, ...(cursor && { cursor }) }, LIST_STAFF));
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((e) => e.id)).toEqual(order);
    expect(seen.map((e) => e.state)).toEqual(['published', 'draft', 'published', 'cancelled', 'draft', 'ended']);
    expect(seen.map((e) => e.status)).toEqual(['published', 'draft', 'published', 'cancelled', 'draft', 'published']);
    expect(seen[2]).toMatchObject({ title: '后天的百家宴', communityName: '列表社区', capacity: 2, placesLeft: 0, waitlisted: 1 });
    expect(seen[1]).toMatchObject({ placesLeft: 2, waitlisted: 0 });

    // One page holding the end of the first run and the start of the second.
    const whole = ok(await call('communityEvents', { pageSize: 50 }, LIST_STAFF));
    expect(whole).toEqual({ items: seen, nextCursor: null });

    const only = async (state: string) => ok(await call('communityEvents', { state }, LIST_STAFF)).items.map((e: any) => e.id);
    expect(await only('draft')).toEqual([draft, endedDraft]);
    expect(await only('published')).toEqual([underWay, published]);
    expect(await only('ended')).toEqual([endedLongAgo]);
    expect(await only('cancelled')).toEqual([cancelled]);
  });

  test('staff see their own community only; admins name one; residents are refused; a forged cursor is refused', async () => {
    const [resident] = await createResidents('se-list-refused', 1);
    const mine = await createEvent(eventInput('market', { title: '本社区集市' }), false);
    expect(await call('communityEvents', {}, resident)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call('communityEvents', { communityId: COMMUNITY }, OTHER_STAFF)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call('communityEvents', {}, ADMIN)).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('请选择社区') });
    expect(ok(await call('communityEvents', { communityId: COMMUNITY }, ADMIN)).items.map((e: any) => e.id)).toContain(mine);
    expect(ok(await call('communityEvents', {}, STAFF)).items.map((e: any) => e.id)).toContain(mine);
    expect(ok(await call('communityEvents', {}, OTHER_STAFF)).items).toEqual([]);
    expect(await call('communityEvents', { cursor: 'bm90LWEtY3Vyc29y' }, STAFF)).toMatchObject({ code: 'BAD_INPUT' });
    // A cursor of the not-yet-ended run does not fit the list of ended events.
    const upcomingCursor = ok(await call('communityEvents', { pageSize: 1 }, LIST_STAFF)).nextCursor;
    expect(upcomingCursor).not.toBeNull();
    expect(await call('communityEvents', { state: 'ended', cursor: upcomingCursor }, LIST_STAFF)).toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('exportRoster: the roster as an Excel file for the day', () => {
  test('花名册 lists every sign-up with whole phones, states and check-ins, and a totals line; 汇总 counts dishes kind by kind', async () => {
    const startsIn = laterToday();
    const eventId = await createEvent(
      eventInput('banquet', { title: '测试/百家宴', capacity: 6, dishCaps: { hot: 2, cold: 2, soup: 1 } }, startsIn, startsIn / 2),
      true,
    );
    const [a, b, c, d] = await createResidents('se-export', 4);
    // A name a spreadsheet would take for a formula once saved as CSV, as it could stand in the profile.
    await db
      .collection('users')
      .doc(c)
      .update({ data: { name: '=HYPERLINK("x")' } });
    const sa = ok(await call('signUp', household(eventId, 3, 'hot', { dish: { kind: 'hot', name: '红烧肉 & <鱼>' } }), a));
    ok(await call('signUp', household(eventId, 2, 'cold'), b));
    const sc = ok(await call('signUp', household(eventId, 1, 'soup'), c));
    ok(await call('signUp', household(eventId, 2, 'hot', { joinWaitlist: true }), d));
    ok(await call('checkIn', { eventId, signUpId: sa.id }, STAFF));
    ok(await call('cancelSignUp', { signUpId: sc.id, reason: '有事' }, c));

    const answer = ok(await call('exportRoster', { eventId }, STAFF));
    const day = chinaDate(new Date());
    expect(answer.fileName).toBe(`百家宴-测试百家宴-${day}.xlsx`);
    // An Office Open XML package: a zip whose first entry is [Content_Types].xml.
    const bytes = Buffer.from(answer.base64, 'base64');
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(bytes.subarray(30, 30 + '[Content_Types].xml'.length).toString()).toBe('[Content_Types].xml');

    const workbook = await readWorkbook(answer.base64);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['花名册', '汇总']);
    const roll = workbook.getWorksheet('花名册')!;
    const rows = rowsOf(roll);
    expect(rows[0]).toEqual(['序号', '姓名', '电话', '报名类型', '人数', '菜品', '状态', '签到', '报名时间']);
    expect(roll.getCell('A1').font?.bold).toBe(true);
    expect(roll.getCell('A2').font?.bold).toBeFalsy();
    expect(roll.getColumn(3).width).toBe(14);
    expect(rows.slice(1, 5).map((r) => r.slice(0, 8))).toEqual([
      [1, '居民0', '13900000000', '家庭', 3, '热菜：红烧肉 & <鱼>', '已签到', '是'],
      [2, '居民1', '13900000001', '家庭', 2, '凉菜：cold菜', '报名成功', '否'],
      [3, `'=HYPERLINK("x")`, '13900000002', '家庭', 1, '汤：soup菜', '已取消', '否'],
      [4, '居民3', '13900000003', '家庭', 2, '热菜：hot菜', '候补中（第 1 位）', '否'],
    ]);
    for (const r of rows.slice(1, 5)) expect(r[8]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(rows[5].slice(0, 8)).toEqual(['合计', null, null, null, 5, '有效报名 2 份', '候补 1 份', '已签到 1 份']);
    expect(roll.getCell('A6').font?.bold).toBe(true);
    expect(rows).toHaveLength(6);

    const summary = rowsOf(workbook.getWorksheet('汇总')!);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['活动', '测试/百家宴'],
        ['名额（人）', 6],
        ['报名人数（人）', 5],
        ['剩余名额（人）', 1],
        ['有效报名（份）', 2],
        ['候补（份）', 1],
        ['已签到（份）', 1],
        ['菜品类别', '上限（道）', '已报（道）', '剩余（道）'],
        ['凉菜', 2, 1, 1],
        ['热菜', 2, 1, 1],
        ['汤', 1, 0, 1],
      ]),
    );
    // Kinds the banquet does not want are left out.
    expect(summary.map((r) => r[0])).not.toContain('主食');
  });

  test('only the event’s staff and admins export it', async () => {
    const eventId = await createEvent(eventInput('market', { stallCaps: { food: 2 } }), true);
    const [resident] = await createResidents('se-export-refused', 1);
    ok(await call('signUp', { eventId, kind: 'visitor', headcount: 2 }, resident));
    expect(await call('exportRoster', { eventId }, resident)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call('exportRoster', { eventId }, OTHER_STAFF)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call('exportRoster', { eventId })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await call('exportRoster', { eventId: 'no-such-event' }, STAFF)).toMatchObject({ code: 'NOT_FOUND' });
    const answer = ok(await call('exportRoster', { eventId }, ADMIN));
    expect(answer.fileName).toMatch(/^幸福集市-十二月幸福集市-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const rows = rowsOf((await readWorkbook(answer.base64)).getWorksheet('花名册')!);
    expect(rows[0][5]).toBe('摊位');
    expect(rows[1].slice(1, 7)).toEqual(['居民0', '13900000000', '参观', 2, null, '报名成功']);
    expect(rows[2].slice(0, 6)).toEqual(['合计', null, null, null, 2, '有效报名 1 份，摊位 0 个']);
  });

  test('a roster of 2,000 sign-ups answers well under callFunction’s 1 MB', async () => {
    const eventId = await createEvent(eventInput('banquet', { capacity: 2000, title: '全社区百家宴' }), true);
    const created = new Date();
    const docs = Array.from({ length: 2000 }, (_x, i) => ({
      _id: `se-big-${i}`,
      eventId,
      eventType: 'banquet',
      eventTitle: '全社区百家宴',
      communityId: COMMUNITY,
      startAt: created,
      openid: `se-big-${i}`,
      name: `居民${i}`,
      phone: `139${String(i).padStart(8, '0')}`,
      kind: 'household',
      headcount: 1,
      dish: { kind: ['cold', 'hot', 'staple', 'soup', 'dessert'][i % 5], name: '家常红烧肉炖土豆' },
      stall: null,
      status: 'confirmed',
      entryCode: `CODE${i}`,
      subscribe: false,
      decision: null,
      cancellation: null,
      checkedInAt: null,
      history: [],
      createdAt: new Date(created.getTime() + i * 1000),
      updatedAt: created,
    }));
    for (let i = 0; i < docs.length; i += 100) await db.collection('sign_ups').add({ data: docs.slice(i, i + 100) } as never);

    const started = Date.now();
    const answer = await call('exportRoster', { eventId }, STAFF);
    const took = Date.now() - started;
    const size = Buffer.byteLength(JSON.stringify(answer), 'utf8');
    console.log(`exportRoster of 2000 sign-ups: answer ${size} bytes (xlsx ${Buffer.from(ok(answer).base64, 'base64').length} bytes), ${took} ms`);
    expect(size).toBeLessThan(256 * 1024);
    const rows = rowsOf((await readWorkbook(ok(answer).base64)).getWorksheet('花名册')!);
    expect(rows).toHaveLength(2002);
    expect(rows[2000].slice(0, 4)).toEqual([2000, '居民1999', '13900001999', '家庭']);
    expect(rows[2001][4]).toBe(2000);
  }, 120_000);
});

describe('updateEvent tells everyone signed up when the time or place changes', () => {
  test('active sign-ups are told in-app (and by subscribe message when they asked), in the same transaction; nothing else tells them', async () => {
    const eventId = await createEvent(eventInput('banquet', { capacity: 4, dishCaps: { hot: 3, cold: 3 } }), true);
    const [a, b, c, quiet] = await createResidents('se-moved', 4);
    const sa = ok(await call('signUp', household(eventId, 3, 'hot', { subscribe: true }), a));
    const sb = ok(await call('signUp', household(eventId, 2, 'cold', { joinWaitlist: true }), b));
    const sc = ok(await call('signUp', household(eventId, 1, 'cold'), c));
    ok(await call('cancelSignUp', { signUpId: sc.id }, c));
    const told = async (who: string) => (await messagesOf(who)).filter((m) => m.title === '活动时间地点有变');

    // A new title or more places is not a change of time or place.
    ok(await call('updateEvent', { eventId, title: '十二月百家宴（改名）', description: '新的介绍' }, STAFF));
    expect(await told(a)).toEqual([]);

    // A refused change tells nobody.
    const later = new Date(Date.now() + 3 * DAY);
    const laterInput = { startAt: later.toISOString(), endAt: new Date(later.getTime() + 3 * HOUR).toISOString() };
    expect(await call('updateEvent', { eventId, ...laterInput, capacity: 1 }, STAFF)).toMatchObject({ code: 'CONFLICT' });
    expect(await told(a)).toEqual([]);

    ok(await call('updateEvent', { eventId, ...laterInput }, STAFF));
    const [toA] = await told(a);
    expect(toA).toMatchObject({ read: false, body: expect.stringContaining('时间改为') });
    expect(toA.body).toContain('十二月百家宴（改名）');
    expect(toA.body).not.toContain('地点改为');
    expect(await told(b)).toHaveLength(1);
    expect(await told(c)).toEqual([]);
    expect(await told(quiet)).toEqual([]);
    const outbox = async (who: string) => ((await db.collection('outbox').where({ openid: who }).get()) as { data: any[] }).data;
    expect((await outbox(a)).map((o) => o.data.thing1)).toEqual(['活动时间地点有变']);
    expect(await outbox(b)).toEqual([]);
    // The sign-ups carry the new start: "my sign-ups" and the reminders go by it.
    for (const id of [sa.id, sb.id]) {
      const { data: doc } = (await db.collection('sign_ups').doc(id).get()) as { data: any };
      expect(new Date(doc.startAt).toISOString()).toBe(later.toISOString());
      expect(doc.eventTitle).toBe('十二月百家宴（改名）');
    }
    expect(ok(await call('mySignUps', { scope: 'upcoming' }, a)).items[0]).toMatchObject({ id: sa.id, startAt: later.toISOString() });

    const upstairs = { address: '社区党群服务站二楼', location: { lng: 121.261, lat: 37.501 }, stationId: null };
    // A place must have a position (or be a station): residents are shown the way there.
    expect(await call('updateEvent', { eventId, place: { ...upstairs, location: null } }, STAFF)).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
      message: expect.stringContaining('请在地图上选定活动地点'),
    });
    ok(await call('updateEvent', { eventId, place: upstairs }, STAFF));
    const moved = await told(a);
    expect(moved).toHaveLength(2);
    expect(moved[1].body).toContain('地点改为 社区党群服务站二楼');
    expect(moved[1].body).not.toContain('时间改为');
    // Saving the same time and place again tells nobody twice.
    ok(await call('updateEvent', { eventId, ...laterInput, place: upstairs }, STAFF));
    expect(await told(a)).toHaveLength(2);
  });
});
