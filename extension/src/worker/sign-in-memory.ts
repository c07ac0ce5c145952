// What the service worker remembers about the sign-in going on in one tab: which tenants were already tried for it
// (so a reroute never loops), and whether the guest typed an address in this tab (so a completed credential step
// can make a tenant trusted). One record per tab, in chrome.storage.session (out of the page's reach, gone when the
// browser closes). The memory ends with the sign-in: a new sign-in request in the tab, an arrival from another
// site, or a submitted credential step starts afresh — so the same sign-in link used again reroutes again.
import { INVITATION_HOSTS, SIGN_IN_HOSTS } from '../../../shared/authority-rewrite.ts';

/** What decidePage needs of the memory: the request the guest started from and what was tried for it. */
export interface Attempt {
  /** The generic-endpoint URL the guest started from (what later choices are rewritten from). */
  original: string;
  loginHint?: string;
  /** Tenant values already tried for this request, in order. */
  tried: string[];
  at: number;
}

export interface SignIn {
  /** The request this sign-in is for (see requestKey); undefined when it started on a page without one. */
  key?: string;
  /** Set once a tenant was tried for it. */
  attempt?: Attempt;
  /** The guest typed an address and submitted the username step in this tab during this sign-in. */
  typed: boolean;
  /** The guest submitted a password or passcode during this sign-in (a consent page's Accept after it signs them in). */
  secret?: boolean;
  /** The tenant the sign-in started at (a tenant endpoint, or the tenant of a redemption link). */
  startTenant?: string;
  at: number;
}

const MAX_AGE_MS = 60 * 60 * 1000;
/** Paths (after the authority segment) whose GET starts a sign-in request; everything else continues one. */
const STARTS = /^\/[^/]+\/(?:oauth2\/(?:v2\.0\/)?authorize|saml2|wsfed)\/?$/i;

/**
 * The request a URL belongs to: its query without login_hint/domain_hint, sorted, and its path without the
 * tenant segment — so the original and the rerouted URL map to the same key.
 */
export function requestKey(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const params = [...u.searchParams].filter(([k]) => k !== 'login_hint' && k !== 'domain_hint');
  if (!params.length) return undefined; // no request context to tell two sign-ins apart
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const path = STARTS.test(u.pathname) ? u.pathname.replace(/^\/[^/]+/, '*') : u.pathname;
  return path.toLowerCase() + '?' + new URLSearchParams(params).toString();
}

/** Whether loading `url` starts a sign-in (an authorize / SAML / WS-Fed request, or a redemption link). */
export function startsSignIn(url: string): boolean {
  try {
    const u = new URL(url);
    if (!SIGN_IN_HOSTS.includes(u.hostname) && !INVITATION_HOSTS.includes(u.hostname)) return false;
    return STARTS.test(u.pathname) || /^\/redeem\/?$/i.test(u.pathname);
  } catch {
    return false;
  }
}

export function isSignIn(value: unknown): value is SignIn {
  const v = value as Partial<SignIn> | null;
  if (!v || typeof v !== 'object' || typeof v.typed !== 'boolean' || typeof v.at !== 'number') return false;
  if (v.secret !== undefined && typeof v.secret !== 'boolean') return false;
  const a = v.attempt;
  return a === undefined || (typeof a.original === 'string' && Array.isArray(a.tried) && a.tried.every((t) => typeof t === 'string'));
}

/** The record as of `now`: an old one is gone. */
export function current(record: SignIn | undefined, now: number): SignIn | undefined {
  return record && now - record.at <= MAX_AGE_MS ? record : undefined;
}

/**
 * A sign-in page loaded at `url`. `fresh`: the tab arrived from another site. A request-starting page for another
 * request (or any fresh arrival) begins a new sign-in; pages in between (posted steps) continue the current one.
 */
export function pageLoaded(record: SignIn | undefined, url: string, fresh: boolean, startTenant: string | undefined, now: number): SignIn {
  const key = requestKey(url);
  const live = current(record, now);
  if (live && !fresh && (!startsSignIn(url) || (key !== undefined && key === live.key))) return { ...live, at: now };
  const next: SignIn = { typed: false, at: now };
  if (key !== undefined && startsSignIn(url)) next.key = key;
  if (startTenant !== undefined) next.startTenant = startTenant;
  return next;
}

/** `tenant` is being tried for the request that started at `original`. */
export function triedTenant(record: SignIn | undefined, url: string, original: string, tenant: string, loginHint: string | undefined, now: number): SignIn {
  const live = current(record, now) ?? { typed: false, at: now, key: requestKey(url) };
  const prev = live.attempt;
  const attempt: Attempt = {
    original: prev?.original ?? original,
    tried: [...(prev?.tried.filter((t) => t !== tenant) ?? []), tenant],
    at: now,
  };
  const hint = loginHint ?? prev?.loginHint;
  if (hint !== undefined) attempt.loginHint = hint;
  return { ...live, attempt, at: now };
}

/** The guest typed an address and submitted the username step. */
export function typedAddress(record: SignIn | undefined, now: number): SignIn {
  return { ...(current(record, now) ?? { at: now }), typed: true, at: now };
}

/**
 * A credential step was completed (`secret`: a password or passcode, not a consent page's Accept): the sign-in moved
 * on, so what was tried for its request is forgotten.
 */
export function credentialCompleted(record: SignIn | undefined, now: number, secret = false): SignIn | undefined {
  const live = current(record, now);
  if (!live) return undefined;
  const { attempt: _done, ...rest } = live;
  return secret ? { ...rest, secret: true, at: now } : { ...rest, at: now };
}
