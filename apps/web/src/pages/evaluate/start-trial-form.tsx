import type { ArenaClient, TrialView } from '@policy-arena/sdk';
import { useState } from 'preact/hooks';
import { describeError, fieldProblems } from '../../api/client';
import { FieldProblem, FormError } from '../../components/messages';

export function StartTrialForm({
  client,
  onStarted,
}: {
  client: ArenaClient;
  onStarted(t: TrialView): void;
}) {
  const [instruction, setInstruction] = useState('');
  const [category, setCategory] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setProblems({});
    try {
      onStarted(
        await client.startTrial({
          instruction: instruction.trim(),
          ...(category.trim() ? { category: category.trim() } : {}),
        }),
      );
    } catch (e) {
      setProblems(fieldProblems(e));
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" aria-labelledby="start-title" onSubmit={submit}>
      <h2 id="start-title">Start a trial</h2>
      <p>
        Set up the scene, then type the task as you would say it to the robot. The platform draws two policies
        and hands them to you as A and B, in a random order, without telling you which they are.
      </p>
      <div class="field">
        <label for="trial-instruction">Instruction</label>
        <input
          id="trial-instruction"
          name="instruction"
          required
          maxLength={2000}
          placeholder="put the red cup in the bowl"
          value={instruction}
          aria-invalid={problems['instruction'] ? true : undefined}
          aria-describedby={problems['instruction'] ? 'instruction-problem' : undefined}
          onInput={(e) => setInstruction(e.currentTarget.value)}
        />
        <FieldProblem id="instruction-problem" problem={problems['instruction']} />
      </div>
      <div class="field">
        <label for="trial-category">Category (optional)</label>
        <input
          id="trial-category"
          name="category"
          placeholder="pick-place"
          pattern="[a-z0-9][a-z0-9_\-]*"
          value={category}
          aria-describedby="category-hint"
          aria-invalid={problems['category'] ? true : undefined}
          onInput={(e) => setCategory(e.currentTarget.value)}
        />
        <p id="category-hint" class="hint">
          {problems['category'] ?? 'lower-case letters, digits, “_” and “-”, e.g. pick-place'}
        </p>
      </div>
      <FormError error={error} />
      <button type="submit" disabled={busy || instruction.trim() === ''}>
        {busy ? 'Drawing a pair…' : 'Start the trial'}
      </button>
    </form>
  );
}
