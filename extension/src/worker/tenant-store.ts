// Every write to the person's tenant list and mode. Only the service worker calls these, one message at a time
// (createQueue), so an Options removal and a learning write racing it are applied in order, never interleaved.
// A tenant the person removed is remembered (`forgotten`) so that a URL alone cannot bring it back; trusting it
// again (Options, the chooser, a sign-in there) clears that.
import { parseTenant, type Tenant, type TenantProblem } from '../../../shared/tenant.ts';
import {
  cleanLabel,
  cleanPortalUrl,
  isCandidateSource,
  isMode,
  MAX_CANDIDATES,
  MAX_TRUSTED,
  readManagedTenants,
  readStoredTenants,
  safeGet,
  type CandidateSource,
  type KnownTenant,
  type ManagedPolicy,
  type Mode,
  type StorageArea,
} from '../common/settings.ts';

const MAX_FORGOTTEN = 50;

interface Stored {
  tenants: KnownTenant[];
  forgotten: string[];
}

async function read(local: StorageArea): Promise<Stored> {
  const got = await safeGet(local, ['tenants', 'forgotten']);
  const forgotten = Array.isArray(got.forgotten) ? got.forgotten.filter((v): v is string => typeof v === 'string') : [];
  return { tenants: readStoredTenants(got.tenants), forgotten };
}

async function write(local: StorageArea, next: Partial<Stored>): Promise<void> {
  if (!local.set) throw new Error('storage area is read-only');
  await local.set(next);
}

/**
 * Why the options page refused a change: one of shared's tenant problems, or the page's own. The page shows the
 * sentence `problem_<key>` (dashes as underscores) from _locales; `message` is the English one, for logs.
 */
export type OptionsProblem = TenantProblem | 'portal-url' | 'tenant-gone';

export type AddTenantResult = { ok: true; tenant: KnownTenant } | { ok: false; problem: OptionsProblem; value?: string; message: string };

function portalOf(input: string | undefined): { ok: true; url?: string } | { ok: false } {
  const raw = input?.trim();
  if (!raw) return { ok: true };
  const url = cleanPortalUrl(raw);
  return url ? { ok: true, url } : { ok: false };
}

const PORTAL_MESSAGE = 'The portal address must be a full https:// URL.';

/** Options page "Add": the shared parser validates; its message is what the person sees. Trusted from now on. */
export async function addManualTenant(
  local: StorageArea,
  input: { tenant: string; label?: string; portalUrl?: string },
  now: () => number,
): Promise<AddTenantResult> {
  const parsed = parseTenant(String(input.tenant ?? ''));
  if (!parsed.ok) {
    const { problem, value, message } = parsed;
    return { ok: false, problem, ...(value ? { value } : {}), message };
  }
  const portal = portalOf(input.portalUrl);
  if (!portal.ok) return { ok: false, problem: 'portal-url', message: PORTAL_MESSAGE };
  const { tenants, forgotten } = await read(local);
  const existing = tenants.find((t) => t.tenant.value === parsed.tenant.value);
  const entry: KnownTenant = { tenant: parsed.tenant, source: 'manual', addedAt: existing?.addedAt ?? now() };
  const label = cleanLabel(input.label) ?? existing?.label;
  const portalUrl = portal.url ?? existing?.portalUrl;
  if (label) entry.label = label;
  if (portalUrl) entry.portalUrl = portalUrl;
  await write(local, {
    tenants: [...tenants.filter((t) => t !== existing), entry],
    forgotten: forgotten.filter((v) => v !== entry.tenant.value),
  });
  return { ok: true, tenant: entry };
}

export async function updateTenant(
  local: StorageArea,
  value: string,
  changes: { label?: string; portalUrl?: string },
): Promise<AddTenantResult> {
  const { tenants } = await read(local);
  const existing = tenants.find((t) => t.tenant.value === value);
  if (!existing) return { ok: false, problem: 'tenant-gone', message: 'That organisation is not in your list any more.' };
  let portalUrl = existing.portalUrl;
  if (changes.portalUrl !== undefined) {
    const portal = portalOf(changes.portalUrl);
    if (!portal.ok) return { ok: false, problem: 'portal-url', message: PORTAL_MESSAGE };
    portalUrl = portal.url;
  }
  const updated: KnownTenant = { tenant: existing.tenant, source: existing.source, addedAt: existing.addedAt };
  const label = changes.label !== undefined ? cleanLabel(changes.label) : existing.label;
  if (label) updated.label = label;
  if (portalUrl) updated.portalUrl = portalUrl;
  await write(local, { tenants: tenants.map((t) => (t === existing ? updated : t)) });
  return { ok: true, tenant: updated };
}

/** The person removes a tenant: gone, and not learned again from a URL until they trust it again. */
export async function removeTenant(local: StorageArea, value: string): Promise<void> {
  const { tenants, forgotten } = await read(local);
  await write(local, {
    tenants: tenants.filter((t) => t.tenant.value !== value),
    forgotten: [value, ...forgotten.filter((v) => v !== value)].slice(0, MAX_FORGOTTEN),
  });
}

export async function setMode(local: StorageArea, mode: Mode): Promise<void> {
  if (!isMode(mode)) throw new Error(`unknown mode ${String(mode)}`);
  if (!local.set) throw new Error('storage area is read-only');
  await local.set({ mode });
}

export type LearnOutcome =
  | { action: 'learned'; evicted?: string }
  | { action: 'none'; reason: 'already-known' | 'managed' | 'forgotten' | 'full' | 'invalid-tenant' };

function validated(tenant: Tenant): Tenant | undefined {
  const parsed = parseTenant(String(tenant?.value ?? ''));
  return parsed.ok ? parsed.tenant : undefined;
}

/**
 * Remember a tenant seen in a tenant-specific sign-in URL or a redemption link — as a candidate, which is only
 * ever offered in the chooser. Bounded on its own: when full, the oldest *candidate* goes; trusted entries never.
 */
export async function learnCandidate(
  local: StorageArea,
  policy: ManagedPolicy,
  tenant: Tenant,
  source: CandidateSource,
  now: () => number,
  max = MAX_CANDIDATES,
): Promise<LearnOutcome> {
  const t = validated(tenant);
  if (!t) return { action: 'none', reason: 'invalid-tenant' };
  if (readManagedTenants(policy).some((m) => m.tenant.value === t.value)) return { action: 'none', reason: 'managed' };
  const { tenants, forgotten } = await read(local);
  if (tenants.some((k) => k.tenant.value === t.value)) return { action: 'none', reason: 'already-known' };
  if (forgotten.includes(t.value)) return { action: 'none', reason: 'forgotten' };
  let next = [...tenants, { tenant: t, source, addedAt: now() } satisfies KnownTenant];
  let evicted: string | undefined;
  const candidates = next.filter((k) => isCandidateSource(k.source));
  if (candidates.length > max) {
    const oldest = candidates.reduce((a, b) => (b.addedAt < a.addedAt ? b : a));
    evicted = oldest.tenant.value;
    next = next.filter((k) => k !== oldest);
  }
  await write(local, { tenants: next });
  return evicted ? { action: 'learned', evicted } : { action: 'learned' };
}

export type TrustOutcome = { action: 'trusted'; was?: KnownTenant['source'] } | { action: 'none'; reason: 'already-trusted' | 'managed' | 'full' | 'invalid-tenant' };

/**
 * The guest confirmed a tenant (a pick in the chooser) or signed in there: it becomes trusted. A trusted entry
 * keeps its source (a manual entry is not turned into a learned one).
 */
export async function trustTenant(
  local: StorageArea,
  policy: ManagedPolicy,
  tenant: Tenant,
  source: 'confirmed' | 'signed-in',
  now: () => number,
): Promise<TrustOutcome> {
  const t = validated(tenant);
  if (!t) return { action: 'none', reason: 'invalid-tenant' };
  if (readManagedTenants(policy).some((m) => m.tenant.value === t.value)) return { action: 'none', reason: 'managed' };
  const { tenants, forgotten } = await read(local);
  const existing = tenants.find((k) => k.tenant.value === t.value);
  if (existing && !isCandidateSource(existing.source)) return { action: 'none', reason: 'already-trusted' };
  if (!existing && tenants.filter((k) => !isCandidateSource(k.source)).length >= MAX_TRUSTED) return { action: 'none', reason: 'full' };
  const entry: KnownTenant = { ...(existing ?? { tenant: t }), source, addedAt: now() };
  await write(local, {
    tenants: existing ? tenants.map((k) => (k === existing ? entry : k)) : [...tenants, entry],
    forgotten: forgotten.filter((v) => v !== t.value),
  });
  return existing ? { action: 'trusted', was: existing.source } : { action: 'trusted' };
}

/** The sign-in service said the tenant does not exist (AADSTS90002): a candidate of that name is dropped. */
export async function forgetCandidate(local: StorageArea, value: string): Promise<boolean> {
  const { tenants } = await read(local);
  const next = tenants.filter((k) => !(k.tenant.value === value && isCandidateSource(k.source)));
  if (next.length === tenants.length) return false;
  await write(local, { tenants: next });
  return true;
}
