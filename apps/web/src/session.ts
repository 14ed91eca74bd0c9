import type { AccountView } from '@policy-arena/sdk';
import type { ArenaClient } from '@policy-arena/sdk';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { clientWithKey } from './api/client';

export type ConsoleKind = 'evaluator' | 'researcher';

export interface Session {
  account: AccountView;
  client: ArenaClient;
}

// sessionStorage: a key stays for this tab's session only, never in a URL or on disk for long.
const storageKey = (kind: ConsoleKind) => `policy-arena.${kind}-key`;

const allowed: Record<ConsoleKind, AccountView['role'][]> = {
  evaluator: ['evaluator'],
  researcher: ['researcher', 'admin'],
};

/** Checks a key against the API and the console's roles; resolves to the session or throws. */
export async function signIn(kind: ConsoleKind, apiKey: string): Promise<Session> {
  const client = clientWithKey(apiKey.trim());
  const account = await client.me();
  if (!allowed[kind].includes(account.role)) {
    throw new Error(
      `This key belongs to ${account.role === 'admin' ? 'an' : 'a'} ${account.role}; the ${kind} console needs ${kind === 'evaluator' ? 'an evaluator' : 'a researcher'} key.`,
    );
  }
  sessionStorage.setItem(storageKey(kind), apiKey.trim());
  return { account, client };
}

/** The console's session, restored from this tab's storage when its key is still valid. */
export function useSession(kind: ConsoleKind): {
  session: Session | null;
  restoring: boolean;
  setSession(s: Session): void;
  signOut(): void;
} {
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(() => sessionStorage.getItem(storageKey(kind)) !== null);
  useEffect(() => {
    const saved = sessionStorage.getItem(storageKey(kind));
    if (!saved) return;
    signIn(kind, saved)
      .then(setSession, () => sessionStorage.removeItem(storageKey(kind)))
      .finally(() => setRestoring(false));
  }, [kind]);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(storageKey(kind));
    setSession(null);
  }, [kind]);
  return { session, restoring, setSession, signOut };
}
