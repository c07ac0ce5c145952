// The interactive sign-in: authorize → username page → GetCredentialType → passcode step → redirect with a code.
// Facts §1 (page, strings, AADSTS), §1d (GetCredentialType), §2 (tenant-specific endpoints, login_hint).
//
// Emulator choices (README): every account proves itself with an emailed one-time passcode (guests: email OTP;
// members and personal accounts: the same step stands in for password/MFA) — except members seeded with a password
// (the admin console's demo users), who get a password step instead. At a tenant endpoint, a login_hint
// naming an account of that tenant skips the username page and goes straight to the passcode step; at a generic
// endpoint login_hint only pre-fills. A pending guest who signs in at the tenant endpoint is redeemed
// just-in-time (facts §2: direct-link redemption), becoming Accepted.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import type { AppRegistration, DirectoryUser, EmulatedTenant, EmulatorState } from '../directory.ts';
import type { ScenarioHolder } from '../scenario.ts';
import { registeredRedirectUris } from './spa-redemption.ts';
import { redeemedIdentity } from '../seed.ts';
import { MESSAGES } from './aadsts.ts';
import { lookUpAccount, signedInAs, type ResolvedAccount } from './accounts.ts';
import { resolveAuthority } from './authority.ts';
import { escapeHtml } from './html.ts';
import { renderConvergedPasscode, renderConvergedUsername } from './pages/converged.ts';
import { renderCapturedUsername, renderJsDisabled, type UsernameErrorKind } from './pages/captured.ts';
import { renderErrorPage } from './pages/error-page.ts';
import { domainTypeOf, isEntraDomainType } from './domain-type.ts';
import { renderFluentPasscode, renderFluentUsername } from './pages/fluent.ts';
import type { PasscodeView, UsernameView } from './pages/view.ts';
import type { LoginStore, SignInRequest } from './store.ts';
import { pickLocale, STRINGS, type Locale } from './strings.ts';

export interface SignInFlowDeps {
  state: EmulatorState;
  store: LoginStore;
  scenario: ScenarioHolder;
}

type Query = Record<string, unknown>;
const str = (q: Query, k: string): string | undefined => (typeof q[k] === 'string' && (q[k] as string).length > 0 ? (q[k] as string) : undefined);

function sendError(res: Response, status: number, code: number, message: string, locale: Locale, now: Date): void {
  res.status(status).type('html').set('Cache-Control', 'no-store').send(renderErrorPage({ code, message, locale, now }));
}

function findAppFor(state: EmulatorState, clientId: string, tenant: EmulatedTenant | null): { app: AppRegistration; tenant: EmulatedTenant } | undefined {
  const id = clientId.toLowerCase();
  for (const t of tenant ? [tenant] : state.tenants) {
    const app = t.apps.find((a) => a.clientId.toLowerCase() === id);
    if (app) return { app, tenant: t };
  }
  return undefined;
}

/** Which identity provider an address signs in with, for AADSTS messages. */
function identityProviderOf(state: EmulatorState, address: string): string {
  const domain = address.split('@')[1]?.toLowerCase() ?? '';
  // real-behaviour §4: a Gmail address behind AADSTS50020 is usually a Gmail-backed Microsoft account → live.com
  // ('google.com' only for Google-federated guests); the facts file's reading was google.com.
  if (domain === 'gmail.com' || domain === 'googlemail.com') return state.behaviour.signInPage === 'captured' ? 'live.com' : 'google.com';
  if (/^(outlook|hotmail|live|msn)\./.test(domain)) return 'live.com';
  const home = state.tenants.find((t) => t.domains.some((d) => d.toLowerCase() === domain));
  return home ? `https://sts.windows.net/${home.id}/` : 'mail';
}

function forcedErrorMessage(state: EmulatorState, code: number, username: string, request: SignInRequest): string {
  const tenant = (request.tenantId && state.findTenant(request.tenantId)) || findAppFor(state, request.clientId, null)?.tenant;
  const tenantName = tenant?.displayName ?? request.authoritySegment;
  const app = findAppFor(state, request.clientId, tenant ?? null)?.app;
  const idp = identityProviderOf(state, username);
  switch (code) {
    case 50020:
      return MESSAGES.userUnauthorized(username, idp, tenantName, request.clientId, app?.displayName ?? request.clientId);
    case 50034:
      return MESSAGES.userNotFound(username, tenantName);
    case 90072:
      return MESSAGES.passThroughUserMfa(username, tenantName);
    default:
      return MESSAGES.externalUserNotAdded(username, idp, tenantName, request.clientId, app?.displayName ?? request.clientId);
  }
}

export function createSignInFlowRouter(deps: SignInFlowDeps): express.Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const now = () => deps.state.now();

  function strings(locale: Locale) {
    return STRINGS[locale];
  }

  /**
   * Which message an unknown address gets: by the typed domain's DomainType at every endpoint (real-behaviour §2),
   * or — the facts file's reading — by endpoint (tenant → "may be incorrect", generic → "couldn't find").
   */
  function unknownAddressKind(request: SignInRequest, username: string): UsernameErrorKind {
    if (deps.state.behaviour.signInPage === 'facts') return request.tenantId ? 'may-be-incorrect' : 'not-found';
    return isEntraDomainType(domainTypeOf(deps.state, username)) ? 'may-be-incorrect' : 'not-found';
  }

  function renderUsername(res: Response, request: SignInRequest, username: string, errorKind?: UsernameErrorKind, status = 200): void {
    const s = strings(request.locale);
    const markup = deps.scenario.current().markup;
    const common = { kind: 'username' as const, locale: request.locale, strings: s, authoritySegment: request.authoritySegment, requestId: request.id, username };
    if (deps.state.behaviour.signInPage === 'captured') {
      res.status(status).type('html').set('Cache-Control', 'no-store').send(renderCapturedUsername({ ...common, unknownUsernameMessage: s.accountNotFound, markup, errorKind }));
      return;
    }
    const messages: Record<UsernameErrorKind, string> = { 'not-found': s.accountNotFound, 'may-be-incorrect': s.usernameMayBeIncorrect, invalid: s.enterValidUsername };
    const view: UsernameView = {
      ...common,
      error: errorKind ? messages[errorKind] : undefined,
      unknownUsernameMessage: request.tenantId ? s.usernameMayBeIncorrect : s.accountNotFound,
    };
    const html = markup === 'fluent' ? renderFluentUsername(view) : renderConvergedUsername(view);
    res.status(status).type('html').set('Cache-Control', 'no-store').send(html);
  }

  function renderPasscode(res: Response, request: SignInRequest, username: string, flowToken: string, error?: string): void {
    const credential = passwordOf(request, username) !== undefined ? 'password' : 'code';
    const view: PasscodeView = { kind: 'passcode', locale: request.locale, strings: strings(request.locale), authoritySegment: request.authoritySegment, requestId: request.id, username, flowToken, error, credential };
    const html = deps.scenario.current().markup === 'fluent' ? renderFluentPasscode(view) : renderConvergedPasscode(view);
    res.status(error ? 400 : 200).type('html').set('Cache-Control', 'no-store').send(html);
  }

  /** Returns true when a forced-error scenario applies to this username (and the error page was sent). */
  function forcedError(res: Response, request: SignInRequest, username: string): boolean {
    const forced = deps.scenario.current().forcedError;
    if (!forced) return false;
    if (forced.address && forced.address.trim().toLowerCase() !== username.trim().toLowerCase()) return false;
    sendError(res, 400, forced.code, forcedErrorMessage(deps.state, forced.code, username, request), request.locale, now());
    return true;
  }

  /** The password of a member who has one (emulator: console users); they get a password step, not a passcode. */
  function passwordOf(request: SignInRequest, username: string): string | undefined {
    const tenant = request.tenantId ? (deps.state.findTenant(request.tenantId) ?? null) : null;
    const { account } = lookUpAccount(deps.state, username, tenant);
    return account?.kind === 'tenant-user' && account.user.userType === 'Member' ? account.user.password : undefined;
  }

  /** A username the directory knows: "email" a passcode (or ask for the password) and show that step. */
  function continueToPasscode(res: Response, request: SignInRequest, username: string): void {
    const flowToken = deps.store.startFlow(request.id, username);
    if (passwordOf(request, username) === undefined) deps.store.issuePasscode(username);
    renderPasscode(res, request, username, flowToken);
  }

  function authorize(protocol: SignInRequest['protocol']) {
    return (req: Request, res: Response) => {
      const q = req.query as Query;
      const locale = pickLocale(q.mkt, q.ui_locales);
      const segment = String(req.params.tenant);
      const authority = resolveAuthority(deps.state, segment);
      if (authority.kind === 'unknown') {
        sendError(res, 400, authority.malformed ? 900023 : 90002, authority.malformed ? MESSAGES.tenantIdentifierInvalid(segment) : MESSAGES.tenantNotFound(segment), locale, now());
        return;
      }
      const tenant = authority.kind === 'tenant' ? authority.tenant : null;
      let clientId: string | undefined;
      let redirectUri: string | undefined;
      let responseType = 'code';
      let responseMode: SignInRequest['responseMode'] = 'query';
      if (protocol === 'saml2' || protocol === 'wsfed') {
        // Minimal: accept the request and run the same username/passcode pages; the end is an informational page.
        if (protocol === 'saml2' && !str(q, 'SAMLRequest')) {
          sendError(res, 400, 750054, 'SAMLRequest or SAMLResponse must be present as query string parameters in HTTP request for SAML Redirect binding.', locale, now());
          return;
        }
        if (protocol === 'wsfed' && !str(q, 'wtrealm') && !str(q, 'wa')) {
          sendError(res, 400, 900144, MESSAGES.missingParameter('wtrealm'), locale, now());
          return;
        }
        clientId = str(q, 'wtrealm') ?? 'saml';
        redirectUri = str(q, 'wreply') ?? '';
      } else {
        clientId = str(q, 'client_id');
        if (!clientId) {
          sendError(res, 400, 900144, MESSAGES.missingParameter('client_id'), locale, now());
          return;
        }
        const found = findAppFor(deps.state, clientId, tenant);
        if (!found) {
          sendError(res, 400, 700016, MESSAGES.appNotFound(clientId, tenant ? (tenant.domains[0] ?? tenant.id) : segment), locale, now());
          return;
        }
        redirectUri = str(q, 'redirect_uri') ?? (found.app.redirectUris.length === 1 ? found.app.redirectUris[0] : undefined);
        // Either platform's redirect URIs (Web or SPA); which one decides how the code may be redeemed (spa-redemption.ts).
        if (!redirectUri || !registeredRedirectUris(found.app).includes(redirectUri)) {
          sendError(res, 400, 50011, MESSAGES.redirectMismatch(redirectUri ?? '', clientId), locale, now());
          return;
        }
        responseType = str(q, 'response_type') ?? '';
        if (!responseType.split(' ').includes('code')) {
          sendError(res, 400, 900144, responseType ? `The provided value for the input parameter 'response_type' is not allowed for this request. Expected value: 'code'.` : MESSAGES.missingParameter('response_type'), locale, now());
          return;
        }
        const mode = str(q, 'response_mode') ?? 'query';
        if (mode !== 'query' && mode !== 'fragment' && mode !== 'form_post') {
          sendError(res, 400, 900144, `The provided value for the input parameter 'response_mode' is not valid: '${mode}'.`, locale, now());
          return;
        }
        responseMode = mode;
        const method = str(q, 'code_challenge_method');
        if (method && method !== 'S256' && method !== 'plain') {
          sendError(res, 400, 5000, `The code_challenge_method '${method}' is not supported.`, locale, now());
          return;
        }
      }
      const request = deps.store.saveRequest({
        authoritySegment: authority.kind === 'generic' ? authority.name : segment,
        tenantId: tenant?.id ?? null,
        protocol,
        clientId,
        redirectUri,
        responseType,
        responseMode,
        scope: str(q, 'scope') ?? 'openid',
        state: str(q, 'state'),
        nonce: str(q, 'nonce'),
        codeChallenge: str(q, 'code_challenge'),
        codeChallengeMethod: str(q, 'code_challenge') ? ((str(q, 'code_challenge_method') as 'S256' | 'plain' | undefined) ?? 'plain') : undefined,
        // An address is at most 320 characters (64@255); anything longer cannot be one and is not echoed.
        loginHint: (str(q, 'login_hint')?.length ?? 0) <= 320 ? str(q, 'login_hint') : undefined,
        locale,
      });
      const hint = request.loginHint?.trim() ?? '';
      if (hint && tenant && lookUpAccount(deps.state, hint, tenant).result === 0) {
        if (forcedError(res, request, hint)) return;
        continueToPasscode(res, request, hint);
        return;
      }
      renderUsername(res, request, hint);
    };
  }

  for (const path of ['/:tenant/oauth2/v2.0/authorize', '/:tenant/oauth2/authorize']) {
    router.get(path, authorize(path.includes('v2.0') ? 'oauth2-v2' : 'oauth2-v1'));
  }
  router.get('/:tenant/saml2', authorize('saml2'));
  // Where the page's <noscript> leads (real-behaviour §1).
  router.get('/jsdisabled', (req, res) => {
    const locale = pickLocale((req.query as Query).mkt, (req.query as Query).ui_locales);
    res.type('html').set('Cache-Control', 'no-store').send(renderJsDisabled({ strings: strings(locale), locale }));
  });
  router.get('/:tenant/wsfed', authorize('wsfed'));

  // The username form (the page's script only submits it after GetCredentialType said the account exists; the
  // server checks again, which is also the no-JavaScript path).
  router.post('/:tenant/login', form, (req, res) => {
    const body = (req.body ?? {}) as Query;
    const request = deps.store.getRequest(str(body, 'ctx'));
    if (!request) {
      sendError(res, 400, 900561, 'The sign-in request could not be found or has expired. Start the sign-in again from the application.', 'en-US', now());
      return;
    }
    const username = (str(body, 'loginfmt') ?? str(body, 'username') ?? '').trim();
    if (!username || username.indexOf('@') < 1) {
      renderUsername(res, request, username, 'invalid', 400);
      return;
    }
    if (forcedError(res, request, username)) return;
    const tenant = request.tenantId ? (deps.state.findTenant(request.tenantId) ?? null) : null;
    const { result } = lookUpAccount(deps.state, username, tenant);
    if (result === 1) {
      renderUsername(res, request, username, unknownAddressKind(request, username), 400);
      return;
    }
    continueToPasscode(res, request, username);
  });

  router.post('/:tenant/otc', form, (req, res) => {
    const body = (req.body ?? {}) as Query;
    const flowToken = str(body, 'flowToken');
    const flow = deps.store.getFlow(flowToken);
    const request = flow ? deps.store.getRequest(flow.requestId) : undefined;
    if (!flow || !request || !flowToken) {
      sendError(res, 400, 900561, 'The sign-in request could not be found or has expired. Start the sign-in again from the application.', 'en-US', now());
      return;
    }
    const s = strings(request.locale);
    const password = passwordOf(request, flow.username);
    if (password !== undefined) {
      if (!sameSecret(str(body, 'passwd') ?? '', password)) {
        renderPasscode(res, request, flow.username, flowToken, s.wrongPassword);
        return;
      }
    } else {
      const outcome = deps.store.checkPasscode(flow.username, str(body, 'otc') ?? '');
      if (outcome !== 'ok') {
        renderPasscode(res, request, flow.username, flowToken, outcome === 'expired' ? s.expiredCode : s.wrongCode);
        return;
      }
    }
    const tenant = request.tenantId ? (deps.state.findTenant(request.tenantId) ?? null) : null;
    const { account } = lookUpAccount(deps.state, flow.username, tenant);
    if (!account) {
      renderUsername(res, request, flow.username, unknownAddressKind(request, flow.username), 400);
      return;
    }
    recordSignIn(deps.state, account);
    finish(res, request, account, flow.username);
  });

  function finish(res: Response, request: SignInRequest, account: ResolvedAccount, username: string): void {
    if (request.protocol === 'saml2' || request.protocol === 'wsfed') {
      res.type('html').send(`<!DOCTYPE html><html lang="en"><head><title>Signed in</title></head><body><h1 id="signedIn">Signed in as ${escapeHtml(username)}</h1><p>The emulator does not build ${request.protocol === 'saml2' ? 'SAML' : 'WS-Federation'} responses.</p></body></html>`);
      return;
    }
    const code = deps.store.issueCode(request, signedInAs(account, username));
    const params = new URLSearchParams({ code });
    if (request.state !== undefined) params.set('state', request.state);
    params.set('session_state', randomUUID());
    if (request.responseMode === 'form_post') {
      const inputs = [...params].map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('');
      res.type('html').send(`<!DOCTYPE html><html lang="en"><head><title>Working...</title></head><body><form method="POST" name="hiddenform" action="${escapeHtml(request.redirectUri)}">${inputs}<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript></form><script>document.forms[0].submit()</script></body></html>`);
      return;
    }
    const separator = request.responseMode === 'fragment' ? '#' : request.redirectUri.includes('?') ? '&' : '?';
    res.redirect(302, `${request.redirectUri}${separator}${params}`);
  }

  return router;
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Note the sign-in on the user (signInActivity), and redeem a pending guest signing in at the tenant endpoint
 * there and then (facts §2 "direct-link fallback").
 */
function recordSignIn(state: EmulatorState, account: ResolvedAccount): void {
  if (account.kind !== 'tenant-user') return;
  const user = account.user;
  user.signInActivity = { lastSignInDateTime: state.now().toISOString() };
  if (user.userType === 'Guest' && user.externalUserState === 'PendingAcceptance') markAccepted(state, user);
}

export function markAccepted(state: EmulatorState, user: DirectoryUser): void {
  user.externalUserState = 'Accepted';
  user.externalUserStateChangeDateTime = state.now().toISOString();
  const address = user.mail ?? user.otherMails[0] ?? user.userPrincipalName;
  const redeemed = redeemedIdentity(user.homeIdp, address);
  if (!user.identities.some((i) => i.issuer === redeemed.issuer)) user.identities.push(redeemed);
}
