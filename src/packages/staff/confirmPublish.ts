import { confirmAction } from '../../confirm';

/** Asks before an event goes out to residents (from the list and from the editor alike). */
export async function confirmPublish(title: string): Promise<boolean> {
  return confirmAction({
    title: '确认发布',
    content: `发布“${title}”？发布后居民就能看到并报名。`,
    confirmText: '发布',
  });
}
