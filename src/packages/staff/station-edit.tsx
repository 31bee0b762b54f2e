import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { Community, Station, STATION_LEVEL_LABELS, STATION_LEVELS, STATION_SERVICE_FILTERS, StationLevel, Street } from '../../../contract';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { toApiError, useQuery } from '../../hooks/useQuery';
import { ExceptionsEditor, HoursEditor } from './HoursEditor';
import { checkStationForm, FormField, FormProblems, formOf, newStationForm, StationForm } from './stationForm';

/** 新建服务站 / 编辑服务站 (?id): staff for their community's stations, admins for any. */
export default function StationEditPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const loaded = useQuery(async () => {
    const me = await api.account.whoami({});
    const [streets, communities, detail] = await Promise.all([
      api.directory.listStreets({}),
      api.directory.listCommunities({}),
      id ? api.stations.get({ stationId: id }) : Promise.resolve(null),
    ]);
    const staffCommunityId = me.role === 'staff' ? (me.user?.staffCommunityId ?? null) : null;
    return { isAdmin: me.role === 'admin', staffCommunityId, streets, communities, station: detail?.station };
  }, [id]);
  const data = loaded.data;
  return (
    <Screen>
      <QueryView
        status={loaded.status}
        error={loaded.error}
        onRetry={loaded.reload}
        empty={data !== undefined && !data.isAdmin && !data.staffCommunityId}
        emptyText='只有社区工作者和区管理员可以维护服务站。'
        loadingText='正在读取服务站…'
      >
        {data && <StationEditor isAdmin={data.isAdmin} staffCommunityId={data.staffCommunityId} streets={data.streets} communities={data.communities} station={data.station} />}
      </QueryView>
    </Screen>
  );
}

interface EditorProps {
  isAdmin: boolean;
  staffCommunityId: string | null;
  streets: Street[];
  communities: Community[];
  station?: Station;
}

const STAFF_LEVELS: StationLevel[] = ['community', 'compound'];

function Problem({ text }: { text?: string }) {
  return text ? (
    <View className='tag-warn' role='alert'>
      ⚠️ {text}
    </View>
  ) : null;
}

export function StationEditor({ isAdmin, staffCommunityId, streets, communities, station: initial }: EditorProps) {
  const [station, setStation] = useState<Station | undefined>(initial);
  const [form, setForm] = useState<StationForm>(() => (initial ? formOf(initial) : newStationForm(staffCommunityId)));
  const [problems, setProblems] = useState<FormProblems>({});
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const [customService, setCustomService] = useState('');
  const set = <K extends keyof StationForm>(key: K, value: StationForm[K]) => (setForm((f) => ({ ...f, [key]: value })), setSaved(''));
  const byCommunity = form.level === 'community' || form.level === 'compound';
  const community = communities.find((c) => c.id === form.communityId);
  const levels = isAdmin ? STATION_LEVELS : STAFF_LEVELS;

  const setLevel = (level: StationLevel) =>
    setForm((f) => ({ ...f, level, communityId: level === 'community' || level === 'compound' ? (f.communityId ?? staffCommunityId) : null }));
  const toggleService = (service: string) => set('services', form.services.includes(service) ? form.services.filter((s) => s !== service) : [...form.services, service]);
  const addCustomService = () => {
    const service = customService.trim();
    if (!service) return;
    if (!form.services.includes(service)) set('services', [...form.services, service]);
    setCustomService('');
  };
  const pickOnMap = async () => {
    try {
      const start = Number(form.lat) && Number(form.lng) ? { latitude: Number(form.lat), longitude: Number(form.lng) } : community ? { latitude: community.location.lat, longitude: community.location.lng } : {};
      // chooseLocation answers GCJ-02, the datum of our data.
      const picked = await Taro.chooseLocation(start);
      setForm((f) => ({ ...f, lng: picked.longitude.toFixed(6), lat: picked.latitude.toFixed(6), address: f.address || picked.address || picked.name }));
      setSaved('');
    } catch {
      // Closed the map without choosing: nothing changes.
    }
  };

  const save = async () => {
    if (busy) return;
    const checked = checkStationForm(form, station?.id);
    setProblems(checked.problems);
    if (!checked.input) return;
    setBusy(true);
    try {
      const next = await api.stations.save(checked.input as never);
      setStation(next);
      setSaved(station ? '✓ 已保存，居民看到的是新的信息。' : '✓ 服务站已建好，居民现在可以看到。');
    } catch (err) {
      setProblems({ form: toApiError(err).message });
    } finally {
      setBusy(false);
    }
  };

  const shown = (field: FormField) => problems[field];
  return (
    <View data-testid='station-editor'>
      <View className='t-h1'>{initial ? '编辑服务站' : '新建服务站'}</View>
      {station && <View className={`tag ${station.active ? 'tag-ok' : 'tag-warn'}`}>{station.active ? '开放中' : '已停用'}</View>}
      <View className='card'>
        <View className='field'>
          <View>名称</View>
          <Input className='input' value={form.name} maxlength={40} placeholder='例如：福海花园党群服务站' onInput={(e) => set('name', e.detail.value)} aria-label='名称' />
          <Problem text={shown('name')} />
        </View>
        <View className='field'>
          <View>级别</View>
          <ChoiceChips options={levels} labels={STATION_LEVEL_LABELS} value={form.level} onChange={(level) => level && setLevel(level)} />
        </View>
        {byCommunity && (
          <View className='field'>
            <View>所属社区</View>
            {isAdmin ? (
              <Picker mode='selector' range={communities.map((c) => c.name)} value={Math.max(0, communities.indexOf(community!))} onChange={(e) => set('communityId', communities[Number(e.detail.value)].id)}>
                <View className='input' aria-label='所属社区'>
                  {community?.name ?? '请选择社区'} ▾
                </View>
              </Picker>
            ) : (
              <Text className='t-title'>{community?.name ?? '本社区'}</Text>
            )}
            <Problem text={shown('communityId')} />
          </View>
        )}
        {!byCommunity && (
          <View className='field'>
            <View>所在街道</View>
            <Picker mode='selector' range={streets.map((s) => s.name)} value={Math.max(0, streets.findIndex((s) => s.id === form.streetId))} onChange={(e) => set('streetId', streets[Number(e.detail.value)].id)}>
              <View className='input' aria-label='所在街道'>
                {streets.find((s) => s.id === form.streetId)?.name ?? '请选择街道'} ▾
              </View>
            </Picker>
            <Problem text={shown('streetId')} />
          </View>
        )}
        <View className='field'>
          <View>地址</View>
          <Input className='input' value={form.address} maxlength={100} placeholder='例如：福山区河滨路 12 号' onInput={(e) => set('address', e.detail.value)} aria-label='地址' />
          <Problem text={shown('address')} />
        </View>
        <View className='field'>
          <View>电话</View>
          <Input className='input' value={form.phone} maxlength={20} placeholder='例如：0535-6301234' onInput={(e) => set('phone', e.detail.value)} aria-label='电话' />
          <Problem text={shown('phone')} />
        </View>
      </View>

      <View className='card' data-testid='position'>
        <View className='t-title'>位置</View>
        {process.env.TARO_ENV === 'weapp' ? (
          <>
            <View>{form.lng && form.lat ? `已选：经度 ${form.lng}，纬度 ${form.lat}` : '还没有选位置'}</View>
            <Button className='btn btn-block field' onClick={pickOnMap}>
              在地图上选点
            </Button>
          </>
        ) : (
          <>
            <View className='t-small'>填写腾讯地图或高德地图上的坐标（GCJ-02）。</View>
            <View className='row gap field'>
              <Text>经度</Text>
              <Input className='input grow' type='digit' value={form.lng} maxlength={12} placeholder='例如 121.2601' onInput={(e) => set('lng', e.detail.value)} aria-label='经度' />
            </View>
            <View className='row gap field'>
              <Text>纬度</Text>
              <Input className='input grow' type='digit' value={form.lat} maxlength={12} placeholder='例如 37.4962' onInput={(e) => set('lat', e.detail.value)} aria-label='纬度' />
            </View>
            {community && (
              <Button className='btn btn-block field' onClick={() => setForm((f) => ({ ...f, lng: String(community.location.lng), lat: String(community.location.lat) }))}>
                用{community.name}的中心位置
              </Button>
            )}
          </>
        )}
        <Problem text={shown('location')} />
      </View>

      <View className='card' data-testid='services'>
        <View className='t-title'>服务项目</View>
        <View className='row wrap gap field'>
          {[...STATION_SERVICE_FILTERS, ...form.services.filter((s) => !(STATION_SERVICE_FILTERS as readonly string[]).includes(s))].map((service) => {
            const on = form.services.includes(service);
            return (
              <Button key={service} className={`chip ${on ? 'chip-on' : ''}`} onClick={() => toggleService(service)}>
                {on ? '✓ ' : ''}
                {service}
              </Button>
            );
          })}
        </View>
        <View className='row gap field'>
          <Input className='input grow' value={customService} maxlength={20} placeholder='其他服务，例如：老年食堂' onInput={(e) => setCustomService(e.detail.value)} aria-label='其他服务' />
          <Button className='btn' onClick={addCustomService}>
            添加
          </Button>
        </View>
        <Problem text={shown('services')} />
      </View>

      <HoursEditor hours={form.openingHours} onChange={(hours) => set('openingHours', hours)} problem={shown('openingHours')} />
      <ExceptionsEditor exceptions={form.exceptions} onChange={(exceptions) => set('exceptions', exceptions)} problem={shown('exceptions')} />

      {problems.form && (
        <View className='card alert' role='alert' data-testid='station-problem'>
          ⚠️ {problems.form}
        </View>
      )}
      {Object.keys(problems).length > 0 && !problems.form && (
        <View className='card alert' role='alert' data-testid='station-problem'>
          ⚠️ 有几项需要修改，请看上面标出的地方
        </View>
      )}
      {saved && (
        <View className='card notice' role='status' data-testid='station-saved'>
          {saved}
        </View>
      )}
      <Button className='btn btn-primary btn-block' loading={busy} disabled={busy} onClick={save}>
        {station ? '保存修改' : '建好服务站'}
      </Button>
      {station && <ActiveSwitch station={station} onChanged={setStation} />}
    </View>
  );
}

/** 停用 (with a reason, confirmed) or 启用: a deactivated station stays in the data, hidden from residents. */
export function ActiveSwitch({ station, onChanged }: { station: Station; onChanged: (station: Station) => void }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const change = async (active: boolean) => {
    if (busy) return;
    if (!active && !reason.trim()) return setProblem('请填写停用原因');
    setProblem('');
    const { confirm } = await Taro.showModal({
      title: active ? '确认启用' : '确认停用',
      content: active ? `启用“${station.name}”？居民会重新看到它。` : `停用“${station.name}”？居民将看不到它，资料会保留，可以随时重新启用。`,
      confirmText: active ? '启用' : '停用',
      cancelText: '再想想',
      confirmColor: '#B3261E',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      onChanged(await api.stations.setActive({ stationId: station.id, active, reason: reason.trim() }));
      setReason('');
      Taro.showToast({ title: active ? '已启用' : '已停用', icon: 'success' });
    } catch (err) {
      setProblem(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='card section-title' data-testid='active-switch'>
      <View className='t-title'>{station.active ? '停用这个服务站' : '这个服务站已停用'}</View>
      {station.active ? (
        <>
          <View className='t-small'>停用后居民看不到它，资料会保留。</View>
          <Input className='input field' value={reason} maxlength={100} placeholder='停用原因，例如：房屋维修' onInput={(e) => setReason(e.detail.value)} aria-label='停用原因' />
          <Button className='btn btn-block field' disabled={busy} onClick={() => change(false)}>
            停用
          </Button>
        </>
      ) : (
        <Button className='btn btn-block field' disabled={busy} onClick={() => change(true)}>
          启用
        </Button>
      )}
      <Problem text={problem} />
    </View>
  );
}
