import { z } from 'zod';
import { ActionResult } from '../../contract';
import { requireRole } from './auth';
import { callerOpenid } from './cloud';
import * as clock from './clock';
import { answer, refusedInput } from './router';

/** What WeChat's timer trigger passes a function (config.json `triggers`). */
const timerEventSchema = z.object({
  Type: z.literal('Timer'),
  TriggerName: z.string().max(64).optional(),
  Time: z.string().max(64).optional(),
});

/**
 * The entry point of a timer-triggered function (not a router): its event is `{Type: 'Timer',
 * TriggerName, Time}`. Without an OPENID the caller is the trigger (or another function); with one,
 * only a district admin may run it by hand. Any other event is BAD_INPUT. Answers the usual envelope.
 */
export async function runByTimer<T>(name: string, event: unknown, work: (now: Date) => Promise<T>): Promise<ActionResult<T>> {
  const openid = callerOpenid();
  const now = clock.now();
  return answer(name, { openid, event }, async () => {
    if (openid) await requireRole({ openid, now }, 'admin');
    const parsed = timerEventSchema.safeParse(event, { reportInput: true });
    if (!parsed.success) throw refusedInput(name, parsed.error);
    return work(now);
  });
}
