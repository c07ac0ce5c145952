// The console's frame: configuration → organisation (picked first when the portal serves several) → Microsoft sign-in
// at that tenant's authority → role check → the views. Every state says what is going on and what to do next.
import { useEffect, useState } from 'preact/hooks';
import { loadConfig } from './api.ts';
import { claimsOf, rememberedTenantKey, rememberTenant, startAuth, type Session, type SignInState } from './auth.ts';
import { ROLE_ADMIN, ROLE_APPROVER, type ConsoleTenant } from './contract.ts';
import { errorText } from './format.ts';
import { consoleBase } from './paths.ts';
import { APPROVER_VIEWS, currentView, navigate, VIEWS, type ViewPath } from './routes.ts';
import { AccessRequestsView } from './views/AccessRequestsView.tsx';
import { AuditView } from './views/AuditView.tsx';
import { B2BHealthView } from './views/B2BHealthView.tsx';
import { DeadLettersView } from './views/DeadLettersView.tsx';
import { GuestsView } from './views/GuestsView.tsx';
import { HealthBanner, HealthView } from './views/HealthView.tsx';
import { InviteView } from './views/InviteView.tsx';
import { LinksView } from './views/LinksView.tsx';
import { RequestsView } from './views/RequestsView.tsx';

type Stage =
  | { kind: 'loading'; what: string }
  | { kind: 'failed'; title: string; text: string }
  | { kind: 'pick'; tenants: ConsoleTenant[] }
  | { kind: 'auth'; tenant: ConsoleTenant; tenants: ConsoleTenant[]; auth: SignInState }
  | { kind: 'refused'; session: Session; roles: string[]; tenants: ConsoleTenant[] }
  | { kind: 'ready'; session: Session; tenants: ConsoleTenant[]; isAdmin: boolean };

export function App() {
  const [stage, setStage] = useState<Stage>({ kind: 'loading', what: 'Loading the console…' });

  async function enter(tenant: ConsoleTenant, tenants: ConsoleTenant[]) {
    rememberTenant(tenant.key);
    setStage({ kind: 'loading', what: `Checking your sign-in at ${tenant.displayName}…` });
    const auth = await startAuth(tenant);
    if (auth.state !== 'signed-in') return setStage({ kind: 'auth', tenant, tenants, auth });
    const token = await auth.session.token([tenant.scope]);
    const roles = (claimsOf(token).roles as string[] | undefined) ?? [];
    // An Approver without Guestpass.Admin gets the console too, with the access requests only.
    const isAdmin = roles.includes(ROLE_ADMIN);
    setStage(isAdmin || roles.includes(ROLE_APPROVER) ? { kind: 'ready', session: auth.session, tenants, isAdmin } : { kind: 'refused', session: auth.session, roles, tenants });
  }

  useEffect(() => {
    (async () => {
      const config = await loadConfig();
      const { tenants } = config;
      if (tenants.length === 0) {
        return setStage({ kind: 'failed', title: 'No organisation to administer', text: 'This portal has no tenant configured for the admin console (see the admin guide: GUESTPASS_TENANTS and the portal app registration).' });
      }
      const remembered = tenants.find((t) => t.key === rememberedTenantKey());
      if (remembered) return enter(remembered, tenants);
      if (tenants.length === 1) return enter(tenants[0]!, tenants);
      setStage({ kind: 'pick', tenants });
    })().catch((error: unknown) => setStage({ kind: 'failed', title: 'The console could not start', text: errorText(error) }));
  }, []);

  switch (stage.kind) {
    case 'loading':
      return <Frame><p role="status">{stage.what}</p></Frame>;
    case 'failed':
      return (
        <Frame>
          <h1>{stage.title}</h1>
          <p role="alert">{stage.text}</p>
        </Frame>
      );
    case 'pick':
      return (
        <Frame>
          <h1>Which organisation do you administer?</h1>
          <p>You sign in at that organisation's own Microsoft Entra sign-in page, with your work account there.</p>
          <ul class="tenants">
            {stage.tenants.map((t) => (
              <li key={t.key}>
                <button type="button" class="primary" onClick={() => void enter(t, stage.tenants)}>
                  {t.displayName}
                </button>{' '}
                <span class="muted">{t.key}</span>
              </li>
            ))}
          </ul>
        </Frame>
      );
    case 'auth':
      return (
        <Frame>
          <h1>Sign in to administer {stage.tenant.displayName}</h1>
          {stage.auth.state === 'error' && (
            <p role="alert" class="error">
              Sign-in did not complete: {stage.auth.message}
            </p>
          )}
          <p>You will sign in at Microsoft Entra for {stage.tenant.displayName} and come back here.</p>
          <p>
            <button type="button" class="primary" onClick={() => void (stage.auth as { signIn(): Promise<void> }).signIn()}>
              Sign in with Microsoft
            </button>
          </p>
          {stage.tenants.length > 1 && <ChangeTenant onPick={() => pickAgain(stage.tenants)} />}
        </Frame>
      );
    case 'refused':
      return (
        <Frame session={stage.session}>
          <h1>You can't administer guestpass for {stage.session.tenant.displayName}</h1>
          <p role="alert">
            You are signed in as <strong>{stage.session.account.username}</strong>, but your account does not hold the{' '}
            <code>{ROLE_ADMIN}</code> or <code>{ROLE_APPROVER}</code> app role of the guestpass portal in this organisation.
          </p>
          <p>
            Ask a Global Administrator or the portal app's owner to assign you the role: Microsoft Entra admin center →
            Enterprise applications → the guestpass portal → Users and groups → Add user/group → role{' '}
            <code>{ROLE_ADMIN}</code>. Then sign out and sign in again.
          </p>
          {stage.tenants.length > 1 && <ChangeTenant onPick={() => pickAgain(stage.tenants)} />}
        </Frame>
      );
    case 'ready':
      return <Console session={stage.session} tenants={stage.tenants} isAdmin={stage.isAdmin} onChangeTenant={() => pickAgain(stage.tenants)} />;
  }

  function pickAgain(tenants: ConsoleTenant[]) {
    rememberTenant(undefined);
    setStage({ kind: 'pick', tenants });
  }
}

function ChangeTenant({ onPick }: { onPick(): void }) {
  return (
    <p>
      <button type="button" onClick={onPick}>
        Choose another organisation
      </button>
    </p>
  );
}

function Frame({ session, children }: { session?: Session; children: preact.ComponentChildren }) {
  return (
    <>
      <header class="top">
        <span class="brand">guestpass admin</span>
        {session && <SignedInAs session={session} />}
      </header>
      <main id="main">{children}</main>
    </>
  );
}

function SignedInAs({ session }: { session: Session }) {
  return (
    <span class="who">
      {session.tenant.displayName} · {session.account.username}{' '}
      <button type="button" onClick={() => void session.signOut()}>
        Sign out
      </button>
    </span>
  );
}

function Console({ session, tenants, isAdmin, onChangeTenant }: { session: Session; tenants: ConsoleTenant[]; isAdmin: boolean; onChangeTenant(): void }) {
  const allowed = isAdmin ? undefined : APPROVER_VIEWS;
  const views = VIEWS.filter((v) => !allowed || allowed.includes(v.path));
  const [view, setView] = useState<ViewPath>(currentView(allowed));
  useEffect(() => {
    const onPop = () => setView(currentView(allowed));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    const title = VIEWS.find((v) => v.path === view)?.title ?? '';
    document.title = `${title} — guestpass admin`;
  }, [view]);
  return (
    <>
      <header class="top">
        <span class="brand">guestpass admin</span>
        <SignedInAs session={session} />
        {tenants.length > 1 && (
          <button type="button" onClick={onChangeTenant}>
            Other organisation
          </button>
        )}
      </header>
      <nav aria-label="Console">
        <ul>
          {views.map((v) => (
            <li key={v.path}>
              <a
                href={`${consoleBase()}${v.path}`}
                aria-current={v.path === view ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(v.path);
                }}
              >
                {v.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main">
        {isAdmin && <HealthBanner session={session} />}
        {view === 'access-requests' && <AccessRequestsView session={session} isAdmin={isAdmin} />}
        {view === 'guests' && <GuestsView session={session} />}
        {view === 'invite' && <InviteView session={session} />}
        {view === 'requests' && <RequestsView session={session} />}
        {view === 'dead-letters' && <DeadLettersView session={session} />}
        {view === 'audit' && <AuditView session={session} />}
        {view === 'links' && <LinksView session={session} />}
        {view === 'health' && <HealthView session={session} />}
        {view === 'b2b-health' && <B2BHealthView session={session} />}
      </main>
    </>
  );
}
