import { useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import type { Share } from '../share';

/**
 * Lets WeChat's menu send the page to a chat or 朋友圈 (the page's config enables both). Before its
 * data has loaded the page shares with WeChat's defaults: itself, with the query it was opened with.
 */
export function useShare(share: Share | undefined): void {
  useShareAppMessage(() => (share ? { title: share.title, path: share.path } : {}));
  useShareTimeline(() => (share ? { title: share.title, query: share.query } : {}));
}
