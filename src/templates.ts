/**
 * WeChat subscribe messages (订阅消息): a one-time permission, asked for on the tap that books, to send
 * the booking's result and the day-before reminder. The id is the template chosen in the mini-program
 * console (mp.weixin.qq.com → 功能 → 订阅消息 → 我的模板, e.g. "服务预约提醒"): replace it with the
 * environment's own before release.
 */
export const REMINDER_TEMPLATE_ID = 'REPLACE-with-booking-reminder-template-id';
