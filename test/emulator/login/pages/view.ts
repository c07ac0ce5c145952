// What a sign-in page shows, independent of markup (converged Knockout page or Fluent): the views render from this.
import type { PageStrings, Locale } from '../strings.ts';

export interface PageCommon {
  locale: Locale;
  strings: PageStrings;
  /** Path segment the page is served under ('common', a GUID, a domain). */
  authoritySegment: string;
  /** Opaque id of the sign-in request (Microsoft's `sCtx` / `originalRequest`). */
  requestId: string;
}

export interface UsernameView extends PageCommon {
  kind: 'username';
  username: string;
  /** Server-side error (no-JS path or a username the server rejected); the script shows the same ones client-side. */
  error?: string;
  /** Message the page shows when GetCredentialType answers "does not exist": differs between generic and tenant endpoints (facts §1b). */
  unknownUsernameMessage: string;
}

export interface PasscodeView extends PageCommon {
  kind: 'passcode';
  username: string;
  flowToken: string;
  error?: string;
  /** 'password': a member with a password (emulator: console users) — the page asks for it (field `passwd`). */
  credential?: 'code' | 'password';
}

/** The `$Config` blob the real page embeds (facts §1a); the emulator's script reads its URLs and strings. */
export function pageConfig(view: UsernameView | PasscodeView, pgid: string) {
  const base = `/${view.authoritySegment}`;
  return {
    pgid,
    sCtx: view.requestId,
    sFT: view.kind === 'passcode' ? view.flowToken : '',
    urlGetCredentialType: `${base}/GetCredentialType?mkt=${view.locale}`,
    urlPost: view.kind === 'passcode' ? `${base}/otc` : `${base}/login`,
    lcid: view.locale === 'ja-JP' ? 1041 : 1033,
    locale: { mkt: view.locale, lcid: view.locale === 'ja-JP' ? 1041 : 1033 },
    str: {
      unknownUsername: view.kind === 'username' ? view.unknownUsernameMessage : '',
      enterValidUsername: view.strings.enterValidUsername,
      throttled: view.strings.throttled,
      genericError: view.strings.genericError,
    },
    fIsEmulator: true,
  };
}
