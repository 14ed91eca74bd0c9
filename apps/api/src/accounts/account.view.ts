import type { AccountView } from '@policy-arena/domain';
import type { AccountEntity } from './account.entity';

export type { AccountView };

export function toAccountView(a: AccountEntity): AccountView {
  return {
    id: a.id,
    role: a.role,
    displayName: a.displayName,
    pseudonym: a.pseudonym,
    siteId: a.siteId,
    createdAt: a.createdAt.toISOString(),
  };
}
