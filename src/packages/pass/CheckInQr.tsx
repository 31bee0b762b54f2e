import { Image, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';
import { readableCode } from '../../components/CheckInCode';

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
      <View className='t-title nowrap'>签到码 {readableCode(code)}</View>
    </View>
  );
}
