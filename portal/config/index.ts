// The portal's configuration: environment (plus an optional .env file) → one validated, typed object.
// Fails fast with a message that names the offending key; never echoes a secret's value.
//   env-schema.ts   plain variables (port, limits, URLs…)      tenants-file.ts  GUESTPASS_TENANTS
//   credentials.ts  per-tenant Graph credentials               urls.ts          the public URL
//   env-file.ts     .env merging                               lookup.ts        finding tenants at run time
import { resolve } from 'node:path';
import { definedOnly, readEnvFile } from './env-file.ts';
import { envSchema } from './env-schema.ts';
import { decideMode, requireTenants } from './mode.ts';
import { readTenants } from './tenants-file.ts';
import { ConfigError, type PortalConfig } from './types.ts';
import { derivedPublicUrl, validatePublicUrl } from './urls.ts';

export { envSuffix } from './credentials.ts';
export { findTenant, linkTenant } from './lookup.ts';
export { DEFAULT_LINKS } from './tenants-file.ts';
export { basePathOf } from './urls.ts';
export { ConfigError, type LogLevel, type PortalConfig, type TenantConfig, type TenantCredentials } from './types.ts';

export interface LoadConfigOptions {
  /** Where relative paths (tenants file, .env) are resolved. Default: process.cwd(). */
  cwd?: string;
  /** Read `.env` (or GUESTPASS_ENV_FILE) from cwd. Default true. Real environment variables win over the file. */
  envFile?: boolean;
  /** Source of randomness for the demo-mode secret (tests). */
  randomSecret?: () => string;
}

/** Reads and validates the configuration. Throws ConfigError naming the key at the first problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): PortalConfig {
  const cwd = options.cwd ?? process.cwd();
  const merged = { ...readEnvFile(env, cwd, options.envFile ?? true), ...definedOnly(env) };

  const parsed = envSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const e = parsed.data;

  const mode = decideMode(merged);
  const tenants = mode === 'live' ? readTenants(merged, cwd) : [];
  if (mode === 'live') requireTenants(merged, tenants.length);

  const publicBaseUrlRaw = merged.GUESTPASS_PUBLIC_URL?.trim();
  if (mode === 'live' && !publicBaseUrlRaw) {
    throw new ConfigError(
      'GUESTPASS_PUBLIC_URL',
      'is required in live mode: the https address guests use to reach the portal (it goes into QR codes, the printable card and bookmark links), e.g. https://guests.example.com',
    );
  }
  const publicBaseUrl = publicBaseUrlRaw ? validatePublicUrl(publicBaseUrlRaw) : derivedPublicUrl(e.HOST, e.PORT);

  const secret = merged.GUESTPASS_SECRET;
  let effectiveSecret: string;
  if (secret !== undefined && secret !== '') {
    // Length is checked, the value is never echoed.
    if (secret.length < 32) throw new ConfigError('GUESTPASS_SECRET', 'must be at least 32 characters long');
    effectiveSecret = secret;
  } else if (mode === 'demo') {
    effectiveSecret = (options.randomSecret ?? randomHex)();
  } else {
    throw new ConfigError(
      'GUESTPASS_SECRET',
      'is required in live mode (32+ random characters, e.g. `openssl rand -hex 32`); it signs the form tokens',
    );
  }

  return {
    mode,
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl,
    publicBaseUrlExplicit: Boolean(publicBaseUrlRaw),
    logLevel: e.LOG_LEVEL,
    databasePath: resolve(cwd, e.GUESTPASS_DATABASE),
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    retentionDays: e.GUESTPASS_RETENTION_DAYS,
    graphCallsPerSecond: e.GUESTPASS_GRAPH_CALLS_PER_SECOND,
    resendWindowMinutes: e.GUESTPASS_RESEND_WINDOW_MINUTES,
    rateLimits: {
      perIpPerHour: e.GUESTPASS_RATE_PER_IP_PER_HOUR,
      perAddressPerHour: e.GUESTPASS_RATE_PER_ADDRESS_PER_HOUR,
      perTenantPerHour: e.GUESTPASS_RATE_PER_TENANT_PER_HOUR,
    },
    graph: { loginBaseUrl: e.GUESTPASS_LOGIN_BASE_URL, graphBaseUrl: e.GUESTPASS_GRAPH_BASE_URL },
    tenants,
    secret: effectiveSecret,
    trustProxy: e.GUESTPASS_TRUST_PROXY,
    ...(e.GUESTPASS_METRICS_PORT !== undefined || e.GUESTPASS_METRICS_TOKEN
      ? { metrics: { ...(e.GUESTPASS_METRICS_PORT !== undefined ? { port: e.GUESTPASS_METRICS_PORT } : {}), ...(e.GUESTPASS_METRICS_TOKEN ? { token: e.GUESTPASS_METRICS_TOKEN } : {}) } }
      : {}),
  };
}

function randomHex(): string {
  return crypto.getRandomValues(new Uint8Array(32)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');
}
