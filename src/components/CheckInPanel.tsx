import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';

/** Typed codes: spaces dropped, letters upper-cased (the resident's page shows the code in groups). */
export function normaliseCode(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/**
 * On-site check-in by the code a resident shows: scanned on weapp, typed in the h5 build. Shared by the
 * leader's day list and the staff's event roster. `onCode` answers whether the code was accepted.
 */
export function CheckInPanel({ busy, onCode }: { busy: boolean; onCode: (code: string) => Promise<boolean> }) {
  const [typed, setTyped] = useState('');
  const submit = async (code: string) => {
    if (await onCode(code)) setTyped('');
  };
  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      if (res.result) await submit(res.result);
    } catch {
      // Closed the scanner: nothing to do.
    }
  };
  return (
    <View className='card' data-testid='check-in'>
      <View className='t-title'>现场签到</View>
      {process.env.TARO_ENV === 'weapp' ? (
        <Button className='btn btn-primary btn-block' disabled={busy} onClick={scan}>
          扫码签到
        </Button>
      ) : (
        <>
          <View className='t-small'>输入居民出示的签到码</View>
          <View className='row gap'>
            <Input className='input grow' value={typed} maxlength={64} placeholder='签到码' onInput={(e) => setTyped(e.detail.value)} aria-label='签到码' />
            <Button className='btn btn-primary' disabled={busy} onClick={() => typed.trim() && submit(normaliseCode(typed))}>
              签到
            </Button>
          </View>
        </>
      )}
      <View className='t-small'>也可以在下面的名单里，点居民旁边的“签到”</View>
    </View>
  );
}
