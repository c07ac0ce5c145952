// Signing the admin in with msal-browser: authorization code + PKCE by redirect, at the chosen tenant's own authority.
// The tenant chosen before the redirect is kept in sessionStorage (this tab only), so the page that receives the answer
// builds the same client. Tokens: from the cache or the refresh token only (no hidden iframe: the console's CSP allows
// no frames); when those no longer work the admin is sent through sign-in again (session expiry).
import {
  CacheLookupPolicy,
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
} from '@azure/msal-browser';
import type { ConsoleTenant } from './contract.ts';
import { consoleBase } from './paths.ts';

const CHOSEN_TENANT = 'guestpass.console.tenant';

export function redirectUri(): string {
  return `${location.origin}${consoleBase()}`;
}

export function rememberedTenantKey(): string | undefined {
  return sessionStorage.getItem(CHOSEN_TENANT) ?? undefined;
}

export function rememberTenant(key: string | undefined): void {
  if (key) sessionStorage.setItem(CHOSEN_TENANT, key);
  else sessionStorage.removeItem(CHOSEN_TENANT);
}

export interface Session {
  tenant: ConsoleTenant;
  account: AccountInfo;
  /** An access token for the scopes; redirects to sign-in (and never resolves) when the session has ended. */
  token(scopes: string[]): Promise<string>;
  signOut(): Promise<void>;
}

export type SignInState =
  | { state: 'signed-in'; session: Session }
  | { state: 'signed-out'; signIn(): Promise<void> }
  | { state: 'error'; message: string; signIn(): Promise<void> };

/**
 * Graph permissions the console reads with (delegated, consented by an admin: see the admin guide); every write goes
 * through the admin API. AuditLog.Read.All is what Graph requires to return a user's last sign-in (signInActivity).
 */
export const GRAPH_READ_SCOPES = ['https://graph.microsoft.com/User.Read.All', 'https://graph.microsoft.com/AuditLog.Read.All'];

export async function startAuth(tenant: ConsoleTenant): Promise<SignInState> {
  const authorityHost = new URL(tenant.authority).host;
  const pca = new PublicClientApplication({
    auth: {
      clientId: tenant.clientId,
      authority: tenant.authority,
      knownAuthorities: [authorityHost],
      redirectUri: redirectUri(),
      postLogoutRedirectUri: redirectUri(),
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await pca.initialize();
  const signIn = () => pca.loginRedirect({ scopes: [tenant.scope], prompt: 'select_account' });
  let result;
  try {
    result = await pca.handleRedirectPromise();
  } catch (error) {
    return { state: 'error', message: describeAuthError(error), signIn };
  }
  const account = result?.account ?? pca.getAllAccounts().find((a) => a.tenantId === tenant.tenantId);
  if (!account) return { state: 'signed-out', signIn };
  pca.setActiveAccount(account);
  return {
    state: 'signed-in',
    session: {
      tenant,
      account,
      async token(scopes) {
        try {
          const r = await pca.acquireTokenSilent({ scopes, account, cacheLookupPolicy: CacheLookupPolicy.AccessTokenAndRefreshToken });
          return r.accessToken;
        } catch (error) {
          // The session has ended (refresh token expired, revoked, or consent needed): sign in again and come back to
          // this same view. Anything else (network, Entra down) is an error the view shows.
          if (error instanceof InteractionRequiredAuthError) {
            await pca.acquireTokenRedirect({ scopes, account });
            return new Promise<string>(() => {}); // the page is navigating away
          }
          throw error;
        }
      },
      async signOut() {
        rememberTenant(undefined);
        await pca.logoutRedirect({ account, postLogoutRedirectUri: redirectUri() });
      },
    },
  };
}

/** A sign-in failure in words, with Entra's code (AADSTS…) kept: it is what an admin searches for. */
export function describeAuthError(error: unknown): string {
  const e = error as { errorCode?: string; errorMessage?: string; message?: string };
  const text = (e.errorMessage || e.message || String(error)).split(/\r?\n/)[0] ?? '';
  return e.errorCode && !text.includes(e.errorCode) ? `${e.errorCode}: ${text}` : text;
}

/** The claims of a JWT (display only: the admin API validates every token it is given). */
export function claimsOf(token: string): Record<string, unknown> {
  try {
    const part = token.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
  } catch {
    return {};
  }
}
