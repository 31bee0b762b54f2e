import Taro from '@tarojs/taro';

/**
 * WeChat subscribe messages (订阅消息): a one-time permission, asked for on the tap that books, to send
 * the booking's result and the day-before reminder. The id is the template chosen in the mini-program
 * console (mp.weixin.qq.com → 功能 → 订阅消息 → 我的模板, e.g. "服务预约提醒"): replace it with the
 * environment's own before release.
 */
export const REMINDER_TEMPLATE_ID = 'REPLACE-with-booking-reminder-template-id';

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
