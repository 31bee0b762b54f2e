import { ActionAnswer } from './cloud';

/**
 * Two actions fired at the same instant, as two people tapping at once: both answers, first's first.
 * A refusal must be one of `refusals` (documented codes a loser may get), never INTERNAL.
 */
export async function race(first: () => Promise<ActionAnswer>, second: () => Promise<ActionAnswer>, refusals: string[]): Promise<[ActionAnswer, ActionAnswer]> {
  const answers = await Promise.all([first(), second()]);
  for (const answer of answers) if (!answer.ok) expect(refusals).toContain(answer.code);
  return answers;
}

/** How often each pair of outcomes happened over the trials, e.g. `{'ok/CLOSED': 12, 'ok/ok': 18}`: printed so a run shows both orders were met. */
export class Outcomes {
  private readonly counts: Record<string, number> = {};

  record(...answers: ActionAnswer[]): void {
    const key = answers.map((a) => (a.ok ? 'ok' : a.code)).join('/');
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }

  report(label: string): void {
    console.log(`${label}: ${JSON.stringify(this.counts)}`);
  }
}
