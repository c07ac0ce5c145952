// The portal's configuration: environment (plus an optional .env file) → one validated, typed object.
// Fails fast with a message that names the offending key; never echoes a secret's value.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { parseTenant, type Tenant } from '../shared/tenant.ts';
import { findLink, type LinkKind } from '../shared/links.ts';

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
  databasePath: string;
  resendWindowMinutes: number;
  rateLimits: { perIpPerHour: number; perAddressPerHour: number; perTenantPerHour: number };
  graph: { loginBaseUrl: string; graphBaseUrl: string };
  tenants: TenantConfig[];
  /** HMAC key for the stateless CSRF tokens. From GUESTPASS_SECRET; random per process in demo mode. Never log it. */
  secret: string;
  /** Express `trust proxy`: false, true, or the number of proxy hops in front of the portal. */
  trustProxy: boolean | number;
}

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`Configuration error in ${key}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** The link kinds a tenant offers when its entry names none (app/sharepoint are added when their option is set). */
export const DEFAULT_LINKS: readonly LinkKind[] = ['myapps', 'myaccount', 'teams', 'azure-portal', 'entra'];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Env var suffix for a tenant key: `ezaz2281.onmicrosoft.com` → `EZAZ2281_ONMICROSOFT_COM`. */
export function envSuffix(key: string): string {
  return key.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

const positiveInt = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) {
        ctx.addIssue({ code: 'custom', message: `must be a positive whole number, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const httpsUrl = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const raw = v === undefined || v.trim() === '' ? fallback : v.trim();
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be an absolute https URL, got "${raw}"` });
        return z.NEVER;
      }
      // Graph and the token endpoint are only ever reached over TLS (certificate checking stays on).
      if (url.protocol !== 'https:') {
        ctx.addIssue({ code: 'custom', message: `must use https, got "${raw}"` });
        return z.NEVER;
      }
      return url.origin + url.pathname.replace(/\/+$/, '');
    });

const envSchema = z.object({
  PORT: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return 3000;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: `must be a port number 0–65535, got "${v}"` });
        return z.NEVER;
      }
      return n;
    }),
  HOST: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : '127.0.0.1')),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const level = (v && v.trim() ? v.trim().toLowerCase() : 'info') as LogLevel;
      if (!(LOG_LEVELS as readonly string[]).includes(level)) {
        ctx.addIssue({ code: 'custom', message: `must be one of ${LOG_LEVELS.join(', ')}, got "${v}"` });
        return z.NEVER;
      }
      return level;
    }),
  GUESTPASS_DATABASE: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : './data/guestpass.sqlite')),
  GUESTPASS_RESEND_WINDOW_MINUTES: positiveInt(60),
  GUESTPASS_RATE_PER_IP_PER_HOUR: positiveInt(20),
  GUESTPASS_RATE_PER_ADDRESS_PER_HOUR: positiveInt(3),
  GUESTPASS_RATE_PER_TENANT_PER_HOUR: positiveInt(500),
  GUESTPASS_LOGIN_BASE_URL: httpsUrl('https://login.microsoftonline.com'),
  GUESTPASS_GRAPH_BASE_URL: httpsUrl('https://graph.microsoft.com'),
  GUESTPASS_TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '' || v === 'false') return false as boolean | number;
      if (v === 'true') return true;
      const n = Number(v);
      if (Number.isInteger(n) && n >= 0) return n;
      ctx.addIssue({ code: 'custom', message: `must be true, false or a number of proxy hops, got "${v}"` });
      return z.NEVER;
    }),
});

const tenantEntrySchema = z.strictObject({
  tenantId: z.string().optional(),
  domain: z.string().optional(),
  displayName: z.string().trim().min(1, 'is required').max(120, 'is longer than 120 characters'),
  links: z.array(z.string()).optional(),
  invitationMessage: z.string().max(1000, 'is longer than 1000 characters').optional(),
  appId: z.string().optional(),
  sharepointUrl: z.string().optional(),
  contact: z.string().max(200, 'is longer than 200 characters').optional(),
  clientId: z.string().optional(),
  certificatePath: z.string().optional(),
  privateKeyPath: z.string().optional(),
});

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

  const tenants = readTenants(merged, cwd);
  const mode = tenants.length === 0 ? 'demo' : 'live';

  const publicBaseUrlRaw = merged.GUESTPASS_PUBLIC_URL?.trim();
  const publicBaseUrl = publicBaseUrlRaw
    ? validatePublicUrl(publicBaseUrlRaw)
    : `http://${e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : hostForUrl(e.HOST)}:${e.PORT}`;

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
      'is required when tenants are configured (32+ random characters, e.g. `openssl rand -hex 32`); it signs the form tokens',
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
  };
}

/** A tenant for building catalogue links: the GUID when known (some clients need it), else the domain. */
export function linkTenant(tenant: TenantConfig): Tenant {
  const parsed = parseTenant(tenant.tenantId ?? tenant.domain ?? tenant.key);
  if (!parsed.ok) throw new Error(`tenant ${tenant.key} was validated at start-up but no longer parses`);
  return parsed.tenant;
}

/** The configured tenant a URL segment names (its key, GUID or domain, in any case), if any. */
export function findTenant(tenants: readonly TenantConfig[], segment: string): TenantConfig | undefined {
  const parsed = parseTenant(segment);
  if (!parsed.ok) return undefined;
  const value = parsed.tenant.value;
  return tenants.find((t) => t.key === value || t.tenantId === value || t.domain === value);
}

function readTenants(env: Record<string, string | undefined>, cwd: string): TenantConfig[] {
  const raw = env.GUESTPASS_TENANTS?.trim();
  if (!raw) return [];
  const key = 'GUESTPASS_TENANTS';
  let text = raw;
  let where = key;
  if (!raw.startsWith('[')) {
    const path = resolve(cwd, raw);
    if (!existsSync(path)) throw new ConfigError(key, `is neither a JSON array nor an existing file (looked for ${path})`);
    text = readFileSync(path, 'utf8');
    where = `${key} (${path})`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(where, `is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(json)) throw new ConfigError(where, 'must be a JSON array of tenants');

  const tenants = json.map((entry, index) => readTenant(entry, `${key}[${index}]`, env, cwd));
  const seen = new Map<string, string>();
  tenants.forEach((t, index) => {
    for (const id of new Set([t.key, t.tenantId, t.domain])) {
      if (!id) continue;
      const other = seen.get(id);
      if (other) throw new ConfigError(`${key}[${index}]`, `names tenant ${id} again (already configured in ${other})`);
      seen.set(id, `${key}[${index}]`);
    }
  });
  return tenants;
}

function readTenant(entry: unknown, where: string, env: Record<string, string | undefined>, cwd: string): TenantConfig {
  if (entry && typeof entry === 'object' && 'clientSecret' in entry) {
    throw new ConfigError(
      `${where}.clientSecret`,
      'secrets do not belong in the tenants list; set GUESTPASS_GRAPH_SECRET_<TENANT> in the environment instead',
    );
  }
  const parsed = tenantEntrySchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length ? `${where}.${issue.path.join('.')}` : where;
    const message =
      issue.code === 'unrecognized_keys' ? `has unknown field(s) ${issue.keys.join(', ')}` : issue.message;
    throw new ConfigError(path, message);
  }
  const t = parsed.data;
  if (!t.tenantId && !t.domain) throw new ConfigError(where, 'needs a tenantId (GUID) or a domain');

  let tenantId: string | undefined;
  if (t.tenantId !== undefined) {
    const r = parseTenant(t.tenantId);
    if (!r.ok || r.tenant.kind !== 'guid') {
      throw new ConfigError(`${where}.tenantId`, `must be the tenant's GUID, got "${t.tenantId}"`);
    }
    tenantId = r.tenant.value;
  }
  let domain: string | undefined;
  if (t.domain !== undefined) {
    const r = parseTenant(t.domain);
    if (!r.ok) throw new ConfigError(`${where}.domain`, r.message);
    if (r.tenant.kind === 'guid') throw new ConfigError(`${where}.domain`, 'is a GUID; put it in tenantId');
    domain = r.tenant.value;
  }
  const key = (domain ?? tenantId)!;

  let links: LinkKind[];
  if (t.links) {
    links = [];
    t.links.forEach((kind, i) => {
      const def = findLink(kind);
      if (!def) throw new ConfigError(`${where}.links[${i}]`, `"${kind}" is not a known link kind`);
      if (!links.includes(def.kind)) links.push(def.kind);
    });
  } else {
    links = [...DEFAULT_LINKS];
    if (t.appId) links.push('app');
    if (t.sharepointUrl) links.push('sharepoint');
  }
  if (links.includes('app') && !t.appId) throw new ConfigError(`${where}.appId`, 'is required for the "app" link');
  if (links.includes('sharepoint') && !t.sharepointUrl) {
    throw new ConfigError(`${where}.sharepointUrl`, 'is required for the "sharepoint" link');
  }
  if (links.includes('authorize')) {
    throw new ConfigError(`${where}.links`, '"authorize" links need an app and redirect URI; they are not offered to guests');
  }
  if (t.appId !== undefined && !GUID.test(t.appId)) throw new ConfigError(`${where}.appId`, 'must be an application GUID');

  const suffix = envSuffix(key);
  const clientId = env[`GUESTPASS_GRAPH_CLIENT_ID_${suffix}`]?.trim() || t.clientId;
  const clientSecret = env[`GUESTPASS_GRAPH_SECRET_${suffix}`] || undefined;
  const certificatePath = env[`GUESTPASS_GRAPH_CERTIFICATE_${suffix}`]?.trim() || t.certificatePath;
  const privateKeyPath = env[`GUESTPASS_GRAPH_PRIVATE_KEY_${suffix}`]?.trim() || t.privateKeyPath;

  let credentials: TenantCredentials | undefined;
  if (clientId || clientSecret || certificatePath || privateKeyPath) {
    const idKey = `GUESTPASS_GRAPH_CLIENT_ID_${suffix}`;
    if (!clientId) throw new ConfigError(idKey, `is required when Graph credentials are given for ${key}`);
    if (!GUID.test(clientId)) throw new ConfigError(t.clientId === clientId ? `${where}.clientId` : idKey, 'must be an application (client) GUID');
    if (!clientSecret && !certificatePath) {
      throw new ConfigError(
        `GUESTPASS_GRAPH_SECRET_${suffix}`,
        `is required for ${key} (or GUESTPASS_GRAPH_CERTIFICATE_${suffix} with a certificate path)`,
      );
    }
    for (const [name, path] of [
      [`GUESTPASS_GRAPH_CERTIFICATE_${suffix}`, certificatePath],
      [`GUESTPASS_GRAPH_PRIVATE_KEY_${suffix}`, privateKeyPath],
    ] as const) {
      if (path && !existsSync(resolve(cwd, path))) throw new ConfigError(name, `file not found: ${resolve(cwd, path)}`);
    }
    credentials = {
      clientId: clientId.toLowerCase(),
      ...(clientSecret ? { clientSecret } : {}),
      ...(certificatePath ? { certificatePath: resolve(cwd, certificatePath) } : {}),
      ...(privateKeyPath ? { privateKeyPath: resolve(cwd, privateKeyPath) } : {}),
    };
  }

  return {
    key,
    ...(tenantId ? { tenantId } : {}),
    ...(domain ? { domain } : {}),
    displayName: t.displayName,
    links,
    ...(t.invitationMessage ? { invitationMessage: t.invitationMessage } : {}),
    ...(t.appId ? { appId: t.appId.toLowerCase() } : {}),
    ...(t.sharepointUrl ? { sharepointUrl: t.sharepointUrl } : {}),
    ...(t.contact ? { contact: t.contact } : {}),
    ...(credentials ? { credentials } : {}),
  };
}

function validatePublicUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('GUESTPASS_PUBLIC_URL', `must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('GUESTPASS_PUBLIC_URL', `must be an http(s) URL, got "${raw}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError('GUESTPASS_PUBLIC_URL', 'must not carry a query, fragment or credentials');
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function readEnvFile(env: NodeJS.ProcessEnv, cwd: string, enabled: boolean): Record<string, string> {
  if (!enabled) return {};
  const explicit = env.GUESTPASS_ENV_FILE;
  const path = resolve(cwd, explicit ?? '.env');
  if (!existsSync(path)) {
    if (explicit) throw new ConfigError('GUESTPASS_ENV_FILE', `file not found: ${path}`);
    return {};
  }
  return definedOnly(parseEnv(readFileSync(path, 'utf8')));
}

function definedOnly(env: NodeJS.Dict<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function randomHex(): string {
  return crypto.getRandomValues(new Uint8Array(32)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');
}
