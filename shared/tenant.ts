// Tenant identifiers as people type them: a GUID, name.onmicrosoft.com, or a verified custom domain.
// parseTenant never throws; it declines with a reason and a message a person can act on.
// IDN → punycode uses the WHATWG URL parser (`new URL('https://' + host).hostname`), which browsers, jsdom and
// Node all implement (UTS #46 mapping + punycode); no node: import, so it runs in every extension context.
// The checks live in tenant-core.ts (reason only, what the service worker's decisions need); this module adds
// the sentences for people, keyed by a named problem that the portal's catalogues translate.
import {
  checkDomainName,
  checkTenant,
  SAY_CONSUMER_ID,
  SAY_ENTER_DOMAIN,
  SAY_ENTER_TENANT,
  SAY_IP,
  SAY_LABEL_TOO_LONG,
  SAY_LDH,
  SAY_NOT_A_DOMAIN,
  SAY_ONMICROSOFT_ALONE,
  SAY_PATH,
  SAY_PERCENT,
  SAY_PORT,
  SAY_RESERVED_BARE,
  SAY_RESERVED_VALUE,
  SAY_SCHEME,
  SAY_SINGLE_LABEL,
  SAY_SPACES,
  SAY_TOO_LONG,
  SAY_USERINFO,
  type Say,
  type Tenant,
  type TenantRejectReason,
} from './tenant-core.ts';

export { CONSUMER_TENANT_ID, isGuid, RESERVED_TENANT_NAMES } from './tenant-core.ts';
export type { Tenant, TenantKind, TenantRejectReason } from './tenant-core.ts';

/** Exactly what is wrong with a refused tenant: the key the portal's catalogues translate (`reason` groups them). */
export type TenantProblem =
  | 'enter-domain'
  | 'too-long'
  | 'scheme'
  | 'userinfo'
  | 'path'
  | 'ip-address'
  | 'port'
  | 'spaces'
  | 'percent'
  | 'not-a-domain'
  | 'label-too-long'
  | 'letters-digits-hyphens'
  | 'enter-tenant'
  | 'consumer-id'
  | 'reserved-bare'
  | 'single-label'
  | 'reserved-value'
  | 'onmicrosoft-alone';

/** What a problem's sentence may name: the normalised name the decline is about ('' when it has none). */
export interface TenantProblemDetail {
  value: string;
}

/** One sentence per problem; every catalogue (this English one, the portal's others) has exactly these keys. */
export type TenantMessages = Readonly<Record<TenantProblem, (detail: TenantProblemDetail) => string>>;

export type TenantParseResult =
  | { ok: true; tenant: Tenant }
  | { ok: false; reason: TenantRejectReason; problem: TenantProblem; value?: string; message: string };

export type DomainNameResult =
  | { ok: true; domain: string }
  | { ok: false; reason: Exclude<TenantRejectReason, 'reserved' | 'single-label'>; problem: TenantProblem; message: string };

/** The problem each of the core's sentence numbers stands for. */
const PROBLEM_OF: Record<Say, TenantProblem> = {
  [SAY_ENTER_DOMAIN]: 'enter-domain',
  [SAY_TOO_LONG]: 'too-long',
  [SAY_SCHEME]: 'scheme',
  [SAY_USERINFO]: 'userinfo',
  [SAY_PATH]: 'path',
  [SAY_IP]: 'ip-address',
  [SAY_PORT]: 'port',
  [SAY_SPACES]: 'spaces',
  [SAY_PERCENT]: 'percent',
  [SAY_NOT_A_DOMAIN]: 'not-a-domain',
  [SAY_LABEL_TOO_LONG]: 'label-too-long',
  [SAY_LDH]: 'letters-digits-hyphens',
  [SAY_ENTER_TENANT]: 'enter-tenant',
  [SAY_CONSUMER_ID]: 'consumer-id',
  [SAY_RESERVED_BARE]: 'reserved-bare',
  [SAY_SINGLE_LABEL]: 'single-label',
  [SAY_RESERVED_VALUE]: 'reserved-value',
  [SAY_ONMICROSOFT_ALONE]: 'onmicrosoft-alone',
};

/** The English sentences: what `message` carries (extension, logs, the portal's English catalogue). */
export const TENANT_MESSAGES: TenantMessages = {
  'enter-domain': () => 'Enter a domain name.',
  'too-long': () => 'That name is longer than 253 characters.',
  scheme: () => 'Enter only the name, without "https://" or another scheme.',
  userinfo: () => 'Enter the organisation’s domain, not an email address or "user@" prefix.',
  path: () => 'Enter only the name, without a path, "?" or "#".',
  'ip-address': () => 'An IP address is not a tenant: enter a domain name or tenant ID.',
  port: () => 'Enter only the name, without a ":port".',
  spaces: () => 'The name contains spaces or control characters.',
  percent: () => 'The name contains "%".',
  'not-a-domain': () => 'That is not a valid domain name.',
  'label-too-long': () => 'One part of that name (between dots) is longer than 63 characters.',
  'letters-digits-hyphens': () => 'A domain name may contain only letters, digits and hyphens between dots.',
  'enter-tenant': () => 'Enter a tenant ID or domain.',
  'consumer-id': () => 'That ID is Microsoft’s tenant for personal accounts, not an organisation.',
  'reserved-bare': ({ value }) => `"${value}" stands for any organisation, not one: enter the organisation’s tenant ID or domain.`,
  'single-label': ({ value }) => `"${value}" is not a full domain: try "${value}.onmicrosoft.com" or the organisation’s own domain.`,
  'reserved-value': ({ value }) => `"${value}" stands for any organisation, not one.`,
  'onmicrosoft-alone': () => 'Enter the organisation’s name in front: "name.onmicrosoft.com".',
};

/** Normalise a bare DNS name (IDN → lower-case punycode, one trailing dot dropped) and check label/name limits. */
export function normaliseDomainName(input: string): DomainNameResult {
  const r = checkDomainName(input);
  if (r.ok) return r;
  const problem = PROBLEM_OF[r.say]!;
  return { ok: false, reason: r.reason, problem, message: TENANT_MESSAGES[problem]({ value: '' }) };
}

/** Parse what a person typed into a validated tenant (GUID, name.onmicrosoft.com or verified domain), or decline with a reason. */
export function parseTenant(input: string): TenantParseResult {
  const r = checkTenant(input);
  if (r.ok) return r;
  const problem = PROBLEM_OF[r.say]!;
  const message = TENANT_MESSAGES[problem]({ value: r.value ?? '' });
  return r.value === undefined ? { ok: false, reason: r.reason, problem, message } : { ok: false, reason: r.reason, problem, value: r.value, message };
}

/** True when two tenants are the same identifier (both already normalised). */
export function sameTenant(a: Tenant, b: Tenant): boolean {
  return a.value === b.value;
}
