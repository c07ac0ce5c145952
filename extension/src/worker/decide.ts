// What to do about the sign-in page's current state: a pure decision over the shared classifier's result,
// the shared authority rewrite, the effective settings and this sign-in's memory. Runs in the service worker only
// (planPage hands the page every answer in advance).
import { signInEndpointOf, USERNAME_ERROR_STATES, type SignInPageState, type UsernameErrorState } from '../../../shared/signin-page.ts';
import { authorityOf, rewriteAuthority } from '../../../shared/authority-rewrite.ts';
import type { EffectiveSettings, EffectiveTenant } from '../common/settings.ts';
import type { Choice, ChooseIntroKey, ExplainKey, PageDecision, Plan } from '../common/decision.ts';
import type { Attempt } from './sign-in-memory.ts';

export type { Choice, ExplainKey, PageDecision };

/** The sign-in service says the tenant does not exist: nothing to do on the page, and the worker drops the candidate. */
export const TENANT_NOT_FOUND = 90002;

const GUEST_ERRORS: Record<number, ExplainKey> = {
  50020: 'explain50020',
  50034: 'explain50034',
  90072: 'explainNotInvited',
  16000: 'explainNotInvited',
};

function findTenant(settings: EffectiveSettings, value: string | undefined): EffectiveTenant | undefined {
  return value === undefined ? undefined : settings.tenants.find((t) => t.tenant.value === value);
}

function tenantOfUrl(url: string): string | undefined {
  const a = authorityOf(url);
  return a.kind === 'tenant' ? a.tenant.value : undefined;
}

export function decidePage(
  page: SignInPageState,
  url: string,
  settings: EffectiveSettings,
  attempt: Attempt | undefined,
): PageDecision {
  if (page.state === 'none') return { action: 'none', reason: page.reason, final: false };
  if (settings.mode === 'off') return { action: 'none', reason: 'mode-off', final: true };

  const here = tenantOfUrl(url);
  const portalUrl = findTenant(settings, here)?.portalUrl;

  if (page.state === 'aadsts-error') {
    if (page.code === TENANT_NOT_FOUND) return { action: 'none', reason: 'aadsts-' + page.code, final: true };
    const key = GUEST_ERRORS[page.code];
    if (!key) return { action: 'none', reason: 'aadsts-' + page.code, final: false };
    return { action: 'explain', key, tenant: here, portalUrl, showOptions: false, reason: 'aadsts-' + page.code };
  }
  if (page.state === 'personal-account-not-allowed') {
    return { action: 'explain', key: 'explainPersonalAccount', tenant: here, portalUrl, showOptions: false, reason: page.state };
  }

  // The address is unknown where the guest typed it.
  const loginHint = page.username || attempt?.loginHint;
  if (here !== undefined) {
    // At a tenant endpoint: only offer what was not tried yet for this request; never bounce automatically.
    if (!attempt) return { action: 'explain', key: 'explainNotAtTenant', tenant: here, portalUrl, showOptions: false, reason: 'unknown-at-tenant' };
    return offer(settings, { original: attempt.original, tried: [...attempt.tried, here], loginHint, notAt: here, portalUrl, intro: 'chooseAfterMiss', reason: 'not-at-tenant' });
  }
  const generic = authorityOf(url).kind;
  if (generic === 'consumers' || generic === 'none') return { action: 'none', reason: 'not-a-generic-endpoint', final: true };
  const request = { original: attempt?.original ?? url, tried: attempt?.tried ?? [], loginHint };
  if (page.state === 'username-may-be-incorrect') {
    // An address at an Entra-verified domain (real-behaviour §2): a work account, which no host tenant can sign in
    // as a guest. Say so; the organisations the guest trusts stay one click away.
    const d = offer(settings, { ...request, trustedOnly: true, intro: 'chooseWorkAccount', reason: 'work-account' });
    return d.action === 'explain' ? { action: 'explain', key: 'explainWorkAccount', showOptions: false, reason: 'work-account' } : d;
  }
  if (page.state === 'unrecognised-username-error') {
    const d = offer(settings, { ...request, intro: 'chooseUnrecognised', reason: 'unrecognised-error' });
    return d.action === 'explain' ? { action: 'none', reason: 'unrecognised-error', final: false } : d;
  }
  // Once anything was tried for this request, choices are offered, never taken automatically.
  return offer(settings, { ...request, automatic: settings.mode === 'automatic' && !request.tried.length, intro: 'chooseIntro', reason: 'several-tenants' });
}

interface OfferOptions {
  original: string;
  tried: string[];
  loginHint: string | undefined;
  intro: ChooseIntroKey;
  reason: string;
  /** Go at once when exactly one trusted tenant remains (and the request can be rebuilt there). */
  automatic?: boolean;
  /** Offer trusted tenants only. */
  trustedOnly?: boolean;
  notAt?: string;
  portalUrl?: string;
}

function offer(settings: EffectiveSettings, o: OfferOptions): PageDecision {
  const remaining = settings.tenants.filter((t) => !o.tried.includes(t.tenant.value) && (t.trusted || !o.trustedOnly));
  if (!remaining.length) {
    return o.tried.length
      ? { action: 'explain', key: 'explainNoTenantLeft', tenant: o.notAt, portalUrl: o.portalUrl, showOptions: true, reason: 'no-tenant-left' }
      : { action: 'explain', key: 'explainNoTenant', showOptions: true, reason: 'no-tenant-known' };
  }
  const choices: Choice[] = [];
  let declined = '';
  for (const t of remaining) {
    const r = rewriteAuthority(o.original, t.tenant, o.loginHint ? { loginHint: o.loginHint } : undefined);
    if (r.action === 'none') declined = r.reason;
    else choices.push({ tenant: t.tenant.value, label: t.label ?? t.tenant.value, url: r.url, sameRequest: r.action === 'reroute', trusted: t.trusted });
  }
  if (!choices.length) return { action: 'none', reason: declined, final: true };
  const trusted = remaining.filter((t) => t.trusted);
  const only = choices.find((c) => c.trusted);
  // Exactly one trusted tenant ⇒ no click. Candidates never decide an automatic reroute.
  if (o.automatic && trusted.length === 1 && only?.sameRequest) {
    return { action: 'reroute', url: only.url, tenant: only.tenant, original: o.original, loginHint: o.loginHint };
  }
  const unconfirmedOnly = o.intro === 'chooseIntro' && !trusted.length;
  const decision: PageDecision = {
    action: 'choose',
    intro: unconfirmedOnly ? 'chooseUnconfirmed' : o.intro,
    choices,
    original: o.original,
    loginHint: o.loginHint,
    reason: unconfirmedOnly ? 'unconfirmed-tenants' : o.reason,
  };
  if (o.notAt !== undefined) decision.notAt = o.notAt;
  return decision;
}

/**
 * decidePage for every state a page at `url` can reach, for the content script to look up (plan.ts). A typed
 * username is written as `hint` (URL-safe, unguessable), which decideByPlan replaces with the real address.
 */
export function planPage(url: string, settings: EffectiveSettings, attempt: Attempt | undefined, hint: string): Plan {
  const decide = (page: SignInPageState) => decidePage(page, url, settings, attempt);
  const aadsts: Record<number, PageDecision> = {};
  for (const code of [...Object.keys(GUEST_ERRORS).map(Number), TENANT_NOT_FOUND]) aadsts[code] = decide({ state: 'aadsts-error', code, signal: '' });
  // An unexplained code (0 is never one): its answer either names the code, or does not depend on it.
  const other = decide({ state: 'aadsts-error', code: 0, signal: '' });
  const username = {} as Plan['username'];
  for (const state of USERNAME_ERROR_STATES as UsernameErrorState[]) {
    username[state] = { plain: decide({ state, signal: '' }), as: decide({ state, signal: '', username: hint }) };
  }
  return {
    url,
    endpoint: signInEndpointOf(url),
    aadsts,
    ...(other.action === 'none' && other.reason === 'aadsts-0' ? {} : { otherCode: other }),
    personal: decide({ state: 'personal-account-not-allowed', signal: '' }),
    username,
    hint,
  };
}
