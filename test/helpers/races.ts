import { ActionAnswer } from './cloud';

/** Up to this many milliseconds apart, so that over the trials each action gets to land first. */
const STAGGER_MS = 15;
const afterJitter = <T>(action: () => Promise<T>) =>
  new Promise<T>((resolve, reject) => setTimeout(() => action().then(resolve, reject), Math.random() * STAGGER_MS));

/**
 * Two actions fired at once, as two people tapping together (each after a random few milliseconds):
 * both answers, first's first. A refusal must be one of `refusals` (the documented codes a loser may
 * get), never INTERNAL.
 */
export async function race(first: () => Promise<ActionAnswer>, second: () => Promise<ActionAnswer>, refusals: string[]): Promise<[ActionAnswer, ActionAnswer]> {
  const answers = await Promise.all([afterJitter(first), afterJitter(second)]);
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
