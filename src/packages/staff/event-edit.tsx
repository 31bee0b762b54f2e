import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import {
  Community,
  describeIssue,
  DISH_KINDS,
  DISH_KIND_LABELS,
  EVENT_TYPES,
  EVENT_TYPE_LABELS,
  EventDetail,
  EventType,
  STALL_KINDS,
  STALL_KIND_LABELS,
  Station,
  eventsContract,
} from '../../../contract';
import { addDays, chinaClock, chinaDate, chinaInstant } from '../../../rules/china-time';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { Toggle } from '../../components/Toggle';
import { formatDate } from '../../format';
import { useNow } from '../../hooks/useNow';
import { toApiError, useQuery } from '../../hooks/useQuery';
import { confirmPublish } from './confirmPublish';
import { EventLines } from './EventLines';
import { checkPosition, PositionField, positionText } from './PositionField';
import { currentCommunity } from '../../stores/scope';

/** Where an event is held: at one of the community's stations, or at an address with a position. */
export type PlaceKind = 'station' | 'address';
const PLACE_KINDS: readonly PlaceKind[] = ['station', 'address'];
const PLACE_KIND_LABELS: Record<PlaceKind, string> = { station: '在服务站', address: '其他地点' };

export interface EventForm {
  type: EventType;
  title: string;
  description: string;
  placeKind: PlaceKind;
  /** The station chosen (placeKind 'station'). */
  stationId: string | null;
  address: string;
  /** GCJ-02 degrees as typed (h5) or picked on the map (weapp); a station's own position when one is chosen. */
  lng: string;
  lat: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  deadlineDate: string;
  deadlineTime: string;
  capacity: string;
  maxHeadcount: string;
  caps: Record<string, string>;
  visitorsNeedApproval: boolean;
}

const DEFAULT_STALL_CAPS: Record<string, string> = { handicraft: '4', repair: '3', secondhand: '4', food: '4', service: '3', other: '2' };
const DEFAULT_DISH_CAPS: Record<string, string> = { cold: '5', hot: '10', staple: '5', soup: '3', dessert: '3' };

/** A new event's starting values: a week from today, 09:00–11:30, sign-up closing the evening before. */
export function newEventForm(now: Date): EventForm {
  const day = addDays(chinaDate(now), 7);
  return {
    type: 'market',
    title: '',
    description: '',
    placeKind: 'address',
    stationId: null,
    address: '',
    lng: '',
    lat: '',
    startDate: day,
    startTime: '09:00',
    endDate: day,
    endTime: '11:30',
    deadlineDate: addDays(day, -1),
    deadlineTime: '18:00',
    capacity: '100',
    maxHeadcount: '6',
    caps: { ...DEFAULT_STALL_CAPS, ...DEFAULT_DISH_CAPS },
    visitorsNeedApproval: false,
  };
}

function formOf(e: EventDetail): EventForm {
  const at = (iso: string) => ({ date: chinaDate(new Date(iso)), time: chinaClock(new Date(iso)) });
  const start = at(e.startAt);
  const end = at(e.endAt);
  const deadline = at(e.deadline);
  const caps: Record<string, string> = { ...DEFAULT_STALL_CAPS, ...DEFAULT_DISH_CAPS };
  for (const [kind, c] of Object.entries(e.stalls ?? {})) caps[kind] = String(c.cap);
  for (const [kind, c] of Object.entries(e.dishes ?? {})) caps[kind] = String(c.cap);
  return {
    type: e.type,
    title: e.title,
    description: e.description,
    placeKind: e.place.stationId ? 'station' : 'address',
    stationId: e.place.stationId,
    address: e.place.address,
    ...positionText(e.place.location),
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    deadlineDate: deadline.date,
    deadlineTime: deadline.time,
    capacity: String(e.capacity),
    maxHeadcount: String(e.maxHeadcount),
    caps,
    visitorsNeedApproval: e.visitorsNeedApproval,
  };
}

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);

/**
 * The fields to send, or the problems in Chinese (the contract's own messages where it has them).
 * `existing` is the event being edited; without it, a new event. The place is a station (its address
 * and position came with it) or an address with a position.
 */
export function checkEventForm(f: EventForm, communityId: string, existing?: EventDetail): { problems: string[]; input?: Record<string, unknown> } {
  const problems: string[] = [];
  const capacity = whole(f.capacity);
  const maxHeadcount = whole(f.maxHeadcount);
  if (Number.isNaN(capacity)) problems.push('名额请填写整数');
  if (Number.isNaN(maxHeadcount)) problems.push('每份报名最多人数请填写整数');
  const kinds: readonly string[] = f.type === 'market' ? STALL_KINDS : DISH_KINDS;
  const caps: Record<string, number> = {};
  for (const k of kinds) {
    const n = whole(f.caps[k] ?? '');
    if (Number.isNaN(n) || n > 500)
      problems.push(`${f.type === 'market' ? STALL_KIND_LABELS[k as 'other'] : DISH_KIND_LABELS[k as 'cold']}的数量请填写 0 到 500 之间的整数`);
    else caps[k] = n;
  }
  if (problems.length) return { problems };
  const position = checkPosition(f.lng, f.lat);
  const atStation = f.placeKind === 'station';
  if (atStation && !f.stationId) problems.push('请选择活动所在的服务站');
  else if (typeof position === 'string') problems.push(position);
  const iso = (date: string, time: string) => chinaInstant(date, time).toISOString();
  const fields = {
    title: f.title,
    description: f.description,
    place: { address: f.address, location: typeof position === 'string' ? null : position, stationId: atStation ? f.stationId : null },
    startAt: iso(f.startDate, f.startTime),
    endAt: iso(f.endDate, f.endTime),
    deadline: iso(f.deadlineDate, f.deadlineTime),
    capacity,
    maxHeadcount,
    dishCaps: f.type === 'banquet' ? caps : null,
    stallCaps: f.type === 'market' ? caps : null,
    visitorsNeedApproval: f.visitorsNeedApproval,
  };
  const input = existing ? { eventId: existing.id, ...fields } : { communityId, type: f.type, ...fields };
  const schema = existing ? eventsContract.updateEvent.input : eventsContract.createEvent.input;
  const parsed = schema.safeParse(input, { reportInput: true });
  const messages = parsed.success ? [] : parsed.error.issues.map(describeIssue);
  if (problems.length || messages.length) return { problems: [...new Set([...messages, ...problems])] };
  return { problems: [], input };
}

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
    // The community's open stations to hold it at, and its centre for a typed position.
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

export function EventEditor({ communityId, event: initial, stations = [], community }: EditorProps) {
  const now = useNow();
  const [event, setEvent] = useState<EventDetail | undefined>(initial);
  const [form, setForm] = useState<EventForm>(() => (initial ? formOf(initial) : newEventForm(now)));
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof EventForm>(key: K, value: EventForm[K]) => (setForm((f) => ({ ...f, [key]: value })), setSaved(''));
  const setCap = (kind: string, value: string) => (setForm((f) => ({ ...f, caps: { ...f.caps, [kind]: value } })), setSaved(''));
  const update = (patch: Partial<EventForm>) => (setForm((f) => ({ ...f, ...patch })), setSaved(''));
  // Choosing a station takes its address (staff may add to it, e.g. the room) and its position.
  const chooseStation = (station: Station | undefined) =>
    update(station ? { stationId: station.id, address: station.address, ...positionText(station.location) } : { stationId: null });
  const stationLabels = Object.fromEntries(stations.map((st) => [st.id, st.name]));

  const save = async () => {
    if (busy) return;
    const { problems: found, input } = checkEventForm(form, communityId, event);
    setProblems(found);
    if (!input) return;
    setBusy(true);
    try {
      const next = event ? await api.events.updateEvent(input as never) : await api.events.createEvent(input as never);
      setEvent(next);
      setSaved(next.status === 'draft' ? '✓ 已保存为草稿。居民还看不到，确认无误后请点“发布活动”。' : '✓ 已保存，报名的居民看到的是新的内容。');
    } catch (err) {
      setProblems([toApiError(err).message]);
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    if (!event || busy) return;
    if (!(await confirmPublish(event.title))) return;
    setBusy(true);
    try {
      const next = await api.events.publishEvent({ eventId: event.id });
      setEvent(next);
      setSaved('✓ 已发布，居民现在可以报名了。');
      Taro.showToast({ title: '已发布', icon: 'success' });
    } catch (err) {
      setProblems([toApiError(err).message]);
    } finally {
      setBusy(false);
    }
  };

  const dirty = !saved;
  const kinds = form.type === 'market' ? STALL_KINDS : DISH_KINDS;
  const labels: Record<string, string> = form.type === 'market' ? STALL_KIND_LABELS : DISH_KIND_LABELS;
  const dateTime = (label: string, dateKey: 'startDate' | 'endDate' | 'deadlineDate', timeKey: 'startTime' | 'endTime' | 'deadlineTime') => (
    <View className='field'>
      <View>{label}</View>
      <View className='row gap'>
        <Picker mode='date' value={form[dateKey]} onChange={(e) => set(dateKey, String(e.detail.value))}>
          <View className='input' aria-label={`${label}日期`}>
            {formatDate(form[dateKey])} ▾
          </View>
        </Picker>
        <Picker mode='time' value={form[timeKey]} onChange={(e) => set(timeKey, String(e.detail.value))}>
          <View className='input' aria-label={`${label}时间`}>
            {form[timeKey]} ▾
          </View>
        </Picker>
      </View>
    </View>
  );

  return (
    <View data-testid='event-editor'>
      <View className='t-h1'>{initial ? '编辑活动' : '新建活动'}</View>
      {event && (
        <View className='card' data-testid='saved-event'>
          <EventLines event={event} />
        </View>
      )}
      <View className='card'>
        <View className='field'>
          <View>活动类型</View>
          {event ? (
            <Text className='t-title'>{EVENT_TYPE_LABELS[form.type]}（建好后不能改类型）</Text>
          ) : (
            <ChoiceChips options={EVENT_TYPES} labels={EVENT_TYPE_LABELS} value={form.type} onChange={(v) => v && set('type', v)} />
          )}
        </View>
        <View className='field'>
          <View>活动名称</View>
          <Input
            className='input'
            value={form.title}
            maxlength={40}
            placeholder='例如：清洋社区十二月幸福集市'
            onInput={(e) => set('title', e.detail.value)}
            aria-label='活动名称'
          />
        </View>
        <View className='field'>
          <View>活动介绍</View>
          <Textarea
            className='input'
            value={form.description}
            maxlength={1000}
            placeholder='介绍活动内容、要带什么等'
            onInput={(e) => set('description', e.detail.value)}
            aria-label='活动介绍'
          />
        </View>
      </View>

      <View className='card' data-testid='event-place'>
        <View className='t-title'>地点</View>
        <ChoiceChips options={PLACE_KINDS} labels={PLACE_KIND_LABELS} value={form.placeKind} onChange={(kind) => kind && update({ placeKind: kind })} />
        {form.placeKind === 'station' && (
          <View className='field' data-testid='station-choice'>
            {stations.length === 0 ? (
              <View className='t-small'>本社区还没有开放的服务站，请选“其他地点”。</View>
            ) : (
              <>
                <View>选择服务站</View>
                <ChoiceChips
                  options={stations.map((st) => st.id)}
                  labels={stationLabels}
                  value={form.stationId ?? undefined}
                  onChange={(stationId) => chooseStation(stations.find((st) => st.id === stationId))}
                />
                {form.stationId && !stationLabels[form.stationId] && <View className='t-small'>原来的服务站已停用或不在本社区，请另选一个。</View>}
              </>
            )}
          </View>
        )}
        <View className='field'>
          <View>{form.placeKind === 'station' ? '地址（可补充在哪个房间）' : '地址'}</View>
          <Input
            className='input'
            value={form.address}
            maxlength={100}
            placeholder='例如：清洋社区广场'
            onInput={(e) => set('address', e.detail.value)}
            aria-label='活动地点'
          />
        </View>
        {form.placeKind === 'address' && (
          <View className='field'>
            <View>位置</View>
            <PositionField
              lng={form.lng}
              lat={form.lat}
              community={community}
              onChange={update}
              onPicked={(address) => setForm((f) => ({ ...f, address: f.address || address }))}
            />
          </View>
        )}
      </View>

      <View className='card'>
        {dateTime('开始', 'startDate', 'startTime')}
        {dateTime('结束', 'endDate', 'endTime')}
        {dateTime('报名截止', 'deadlineDate', 'deadlineTime')}
      </View>

      <View className='card'>
        <View className='row gap field'>
          <Text className='grow'>名额（人）</Text>
          <Input
            className='input input-num'
            type='number'
            value={form.capacity}
            maxlength={4}
            onInput={(e) => set('capacity', e.detail.value)}
            aria-label='名额'
          />
          <Text>人</Text>
        </View>
        <View className='row gap field'>
          <Text className='grow'>每份报名最多</Text>
          <Input
            className='input input-num'
            type='number'
            value={form.maxHeadcount}
            maxlength={2}
            onInput={(e) => set('maxHeadcount', e.detail.value)}
            aria-label='每份报名最多人数'
          />
          <Text>人</Text>
        </View>
        {event && <View className='t-small'>名额和数量不能少于已经报上的。</View>}
        <Toggle checked={form.visitorsNeedApproval} onChange={(on) => set('visitorsNeedApproval', on)} testId='approval-toggle'>
          <View className='t-title'>{form.type === 'market' ? '来逛的居民' : '赴宴的家庭'}报名要经社区审核</View>
          <View className='t-small'>
            打开后，报名先占名额、显示“待审核”，由您在名单里通过或不通过。{form.type === 'market' ? '摆摊申请总是要审核。' : ''}
            {event ? '改动只影响之后的报名，已报上的不变。' : ''}
          </View>
        </Toggle>
      </View>

      <View className='card' data-testid='caps'>
        <View className='t-title'>{form.type === 'market' ? '摊位：每类几个' : '菜品：每类最多几道'}</View>
        <View className='t-small'>填 0 表示这一类不需要。</View>
        {kinds.map((k) => (
          <View key={k} className='row gap field'>
            <Text className='grow'>{labels[k]}</Text>
            <Input
              className='input input-num'
              type='number'
              value={form.caps[k] ?? '0'}
              maxlength={3}
              onInput={(e) => setCap(k, e.detail.value)}
              aria-label={labels[k]}
            />
            <Text>{form.type === 'market' ? '个' : '道'}</Text>
          </View>
        ))}
      </View>

      {problems.length > 0 && (
        <View className='card alert' role='alert' data-testid='event-problems'>
          {problems.map((p) => (
            <View key={p}>⚠️ {p}</View>
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
        <Button className='btn btn-primary btn-block' loading={busy} disabled={busy} onClick={publish}>
          发布活动
        </Button>
      ) : (
        <Button className='btn btn-primary btn-block' loading={busy} disabled={busy} onClick={save}>
          {event ? '保存修改' : '保存为草稿'}
        </Button>
      )}
    </View>
  );
}
