import Taro from '@tarojs/taro';
import { REMINDER_TEMPLATE_ID } from './templates';

export { REMINDER_TEMPLATE_ID };

/**
 * On weapp, asks WeChat for one reminder. Must be called synchronously inside a tap handler (WeChat
 * refuses otherwise). Never throws: refusing, or an older WeChat, must not stop a booking. Elsewhere
 * (h5) there is nothing to ask.
 */
export function askForReminder(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve(true);
  try {
    return Taro.requestSubscribeMessage({ tmplIds: [REMINDER_TEMPLATE_ID], entityIds: [] }).then(
      (res) => (res as Record<string, unknown>)[REMINDER_TEMPLATE_ID] === 'accept',
      () => false,
    );
  } catch {
    return Promise.resolve(false);
  }
}
