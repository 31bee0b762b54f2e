import { Image, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** What the resident reads out when a scan fails: the code without its prefix, in groups of four. */
export function readableCode(code: string): string {
  const bare = code.includes(':') ? code.slice(code.lastIndexOf(':') + 1) : code;
  return bare.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The check-in code as a QR image (a GIF data URL, drawn in JS: no network, works on weapp and h5), with the code in words below. */
export function CheckInQr({ code }: { code: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(code);
    qr.make();
    return qr.createDataURL(8, 4);
  }, [code]);
  return (
    <View className='qr-box' data-testid='check-in-qr'>
      <Image className='qr' src={src} mode='aspectFit' aria-label='签到二维码' />
      <View className='t-title'>签到码 {readableCode(code)}</View>
    </View>
  );
}
