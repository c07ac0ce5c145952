// Send the *same* sign-in request to the host tenant instead of /common/ or /organizations/.
// The query string is spliced as raw text, never re-serialised: URLSearchParams would re-encode state, nonce,
// redirect_uri or SAMLRequest and break the request. Only login.microsoftonline.com over https is ever produced.
// Runs in the service worker (extension/src/worker/decide.ts, handle-message.ts) and the portal; of this module the
// sign-in page's content script bundles only SIGN_IN_HOSTS (through signin-page.ts).
import { myAppsUrl } from './myapps-link.ts';
import { checkTenant, SPACE_OR_CONTROL, type Tenant } from './tenant-core.ts';

/** The only hosts a rewrite may ever produce. */
export const SIGN_IN_HOSTS: readonly string[] = ['login.microsoftonline.com'];

/** Where invitation redemption links point (older direct form, and the `rd=` target of the current form). */
export const INVITATION_HOSTS: readonly string[] = ['invitations.microsoft.com'];

export type RewriteDeclineReason =
  | 'not-a-url'
  | 'host-not-allowed'
  | 'consumers-endpoint'
  | 'already-tenant-specific'
  | 'unsupported-path' // not an authorize / SAML / WS-Fed path we understand
  | 'opaque-request' // e.g. a posted form (/common/login, /common/reprocess) whose context cannot be rebuilt
  | 'invalid-tenant'; // the tenant passed in is not a validated identifier (hand-built object)

export type RewriteResult =
  | { action: 'reroute'; url: string }
  | { action: 'fallback'; url: string; reason: RewriteDeclineReason } // url = tenant's My Apps link
  | { action: 'none'; reason: RewriteDeclineReason };

export interface RewriteOptions {
  loginHint?: string; // the address the guest typed
}

/** Generic authority segments: the request is not yet bound to one organisation. */
const GENERIC = ['common', 'organizations'] as const;

/** Paths (after the authority segment, lower-case) whose GET request carries everything needed to replay it, and the parameter that proves it does. */
const REBUILDABLE: Record<string, string> = {
  '/oauth2/authorize': 'client_id', // OAuth v1
  '/oauth2/v2.0/authorize': 'client_id', // OAuth v2
  '/saml2': 'SAMLRequest', // SAML
  '/wsfed': 'wa', // WS-Fed
};

/** Pages reached by posting a form: their URL alone does not carry the original request. */
const OPAQUE = /^\/(?:login|reprocess|kmsi|sas(?:\/.*)?|resume|appverify)$/i;

/** First path segments on the sign-in host that are pages, never a tenant. */
const NOT_A_TENANT = /\.(?:srf|aspx?|html?|ico|js|css|png|svg|gif|jpe?g|json|txt|xml|php)$/i;

const MAX_LOGIN_HINT = 256;

interface RawSignInUrl {
  authority: string; // first path segment, as written
  rest: string; // path after it, as written ('' or '/...')
  query: string; // without '?', as written ('' when absent)
  hasQuery: boolean;
  fragment: string; // with '#', as written ('' when absent)
}

// Strict shape of an address-bar sign-in URL. Anything else (userinfo, port, backslash, odd scheme) is refused
// rather than normalised: what we splice must be exactly what the WHATWG parser sees.
const RAW_SIGN_IN = /^https:\/\/([a-z0-9.-]+)\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(#.*)?$/i;

type SplitResult = { ok: true; raw: RawSignInUrl } | { ok: false; reason: 'not-a-url' | 'host-not-allowed' };

function splitSignInUrl(url: string): SplitResult {
  if (typeof url !== 'string') return { ok: false, reason: 'not-a-url' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'not-a-url' };
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) {
    return { ok: false, reason: 'host-not-allowed' };
  }
  if (!SIGN_IN_HOSTS.includes(parsed.hostname)) return { ok: false, reason: 'host-not-allowed' };
  // The WHATWG parser forgives whitespace, backslashes and ":443"; the raw splice must not see any of them.
  if (/[\s\u0000-\u001f\u007f\\]/.test(url)) return { ok: false, reason: 'not-a-url' };
  const m = RAW_SIGN_IN.exec(url);
  if (!m || m[1]!.toLowerCase() !== parsed.hostname) return { ok: false, reason: 'host-not-allowed' };
  return {
    ok: true,
    raw: { authority: m[2]!, rest: m[3]!, query: m[4] ?? '', hasQuery: m[4] !== undefined, fragment: m[5] ?? '' },
  };
}

/** Decode a raw query key for comparison only (form-style: '+' is a space); undecodable keys match nothing. */
function decodeKey(rawKey: string): string | undefined {
  if (!/[%+]/.test(rawKey)) return rawKey; // the usual case, no decoding needed
  try {
    return decodeURIComponent(rawKey.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

function keyOf(segment: string): string | undefined {
  const eq = segment.indexOf('=');
  return decodeKey(eq === -1 ? segment : segment.slice(0, eq));
}

function hasParam(query: string, name: string): boolean {
  return query.split('&').some((seg) => {
    const eq = seg.indexOf('=');
    return keyOf(seg) === name && eq !== -1 && eq < seg.length - 1;
  });
}

/** Replace the first login_hint in place (dropping repeats), else append; every other segment is kept byte for byte. */
function spliceLoginHint(query: string, hasQuery: boolean, hint: string): string {
  const encoded = `login_hint=${encodeURIComponent(hint)}`;
  if (!hasQuery || query === '') return encoded;
  let replaced = false;
  const out: string[] = [];
  for (const seg of query.split('&')) {
    if (keyOf(seg) === 'login_hint') {
      if (!replaced) out.push(encoded);
      replaced = true;
    } else {
      out.push(seg);
    }
  }
  if (!replaced) out.push(encoded);
  return out.join('&');
}

function usableHint(hint: string | undefined): string | undefined {
  const value = hint?.trim();
  if (!value || value.length > MAX_LOGIN_HINT || SPACE_OR_CONTROL.test(value)) return undefined;
  return value;
}

function validTenant(tenant: Tenant): Tenant | undefined {
  if (!tenant || typeof tenant.value !== 'string') return undefined;
  const parsed = checkTenant(tenant.value);
  return parsed.ok && parsed.tenant.value === tenant.value ? parsed.tenant : undefined;
}

/** The tenant's My Apps page (`tenant` is already validated, so the address is always well-formed). */
function fallback(tenant: Tenant, reason: RewriteDeclineReason): RewriteResult {
  return { action: 'fallback', url: myAppsUrl(tenant.value), reason };
}

/** Decide whether and how to send the same sign-in request to `tenant` (reroute), offer its My Apps link (fallback), or decline. */
export function rewriteAuthority(url: string, tenant: Tenant, options?: RewriteOptions): RewriteResult {
  const target = validTenant(tenant);
  if (!target) return { action: 'none', reason: 'invalid-tenant' };
  const split = splitSignInUrl(url);
  if (!split.ok) return { action: 'none', reason: split.reason };
  const { raw } = split;
  const authority = raw.authority.toLowerCase();
  if (authority === 'consumers') return { action: 'none', reason: 'consumers-endpoint' };
  if (!(GENERIC as readonly string[]).includes(authority)) {
    const seg = segmentKind(raw.authority);
    if (seg.kind === 'consumers') return { action: 'none', reason: 'consumers-endpoint' };
    return { action: 'none', reason: seg.kind === 'tenant' ? 'already-tenant-specific' : 'unsupported-path' };
  }
  const rest = raw.rest.toLowerCase();
  const requires = REBUILDABLE[rest];
  if (!requires) return OPAQUE.test(raw.rest) ? fallback(target, 'opaque-request') : { action: 'none', reason: 'unsupported-path' };
  // A SAML POST binding or a posted authorize form arrives without its parameters in the URL.
  if (!hasParam(raw.query, requires)) return fallback(target, 'opaque-request');
  const hint = usableHint(options?.loginHint);
  const query = hint === undefined ? raw.query : spliceLoginHint(raw.query, raw.hasQuery, hint);
  const hasQuery = raw.hasQuery || hint !== undefined;
  const rebuilt = `https://${SIGN_IN_HOSTS[0]}/${target.value}${raw.rest}${hasQuery ? '?' + query : ''}${raw.fragment}`;
  return { action: 'reroute', url: rebuilt };
}

/** Which tenant segment (if any) a sign-in URL addresses: 'common' | 'organizations' | 'consumers' | a tenant | none. */
export type AuthoritySegment =
  | { kind: 'common' | 'organizations' | 'consumers' }
  | { kind: 'tenant'; tenant: Tenant }
  | { kind: 'none' };

function segmentKind(segment: string): AuthoritySegment {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return { kind: 'none' };
  }
  const lower = decoded.toLowerCase();
  if (lower === 'common' || lower === 'organizations' || lower === 'consumers') return { kind: lower };
  if (NOT_A_TENANT.test(lower)) return { kind: 'none' };
  const parsed = checkTenant(decoded);
  if (parsed.ok) return { kind: 'tenant', tenant: parsed.tenant };
  // The personal-account tenant id is consumers under another name.
  if (parsed.reason === 'reserved' && /^[0-9a-f-]{36}$/.test(lower)) return { kind: 'consumers' };
  return { kind: 'none' };
}

/** The authority (first path segment) of an https login.microsoftonline.com URL; `none` for anything else. */
export function authorityOf(url: string): AuthoritySegment {
  const split = splitSignInUrl(url);
  if (!split.ok) return { kind: 'none' };
  return segmentKind(split.raw.authority);
}

/** Learn a tenant from a tenant-specific sign-in URL or a redemption link (/redeem?rd=…tenant=…). */
export type LearnResult =
  | { action: 'learn'; tenant: Tenant; source: 'tenant-url' | 'redemption-link' }
  | { action: 'none'; reason: 'not-a-url' | 'host-not-allowed' | 'generic-endpoint' | 'no-tenant' | 'invalid-tenant' };

// URL.canParse is missing from older jsdom and browsers; a try/catch works everywhere.
function canParse(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

function parseHttps(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && !parsed.username && !parsed.password && !parsed.port ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function learnFromInvitation(inv: URL): LearnResult {
  if (!INVITATION_HOSTS.includes(inv.hostname)) return { action: 'none', reason: 'host-not-allowed' };
  if (!/^\/redeem\/?$/i.test(inv.pathname)) return { action: 'none', reason: 'no-tenant' };
  const value = inv.searchParams.get('tenant');
  if (value === null || value.trim() === '') return { action: 'none', reason: 'no-tenant' };
  const parsed = checkTenant(value);
  if (!parsed.ok) return { action: 'none', reason: parsed.reason === 'reserved' ? 'generic-endpoint' : 'invalid-tenant' };
  return { action: 'learn', tenant: parsed.tenant, source: 'redemption-link' };
}

/** Learn the host tenant from a tenant-specific sign-in URL or an invitation redemption link; never from a generic endpoint. */
export function learnTenantFromUrl(url: string): LearnResult {
  if (typeof url !== 'string' || !canParse(url)) return { action: 'none', reason: 'not-a-url' };
  const parsed = parseHttps(url);
  if (!parsed) return { action: 'none', reason: 'host-not-allowed' };
  if (INVITATION_HOSTS.includes(parsed.hostname)) return learnFromInvitation(parsed);
  if (!SIGN_IN_HOSTS.includes(parsed.hostname)) return { action: 'none', reason: 'host-not-allowed' };
  if (/^\/redeem\/?$/i.test(parsed.pathname)) {
    const rd = parsed.searchParams.get('rd');
    if (!rd) return { action: 'none', reason: 'no-tenant' };
    const target = parseHttps(rd);
    if (!target) return { action: 'none', reason: 'host-not-allowed' };
    return learnFromInvitation(target);
  }
  const segment = authorityOf(url);
  if (segment.kind === 'tenant') return { action: 'learn', tenant: segment.tenant, source: 'tenant-url' };
  if (segment.kind === 'none') return { action: 'none', reason: 'no-tenant' };
  return { action: 'none', reason: 'generic-endpoint' };
}
