// Which admins this instance can act for: each admin's latest API token (the On-Behalf-Of assertion) and its expiry,
// as the admin API last saw it. In memory only, per process — tokens are never stored in the database nor logged —
// so after a restart (or on another instance) an admin's queued jobs wait, held `admin-session-needed`, until that
// admin's next admin API request on any instance releases them (invitations/queue.ts adminSeen).
import type { InvitationActor } from './types.ts';

export interface DelegationRegistry {
  remember(tenantKey: string, actor: InvitationActor, assertion: string, expiresAt: number): void;
  /** The admin's token when it is still valid for at least `marginMs` (an OBO exchange needs a live assertion). */
  assertionFor(tenantKey: string, oid: string): string | undefined;
  forget(tenantKey: string, oid: string): void;
}

/** Far more admins than any tenant has; a bound so that no input can grow the map without limit. */
const MAX_ADMINS = 10_000;

export function createDelegationRegistry(now: () => number, marginMs = 60_000): DelegationRegistry {
  const tokens = new Map<string, { assertion: string; expiresAt: number }>();
  const key = (tenantKey: string, oid: string) => `${tenantKey}\n${oid.toLowerCase()}`;
  return {
    remember(tenantKey, actor, assertion, expiresAt) {
      const k = key(tenantKey, actor.oid);
      const known = tokens.get(k);
      if (known && known.expiresAt > expiresAt) return; // an older token arriving late never replaces a newer one
      tokens.delete(k); // re-insert: the map's order is "least recently seen first"
      tokens.set(k, { assertion, expiresAt });
      if (tokens.size > MAX_ADMINS) tokens.delete(tokens.keys().next().value!);
    },
    assertionFor(tenantKey, oid) {
      const known = tokens.get(key(tenantKey, oid));
      if (!known) return undefined;
      if (known.expiresAt - marginMs <= now()) {
        tokens.delete(key(tenantKey, oid));
        return undefined;
      }
      return known.assertion;
    },
    forget(tenantKey, oid) {
      tokens.delete(key(tenantKey, oid));
    },
  };
}
