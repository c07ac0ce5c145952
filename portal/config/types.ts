// The portal's validated configuration, as the rest of the portal sees it.
import type { LinkKind } from '../../shared/links.ts';
import type { TrustProxy } from './trust-proxy.ts';

export interface TenantCredentials {
  clientId: string;
  clientSecret?: string;
  certificatePath?: string;
  privateKeyPath?: string;
}

export interface TenantConfig {
  /** URL segment and identity of the tenant in the portal: normalised domain, or the GUID when no domain is given. */
  key: string;
  tenantId?: string;
  domain?: string;
  displayName: string;
  links: LinkKind[];
  invitationMessage?: string;
  appId?: string;
  sharepointUrl?: string;
  /** Whom guests should contact when self-service can't help (an address or URL, shown as text). */
  contact?: string;
  credentials?: TenantCredentials;
  /** Access requests (issue 13): the default policy, lock, time limits, webhook. Absent: requests off, unlocked. */
  accessRequests?: import('../access-requests/types.ts').AccessRequestSettings;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface PortalConfig {
  mode: 'demo' | 'live';
  port: number;
  host: string;
  /** Origin (and optional path prefix) guests use to reach the portal, without a trailing slash. */
  publicBaseUrl: string;
  /** False when publicBaseUrl was derived from HOST/PORT: the server then rewrites it to the port it really got. */
  publicBaseUrlExplicit: boolean;
  logLevel: LogLevel;
  /** SQLite file of the store, used when `databaseUrl` is not set. */
  databasePath: string;
  /** DATABASE_URL: a postgres:// URL selects the PostgreSQL store (several instances). May carry a password: never log it. */
  databaseUrl?: string;
  /** Finished resend jobs and audit records older than this are deleted. */
  retentionDays: number;
  /** Graph calls per tenant per second, shared by every instance and feature. */
  graphCallsPerSecond: number;
  resendWindowMinutes: number;
  rateLimits: { perIpPerHour: number; perAddressPerHour: number; perTenantPerHour: number };
  graph: { loginBaseUrl: string; graphBaseUrl: string };
  /**
   * Where browsers reach Microsoft (the admin console's authority and Graph). Default: `graph`. Differs only when the
   * portal reaches a local stand-in by another address than browsers do (demo mode, tests: the emulator is
   * `https://127.0.0.1:<port>` for Node but `https://login.microsoftonline.com` for a browser whose host names map to it).
   */
  browser?: { loginBaseUrl: string; graphBaseUrl: string };
  tenants: TenantConfig[];
  /** HMAC key for the stateless CSRF tokens. From GUESTPASS_SECRET; random per process in demo mode. Never log it. */
  secret: string;
  /** Express `trust proxy`: false, the number of proxy hops in front of the portal, or their addresses/CIDRs (never true). */
  trustProxy: TrustProxy;
  /**
   * Where /metrics (and health with reasons) is served: never on the guest listener by default. `port`: a separate
   * listener on HOST (GUESTPASS_METRICS_PORT); `token`: also on the guest listener, for `Authorization: Bearer <token>`
   * only (GUESTPASS_METRICS_TOKEN). Never log the token.
   */
  metrics?: { port?: number; token?: string };
}

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    /** The message without the key (what is wrong with it). */
    readonly detail: string,
  ) {
    super(`Configuration error in ${key}: ${detail}`);
    this.name = 'ConfigError';
  }
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
