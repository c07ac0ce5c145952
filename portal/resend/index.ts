// Self-service invitation resend (issue 6) and the invitation queue (portal/invitations/): wires the store, the
// services the routes call, and the one Graph worker that carries out both kinds of job.
import type { Client } from '@microsoft/microsoft-graph-client';
import type pino from 'pino';
import { linkTenant, type PortalConfig, type TenantConfig } from '../config/index.ts';
import { buildLink } from '../../shared/links.ts';
import type { InvitationContent } from '../graph/guests.ts';
import { createGraphBudget, DEFAULT_BUDGET, type GraphBudget } from '../graph/budget.ts';
import { openStore } from '../store/open-store.ts';
import { startRetention } from '../store/retention.ts';
import type { ResendStore } from '../store/store.ts';
import { createAddressHasher } from './address-key.ts';
import { createResendService, type ResendService } from './service.ts';
import { createResendWorker, realSleep, type ResendWorker, type ResendWorkerOptions } from './worker.ts';
import { createAccessRequestFeature, type AccessRequestFeature, type AccessRequestFeatureDeps } from '../access-requests/index.ts';
import { createDelegationRegistry, type DelegationRegistry } from '../invitations/delegation.ts';
import { createInvitationQueue } from '../invitations/queue.ts';
import type { InvitationQueue } from '../invitations/types.ts';
import type { OnBehalfOfGraph } from '../graph/on-behalf-of.ts';
import type { AppDeps } from '../http/context.ts';

export type { ResendAcceptResult, ResendService } from './service.ts';

export interface ResendFeature {
  service: ResendService;
  worker: { start(): void; stop(): Promise<void>; status: ResendWorker['status'] };
  /** Admin views and tests: dead letters, audit trail, job states. */
  store: ResendStore;
  /** The tenants' Graph budget (shared with every instance): every other feature that calls Graph takes from it too. */
  graphBudget: GraphBudget;
  /** Access requests (issue 13) on the same store, hasher, Graph clients and budget; its worker is started separately. */
  accessRequests: AccessRequestFeature;
  /** The durable invitation queue (same job table and worker). */
  invitations: InvitationQueue;
  /** Which admins this instance can act for (in memory): the admin API feeds it through invitations.adminSeen. */
  delegation: DelegationRegistry;
  /** Graph On-Behalf-Of an admin (msal-node OBO; tokens cached in memory per assertion), loaded on first use. */
  onBehalfOf(): Promise<OnBehalfOfGraph>;
  /** Stops the worker (finishing or releasing its job) and closes the store. */
  close(): Promise<void>;
}

export interface ResendFeatureDeps {
  config: PortalConfig;
  logger: pino.Logger;
  now?: () => Date;
  /** Optional knobs (tests, benchmarks, the child-process fixture); production uses the defaults. */
  tuning?: Partial<Pick<ResendWorkerOptions, WorkerKnob>> & {
    store?: ResendStore;
    graphTimeoutMs?: number;
    accessRequests?: Partial<Pick<AccessRequestFeatureDeps, 'pollMs' | 'leaseMs' | 'webhookDebounceMs' | 'inviteSettingTtlMs' | 'fetch' | 'invitations'>>;
  };
}

/** The worker options a caller may tune; everything else comes from the config. */
type WorkerKnob = 'sleep' | 'random' | 'retry' | 'budget' | 'concurrency' | 'leaseMs' | 'pollMs' | 'graphClientFor' | 'holdRetryMs' | 'adminHoldRetryMs';

/** The app dependencies a running feature provides to the routes (server.ts / run.ts / tests wire them alike). */
export function featureDeps(feature: ResendFeature): Pick<AppDeps, 'resend' | 'store' | 'storeStatus' | 'resendStatus' | 'invitations' | 'adminGraph' | 'accessRequests'> {
  return {
    accessRequests: feature.accessRequests,
    adminGraph: async (tenant, assertion) => (await feature.onBehalfOf()).client(tenant, assertion, { budget: feature.graphBudget }),
    resend: feature.service,
    store: feature.store,
    storeStatus: () => feature.store.status(),
    resendStatus: () => feature.worker.status(),
    invitations: feature.invitations,
  };
}

/** Where the guest lands after redeeming: the tenant's My Apps link (facts §2). */
export function invitationContentFor(tenant: TenantConfig): InvitationContent {
  const link = buildLink('myapps', linkTenant(tenant));
  if (!link.ok) throw new Error(`no My Apps link for tenant ${tenant.key}: ${link.message}`);
  return {
    inviteRedirectUrl: link.url,
    ...(tenant.invitationMessage ? { customizedMessageBody: tenant.invitationMessage } : {}),
  };
}

/**
 * One msal app (token cache) and one Graph client per tenant, built on first use. msal-node and graph-client are
 * loaded then too (about 10 MB of RSS that an idle portal, or one that never gets a request, doesn't need).
 */
/**
 * `budget`: every feature using these clients takes its own calls from the tenant's Graph budget (the worker ties its
 * take to its lease), so the clients only spread a Retry-After to the whole tenant (graph/budgeted.ts, takes: false).
 */
export function graphClientsFor(
  config: PortalConfig,
  timeoutMs?: number,
  budget?: { budget: GraphBudget; now: () => number },
): ((tenant: TenantConfig) => Promise<Client>) & { forget(tenant: TenantConfig): void } {
  const clients = new Map<string, Client>();
  let factories: Promise<typeof import('../graph/client.ts')> | undefined;
  const clientFor = async (tenant: TenantConfig) => {
    let client = clients.get(tenant.key);
    if (!client) {
      const { createAppTokenClient, createGraphClient, msalAuthProvider } = await (factories ??= import('../graph/client.ts'));
      const pauses = budget && { ...budget, tenantKey: tenant.key, takes: false };
      client = clients.get(tenant.key) ?? createGraphClient(msalAuthProvider(createAppTokenClient(tenant, config.graph)), config.graph, timeoutMs, pauses);
      clients.set(tenant.key, client);
    }
    return client;
  };
  // A new msal app has an empty token cache: the next token is fresh (with the roles consented now).
  return Object.assign(clientFor, { forget: (tenant: TenantConfig) => void clients.delete(tenant.key) });
}

export async function createResendFeature(deps: ResendFeatureDeps): Promise<ResendFeature> {
  const { config, logger } = deps;
  const { store: tunedStore, graphTimeoutMs, graphClientFor, accessRequests: accessKnobs, ...workerKnobs } = deps.tuning ?? {};
  const now = deps.now ? () => deps.now!().getTime() : Date.now;
  const store = tunedStore ?? (await openStore(config));
  const hasher = createAddressHasher(await store.hashKey());
  const sleep = workerKnobs.sleep ?? realSleep;
  const graphBudget = createGraphBudget(store, workerKnobs.budget ?? { ...DEFAULT_BUDGET, calls: config.graphCallsPerSecond }, now, sleep);
  const retention = startRetention({ store, retentionDays: config.retentionDays, now, logger: logger.child({ component: 'retention' }) });

  const clients = graphClientFor ? undefined : graphClientsFor(config, graphTimeoutMs, { budget: graphBudget, now });
  const delegation = createDelegationRegistry(now);
  // msal-node is loaded with the first admin-ordered job, as with the app-only clients above.
  let obo: Promise<OnBehalfOfGraph> | undefined;
  const onBehalfOf = () =>
    (obo ??= import('../graph/on-behalf-of.ts').then((m) => m.createOnBehalfOfGraph(config.graph, graphTimeoutMs === undefined ? {} : { timeoutMs: graphTimeoutMs })));
  const worker: ResendWorker = createResendWorker({
    store,
    tenants: config.tenants,
    graphClientFor: graphClientFor ?? clients!,
    ...(clients ? { forgetCredentials: clients.forget } : {}),
    invitationFor: invitationContentFor,
    inviteRedirectFor: (tenant) => `${config.publicBaseUrl}/t/${tenant.key}`,
    delegatedClientFor: async (tenant, actor) => {
      const assertion = delegation.assertionFor(tenant.key, actor.oid);
      return assertion ? (await onBehalfOf()).client(tenant, assertion) : undefined;
    },
    forgetDelegation: (tenantKey, actor) => delegation.forget(tenantKey, actor.oid),
    logger: logger.child({ component: 'resend-worker' }),
    windowMs: config.resendWindowMinutes * 60_000,
    now,
    ...workerKnobs,
    graphBudget,
  });

  const service = createResendService({
    store,
    hasher,
    rateLimits: config.rateLimits,
    now,
    onAccepted: () => worker.notify(),
  });

  const invitations = createInvitationQueue({ store, hasher, tenants: config.tenants, delegation, now, onQueued: () => worker.notify() });
  const accessRequests = createAccessRequestFeature({
    config,
    logger,
    store,
    hasher,
    graphClientFor: graphClientFor ?? clients!,
    graphBudget,
    invitations: () => invitations,
    onResendQueued: () => worker.notify(),
    now,
    sleep,
    ...accessKnobs,
  });

  return {
    service,
    worker: { start: () => worker.start(), stop: () => worker.stop(), status: () => worker.status() },
    store,
    graphBudget,
    accessRequests,
    invitations,
    delegation,
    onBehalfOf,
    async close() {
      retention.stop();
      await accessRequests.worker.stop();
      await worker.stop();
      await store.close();
    },
  };
}
