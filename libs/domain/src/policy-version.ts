import { z } from 'zod';

export const cameraKinds = ['wrist', 'exterior_1', 'exterior_2'] as const;
export const actionSpaces = [
  'joint_position',
  'joint_velocity',
  'cartesian_position',
  'cartesian_velocity',
] as const;
export const policyVersionStatuses = ['active', 'paused', 'retired'] as const;

export const PolicyVersionRequirements = z.object({
  cameras: z.array(z.enum(cameraKinds)).min(0).max(3).default([]),
  actionSpace: z.enum(actionSpaces).default('joint_position'),
});
export type PolicyVersionRequirements = z.infer<typeof PolicyVersionRequirements>;

export const RegisterPolicyVersion = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
      'letters, digits, ".", "_" and "-", starting with a letter or digit',
    ),
  version: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/, 'letters, digits, ".", "_", "+" and "-"'),
  artifactDigest: z.string().regex(/^sha256:[0-9a-f]{64}$/, '"sha256:" followed by 64 lower-case hex digits'),
  embodiment: z.string().trim().min(1).max(100),
  requirements: PolicyVersionRequirements.default({ cameras: [], actionSpace: 'joint_position' }),
  endpoint: z
    .url({ protocol: /^(wss?|https?)$/, error: 'a ws://, wss://, http:// or https:// URL' })
    .max(2000),
  description: z.string().max(5000).optional(),
});
export type RegisterPolicyVersion = z.infer<typeof RegisterPolicyVersion>;

/** `name@version`, the public handle of a policy version. */
export function policyVersionHandle(name: string, version: string): string {
  return `${name}@${version}`;
}

/**
 * What may change on a registered version: its status, and where its server runs (servers move;
 * the version's identity is its name, version and artifact digest, which never change).
 */
export const UpdatePolicyVersion = z
  .object({
    status: z.enum(policyVersionStatuses).optional(),
    endpoint: RegisterPolicyVersion.shape.endpoint.optional(),
  })
  .refine((u) => u.status !== undefined || u.endpoint !== undefined, {
    message: 'give a status or an endpoint',
    path: ['status'],
  });
export type UpdatePolicyVersion = z.infer<typeof UpdatePolicyVersion>;
