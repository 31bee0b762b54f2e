import { View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { SignUp } from '../../../contract';
import { api } from '../../api/client';
import { QueryView } from '../../components/QueryView';
import { OpenTheAppNote } from '../../components/OpenTheAppNote';
import { Screen } from '../../components/Screen';
import { useQuery } from '../../hooks/useQuery';
import { useShare } from '../../hooks/useShare';
import { useSignedInCaller } from '../../hooks/useSignedInCaller';
import { inSinglePageMode } from '../../platform/singlePage';
import { shareEvent } from '../../share';
import { EventInfo } from './EventInfo';
import { MySignUp } from './MySignUp';
import { SignUpForm } from './SignUpForm';

/** What a sign-up just made says first. */
function resultHeadline(s: SignUp): string | undefined {
  if (s.status === 'pending') return `◷ ${s.kind === 'stall' ? '摆摊申请' : '报名'}已提交，等待社区审核`;
  return s.status === 'confirmed' ? '✓ 报名成功' : s.status === 'waitlisted' ? '○ 已排队候补' : undefined;
}

/**
 * One 幸福集市 or 百家宴: when, where, places left, what the table or the market already has, my
 * sign-ups (with the entry code), and signing up, changing or cancelling before the deadline. Opened
 * from 朋友圈 (single-page mode, no login) it shows the event and where to go to sign up.
 */
export default function EventDetailPage() {
  const { params } = useRouter();
  const eventId = params.id ?? '';
  const query = useQuery(() => api.events.getEvent({ eventId }), [eventId]);
  const visitor = inSinglePageMode();
  const me = useSignedInCaller();
  useShare(query.data && shareEvent(query.data));
  // Sign-ups made, changed or cancelled here, shown at once (the event is refreshed behind them).
  const [updated, setUpdated] = useState<SignUp[]>([]);
  const [justMade, setJustMade] = useState<SignUp | null>(null);

  useDidShow(() => {
    if (query.status === 'ready') query.refresh();
    if (me.status !== 'loading') me.refresh();
  });

  const e = query.data;
  const mine = e ? mergeMine(e.mine, updated) : [];
  const keep = (s: SignUp) => {
    setUpdated((u) => [...u.filter((x) => x.id !== s.id), s]);
    query.refresh();
  };

  return (
    <Screen>
      <QueryView query={query} loadingText='正在读取活动…'>
        {e && (
          <>
            <EventInfo event={e} />

            {justMade && resultHeadline(justMade) && (
              <View className='card notice' role='status' data-testid='signup-result'>
                <View className='t-h1'>{resultHeadline(justMade)}</View>
                {justMade.status === 'waitlisted' && justMade.waitlistPosition && <View className='t-title'>您排在候补第 {justMade.waitlistPosition} 位</View>}
              </View>
            )}

            {mine.length > 0 && <View className='t-title section-title'>我的报名</View>}
            {mine.map((s) => (
              <MySignUp key={s.id} event={e} signUp={s} onChanged={keep} />
            ))}

            {visitor ? (
              e.status === 'published' && e.open && <OpenTheAppNote toDo='要报名参加' />
            ) : (
              <SignUpForm
                event={e}
                mine={mine}
                hasProfile={me.status === 'ready' ? Boolean(me.data?.user) : me.status === 'error' ? true : undefined}
                profile={me.data?.user ?? null}
                onDone={(s) => {
                  setJustMade(s);
                  keep(s);
                }}
                onRefused={() => query.refresh()}
              />
            )}
          </>
        )}
      </QueryView>
    </Screen>
  );
}

function mergeMine(fromServer: SignUp[], updated: SignUp[]): SignUp[] {
  const byId = new Map(fromServer.map((s) => [s.id, s]));
  for (const s of updated) byId.set(s.id, s);
  return [...byId.values()];
}
