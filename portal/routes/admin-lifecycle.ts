// The B2B health check and the guest lifecycle in the admin API (issue 12). Registered by routes/admin-api.ts behind
// its token guard (Guestpass.Admin; an Approver gets 403).
//
//   GET  …/t/:tenant/b2b-health[.json|.csv]          the health check, with the PORTAL's app-only credentials (the
//                                                     console and `npm run health` see the same thing); its Graph calls
//                                                     come out of the tenant's shared Graph budget, like the worker's
//   GET  …/t/:tenant/lifecycle/stale                  the quarterly review's stale list (and when it was made)
//   POST …/t/:tenant/lifecycle/remove                 {ids, listMadeAt, confirmCount, dryRun}: each re-read first
//   GET  …/t/:tenant/lifecycle/deleted                deleted users still restorable (30 days)
//   POST …/t/:tenant/lifecycle/deleted/:id/restore
//   GET  …/t/:tenant/lifecycle/domains                the tenant's verified domains (for a conversion's new UPN)
//   POST …/t/:tenant/lifecycle/convert                {userId, upnLocalPart, domain, password? | generatePassword,
//                                                     forceChangePasswordNextSignIn, mail?}
//   POST …/t/:tenant/lifecycle/reinvite               {userId, newAddress}
//
// Every lifecycle call runs ON BEHALF OF THE ADMIN (graph/on-behalf-of.ts), so Entra's own checks decide — the
// admin's directory role and the delegated permissions consented to the portal app. A Graph 403 is answered as a
// 403 problem naming the permission and role needed (lifecycle/graph-call.ts NEEDED), never a 500. Every action,
// refused or done, is written to the audit trail with the admin's object id and UPN.
import type { Express, RequestHandler, Response } from 'express';
import type { AdminPrincipal } from '../admin/access-token.ts';
import { problem, sendProblem } from '../admin/problem.ts';
import { configuredGraphBudget, type GraphBudget } from '../graph/budget.ts';
import { createOnBehalfOfGraph } from '../graph/on-behalf-of.ts';
import { checkTenantHealth, HealthCheckFailed, reportToCsv, reportToJson, type HealthReport } from '../health/index.ts';
import { convertGuestToMember, readVerifiedDomains, type ConversionResult } from '../lifecycle/convert.ts';
import type { LifecycleEvent, Refusal } from '../lifecycle/graph-call.ts';
import { reinviteToNewAddress } from '../lifecycle/reinvite.ts';
import { listDeletedUsers, readStaleList, removeStaleGuests, restoreDeletedUser } from '../lifecycle/review.ts';
import { buildLink } from '../../shared/links.ts';
import { linkTenant } from '../config/index.ts';
import { actorDetail } from '../resend/service.ts';
import type { RouteContext } from '../http/context.ts';

export interface LifecycleRouteOptions {
  base: string;
  adminOnly: RequestHandler;
  body: RequestHandler;
  now: () => Date;
}

/** A report is reused for this long, so the page and its exports show the same run (`?fresh=1` runs it again). */
const REPORT_REUSE_MS = 2 * 60_000;

export function registerAdminLifecycleRoutes(app: Express, ctx: RouteContext, { base, adminOnly, body, now }: LifecycleRouteOptions): void {
  const { config, logger } = ctx;
  const store = ctx.deps.store;
  const budget: GraphBudget | undefined = store ? configuredGraphBudget(store, config.graphCallsPerSecond, () => now().getTime()) : undefined;
  // Every lifecycle call (reads, removals, restores, conversions, re-invitations) takes from the tenant's budget.
  const onBehalfOf = createOnBehalfOfGraph(config.graph, { timeoutMs: 30_000, ...(budget ? { budget } : {}), now: () => now().getTime() });
  const t = (path: string) => `${base}/t/:tenant/${path}`;

  // ---- The health check (app-only) -------------------------------------------------------------------------
  const reports = new Map<string, { at: number; report: Promise<HealthReport> }>();
  function healthReport(admin: AdminPrincipal, fresh: boolean): Promise<HealthReport> {
    const key = admin.tenant.key;
    const kept = reports.get(key);
    if (kept && !fresh && now().getTime() - kept.at < REPORT_REUSE_MS) return kept.report;
    const report = checkTenantHealth(admin.tenant, config.graph, { now: () => now().getTime(), ...(budget ? { budget } : {}) });
    const entry = { at: now().getTime(), report };
    reports.set(key, entry);
    report.catch(() => reports.get(key) === entry && reports.delete(key));
    return report;
  }
  async function sendHealth(req: Parameters<RequestHandler>[0], res: Response, as: 'json' | 'download-json' | 'csv') {
    const admin = req.admin!;
    if (!admin.tenant.credentials) return sendProblem(res, problem(409, 'no-credentials', 'No Graph credentials for this tenant', 'The health check runs with the portal app\'s own credentials; configure them (portal/README.md).'));
    const paused = budget ? await budget.pausedUntil(admin.tenant.key) : 0;
    if (paused > now().getTime()) {
      res.set('Retry-After', String(Math.ceil((paused - now().getTime()) / 1000)));
      return sendProblem(res, problem(503, 'graph-paused', 'Microsoft Graph asked the portal to wait', `Graph throttled this tenant's calls until ${new Date(paused).toISOString()}; the health check runs after that.`));
    }
    let report: HealthReport;
    try {
      report = await healthReport(admin, req.query.fresh === '1');
    } catch (error) {
      if (!(error instanceof HealthCheckFailed)) throw error;
      logger.warn({ reqId: req.id, tenant: admin.tenant.key, err: error.message }, 'B2B health check could not run');
      res.set('Retry-After', '60');
      return sendProblem(res, problem(503, 'health-check-failed', 'The health check could not read the tenant', `${error.message}. The console's "Tenant health" page shows whether the portal's own credentials work.`));
    }
    const file = `guestpass-b2b-health-${admin.tenant.key}`;
    if (as === 'csv') {
      res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}.csv"` });
      return res.send(reportToCsv(report));
    }
    if (as === 'download-json') res.set('Content-Disposition', `attachment; filename="${file}.json"`);
    res.type('application/json').send(reportToJson(report));
  }
  app.get(t('b2b-health'), adminOnly, (req, res) => sendHealth(req, res, 'json'));
  app.get(t('b2b-health.json'), adminOnly, (req, res) => sendHealth(req, res, 'download-json'));
  app.get(t('b2b-health.csv'), adminOnly, (req, res) => sendHealth(req, res, 'csv'));

  // ---- Lifecycle actions (on behalf of the admin) ---------------------------------------------------------
  /** The admin's Graph client and an audit writer naming them; 409 when there is no store to audit in. */
  function actingAs(req: Parameters<RequestHandler>[0], res: Response) {
    const admin = req.admin!;
    if (!store) {
      sendProblem(res, problem(409, 'no-audit-store', 'Lifecycle actions are not set up on this portal', 'Every lifecycle action is audited, and this portal runs without a store (no tenant has Graph credentials).'));
      return undefined;
    }
    const client = onBehalfOf.client(admin.tenant, admin.token);
    const audit = async (event: LifecycleEvent) => {
      // Addresses go in as the store's keyed hashes (as resend's audit does), the first one as the record's address
      // hash; without the resend service's hasher they are left out rather than kept in clear.
      const hashes = Object.entries(event.addresses ?? {}).map(([k, v]) => [k, v === null ? null : (ctx.deps.resend?.addressHash?.(admin.tenant.key, v) ?? null)] as const);
      const detail = [
        actorDetail({ oid: admin.oid, upn: admin.upn }),
        `outcome: ${event.outcome}`,
        event.reason ? `reason: ${event.reason}` : '',
        ...Object.entries(event.detail ?? {}).map(([k, v]) => `${k}: ${v === null ? '—' : String(v)}`),
        ...hashes.map(([k, h]) => `${k} (keyed hash): ${h ?? '—'}`),
      ]
        .filter(Boolean)
        .join('; ');
      const addressHash = hashes.find(([, h]) => h !== null)?.[1] ?? '';
      await store.audit({ requestId: event.targetId, tenantKey: admin.tenant.key, addressHash, event: event.action, detail, at: now().getTime() });
    };
    return { admin, client, audit };
  }

  app.get(t('lifecycle/stale'), adminOnly, async (req, res) => {
    const acting = actingAs(req, res);
    if (!acting) return;
    // A bulk read (a page per 120 guests): its client takes each request from the tenant's Graph budget.
    const list = await readStaleList(acting.client, () => now().getTime());
    if (!list.ok) return sendProblem(res, problem(409, 'stale-list-unavailable', 'The stale list could not be read', `${list.reason}.`));
    res.json({ madeAt: list.list.madeAt, madeAtIso: new Date(list.list.madeAt).toISOString(), guests: list.list.guests.map((g) => ({ ...g, lastSignIn: g.lastSignIn === null ? null : new Date(g.lastSignIn).toISOString() })) });
  });

  app.post(t('lifecycle/remove'), adminOnly, body, async (req, res) => {
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const ids = Array.isArray(raw.ids) && raw.ids.every((id) => typeof id === 'string') ? (raw.ids as string[]) : undefined;
    const listMadeAt = typeof raw.listMadeAt === 'number' ? raw.listMadeAt : typeof raw.listMadeAt === 'string' ? Date.parse(raw.listMadeAt) : NaN;
    const confirmCount = raw.confirmCount;
    if (!ids || !Number.isFinite(listMadeAt) || typeof confirmCount !== 'number' || (raw.dryRun !== undefined && typeof raw.dryRun !== 'boolean')) {
      return sendProblem(res, problem(400, 'bad-removal', 'Say which guests to remove', 'Send {"ids": [user ids], "listMadeAt": <the stale list\'s madeAt>, "confirmCount": <how many you confirmed>, "dryRun": true|false}.'));
    }
    const acting = actingAs(req, res);
    if (!acting) return;
    const result = await removeStaleGuests(acting.client, { ids, listMadeAt, confirmedCount: confirmCount, dryRun: raw.dryRun === true, now: now().getTime() }, acting.audit);
    if (!result.ok) return sendProblem(res, problem(400, 'removal-refused', 'Nothing was removed', `${result.reason}.`));
    const count = (o: string) => result.results.filter((r) => r.outcome === o).length;
    res.json({ dryRun: raw.dryRun === true, removed: count('removed'), wouldRemove: count('would-remove'), refused: count('refused'), results: result.results });
  });

  app.get(t('lifecycle/deleted'), adminOnly, async (req, res) => {
    const acting = actingAs(req, res);
    if (!acting) return;
    const deleted = await listDeletedUsers(acting.client);
    if (!deleted.ok) return sendRefusal(res, deleted.refusal);
    const retentionMs = 30 * 24 * 3600_000;
    res.json({ deleted: deleted.value.map((d) => ({ ...d, restorableUntil: new Date(Date.parse(d.deletedDateTime) + retentionMs).toISOString() })) });
  });

  app.post(t('lifecycle/deleted/:id/restore'), adminOnly, body, async (req, res) => {
    const acting = actingAs(req, res);
    if (!acting) return;
    const restored = await restoreDeletedUser(acting.client, String(req.params.id), acting.audit);
    if (!restored.ok) return sendRefusal(res, restored.refusal);
    res.json({ restored: { id: restored.value.id, displayName: restored.value.displayName ?? null } });
  });

  app.get(t('lifecycle/domains'), adminOnly, async (req, res) => {
    const acting = actingAs(req, res);
    if (!acting) return;
    const domains = await readVerifiedDomains(acting.client);
    if (!domains.ok) return sendRefusal(res, domains.refusal);
    res.json({ domains: domains.value });
  });

  app.post(t('lifecycle/convert'), adminOnly, body, async (req, res) => {
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
    const userId = str('userId');
    const localPart = str('upnLocalPart');
    const domain = str('domain');
    const password = str('password');
    const mail = str('mail')?.trim() || undefined;
    const generate = raw.generatePassword === true;
    const force = raw.forceChangePasswordNextSignIn;
    if (!userId || !localPart || !domain || (force !== undefined && typeof force !== 'boolean') || generate === (password !== undefined)) {
      return sendProblem(res, problem(400, 'bad-conversion', 'Say how to convert the guest', 'Send {"userId", "upnLocalPart", "domain", and either "password" or "generatePassword": true, "forceChangePasswordNextSignIn": true|false, optional "mail"}.'));
    }
    const acting = actingAs(req, res);
    if (!acting) return;
    const result = await convertGuestToMember(acting.client, { userId, localPart: localPart.trim(), domain, ...(password !== undefined ? { password } : {}), forceChangePasswordNextSignIn: force ?? true, ...(mail ? { mail } : {}) }, acting.audit);
    if (!result.ok) return sendProblem(res, conversionProblem(result));
    // The generated password is in this answer only: never stored, never logged, never audited.
    res.set('Cache-Control', 'no-store').json(result);
  });

  app.post(t('lifecycle/reinvite'), adminOnly, body, async (req, res) => {
    const raw = (req.body ?? {}) as Record<string, unknown>;
    if (typeof raw.userId !== 'string' || typeof raw.newAddress !== 'string') {
      return sendProblem(res, problem(400, 'bad-reinvite', 'Say whom to re-invite where', 'Send {"userId": "<the guest\'s object id>", "newAddress": "<their new email address>"}.'));
    }
    const acting = actingAs(req, res);
    if (!acting) return;
    // The guest lands where every invitation of this portal sends them: the tenant's My Apps (resend/index.ts).
    const myApps = buildLink('myapps', linkTenant(acting.admin.tenant));
    if (!myApps.ok) return sendProblem(res, problem(409, 'no-redirect', 'No My Apps link for this tenant', myApps.message));
    const inviteRedirectUrl = myApps.url;
    const result = await reinviteToNewAddress(acting.client, { userId: raw.userId, newAddress: raw.newAddress, inviteRedirectUrl }, acting.audit);
    if (!result.ok) return sendProblem(res, refusalProblem(result.kind === 'invalid' ? 'rejected' : result.kind === 'not-a-guest' ? 'conflict' : result.kind, result.reason));
    res.json({ invited: true, newAddress: raw.newAddress.trim() });
  });
}

function sendRefusal(res: Response, refusal: Refusal): void {
  sendProblem(res, refusalProblem(refusal.kind, refusal.reason));
}

/** Graph's refusals as problems: 403 names the permission and role (never a 500); a Graph failure is a 502. */
function refusalProblem(kind: Refusal['kind'] | 'conflict', reason: string) {
  switch (kind) {
    case 'forbidden':
      return problem(403, 'graph-forbidden', 'Microsoft Entra refused this for your account', reason, { learnMore: 'https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference' });
    case 'not-found':
      return problem(404, 'user-not-found', 'No such user', reason);
    case 'rejected':
      return problem(400, 'graph-rejected', 'Microsoft Graph did not accept this', reason);
    case 'conflict':
      return problem(409, 'not-applicable', 'This action does not apply to this user', reason);
    case 'failed':
      return problem(502, 'graph-failed', 'Microsoft Graph did not complete the request', reason);
  }
}

function conversionProblem(result: Extract<ConversionResult, { ok: false }>) {
  switch (result.kind) {
    case 'pending-guest':
    case 'not-a-guest':
    case 'not-external':
      return problem(409, result.kind, 'This guest cannot be converted', result.reason);
    case 'invalid':
      return problem(400, 'bad-conversion', 'Check the conversion', result.reason);
    default:
      return refusalProblem(result.kind, result.reason);
  }
}
