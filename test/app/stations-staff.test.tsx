import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Coverage, CoverageArea, Street } from '../../contract';
import CoveragePage, { CoverageView } from '../../src/packages/staff/coverage';
import { StationEditor } from '../../src/packages/staff/station-edit';
import StationsAdminPage from '../../src/packages/staff/stations';
import StaffWorkbench from '../../src/packages/staff/index';
import { identityStore } from '../../src/stores/identity';
import { community, ok, roles, station } from './fixtures';
import { answer, calls, fail, transport, typeInto } from './mockTransport';
import { pagesAs, staffWhoami } from './residentPages';
import { openPicker, tapPlane } from './placePicking';
import { straightMetres } from '../../rules/geo';

/** Staff and admins keep the stations: the list, the editor (fields, hours, holidays, 停用) and the 15-minute circle's coverage. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

const streets: Street[] = [
  { id: 's-qy', code: 'QY', name: '清洋街道' },
  { id: 's-fx', code: 'FX', name: '福新街道' },
];

const editor = (props: Partial<Parameters<typeof StationEditor>[0]> = {}) =>
  render(<StationEditor isAdmin={false} staffCommunityId='c-qy' streets={streets} communities={[community]} {...props} />);
const field = (label: string) => screen.getByLabelText(label);
const periodsOf = (day: string) => within(screen.getByTestId(`periods-${day}`));

const ui = pagesAs('demo-staff');

describe('the station editor', () => {
  test('shows each problem beside its field and sends nothing until the form is right', async () => {
    answer(() => ok(station({ id: 'st-new', name: '福海花园党群服务站', level: 'compound' })));
    editor();
    fireEvent.click(screen.getByText('建好服务站'));
    const position = screen.getByTestId('position');
    expect(await within(position).findByText('请在地图上选好位置')).toBeInTheDocument();
    expect(screen.getByText('请填写服务站名称')).toBeInTheDocument();
    expect(screen.getByText('电话号码格式不正确')).toBeInTheDocument();
    expect(screen.getByText('有几项需要修改，请看上面标出的地方')).toBeInTheDocument();

    await typeInto(field('名称'), '福海花园党群服务站');
    fireEvent.click(screen.getByText('小区级'));
    await typeInto(field('地址'), '福山区福海路 8 号');
    await typeInto(field('电话'), '0535-6305678');

    // Picked on the plane around the community: a tap 200 m north-east of its centre, words and a preview after.
    const aimed = { lng: 121.2616, lat: 37.5013 };
    const picker = openPicker(position);
    tapPlane(picker, community.location, aimed);
    fireEvent.click(picker.getByText('用这个位置'));
    expect(within(position).getByTestId('position-words')).toHaveTextContent('已在地图上选好位置');
    expect(within(position).getByTestId('place-plane')).toBeInTheDocument();
    expect(within(position).getByText('重新选择')).toBeInTheDocument();
    expect(position.textContent).not.toMatch(/经度|纬度|GCJ/);
    fireEvent.click(screen.getByText('理发'));
    await typeInto(field('其他服务'), '老年食堂');
    fireEvent.click(screen.getByText('添加'));
    fireEvent.click(screen.getByText('建好服务站'));
    expect(await screen.findByTestId('station-saved')).toHaveTextContent('✓ 服务站已建好，居民现在可以看到。');
    expect(calls('stations', 'save')).toEqual([
      {
        name: '福海花园党群服务站',
        level: 'compound',
        communityId: 'c-qy',
        streetId: null,
        address: '福山区福海路 8 号',
        location: expect.anything(),
        phone: '0535-6305678',
        services: ['理发', '老年食堂'],
        openingHours: { '1': [{ open: '08:30', close: '17:30' }] },
        exceptions: [],
      },
    ]);
    // Where the tap was aimed, within what a tap can mean (10 m on a 300 px plane of 3 km).
    expect(straightMetres(calls('stations', 'save')[0].location, aimed)).toBeLessThan(10);
  });

  test('staff choose only community or compound level; an admin picks a street for a street station', async () => {
    editor();
    expect(screen.queryByText('街道级')).toBeNull();
    expect(screen.getByText('清洋社区')).toBeInTheDocument();
    cleanup();
    editor({ isAdmin: true, staffCommunityId: null });
    expect(screen.getByText('✓ 街道级')).toBeInTheDocument();
    expect(field('所在街道')).toHaveTextContent('请选择街道');
    fireEvent.click(screen.getByText('建好服务站'));
    expect(await screen.findByText('区级和街道级服务站要选择所在街道')).toBeInTheDocument();
  });

  test('the function’s refusal is shown in its own words', async () => {
    answer(() => fail('FORBIDDEN', '这个服务站不归您维护'));
    editor({ station: station() });
    fireEvent.click(screen.getByText('保存修改'));
    expect(await screen.findByTestId('station-problem')).toHaveTextContent('这个服务站不归您维护');
    expect(calls('stations', 'save')[0]).toMatchObject({ stationId: 'st1', services: ['理发', '图书'] });
  });
});

describe('the hours editor', () => {
  test('adds and removes periods, copies Monday to the working days; a closed day says 休息', async () => {
    editor({ station: station() });
    expect(periodsOf('周二').getByText('休息')).toBeInTheDocument();
    fireEvent.click(field('周一添加时段'));
    expect(periodsOf('周一').getByLabelText('周一第2段开门时间')).toHaveTextContent('13:30');
    expect(periodsOf('周一').getByLabelText('周一第2段关门时间')).toHaveTextContent('17:30');
    fireEvent.click(screen.getByText('复制到周二至周五'));
    for (const day of ['周二', '周三', '周四', '周五']) expect(periodsOf(day).getAllByText('删除')).toHaveLength(2);
    expect(periodsOf('周六').getByText('休息')).toBeInTheDocument();
    fireEvent.click(field('删除周三第1段'));
    expect(periodsOf('周三').getByLabelText('周三第1段开门时间')).toHaveTextContent('13:30');
    answer(() => ok(station()));
    fireEvent.click(screen.getByText('保存修改'));
    await waitFor(() => expect(calls('stations', 'save')).toHaveLength(1));
    const hours = calls('stations', 'save')[0].openingHours;
    expect(hours['2']).toEqual([
      { open: '08:30', close: '12:00' },
      { open: '13:30', close: '17:30' },
    ]);
    expect(hours['3']).toEqual([{ open: '13:30', close: '17:30' }]);
  });

  test('overlapping periods are refused beside the hours, before saving', async () => {
    editor({
      station: station({
        openingHours: {
          '4': [
            { open: '08:30', close: '12:00' },
            { open: '11:00', close: '14:00' },
          ],
        },
      }),
    });
    fireEvent.click(screen.getByText('保存修改'));
    expect(await within(screen.getByTestId('hours-editor')).findByText('周四的时段 08:30–12:00 和 11:00–14:00 重叠了')).toBeInTheDocument();
    expect(transport).not.toHaveBeenCalled();
  });

  test('holidays: closed by default with a note, or special hours; one per date', async () => {
    answer(() => ok(station()));
    render(<StationEditor isAdmin={false} staffCommunityId='c-qy' streets={streets} communities={[community]} station={station()} />);
    const exceptions = screen.getByTestId('exceptions-editor');
    fireEvent.click(within(exceptions).getByText('＋ 添加特殊日期'));
    fireEvent.click(within(exceptions).getByText('＋ 添加特殊日期'));
    const [first, second] = within(exceptions).getAllByTestId('exception');
    await typeInto(within(first).getByLabelText('第1个特殊日期的说明'), '国庆节休息');
    fireEvent.click(within(second).getByText('特殊时间'));
    fireEvent.click(screen.getByText('保存修改'));
    await waitFor(() => expect(calls('stations', 'save')).toHaveLength(1));
    const sent = calls('stations', 'save')[0].exceptions;
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ periods: [], note: '国庆节休息' });
    expect(sent[1]).toMatchObject({ periods: [{ open: '08:30', close: '12:00' }], note: '' });
    expect(sent[0].date < sent[1].date).toBe(true);
  });
});

describe('停用 and 启用', () => {
  test('停用 needs a reason and a confirmation; cancelled, nothing is sent', async () => {
    editor({ station: station() });
    const box = screen.getByTestId('active-switch');
    fireEvent.click(within(box).getByText('停用'));
    expect(await within(box).findByText('请填写停用原因')).toBeInTheDocument();
    expect(ui.showModal).not.toHaveBeenCalled();
    await typeInto(within(box).getByLabelText('停用原因'), '房屋维修');
    ui.showModal.mockImplementation(async () => ({ confirm: false, cancel: true }));
    fireEvent.click(within(box).getByText('停用'));
    await waitFor(() =>
      expect(ui.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认停用', content: expect.stringContaining('居民将看不到它') })),
    );
    expect(transport).not.toHaveBeenCalled();
  });

  test('confirmed, the station is stopped, says so in words, and can be started again', async () => {
    answer((_fn, e) => ok(station({ active: e.input.active })));
    editor({ station: station() });
    const box = screen.getByTestId('active-switch');
    await typeInto(within(box).getByLabelText('停用原因'), '房屋维修');
    fireEvent.click(within(box).getByText('停用'));
    expect(await screen.findByText('已停用')).toBeInTheDocument();
    expect(calls('stations', 'setActive')).toEqual([{ stationId: 'st1', active: false, reason: '房屋维修' }]);
    fireEvent.click(within(screen.getByTestId('active-switch')).getByText('重新启用'));
    expect(await screen.findByText('开放中')).toBeInTheDocument();
    expect(calls('stations', 'setActive')[1]).toEqual({ stationId: 'st1', active: true, reason: '' });
  });
});

describe('the stations list and the workbench', () => {
  test('the staff workbench links to 服务站管理 and to the coverage', async () => {
    answer((fn, e) => {
      if (fn === 'account') return staffWhoami();
      if (e.action === 'listCommunities') return ok([community]);
      return ok({ items: [], nextCursor: null });
    });
    render(<StaffWorkbench />);
    fireEvent.click(await screen.findByTestId('stations-entry'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/stations' });
    fireEvent.click(screen.getByTestId('coverage-entry'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/coverage' });
  });

  test('lists the stations with their state in words, stopped ones too', async () => {
    answer((fn) =>
      fn === 'account'
        ? staffWhoami()
        : ok({ items: [station(), station({ id: 'st2', name: '福海花园党群服务站', level: 'compound', active: false })], nextCursor: null }),
    );
    render(<StationsAdminPage />);
    const rows = await screen.findAllByTestId('station-row');
    expect(rows.map((r) => within(r).getByText(/开放中|已停用/).textContent)).toEqual(['开放中', '已停用']);
    expect(within(rows[1]).getByText('小区级')).toBeInTheDocument();
    fireEvent.click(rows[1]);
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/station-edit?id=st2' });
    fireEvent.click(screen.getByText('新建服务站'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/station-edit' });
  });
});

describe('the 15-minute circle’s coverage', () => {
  const area = (i: number, overrides: Partial<CoverageArea> = {}): CoverageArea => ({
    kind: 'compound',
    id: `k${i}`,
    name: `小区${i}`,
    communityId: 'c-qy',
    communityName: '清洋社区',
    households: 1000 - i,
    location: { lng: 121.26, lat: 37.5 },
    nearest: { id: 'st1', name: '清洋社区党群服务站', walkingMetres: 1300 + i, walkingMinutes: 17 },
    covered: false,
    ...overrides,
  });
  const coverage = (uncovered: CoverageArea[]): Coverage => ({ households: 30000, coveredHouseholds: 8000, uncovered, areasChecked: 60 });

  test('totals as numbers and percent; places most households first with their nearest station, a screen of them at a time', () => {
    const uncovered = Array.from({ length: 24 }, (_x, i) => area(i));
    uncovered[1] = area(1, { kind: 'community', name: '河滨社区', communityName: '河滨社区', nearest: null });
    render(<CoverageView coverage={coverage(uncovered)} />);
    expect(screen.getByTestId('coverage-totals')).toHaveTextContent('8000 / 30000 户（26.6%）');
    expect(screen.getByTestId('coverage-totals')).toHaveTextContent('还有 22000 户走路超过 15 分钟，分布在 24 个小区或社区。');
    const rows = screen.getAllByTestId('uncovered');
    // A district has many: only those near the screen are rendered (800 px and a screen below at a 180 px guess), ranked.
    expect(rows.map((r) => r.querySelector('.tag')!.textContent)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(rows[0]).toHaveTextContent('小区0');
    expect(rows[0]).toHaveTextContent('1000 户');
    expect(rows[0]).toHaveTextContent('小区 · 清洋社区');
    expect(rows[0]).toHaveTextContent('最近的服务站：清洋社区党群服务站，步行约 17 分钟（约 1300 米）');
    expect(rows[1]).toHaveTextContent('整个社区（还没有小区资料）');
    expect(rows[1]).toHaveTextContent('5 公里内没有开放的服务站');
  });

  test('everyone covered is said plainly', () => {
    render(<CoverageView coverage={{ households: 1200, coveredHouseholds: 1200, uncovered: [], areasChecked: 3 }} />);
    expect(screen.getByTestId('coverage-totals')).toHaveTextContent('1200 / 1200 户（100%）');
    expect(screen.getByText('✓ 所有居民 15 分钟内都能走到服务站')).toBeInTheDocument();
  });

  test('an admin sees the district, then chooses a street', async () => {
    answer((fn, e) => {
      if (fn === 'account') return ok({ openid: 'demo-admin', roles: roles({ admin: true }), user: null });
      if (e.action === 'listStreets') return ok(streets);
      if (e.action === 'listCommunities') return ok([community]);
      return ok(coverage([area(0)]));
    });
    identityStore.set('demo-admin');
    render(<CoveragePage />);
    await screen.findByTestId('coverage');
    fireEvent.click(await screen.findByText('清洋街道'));
    await waitFor(() => expect(calls('stations', 'coverage')).toContainEqual({ streetId: 's-qy' }));
    expect(calls('stations', 'coverage')[0]).toEqual({});
  });
});
