// Who an address is, seen from a sign-in page: the realm lookup behind GetCredentialType (facts §1d) and the
// account a successful sign-in produces.
import { createHash } from 'node:crypto';
import type { DirectoryUser, EmulatedTenant, EmulatorState } from '../directory.ts';
import { isFullEmulatorState } from '../state.ts';
import { CONSUMERS_TENANT_ID } from './authority.ts';

/** IfExistsResult (facts §1d): 0 exists, 1 does not exist, 5 exists at another identity provider (MSA), 6 both. */
export type IfExistsResult = 0 | 1 | 2 | 4 | 5 | 6;

export type ResolvedAccount =
  | { kind: 'tenant-user'; tenant: EmulatedTenant; user: DirectoryUser }
  | { kind: 'msa'; address: string };

function addressesOf(user: DirectoryUser): string[] {
  return [user.userPrincipalName, user.mail ?? '', ...user.otherMails, ...user.proxyAddresses.map((p) => p.replace(/^smtp:/i, ''))]
    .filter(Boolean)
    .map((a) => a.toLowerCase());
}

export function findUserInTenant(tenant: EmulatedTenant, address: string): DirectoryUser | undefined {
  const a = address.trim().toLowerCase();
  return tenant.users.find((u) => addressesOf(u).includes(a));
}

/** A work or school account: a member whose home is an emulated tenant. Guests are not home accounts. */
function findHomeAccount(state: EmulatorState, address: string): { tenant: EmulatedTenant; user: DirectoryUser } | undefined {
  for (const tenant of state.tenants) {
    const user = findUserInTenant(tenant, address);
    if (user && user.userType === 'Member') return { tenant, user };
  }
  return undefined;
}

function hasPersonalAccount(state: EmulatorState, address: string): boolean {
  return isFullEmulatorState(state) && state.msaAccounts.has(address.trim().toLowerCase());
}

/**
 * At a generic endpoint the lookup covers home accounts only (an uninvited or invited Gmail address → 1, facts §1d);
 * at a tenant endpoint it covers that tenant's directory, guests included.
 */
export function lookUpAccount(state: EmulatorState, address: string, tenant: EmulatedTenant | null): { result: IfExistsResult; account?: ResolvedAccount } {
  if (tenant) {
    const user = findUserInTenant(tenant, address);
    return user ? { result: 0, account: { kind: 'tenant-user', tenant, user } } : { result: 1 };
  }
  const home = findHomeAccount(state, address);
  const msa = hasPersonalAccount(state, address);
  if (home && msa) return { result: 6, account: { kind: 'tenant-user', ...home } };
  if (home) return { result: 0, account: { kind: 'tenant-user', ...home } };
  if (msa) return { result: 5, account: { kind: 'msa', address: address.trim().toLowerCase() } };
  return { result: 1 };
}

export function idpOf(user: DirectoryUser, tenant: EmulatedTenant): string {
  if (user.userType === 'Member') return `https://sts.windows.net/${tenant.id}/`;
  return { google: 'google.com', msa: 'live.com', otp: 'mail', entra: 'https://sts.windows.net/' }[user.homeIdp];
}

/** Stable pseudo object id for a personal account (no directory object exists for it here). */
export function msaObjectId(address: string): string {
  const h = createHash('sha256').update(`msa:${address}`).digest('hex');
  return `00000000-0000-0000-${h.slice(0, 4)}-${h.slice(4, 16)}`;
}

export function signedInAs(account: ResolvedAccount, username: string) {
  if (account.kind === 'msa') {
    return { username, displayName: username, objectId: msaObjectId(account.address), tenantId: CONSUMERS_TENANT_ID, idp: 'live.com' };
  }
  return {
    username,
    displayName: account.user.displayName,
    objectId: account.user.id,
    tenantId: account.tenant.id,
    idp: account.user.userType === 'Guest' ? idpOf(account.user, account.tenant) : undefined,
  };
}
