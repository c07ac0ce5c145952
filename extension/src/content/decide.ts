// What to do about the sign-in page's current state: a pure decision over the shared classifier's result,
// the shared authority rewrite, the effective settings and this request's attempt memory.
import { signInEndpointOf, type SignInPageState } from '../../../shared/signin-page.ts';
import { authorityOf, rewriteAuthority } from '../../../shared/authority-rewrite.ts';
import type { EffectiveSettings, EffectiveTenant } from '../settings/settings.ts';
import type { Attempt } from './attempts.ts';
import type { Plan } from './plan.ts';

export interface Choice {
  tenant: string; // tenant value
  label: string;
  url: string;
  /** true: the same request at the tenant; false: only the tenant's My Apps page (request could not be rebuilt). */
  sameRequest: boolean;
}

/** Message ids in _locales/<lang>/messages.json. */
export type ExplainKey =
  | 'explainNoTenant'
  | 'explainNoTenantLeft'
  | 'explainNotAtTenant'
  | 'explainPersonalAccount'
  | 'explain50020'
  | 'explain50034'
  | 'explainNotInvited'
  | 'explainCannotRebuild';

export type PageDecision =
  | { action: 'reroute'; url: string; tenant: string; original: string; loginHint?: string }
  | { action: 'choose'; choices: Choice[]; original: string; loginHint?: string; notAt?: string }
  | { action: 'explain'; key: ExplainKey; tenant?: string; portalUrl?: string; showOptions: boolean; reason: string }
  | { action: 'none'; reason: string; final: boolean };

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
  const hereKnown = findTenant(settings, here);
  const portalUrl = hereKnown?.portalUrl;

  if (page.state === 'aadsts-error') {
    const key = GUEST_ERRORS[page.code];
    if (!key) return { action: 'none', reason: 'aadsts-' + page.code, final: false };
    return { action: 'explain', key, tenant: here, portalUrl, showOptions: false, reason: 'aadsts-' + page.code };
  }
  if (page.state === 'personal-account-not-allowed') {
    return { action: 'explain', key: 'explainPersonalAccount', tenant: here, portalUrl, showOptions: false, reason: page.state };
  }

  // account-not-found / username-may-be-incorrect
  const loginHint = page.username || attempt?.loginHint;
  if (here !== undefined) {
    // At a tenant endpoint: only offer what was not tried yet for this request; never bounce automatically.
    if (!attempt) return { action: 'explain', key: 'explainNotAtTenant', tenant: here, portalUrl, showOptions: false, reason: 'unknown-at-tenant' };
    return offer(settings, attempt.original, [...attempt.tried, here], loginHint, false, here, portalUrl);
  }
  const generic = authorityOf(url).kind;
  if (generic === 'consumers' || generic === 'none') return { action: 'none', reason: 'not-a-generic-endpoint', final: true };
  const base = attempt?.original ?? url;
  // Once anything was tried for this request, choices are offered, never taken automatically.
  return offer(settings, base, attempt?.tried ?? [], loginHint, settings.mode === 'automatic' && !attempt?.tried.length, undefined, undefined);
}

function offer(
  settings: EffectiveSettings,
  original: string,
  tried: string[],
  loginHint: string | undefined,
  automatic: boolean,
  notAt: string | undefined,
  portalUrl: string | undefined,
): PageDecision {
  const remaining = settings.tenants.filter((t) => !tried.includes(t.tenant.value));
  if (!remaining.length) {
    return tried.length
      ? { action: 'explain', key: 'explainNoTenantLeft', tenant: notAt, portalUrl, showOptions: true, reason: 'no-tenant-left' }
      : { action: 'explain', key: 'explainNoTenant', showOptions: true, reason: 'no-tenant-known' };
  }
  const choices: Choice[] = [];
  let declined = '';
  for (const t of remaining) {
    const r = rewriteAuthority(original, t.tenant, loginHint ? { loginHint } : undefined);
    if (r.action === 'none') declined = r.reason;
    else choices.push({ tenant: t.tenant.value, label: t.label ?? t.tenant.value, url: r.url, sameRequest: r.action === 'reroute' });
  }
  if (!choices.length) return { action: 'none', reason: declined, final: true };
  const only = choices[0]!;
  if (automatic && remaining.length === 1 && only.sameRequest) {
    return { action: 'reroute', url: only.url, tenant: only.tenant, original, loginHint };
  }
  return { action: 'choose', choices, original, loginHint, notAt };
}

/**
 * decidePage for every state a page at `url` can reach, for the content script to look up (plan.ts). A typed
 * username is written as `hint` (URL-safe, unguessable), which decideByPlan replaces with the real address.
 */
export function planPage(url: string, settings: EffectiveSettings, attempt: Attempt | undefined, hint: string): Plan {
  const decide = (page: SignInPageState) => decidePage(page, url, settings, attempt);
  const aadsts: Record<number, PageDecision> = {};
  for (const code of Object.keys(GUEST_ERRORS)) aadsts[Number(code)] = decide({ state: 'aadsts-error', code: Number(code), signal: '' });
  // An unexplained code (0 is never one): its answer either names the code, or does not depend on it.
  const other = decide({ state: 'aadsts-error', code: 0, signal: '' });
  return {
    url,
    endpoint: signInEndpointOf(url),
    aadsts,
    ...(other.action === 'none' && other.reason === 'aadsts-0' ? {} : { otherCode: other }),
    personal: decide({ state: 'personal-account-not-allowed', signal: '' }),
    notFound: decide({ state: 'account-not-found', signal: '' }),
    notFoundAs: decide({ state: 'account-not-found', signal: '', username: hint }),
    hint,
  };
}
