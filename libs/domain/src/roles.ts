import { z } from 'zod';

export const accountRoles = ['admin', 'researcher', 'evaluator'] as const;
export const AccountRole = z.enum(accountRoles);
export type AccountRole = z.infer<typeof AccountRole>;
