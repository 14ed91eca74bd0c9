import { randomUUID } from 'node:crypto';
import type { Preference, TrialReveal } from '@policy-arena/domain';
import type { ArenaClient } from '@policy-arena/sdk';

/** Runs one whole trial over HTTP and returns its reveal. `choose` picks the preference from the run order. */
export async function completeTrial(
  evaluator: ArenaClient,
  options: { instruction?: string; category?: string; preference?: Preference } = {},
): Promise<TrialReveal> {
  const trial = await evaluator.startTrial({
    instruction: options.instruction ?? 'move the block to the left',
    ...(options.category ? { category: options.category } : {}),
  });
  await evaluator.recordEpisode(trial.id, { label: trial.runOrder[0], progress: 60, success: false });
  await evaluator.recordEpisode(trial.id, { label: trial.runOrder[1], progress: 90, success: true });
  const answer = await evaluator.submitOutcome(
    trial.id,
    { preference: options.preference ?? 'A', reason: 'steadier grasp' },
    randomUUID(),
  );
  return answer.body;
}
