// Shared set-up for the portal's HTTP suites: a real server on an ephemeral port, a log sink, a small real
// ResendService, and helpers to read cookies and form tokens the way a browser would.
import pino, { type Logger } from 'pino';
import { parseAddress } from '../../shared/address.ts';
import type { AppDeps, OutboxEmail, ResendAcceptResult, ResendService } from '../../portal/app.ts';
import type { PortalConfig, TenantConfig } from '../../portal/config/index.ts';
import { REDACT_PATHS } from '../../portal/logger.ts';
import { startServer, type RunningServer } from '../../portal/server.ts';
import { createAccessRequestFeature, type AccessRequestFeature } from '../../portal/access-requests/index.ts';
import { DEFAULT_ACCESS_SETTINGS } from '../../portal/access-requests/types.ts';
import { createAddressHasher } from '../../portal/resend/address-key.ts';
import { openSqliteStore } from '../../portal/store/sqlite-store.ts';

export const CONTOSO: TenantConfig = {
  key: 'contoso.onmicrosoft.com',
  tenantId: '11111111-2222-4333-8444-555555555555',
  domain: 'contoso.onmicrosoft.com',
  displayName: 'Contoso Ltd',
  links: ['myapps', 'myaccount', 'teams', 'azure-portal', 'entra', 'app'],
  appId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  contact: 'it-help@contoso.example',
  credentials: { clientId: '99999999-8888-4777-8666-555555555555', clientSecret: 'test-secret-value-never-logged' },
  // Shown only when the portal runs with an access-request feature (smallAccessRequests below).
  accessRequests: { ...DEFAULT_ACCESS_SETTINGS, policy: { ...DEFAULT_ACCESS_SETTINGS.policy, mode: 'approval' } },
};

/** A tenant the portal may link to but cannot resend for (no Graph credentials). */
export const FABRIKAM: TenantConfig = {
  key: 'fabrikam.com',
  domain: 'fabrikam.com',
  displayName: 'Fabrikam',
  links: ['myapps', 'teams'],
  contact: 'guests@fabrikam.com',
};

export const TEST_SECRET = 'x'.repeat(16) + 'test-csrf-secret-0123456789';

export function testConfig(overrides: Partial<PortalConfig> = {}): PortalConfig {
  return {
    mode: 'live',
    port: 0,
    host: '127.0.0.1',
    publicBaseUrl: 'http://127.0.0.1:3000',
    publicBaseUrlExplicit: false,
    logLevel: 'info',
    databasePath: ':memory:',
    resendWindowMinutes: 60,
    retentionDays: 30,
    graphCallsPerSecond: 10,
    rateLimits: { perIpPerHour: 20, perAddressPerHour: 3, perTenantPerHour: 500 },
    graph: { loginBaseUrl: 'https://login.microsoftonline.com', graphBaseUrl: 'https://graph.microsoft.com' },
    tenants: [CONTOSO, FABRIKAM],
    secret: TEST_SECRET,
    trustProxy: false,
    ...overrides,
  };
}

/** A real, small ResendService: checks addresses with shared's parseAddress (as the real one does), and allows `perIp` accepted requests per client. */
export function smallResendService(options: { perIp?: number } = {}): ResendService & {
  calls: { tenantKey: string; email: string; clientIp: string }[];
} {
  const calls: { tenantKey: string; email: string; clientIp: string }[] = [];
  const perIp = options.perIp ?? 100;
  const counts = new Map<string, number>();
  let n = 0;
  return {
    calls,
    async accept(input): Promise<ResendAcceptResult> {
      calls.push(input);
      const parsed = parseAddress(input.email);
      if (!parsed.ok) {
        const { reason, problem, character, message } = parsed;
        return { outcome: 'invalid-address', reason, problem, ...(character ? { character } : {}), message };
      }
      const used = counts.get(input.clientIp) ?? 0;
      if (used >= perIp) return { outcome: 'rate-limited', retryAfterSeconds: 1800 };
      counts.set(input.clientIp, used + 1);
      n += 1;
      return { outcome: 'accepted', requestId: `req-${n}` };
    },
  };
}

/**
 * A real access-request feature on an in-memory SQLite store, for page tests: the requester's form and answers work
 * (intake, rate limits); its worker is not started and it never calls Graph. `perIp` as in smallResendService.
 */
export function smallAccessRequests(config: PortalConfig, options: { perIp?: number } = {}): AccessRequestFeature & { close(): Promise<void> } {
  const store = openSqliteStore({ path: ':memory:' });
  const feature = createAccessRequestFeature({
    config: { ...config, rateLimits: { perIpPerHour: options.perIp ?? 100, perAddressPerHour: 100, perTenantPerHour: 1000 } },
    logger: pino({ level: 'silent' }),
    store,
    hasher: createAddressHasher(Buffer.alloc(32, 7)),
    graphClientFor: () => {
      throw new Error('page tests never call Graph');
    },
    graphBudget: { take: async () => false, pauseUntil: async () => undefined, pausedUntil: async () => 0 },
    invitations: () => undefined,
    onResendQueued: () => undefined,
    now: Date.now,
    sleep: async () => undefined,
  });
  return Object.assign(feature, { close: () => store.close() });
}

export interface TestPortal {
  url: string;
  server: RunningServer;
  logs: string[];
  logger: Logger;
  close(): Promise<void>;
}

export async function startTestPortal(
  options: { config?: Partial<PortalConfig>; resend?: ResendService; outbox?: OutboxEmail[]; storeStatus?: AppDeps['storeStatus']; accessRequests?: { perIp?: number } } = {},
): Promise<TestPortal> {
  const logs: string[] = [];
  const logger = pino(
    { level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    { write: (line: string) => void logs.push(line) },
  );
  const config = testConfig(options.config);
  const accessRequests = options.accessRequests ? smallAccessRequests(config, options.accessRequests) : undefined;
  const server = await startServer({
    config,
    logger,
    ...(accessRequests ? { accessRequests } : {}),
    ...(options.resend ? { resend: options.resend } : {}),
    ...(options.storeStatus ? { storeStatus: options.storeStatus } : {}),
    ...(options.outbox ? { demo: { outbox: () => options.outbox! } } : {}),
  });
  return {
    url: server.url,
    server,
    logs,
    logger,
    close: async () => {
      await server.close();
      await accessRequests?.close();
    },
  };
}

export function get(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', ...init });
}

/** The CSRF cookie pair (`name=value`) a response set, if any. */
export function csrfCookie(res: Response): string | undefined {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('gp_csrf='));
  return set?.split(';')[0];
}

export function hiddenToken(html: string): string | undefined {
  return /name="csrf" value="([^"]+)"/.exec(html)?.[1];
}

/** Loads a tenant page like a browser and returns what its resend form would post. */
export async function formSession(url: string, tenantKey: string): Promise<{ cookie: string; token: string }> {
  const res = await get(`${url}/t/${tenantKey}`);
  const html = await res.text();
  const cookie = csrfCookie(res);
  const token = hiddenToken(html);
  if (!cookie || !token) throw new Error('tenant page offered no resend form');
  return { cookie, token };
}

export function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return get(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}
