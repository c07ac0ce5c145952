// "Not invited yet? Ask for access": validate the form, rate-limit, store an intake record, answer. Like resend
// (resend/service.ts) it looks nothing up while the requester waits and does the same work for every valid address
// — whether it belongs to a pending guest, an accepted guest, a blocked domain or nobody is for the worker to find
// out, so neither the answer nor its timing tells.
import { randomUUID } from 'node:crypto';
import { parseAddress, type AddressProblem } from '../../shared/address.ts';
import type { AddressHasher } from '../resend/address-key.ts';
import type { RateLimits } from '../resend/service.ts';
import type { RateLimitRule } from '../store/store.ts';
import type { AccessRequestStore } from './types.ts';

export const FIELD_LIMITS = { name: 120, organisation: 120, reason: 1000 } as const;

export interface AccessRequestInput {
  tenantKey: string;
  email: string;
  name: string;
  organisation: string;
  reason: string;
  sponsor?: string;
  lang: string;
  clientIp: string;
}

export type RequestField = 'email' | 'name' | 'organisation' | 'reason' | 'sponsor';

export type AccessRequestResult =
  | { outcome: 'accepted'; requestId: string }
  /** `problem`: the address problem (email or sponsor) pages translate; `missing`/`too-long` for the text fields. */
  | { outcome: 'invalid'; field: RequestField; problem: AddressProblem | 'missing' | 'too-long'; character?: string }
  | { outcome: 'rate-limited'; retryAfterSeconds: number };

const HOUR_MS = 3_600_000;

/** Control characters out (a reason keeps its line breaks), runs of spaces to one, trimmed. */
export function cleanText(value: unknown, multiline = false): string {
  if (typeof value !== 'string') return '';
  const noControls = value.normalize('NFC').replace(multiline ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g : /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  return multiline ? noControls.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim() : noControls.replace(/\s+/g, ' ').trim();
}

export interface AccessRequestService {
  submit(input: AccessRequestInput): Promise<AccessRequestResult>;
}

export function createAccessRequestService(deps: {
  store: Pick<AccessRequestStore, 'intake'>;
  hasher: AddressHasher;
  rateLimits: RateLimits;
  now: () => number;
  onAccepted?: () => void;
}): AccessRequestService {
  return {
    async submit(input) {
      const parsed = parseAddress(input.email);
      if (!parsed.ok) return { outcome: 'invalid', field: 'email', problem: parsed.problem, ...(parsed.character ? { character: parsed.character } : {}) };
      const name = cleanText(input.name);
      const organisation = cleanText(input.organisation);
      const reason = cleanText(input.reason, true);
      for (const [field, value] of [['name', name], ['reason', reason]] as const) if (!value) return { outcome: 'invalid', field, problem: 'missing' };
      for (const [field, value] of [['name', name], ['organisation', organisation], ['reason', reason]] as const) {
        if ([...value].length > FIELD_LIMITS[field]) return { outcome: 'invalid', field, problem: 'too-long' };
      }
      let sponsor: string | undefined;
      const sponsorText = cleanText(input.sponsor);
      if (sponsorText) {
        const s = parseAddress(sponsorText);
        if (!s.ok) return { outcome: 'invalid', field: 'sponsor', problem: s.problem, ...(s.character ? { character: s.character } : {}) };
        sponsor = s.address;
      }
      const address = parsed.address;
      const addressHash = deps.hasher.address(input.tenantKey, address);
      const rules: RateLimitRule[] = [
        { bucket: `access-ip:${deps.hasher.clientIp(input.clientIp)}`, limit: deps.rateLimits.perIpPerHour, windowMs: HOUR_MS },
        { bucket: `access-address:${addressHash}`, limit: deps.rateLimits.perAddressPerHour, windowMs: HOUR_MS },
        { bucket: `access-tenant:${input.tenantKey}`, limit: deps.rateLimits.perTenantPerHour, windowMs: HOUR_MS },
      ];
      const requestId = randomUUID();
      const stored = await deps.store.intake(
        { id: requestId, tenantKey: input.tenantKey, address, addressHash, name, organisation, reason, ...(sponsor ? { sponsor } : {}), lang: input.lang },
        rules,
        deps.now(),
      );
      if (!stored.ok) return { outcome: 'rate-limited', retryAfterSeconds: Math.ceil(stored.retryAfterMs / 1000) };
      deps.onAccepted?.();
      return { outcome: 'accepted', requestId };
    },
  };
}
