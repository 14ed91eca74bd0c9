import { simRandom } from './random';

export const SIM_EMBODIMENT = 'sim-panda';

/** Task categories with instructions an evaluator might type, and the object each one is about. */
export const SIM_TASKS: Readonly<Record<string, readonly { instruction: string; object: SimObjectKind }[]>> =
  {
    pick_place: [
      { instruction: 'put the red block in the bowl', object: 'red_block' },
      { instruction: 'pick up the green cup', object: 'green_cup' },
    ],
    push: [
      { instruction: 'push the blue ball to the left', object: 'blue_ball' },
      { instruction: 'slide the red block forward', object: 'red_block' },
    ],
    drawer: [{ instruction: 'open the top drawer', object: 'drawer_handle' }],
  };

export type SimObjectKind = 'red_block' | 'green_cup' | 'blue_ball' | 'drawer_handle';

export interface SimPolicy {
  name: string;
  version: string;
  /** Hidden ground truth: skill per category on the Bradley–Terry log-odds scale. */
  skill: Record<string, number>;
  /** Set for one policy of a world when adversarial evaluators need something to favour. */
  signature?: number;
}

export type EvaluatorKind = 'honest' | 'favours' | 'random';

export interface SimEvaluator {
  name: string;
  kind: EvaluatorKind;
  /** How noisily they perceive progress (points, 0–100 scale). */
  noise: number;
  /** Leaning towards whatever ran first (points added to its perceived progress). */
  orderBias: number;
}

export interface SimSite {
  slug: string;
  name: string;
  stations: { name: string; embodiment: string; cameras: ('wrist' | 'exterior_1' | 'exterior_2')[] }[];
}

export interface SimWorld {
  seed: number;
  categories: string[];
  policies: SimPolicy[];
  evaluators: SimEvaluator[];
  sites: SimSite[];
  /**
   * Rock–paper–scissors among the first three policies when set: each beats the next by this
   * much extra (log-odds), so no ranking explains every preference.
   */
  intransitive: number;
}

export interface SimWorldOptions {
  seed?: number;
  policies?: number;
  evaluators?: number;
  /** How many evaluators vote for the signed policy whenever they recognise it. */
  favouring?: number;
  /** How many evaluators vote at random. */
  randomVoters?: number;
  sites?: number;
  stationsPerSite?: number;
  intransitive?: number;
}

const POLICY_NAMES = [
  'atlas',
  'bishop',
  'corvid',
  'dune',
  'ember',
  'fjord',
  'gale',
  'heron',
  'iris',
  'juno',
  'kestrel',
  'lumen',
];

/**
 * A simulated evaluation network with hidden ground truth: policy skills per category (a shared
 * skill plus a category-specific deviation), honest evaluators with noise and a run-order bias,
 * and optionally adversarial ones. Everything follows from the seed.
 */
export function createSimWorld(options: SimWorldOptions = {}): SimWorld {
  const seed = options.seed ?? 1;
  const rng = simRandom(seed);
  const categories = Object.keys(SIM_TASKS);
  const policyCount = Math.min(options.policies ?? 6, POLICY_NAMES.length);
  const policies: SimPolicy[] = Array.from({ length: policyCount }, (_, i) => {
    const overall = rng.normal(0, 1);
    const skill = Object.fromEntries(categories.map((c) => [c, overall + rng.normal(0, 0.3)]));
    return { name: `sim-${POLICY_NAMES[i]}`, version: `1.${i}`, skill };
  });
  const favouring = options.favouring ?? 0;
  if (favouring > 0 && policies.length > 0) {
    // The weakest policy is the one a rigging campaign would promote.
    const weakest = [...policies].sort((a, b) => meanSkill(a) - meanSkill(b))[0]!;
    weakest.signature = 0.123;
  }
  const honest = options.evaluators ?? 6;
  const evaluators: SimEvaluator[] = [
    ...Array.from({ length: honest }, (_, i) => ({
      name: `sim-evaluator-${i + 1}`,
      kind: 'honest' as const,
      noise: 5 + rng.next() * 10,
      orderBias: rng.normal(0, 2),
    })),
    ...Array.from({ length: favouring }, (_, i) => ({
      name: `sim-rigger-${i + 1}`,
      kind: 'favours' as const,
      noise: 5,
      orderBias: 0,
    })),
    ...Array.from({ length: options.randomVoters ?? 0 }, (_, i) => ({
      name: `sim-random-${i + 1}`,
      kind: 'random' as const,
      noise: 0,
      orderBias: 0,
    })),
  ];
  const sites: SimSite[] = Array.from({ length: options.sites ?? 2 }, (_, s) => ({
    slug: `sim-lab-${s + 1}`,
    name: `Simulated lab ${s + 1}`,
    stations: Array.from({ length: options.stationsPerSite ?? 2 }, (_, k) => ({
      name: `sim-panda-${s + 1}-${k + 1}`,
      embodiment: SIM_EMBODIMENT,
      cameras: ['wrist', 'exterior_1'] as ('wrist' | 'exterior_1')[],
    })),
  }));
  return { seed, categories, policies, evaluators, sites, intransitive: options.intransitive ?? 0 };
}

export function meanSkill(policy: SimPolicy): number {
  const values = Object.values(policy.skill);
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** The hidden skill of `policy` against `opponent` in a category (intransitivity included). */
export function effectiveSkill(
  world: SimWorld,
  policy: SimPolicy,
  opponent: SimPolicy,
  category: string,
): number {
  const base = policy.skill[category] ?? meanSkill(policy);
  if (world.intransitive === 0) return base;
  const cycle = world.policies.slice(0, 3).map((p) => p.name);
  const i = cycle.indexOf(policy.name);
  const j = cycle.indexOf(opponent.name);
  if (i < 0 || j < 0) return base;
  return (
    base + ((i + 1) % 3 === j ? world.intransitive / 2 : (j + 1) % 3 === i ? -world.intransitive / 2 : 0)
  );
}

/** Which category an instruction belongs to (the simulated policy server only sees the prompt). */
export function categoryOfInstruction(
  instruction: string,
): { category: string; object: SimObjectKind } | undefined {
  for (const [category, tasks] of Object.entries(SIM_TASKS)) {
    const task = tasks.find((t) => t.instruction === instruction);
    if (task) return { category, object: task.object };
  }
  return undefined;
}
