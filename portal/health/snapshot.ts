// Everything the eight checks need, read in one pass: one `$batch` with the tenant settings, the role assignments
// and the first page of guests, then the remaining guest pages. Each part is either its value or why it could not
// be read (missing permission, missing licence, failure) — one part failing never stops the others.
import { z } from 'zod';
import type { GraphAnswer, GraphReader } from './graph-reader.ts';
import { HEALTH_PERMISSIONS, type HealthRead } from './permissions.ts';

export type Read<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'permission'; permission: string; detail: string }
  | { ok: false; reason: 'licence'; detail: string }
  | { ok: false; reason: 'failed'; detail: string };

const authorizationPolicySchema = z.object({ allowInvitesFrom: z.string().nullish(), guestUserRoleId: z.string().nullish() });
const emailMethodSchema = z.object({ allowExternalIdToUseEmailOtp: z.string().nullish(), state: z.string().nullish() });
const guestsOrExternalSchema = z.object({ guestOrExternalUserTypes: z.string().nullish() }).nullish();
const caPolicySchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  state: z.string(),
  conditions: z
    .object({
      users: z
        .object({
          includeUsers: z.array(z.string()).nullish(),
          excludeUsers: z.array(z.string()).nullish(),
          includeGuestsOrExternalUsers: guestsOrExternalSchema,
          excludeGuestsOrExternalUsers: guestsOrExternalSchema,
        })
        .nullish(),
    })
    .nullish(),
  grantControls: z
    .object({ operator: z.string().nullish(), builtInControls: z.array(z.string()).nullish(), authenticationStrength: z.object({ id: z.string().nullish() }).passthrough().nullish() })
    .nullish(),
});
const skuSchema = z.object({
  skuPartNumber: z.string().nullish(),
  capabilityStatus: z.string().nullish(),
  servicePlans: z.array(z.object({ servicePlanName: z.string().nullish(), provisioningStatus: z.string().nullish() })).nullish(),
});
const roleAssignmentSchema = z.object({
  principalId: z.string(),
  roleDefinitionId: z.string(),
  roleDefinition: z.object({ displayName: z.string().nullish() }).nullish(),
});
const guestSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  mail: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  externalUserState: z.string().nullish(),
  externalUserStateChangeDateTime: z.string().nullish(),
  createdDateTime: z.string().nullish(),
  usageLocation: z.string().nullish(),
  assignedLicenses: z.array(z.object({ skuId: z.string().nullish() })).nullish(),
  licenseAssignmentStates: z.array(z.object({ state: z.string().nullish(), error: z.string().nullish() })).nullish(),
  signInActivity: z
    .object({ lastSignInDateTime: z.string().nullish(), lastNonInteractiveSignInDateTime: z.string().nullish(), lastSuccessfulSignInDateTime: z.string().nullish() })
    .nullish(),
});
const pageSchema = <T extends z.ZodTypeAny>(item: T) => z.object({ value: z.array(item), '@odata.nextLink': z.string().nullish() });

export type ConditionalAccessPolicy = z.infer<typeof caPolicySchema>;
export type SubscribedSku = z.infer<typeof skuSchema>;

export interface Guest {
  id: string;
  displayName: string;
  address: string;
  state: 'PendingAcceptance' | 'Accepted' | 'unknown';
  /** When the state last changed (pending: invited), else when the user was created. ms since epoch, or null. */
  stateSince: number | null;
  usageLocation: string | null;
  licensed: boolean;
  /** Group-based licences that could not be assigned. */
  licenceErrors: number;
  /** Latest sign-in (interactive or not); null = never; undefined = unknown (sign-in activity not read). */
  lastSignIn?: number | null;
}

export interface RoleAssignment {
  principalId: string;
  roleDefinitionId: string;
  roleName: string;
}

export interface TenantSnapshot {
  now: number;
  authorizationPolicy: Read<{ allowInvitesFrom: string | null; guestUserRoleId: string | null }>;
  emailOtp: Read<{ allowExternalIdToUseEmailOtp: string }>;
  conditionalAccess: Read<ConditionalAccessPolicy[]>;
  skus: Read<SubscribedSku[]>;
  roleAssignments: Read<RoleAssignment[]>;
  guests: Read<Guest[]>;
  /** Whether `guests[].lastSignIn` is known; else why not. */
  signInActivity: Read<true>;
}

const GUEST_FIELDS = [
  'id', 'displayName', 'mail', 'userPrincipalName', 'externalUserState', 'externalUserStateChangeDateTime', 'createdDateTime',
  'usageLocation', 'assignedLicenses', 'licenseAssignmentStates',
];
/** What `GET /users/{id}` selects to judge one user as the snapshot judges it (`guestFromUser`). */
export const GUEST_USER_SELECT = [...GUEST_FIELDS, 'userType', 'signInActivity'];

/** One user read with GUEST_USER_SELECT, as the snapshot lists a guest (with its sign-ins); undefined for another shape. */
export function guestFromUser(raw: unknown): Guest | undefined {
  const parsed = guestSchema.safeParse(raw);
  return parsed.success ? toGuest(parsed.data, true) : undefined;
}

/** Graph caps pages at 120 users with signInActivity selected and at 999 without. */
const PAGE_SIZE = 999;
const GUEST_FILTER = encodeURIComponent("userType eq 'Guest'");

export const HEALTH_URLS = {
  authorizationPolicy: '/policies/authorizationPolicy?$select=allowInvitesFrom,guestUserRoleId',
  emailOtp: '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/email',
  conditionalAccess: '/identity/conditionalAccess/policies',
  skus: '/subscribedSkus?$select=skuPartNumber,capabilityStatus,servicePlans',
  roleAssignments: '/roleManagement/directory/roleAssignments?$select=principalId,roleDefinitionId&$expand=roleDefinition($select=displayName)&$top=999',
  guestsWithSignIns: `/users?$filter=${GUEST_FILTER}&$select=${[...GUEST_FIELDS, 'signInActivity'].join(',')}&$top=${PAGE_SIZE}`,
  guests: `/users?$filter=${GUEST_FILTER}&$select=${GUEST_FIELDS.join(',')}&$top=${PAGE_SIZE}`,
} as const;

/** Graph's answer to `$select=signInActivity` in a tenant without P1/P2. */
const NON_PREMIUM = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';

function failure<T>(answer: GraphAnswer, read: HealthRead): Read<T> {
  const detail = `HTTP ${answer.status}${answer.code ? ` ${answer.code}` : ''}${answer.message ? `: ${answer.message.slice(0, 200)}` : ''}`;
  if (answer.status === 403 && answer.code === NON_PREMIUM) return { ok: false, reason: 'licence', detail };
  if (answer.status === 403) return { ok: false, reason: 'permission', permission: HEALTH_PERMISSIONS[read].permission, detail };
  return { ok: false, reason: 'failed', detail };
}

function parse<T>(answer: GraphAnswer, schema: z.ZodType<T>, read: HealthRead): Read<T> {
  if (answer.status < 200 || answer.status >= 300) return failure(answer, read);
  const parsed = schema.safeParse(answer.body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: 'failed', detail: `unexpected answer shape: ${parsed.error.issues[0]?.message ?? ''}` };
}

function time(value: string | null | undefined): number | null {
  const t = value ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? null : t;
}

function toGuest(raw: z.infer<typeof guestSchema>, withSignIns: boolean): Guest {
  const state = raw.externalUserState === 'PendingAcceptance' || raw.externalUserState === 'Accepted' ? raw.externalUserState : 'unknown';
  const guest: Guest = {
    id: raw.id,
    displayName: raw.displayName ?? raw.id,
    address: raw.mail ?? raw.userPrincipalName ?? '',
    state,
    stateSince: time(raw.externalUserStateChangeDateTime) ?? time(raw.createdDateTime),
    usageLocation: raw.usageLocation ?? null,
    licensed: (raw.assignedLicenses ?? []).length > 0,
    licenceErrors: (raw.licenseAssignmentStates ?? []).filter((s) => s.state === 'Error' || s.state === 'ActiveWithError').length,
  };
  if (withSignIns) {
    const activity = raw.signInActivity;
    const times = [activity?.lastSignInDateTime, activity?.lastNonInteractiveSignInDateTime, activity?.lastSuccessfulSignInDateTime].map(time).filter((t): t is number => t !== null);
    guest.lastSignIn = times.length > 0 ? Math.max(...times) : null;
  }
  return guest;
}

/** Follows nextLinks from a first page; any page failing fails the whole list (a partial list would undercount). */
async function allPages<T>(reader: GraphReader, first: GraphAnswer, item: z.ZodType<T>, read: HealthRead): Promise<Read<T[]>> {
  const items: T[] = [];
  let answer = first;
  for (;;) {
    const page = parse(answer, pageSchema(item), read);
    if (!page.ok) return page;
    items.push(...(page.value.value as T[]));
    const next = page.value['@odata.nextLink'];
    if (!next) return { ok: true, value: items };
    answer = await reader.get(next);
  }
}

export async function readTenantSnapshot(reader: GraphReader, now: number): Promise<TenantSnapshot> {
  // The guest list without signInActivity is only needed when sign-in activity can't be read: not in the batch.
  const { guests: _plainGuestsUrl, ...batched } = HEALTH_URLS;
  const first = await reader.getMany(batched);
  const assignments = await allPages(reader, first.roleAssignments!, roleAssignmentSchema, 'roles');
  const { guests, signInActivity } = await readGuestPages(reader, first.guestsWithSignIns!);

  return {
    now,
    authorizationPolicy: mapRead(parse(first.authorizationPolicy!, authorizationPolicySchema, 'policies'), (p) => ({ allowInvitesFrom: p.allowInvitesFrom ?? null, guestUserRoleId: p.guestUserRoleId ?? null })),
    emailOtp: mapRead(parse(first.emailOtp!, emailMethodSchema, 'emailOtp'), (m) => ({ allowExternalIdToUseEmailOtp: m.allowExternalIdToUseEmailOtp ?? 'default' })),
    conditionalAccess: mapRead(parse(first.conditionalAccess!, pageSchema(caPolicySchema), 'policies'), (p) => p.value),
    skus: mapRead(parse(first.skus!, pageSchema(skuSchema), 'licences'), (p) => p.value),
    roleAssignments: mapRead(assignments, (list) => list.map((a) => ({ principalId: a.principalId, roleDefinitionId: a.roleDefinitionId, roleName: a.roleDefinition?.displayName ?? a.roleDefinitionId }))),
    guests,
    signInActivity,
  };
}

/**
 * Only the guests and their sign-ins (the quarterly review's stale list): none of the health check's other reads, which
 * an admin's delegated token may not be allowed (policies, licences) and which would only spend the tenant's budget.
 */
export async function readGuestsWithSignIns(reader: GraphReader): Promise<Pick<TenantSnapshot, 'guests' | 'signInActivity'>> {
  return readGuestPages(reader, await reader.get(HEALTH_URLS.guestsWithSignIns));
}

/** Every guest from the first page with sign-ins; when sign-in activity can't be read, the list without it, and why. */
async function readGuestPages(reader: GraphReader, firstWithSignIns: GraphAnswer): Promise<Pick<TenantSnapshot, 'guests' | 'signInActivity'>> {
  const withSignIns = await allPages(reader, firstWithSignIns, guestSchema, 'users');
  if (withSignIns.ok) return { guests: { ok: true, value: withSignIns.value.map((g) => toGuest(g, true)) }, signInActivity: { ok: true, value: true } };
  const plain = await allPages(reader, await reader.get(HEALTH_URLS.guests), guestSchema, 'users');
  return {
    guests: plain.ok ? { ok: true, value: plain.value.map((g) => toGuest(g, false)) } : plain,
    // Users readable without signInActivity: the 403 was about sign-in activity (permission or licence).
    signInActivity: plain.ok && withSignIns.reason === 'permission' ? failure(firstWithSignIns, 'signInActivity') : (withSignIns as Read<true>),
  };
}

function mapRead<T, U>(read: Read<T>, map: (value: T) => U): Read<U> {
  return read.ok ? { ok: true, value: map(read.value) } : read;
}
