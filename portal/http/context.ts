// What every route module is given: the configuration, the app's collaborators, and the request helpers that close
// over them (built once per app in app.ts). Route modules read from this; none builds its own copy.
import type { Logger } from 'pino';
import type { PortalConfig, TenantConfig } from '../config/index.ts';
import type { Csrf } from '../csrf.ts';
import type { PortalMetrics } from '../metrics.ts';
import type { View } from '../pages/layout.tsx';
import type { OutboxEmailView } from '../pages/simple.tsx';
import type { ResendService } from '../resend/index.ts';
import type { StoreStatus } from '../store/store.ts';
import type { Responder } from './send.ts';

/** An email the demo's emulated Microsoft sent; only these fields are shown. */
export type OutboxEmail = OutboxEmailView;

export interface AppDeps {
  config: PortalConfig;
  logger: Logger;
  now?: () => Date;
  resend?: ResendService;
  /** The store's status, for readiness (absent when the portal runs without one: links only). */
  storeStatus?: () => Promise<StoreStatus>;
  demo?: { outbox(): readonly OutboxEmail[] };
  /** The resend worker's per-tenant credential state and outcome counts (health, metrics, console). */
  resendStatus?: () => import('../resend/worker.ts').TenantResendStatus[];
  /**
   * Graph On-Behalf-Of the signed-in admin (their API token is the assertion), within the tenant's shared Graph budget:
   * what every admin API write uses. Absent when no tenant has Graph credentials.
   */
  adminGraph?: (tenant: TenantConfig, assertion: string) => Promise<import('@microsoft/microsoft-graph-client').Client>;
  /** The durable invitation queue (portal/invitations/): absent when no tenant has Graph credentials. */
  invitations?: import('../invitations/types.ts').InvitationQueue;
  /** The resend store, for the admin API's views (dead letters, jobs, audit). */
  store?: import('../store/store.ts').ResendStore;
  /** Access requests (issue 13): the requester's form, the approvers' queue, the policy. */
  accessRequests?: import('../access-requests/index.ts').AccessRequestFeature;
  /** The admin console's built files (default: dist/portal/console, written by `npm run build:console`). */
  consoleDir?: string;
}

export interface RouteContext extends Responder {
  config: PortalConfig;
  logger: Logger;
  deps: AppDeps;
  metrics: PortalMetrics;
  csrf: Csrf;
  /** Origin of config.publicBaseUrl: the only origin allowed to post JSON to the portal. */
  publicOrigin: string;
  /** The tenant named by `req.params.tenant`, or undefined after answering 404 with the tenant list. */
  tenantOr404(req: import('express').Request, res: import('express').Response): TenantConfig | undefined;
  /** Whether self-service resend works for this tenant (a resend service and Graph credentials). */
  resendAvailable(tenant: TenantConfig): boolean;
  view(req: import('express').Request): View;
}
