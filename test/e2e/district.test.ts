import ExcelJS from 'exceljs';
import fs from 'fs';
import path from 'path';
import type { Locator, Page } from 'playwright-core';
import type { Booking, Community, DayView, TeamDetail } from '../../contract';
import { straightMetres } from '../../rules/geo';
import { formatOccurrence, weekdayName } from '../../src/format';
import { ROOT } from '../helpers/cloud';
import { currentPage, waitForRoute, waitForText, waitUntil } from '../helpers/browser';
import { chip, TrackedPage, useDemoApp } from '../helpers/demo-app';
import { pickLandmark, pickOnPlane } from '../helpers/place-picker';
import { DISTRICT_CENTRE } from '../../src/packages/staff/placePlane';

/**
 * Issue 13, end to end in Chromium: from an empty store, one person makes themself the first district
 * admin with the setup code and builds a small district entirely through the app: a street, two
 * communities, compounds, a service team imported from an .xlsx; invites the team's leader, who posts a
 * schedule, and a community worker, who approves a resident's booking. No seed data: everyone is a new
 * OPENID (the h5 build's `?openid=`).
 */

const app = useDemoApp({ seed: false });

const ADMIN_A = 'e2e-district-admin';
const LEADER_B = 'e2e-team-leader';
const STAFF_C = 'e2e-community-worker';
const RESIDENT_D = 'e2e-resident';

const SETUP_CODE = (JSON.parse(fs.readFileSync(path.join(ROOT, 'config', 'localcloud.json'), 'utf8')) as { functionEnv: { ADMIN_SETUP_CODE: string } })
  .functionEnv.ADMIN_SETUP_CODE;

const TEAM = '清洋理发志愿队';
const COMMUNITY = '清洋社区';

/** Types into the Taro <Input> labelled `label` inside `scope` (the label is on Taro's element, the text goes to its <input>). */
async function typeInto(scope: Locator, label: string, value: string): Promise<void> {
  await scope.locator(`taro-input-core[aria-label="${label}"] input`).fill(value);
}

/** A Taro <Button> inside `scope` by its words (all of them). */
function button(scope: Locator, text: string): Locator {
  return scope.locator('taro-button-core', { hasText: new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
}

/**
 * Chooses `option` in the Taro <Picker> whose field is labelled `label` inside `scope`: tap the field,
 * tap the option on the wheel (it lies under the wheel's fading mask, which takes the tap and turns the
 * wheel to it, as a finger's tap does), wait until it sits in the wheel's window, then 确定.
 */
async function pick(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.locator(`[aria-label="${label}"]`).click();
  // The sheet that slides up (its overlay has no box of its own); once it stands still.
  const overlay = page.locator('.weui-picker:visible');
  await overlay.locator('.weui-picker__action', { hasText: '确定' }).click({ trial: true });
  const item = overlay.locator('.weui-picker__item').filter({ hasText: new RegExp(`^${option}$`) });
  const middle = overlay.locator('.weui-picker__indicator');
  await item.click({ force: true });
  await waitUntil(
    async () => {
      const [a, b] = await Promise.all([item.boundingBox(), middle.boundingBox()]);
      return a && b ? Math.abs(a.y + a.height / 2 - (b.y + b.height / 2)) : Infinity;
    },
    (off) => off < 2,
    5000,
    `“${option}” in the picker's window`,
  );
  await overlay.locator('.weui-picker__action', { hasText: '确定' }).click();
  await overlay.waitFor({ state: 'hidden' });
  await waitForText(scope.locator(`[aria-label="${label}"]`), option);
}

/** Confirms WeChat's dialog (Taro.showModal on h5) once it says `text`. */
async function confirmDialog(page: Page, text: string): Promise<void> {
  const modal = page.locator('.taro__modal');
  await waitForText(modal, text);
  await modal.locator('.taro-model__confirm').click();
  await modal.waitFor({ state: 'hidden' });
}

/** Opens a tab (服务, 我的) from a tab page (the tab bar shows there). */
async function openTab(page: Page, label: '服务' | '我的'): Promise<Locator> {
  await page.locator('.taro-tabbar__tabbar .weui-tabbar__label', { hasText: new RegExp(`^${label}$`) }).click();
  return waitForRoute(page, label === '我的' ? '/pages/me/index' : '/pages/service/index');
}

/** A new person's first visit: the app as `openid`, then their profile filled in from 我的; answers 我的. */
async function newPerson(openid: string, profile: { name: string; phone: string; community?: string }): Promise<{ page: TrackedPage; me: Locator }> {
  const page = await app.openApp({ openid });
  await waitForText(currentPage(page), `演示身份：${openid}`);
  let me = await openTab(page, '我的');
  await waitForText(me.getByTestId('profile-card'), '欢迎使用幸福家园');
  await button(me.getByTestId('profile-card'), '填写个人信息').click();
  const form = await waitForRoute(page, '/pages/me/profile');
  await typeInto(form, '姓名', profile.name);
  await typeInto(form, '手机号', profile.phone);
  if (profile.community) await pick(page, form, '所在社区', profile.community);
  else await waitForText(form.getByTestId('no-communities'), '还没有登记社区');
  await button(form, '保存').click();
  me = await waitForRoute(page, '/pages/me/index');
  const card = me.getByTestId('profile-card');
  await waitForText(card, profile.name);
  await waitForText(card, `社区：${profile.community ?? '未选择'}`);
  return { page, me };
}

/** From 我的: 输入邀请码, the code typed, what it gives shown, accepted; answers the "done" card. */
async function acceptInvitation(page: Page, me: Locator, code: string, expected: { roleLabel: string; invitedBy: string }): Promise<Locator> {
  await me.getByTestId('enter-invitation').click();
  const accept = await waitForRoute(page, '/packages/invite/accept');
  await typeInto(accept, '邀请码', code);
  await button(accept, '查看邀请').click();
  const preview = accept.getByTestId('invitation-preview');
  await waitForText(preview, `${expected.invitedBy} 邀请您担任`);
  await waitForText(preview, expected.roleLabel);
  await waitForText(preview, `邀请码 ${code}`);
  await button(accept, '接受邀请').click();
  const done = accept.getByTestId('accept-done');
  await waitForText(done, `您已成为${expected.roleLabel}`);
  return done;
}

/** On 邀请 (区管理): an invitation for `role` in `community` (and `team`), made; answers the code shown. */
async function invite(page: Page, role: '服务队队长' | '社区工作者', community: string, team?: string): Promise<string> {
  const screen = await waitForRoute(page, '/packages/admin/invitations');
  const form = screen.getByTestId('new-invitation');
  await chip(form, role).click();
  await waitForText(form, `✓ ${role}`);
  await pick(page, form, '社区', community);
  if (team) await pick(page, form, '服务队', team);
  await waitForText(form, '✓ 7 天');
  await waitForText(form, '✓ 1 人');
  await button(form, '生成邀请码').click();
  const made = screen.getByTestId('made-invitation');
  await waitForText(made, `${role} · ${team ?? community}`);
  await waitForText(made, '可以用 1 次');
  await made.locator('taro-image-core[aria-label="邀请二维码"] img').waitFor();
  const code = (await made.getByTestId('invitation-code').innerText()).trim();
  expect(code).toMatch(/^[0-9A-Z]{4} [0-9A-Z]{4}$/);
  return code;
}

/** The import file: one team on the 服务队 sheet, with the template's columns (cloudfunctions/imports/sheets.ts). */
async function teamWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('服务队');
  sheet.addRow(['服务队名称', '所属社区', '服务类别', '服务项目', '简介', '联系电话', '队长姓名', '队长手机']);
  sheet.addRow([TEAM, COMMUNITY, '理发', '理发、剃须', '每天为老人理发', '0535-6301234', '李红梅', '13905350002']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('an admin builds a district from nothing; an invited leader posts a schedule; invited staff approve a resident’s booking', async () => {
  // ---- 1. A: profile (no community exists yet), then the setup code makes them the first 区管理员.
  const { page: a, me: meA } = await newPerson(ADMIN_A, { name: '王建华', phone: '13905350001' });
  await waitForText(meA.getByTestId('profile-card'), '居民');
  expect(await meA.getByTestId('workbench-admin').count()).toBe(0);
  await meA.getByTestId('enter-invitation').click();
  const accept = await waitForRoute(a, '/packages/invite/accept');
  await accept.getByText('首次设置：输入设置码').click();
  await typeInto(accept, '设置码', SETUP_CODE);
  await button(accept, '成为区管理员').click();
  await waitForText(accept, '您已成为区管理员');
  await button(accept, '进入区管理').click();
  await waitForRoute(a, '/packages/admin/index');
  await a.goBack();
  const meAdmin = await waitForRoute(a, '/pages/me/index');
  await waitForText(meAdmin.getByTestId('profile-card'), '区管理员');
  await waitForText(meAdmin.getByTestId('workbench-admin'), '进入区管理');

  // ---- 2. A registers the district, a street, two communities (positions picked on the map) and two compounds.
  await meAdmin.getByTestId('workbench-admin').click();
  let admin = await waitForRoute(a, '/packages/admin/index');
  await admin.getByTestId('registry-entry').click();
  const registry = await waitForRoute(a, '/packages/staff/registry');
  await waitForText(registry, '还没有登记区');
  await button(registry, '登记区').click();
  const districtForm = registry.getByTestId('district-form');
  await typeInto(districtForm, '区名称', '福山区');
  await typeInto(districtForm, '区代码', '370611');
  await button(districtForm, '保存').click();
  await waitForText(registry.getByTestId('district'), '福山区');
  await waitForText(registry, '街道（0）');

  await button(registry, '新建街道').click();
  const streetForm = registry.getByTestId('street-form');
  await typeInto(streetForm, '街道名称', '清洋街道');
  await typeInto(streetForm, '街道代码', '370611001');
  await button(streetForm, '建好街道').click();
  const street = registry.getByTestId('street-row').filter({ hasText: '清洋街道' });
  await waitForText(street, '在用');
  await waitForText(registry, '街道（1）');
  await button(street, '查看社区').click();
  const communities = registry.getByTestId('communities');
  await waitForText(communities, '这个街道还没有社区');

  const communityRows = [
    { name: COMMUNITY, code: '370611001001', households: '1800', position: { lng: 121.2671, lat: 37.4964 } },
    { name: '福海社区', code: '370611001002', households: '2400', position: { lng: 121.2795, lat: 37.5032 } },
  ];
  for (const c of communityRows) {
    await button(communities, '新建社区').click();
    const form = communities.getByTestId('community-form');
    await typeInto(form, '社区名称', c.name);
    await typeInto(form, '社区代码', c.code);
    await typeInto(form, '户数', c.households);
    await waitForText(form.locator('[aria-label="所属街道"]'), '清洋街道');
    // The district has no place yet: the map opens on the district's centre.
    await pickOnPlane(form, DISTRICT_CENTRE, c.position);
    await button(form, '建好社区').click();
    await waitForText(communities.getByTestId('community-row').filter({ hasText: c.name }), `代码 ${c.code} · ${c.households} 户`);
  }
  await waitForText(communities, '清洋街道的社区（2）');
  const registered = await app.call<Community[]>('directory', 'listCommunities', {}, ADMIN_A);
  for (const c of communityRows) expect(straightMetres(registered.find((s) => s.name === c.name)!.location, c.position)).toBeLessThan(15);
  const qingyang = registered.find((s) => s.name === COMMUNITY)!;

  // 清洋社区's compounds: one picked on the map around the community, one at the community's centre.
  await button(communities.getByTestId('community-row').filter({ hasText: COMMUNITY }), '小区').click();
  const compounds = await waitForRoute(a, '/packages/staff/compounds');
  await waitForText(compounds, `${COMMUNITY}的小区`);
  await waitForText(compounds, '还没有登记小区');
  for (const c of [
    { name: '东苑小区', households: '320', position: { lng: 121.2702, lat: 37.4981 } },
    { name: '西苑小区', households: '260', position: null },
  ]) {
    await button(compounds, '新建小区').click();
    const form = compounds.getByTestId('compound-form');
    await typeInto(form, '小区名称', c.name);
    await typeInto(form, '户数', c.households);
    await waitForText(form.locator('[aria-label="所属社区"]'), COMMUNITY);
    if (c.position) {
      await pickOnPlane(form, qingyang.location, c.position);
    } else {
      await pickLandmark(form, `${COMMUNITY}中心`);
      await waitForText(form.getByTestId('position-words'), `已选：${COMMUNITY}中心`);
    }
    await button(form, '建好小区').click();
    await waitForText(compounds.getByTestId('compound-row').filter({ hasText: c.name }), `${c.households} 户`);
  }
  await a.goBack();
  await waitForRoute(a, '/packages/staff/registry');
  await a.goBack();
  admin = await waitForRoute(a, '/packages/admin/index');

  // ---- 3. A imports the team from an .xlsx: chosen, previewed (新增 1), confirmed, imported.
  await admin.getByTestId('import-entry').click();
  const importPage = await waitForRoute(a, '/packages/staff/import');
  await waitForText(importPage, '从 Excel 导入福山区的街道、社区、小区、服务队和服务站');
  const chooser = a.waitForEvent('filechooser');
  await importPage.getByTestId('choose-file').click();
  await (
    await chooser
  ).setFiles({ name: '服务队.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await teamWorkbook() });
  const preview = importPage.getByTestId('import-preview');
  await waitForText(preview, '服务队.xlsx');
  const counts = preview.getByTestId('sheet-counts');
  await waitForText(counts, '服务队');
  expect(await counts.count()).toBe(1);
  expect(await counts.locator('.tag').allInnerTexts()).toEqual(['新增 1']);
  await waitForText(preview.getByTestId('import-row'), `服务队 第 2 行 · ${TEAM}`);
  await button(preview, '确认导入 1 行').click();
  await confirmDialog(a, '将写入 1 行');
  await waitForText(preview.getByTestId('import-done'), '已导入：成功 1 行');
  // The team is now among 清洋社区's, with the leader the file named (a name only: the role comes by invitation).
  await a.goBack();
  admin = await waitForRoute(a, '/packages/admin/index');
  await admin.getByTestId('registry-entry').click();
  const registryAgain = await waitForRoute(a, '/packages/staff/registry');
  await button(registryAgain.getByTestId('street-row').filter({ hasText: '清洋街道' }), '查看社区').click();
  await button(registryAgain.getByTestId('community-row').filter({ hasText: COMMUNITY }), '服务队').click();
  const teams = await waitForRoute(a, '/packages/staff/teams');
  await waitForText(teams, `${COMMUNITY}的服务队`);
  const teamRow = teams.getByTestId('team-row');
  await waitForText(teamRow, TEAM);
  await waitForText(teamRow, '队长：李红梅');
  expect(await teamRow.count()).toBe(1);
  await a.goBack();
  await waitForRoute(a, '/packages/staff/registry');
  await a.goBack();
  admin = await waitForRoute(a, '/packages/admin/index');

  // ---- 4. A invites B as the team's leader; B accepts with the code and posts a schedule.
  await admin.getByTestId('invitations-entry').click();
  const leaderCode = await invite(a, '服务队队长', COMMUNITY, TEAM);

  const { page: b, me: meB } = await newPerson(LEADER_B, { name: '李红梅', phone: '13905350002', community: COMMUNITY });
  const doneB = await acceptInvitation(b, meB, leaderCode, { roleLabel: `服务队队长 · ${TEAM}`, invitedBy: '王建华' });
  await button(doneB, '进入队长工作台').click();
  const leaderHome = await waitForRoute(b, '/packages/leader/index');
  await waitForText(leaderHome, TEAM);
  await waitForText(leaderHome, '这个服务队还没有公布固定服务日');
  await button(leaderHome, '发布固定服务日').click();
  const editor = await waitForRoute(b, '/packages/leader/schedule');
  await waitForText(editor, TEAM);
  // Every day (the form starts with Saturday), 09:00–11:30 in 30-minute slots of 5, needing approval, from today on.
  const weekdays = editor.getByTestId('weekdays');
  for (let day = 1; day <= 7; day++) {
    const dayChip = chip(weekdays, weekdayName(day));
    if (!/✓/.test(await dayChip.innerText())) await dayChip.click();
    await waitForText(dayChip, `✓ ${weekdayName(day)}`);
  }
  await editor.getByTestId('needs-approval').click();
  await expect(editor.getByTestId('needs-approval').getAttribute('aria-checked')).resolves.toBe('true');
  await typeInto(editor, '服务地点', '清洋社区党群服务中心一楼');
  await waitForText(editor, '每次 5 个时段，每个时段 5 个名额，共 25 个名额');
  const previewDays = editor.getByTestId('preview').getByTestId('preview-day');
  await waitUntil(
    () => previewDays.count(),
    (n) => n === 6,
    5000,
    'six days in the preview',
  );
  await button(editor, '保存固定服务日').click();
  await waitForRoute(b, '/packages/leader/index');
  await waitForText(leaderHome, '预约需社区审核');
  await waitForText(leaderHome, '编辑固定服务日');
  // The coming days on the workbench are the ones the functions now give the team.
  const teamId = (await app.call<{ roles: { leaderOf: string[] } }>('account', 'whoami', {}, LEADER_B)).roles.leaderOf[0];
  const team = await app.call<TeamDetail>('service', 'getTeam', { teamId }, LEADER_B);
  expect(team.schedule).toMatchObject({
    startTime: '09:00',
    endTime: '11:30',
    needsApproval: true,
    recurrence: { kind: 'weekly', weekdays: [1, 2, 3, 4, 5, 6, 7] },
  });
  expect(team.upcoming.length).toBeGreaterThan(0);
  await waitForText(leaderHome.getByTestId('occurrence').first(), formatOccurrence(team.upcoming[0]));

  // ---- 5. A invites C as staff of 清洋社区 (B's invitation shows as used); C accepts.
  await a.bringToFront();
  const invitations = currentPage(a);
  await button(invitations.getByTestId('made-invitation'), '完成').click();
  await waitForText(invitations.getByTestId('invitation-row').filter({ hasText: TEAM }), '已用 1 / 1 人：李红梅');
  const staffCode = await invite(a, '社区工作者', COMMUNITY);

  const { page: c, me: meC } = await newPerson(STAFF_C, { name: '赵敏', phone: '13905350003', community: COMMUNITY });
  const doneC = await acceptInvitation(c, meC, staffCode, { roleLabel: `社区工作者 · ${COMMUNITY}`, invitedBy: '王建华' });

  // D, a resident of 清洋社区, books the first slot open on the team's page.
  const { page: d } = await newPerson(RESIDENT_D, { name: '张淑芬', phone: '13905350004', community: COMMUNITY });
  const service = await openTab(d, '服务');
  await service.getByTestId('team-card').filter({ hasText: TEAM }).click();
  const teamPage = await waitForRoute(d, '/pages/service/team');
  await waitForText(teamPage, '每个时段 30 分钟，5 个名额，预约需社区审核');
  // The first service day with a slot still open (today's may have closed already): as the functions say.
  const seen = await app.call<TeamDetail>('service', 'getTeam', { teamId }, RESIDENT_D);
  let open: { index: number; day: DayView } | undefined;
  for (const [index, o] of seen.upcoming.entries()) {
    const day = await app.call<DayView>('booking', 'day', { teamId, date: o.date }, RESIDENT_D);
    if (day.state === 'open' && day.slots.some((s) => s.bookable && s.placesLeft > 0)) {
      open = { index, day };
      break;
    }
  }
  if (!open) throw new Error('no service day with an open slot among the team’s coming days');
  await teamPage.getByTestId('occurrence').nth(open.index).click();
  const dayPage = await waitForRoute(d, '/pages/service/day');
  await waitForText(dayPage, formatOccurrence(open.day.occurrence));
  await waitForText(dayPage, '✓ 可以预约');
  await waitForText(dayPage, '这个服务队的预约需要社区审核');
  const slot = dayPage.getByTestId('slot').filter({ hasText: '剩余 5 个名额' }).first();
  const slotTime = (await slot.locator('.t-title').innerText()).trim();
  expect(slotTime).toMatch(/^\d\d:\d\d–\d\d:\d\d$/);
  await slot.click();
  const confirm = dayPage.getByTestId('confirm');
  await waitForText(confirm, '姓名：张淑芬');
  await waitForText(confirm, '地点：清洋社区党群服务中心一楼');
  await button(dayPage, '确认预约').click();
  const bookingPage = await waitForRoute(d, '/pages/me/booking');
  await waitForText(bookingPage.getByTestId('booking-status'), '待审核');

  // C opens the 社区工作台: one booking waits; approves it.
  await c.bringToFront();
  await button(doneC, '进入社区工作台').click();
  const staffHome = await waitForRoute(c, '/packages/staff/index');
  await waitForText(staffHome, COMMUNITY);
  await waitForText(staffHome.getByTestId('approvals-entry'), '1 个待审核');
  await staffHome.getByTestId('approvals-entry').click();
  const approvals = await waitForRoute(c, '/packages/staff/approvals');
  const waiting = approvals.getByTestId('approval');
  await waitForText(waiting, '张淑芬');
  expect(await waiting.count()).toBe(1);
  await waitForText(waiting, TEAM);
  await waitForText(waiting, slotTime);
  await waiting.locator('.toggle').click();
  await button(approvals, '通过（1）').click();
  await confirmDialog(c, '通过选中的 1 个预约');
  await waitForText(approvals.getByTestId('decision-result'), /✓ 张淑芬（.+）：已通过/);
  await waitForText(approvals, '没有等待审核的预约');

  // D sees it confirmed in 我的预约.
  await d.bringToFront();
  await d.goBack();
  await waitForRoute(d, '/pages/service/team');
  await d.goBack();
  await waitForRoute(d, '/pages/service/index');
  const meD = await openTab(d, '我的');
  await meD.getByTestId('my-bookings').click();
  const mine = await waitForRoute(d, '/pages/me/bookings');
  const card = mine.getByTestId('booking-status').first();
  await waitForText(card, '已确认');
  await waitForText(mine, TEAM);
  await waitForText(mine, slotTime);
  const stored = await app.call<{ items: Booking[] }>('booking', 'mine', { scope: 'upcoming', pageSize: 20 }, RESIDENT_D);
  expect(stored.items.map((x) => ({ team: x.teamName, status: x.status, date: x.date }))).toEqual([
    { team: TEAM, status: 'confirmed', date: open.day.occurrence.date },
  ]);

  for (const page of [a, b, c, d]) expect(page.errors).toEqual([]);
  expect(app.browser.blocked).toEqual([]);
}, 300_000);
