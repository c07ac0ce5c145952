// Per-tab memory of which tenants were already tried for one sign-in request, so a reroute never loops.
// The service worker keeps it per tab in chrome.storage.session (out of the page's reach, gone when the browser
// closes) and hands the page its record in the load-time snapshot. Keyed by the request itself (its query
// without login_hint/domain_hint, and its path without the tenant segment), so the original and the rerouted
// URL map to the same record.

export interface Attempt {
  /** The generic-endpoint URL the guest started from (what later choices are rewritten from). */
  original: string;
  loginHint?: string;
  /** Tenant values already tried for this request, in order. */
  tried: string[];
  at: number;
}

/** The part of Storage we use (a Storage, or the worker's in-memory view of one chrome.storage.session item). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

const STORE_KEY = 'guestpass.attempts';
const MAX_RECORDS = 20;
const MAX_AGE_MS = 60 * 60 * 1000;

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
  const path = u.pathname.replace(/^\/[^/]+/, '').toLowerCase();
  return path + '?' + new URLSearchParams(params).toString();
}

function readAll(store: KeyValueStore): Record<string, Attempt> {
  try {
    const value = JSON.parse(store.getItem(STORE_KEY) ?? '{}');
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

export function createAttemptMemory(store: KeyValueStore, now: () => number) {
  return {
    get(url: string): Attempt | undefined {
      const key = requestKey(url);
      const record = key ? readAll(store)[key] : undefined;
      if (!record || !Array.isArray(record.tried) || typeof record.original !== 'string') return undefined;
      return now() - record.at > MAX_AGE_MS ? undefined : record;
    },
    /** Note that `tenant` is being tried for the request `original` (or the request the current URL belongs to). */
    tried(url: string, original: string, tenant: string, loginHint?: string): void {
      const key = requestKey(url);
      if (!key) return;
      const all = readAll(store);
      const prev = all[key];
      const tried = prev ? [...prev.tried.filter((t) => t !== tenant), tenant] : [tenant];
      all[key] = { original: prev?.original ?? original, loginHint: loginHint ?? prev?.loginHint, tried, at: now() };
      const keys = Object.keys(all).sort((a, b) => all[b]!.at - all[a]!.at);
      const kept: Record<string, Attempt> = {};
      for (const k of keys.slice(0, MAX_RECORDS)) kept[k] = all[k]!;
      try {
        store.setItem(STORE_KEY, JSON.stringify(kept));
      } catch {
        /* storage full: at a tenant endpoint "no memory" means explain, never reroute again */
      }
    },
  };
}

export type AttemptMemory = ReturnType<typeof createAttemptMemory>;
