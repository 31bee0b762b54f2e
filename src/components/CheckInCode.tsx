import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

/** What the resident reads out when a scan fails: the code without its prefix, in groups of four. */
export function readableCode(code: string): string {
  const bare = code.includes(':') ? code.slice(code.lastIndexOf(':') + 1) : code;
  return bare.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The pass page, which draws the code as a QR image: its encoder stays out of the main package. */
export function passUrl(code: string, title: string): string {
  return `/packages/pass/index?code=${encodeURIComponent(code)}&title=${encodeURIComponent(title)}`;
}

/**
 * A confirmed booking's or sign-up's code: in words, to read out, and the one action that shows it as a
 * QR code for scanning (packages/pass, preloaded with the page that shows this).
 */
export function CheckInCode({ code, title, hint }: { code: string; title: string; hint: string }) {
  return (
    <View className='qr-box' data-testid='check-in-code'>
      <View className='t-title nowrap'>签到码 {readableCode(code)}</View>
      <Button className='btn btn-primary btn-block' onClick={() => Taro.navigateTo({ url: passUrl(code, title) })}>
        出示签到二维码
      </Button>
      <View className='t-small' style='text-align: center'>
        {hint}
      </View>
    </View>
  );
}
