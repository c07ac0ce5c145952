// Which platform a redirect URI is registered under decides how its authorization code (and the refresh tokens that
// follow) may be redeemed. Entra's rules, as msal-browser meets them:
//   SPA redirect URI  → redeemed only by a browser, cross-origin (an `Origin` header), with PKCE, and no client secret
//                       needed (the app is a public client on that platform). Without Origin: AADSTS9002327.
//   Web redirect URI  → redeemed by a server; a cross-origin (browser) redemption is refused: AADSTS9002326.
import type { AppRegistration } from '../directory.ts';

export function registeredRedirectUris(app: AppRegistration): string[] {
  return [...app.redirectUris, ...(app.spaRedirectUris ?? [])];
}

export function isSpaRedirectUri(app: AppRegistration | undefined, redirectUri: string): boolean {
  return Boolean(app?.spaRedirectUris?.includes(redirectUri));
}

export type RedemptionCheck =
  | { ok: true; client: 'spa' | 'web' }
  | { ok: false; code: 9002326 | 9002327 | 9002325; message: string };

export const SPA_MESSAGES = {
  crossOriginWeb: (origin: string) =>
    `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`,
  spaNotCrossOrigin: () => `Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.`,
  spaWithoutPkce: () => `Proof Key for Code Exchange is required for cross-origin authorization code redemption.`,
} as const;

/** The redemption rule for a code or refresh token issued to `redirectUri`, given the request's Origin header. */
export function checkRedemption(
  app: AppRegistration | undefined,
  redirectUri: string,
  origin: string | undefined,
  grant: { kind: 'authorization_code'; pkce: boolean } | { kind: 'refresh_token' },
): RedemptionCheck {
  if (isSpaRedirectUri(app, redirectUri)) {
    if (!origin) return { ok: false, code: 9002327, message: SPA_MESSAGES.spaNotCrossOrigin() };
    if (grant.kind === 'authorization_code' && !grant.pkce) return { ok: false, code: 9002325, message: SPA_MESSAGES.spaWithoutPkce() };
    return { ok: true, client: 'spa' };
  }
  if (origin) return { ok: false, code: 9002326, message: SPA_MESSAGES.crossOriginWeb(origin) };
  return { ok: true, client: 'web' };
}
