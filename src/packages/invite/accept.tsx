import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import {
  GrantedRole,
  invitationCodeProblem,
  INVITATION_STATE_LABELS,
  InvitationPreview,
  normaliseInvitationCode,
  readableInvitationCode,
  RoleGrant,
} from '../../../contract';
import { BusyButton } from '../../components/BusyButton';
import { api } from '../../api/client';
import { Screen } from '../../components/Screen';
import { formatChinaDateTime } from '../../format';
import { useAction } from '../../hooks/useAction';
import { toApiError } from '../../hooks/useQuery';
import { Icon } from '../../components/Icon';

/** The workbench a role opens, for the "done" screen. */
const WORKBENCHES: Record<GrantedRole, { title: string; url: string }> = {
  leader: { title: '队长工作台', url: '/packages/leader/index' },
  staff: { title: '社区工作台', url: '/packages/staff/index' },
  admin: { title: '区管理', url: '/packages/admin/index' },
};

/**
 * The code this page was opened with: `?code=` (a path with the code; 我的 → 输入邀请码 opens it with
 * none), `?q=` (WeChat's scanner opening an ordinary link's QR code passes the whole link, encoded), or
 * `?scene=` (a wxacode.getUnlimited code carries the code as its scene, bare or as `code=…`).
 */
export function codeFromQuery(params: Record<string, string | undefined>): string {
  if (params.code) return normaliseInvitationCode(decodeURIComponent(params.code));
  if (params.q) {
    const match = /[?&]code=([^&#]+)/.exec(decodeURIComponent(params.q));
    return match ? normaliseInvitationCode(decodeURIComponent(match[1])) : '';
  }
  if (params.scene) {
    const scene = decodeURIComponent(params.scene);
    return normaliseInvitationCode(scene.startsWith('code=') ? scene.slice(5) : scene);
  }
  return '';
}

type Step =
  | { kind: 'enter'; problem?: string }
  | { kind: 'loading'; code: string }
  | { kind: 'preview'; code: string; preview: InvitationPreview; problem?: string }
  | { kind: 'done'; grant: RoleGrant; roleLabel: string }
  | { kind: 'setup'; problem?: string }
  | { kind: 'setupDone' };

/**
 * 接受邀请: what the invitation gives and who sent it, then one button to accept. Opened from a scanned QR
 * code (the code in the query) or from 我的 → 输入邀请码 (typed here). The very first admin of an
 * environment is made here too, with the deployer's setup code.
 */
export default function AcceptInvitationPage() {
  const params = useRouter().params as Record<string, string | undefined>;
  const initial = codeFromQuery(params);
  const [typed, setTyped] = useState(initial ? readableInvitationCode(initial) : '');
  const [setupCode, setSetupCode] = useState('');
  // The step carries its own problem (a refusal is shown where the step asks again).
  const { busy, run } = useAction();
  const [step, setStep] = useState<Step>(initial ? { kind: 'loading', code: initial } : { kind: 'enter' });

  const look = async (code: string) => {
    setStep({ kind: 'loading', code });
    try {
      setStep({ kind: 'preview', code, preview: await api.invitations.preview({ inviteCode: code }) });
    } catch (err) {
      setStep({ kind: 'enter', problem: toApiError(err).message });
    }
  };

  useEffect(() => {
    if (initial) void look(initial);
    // Once, with the code the page was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // Back from filling in the profile: look again (the profile is there now).
  useDidShow(() => {
    if (step.kind === 'preview' && !step.preview.hasProfile) void look(step.code);
  });

  const submitTyped = () => {
    const problem = invitationCodeProblem(typed);
    if (problem) return setStep({ kind: 'enter', problem });
    void look(normaliseInvitationCode(typed));
  };

  const accept = (code: string, preview: InvitationPreview) =>
    run(
      async () => {
        const done = await api.invitations.accept({ inviteCode: code });
        setStep({ kind: 'done', grant: done.grant, roleLabel: done.roleLabel });
      },
      (refusal) => setStep({ kind: 'preview', code, preview, problem: refusal.message }),
    );

  const claim = async () => {
    if (!setupCode.trim()) return setStep({ kind: 'setup', problem: '请填写设置码' });
    await run(
      async () => {
        await api.account.claimFirstAdmin({ setupCode });
        setStep({ kind: 'setupDone' });
      },
      (refusal) => setStep({ kind: 'setup', problem: refusal.message }),
    );
  };

  return (
    <Screen>
      {step.kind === 'enter' && (
        <View className='card'>
          <View className='t-title'>请输入邀请码</View>
          <View className='t-small'>邀请码是 8 位字母和数字，由社区工作者或区管理员当面告诉您，或发在群里。</View>
          <Input
            className='input'
            value={typed}
            maxlength={12}
            placeholder='例如 7KQM 2XHP'
            onInput={(e) => setTyped(e.detail.value)}
            aria-label='邀请码'
            style='font-size: 24px; letter-spacing: 2px'
          />
          {step.problem && (
            <View className='alert' role='alert'>
              <Icon name='warning' />
              {step.problem}
            </View>
          )}
          <Button className='btn btn-primary btn-block' onClick={submitTyped}>
            查看邀请
          </Button>
        </View>
      )}

      {step.kind === 'loading' && (
        <View className='state' aria-busy='true'>
          <View className='state-icon'>
            <Icon name='waiting' />
          </View>
          <Text>正在查看邀请…</Text>
        </View>
      )}

      {step.kind === 'preview' && (
        <PreviewCard step={step} busy={busy} onAccept={() => accept(step.code, step.preview)} onRetype={() => setStep({ kind: 'enter' })} />
      )}

      {step.kind === 'done' && (
        <View className='card notice' role='status' data-testid='accept-done'>
          <View className='t-title'>
            <Icon name='done' />
            您已成为{step.roleLabel}
          </View>
          <View className='t-small'>以后在“我的”里就能进入{WORKBENCHES[step.grant.role].title}。</View>
          <Button className='btn btn-primary btn-block' onClick={() => Taro.redirectTo({ url: WORKBENCHES[step.grant.role].url })}>
            进入{WORKBENCHES[step.grant.role].title}
          </Button>
        </View>
      )}

      {step.kind === 'setup' && (
        <View className='card'>
          <View className='t-title'>首次设置：输入设置码</View>
          <View className='t-small'>只在系统刚部署时用一次：部署的技术人员会给第一位区管理员一个设置码。其他人请使用邀请码。</View>
          <Input className='input' value={setupCode} maxlength={64} placeholder='设置码' onInput={(e) => setSetupCode(e.detail.value)} aria-label='设置码' />
          {step.problem && (
            <View className='alert' role='alert'>
              <Icon name='warning' />
              {step.problem}
            </View>
          )}
          <BusyButton className='btn btn-primary btn-block' busy={busy} busyText='正在提交…' onClick={claim}>
            成为区管理员
          </BusyButton>
          <Button className='btn btn-block' onClick={() => setStep({ kind: 'enter' })}>
            返回输入邀请码
          </Button>
        </View>
      )}

      {step.kind === 'setupDone' && (
        <View className='card notice' role='status'>
          <View className='t-title'>
            <Icon name='done' />
            您已成为区管理员
          </View>
          <View className='t-small'>现在可以在区管理里邀请社区工作者和其他管理员。</View>
          <Button className='btn btn-primary btn-block' onClick={() => Taro.redirectTo({ url: WORKBENCHES.admin.url })}>
            进入区管理
          </Button>
        </View>
      )}

      {step.kind === 'enter' && (
        <View
          className='t-small section-title'
          role='button'
          style='min-height: 44px; padding: 12px 0; text-decoration: underline'
          onClick={() => setStep({ kind: 'setup' })}
        >
          首次设置：输入设置码
        </View>
      )}
    </Screen>
  );
}

function PreviewCard({
  step,
  busy,
  onAccept,
  onRetype,
}: {
  step: { code: string; preview: InvitationPreview; problem?: string };
  busy: boolean;
  onAccept: () => void;
  onRetype: () => void;
}) {
  const { preview, problem } = step;
  const usable = preview.state === 'valid' && !preview.alreadyHeld;
  return (
    <>
      <View className='card' data-testid='invitation-preview'>
        <View className='t-small'>{preview.invitedBy || '社区'} 邀请您担任</View>
        <View className='t-title' style='font-size: 24px'>
          {preview.roleLabel}
        </View>
        <View className='t-small'>邀请码 {readableInvitationCode(step.code)}</View>
        <View className='t-small'>有效期至 {formatChinaDateTime(preview.expiresAt)}</View>
        {preview.state !== 'valid' && (
          <View className='alert' role='alert'>
            <Icon name='warning' />
            这个邀请{INVITATION_STATE_LABELS[preview.state]}，不能再使用。请向邀请人要新的邀请码。
          </View>
        )}
        {preview.state === 'valid' && preview.alreadyHeld && (
          <View className='notice' role='status'>
            您已经是{preview.roleLabel}了，不用再接受这个邀请。
          </View>
        )}
      </View>
      {problem && (
        <View className='card alert' role='alert'>
          <Icon name='warning' />
          {problem}
        </View>
      )}
      {usable && !preview.hasProfile && (
        <View className='card'>
          <View className='t-title'>请先填写个人信息</View>
          <View className='t-small'>接受邀请前，需要先填写姓名、手机号和所在社区。填好后回到这里继续。</View>
          <Button className='btn btn-primary btn-block' onClick={() => Taro.navigateTo({ url: '/pages/me/profile' })}>
            填写个人信息
          </Button>
        </View>
      )}
      {usable && preview.hasProfile && (
        <BusyButton className='btn btn-primary btn-block' busy={busy} busyText='正在提交…' onClick={onAccept}>
          接受邀请
        </BusyButton>
      )}
      <Button className='btn btn-block' onClick={onRetype}>
        输入其他邀请码
      </Button>
    </>
  );
}
