import { z } from 'zod';
import { AccountRole } from './roles';

const slug = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes, starting with a letter or digit');

export const CreateSite = z.object({
  slug,
  name: z.string().trim().min(1).max(200),
});
export type CreateSite = z.infer<typeof CreateSite>;

export const CreateAccount = z
  .object({
    role: AccountRole,
    displayName: z.string().trim().min(1).max(200),
    siteId: z.uuid().optional(),
  })
  .refine((a) => a.role !== 'evaluator' || a.siteId !== undefined, {
    path: ['siteId'],
    message: 'an evaluator belongs to a site: give the siteId',
  });
export type CreateAccount = z.infer<typeof CreateAccount>;

export const CreateApiKey = z.object({
  label: z.string().trim().min(1).max(200).default('default'),
});
export type CreateApiKey = z.infer<typeof CreateApiKey>;
