// Typed extension storage merged with the organisation's managed policy (chrome.storage.managed).
// One module for every surface (content script, service worker, popup, options); the storage areas are
// passed in, so tests hand it plain in-memory objects.
import { parseTenant, type Tenant } from '../../../shared/tenant.ts';

export type Mode = 'automatic' | 'ask' | 'off';
export const MODES: readonly Mode[] = ['automatic', 'ask', 'off'];

/** Where a tenant came from. Learned ones ('tenant-url', 'redemption-link') may be evicted; the others never. */
export type TenantSource = 'manual' | 'managed' | 'tenant-url' | 'redemption-link';

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
}

export interface EffectiveSettings {
  mode: Mode;
  modeLocked: boolean;
  tenants: EffectiveTenant[];
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
  tenants?: { tenant: string; label?: string; portalUrl?: string }[];
}

export const MAX_LEARNED_TENANTS = 50;
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

function cleanLabel(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 80) : undefined;
}

/** Stored data is re-validated on every read: a hand-edited or corrupted store never reaches a navigation. */
function readStoredTenants(value: unknown): KnownTenant[] {
  if (!Array.isArray(value)) return [];
  const out: KnownTenant[] = [];
  for (const item of value as Partial<KnownTenant>[]) {
    const parsed = parseTenant(String(item?.tenant?.value ?? ''));
    if (!parsed.ok || item.source === 'managed') continue;
    const source = item.source === 'tenant-url' || item.source === 'redemption-link' ? item.source : 'manual';
    out.push({
      tenant: parsed.tenant,
      label: cleanLabel(item.label),
      portalUrl: cleanPortalUrl(item.portalUrl),
      source,
      addedAt: typeof item.addedAt === 'number' ? item.addedAt : 0,
    });
  }
  return out;
}

function readManagedTenants(policy: ManagedPolicy): KnownTenant[] {
  if (!Array.isArray(policy.tenants)) return [];
  const out: KnownTenant[] = [];
  for (const item of policy.tenants) {
    const parsed = parseTenant(String(item?.tenant ?? ''));
    if (!parsed.ok) continue;
    out.push({ tenant: parsed.tenant, label: cleanLabel(item.label), portalUrl: cleanPortalUrl(item.portalUrl), source: 'managed', addedAt: 0 });
  }
  return out;
}

async function safeGet(area: StorageArea | undefined, keys?: string[]): Promise<Record<string, unknown>> {
  if (!area) return {};
  try {
    return (await area.get(keys ?? null)) ?? {};
  } catch {
    return {}; // Firefox rejects managed.get() when no policy is installed
  }
}

/** Managed entries come first and win over a same-named local entry; the managed mode, when set, is locked. */
export function mergeSettings(local: Record<string, unknown>, managed: ManagedPolicy): EffectiveSettings {
  const tenants: EffectiveTenant[] = [];
  const seen = new Set<string>();
  for (const t of readManagedTenants(managed)) {
    if (seen.has(t.tenant.value)) continue;
    seen.add(t.tenant.value);
    tenants.push({ ...t, locked: true });
  }
  for (const t of readStoredTenants(local.tenants)) {
    if (seen.has(t.tenant.value)) continue;
    seen.add(t.tenant.value);
    tenants.push({ ...t, locked: false });
  }
  const modeLocked = isMode(managed.mode);
  const mode = isMode(managed.mode) ? managed.mode : isMode(local.mode) ? local.mode : DEFAULT_MODE;
  return { mode, modeLocked, tenants };
}

export async function readSettings(local: StorageArea, managed?: StorageArea): Promise<EffectiveSettings> {
  const [l, m] = await Promise.all([safeGet(local, ['tenants', 'mode']), safeGet(managed)]);
  return mergeSettings(l, m as ManagedPolicy);
}

/** The user's own entries (never the managed ones), validated. */
export async function readUserTenants(local: StorageArea): Promise<KnownTenant[]> {
  return readStoredTenants((await safeGet(local, ['tenants'])).tenants);
}

async function writeUserTenants(local: StorageArea, tenants: KnownTenant[]): Promise<void> {
  if (!local.set) throw new Error('storage area is read-only');
  await local.set({ tenants });
}

export type AddTenantResult = { ok: true; tenant: KnownTenant } | { ok: false; message: string };

/** Options page "Add": the shared parser validates; its message is what the person sees. */
export async function addManualTenant(
  local: StorageArea,
  input: { tenant: string; label?: string; portalUrl?: string },
  now: () => number,
): Promise<AddTenantResult> {
  const parsed = parseTenant(input.tenant);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  let portalUrl: string | undefined;
  if (input.portalUrl?.trim()) {
    portalUrl = cleanPortalUrl(input.portalUrl.trim());
    if (!portalUrl) return { ok: false, message: 'The portal address must be a full https:// URL.' };
  }
  const tenants = await readUserTenants(local);
  const existing = tenants.find((t) => t.tenant.value === parsed.tenant.value);
  const entry: KnownTenant = {
    tenant: parsed.tenant,
    label: cleanLabel(input.label) ?? existing?.label,
    portalUrl: portalUrl ?? existing?.portalUrl,
    source: 'manual', // a learned tenant the person confirms becomes manual: never evicted
    addedAt: existing?.addedAt ?? now(),
  };
  await writeUserTenants(local, [...tenants.filter((t) => t !== existing), entry]);
  return { ok: true, tenant: entry };
}

export async function updateTenant(
  local: StorageArea,
  value: string,
  changes: { label?: string; portalUrl?: string },
): Promise<AddTenantResult> {
  const tenants = await readUserTenants(local);
  const existing = tenants.find((t) => t.tenant.value === value);
  if (!existing) return { ok: false, message: 'That organisation is not in your list any more.' };
  let portalUrl = existing.portalUrl;
  if (changes.portalUrl !== undefined) {
    portalUrl = changes.portalUrl.trim() ? cleanPortalUrl(changes.portalUrl.trim()) : undefined;
    if (changes.portalUrl.trim() && !portalUrl) return { ok: false, message: 'The portal address must be a full https:// URL.' };
  }
  const updated: KnownTenant = {
    ...existing,
    label: changes.label !== undefined ? cleanLabel(changes.label) : existing.label,
    portalUrl,
  };
  await writeUserTenants(local, tenants.map((t) => (t === existing ? updated : t)));
  return { ok: true, tenant: updated };
}

export async function removeTenant(local: StorageArea, value: string): Promise<void> {
  const tenants = await readUserTenants(local);
  await writeUserTenants(local, tenants.filter((t) => t.tenant.value !== value));
}

export async function setMode(local: StorageArea, mode: Mode): Promise<void> {
  if (!isMode(mode)) throw new Error(`unknown mode ${String(mode)}`);
  if (!local.set) throw new Error('storage area is read-only');
  await local.set({ mode });
}

export type LearnOutcome = { action: 'learned'; evicted?: string } | { action: 'none'; reason: 'already-known' | 'managed' };

/**
 * Remember a tenant seen in a tenant-specific sign-in URL or a redemption link. Bounded: when full, the oldest
 * *learned* entry goes; manual and managed entries are never evicted.
 */
export async function learnTenant(
  local: StorageArea,
  managed: StorageArea | undefined,
  tenant: Tenant,
  source: 'tenant-url' | 'redemption-link',
  now: () => number,
  max = MAX_LEARNED_TENANTS,
): Promise<LearnOutcome> {
  const parsed = parseTenant(tenant.value);
  if (!parsed.ok) return { action: 'none', reason: 'already-known' };
  const managedPolicy = (await safeGet(managed)) as ManagedPolicy;
  if (readManagedTenants(managedPolicy).some((t) => t.tenant.value === parsed.tenant.value)) return { action: 'none', reason: 'managed' };
  const tenants = await readUserTenants(local);
  if (tenants.some((t) => t.tenant.value === parsed.tenant.value)) return { action: 'none', reason: 'already-known' };
  let next = [...tenants, { tenant: parsed.tenant, source, addedAt: now() } satisfies KnownTenant];
  let evicted: string | undefined;
  const learned = next.filter((t) => t.source === 'tenant-url' || t.source === 'redemption-link');
  if (learned.length > max) {
    const oldest = learned.reduce((a, b) => (b.addedAt < a.addedAt ? b : a));
    evicted = oldest.tenant.value;
    next = next.filter((t) => t !== oldest);
  }
  await writeUserTenants(local, next);
  return evicted ? { action: 'learned', evicted } : { action: 'learned' };
}

/** A label for people: the label if set, else the tenant identifier. */
export function tenantLabel(t: KnownTenant): string {
  return t.label ?? t.tenant.value;
}
