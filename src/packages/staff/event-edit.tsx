import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { BusyButton } from '../../components/BusyButton';
import { Community, EventDetail, Station } from '../../../contract';
import { api } from '../../api/client';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { useAction } from '../../hooks/useAction';
import { useNow } from '../../hooks/useNow';
import { useQuery } from '../../hooks/useQuery';
import { currentCommunity } from '../../stores/scope';
import { confirmPublish } from './confirmPublish';
import { EventBasicsSection } from './EventBasicsSection';
import { EventCapacitySection } from './EventCapacitySection';
import { checkEventForm, EventForm, formOf, newEventForm } from './eventForm';
import { EventLines } from './EventLines';
import { EventPlaceSection } from './EventPlaceSection';
import { EventTimesSection } from './EventTimesSection';
import { Icon } from '../../components/Icon';

/**
 * 新建活动 (admins: ?communityId) / 编辑活动 (?id): type, title, place (a station of the community, or an
 * address with a position), times, places, stalls or dishes, approval; saved as a draft, then 发布.
 */
export default function EventEditPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const loaded = useQuery(async () => {
    const me = await api.account.whoami({});
    // Admins come from the events list of the community they chose.
    const communityId = (me.roles.admin ? params.communityId : currentCommunity(me.roles.staffOf)) ?? null;
    const event = id ? await api.events.getEvent({ eventId: id }) : null;
    const placeCommunityId = event?.communityId ?? communityId;
    // The community's open stations to hold it at (landmarks too), and its centre, where the map opens.
    const [stations, communities] = placeCommunityId
      ? await Promise.all([
          api.stations.listForStaff({ communityId: placeCommunityId, includeInactive: false, pageSize: 50 }),
          api.directory.listCommunities({}),
        ])
      : [null, []];
    return { communityId, event, stations: stations?.items ?? [], community: communities.find((c) => c.id === placeCommunityId) };
  }, [id, params.communityId]);
  const data = loaded.data;
  return (
    <Screen>
      <QueryView
        query={loaded}
        empty={data !== undefined && !data.communityId && !data.event}
        emptyText='您还不是社区工作者。需要时请联系区管理员开通。'
        loadingText='正在读取活动…'
      >
        {data && <EventEditor communityId={data.communityId ?? ''} event={data.event ?? undefined} stations={data.stations} community={data.community} />}
      </QueryView>
    </Screen>
  );
}

interface EditorProps {
  communityId: string;
  event?: EventDetail;
  /** The community's open stations, to hold the event at one. */
  stations?: Station[];
  /** The event's community: its centre for a typed position and where the map opens. */
  community?: Community;
}

/** The form, section by section; saved as a draft (or the event changed), then 发布 once saved as it is. */
export function EventEditor({ communityId, event: initial, stations = [], community }: EditorProps) {
  const now = useNow();
  const [event, setEvent] = useState<EventDetail | undefined>(initial);
  const [form, setForm] = useState<EventForm>(() => (initial ? formOf(initial) : newEventForm(now)));
  const [problems, setProblems] = useState<string[]>([]);
  // The outcome of the last save or publish: its words, or the refusal's.
  const action = useAction();
  // Changed since it was last saved: 发布 waits until it is saved as it is.
  const [dirty, setDirty] = useState(true);
  const update = (patch: Partial<EventForm>) => (setForm((f) => ({ ...f, ...patch })), setDirty(true), action.clear());

  const save = async () => {
    if (action.busy) return;
    const checked = checkEventForm(form, communityId, event);
    setProblems(checked.problems);
    action.clear();
    const { input } = checked;
    if (!input) return;
    await action.run(async () => {
      const next = 'eventId' in input ? await api.events.updateEvent(input) : await api.events.createEvent(input);
      setEvent(next);
      setDirty(false);
      return next.status === 'draft' ? '✓ 已保存为草稿。居民还看不到，确认无误后请点“发布活动”。' : '✓ 已保存，报名的居民看到的是新的内容。';
    });
  };

  const publish = async () => {
    if (!event || action.busy) return;
    if (!(await confirmPublish(event.title))) return;
    setProblems([]);
    await action.run(async () => {
      const next = await api.events.publishEvent({ eventId: event.id });
      setEvent(next);
      Taro.showToast({ title: '已发布', icon: 'success' });
      return '✓ 已发布，居民现在可以报名了。';
    });
  };

  const saved = action.outcome?.ok ? action.outcome.text : '';
  const shownProblems = action.problem ? [action.problem] : problems;
  return (
    <View data-testid='event-editor'>
      <View className='t-h1'>{initial ? '编辑活动' : '新建活动'}</View>
      {event && (
        <View className='card' data-testid='saved-event'>
          <EventLines event={event} />
        </View>
      )}
      <EventBasicsSection form={form} update={update} typeFixed={Boolean(event)} />
      <EventPlaceSection form={form} update={update} stations={stations} community={community} />
      <EventTimesSection form={form} update={update} />
      <EventCapacitySection form={form} update={update} editing={Boolean(event)} />

      {shownProblems.length > 0 && (
        <View className='card alert' role='alert' data-testid='event-problems'>
          {shownProblems.map((p) => (
            <View key={p}>
              <Icon name='warning' />
              {p}
            </View>
          ))}
        </View>
      )}
      {saved && (
        <View className='card notice' role='status' data-testid='event-saved'>
          {saved}
          {event?.status === 'draft' && <View className='t-small'>草稿也列在“社区活动”里（可按“草稿”筛选），随时可以回来发布。</View>}
        </View>
      )}

      {event?.status === 'draft' && !dirty ? (
        <BusyButton className='btn btn-primary btn-block' busy={action.busy} busyText='正在发布…' onClick={publish}>
          发布活动
        </BusyButton>
      ) : (
        <BusyButton className='btn btn-primary btn-block' busy={action.busy} busyText='正在保存…' onClick={save}>
          {event ? '保存修改' : '保存为草稿'}
        </BusyButton>
      )}
    </View>
  );
}
