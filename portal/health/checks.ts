// The eight checks of issue 12 as pure functions of a TenantSnapshot: each returns exactly one finding (severity
// `ok` when there is nothing to do). A part that could not be read becomes a finding that says what to grant.
import { LEARN_LINKS, type LearnLink } from './learn-links.ts';
import type { ConditionalAccessPolicy, Guest, Read, TenantSnapshot } from './snapshot.ts';
import type { CheckId, Finding, GuestPicture, Severity } from './types.ts';

export interface CheckOptions {
  /** Examples listed per finding. */
  maxExamples: number;
  /** Accepted guests without a sign-in for this long are stale. */
  staleDays: number;
  /** Pending invitations older than this are reported. */
  pendingDays: number;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = { maxExamples: 5, staleDays: 90, pendingDays: 30 };

const DAY = 24 * 3600_000;
export const GUEST_INVITER_ROLE_ID = '95e79109-95c0-4d8e-aee3-d01accf2d47b';
/** Guest access levels (authorizationPolicy.guestUserRoleId). */
export const GUEST_ROLE_IDS = {
  sameAsMembers: 'a0b1b346-4d3e-4e8b-98f8-753987be4970',
  limited: '10dae51f-b6af-4016-8d66-8c2a99b929b3',
  restricted: '2af84b1e-32c8-42b7-82bc-daa82404023b',
} as const;
/** Roles that can take over the tenant or its users: held by a guest, that is critical. */
const PRIVILEGED_ROLE_IDS = new Set([
  '62e90394-69f5-4237-9190-012177145e10', // Global Administrator
  'e8611ab8-c189-46e8-94e1-60213ab1f814', // Privileged Role Administrator
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13', // Privileged Authentication Administrator
  '194ae4cb-b126-40b2-bd5b-6091b380977d', // Security Administrator
  'fe930be7-5e62-47db-91af-98c3a49a38b1', // User Administrator
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', // Application Administrator
  '158c047a-c907-4556-b7ef-446551a6b5f7', // Cloud Application Administrator
  'c4e39bd9-1100-46d3-8c65-fb160da0071f', // Authentication Administrator
  '729827e3-9c14-49f7-bb1b-9608f156bbb8', // Helpdesk Administrator
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', // Conditional Access Administrator
]);

type Base = Pick<Finding, 'id' | 'learnMore'>;

function finding(base: Base, severity: Severity, title: string, summary: string, counts: Record<string, number> = {}, examples: string[] = [], fix: string[] = []): Finding {
  return { ...base, severity, title, evidence: { summary, counts, examples }, fix };
}

/** A part that could not be read, as a finding: the permission to grant, the licence missing, or the failure. */
function unreadable(base: Base, what: string, read: Exclude<Read<unknown>, { ok: true }>): Finding {
  if (read.reason === 'permission') {
    return {
      ...finding(base, 'warning', `Could not check ${what}: the portal app lacks ${read.permission}`, `Microsoft Graph refused the read (${read.detail}).`, {}, [], [
        `In the Microsoft Entra admin center, open App registrations → the guestpass portal app → API permissions.`,
        `Add the Microsoft Graph application permission ${read.permission}, then select "Grant admin consent".`,
        'Run the health check again (new permissions can take a few minutes to apply).',
      ]),
      learnMore: LEARN_LINKS.grantAdminConsent,
      missingPermission: read.permission,
    };
  }
  if (read.reason === 'licence') return finding(base, 'info', `Could not check ${what}: the tenant has no Microsoft Entra ID P1 or P2`, read.detail);
  return finding(base, 'warning', `Could not check ${what}: Microsoft Graph did not answer`, read.detail, {}, [], ['Run the health check again later; if it keeps failing, check https://status.cloud.microsoft for Microsoft Graph incidents.']);
}

function describe(guest: Guest, detail: string): string {
  return `${guest.displayName}${guest.address ? ` <${guest.address}>` : ''} — ${detail}`;
}

function days(ms: number): number {
  return Math.floor(ms / DAY);
}

// 1. Who may invite --------------------------------------------------------------------------------------------

export function whoMayInvite(s: TenantSnapshot, o: CheckOptions): Finding {
  const base: Base = { id: 'who-may-invite', learnMore: LEARN_LINKS.externalCollaborationSettings };
  if (!s.authorizationPolicy.ok) return unreadable(base, 'who may invite guests', s.authorizationPolicy);
  const setting = s.authorizationPolicy.value.allowInvitesFrom;
  const inviters = s.roleAssignments.ok ? s.roleAssignments.value.filter((a) => a.roleDefinitionId.toLowerCase() === GUEST_INVITER_ROLE_ID) : [];
  const guestsById = new Map((s.guests.ok ? s.guests.value : []).map((g) => [g.id, g]));
  const counts = { guestInviterRoleHolders: inviters.length };
  const examples = inviters.slice(0, o.maxExamples).map((a) => {
    const guest = guestsById.get(a.principalId);
    return guest ? describe(guest, 'Guest Inviter (a guest)') : `user ${a.principalId} — Guest Inviter`;
  });
  const holders = s.roleAssignments.ok ? `${inviters.length} user(s) hold the Guest Inviter role.` : `Guest Inviter holders unknown (${s.roleAssignments.reason === 'permission' ? `grant ${s.roleAssignments.permission}` : s.roleAssignments.detail}).`;
  const summary = `allowInvitesFrom is "${setting}". ${holders}`;
  const restrict = [
    'In the Microsoft Entra admin center, open External Identities → External collaboration settings.',
    'Under "Guest invite settings", choose "Only users assigned to specific admin roles can invite guest users" (or "Member users and users assigned to specific admin roles…").',
    'Give the Guest Inviter role to the people who should invite.',
  ];
  switch (setting) {
    case 'everyone':
      return finding(base, 'warning', 'Guests can invite other guests', summary, counts, examples, restrict);
    case 'adminsGuestInvitersAndAllMembers':
      return finding(base, 'info', 'Every member (not guests) can invite guests', summary, counts, examples);
    case 'adminsAndGuestInviters':
      return finding(base, 'ok', 'Only admins and Guest Inviters can invite guests', summary, counts, examples);
    case 'none':
      return finding(base, 'warning', 'Nobody can invite guests — the portal cannot re-send invitations either', summary, counts, examples, [
        'Application (app-only) invitations fail while invitations are turned off.',
        'In External collaboration settings, allow admins and Guest Inviters to invite, if guests should get invitations again.',
      ]);
    default:
      return finding(base, 'info', `Unrecognised invite setting "${setting}"`, summary, counts, examples);
  }
}

// 2. Guest access level ------------------------------------------------------------------------------------------

export function guestAccessLevel(s: TenantSnapshot): Finding {
  const base: Base = { id: 'guest-access-level', learnMore: LEARN_LINKS.externalCollaborationSettings };
  if (!s.authorizationPolicy.ok) return unreadable(base, 'the guest access level', s.authorizationPolicy);
  const id = (s.authorizationPolicy.value.guestUserRoleId ?? GUEST_ROLE_IDS.limited).toLowerCase();
  const level =
    id === GUEST_ROLE_IDS.sameAsMembers ? 'the same access as members' : id === GUEST_ROLE_IDS.restricted ? 'restricted access (own directory objects only)' : id === GUEST_ROLE_IDS.limited ? 'limited access (the default)' : `a custom role (${id})`;
  return finding(base, 'info', `Guests have ${level}`, `authorizationPolicy.guestUserRoleId is ${id}.`);
}

// 3. Email one-time passcode ------------------------------------------------------------------------------------

export function emailOneTimePasscode(s: TenantSnapshot): Finding {
  const base: Base = { id: 'email-one-time-passcode', learnMore: LEARN_LINKS.emailOneTimePasscode };
  if (!s.emailOtp.ok) return unreadable(base, 'email one-time passcode', s.emailOtp);
  const value = s.emailOtp.value.allowExternalIdToUseEmailOtp;
  const summary = `allowExternalIdToUseEmailOtp is "${value}"${value === 'default' ? ' (default means enabled)' : ''}.`;
  if (value === 'disabled') {
    return finding(base, 'warning', 'Email one-time passcode is off for guests: Gmail and Yahoo guests cannot redeem', summary, {}, [], [
      'In the Microsoft Entra admin center, open Authentication methods → Policies → Email OTP.',
      'Set "Allow external users to use email OTP" to Yes and save.',
      'Or set up Google federation for Gmail guests.',
    ]);
  }
  return finding(base, 'ok', 'Guests can sign in with an email one-time passcode', summary);
}

// 4. MFA for guests -----------------------------------------------------------------------------------------------

function typesOf(value: { guestOrExternalUserTypes?: string | null } | null | undefined): Set<string> {
  return new Set((value?.guestOrExternalUserTypes ?? '').split(',').map((t) => t.trim()).filter(Boolean));
}

/** Does the policy apply to B2B collaboration guests (Graph's real shapes), after its exclusions? */
export function policyCoversGuests(policy: ConditionalAccessPolicy): boolean {
  const users = policy.conditions?.users;
  if (!users) return false;
  const include = users.includeUsers ?? [];
  const included = include.includes('All') || include.includes('GuestsOrExternalUsers') || typesOf(users.includeGuestsOrExternalUsers).has('b2bCollaborationGuest');
  const excluded = (users.excludeUsers ?? []).includes('GuestsOrExternalUsers') || typesOf(users.excludeGuestsOrExternalUsers).has('b2bCollaborationGuest');
  return included && !excluded;
}

export function policyRequiresMfa(policy: ConditionalAccessPolicy): boolean {
  const grant = policy.grantControls;
  return (grant?.builtInControls ?? []).includes('mfa') || Boolean(grant?.authenticationStrength);
}

/** subscribedSku.capabilityStatus values under which the subscription still works (Warning: its grace period). */
const USABLE_SUBSCRIPTION = new Set(['Enabled', 'Warning']);

/**
 * Entra ID P1 (or P2, or a suite that includes it) in force: a subscription still usable — not Suspended, LockedOut
 * or Deleted, the states a lapsed licence goes through — whose AAD_PREMIUM service plan is provisioned
 * (`provisioningStatus` Success; Disabled, PendingInput, PendingActivation… mean the feature is not on). A SKU
 * listed without service plans counts by its part number.
 */
export function hasEntraP1(skus: { servicePlans?: { servicePlanName?: string | null; provisioningStatus?: string | null }[] | null; skuPartNumber?: string | null; capabilityStatus?: string | null }[]): boolean {
  return skus.some((sku) => {
    if (!USABLE_SUBSCRIPTION.has(sku.capabilityStatus ?? 'Enabled')) return false;
    const premium = (sku.servicePlans ?? []).filter((p) => (p.servicePlanName ?? '').startsWith('AAD_PREMIUM'));
    if (premium.length === 0) return (sku.skuPartNumber ?? '').startsWith('AAD_PREMIUM');
    return premium.some((p) => (p.provisioningStatus ?? 'Success') === 'Success');
  });
}

export function guestMfa(s: TenantSnapshot): Finding {
  const base: Base = { id: 'guest-mfa', learnMore: LEARN_LINKS.guestMfa };
  if (!s.conditionalAccess.ok) return unreadable(base, 'MFA for guests', s.conditionalAccess);
  const guestMfaPolicies = s.conditionalAccess.value.filter((p) => policyCoversGuests(p) && policyRequiresMfa(p));
  const enforced = guestMfaPolicies.filter((p) => p.state === 'enabled');
  const reportOnly = guestMfaPolicies.filter((p) => p.state === 'enabledForReportingButNotEnforced');
  const counts = { guestMfaPolicies: guestMfaPolicies.length, enforced: enforced.length, reportOnly: reportOnly.length };
  const examples = guestMfaPolicies.map((p) => `${p.displayName ?? p.id} — ${p.state}`);
  const create = [
    'In the Microsoft Entra admin center, open Conditional Access → Policies → New policy.',
    'Users: include "Guest or external users" (all types); Target resources: All resources.',
    'Grant: require multifactor authentication (or an authentication strength); set the policy On (not Report-only).',
  ];
  if (!s.skus.ok) {
    if (s.skus.reason === 'permission') return { ...unreadable(base, 'whether the tenant has Entra ID P1 (Conditional Access is only enforced with P1)', s.skus), evidence: { summary: `${enforced.length} enforced guest-MFA policy(ies); licences unreadable (${s.skus.detail}).`, counts, examples } };
    return unreadable(base, 'the tenant’s licences', s.skus);
  }
  const p1 = hasEntraP1(s.skus.value);
  if (!p1 && guestMfaPolicies.some((p) => p.state !== 'disabled')) {
    return finding(base, 'critical', 'A guest-MFA policy exists but is NOT enforced: the tenant has no Entra ID P1', `${guestMfaPolicies.length} Conditional Access policy(ies) require MFA for guests, but subscribedSkus shows no AAD_PREMIUM service plan: Conditional Access is not applied without P1.`, counts, examples, [
      'Buy or assign Microsoft Entra ID P1 (or a suite that includes it, such as Microsoft 365 E3/Business Premium).',
      'Or use security defaults, which require MFA without P1.',
    ]);
  }
  if (enforced.length > 0 && p1) return finding(base, 'ok', 'Guests must use MFA (an enforced Conditional Access policy)', `${enforced.length} enabled policy(ies) include guests and require MFA; the tenant has Entra ID P1.`, counts, examples);
  if (reportOnly.length > 0) {
    return finding(base, 'warning', 'The guest-MFA policy is report-only: guests are not asked for MFA', `${reportOnly.length} policy(ies) include guests and require MFA but are in report-only mode.`, counts, examples, [
      'Check the policy’s sign-in log results (report-only) for guests it would have blocked.',
      'Then switch the policy from Report-only to On.',
    ]);
  }
  if (!p1) {
    return finding(base, 'warning', 'No MFA for guests (no Entra ID P1 for Conditional Access)', 'No Conditional Access policy requires MFA for guests and the tenant has no P1.', counts, examples, [
      'Turn on security defaults (MFA for everyone, no licence needed), or get Entra ID P1 and create a guest-MFA policy.',
    ]);
  }
  return finding(base, 'warning', 'No Conditional Access policy requires MFA for guests', 'No enabled policy includes guests and requires MFA.', counts, examples, create);
}

// 5. Usage location ---------------------------------------------------------------------------------------------

export function usageLocation(s: TenantSnapshot, o: CheckOptions): Finding {
  const base: Base = { id: 'usage-location', learnMore: LEARN_LINKS.usageLocation };
  if (!s.guests.ok) return unreadable(base, 'guests’ usage location', s.guests);
  const missing = s.guests.value.filter((g) => !g.usageLocation);
  const licensed = missing.filter((g) => g.licensed || g.licenceErrors > 0);
  const counts = { guestsWithoutUsageLocation: missing.length, licensedOrWaiting: licensed.length };
  const examples = [...licensed, ...missing.filter((g) => !licensed.includes(g))]
    .slice(0, o.maxExamples)
    .map((g) => describe(g, g.licenceErrors > 0 ? 'licence waiting (assignment error)' : g.licensed ? 'licensed' : 'no licence'));
  const fix = [
    'In the Microsoft Entra admin center, open Users → the guest → Properties → Settings, and set Usage location.',
    'Licences (direct or group-based) need a usage location; group licences otherwise fall back to the tenant’s country.',
  ];
  const summary = `${missing.length} guest(s) have no usageLocation; ${licensed.length} of them have licences assigned or waiting.`;
  if (licensed.length > 0) return finding(base, 'warning', 'Licensed guests without a usage location', summary, counts, examples, fix);
  if (missing.length > 0) return finding(base, 'info', 'Guests without a usage location (none licensed yet)', summary, counts, examples, fix);
  return finding(base, 'ok', 'Every guest has a usage location', summary, counts);
}

// 6. Pending invitations ----------------------------------------------------------------------------------------

export function pendingInvitations(s: TenantSnapshot, o: CheckOptions): Finding {
  const base: Base = { id: 'pending-invitations', learnMore: LEARN_LINKS.resendInvitation };
  if (!s.guests.ok) return unreadable(base, 'pending invitations', s.guests);
  const pending = s.guests.value.filter((g) => g.state === 'PendingAcceptance');
  const old = pending.filter((g) => g.stateSince !== null && s.now - g.stateSince > o.pendingDays * DAY).sort((a, b) => a.stateSince! - b.stateSince!);
  const counts = { pending: pending.length, olderThanThreshold: old.length };
  const examples = old.slice(0, o.maxExamples).map((g) => describe(g, `pending ${days(s.now - g.stateSince!)} days`));
  const summary = `${pending.length} invitation(s) pending; ${old.length} older than ${o.pendingDays} days.`;
  if (old.length === 0) return finding(base, 'ok', `No invitation pending for more than ${o.pendingDays} days`, summary, counts);
  return finding(base, 'warning', `Invitations pending for more than ${o.pendingDays} days`, summary, counts, examples, [
    'Ask the guest whether the invitation arrived (check spam; allow Invites@microsoft.com).',
    'Re-send it (portal console, or admin center → the user → Resend invitation), or delete the guest if no longer needed.',
  ]);
}

// 7. Stale guests -----------------------------------------------------------------------------------------------

export function staleGuests(s: TenantSnapshot, o: CheckOptions): Finding {
  const base: Base = { id: 'stale-guests', learnMore: LEARN_LINKS.inactiveAccounts };
  if (!s.guests.ok) return unreadable(base, 'stale guests', s.guests);
  if (!s.signInActivity.ok) return unreadable(base, 'stale guests (sign-in activity)', s.signInActivity);
  const { stale, never } = staleLists(s, o);
  const counts = { staleGuests: stale.length, neverSignedIn: never.length };
  const examples = [
    ...stale.map((g) => describe(g, `last sign-in ${days(s.now - g.lastSignIn!)} days ago`)),
    ...never.map((g) => describe(g, `accepted ${g.stateSince === null ? '?' : days(s.now - g.stateSince)} days ago, never signed in`)),
  ].slice(0, o.maxExamples);
  const summary = `${stale.length} accepted guest(s) without a sign-in for ${o.staleDays} days; ${never.length} accepted guest(s) never signed in.`;
  if (stale.length + never.length === 0) return finding(base, 'ok', 'No stale guests', summary, counts);
  return finding(base, 'warning', 'Stale guests: review and remove', summary, counts, examples, [
    'Open the quarterly review in the guestpass console (or an access review) and confirm who still needs access.',
    'Remove the guests nobody vouches for; a removed guest can be restored from Deleted users within 30 days.',
  ]);
}

/**
 * Why a guest is on the stale list at `now`, or null when it is not: an accepted guest whose last sign-in is older
 * than the threshold, or one accepted more than 30 days ago who never signed in. The review's removal asks this
 * again of each user it re-reads, so only a guest that is still stale is deleted.
 */
export function staleReason(g: Guest, now: number, o: Pick<CheckOptions, 'staleDays'>): 'stale' | 'never-signed-in' | null {
  if (g.state !== 'Accepted') return null;
  if (typeof g.lastSignIn === 'number') return g.lastSignIn < now - o.staleDays * DAY ? 'stale' : null;
  // Redeeming is itself a sign-in; a guest accepted more than 30 days ago with none recorded has not been back.
  return g.lastSignIn === null && g.stateSince !== null && now - g.stateSince > 30 * DAY ? 'never-signed-in' : null;
}

/** Accepted guests whose last sign-in is older than the threshold, and accepted guests who never signed in. */
export function staleLists(s: Pick<TenantSnapshot, 'guests' | 'now'>, o: Pick<CheckOptions, 'staleDays'>): { stale: Guest[]; never: Guest[] } {
  const guests = s.guests.ok ? s.guests.value : [];
  const stale = guests.filter((g) => staleReason(g, s.now, o) === 'stale').sort((a, b) => a.lastSignIn! - b.lastSignIn!);
  const never = guests.filter((g) => staleReason(g, s.now, o) === 'never-signed-in');
  return { stale, never };
}

// 8. Guests holding directory roles -----------------------------------------------------------------------------

export function guestDirectoryRoles(s: TenantSnapshot, o: CheckOptions): Finding {
  const base: Base = { id: 'guest-directory-roles', learnMore: LEARN_LINKS.roleBestPractices };
  if (!s.roleAssignments.ok) return unreadable(base, 'directory roles held by guests', s.roleAssignments);
  if (!s.guests.ok) return unreadable(base, 'directory roles held by guests', s.guests);
  const guests = new Map(s.guests.value.map((g) => [g.id.toLowerCase(), g]));
  const held = s.roleAssignments.value.filter((a) => guests.has(a.principalId.toLowerCase()));
  const privileged = held.filter((a) => PRIVILEGED_ROLE_IDS.has(a.roleDefinitionId.toLowerCase()));
  const counts = { roleAssignmentsHeldByGuests: held.length, privileged: privileged.length, guests: new Set(held.map((a) => a.principalId)).size };
  const examples = [...privileged, ...held.filter((a) => !privileged.includes(a))].slice(0, o.maxExamples).map((a) => describe(guests.get(a.principalId.toLowerCase())!, a.roleName));
  const summary = `${counts.guests} guest(s) hold ${held.length} directory role assignment(s); ${privileged.length} privileged.`;
  const fix = [
    'In the Microsoft Entra admin center, open Roles & admins, select the role and remove the guest’s assignment.',
    'If they need the role, make them an internal member (convert) or give it through PIM with an expiry.',
  ];
  if (privileged.length > 0) return finding(base, 'critical', 'Guests hold privileged directory roles', summary, counts, examples, fix);
  if (held.length > 0) return finding(base, 'warning', 'Guests hold directory roles', summary, counts, examples, fix);
  return finding(base, 'ok', 'No guest holds a directory role', summary, counts);
}

export function runChecks(s: TenantSnapshot, o: CheckOptions = DEFAULT_CHECK_OPTIONS): Finding[] {
  const results: Record<CheckId, Finding> = {
    'who-may-invite': whoMayInvite(s, o),
    'guest-access-level': guestAccessLevel(s),
    'email-one-time-passcode': emailOneTimePasscode(s),
    'guest-mfa': guestMfa(s),
    'usage-location': usageLocation(s, o),
    'pending-invitations': pendingInvitations(s, o),
    'stale-guests': staleGuests(s, o),
    'guest-directory-roles': guestDirectoryRoles(s, o),
  };
  return Object.values(results);
}

export function guestPicture(s: TenantSnapshot, o: CheckOptions = DEFAULT_CHECK_OPTIONS): GuestPicture | null {
  if (!s.guests.ok) return null;
  const guests = s.guests.value;
  const pending = guests.filter((g) => g.state === 'PendingAcceptance');
  const age = (g: Guest) => (g.stateSince === null ? 0 : (s.now - g.stateSince) / DAY);
  const { stale, never } = staleLists(s, o);
  return {
    total: guests.length,
    accepted: guests.filter((g) => g.state === 'Accepted').length,
    pending: pending.length,
    stale: s.signInActivity.ok ? stale.length : null,
    neverSignedIn: s.signInActivity.ok ? never.length : null,
    pendingByAge: {
      under7Days: pending.filter((g) => age(g) < 7).length,
      from7To30Days: pending.filter((g) => age(g) >= 7 && age(g) < 30).length,
      from30To90Days: pending.filter((g) => age(g) >= 30 && age(g) < 90).length,
      over90Days: pending.filter((g) => age(g) >= 90).length,
    },
  };
}

export type { LearnLink };
