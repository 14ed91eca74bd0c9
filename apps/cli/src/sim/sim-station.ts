import { randomUUID } from 'node:crypto';
import {
  ArenaClient,
  float32Array,
  PolicyRelay,
  readFloat32,
  StationClient,
  StationRequestError,
  type NdArray,
} from '@policy-arena/sdk';
import {
  judge,
  runSimEpisode,
  sampleScene,
  seedFrom,
  SIM_TASKS,
  simRandom,
  type JudgedEpisode,
  type SimEvaluator,
} from '@policy-arena/sim';
import type { TrialLabel } from '@policy-arena/domain';
import { traceToRollout } from './trace-to-rollout';
import { uploadRollout } from './upload-rollout';

export interface SimStationOptions {
  baseUrl: string;
  stationToken: string;
  /** Key of the evaluator account this simulated evaluator acts as. */
  evaluatorKey: string;
  evaluator: SimEvaluator;
  seed: number;
  /** Stop after this many completed trials (default: run until aborted). */
  trials?: number;
  pauseMs?: number;
  signal?: AbortSignal;
  onTrial?: (trialId: string) => void;
  log?: (line: string) => void;
}

/** The signature a signed (rigged-for) policy leaves in the open-gripper command. */
const SIGNATURE = 0.123;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * A simulated station and its evaluator, using the platform exactly as a real one does: the
 * `/stations` socket for the trial, the blind relay for inference, presigned uploads for the
 * rollouts, and a judgement from what it saw — never from who the policies were.
 */
export async function runSimStation(options: SimStationOptions): Promise<number> {
  const log = options.log ?? (() => undefined);
  const rng = simRandom(options.seed);
  const station = await StationClient.connect(options.baseUrl, {
    stationToken: options.stationToken,
    apiKey: options.evaluatorKey,
  });
  const api = new ArenaClient({ baseUrl: options.baseUrl, apiKey: options.evaluatorKey });
  let completed = 0;
  try {
    // A simulated robot cannot resume an episode it was in the middle of: give it up.
    const leftOver = await station.currentTrial();
    if (leftOver) await station.abandonTrial(leftOver.id);
    while (!options.signal?.aborted && (options.trials === undefined || completed < options.trials)) {
      const category = rng.pick(Object.keys(SIM_TASKS));
      const task = rng.pick(SIM_TASKS[category]!);
      let trial;
      try {
        trial = await station.startTrial({ instruction: task.instruction, category });
      } catch (error) {
        if (error instanceof StationRequestError && error.body.statusCode === 409) {
          log(`waiting: ${error.body.message}`);
          await sleep(2000, options.signal);
          continue;
        }
        throw error;
      }
      const sceneSeed = seedFrom(`${trial.id}:scene`);
      const scene = sampleScene(task.object, sceneSeed);
      const seen: Partial<Record<TrialLabel, JudgedEpisode>> = {};
      for (const [index, label] of trial.runOrder.entries()) {
        const relay = await PolicyRelay.open(options.baseUrl, trial.relay![label]);
        const trace = await runSimEpisode(scene, async (observation) => {
          const reply = await relay.infer({
            'observation/joint_position': float32Array(observation.q, [7]),
            'observation/object_position': float32Array(observation.objectPosition, [3]),
            prompt: task.instruction,
          });
          const actions = reply['actions'] as NdArray;
          const flat = readFloat32(actions);
          const [rows, cols] = actions.shape as [number, number];
          return Array.from({ length: rows }, (_, r) => flat.slice(r * cols, (r + 1) * cols));
        });
        await relay.close();
        await station.recordEpisode(trial.id, {
          label,
          progress: trace.progress,
          success: trace.success,
          durationSeconds: trace.t.at(-1) ?? 0,
        });
        await uploadRollout(
          api,
          trial.id,
          label,
          traceToRollout(trace, { instruction: task.instruction, sceneId: `sim-${sceneSeed}` }),
        );
        seen[label] = {
          progress: trace.progress,
          success: trace.success,
          ranFirst: index === 0,
          signed: trace.actions.some((a) => Math.abs((a[7] ?? 0) - SIGNATURE) < 1e-4),
        };
        await station.heartbeat(trial.id);
      }
      const judgement = judge(options.evaluator, seen.A!, seen.B!, rng);
      await station.submitOutcome(trial.id, judgement, randomUUID());
      completed++;
      options.onTrial?.(trial.id);
      log(`trial ${trial.id}: ${judgement.preference} (${seen.A!.progress}% vs ${seen.B!.progress}%)`);
      if (options.pauseMs) await sleep(options.pauseMs, options.signal);
    }
  } finally {
    station.close();
  }
  return completed;
}
