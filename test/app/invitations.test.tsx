import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Invitation, InvitationPreview, User } from '../../contract';
import { InvitationsScreen } from '../../src/components/InvitationsScreen';
import PeoplePage from '../../src/packages/admin/people';
import AcceptInvitationPage, { codeFromQuery } from '../../src/packages/invite/accept';
import MePage from '../../src/pages/me/index';
import { identityStore } from '../../src/stores/identity';
import { pinClock } from '../helpers/clock';
import { community, ok, roles, teams, user } from './fixtures';
import { answer, calls, fail, resetRoute, restoreTaroUi, routeParams, stubTaroUi, transport, typeInto } from './mockTransport';
import type { Event as CallEvent } from './mockTransport';

/** Invitations in the app: accepting one (code from a QR code or typed), making one (QR and code), taking one back; people and roles. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

pinClock('2026-11-24T10:00:00+08:00');

let ui: ReturnType<typeof stubTaroUi>;
beforeEach(() => {
  transport.mockReset();
  identityStore.set('demo-resident');
  ui = stubTaroUi();
});
afterEach(() => {
  restoreTaroUi();
  resetRoute();
});

const CODE = '7KQM2XHP';
function preview(overrides: Partial<InvitationPreview> = {}): InvitationPreview {
  return {
    grant: { role: 'leader', teamId: 't1' },
    roleLabel: '服务队队长 · 福老汇理发队',
    invitedBy: '李红',
    expiresAt: '2026-12-01T02:00:00.000Z',
    usesLeft: 1,
    state: 'valid',
    hasProfile: true,
    alreadyHeld: false,
    ...overrides,
  };
}
function invitation(overrides: Partial<Invitation> = {}): Invitation {
  return {
    id: 'a'.repeat(64),
    grant: { role: 'leader', teamId: 't1' },
    roleLabel: '服务队队长 · 福老汇理发队',
    communityId: 'c-qy',
    invitedBy: { openid: 'demo-staff', name: '李红' },
    createdAt: '2026-11-24T02:00:00.000Z',
    expiresAt: '2026-12-01T02:00:00.000Z',
    maxUses: 1,
    uses: [],
    state: 'valid',
    revokedAt: null,
    ...overrides,
  };
}
const button = (text: string) => screen.getAllByText(text).find((el) => el.tagName === 'TARO-BUTTON-CORE')!;

describe('the accept page', () => {
  test('reads the code from a path, a scanned link (q) or a wxacode scene', () => {
    expect(codeFromQuery({ code: CODE })).toBe(CODE);
    expect(codeFromQuery({ q: encodeURIComponent(`https://xfjy.fushan.example.cn/packages/invite/accept?code=${CODE}`) })).toBe(CODE);
    expect(codeFromQuery({ scene: encodeURIComponent(`code=${CODE.toLowerCase()}`) })).toBe(CODE);
    expect(codeFromQuery({ scene: CODE })).toBe(CODE);
    expect(codeFromQuery({})).toBe('');
  });

  test('opened from a QR code: shows the role and who sent it, accepts with one tap, then opens the new workbench', async () => {
    routeParams({ code: CODE });
    answer((fn, e: CallEvent) => {
      expect(fn).toBe('invitations');
      expect(e.input).toEqual({ inviteCode: CODE });
      return e.action === 'preview'
        ? ok(preview())
        : ok({ grant: { role: 'leader', teamId: 't1' }, roleLabel: '服务队队长 · 福老汇理发队', roles: roles({ leaderOf: ['t1'] }) });
    });
    render(<AcceptInvitationPage />);
    expect(await screen.findByText('服务队队长 · 福老汇理发队')).toBeInTheDocument();
    expect(screen.getByText('李红 邀请您担任')).toBeInTheDocument();
    expect(screen.getByText('邀请码 7KQM 2XHP')).toBeInTheDocument();
    fireEvent.click(button('接受邀请'));
    expect(await screen.findByText('您已成为服务队队长 · 福老汇理发队')).toBeInTheDocument();
    expect(calls('invitations', 'accept')).toEqual([{ inviteCode: CODE }]);
    fireEvent.click(button('进入队长工作台'));
    expect(ui.redirectTo).toHaveBeenCalledWith({ url: '/packages/leader/index' });
  });

  test('without a profile: no accept button, but the way to fill it in', async () => {
    routeParams({ code: CODE });
    answer(() => ok(preview({ hasProfile: false })));
    render(<AcceptInvitationPage />);
    expect(await screen.findByText('请先填写个人信息')).toBeInTheDocument();
    expect(screen.queryByText('接受邀请')).toBeNull();
    fireEvent.click(button('填写个人信息'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/pages/me/profile' });
  });

  test('an expired, used-up or revoked invitation says why and offers nothing to accept; a role already held too', async () => {
    routeParams({ code: CODE });
    answer(() => ok(preview({ state: 'expired' })));
    const { unmount } = render(<AcceptInvitationPage />);
    expect(await screen.findByText(/这个邀请已过期，不能再使用/)).toBeInTheDocument();
    expect(screen.queryByText('接受邀请')).toBeNull();
    unmount();
    answer(() => ok(preview({ alreadyHeld: true })));
    render(<AcceptInvitationPage />);
    expect(await screen.findByText('您已经是服务队队长 · 福老汇理发队了，不用再接受这个邀请。')).toBeInTheDocument();
    expect(screen.queryByText('接受邀请')).toBeNull();
  });

  test('a refused accept (used up meanwhile) is said in words, and the page stays', async () => {
    routeParams({ code: CODE });
    answer((_fn, e: CallEvent) => (e.action === 'preview' ? ok(preview()) : fail('FULL', '这个邀请码已经用完了，请向邀请人要新的邀请码')));
    render(<AcceptInvitationPage />);
    fireEvent.click(await screen.findByText('接受邀请'));
    expect(await screen.findByText(/这个邀请码已经用完了/)).toBeInTheDocument();
  });

  test('typed from 我的: checked before sending, sent normalised; an unknown code is said in words', async () => {
    answer(() => fail('NOT_FOUND', '没有这个邀请码，请核对后重新输入'));
    render(<AcceptInvitationPage />);
    await typeInto(screen.getByLabelText('邀请码'), '12');
    fireEvent.click(button('查看邀请'));
    expect(await screen.findByText(/请核对后重新输入/)).toBeInTheDocument();
    expect(transport).not.toHaveBeenCalled();
    await typeInto(screen.getByLabelText('邀请码'), '7kqm 2xhp');
    fireEvent.click(button('查看邀请'));
    expect(await screen.findByText(/没有这个邀请码/)).toBeInTheDocument();
    expect(calls('invitations', 'preview')).toEqual([{ inviteCode: CODE }]);
  });

  test('the first admin: the setup code, behind a secondary link', async () => {
    answer((fn, e: CallEvent) => {
      expect([fn, e.action]).toEqual(['account', 'claimFirstAdmin']);
      return ok(user({ roles: roles({ admin: true }) }));
    });
    render(<AcceptInvitationPage />);
    fireEvent.click(screen.getByText('首次设置：输入设置码'));
    await typeInto(screen.getByLabelText('设置码'), 'fushan-local-setup');
    fireEvent.click(button('成为区管理员'));
    expect(await screen.findByText('您已成为区管理员')).toBeInTheDocument();
    expect(calls('account', 'claimFirstAdmin')).toEqual([{ setupCode: 'fushan-local-setup' }]);
  });

  test('我的 has the entry 输入邀请码', async () => {
    answer((fn) =>
      fn === 'directory' ? ok([community]) : fn === 'messages' ? ok({ count: 0 }) : ok({ openid: 'demo-resident', roles: roles(), user: user() }),
    );
    render(<MePage />);
    fireEvent.click(await screen.findByText('输入邀请码'));
    expect(ui.navigateTo).toHaveBeenCalledWith({ url: '/packages/invite/accept' });
  });
});

describe('making invitations', () => {
  const staffAnswers = (list: Invitation[]) => (fn: string, e: CallEvent) => {
    if (fn === 'account') return ok({ openid: 'demo-staff', roles: roles({ staffOf: ['c-qy'] }), user: user({ openid: 'demo-staff', name: '李红' }) });
    if (fn === 'directory') return ok([community, { ...community, id: 'c-other', name: '福新社区' }]);
    if (fn === 'service') return ok({ items: teams, nextCursor: null });
    if (e.action === 'list') return ok({ items: list, nextCursor: null });
    if (e.action === 'create') return ok({ invitation: invitation({ maxUses: 3 }), code: CODE, path: `packages/invite/accept?code=${CODE}` });
    if (e.action === 'revoke') return ok(invitation({ state: 'revoked', revokedAt: '2026-11-24T03:00:00.000Z' }));
    throw new Error(`unexpected ${fn}.${e.action}`);
  };

  test('staff invite a leader of their team: then the QR code and the code, large, with 复制', async () => {
    identityStore.set('demo-staff');
    answer(staffAnswers([]));
    render(<InvitationsScreen forStaff />);
    expect(await screen.findByText('还没有发出邀请。在上面选好角色，生成邀请码。')).toBeInTheDocument();
    // Their one community is chosen for them; the role is fixed.
    expect(screen.getByText('服务队队长（本社区的服务队）')).toBeInTheDocument();
    fireEvent.click(button('生成邀请码'));
    expect(await screen.findByText('请选择服务队')).toBeInTheDocument();
    expect(calls('invitations', 'create')).toEqual([]);

    const picker = screen.getByLabelText('服务队').closest('taro-picker-core') as HTMLElement;
    fireEvent(picker, new CustomEvent('change', { detail: { value: 0 } }));
    fireEvent.click(screen.getByText('3 人'));
    fireEvent.click(button('生成邀请码'));
    expect(await screen.findByTestId('invitation-code')).toHaveTextContent('7KQM 2XHP');
    expect(calls('invitations', 'create')).toEqual([{ grant: { role: 'leader', teamId: 't1' }, validDays: 7, maxUses: 3 }]);
    expect(screen.getByLabelText('邀请二维码').getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
    fireEvent.click(button('复制邀请码'));
    expect(ui.setClipboardData).toHaveBeenCalledWith({ data: CODE });
    fireEvent.click(button('完成'));
    expect(await screen.findByText('已发出的邀请')).toBeInTheDocument();
  });

  test('the list shows each invitation’s state and uses; 撤销 asks first', async () => {
    identityStore.set('demo-staff');
    answer(staffAnswers([invitation(), invitation({ id: 'b'.repeat(64), state: 'usedUp', uses: [{ name: '王秀兰', at: '2026-11-24T03:00:00.000Z' }] })]));
    render(<InvitationsScreen forStaff />);
    const rows = await screen.findAllByTestId('invitation-row');
    expect(rows[0]).toHaveTextContent('有效');
    expect(rows[1]).toHaveTextContent('已用完');
    expect(rows[1]).toHaveTextContent('已用 1 / 1 人：王秀兰');
    expect(rows[1].querySelector('taro-button-core')).toBeNull();
    ui.showModal.mockImplementationOnce(async () => ({ confirm: false, cancel: true, errMsg: 'showModal:ok' }));
    fireEvent.click(button('撤销'));
    await waitFor(() => expect(ui.showModal).toHaveBeenCalledTimes(1));
    expect(calls('invitations', 'revoke')).toEqual([]);
    fireEvent.click(button('撤销'));
    expect(await screen.findByText('已撤销这个邀请，邀请码不能再用了')).toBeInTheDocument();
    expect(calls('invitations', 'revoke')).toEqual([{ invitationId: 'a'.repeat(64) }]);
  });

  test('an admin chooses the role: staff of a community', async () => {
    identityStore.set('demo-admin');
    answer((fn, e) =>
      fn === 'account' ? ok({ openid: 'demo-admin', roles: roles({ admin: true }), user: user({ openid: 'demo-admin' }) }) : staffAnswers([])(fn, e),
    );
    render(<InvitationsScreen forStaff={false} />);
    fireEvent.click(await screen.findByText('社区工作者'));
    fireEvent.click(button('生成邀请码'));
    expect(await screen.findByText('请选择社区')).toBeInTheDocument();
    const picker = screen.getByLabelText('社区').closest('taro-picker-core') as HTMLElement;
    fireEvent(picker, new CustomEvent('change', { detail: { value: 1 } }));
    fireEvent.click(button('生成邀请码'));
    await screen.findByTestId('invitation-code');
    expect(calls('invitations', 'create')).toEqual([{ grant: { role: 'staff', communityId: 'c-other' }, validDays: 7, maxUses: 1 }]);
  });
});

describe('people and roles', () => {
  const found: User[] = [
    user({
      openid: 'p1',
      name: '王秀兰',
      phone: '138****5678',
      held: [
        { grant: { role: 'leader', teamId: 't1' }, label: '服务队队长 · 福老汇理发队' },
        { grant: { role: 'leader', teamId: 't-elsewhere' }, label: '服务队队长 · 别处的队' },
      ],
    }),
  ];

  test('staff search, see roles, and take back only the leaders of their own teams, after confirming', async () => {
    identityStore.set('demo-staff');
    answer((fn, e: CallEvent) => {
      if (fn === 'service') return ok({ items: teams, nextCursor: null });
      if (e.action === 'whoami') return ok({ openid: 'demo-staff', roles: roles({ staffOf: ['c-qy'] }), user: user({ openid: 'demo-staff' }) });
      if (e.action === 'searchPeople') return ok({ items: found, nextCursor: null });
      if (e.action === 'revokeRole') return ok(found[0]);
      throw new Error(`unexpected ${fn}.${e.action}`);
    });
    render(<PeoplePage />);
    await typeInto(await screen.findByLabelText('姓名或手机号'), '5678');
    fireEvent.click(button('查找'));
    const row = await screen.findByTestId('user-row');
    expect(row).toHaveTextContent('手机 138****5678');
    expect(calls('account', 'searchPeople')).toEqual([{ keyword: '5678', pageSize: 20 }]);
    const held = screen.getAllByTestId('held-role');
    expect(held[0].querySelector('taro-button-core')).not.toBeNull();
    expect(held[1].querySelector('taro-button-core')).toBeNull();
    expect(screen.queryByText('增加角色')).toBeNull();
    fireEvent.click(button('撤销'));
    await waitFor(() => expect(calls('account', 'revokeRole')).toEqual([{ openid: 'p1', grant: { role: 'leader', teamId: 't1' } }]));
    expect(ui.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '撤销 王秀兰 的“服务队队长 · 福老汇理发队”？' }));
  });

  test('nothing found says what to do next', async () => {
    identityStore.set('demo-admin');
    answer((_fn, e: CallEvent) =>
      e.action === 'whoami'
        ? ok({ openid: 'demo-admin', roles: roles({ admin: true }), user: user({ openid: 'demo-admin' }) })
        : e.action === 'listCommunities'
          ? ok([community])
          : ok({ items: [], nextCursor: null }),
    );
    render(<PeoplePage />);
    await typeInto(await screen.findByLabelText('姓名或手机号'), '赵');
    fireEvent.click(button('查找'));
    expect(await screen.findByText('没有找到“赵”。还没有登记的人，可以发邀请码给他。')).toBeInTheDocument();
  });
});
