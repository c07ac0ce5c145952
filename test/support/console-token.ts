// An access token for the portal's admin API, obtained the way the console's msal-browser does it — authorization code
// + PKCE at the tenant's own authority, the user's password on the emulator's sign-in page, the SPA redirect URI
// (Origin header, no secret) — so API tests call the portal with a real token instead of a hand-made one.
import { CryptoProvider } from '@azure/msal-node';
import { DEMO_PORTAL_APP, DEMO_TENANT, PORTAL_API } from '../emulator/demo-tenant.ts';
import type { Emulator } from '../emulator/index.ts';
import { get, submitForm } from '../emulator/login/test-helpers.ts';

export interface ConsoleUserCredentials {
  username: string;
  password: string;
}

export async function consoleAccessToken(
  emulator: Emulator,
  portalBaseUrl: string,
  user: ConsoleUserCredentials,
  options: { tenantId?: string; clientId?: string } = {},
): Promise<string> {
  const tenantId = options.tenantId ?? DEMO_TENANT.id;
  const clientId = options.clientId ?? DEMO_PORTAL_APP.clientId;
  const redirectUri = `${portalBaseUrl}/admin/`;
  const scope = `openid api://${clientId}/${PORTAL_API.scope}`;
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const params = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope, code_challenge: challenge, code_challenge_method: 'S256' });
  const page = await get(`${emulator.origin}/${tenantId}/oauth2/v2.0/authorize?${params}`);
  const password = await submitForm(emulator.origin, page, { loginfmt: user.username });
  const done = await submitForm(emulator.origin, password, { passwd: user.password });
  if (!done.location) throw new Error(`sign-in of ${user.username} did not redirect back: ${done.status}`);
  const code = new URL(done.location).searchParams.get('code');
  if (!code) throw new Error(`no authorization code for ${user.username}: ${done.location}`);
  const res = await fetch(`${emulator.origin}/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { origin: portalBaseUrl },
    body: new URLSearchParams({ client_id: clientId, grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri, scope }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`no access token for ${user.username}: ${body.error_description ?? res.status}`);
  return body.access_token;
}
