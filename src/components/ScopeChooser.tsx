import { Text, View } from '@tarojs/components';
import type { HeldRole } from '../../contract';
import { ChoiceChips } from './ChoiceChips';

/**
 * For a person who leads several teams, or serves several communities: which one the workbench shows.
 * Nothing when they hold one. The names come from their roles' labels (e.g. 服务队队长 · 福老汇理发队).
 */
export function ScopeChooser({ held, role, value, onChange }: { held: HeldRole[]; role: 'leader' | 'staff'; value: string; onChange: (id: string) => void }) {
  const scopes = held.flatMap((h) =>
    h.grant.role === 'leader' && role === 'leader'
      ? [{ id: h.grant.teamId, name: h.label }]
      : h.grant.role === 'staff' && role === 'staff'
        ? [{ id: h.grant.communityId, name: h.label }]
        : [],
  );
  if (scopes.length < 2) return null;
  const labels = Object.fromEntries(scopes.map((s) => [s.id, s.name.split(' · ').pop() ?? s.name]));
  return (
    <View className='section-title' data-testid='scope-chooser'>
      <Text className='t-small'>{role === 'leader' ? '您带领几支服务队，请选择：' : '您服务几个社区，请选择：'}</Text>
      <ChoiceChips options={scopes.map((s) => s.id)} labels={labels} value={value} onChange={(id) => id && onChange(id)} />
    </View>
  );
}
