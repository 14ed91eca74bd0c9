import type { AccountEntity } from './account.entity';

export interface AccountView {
  id: string;
  role: string;
  displayName: string;
  pseudonym: string;
  siteId: string | null;
  createdAt: string;
}

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
