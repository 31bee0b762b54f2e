import { api } from '../../api/client';
import { OwnTimeline } from '../../components/OwnTimeline';
import { Screen } from '../../components/Screen';
import { SignUpCard } from '../../components/SignUpParts';

/** 我的活动报名: 幸福集市 and 百家宴 sign-ups, coming ones soonest first or past ones latest first. */
export default function MySignUpsPage() {
  return (
    <Screen>
      <OwnTimeline
        load={(scope, cursor) => api.events.mySignUps({ scope, cursor, pageSize: 20 })}
        render={(s) => <SignUpCard signUp={s} />}
        loadingText='正在读取您的活动报名…'
        emptyUpcoming='还没有报名的活动。到“活动”里看看幸福集市和百家宴吧'
        emptyPast='还没有过去的活动报名'
        findMore={{ label: '去看活动', tab: '/pages/events/index' }}
      />
    </Screen>
  );
}
