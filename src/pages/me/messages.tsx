import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import type { Message } from '../../../contract';
import { api } from '../../api/client';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { VirtualFeed } from '../../components/VirtualFeed';
import { formatChinaDateTime } from '../../format';
import { usePagedQuery } from '../../hooks/useQuery';

/** What a message opens: the booking or the event it is about. */
export function linkOf(m: Message): { url: string; label: string } | null {
  if (m.bookingId) return { url: `/pages/me/booking?id=${m.bookingId}`, label: '查看预约' };
  if (m.eventId) return { url: `/pages/events/detail?id=${m.eventId}`, label: '查看活动' };
  return null;
}

/** 消息: what happened to my bookings and sign-ups, newest first, each opening what it is about. Opening the list marks everything read. */
export default function MessagesPage() {
  const list = usePagedQuery((cursor) => api.messages.list({ cursor, pageSize: 20 }), []);
  const marked = useRef(false);
  // Once the list has shown what was unread, mark all read (the marks stay on this screen until it is left).
  useEffect(() => {
    if (list.status !== 'ready' || marked.current) return;
    marked.current = true;
    if (list.items.some((m) => !m.read)) api.messages.markRead({}).catch(() => undefined);
  }, [list.status, list.items]);

  return (
    <Screen>
      <QueryView query={list} empty={list.items.length === 0} emptyText='还没有消息。预约和报名有了结果、有变化时，会在这里告诉您' loadingText='正在读取消息…'>
        <VirtualFeed list={list} renderItem={(m) => <MessageCard message={m} />} />
      </QueryView>
    </Screen>
  );
}

function MessageCard({ message: m }: { message: Message }) {
  const link = linkOf(m);
  return (
    <View className={`card ${m.read ? '' : 'notice'}`} data-testid='message' onClick={link ? () => Taro.navigateTo({ url: link.url }) : undefined}>
      <View className='row'>
        {!m.read && <Text className='tag tag-accent'>● 未读</Text>}
        <Text className='t-title grow'>{m.title}</Text>
      </View>
      <View>{m.body}</View>
      <View className='row'>
        <Text className='t-small grow'>{formatChinaDateTime(m.createdAt)}</Text>
        {link && <Text className='t-small'>{link.label} ›</Text>}
      </View>
    </View>
  );
}
