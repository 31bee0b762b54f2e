import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BusyButton } from '../../components/BusyButton';
import { TeamDetail } from '../../../contract';
import { checkTeamProfile } from '../../../rules/registry';
import { api } from '../../api/client';
import { FieldProblem } from '../../components/FieldProblem';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { useQuery } from '../../hooks/useQuery';
import { useFormSave } from '../../hooks/useFormSave';
import { currentTeam } from '../../stores/scope';
import { Icon } from '../../components/Icon';

/** 服务队介绍和联系电话: what the team's leaders may change of their team: its description and the phone residents call. */
export default function TeamProfilePage() {
  const team = useQuery(async () => {
    const me = await api.account.whoami({});
    const teamId = currentTeam(me.roles.leaderOf);
    return teamId ? api.service.getTeam({ teamId }) : null;
  }, []);
  return (
    <Screen>
      <QueryView query={team} empty={team.data === null} emptyText='您还不是服务队队长。'>
        {team.data && <ProfileForm team={team.data} />}
      </QueryView>
    </Screen>
  );
}

export function ProfileForm({ team }: { team: TeamDetail }) {
  const [description, setDescription] = useState(team.description);
  const [contactPhone, setContactPhone] = useState(team.contactPhone ?? '');
  const [saved, setSaved] = useState(false);
  const { problems, busy, submit } = useFormSave(() => {
    setSaved(true);
    Taro.showToast({ title: '已保存', icon: 'success' });
  });
  const save = () => submit(checkTeamProfile({ description, contactPhone }), (value) => api.registry.updateTeamProfile({ teamId: team.id, ...value }));
  return (
    <View data-testid='team-profile'>
      <Text className='t-h1'>{team.name}</Text>
      <View className='card'>
        <View className='field'>
          <View>服务队介绍（居民在服务队页面看到）</View>
          <Textarea
            className='input'
            value={description}
            maxlength={500}
            autoHeight
            placeholder='例如：每月第一个周六上午，为社区老人义务理发'
            onInput={(e) => (setDescription(e.detail.value), setSaved(false))}
            aria-label='服务队介绍'
          />
          <FieldProblem text={problems.description} />
        </View>
        <View className='field'>
          <View>联系电话（居民可以点击拨打，不填则不显示）</View>
          <Input
            className='input'
            value={contactPhone}
            maxlength={20}
            placeholder='手机号或 0535-6301234'
            onInput={(e) => (setContactPhone(e.detail.value), setSaved(false))}
            aria-label='联系电话'
          />
          <FieldProblem text={problems.contactPhone} />
        </View>
      </View>
      {problems.form && (
        <View className='card alert' role='alert' data-testid='form-problem'>
          <Icon name='warning' />
          {problems.form}
        </View>
      )}
      {saved && (
        <View className='card notice' role='status' data-testid='profile-saved'>
          ✓ 已保存，居民看到的是新的介绍和电话。
        </View>
      )}
      <BusyButton className='btn btn-primary btn-block' busy={busy} busyText='正在保存…' onClick={save}>
        保存
      </BusyButton>
    </View>
  );
}
