import type { PolicyVersionRequirements } from '@policy-arena/domain';

// Values from libs/domain restated as types-checked constants: importing the lib's values would
// bring its zod schemas (and zod) into the bundle. The compiler keeps both lists in step.
export type Camera = PolicyVersionRequirements['cameras'][number];
export type ActionSpace = PolicyVersionRequirements['actionSpace'];

export const cameraKinds = ['wrist', 'exterior_1', 'exterior_2'] as const satisfies readonly Camera[];
export const actionSpaces = [
  'joint_position',
  'joint_velocity',
  'cartesian_position',
  'cartesian_velocity',
] as const satisfies readonly ActionSpace[];

/** Fails to compile if the domain gains a camera or an action space these lists lack. */
export const listsAreComplete: [
  Exclude<Camera, (typeof cameraKinds)[number]>,
  Exclude<ActionSpace, (typeof actionSpaces)[number]>,
] extends [never, never]
  ? true
  : false = true;
