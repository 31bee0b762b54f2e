import Taro from '@tarojs/taro';

/** The accent red of the app (app.css --accent): the confirm button of a change others will feel. */
const CONFIRM_COLOR = '#B3261E';

/**
 * Asks before a change that tells other people or cannot simply be undone (cancel, reject, publish,
 * deactivate), in WeChat's own dialog; answers whether the user confirmed.
 */
export async function confirmAction(options: { title: string; content: string; confirmText: string; cancelText?: string }): Promise<boolean> {
  const { confirm } = await Taro.showModal({ cancelText: '再想想', ...options, confirmColor: CONFIRM_COLOR });
  return confirm;
}
