// Invitation redemption (facts §2 "Redemption link"): GET /redeem?rd=<encoded
// https://invitations.microsoft.com/redeem/?tenant=<tid>&user=<invitation id>&ticket=…&ver=2.0> shows the consent
// page; accepting marks the guest Accepted (identities per how they sign in at home) and redirects to the
// invitation's inviteRedirectUrl. As Microsoft does, the guest signs in first (EmulatorBehaviour.signInPage
// 'captured', the default): the invited address gets a passcode (the emulator's stand-in for every credential
// step), and only a guest who entered it sees the consent page, whose Accept carries proof of that sign-in. The
// facts reading ('facts') shows the consent page at once.
import express, { type Response } from 'express';
import type { EmulatorState } from '../directory.ts';
import { isFullEmulatorState, redeemTicketMatches, type InvitationRecord } from '../state.ts';
import { escapeHtml as e } from './html.ts';
import type { ScenarioHolder } from '../scenario.ts';
import { renderConvergedPasscode } from './pages/converged.ts';
import { renderFluentPasscode } from './pages/fluent.ts';
import { markAccepted } from './sign-in-flow.ts';
import type { LoginStore } from './store.ts';
import { pickLocale, STRINGS, type Locale } from './strings.ts';

export type RedeemLookup =
  | { ok: true; invitation: InvitationRecord }
  | { ok: false; reason: 'missing-rd' | 'not-an-invitation-url' | 'missing-parameters' | 'unknown-invitation' | 'wrong-ticket' | 'user-gone' };

/** Parse `rd` and find the invitation it names; declines with a reason. */
export function lookUpRedemption(state: EmulatorState, rd: unknown): RedeemLookup {
  if (typeof rd !== 'string' || !rd) return { ok: false, reason: 'missing-rd' };
  let url: URL;
  try {
    url = new URL(rd);
  } catch {
    return { ok: false, reason: 'not-an-invitation-url' };
  }
  if (url.protocol !== 'https:' || url.hostname.toLowerCase() !== 'invitations.microsoft.com' || !/^\/redeem\/?$/i.test(url.pathname)) {
    return { ok: false, reason: 'not-an-invitation-url' };
  }
  const tenant = url.searchParams.get('tenant');
  const user = url.searchParams.get('user');
  const ticket = url.searchParams.get('ticket');
  if (!tenant || !user || !ticket) return { ok: false, reason: 'missing-parameters' };
  const registry = isFullEmulatorState(state) ? state.invitations : [];
  const invitation = registry.find((i) => i.id.toLowerCase() === user.toLowerCase() && i.tenantId.toLowerCase() === tenant.toLowerCase());
  if (!invitation) return { ok: false, reason: 'unknown-invitation' };
  if (!redeemTicketMatches(invitation.ticket, ticket)) return { ok: false, reason: 'wrong-ticket' };
  const t = state.findTenant(invitation.tenantId);
  if (!t?.users.some((u) => u.id === invitation.invitedUserId)) return { ok: false, reason: 'user-gone' };
  return { ok: true, invitation };
}

function page(locale: Locale, pgid: string, title: string, body: string): string {
  return `<!DOCTYPE html>
<html dir="ltr" lang="${locale === 'ja-JP' ? 'ja' : 'en'}">
<head><meta charset="utf-8"><title>${e(title)}</title><meta name="PageID" content="${e(pgid)}" /><meta name="LocLC" content="${e(locale)}" />
<style>body{font-family:"Segoe UI",sans-serif;background:#f2f2f2}#lightbox{background:#fff;max-width:440px;margin:48px auto;padding:44px}</style></head>
<body><div id="lightbox" class="sign-in-box"><div class="logo" role="banner"><span class="logo-text">Microsoft</span></div><div role="main">
${body}
</div></div></body></html>`;
}

function invalid(res: Response, locale: Locale, reason: string): void {
  const s = STRINGS[locale];
  res
    .status(reason === 'user-gone' ? 410 : 400)
    .type('html')
    .set('Cache-Control', 'no-store')
    .send(page(locale, 'ConvergedError', s.errorHeading, `<div role="heading" aria-level="1" class="row title">${e(s.errorHeading)}</div><div id="service_exception_message" class="row text-body" data-reason="${e(reason)}">${e(s.invalidInvitation)}</div>`));
}

/** A flow of the login store that proves who signed in for which invitation (never a sign-in request id). */
const signInFlow = (invitationId: string) => `redeem-sign-in:${invitationId}`;
const consentFlow = (invitationId: string) => `redeem-consent:${invitationId}`;

export function createRedeemRouter(deps: { state: EmulatorState; store: LoginStore; scenario: ScenarioHolder }): express.Router {
  const router = express.Router();
  const signInFirst = () => deps.state.behaviour.signInPage === 'captured';

  function consentPage(res: Response, locale: Locale, rd: string, invitation: InvitationRecord, proof: string): void {
    const tenant = deps.state.findTenant(invitation.tenantId)!;
    const s = STRINGS[locale];
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(
        page(
          locale,
          'Consent',
          s.consentHeading,
          `<div class="identityBanner"><div id="displayName" class="identity">${e(invitation.invitedUserEmailAddress)}</div></div>
<div role="heading" aria-level="1" class="row title" id="consentHeader">${e(s.consentHeading)}</div>
<div class="row text-body"><p id="consentIntro">${e(s.consentIntro(tenant.displayName))}</p><p id="consentPermissions">${e(s.consentPermissions)}</p></div>
<form method="post" action="/redeem" id="consentForm">
<input type="hidden" name="rd" value="${e(rd)}">
<input type="hidden" name="mkt" value="${e(locale)}">
<input type="hidden" name="flowToken" value="${e(proof)}">
<input type="submit" id="idBtn_Back" name="action" value="${e(s.cancel)}" formaction="/redeem/cancel">
<input type="submit" id="idBtn_Accept" name="action" value="${e(s.accept)}">
</form>`,
        ),
      );
  }

  /** The sign-in step before consent: a passcode for the invited address, posted to /redeem/otc. */
  function signInPage(res: Response, locale: Locale, rd: string, invitation: InvitationRecord, error?: string): void {
    const address = invitation.invitedUserEmailAddress;
    const flowToken = deps.store.startFlow(signInFlow(invitation.id), address);
    if (!error) deps.store.issuePasscode(address);
    // `ctx` carries the redemption link; the form posts to /redeem/otc.
    const view = { kind: 'passcode' as const, locale, strings: STRINGS[locale], authoritySegment: 'redeem', requestId: rd, username: address, flowToken, error };
    const html = deps.scenario.current().markup === 'fluent' ? renderFluentPasscode(view) : renderConvergedPasscode(view);
    res.status(error ? 400 : 200).type('html').set('Cache-Control', 'no-store').send(html);
  }

  router.get('/redeem', (req, res) => {
    const q = req.query as Record<string, unknown>;
    const locale = pickLocale(q.mkt, q.ui_locales);
    const found = lookUpRedemption(deps.state, q.rd);
    if (!found.ok) {
      invalid(res, locale, found.reason);
      return;
    }
    const { invitation } = found;
    const tenant = deps.state.findTenant(invitation.tenantId)!;
    const user = tenant.users.find((u) => u.id === invitation.invitedUserId)!;
    if (user.externalUserState === 'Accepted') {
      // Already redeemed: the link just takes the guest on (invitations don't expire, facts §2).
      res.redirect(302, invitation.inviteRedirectUrl || `https://myapps.microsoft.com/?tenantid=${tenant.id}`);
      return;
    }
    if (signInFirst()) signInPage(res, locale, String(q.rd), invitation);
    else consentPage(res, locale, String(q.rd), invitation, '');
  });

  const form = express.urlencoded({ extended: false, limit: '16kb' });
  router.post('/redeem/otc', form, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const locale = pickLocale(body.mkt, undefined);
    const found = lookUpRedemption(deps.state, body.ctx);
    const flow = deps.store.getFlow(typeof body.flowToken === 'string' ? body.flowToken : undefined);
    if (!found.ok || !flow || flow.requestId !== signInFlow(found.invitation.id)) {
      invalid(res, locale, found.ok ? 'missing-parameters' : found.reason);
      return;
    }
    const outcome = deps.store.checkPasscode(flow.username, typeof body.otc === 'string' ? body.otc : '');
    if (outcome !== 'ok') {
      const s = STRINGS[locale];
      signInPage(res, locale, String(body.ctx), found.invitation, outcome === 'expired' ? s.expiredCode : s.wrongCode);
      return;
    }
    consentPage(res, locale, String(body.ctx), found.invitation, deps.store.startFlow(consentFlow(found.invitation.id), flow.username));
  });

  router.post('/redeem', form, (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const locale = pickLocale(body.mkt, undefined);
    const found = lookUpRedemption(deps.state, body.rd);
    if (!found.ok) {
      invalid(res, locale, found.reason);
      return;
    }
    const tenant = deps.state.findTenant(found.invitation.tenantId)!;
    const user = tenant.users.find((u) => u.id === found.invitation.invitedUserId)!;
    const proof = deps.store.getFlow(typeof body.flowToken === 'string' ? body.flowToken : undefined);
    if (signInFirst() && user.externalUserState !== 'Accepted' && proof?.requestId !== consentFlow(found.invitation.id)) {
      // Accept without having signed in: nothing is redeemed.
      invalid(res, locale, 'missing-parameters');
      return;
    }
    if (user.externalUserState !== 'Accepted') markAccepted(deps.state, user);
    res.redirect(302, found.invitation.inviteRedirectUrl || `https://myapps.microsoft.com/?tenantid=${tenant.id}`);
  });

  router.post('/redeem/cancel', form, (req, res) => {
    const locale = pickLocale(((req.body ?? {}) as Record<string, unknown>).mkt, undefined);
    res.type('html').send(page(locale, 'ConsentDeclined', STRINGS[locale].consentHeading, `<div id="consentDeclined" class="row text-body">The invitation was not accepted. You can open the invitation link again at any time.</div>`));
  });

  return router;
}
