// Convert an accepted, externally authenticated guest into an internal member (guide step 9; real-behaviour §5):
// POST /beta/users/{id}/convertExternalToInternalMemberUser with a new UPN on one of the tenant's verified domains,
// a password (generated and shown once, or typed) that must be changed at next sign-in, and optionally a new mail.
// Pending guests and members are refused with the reason before anything is sent.
import { randomInt } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import { call, NEEDED, type Audit, type CallResult } from './graph-call.ts';

export interface ConversionRequest {
  userId: string;
  /** Left part of the new UPN. */
  localPart: string;
  /** One of the tenant's verified domains. */
  domain: string;
  /** Typed by the admin; absent → generated (returned once in the result, never stored or logged). */
  password?: string;
  /** Entra's passwordProfile.forceChangePasswordNextSignIn (default true: the admin knew the password). */
  forceChangePasswordNextSignIn?: boolean;
  mail?: string;
}

export type ConversionResult =
  | { ok: true; userPrincipalName: string; mail: string | null; convertedAt: string; generatedPassword?: string }
  | { ok: false; reason: string; kind: 'pending-guest' | 'not-a-guest' | 'not-external' | 'invalid' | 'forbidden' | 'not-found' | 'rejected' | 'failed' };

const LOCAL_PART = /^[A-Za-z0-9][A-Za-z0-9._'-]{0,63}$/;
const ADDRESS = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entra's rule: 8–256 characters, three of: lower case, upper case, digits, symbols. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8 || password.length > 256) return 'the password must be 8 to 256 characters long';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3 ? null : 'the password needs three of: lower case, upper case, digits, symbols';
}

/** 16 characters from each class (crypto randomness), shuffled: always meets the rule. */
export function generatePassword(): string {
  const sets = ['abcdefghijkmnopqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!#$%&*+-=?@_'];
  const chars = sets.map((set) => set[randomInt(set.length)]!);
  const all = sets.join('');
  while (chars.length < 16) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

interface GuestNow {
  userType?: string | null;
  externalUserState?: string | null;
  identities?: { signInType?: string | null; issuer?: string | null }[] | null;
}

export async function readVerifiedDomains(client: Client): Promise<CallResult<string[]>> {
  return call(async () => {
    const org = (await client.api('/organization').select(['verifiedDomains']).get()) as { value: { verifiedDomains?: { name: string }[] }[] };
    return (org.value[0]?.verifiedDomains ?? []).map((d) => d.name.toLowerCase());
  }, NEEDED.domains);
}

export async function convertGuestToMember(client: Client, request: ConversionRequest, audit: Audit): Promise<ConversionResult> {
  const fail = async (kind: Extract<ConversionResult, { ok: false }>['kind'], reason: string): Promise<ConversionResult> => {
    await audit({ action: 'convert-guest', targetId: request.userId, outcome: kind === 'failed' ? 'failed' : 'refused', reason });
    return { ok: false, kind, reason };
  };
  if (!GUID.test(request.userId)) return fail('invalid', 'user ids must be GUIDs');
  if (!LOCAL_PART.test(request.localPart)) return fail('invalid', 'the new user name may hold letters, digits, . _ \' - (up to 64, starting with a letter or digit)');
  if (request.mail !== undefined && !ADDRESS.test(request.mail)) return fail('invalid', 'the new mail is not an email address');
  const typedProblem = request.password === undefined ? null : passwordProblem(request.password);
  if (typedProblem) return fail('invalid', typedProblem);

  const domains = await readVerifiedDomains(client);
  if (!domains.ok) return fail(domains.refusal.kind === 'forbidden' ? 'forbidden' : 'failed', domains.refusal.reason);
  const domain = request.domain.trim().toLowerCase();
  if (!domains.value.includes(domain)) return fail('invalid', `${request.domain} is not one of the tenant's verified domains (${domains.value.join(', ')})`);

  const read = await call(() => client.api(`/users/${request.userId}`).select(['id', 'userType', 'externalUserState', 'identities']).get() as Promise<GuestNow>, NEEDED.read);
  if (!read.ok) return fail(read.refusal.kind === 'not-found' ? 'not-found' : read.refusal.kind === 'forbidden' ? 'forbidden' : 'failed', read.refusal.reason);
  const user = read.value;
  if (user.userType !== 'Guest') return fail('not-a-guest', 'this user is already a member of the organisation');
  if (user.externalUserState === 'PendingAcceptance') {
    return fail('pending-guest', 'this guest has not accepted the invitation yet: only guests who signed in with their own account can be converted (re-send the invitation first)');
  }
  const external = (user.identities ?? []).some((i) => i.signInType === 'federated' && !domains.value.includes((i.issuer ?? '').toLowerCase()));
  if (!external) return fail('not-external', 'this guest does not sign in with an external account, so there is nothing to convert');

  const password = request.password ?? generatePassword();
  const userPrincipalName = `${request.localPart}@${domain}`;
  const converted = await call(
    () =>
      client
        .api(`/users/${request.userId}/convertExternalToInternalMemberUser`)
        .version('beta')
        .post({ userPrincipalName, passwordProfile: { password, forceChangePasswordNextSignIn: request.forceChangePasswordNextSignIn ?? true }, ...(request.mail ? { mail: request.mail } : {}) }) as Promise<{
        userPrincipalName: string;
        mail: string | null;
        convertedToInternalUserDateTime: string;
      }>,
    NEEDED.convert,
  );
  if (!converted.ok) return fail(converted.refusal.kind === 'forbidden' ? 'forbidden' : converted.refusal.kind === 'rejected' ? 'rejected' : converted.refusal.kind === 'not-found' ? 'not-found' : 'failed', converted.refusal.reason);
  await audit({ action: 'convert-guest', targetId: request.userId, outcome: 'done', addresses: { userPrincipalName: converted.value.userPrincipalName, mail: converted.value.mail }, detail: { passwordGenerated: request.password === undefined } });
  return {
    ok: true,
    userPrincipalName: converted.value.userPrincipalName,
    mail: converted.value.mail,
    convertedAt: converted.value.convertedToInternalUserDateTime,
    ...(request.password === undefined ? { generatedPassword: password } : {}),
  };
}
