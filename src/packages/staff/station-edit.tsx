import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { BusyButton } from '../../components/BusyButton';
import { Community, Station, STATION_LEVEL_LABELS, STATION_LEVELS, STATION_SERVICE_FILTERS, StationLevel, Street } from '../../../contract';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { CommunityPicker } from '../../components/CommunityPicker';
import { FieldProblem } from '../../components/FieldProblem';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { useAction } from '../../hooks/useAction';
import { useQuery } from '../../hooks/useQuery';
import { ExceptionsEditor, HoursEditor } from './HoursEditor';
import { PositionField } from './PositionField';
import { checkStationForm, FormField, FormProblems, formOf, newStationForm, StationForm } from './stationForm';
import { currentCommunity } from '../../stores/scope';
import { ActiveSwitch } from './registryParts';
import { Icon } from '../../components/Icon';

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
    const staffCommunityId = currentCommunity(me.roles.staffOf) ?? null;
    return { isAdmin: me.roles.admin, staffCommunityId, streets, communities, station: detail?.station };
  }, [id]);
  const data = loaded.data;
  return (
    <Screen>
      <QueryView
        query={loaded}
        empty={data !== undefined && !data.isAdmin && !data.staffCommunityId}
        emptyText='只有社区工作者和区管理员可以维护服务站。'
        loadingText='正在读取服务站…'
      >
        {data && (
          <StationEditor
            isAdmin={data.isAdmin}
            staffCommunityId={data.staffCommunityId}
            streets={data.streets}
            communities={data.communities}
            station={data.station}
          />
        )}
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

export function StationEditor({ isAdmin, staffCommunityId, streets, communities, station: initial }: EditorProps) {
  const [station, setStation] = useState<Station | undefined>(initial);
  const [form, setForm] = useState<StationForm>(() => (initial ? formOf(initial) : newStationForm(staffCommunityId)));
  const [found, setFound] = useState<FormProblems>({});
  const saving = useAction();
  const problems: FormProblems = saving.problem ? { form: saving.problem } : found;
  const [customService, setCustomService] = useState('');
  const set = <K extends keyof StationForm>(key: K, value: StationForm[K]) => (setForm((f) => ({ ...f, [key]: value })), saving.clear());
  const byCommunity = form.level === 'community' || form.level === 'compound';
  const community = communities.find((c) => c.id === form.communityId);
  const levels = isAdmin ? STATION_LEVELS : STAFF_LEVELS;

  const setLevel = (level: StationLevel) =>
    setForm((f) => ({ ...f, level, communityId: level === 'community' || level === 'compound' ? (f.communityId ?? staffCommunityId) : null }));
  const toggleService = (service: string) =>
    set('services', form.services.includes(service) ? form.services.filter((s) => s !== service) : [...form.services, service]);
  const addCustomService = () => {
    const service = customService.trim();
    if (!service) return;
    if (!form.services.includes(service)) set('services', [...form.services, service]);
    setCustomService('');
  };
  const save = async () => {
    if (saving.busy) return;
    const { problems: checked, input } = checkStationForm(form, station?.id);
    setFound(checked);
    saving.clear();
    if (!input) return;
    await saving.run(async () => {
      const next = await api.stations.save(input);
      setStation(next);
      return station ? '✓ 已保存，居民看到的是新的信息。' : '✓ 服务站已建好，居民现在可以看到。';
    });
  };

  const shown = (field: FormField) => problems[field];
  const textField = (field: 'name' | 'address' | 'phone', label: string, maxlength: number, placeholder: string) => (
    <View className='field'>
      <View>{label}</View>
      <Input
        className='input'
        value={form[field]}
        maxlength={maxlength}
        placeholder={placeholder}
        onInput={(e) => set(field, e.detail.value)}
        aria-label={label}
      />
      <FieldProblem text={shown(field)} />
    </View>
  );
  return (
    <View data-testid='station-editor'>
      <View className='t-h1'>{initial ? '编辑服务站' : '新建服务站'}</View>
      {station && <View className={`tag ${station.active ? 'tag-ok' : 'tag-warn'}`}>{station.active ? '开放中' : '已停用'}</View>}
      <View className='card'>
        {textField('name', '名称', 40, '例如：福海花园党群服务站')}
        <View className='field'>
          <View>级别</View>
          <ChoiceChips options={levels} labels={STATION_LEVEL_LABELS} value={form.level} onChange={(level) => level && setLevel(level)} />
        </View>
        {byCommunity && (
          <View className='field'>
            <View>所属社区</View>
            {isAdmin ? (
              <CommunityPicker communities={communities} value={form.communityId} onChange={(id) => id && set('communityId', id)} label='所属社区' />
            ) : (
              <Text className='t-title'>{community?.name ?? '本社区'}</Text>
            )}
            <FieldProblem text={shown('communityId')} />
          </View>
        )}
        {!byCommunity && (
          <View className='field'>
            <View>所在街道</View>
            <Picker
              mode='selector'
              range={streets.map((s) => s.name)}
              value={Math.max(
                0,
                streets.findIndex((s) => s.id === form.streetId),
              )}
              onChange={(e) => set('streetId', streets[Number(e.detail.value)].id)}
            >
              <View className='input' aria-label='所在街道'>
                {streets.find((s) => s.id === form.streetId)?.name ?? '请选择街道'} ▾
              </View>
            </Picker>
            <FieldProblem text={shown('streetId')} />
          </View>
        )}
        {textField('address', '地址', 100, '例如：河滨路 12 号')}
        {textField('phone', '电话', 20, '例如：0535-6301234')}
      </View>

      <View className='card' data-testid='position'>
        <View className='t-title'>位置</View>
        <PositionField
          value={form.position}
          community={community}
          landmarks={communities.filter((c) => c.id !== form.communityId)}
          onChange={(position) => set('position', position)}
          onPicked={(address) => setForm((f) => ({ ...f, address: f.address || address }))}
          problem={shown('location')}
        />
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
          <Input
            className='input grow'
            value={customService}
            maxlength={20}
            placeholder='其他服务，例如：老年食堂'
            onInput={(e) => setCustomService(e.detail.value)}
            aria-label='其他服务'
          />
          <Button className='btn' onClick={addCustomService}>
            添加
          </Button>
        </View>
        <FieldProblem text={shown('services')} />
      </View>

      <HoursEditor hours={form.openingHours} onChange={(hours) => set('openingHours', hours)} problem={shown('openingHours')} />
      <ExceptionsEditor exceptions={form.exceptions} onChange={(exceptions) => set('exceptions', exceptions)} problem={shown('exceptions')} />

      {problems.form && (
        <View className='card alert' role='alert' data-testid='station-problem'>
          <Icon name='warning' />
          {problems.form}
        </View>
      )}
      {Object.keys(problems).length > 0 && !problems.form && (
        <View className='card alert' role='alert' data-testid='station-problem'>
          <Icon name='warning' />
          有几项需要修改，请看上面标出的地方
        </View>
      )}
      {saving.outcome?.ok && (
        <View className='card notice' role='status' data-testid='station-saved'>
          {saving.outcome.text}
        </View>
      )}
      <BusyButton className='btn btn-primary btn-block' busy={saving.busy} busyText='正在保存…' onClick={save}>
        {station ? '保存修改' : '建好服务站'}
      </BusyButton>
      {station && <StationActiveSwitch station={station} onChanged={setStation} />}
    </View>
  );
}

/** 停用 (with a reason, confirmed) or 启用: a deactivated station stays in the data, hidden from residents. */
function StationActiveSwitch({ station, onChanged }: { station: Station; onChanged: (station: Station) => void }) {
  return (
    <View className='card section-title'>
      <View className='t-title'>{station.active ? '停用这个服务站' : '这个服务站已停用'}</View>
      {station.active && <View className='t-small'>停用后居民看不到它，资料会保留。</View>}
      <ActiveSwitch
        what={`“${station.name}”`}
        active={station.active}
        reasonExample='房屋维修'
        set={async (active, reason) => onChanged(await api.stations.setActive({ stationId: station.id, active, reason }))}
      />
    </View>
  );
}
