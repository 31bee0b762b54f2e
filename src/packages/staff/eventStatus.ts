import { EventStatus } from '../../../contract';

/** An event's state for staff, in words with a symbol (never colour alone). */
export const EVENT_STATUS_TEXT: Record<EventStatus, string> = {
  draft: '✎ 草稿（居民看不到）',
  published: '✓ 已发布',
  cancelled: '✕ 已取消',
};
