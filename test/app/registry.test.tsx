import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Compound, RegistryCommunity, RegistryTeam } from '../../contract';
import { CompoundForm } from '../../src/packages/staff/compounds';
import { TeamForm } from '../../src/packages/staff/teams';
import ChangesPage from '../../src/packages/staff/changes';
import { ProfileForm } from '../../src/packages/leader/profile';
import { TeamDetailView } from '../../src/components/TeamDetailView';
import { community, ok, teamDetail } from './fixtures';
import { answer, calls, fail, transport, typeInto } from './mockTransport';
import { pagesAs } from './residentPages';
import { openPicker, tapPlane } from './placePicking';
import { planeAround } from '../../src/packages/staff/placePlane';

/** The registry's forms: compounds and teams (staff, admins), a team's profile (leaders), the audit log (admins), and the team page residents see. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

const ui = pagesAs('demo-staff');
const qy: RegistryCommunity = { ...community, active: true };
const compound = (overrides: Partial<Compound> = {}): Compound => ({
  id: 'k1',
  name: '东苑小区',
  communityId: 'c-qy',
  streetId: 's-qy',
  location: { lng: 121.261, lat: 37.501 },
  households: 320,
  active: true,
  ...overrides,
});
const team = (overrides: Partial<RegistryTeam> = {}): RegistryTeam => ({
  id: 't1',
  name: '福老汇理发队',
  serviceClass: 'haircut',
  communityId: 'c-qy',
  description: '义务理发',
  services: ['理发'],
  contactPhone: '0535-6400001',
  leaders: [
    { name: '张建国', phone: '13905350001', hasAccount: true },
    { name: '李明', phone: '13905350002', hasAccount: false },
  ],
  active: true,
  ...overrides,
});
const field = (label: string) => screen.getByLabelText(label);

describe('a compound', () => {
  test('problems beside their fields, nothing sent; then saved with the community’s centre', async () => {
    const onDone = jest.fn();
    answer(() => ok(compound({ id: 'k-new', name: '福海花园' })));
    render(<CompoundForm communities={[qy]} communityId='c-qy' onDone={onDone} />);
    fireEvent.click(screen.getByText('建好小区'));
    expect(await screen.findByText('请填写小区名称')).toBeInTheDocument();
    expect(screen.getByText('户数要填整数')).toBeInTheDocument();
    expect(screen.getByText('请在地图上选好位置')).toBeInTheDocument();
    expect(transport).not.toHaveBeenCalled();

    await typeInto(field('小区名称'), ' 福海花园 ');
    await typeInto(field('户数'), '450');
    // Picked about 6 km east of the community's centre, the plane moved there (1.5 km a move).
    const picker = openPicker(screen.getByTestId('compound-form'));
    let centre = community.location;
    for (let move = 0; move < 4; move += 1) {
      fireEvent.click(picker.getByLabelText('地图往东看'));
      centre = planeAround(centre).moved(1, 0);
    }
    tapPlane(picker, centre, { lng: 121.33, lat: 37.5 });
    fireEvent.click(picker.getByText('用这个位置'));
    fireEvent.click(screen.getByText('建好小区'));
    expect(await screen.findByText('位置离所属社区超过 5 公里，请检查位置是否选对')).toBeInTheDocument();
    expect(transport).not.toHaveBeenCalled();

    // 重新选择 opens on the place picked; the plane moved back, the community's centre is at hand.
    const again = openPicker(screen.getByTestId('compound-form'));
    for (let move = 0; move < 4; move += 1) fireEvent.click(again.getByLabelText('地图往西看'));
    fireEvent.click(again.getByText('放在清洋社区中心'));
    fireEvent.click(again.getByText('用这个位置'));
    fireEvent.click(screen.getByText('建好小区'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(true));
    expect(calls('registry', 'saveCompound')).toEqual([{ name: '福海花园', communityId: 'c-qy', location: { lng: 121.26, lat: 37.5 }, households: 450 }]);
  });

  test('the function’s refusal is shown in its words', async () => {
    answer(() => fail('CONFLICT', '已经有叫“东苑小区”的小区了，请换一个'));
    render(<CompoundForm communities={[qy]} communityId='c-qy' compound={compound({ id: 'k2', name: '西苑小区' })} onDone={jest.fn()} />);
    await typeInto(field('小区名称'), '东苑小区');
    fireEvent.click(screen.getByText('保存修改'));
    expect(await screen.findByTestId('form-problem')).toHaveTextContent('已经有叫“东苑小区”的小区了，请换一个');
    expect(calls('registry', 'saveCompound')[0]).toMatchObject({ compoundId: 'k2', name: '东苑小区' });
  });

  test('停用 needs a reason and a confirmation, then says 已停用 in words', async () => {
    answer((_fn, e) => ok(compound({ active: e.input.active })));
    render(<CompoundForm communities={[qy]} communityId='c-qy' compound={compound()} onDone={jest.fn()} />);
    const box = screen.getByTestId('active-switch');
    fireEvent.click(within(box).getByText('停用'));
    expect(await within(box).findByText('请填写停用原因')).toBeInTheDocument();
    expect(ui.showModal).not.toHaveBeenCalled();
    await typeInto(within(box).getByLabelText('停用原因'), '已拆迁');
    fireEvent.click(within(box).getByText('停用'));
    expect(await screen.findByText('已停用')).toBeInTheDocument();
    expect(ui.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认停用', content: expect.stringContaining('以往的记录都会保留') }));
    expect(calls('registry', 'setCompoundActive')).toEqual([{ compoundId: 'k1', active: false, reason: '已拆迁' }]);
  });
});

describe('a team', () => {
  test('keeps leaders who hold the role, edits the listed ones, splits services', async () => {
    const onDone = jest.fn();
    answer(() => ok(team()));
    render(<TeamForm communities={[qy]} communityId='c-qy' team={team()} onDone={onDone} />);
    expect(screen.getAllByTestId('leader-holder').map((r) => r.textContent)).toEqual(['张建国已开通']);
    await typeInto(field('服务内容（用顿号隔开）'), '理发、修面，洗头');
    fireEvent.click(screen.getByText('添加队长'));
    await typeInto(field('队长2姓名'), '王芳');
    await typeInto(field('队长2手机号'), '1390535');
    fireEvent.click(screen.getByText('保存修改'));
    expect(await screen.findByText('第 2 位队长的手机号应为 11 位手机号')).toBeInTheDocument();
    expect(transport).not.toHaveBeenCalled();
    await typeInto(field('队长2手机号'), '13905350003');
    fireEvent.click(screen.getByText('保存修改'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(true));
    expect(calls('registry', 'saveTeam')).toEqual([
      {
        teamId: 't1',
        name: '福老汇理发队',
        serviceClass: 'haircut',
        communityId: 'c-qy',
        description: '义务理发',
        services: ['理发', '修面', '洗头'],
        contactPhone: '0535-6400001',
        leaders: [
          { name: '李明', phone: '13905350002' },
          { name: '王芳', phone: '13905350003' },
        ],
      },
    ]);
  });
});

describe('a team’s profile, by its leader', () => {
  test('checks the phone, then saves and says so', async () => {
    answer(() => ok(team()));
    render(<ProfileForm team={teamDetail({ id: 't1' })} />);
    await typeInto(field('联系电话'), '6400001');
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText(/联系电话格式不正确/)).toBeInTheDocument();
    await typeInto(field('联系电话'), '13805351002');
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByTestId('profile-saved')).toBeInTheDocument();
    expect(calls('registry', 'updateTeamProfile')).toEqual([{ teamId: 't1', description: teamDetail().description, contactPhone: '13805351002' }]);
  });
});

describe('the team page residents see', () => {
  test('the contact phone to tap and call; a stopped team says so', async () => {
    const { rerender } = render(<TeamDetailView team={teamDetail({ contactPhone: '0535-6400001' })} />);
    fireEvent.click(screen.getByTestId('team-call'));
    expect(ui.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0535-6400001' });
    expect(screen.queryByTestId('team-stopped')).toBeNull();
    rerender(<TeamDetailView team={teamDetail({ contactPhone: null, active: false, upcoming: [] })} />);
    expect(screen.getByTestId('team-stopped')).toHaveTextContent('这个服务队已停用，不再接受预约');
    expect(screen.queryByTestId('team-call')).toBeNull();
  });
});

describe('操作记录', () => {
  test('newest first with what changed; narrowed to a person and to an object', async () => {
    const entry = {
      id: 'a1',
      at: '2026-03-10T02:00:00.000Z',
      actor: 'demo-staff',
      actorName: '李娜',
      action: 'registry.saveTeam',
      kind: 'teams',
      target: 't1',
      targetName: '福老汇理发队',
      reason: '',
      changes: [{ field: 'contactPhone', before: '（空）', after: '0535-6400001' }],
    };
    answer(() => ok({ items: [entry], nextCursor: null }));
    render(<ChangesPage />);
    const row = await screen.findByTestId('change-row');
    expect(row).toHaveTextContent('2026年3月10日 10:00 · 李娜');
    expect(row).toHaveTextContent('联系电话：（空） → 0535-6400001');
    fireEvent.click(within(row).getByText('只看此人'));
    await waitFor(() => expect(calls('registry', 'listChanges').slice(-1)[0]).toMatchObject({ actor: 'demo-staff' }));
    fireEvent.click(within(await screen.findByTestId('change-row')).getByText('只看此对象'));
    await waitFor(() => expect(calls('registry', 'listChanges').slice(-1)[0]).toMatchObject({ actor: 'demo-staff', kind: 'teams', target: 't1' }));
    expect(screen.getByTestId('filters')).toHaveTextContent('只看：李娜 的操作');
  });
});
