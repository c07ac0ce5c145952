// The answer to "please resend my invitation": validate, rate-limit, store durably, answer. Never waits for
// Graph and does exactly the same work for every syntactically valid address, so neither the answer nor its
// timing says whether the address belongs to a guest.
import { randomUUID } from 'node:crypto';
import { parseAddress, type AddressProblem, type AddressRejectReason } from '../../shared/address.ts';
import type { RateLimitRule, ResendStore } from '../store/store.ts';
import type { AddressHasher } from './address-key.ts';

export interface ResendService {
  accept(input: { tenantKey: string; email: string; clientIp: string }): Promise<ResendAcceptResult>;
  /**
   * An admin's resend (console): the same durable queue, at-most-once window and per-tenant Graph budget, but NOT the
   * self-service per-IP/address/tenant buckets (a bulk resend must not lock guests out); audited with the admin, and
   * carried out On-Behalf-Of them (held `admin-session-needed` when their token is gone).
   */
  acceptForAdmin?(input: { tenantKey: string; email: string; actor: { oid: string; upn: string } }): Promise<ResendAcceptResult>;
  /** Something was requeued outside the service (an admin's dead-letter retry): wake the worker. */
  wake?(): void;
  /** The keyed hash the store files an address under (to find finished jobs by a typed address). */
  addressHash?(tenantKey: string, email: string): string | undefined;
}

/** How the audit trail names an admin: `by <upn> (<oid>)` (parsed back by the admin API). */
export function actorDetail(actor: { oid: string; upn: string }): string {
  return `by ${actor.upn.replace(/\s/g, '')} (${actor.oid})`;
}

export type ResendAcceptResult =
  | { outcome: 'accepted'; requestId: string }
  /** `problem` (+ `character`) is what pages translate; `message` is shared's English sentence, for logs and APIs. */
  | { outcome: 'invalid-address'; reason: AddressRejectReason; problem: AddressProblem; character?: string; message: string }
  | { outcome: 'rate-limited'; retryAfterSeconds: number };

export interface RateLimits {
  perIpPerHour: number;
  perAddressPerHour: number;
  perTenantPerHour: number;
}

const HOUR_MS = 3_600_000;

/** A refused address as the routes need it: the problem key pages translate, and shared's English sentence. */
function invalidAddress(parsed: Extract<ReturnType<typeof parseAddress>, { ok: false }>): ResendAcceptResult {
  const { reason, problem, character, message } = parsed;
  return { outcome: 'invalid-address', reason, problem, ...(character ? { character } : {}), message };
}

export function createResendService(deps: {
  store: Pick<ResendStore, 'enqueue' | 'audit'>;
  hasher: AddressHasher;
  rateLimits: RateLimits;
  now: () => number;
  /** Called after a job is stored (wakes the in-process worker). */
  onAccepted?: () => void;
}): ResendService {
  return {
    async accept({ tenantKey, email, clientIp }) {
      const parsed = parseAddress(email);
      if (!parsed.ok) return invalidAddress(parsed);
      const address = parsed.address;
      const addressHash = deps.hasher.address(tenantKey, address);
      const rules: RateLimitRule[] = [
        { bucket: `ip:${deps.hasher.clientIp(clientIp)}`, limit: deps.rateLimits.perIpPerHour, windowMs: HOUR_MS },
        { bucket: `address:${addressHash}`, limit: deps.rateLimits.perAddressPerHour, windowMs: HOUR_MS },
        { bucket: `tenant:${tenantKey}`, limit: deps.rateLimits.perTenantPerHour, windowMs: HOUR_MS },
      ];
      const requestId = randomUUID();
      const stored = await deps.store.enqueue({ id: requestId, tenantKey, address, addressHash }, rules, deps.now());
      if (!stored.ok) return { outcome: 'rate-limited', retryAfterSeconds: Math.ceil(stored.retryAfterMs / 1000) };
      deps.onAccepted?.();
      return { outcome: 'accepted', requestId };
    },
    async acceptForAdmin({ tenantKey, email, actor }) {
      const parsed = parseAddress(email);
      if (!parsed.ok) return invalidAddress(parsed);
      const addressHash = deps.hasher.address(tenantKey, parsed.address);
      const requestId = randomUUID();
      // With an actor, the worker runs the job On-Behalf-Of this admin (their token, their rights in Entra).
      const stored = await deps.store.enqueue({ id: requestId, tenantKey, address: parsed.address, addressHash, actor, auditDetail: `admin resend; ${actorDetail(actor)}` }, [], deps.now());
      if (!stored.ok) return { outcome: 'rate-limited', retryAfterSeconds: Math.ceil(stored.retryAfterMs / 1000) };
      await deps.store.audit({ requestId, tenantKey, addressHash, event: 'admin-resend', detail: actorDetail(actor), at: deps.now(), actor });
      deps.onAccepted?.();
      return { outcome: 'accepted', requestId };
    },
    wake() {
      deps.onAccepted?.();
    },
    addressHash(tenantKey, email) {
      const parsed = parseAddress(email);
      return parsed.ok ? deps.hasher.address(tenantKey, parsed.address) : undefined;
    },
  };
}
