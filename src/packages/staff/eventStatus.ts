import { STAFF_EVENT_STATE_LABELS, StaffEventState } from '../../../contract';

/** An event's state for staff, in words with a symbol (never colour alone). */
export const EVENT_STATE_TEXT: Record<StaffEventState, string> = {
  draft: `✎ ${STAFF_EVENT_STATE_LABELS.draft}（居民看不到）`,
  published: `✓ ${STAFF_EVENT_STATE_LABELS.published}`,
  cancelled: `✕ ${STAFF_EVENT_STATE_LABELS.cancelled}`,
  ended: `■ ${STAFF_EVENT_STATE_LABELS.ended}`,
};

/** The tag's colour, beside the words. */
export const EVENT_STATE_TONE: Record<StaffEventState, string> = { draft: 'tag-accent', published: 'tag-ok', cancelled: 'tag-warn', ended: '' };
