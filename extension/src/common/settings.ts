// Typed extension storage merged with the organisation's managed policy (chrome.storage.managed): the model and
// its reading. Read by the service worker and the extension pages; written only by the service worker
// (worker/tenant-store.ts), so a page's removal and a learning write can never interleave. Storage areas are
// passed in, so tests hand it plain in-memory objects.
import { parseTenant, type Tenant } from '../../../shared/tenant.ts';

export type Mode = 'automatic' | 'ask' | 'off';
export const MODES: readonly Mode[] = ['automatic', 'ask', 'off'];

/**
 * Where a tenant came from. Trusted: 'manual' (added in Options), 'managed' (policy), 'confirmed' (the guest picked
 * it in the in-page chooser), 'signed-in' (the guest typed the address in the tab and completed a credential step or
 * Accept there). Candidates: 'tenant-url', 'redemption-link' — seen in a URL only, which any website can produce.
 */
export type TenantSource = 'manual' | 'managed' | 'confirmed' | 'signed-in' | 'tenant-url' | 'redemption-link';
export type CandidateSource = 'tenant-url' | 'redemption-link';
const SOURCES: readonly TenantSource[] = ['manual', 'managed', 'confirmed', 'signed-in', 'tenant-url', 'redemption-link'];

export function isCandidateSource(source: TenantSource): source is CandidateSource {
  return source === 'tenant-url' || source === 'redemption-link';
}

export interface KnownTenant {
  tenant: Tenant;
  label?: string;
  /** https only: where the guest can ask for the invitation again (e.g. a guestpass portal page). */
  portalUrl?: string;
  source: TenantSource;
  /** epoch ms when it was added or learned */
  addedAt: number;
}

export interface EffectiveTenant extends KnownTenant {
  /** Pushed by the organisation: shown locked, cannot be edited or removed here. */
  locked: boolean;
  /** May decide an automatic reroute; a candidate is only ever offered in the chooser. */
  trusted: boolean;
}

export interface EffectiveSettings {
  mode: Mode;
  modeLocked: boolean;
  /** Whether tenants are learned from pages (candidates, sign-ins). Off in mode off or by policy. */
  learning: boolean;
  learningLocked: boolean;
  /** Trusted first (managed, then the person's), then candidates. */
  tenants: EffectiveTenant[];
  /**
   * The policy store has not answered yet in this browser session: locked fields come from the last policy
   * seen (cached by the worker); with none seen yet, automatic becomes ask and nothing is learned.
   */
  provisional?: true;
}

/** The subset of chrome.storage.StorageArea we use (chrome.storage.local/managed fit it; so does a Map in tests). */
export interface StorageArea {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set?(items: Record<string, unknown>): Promise<void>;
  remove?(keys: string | string[]): Promise<void>;
}

/** Shape an administrator pushes (extension/public/managed_schema.json). */
export interface ManagedPolicy {
  mode?: Mode;
  /** false: guestpass learns nothing from pages; only Options and the policy add tenants. */
  learning?: boolean;
  tenants?: { tenant: string; label?: string; portalUrl?: string }[];
}

/** chrome.storage.local keys. `policyCache` is the last managed policy the worker read (see `provisional`). */
export const LOCAL_KEYS = ['tenants', 'mode', 'forgotten', 'policyCache'] as const;

export const MAX_CANDIDATES = 20;
export const MAX_TRUSTED = 100;
export const DEFAULT_MODE: Mode = 'automatic';

export function isMode(value: unknown): value is Mode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value);
}

/** https URLs only; anything else is dropped rather than rendered as a link. */
export function cleanPortalUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !url.username && !url.password ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function cleanLabel(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 80) : undefined;
}

/**
 * Stored data is re-validated on every read: a hand-edited or corrupted store never reaches a navigation. An entry
 * without a known source is a candidate (fail closed); entries learned from URLs by earlier versions keep their
 * URL source and so become candidates.
 */
export function readStoredTenants(value: unknown): KnownTenant[] {
  if (!Array.isArray(value)) return [];
  const out: KnownTenant[] = [];
  for (const item of value as Partial<KnownTenant>[]) {
    const parsed = parseTenant(String(item?.tenant?.value ?? ''));
    if (!parsed.ok || item.source === 'managed' || out.some((t) => t.tenant.value === parsed.tenant.value)) continue;
    const source = SOURCES.includes(item.source as TenantSource) ? (item.source as TenantSource) : 'tenant-url';
    const entry: KnownTenant = { tenant: parsed.tenant, source, addedAt: typeof item.addedAt === 'number' ? item.addedAt : 0 };
    const label = cleanLabel(item.label);
    const portalUrl = cleanPortalUrl(item.portalUrl);
    if (label) entry.label = label;
    if (portalUrl) entry.portalUrl = portalUrl;
    out.push(entry);
  }
  return out;
}

export function readManagedTenants(policy: ManagedPolicy): KnownTenant[] {
  if (!Array.isArray(policy.tenants)) return [];
  const out: KnownTenant[] = [];
  for (const item of policy.tenants) {
    const parsed = parseTenant(String(item?.tenant ?? ''));
    if (!parsed.ok) continue;
    out.push({ tenant: parsed.tenant, label: cleanLabel(item.label), portalUrl: cleanPortalUrl(item.portalUrl), source: 'managed', addedAt: 0 });
  }
  return out;
}

/** A policy as read from the store or the cache, reduced to the fields we know (anything else is ignored). */
export function cleanPolicy(value: unknown): ManagedPolicy {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const policy: ManagedPolicy = {};
  if (isMode(v.mode)) policy.mode = v.mode;
  if (typeof v.learning === 'boolean') policy.learning = v.learning;
  if (Array.isArray(v.tenants)) policy.tenants = v.tenants as ManagedPolicy['tenants'];
  return policy;
}

export async function safeGet(area: StorageArea | undefined, keys?: readonly string[]): Promise<Record<string, unknown>> {
  if (!area) return {};
  try {
    return (await area.get(keys ? [...keys] : null)) ?? {};
  } catch {
    return {}; // Firefox rejects managed.get() when no policy is installed
  }
}

/**
 * Managed entries come first and win over a same-named local entry; the managed mode and learning switch, when
 * set, are locked. `managed` undefined = the policy store has not answered yet: the cached policy stands in and
 * the result is provisional (without a cache: automatic becomes ask, learning is off — fail closed).
 */
export function mergeSettings(local: Record<string, unknown>, managed: ManagedPolicy | undefined): EffectiveSettings {
  const cached = local.policyCache === undefined ? undefined : cleanPolicy(local.policyCache);
  const policy = managed ?? cached ?? {};
  const unknown = managed === undefined && cached === undefined;
  const managedTenants: EffectiveTenant[] = [];
  const trusted: EffectiveTenant[] = [];
  const candidates: EffectiveTenant[] = [];
  const seen = new Set<string>();
  for (const t of readManagedTenants(policy)) {
    if (seen.has(t.tenant.value)) continue;
    seen.add(t.tenant.value);
    managedTenants.push({ ...t, locked: true, trusted: true });
  }
  for (const t of readStoredTenants(local.tenants)) {
    if (seen.has(t.tenant.value)) continue;
    seen.add(t.tenant.value);
    const candidate = isCandidateSource(t.source);
    (candidate ? candidates : trusted).push({ ...t, locked: false, trusted: !candidate });
  }
  const modeLocked = isMode(policy.mode);
  let mode = isMode(policy.mode) ? policy.mode : isMode(local.mode) ? local.mode : DEFAULT_MODE;
  if (unknown && mode === 'automatic') mode = 'ask';
  const learningLocked = typeof policy.learning === 'boolean';
  const learning = mode !== 'off' && policy.learning !== false && !unknown;
  const settings: EffectiveSettings = { mode, modeLocked, learning, learningLocked, tenants: [...managedTenants, ...trusted, ...candidates] };
  if (managed === undefined) settings.provisional = true;
  return settings;
}

/** Read both stores and merge (the extension pages' view; the worker keeps its own, see worker/policy.ts). */
export async function readSettings(local: StorageArea, managed?: StorageArea): Promise<EffectiveSettings> {
  const [l, m] = await Promise.all([safeGet(local, LOCAL_KEYS), safeGet(managed)]);
  return mergeSettings(l, cleanPolicy(m));
}

/** The user's own entries (never the managed ones), validated. */
export async function readUserTenants(local: StorageArea): Promise<KnownTenant[]> {
  return readStoredTenants((await safeGet(local, ['tenants'])).tenants);
}

/** A label for people: the label if set, else the tenant identifier. */
export function tenantLabel(t: KnownTenant): string {
  return t.label ?? t.tenant.value;
}
