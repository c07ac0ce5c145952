// Tenant health for the console (issue 9 "What the admin sees" 6): whether the portal's Graph credentials work right
// now (a fresh app token and one minimal Graph read, no cache), the application permissions granted (the app token's
// `roles`) against the ones resend needs, when the portal app's secrets and certificates expire (Graph
// `GET /applications(appId='…')`, read On-Behalf-Of the admin: delegated Application.Read.All), and the last send.
import { decodeJwt } from 'jose';
import type { TenantConfig } from '../config/index.ts';
import type { GraphBudget } from '../graph/budget.ts';
import { budgetedFetch } from '../graph/budgeted.ts';
import type { GraphEndpoints } from '../graph/client.ts';

const GRAPH_DEFAULT = 'https://graph.microsoft.com/.default';
/** What resend needs, and what else also grants it (a broader permission covers a narrower one). */
const NEEDED: Record<string, string[]> = {
  'User.Read.All': ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  'User.Invite.All': ['User.Invite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
};

export interface TenantHealth {
  credentials: { ok: boolean; error?: string; code?: string; checkedAt: string };
  permissions?: { granted: string[]; needed: string[]; missing: string[] };
  /** The soonest end date of the portal app's secrets/certificates; null when none could be read. */
  credentialExpiresAt: string | null;
  credentialExpiry?: { ok: boolean; error?: string };
  /** Each secret/certificate with its end date (never a value). */
  credentialList?: { kind: 'secret' | 'certificate'; name: string | null; hint: string | null; endDateTime: string }[];
}

/** `budget`: the tenant's shared Graph budget — both Graph reads take from it, and a Retry-After pauses the tenant. */
export async function checkTenantHealth(tenant: TenantConfig, graph: GraphEndpoints, adminToken: string, now: Date, budget?: GraphBudget): Promise<TenantHealth> {
  const { createAppTokenClient } = await import('../graph/client.ts');
  const budgeted = budget && { budget, tenantKey: tenant.key, now: () => now.getTime() };
  const checkedAt = now.toISOString();
  const health: TenantHealth = { credentials: { ok: false, checkedAt }, credentialExpiresAt: null };
  let client: ReturnType<typeof createAppTokenClient>;
  try {
    client = createAppTokenClient(tenant, graph);
  } catch (error) {
    health.credentials = { ok: false, error: (error as Error).message, code: 'missing-credentials', checkedAt };
    return health;
  }

  // 1. A live app token (skipCache: this is a check, not a cached answer) and one minimal Graph read.
  try {
    const result = await client.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT], skipCache: true });
    const token = result?.accessToken ?? '';
    const roles = (decodeJwt(token).roles as string[] | undefined) ?? [];
    const missing = Object.entries(NEEDED).filter(([, covers]) => !covers.some((r) => roles.includes(r))).map(([name]) => name);
    health.permissions = { granted: roles, needed: Object.keys(NEEDED), missing };
    const read = await budgetedFetch(budgeted, `${graph.graphBaseUrl}/v1.0/users?$top=1&$select=id`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
    if (read.ok) health.credentials = { ok: true, checkedAt };
    else health.credentials = { ok: false, code: `HTTP ${read.status}`, error: await graphMessage(read), checkedAt };
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    health.credentials = { ok: false, code: /AADSTS\d+/.exec(message)?.[0] ?? 'token-refused', error: message.split('\n')[0]!.slice(0, 300), checkedAt };
  }

  // 2. Secret/certificate expiry, read On-Behalf-Of the admin. OBO needs the app's own credential too: while that is
  //    the problem, this part fails with its reason (the credentials check above already says what is wrong).
  try {
    const obo = await client.acquireTokenOnBehalfOf({ oboAssertion: adminToken, scopes: [GRAPH_DEFAULT], skipCache: true });
    const appId = tenant.credentials!.clientId;
    const res = await budgetedFetch(budgeted, `${graph.graphBaseUrl}/v1.0/applications(appId='${appId}')?$select=passwordCredentials,keyCredentials`, {
      headers: { authorization: `Bearer ${obo?.accessToken ?? ''}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`Graph answered ${res.status}: ${await graphMessage(res)} (the admin needs to be able to read the app registration: delegated Application.Read.All)`);
    const app = (await res.json()) as { passwordCredentials?: { displayName?: string | null; hint?: string | null; endDateTime?: string }[]; keyCredentials?: { displayName?: string | null; endDateTime?: string }[] };
    const list = [
      ...(app.passwordCredentials ?? []).map((c) => ({ kind: 'secret' as const, name: c.displayName ?? null, hint: c.hint ?? null, endDateTime: c.endDateTime ?? '' })),
      ...(app.keyCredentials ?? []).map((c) => ({ kind: 'certificate' as const, name: c.displayName ?? null, hint: null, endDateTime: c.endDateTime ?? '' })),
    ].filter((c) => c.endDateTime);
    health.credentialList = list;
    // The soonest expiry among credentials still valid (an expired spare does not matter if another works).
    const future = list.map((c) => c.endDateTime).filter((d) => Date.parse(d) > now.getTime()).sort();
    health.credentialExpiresAt = future[0] ?? list.map((c) => c.endDateTime).sort().at(-1) ?? null;
    health.credentialExpiry = { ok: true };
  } catch (error) {
    health.credentialExpiry = { ok: false, error: ((error as Error).message ?? String(error)).split('\n')[0]!.slice(0, 300) };
  }
  return health;
}

async function graphMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    return [body.error?.code, body.error?.message].filter(Boolean).join(': ').slice(0, 300);
  } catch {
    return res.statusText;
  }
}
