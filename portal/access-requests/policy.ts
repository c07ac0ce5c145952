// The rules of access requests, without I/O: which policy applies, what a request's domain means under it, and
// what the worker does with a request once it knows whether the address is already a guest.
import type { AccessPolicy, AccessRequestSettings } from './types.ts';

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** `@Contoso.COM ` → `contoso.com`; undefined when it is not a domain name. */
export function normaliseDomain(value: string): string | undefined {
  const d = value.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
  return DOMAIN.test(d) ? d : undefined;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** Blocked domains cover their subdomains (blocking more is the safe side). */
export function isBlocked(policy: AccessPolicy, domain: string): boolean {
  return policy.blockedDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** Pre-approved domains match exactly (inviting without an admin is the side to be strict on). */
export function isPreApproved(policy: AccessPolicy, domain: string): boolean {
  return policy.mode === 'pre-approved' && policy.preApprovedDomains.includes(domain);
}

/** The policy in force: the configuration's when locked or never edited, else the one stored by an admin. */
export function effectivePolicy(settings: AccessRequestSettings, stored: AccessPolicy | null): AccessPolicy {
  if (settings.locked || !stored) return settings.policy;
  const { mode, preApprovedDomains, dailyCap, blockedDomains } = stored;
  return { mode, preApprovedDomains, dailyCap, blockedDomains };
}

/** What Graph says about the address in this tenant. */
export type GuestState = 'pending-guest' | 'accepted-guest' | 'no-guest' | 'ambiguous';

export type RequestAction =
  | { action: 'drop'; reason: 'requests-off' | 'invites-off' | 'blocked-domain' | 'already-accepted' | 'ambiguous' }
  | { action: 'look-up' }
  | { action: 'resend' }
  | { action: 'pre-approve' }
  | { action: 'ask-approver' };

/**
 * Before Graph: is there anything to look up? (`invitesAllowed` false: the tenant's allowInvitesFrom is `none`.)
 * After Graph (`guest` given): resend a pending guest's invitation, nothing for an accepted one, else invite at once
 * (pre-approved domain) or ask an approver.
 */
export function decideRequest(input: { policy: AccessPolicy; invitesAllowed: boolean; address: string; guest?: GuestState }): RequestAction {
  const { policy, address, guest } = input;
  const domain = domainOf(address);
  if (policy.mode === 'off') return { action: 'drop', reason: 'requests-off' };
  if (!input.invitesAllowed) return { action: 'drop', reason: 'invites-off' };
  if (isBlocked(policy, domain)) return { action: 'drop', reason: 'blocked-domain' };
  if (guest === undefined) return { action: 'look-up' };
  if (guest === 'pending-guest') return { action: 'resend' };
  if (guest === 'accepted-guest') return { action: 'drop', reason: 'already-accepted' };
  if (guest === 'ambiguous') return { action: 'drop', reason: 'ambiguous' };
  return isPreApproved(policy, domain) ? { action: 'pre-approve' } : { action: 'ask-approver' };
}

/** Start of the UTC day of `now` (the daily cap counts per UTC day). */
export function utcDayStart(now: number): number {
  return Math.floor(now / 86_400_000) * 86_400_000;
}
