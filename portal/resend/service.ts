// The answer to "please resend my invitation": validate, rate-limit, store durably, answer. Never waits for
// Graph and does exactly the same work for every syntactically valid address, so neither the answer nor its
// timing says whether the address belongs to a guest.
import { randomUUID } from 'node:crypto';
import { parseAddress } from '../../shared/address.ts';
import type { RateLimitRule, ResendStore } from '../store/store.ts';
import type { AddressHasher } from './address-key.ts';

export interface ResendService {
  accept(input: { tenantKey: string; email: string; clientIp: string }): Promise<ResendAcceptResult>;
}

export type ResendAcceptResult =
  | { outcome: 'accepted'; requestId: string }
  | { outcome: 'invalid-address'; reason: string; message: string }
  | { outcome: 'rate-limited'; retryAfterSeconds: number };

export interface RateLimits {
  perIpPerHour: number;
  perAddressPerHour: number;
  perTenantPerHour: number;
}

const HOUR_MS = 3_600_000;

export function createResendService(deps: {
  store: Pick<ResendStore, 'enqueue'>;
  hasher: AddressHasher;
  rateLimits: RateLimits;
  now: () => number;
  /** Called after a job is stored (wakes the in-process worker). */
  onAccepted?: () => void;
}): ResendService {
  return {
    async accept({ tenantKey, email, clientIp }) {
      const parsed = parseAddress(email);
      if (!parsed.ok) return { outcome: 'invalid-address', reason: parsed.reason, message: parsed.message };
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
  };
}
