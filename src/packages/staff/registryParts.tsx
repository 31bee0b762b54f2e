import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BusyButton } from '../../components/BusyButton';
import { FieldProblem } from '../../components/FieldProblem';
import { confirmAction } from '../../confirm';
import { useAction } from '../../hooks/useAction';
import { Icon } from '../../components/Icon';

/** Pieces the registry's screens share (辖区管理, 本社区小区, 本社区服务队): fields, the 已停用 tag, stopping and restarting. */

/** In words, not colour alone: 在用 or 已停用. */
export function ActiveTag({ active }: { active: boolean }) {
  return <Text className={`tag ${active ? 'tag-ok' : 'tag-warn'}`}>{active ? '在用' : '已停用'}</Text>;
}

interface FieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  maxlength?: number;
  placeholder?: string;
  problem?: string;
  type?: 'text' | 'number' | 'digit';
  multiline?: boolean;
}

export function Field({ label, value, onInput, maxlength = 30, placeholder, problem, type = 'text', multiline }: FieldProps) {
  return (
    <View className='field'>
      <View>{label}</View>
      {multiline ? (
        <Textarea
          className='input'
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          autoHeight
          onInput={(e) => onInput(e.detail.value)}
          aria-label={label}
        />
      ) : (
        <Input
          className='input'
          type={type}
          value={value}
          maxlength={maxlength}
          placeholder={placeholder}
          onInput={(e) => onInput(e.detail.value)}
          aria-label={label}
        />
      )}
      <FieldProblem text={problem} />
    </View>
  );
}

/** A whole number typed as text: the number, or NaN when it is not one (the rules then say so). */
export const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

interface ActiveSwitchProps {
  /** Names the object in the dialog, e.g. 小区“东苑小区”. */
  what: string;
  active: boolean;
  /** Makes the change; throws the function's refusal. */
  set: (active: boolean, reason: string) => Promise<void>;
  /** A reason such an object is typically stopped for, shown as an example. */
  reasonExample?: string;
}

/** 停用 (with a reason, after a confirmation) or 启用 one object (the registry's, a station); nothing is deleted. */
export function ActiveSwitch({ what, active, set, reasonExample = '已合并到其他社区' }: ActiveSwitchProps) {
  const [reason, setReason] = useState('');
  const switching = useAction();
  const change = async (next: boolean) => {
    if (switching.busy) return;
    if (!next && !reason.trim()) return switching.refuse('请填写停用原因');
    switching.clear();
    const confirmed = await confirmAction({
      title: next ? '确认启用' : '确认停用',
      content: next ? `启用${what}？居民会重新看到它。` : `停用${what}？居民将看不到它，以往的记录都会保留，可以随时重新启用。`,
      confirmText: next ? '启用' : '停用',
    });
    if (!confirmed) return;
    await switching.run(async () => {
      await set(next, reason.trim());
      setReason('');
      Taro.showToast({ title: next ? '已启用' : '已停用', icon: 'success' });
    });
  };
  return (
    <View className='section-title' data-testid='active-switch'>
      {active ? (
        <>
          <Input
            className='input'
            value={reason}
            maxlength={100}
            placeholder={`停用原因，例如：${reasonExample}`}
            onInput={(e) => setReason(e.detail.value)}
            aria-label='停用原因'
          />
          <Button className='btn btn-block field' disabled={switching.busy} onClick={() => change(false)}>
            停用
          </Button>
        </>
      ) : (
        <Button className='btn btn-block' disabled={switching.busy} onClick={() => change(true)}>
          重新启用
        </Button>
      )}
      <FieldProblem text={switching.problem} />
    </View>
  );
}

/** The bottom of a form: the one primary action, and a way back without saving. */
export function FormButtons({ busy, saveText, onSave, onCancel }: { busy: boolean; saveText: string; onSave: () => void; onCancel: () => void }) {
  return (
    <View className='row gap section-title'>
      <Button className='btn grow' onClick={onCancel}>
        取消
      </Button>
      <BusyButton className='btn btn-primary grow' busy={busy} busyText='正在保存…' onClick={onSave}>
        {saveText}
      </BusyButton>
    </View>
  );
}

/** A refusal or a problem for the whole form, announced. */
export function FormProblem({ text }: { text?: string }) {
  if (!text) return null;
  return (
    <View className='card alert' role='alert' data-testid='form-problem'>
      <Icon name='warning' />
      {text}
    </View>
  );
}
