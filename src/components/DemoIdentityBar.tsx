import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { DEMO_IDENTITIES, identityStore, setDemoOpenid } from '../stores/identity';

/** Local h5 build only: which account the local cloud treats as the caller (a seeded one, or any OPENID the address gave). */
export function DemoIdentityBar() {
  const openid = identityStore.use();
  const [open, setOpen] = useState(false);
  // Someone not on the list (opened with ?openid=, see stores/identity.ts) is shown by their OPENID.
  const current = DEMO_IDENTITIES.find((d) => d.openid === openid) ?? { openid, label: openid };
  return (
    <View className='demo-bar' data-testid='demo-identity'>
      <View className='row' onClick={() => setOpen(!open)}>
        <Text className='grow t-small'>演示身份：{current.label}</Text>
        <Text className='tag tag-warn'>{open ? '收起' : '切换'}</Text>
      </View>
      {open && (
        <View className='row wrap gap' style='margin-top: 8px'>
          {DEMO_IDENTITIES.map((d) => (
            <Button
              key={d.openid}
              className={`chip ${d.openid === current.openid ? 'chip-on' : ''}`}
              onClick={() => {
                setDemoOpenid(d.openid);
                setOpen(false);
              }}
            >
              {d.openid === current.openid ? '✓ ' : ''}
              {d.label}
            </Button>
          ))}
        </View>
      )}
    </View>
  );
}
