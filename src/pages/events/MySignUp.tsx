import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BusyButton } from '../../components/BusyButton';
import { DISH_KIND_LABELS, DishKind, EventDetail, SignUp } from '../../../contract';
import { api } from '../../api/client';
import { CheckInCode } from '../../components/CheckInCode';
import { ChoiceChips } from '../../components/ChoiceChips';
import { describeSignUp, SignUpStatusTag, signUpStatusDetail, Stepper } from '../../components/SignUpParts';
import { confirmAction } from '../../confirm';
import { useAction } from '../../hooks/useAction';
import { fullDishKinds, isActive, wantedDishKinds } from './signUpChoices';
import { Icon } from '../../components/Icon';

/** One of my sign-ups here: its state, the entry code while confirmed, and change or cancel before the deadline. */
export function MySignUp({ event: e, signUp: s, onChanged }: { event: EventDetail; signUp: SignUp; onChanged: (s: SignUp) => void }) {
  const [editing, setEditing] = useState(false);
  const [headcount, setHeadcount] = useState(Math.max(1, s.headcount));
  const [dishKind, setDishKind] = useState<DishKind | undefined>(s.dish?.kind);
  const [dishName, setDishName] = useState(s.dish?.name ?? '');
  const changing = useAction();
  const maxHead = Math.min(10, e.maxHeadcount);

  const save = () =>
    changing.run(async () => {
      const dish = s.kind === 'household' && dishKind ? { kind: dishKind, name: dishName } : undefined;
      const changed = await api.events.changeSignUp({ signUpId: s.id, headcount, ...(dish ? { dish } : {}) });
      setEditing(false);
      onChanged(changed);
      Taro.showToast({ title: '已修改', icon: 'success' });
    });

  const cancel = async () => {
    if (changing.busy) return;
    const confirmed = await confirmAction({
      title: '取消报名',
      content: `确定取消“${e.title}”的报名吗？取消后名额会让给其他居民。`,
      confirmText: '确定取消',
      cancelText: '不取消',
    });
    if (!confirmed) return;
    await changing.run(async () => {
      onChanged(await api.events.cancelSignUp({ signUpId: s.id }));
      Taro.showToast({ title: '已取消报名', icon: 'success' });
    });
  };

  return (
    <View className='card' data-testid='my-signup'>
      <View className='row wrap'>
        <SignUpStatusTag signUp={s} />
        <Text className='t-title grow'>{describeSignUp(s)}</Text>
      </View>
      <View className='t-small'>{signUpStatusDetail(s)}</View>
      {s.status === 'confirmed' && s.entryCode && <CheckInCode code={s.entryCode} title={s.eventTitle} hint='活动当天请打开这一页，给工作人员扫码入场' />}

      {editing && (
        <View data-testid='change-form'>
          <View className='field'>
            <View className='t-title'>人数</View>
            <Stepper value={headcount} min={1} max={maxHead} onChange={setHeadcount} label='人数' />
          </View>
          {s.kind === 'household' && e.dishes && (
            <>
              <View className='field'>
                <View className='t-title'>菜的种类</View>
                <ChoiceChips
                  options={wantedDishKinds(e)}
                  labels={DISH_KIND_LABELS}
                  value={dishKind}
                  onChange={setDishKind}
                  unavailable={fullDishKinds(e, s.dish?.kind)}
                />
              </View>
              <View className='field'>
                <View className='t-title'>菜名</View>
                <Input className='input' value={dishName} maxlength={20} onInput={(ev) => setDishName(ev.detail.value)} aria-label='修改菜名' />
              </View>
            </>
          )}
        </View>
      )}

      {changing.problem && (
        <View className='alert' role='alert'>
          <Icon name='warning' />
          {changing.problem}
        </View>
      )}

      {s.canChange &&
        (editing ? (
          <View className='row gap section-title'>
            <Button className='btn grow' onClick={() => (setEditing(false), changing.clear())}>
              不改了
            </Button>
            <BusyButton className='btn btn-primary grow' busy={changing.busy} busyText='正在保存…' onClick={save}>
              保存修改
            </BusyButton>
          </View>
        ) : (
          <View className='row gap section-title'>
            {s.kind !== 'stall' && (
              <Button className='btn grow' onClick={() => (setEditing(true), changing.clear())}>
                {s.kind === 'household' ? '修改人数或菜品' : '修改人数'}
              </Button>
            )}
            <Button className='btn grow' disabled={changing.busy} onClick={cancel}>
              取消报名
            </Button>
          </View>
        ))}
      {!s.canChange && isActive(s) && <View className='t-small'>已过报名截止时间，不能在网上修改或取消。如有变化，请联系社区。</View>}
    </View>
  );
}
