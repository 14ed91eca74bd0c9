import type { ArenaClient, OwnedPolicyVersionView } from '@policy-arena/sdk';
import { publicClient } from '../../api/client';
import { ErrorMessage, Loading } from '../../components/messages';
import { usePageTitle } from '../../components/page-title';
import { SignIn } from '../../components/sign-in';
import { useAsync } from '../../components/use-async';
import { useSession } from '../../session';
import { ApiKeys } from './api-keys';
import { MyVersions } from './my-versions';
import { RegisterVersionForm } from './register-version-form';

export function ResearcherConsole() {
  usePageTitle('Research');
  const { session, restoring, setSession, signOut } = useSession('researcher');
  return (
    <>
      <div class="page-head">
        <h1>Researcher console</h1>
        {session && (
          <p class="account">
            Signed in as {session.account.displayName} ·{' '}
            <button type="button" class="link" onClick={signOut}>
              Sign out
            </button>
          </p>
        )}
      </div>
      {restoring && !session && <p role="status">Signing in…</p>}
      {!restoring && !session && <SignIn kind="researcher" onSignedIn={setSession} />}
      {session && <Workspace client={session.client} accountId={session.account.id} />}
    </>
  );
}

function Workspace({ client, accountId }: { client: ArenaClient; accountId: string }) {
  const [versions, reload, setVersions] = useAsync(() => client.myPolicyVersions(), [client]);
  const [board] = useAsync(() => publicClient.leaderboard({ method: 'bt' }), [client]);
  const replace = (v: OwnedPolicyVersionView) =>
    setVersions((versions.value ?? []).map((x) => (x.id === v.id ? v : x)));
  return (
    <>
      <RegisterVersionForm client={client} onRegistered={reload} />
      <section class="card" aria-labelledby="mine-title">
        <h2 id="mine-title">Your versions</h2>
        {versions.status === 'error' && <ErrorMessage error={versions.error} />}
        {!versions.value && versions.status === 'loading' && <Loading what="your versions" />}
        {versions.value && (
          <MyVersions client={client} versions={versions.value} board={board.value} onChanged={replace} />
        )}
      </section>
      <ApiKeys client={client} accountId={accountId} />
    </>
  );
}
