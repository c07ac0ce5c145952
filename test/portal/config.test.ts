// Configuration from the environment: sensible defaults, demo mode without tenants, and start-up failures that
// name the key to fix (never echoing a secret).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { basePathOf, ConfigError, loadConfig } from '../../portal/config/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'guestpass-config-'));
const SECRET = 's'.repeat(40);
const load = (env: Record<string, string>) => loadConfig(env, { cwd: dir, envFile: false });

function failure(env: Record<string, string>): ConfigError {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
}

/** What every live start needs besides its tenants. */
const LIVE = { GUESTPASS_PUBLIC_URL: 'https://guests.example.com', GUESTPASS_SECRET: SECRET };
const ONE_TENANT = '[{"domain": "contoso.com", "displayName": "C"}]';

const contoso = { domain: 'Contoso.OnMicrosoft.com', tenantId: '11111111-2222-4333-8444-555555555555', displayName: 'Contoso' };

describe('configuration', () => {
  it('starts in demo mode with documented defaults when no tenant is configured', () => {
    const config = load({});
    expect(config).toMatchObject({
      mode: 'demo',
      port: 3000,
      host: '127.0.0.1',
      publicBaseUrl: 'http://127.0.0.1:3000',
      logLevel: 'info',
      resendWindowMinutes: 60,
      graph: { loginBaseUrl: 'https://login.microsoftonline.com', graphBaseUrl: 'https://graph.microsoft.com' },
      tenants: [],
    });
    expect(config.databasePath).toBe(join(dir, 'data/guestpass.sqlite'));
    expect(config.secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves several tenants from a JSON array, keyed by normalised domain, with secrets from the environment', () => {
    const config = load({
      GUESTPASS_TENANTS: JSON.stringify([
        { ...contoso, clientId: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE', invitationMessage: 'Welcome!' },
        { tenantId: '22222222-3333-4444-8555-666666666666', displayName: 'GUID only', links: ['myapps', 'teams'] },
      ]),
      GUESTPASS_GRAPH_SECRET_CONTOSO_ONMICROSOFT_COM: 'graph-secret',
      GUESTPASS_SECRET: SECRET,
      GUESTPASS_PUBLIC_URL: 'https://guests.example.com/',
      PORT: '8080',
      GUESTPASS_RATE_PER_IP_PER_HOUR: '5',
    });
    expect(config.mode).toBe('live');
    expect(config.publicBaseUrl).toBe('https://guests.example.com');
    expect(config.port).toBe(8080);
    expect(config.rateLimits.perIpPerHour).toBe(5);
    expect(config.tenants[0]).toMatchObject({
      key: 'contoso.onmicrosoft.com',
      domain: 'contoso.onmicrosoft.com',
      tenantId: '11111111-2222-4333-8444-555555555555',
      links: ['myapps', 'myaccount', 'teams', 'azure-portal', 'entra'],
      invitationMessage: 'Welcome!',
      credentials: { clientId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', clientSecret: 'graph-secret' },
    });
    expect(config.tenants[1]).toMatchObject({ key: '22222222-3333-4444-8555-666666666666', links: ['myapps', 'teams'] });
    expect(config.tenants[1]!.credentials).toBeUndefined();
  });

  it('reads the tenants from a JSON file path, and settings from a .env file that the environment overrides', () => {
    const envDir = mkdtempSync(join(tmpdir(), 'guestpass-envfile-'));
    writeFileSync(join(envDir, 'tenants.json'), JSON.stringify([contoso]));
    writeFileSync(
      join(envDir, '.env'),
      `GUESTPASS_TENANTS=tenants.json\nGUESTPASS_SECRET=${SECRET}\nGUESTPASS_PUBLIC_URL=https://guests.example.com\nPORT=4000\nHOST=0.0.0.0\n`,
    );
    const config = loadConfig({ PORT: '4001' }, { cwd: envDir });
    expect(config.tenants.map((t) => t.key)).toEqual(['contoso.onmicrosoft.com']);
    expect(config.port).toBe(4001);
    expect(config.host).toBe('0.0.0.0');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ GUESTPASS_RESEND_WINDOW_MINUTES: '-5' }, 'GUESTPASS_RESEND_WINDOW_MINUTES'],
    [{ GUESTPASS_RATE_PER_ADDRESS_PER_HOUR: '1.5' }, 'GUESTPASS_RATE_PER_ADDRESS_PER_HOUR'],
    [{ GUESTPASS_GRAPH_BASE_URL: 'http://graph.example.com' }, 'GUESTPASS_GRAPH_BASE_URL'],
    [{ GUESTPASS_LOGIN_BASE_URL: 'not a url' }, 'GUESTPASS_LOGIN_BASE_URL'],
    [{ GUESTPASS_TENANTS: ONE_TENANT, GUESTPASS_SECRET: SECRET, GUESTPASS_PUBLIC_URL: 'ftp://x.example.com' }, 'GUESTPASS_PUBLIC_URL'],
    [{ GUESTPASS_TENANTS: '[{"domain": "contoso"' }, 'GUESTPASS_TENANTS'],
    [{ GUESTPASS_TENANTS: 'missing-file.json' }, 'GUESTPASS_TENANTS'],
    [{ GUESTPASS_TENANTS: '[{"domain": "contoso", "displayName": "C"}]', ...LIVE }, 'GUESTPASS_TENANTS[0].domain'],
    [{ GUESTPASS_TENANTS: '[{"tenantId": "not-a-guid", "displayName": "C"}]', ...LIVE }, 'GUESTPASS_TENANTS[0].tenantId'],
    [{ GUESTPASS_TENANTS: '[{"domain": "contoso.com"}]', ...LIVE }, 'GUESTPASS_TENANTS[0].displayName'],
    [{ GUESTPASS_TENANTS: '[{"displayName": "C"}]', ...LIVE }, 'GUESTPASS_TENANTS[0]'],
    [{ GUESTPASS_TENANTS: '[{"domain": "contoso.com", "displayName": "C", "links": ["myapps", "gopher"]}]', ...LIVE }, 'GUESTPASS_TENANTS[0].links[1]'],
    [{ GUESTPASS_TENANTS: '[{"domain": "contoso.com", "displayName": "C", "colour": "red"}]', ...LIVE }, 'GUESTPASS_TENANTS[0]'],
    [{ GUESTPASS_TENANTS: '[{"domain": "a.com", "displayName": "A"}, {"domain": "A.com", "displayName": "B"}]', ...LIVE }, 'GUESTPASS_TENANTS[1]'],
    [{ GUESTPASS_TENANTS: ONE_TENANT, GUESTPASS_PUBLIC_URL: 'https://guests.example.com' }, 'GUESTPASS_SECRET'],
    [{ GUESTPASS_TENANTS: ONE_TENANT, GUESTPASS_PUBLIC_URL: 'https://guests.example.com', GUESTPASS_SECRET: 'short' }, 'GUESTPASS_SECRET'],
    [{ GUESTPASS_TENANTS: '[{"domain": "contoso.com", "displayName": "C"}]', ...LIVE, GUESTPASS_GRAPH_SECRET_CONTOSO_COM: 'x' }, 'GUESTPASS_GRAPH_CLIENT_ID_CONTOSO_COM'],
    [{ GUESTPASS_TENANTS: '[{"domain": "contoso.com", "displayName": "C", "clientId": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"}]', ...LIVE }, 'GUESTPASS_GRAPH_SECRET_CONTOSO_COM'],
  ])('fails fast naming the key to fix: %j → %s', (env, key) => {
    const error = failure(env);
    expect(error.key).toBe(key);
    expect(error.message).toContain(key);
  });

  it('refuses a secret inside the tenants list, and never repeats it', () => {
    const error = failure({
      GUESTPASS_TENANTS: JSON.stringify([{ ...contoso, clientSecret: 'super-secret-value' }]),
      ...LIVE,
    });
    expect(error.key).toBe('GUESTPASS_TENANTS[0].clientSecret');
    expect(error.message).not.toContain('super-secret-value');
  });

  it('never repeats a too-short GUESTPASS_SECRET in its message', () => {
    const error = failure({ GUESTPASS_TENANTS: ONE_TENANT, GUESTPASS_PUBLIC_URL: 'https://guests.example.com', GUESTPASS_SECRET: 'tiny-secret' });
    expect(error.message).not.toContain('tiny-secret');
  });
});

describe('demo or live: the demo only when asked for or when nothing is configured', () => {
  it('runs the demo with nothing configured, and with GUESTPASS_MODE=demo whatever else is set', () => {
    expect(load({ PORT: '0', LOG_LEVEL: 'debug' }).mode).toBe('demo');
    expect(load({ GUESTPASS_MODE: 'demo', GUESTPASS_RESEND_WINDOW_MINUTES: '5' })).toMatchObject({ mode: 'demo', tenants: [] });
  });

  it('serves the listed tenants in live mode, asked for or not', () => {
    expect(load({ GUESTPASS_TENANTS: ONE_TENANT, ...LIVE }).mode).toBe('live');
    expect(load({ GUESTPASS_MODE: 'live', GUESTPASS_TENANTS: ONE_TENANT, ...LIVE }).mode).toBe('live');
  });

  it.each([
    [{ GUESTPASS_TENANTS: '[]', ...LIVE }, 'is empty'],
    [{ GUESTPASS_TENANTS: '  ', ...LIVE }, 'is empty'],
    [{ GUESTPASS_TENANTS: '' }, 'is empty'],
    [{ GUESTPASS_SECRET: SECRET }, 'GUESTPASS_SECRET'],
    [{ GUESTPASS_PUBLIC_URL: 'https://guests.example.com' }, 'GUESTPASS_PUBLIC_URL'],
    [{ DATABASE_URL: 'postgres://db.example.com/guestpass' }, 'DATABASE_URL'],
    [{ GUESTPASS_MODE: 'live', ...LIVE }, 'GUESTPASS_MODE=live'],
    [{ GUESTPASS_MODE: 'demo', GUESTPASS_TENANTS: ONE_TENANT }, 'GUESTPASS_MODE=demo'],
  ])('refuses to start naming GUESTPASS_TENANTS when settings are present without tenants: %j', (env, why) => {
    const error = failure(env);
    expect(error.key).toBe('GUESTPASS_TENANTS');
    expect(error.message).toContain(why);
    expect(error.message).not.toContain(SECRET);
  });

  it('refuses an unknown GUESTPASS_MODE', () => {
    expect(failure({ GUESTPASS_MODE: 'production' }).key).toBe('GUESTPASS_MODE');
  });
});

describe('the public URL', () => {
  const live = (url: string | undefined) => ({ GUESTPASS_TENANTS: ONE_TENANT, GUESTPASS_SECRET: SECRET, ...(url === undefined ? {} : { GUESTPASS_PUBLIC_URL: url }) });

  it('is required in live mode: no fallback to the machine the portal runs on', () => {
    const error = failure(live(undefined));
    expect(error.key).toBe('GUESTPASS_PUBLIC_URL');
    expect(error.message).toContain('required in live mode');
  });

  it.each(['http://guests.example.com', 'http://10.0.0.5:3000', 'https://user:pw@guests.example.com', 'https://guests.example.com/?a=1', 'https://x.example.com/a%20b/', 'https://x.example.com/a//b/'])(
    'is refused when guests could not rely on it: %s',
    (url) => {
      expect(failure(live(url)).key).toBe('GUESTPASS_PUBLIC_URL');
    },
  );

  it.each([
    ['http://localhost:3000', 'http://localhost:3000', ''],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080', ''],
    ['http://[::1]:8080', 'http://[::1]:8080', ''],
    ['https://Guests.Example.com/', 'https://guests.example.com', ''],
    ['https://example.com/guests/', 'https://example.com/guests', '/guests'],
    ['https://example.com/it/guest-pass', 'https://example.com/it/guest-pass', '/it/guest-pass'],
  ])('accepts %s (https, or http on loopback), with its path prefix', (url, base, prefix) => {
    const config = load(live(url));
    expect(config.publicBaseUrl).toBe(base);
    expect(basePathOf(config.publicBaseUrl)).toBe(prefix);
  });
});

describe('every tenant entry is checked at start-up: a link it offers must be buildable', () => {
  const tenants = (entry: Record<string, unknown>) => ({ GUESTPASS_TENANTS: JSON.stringify([{ domain: 'contoso.com', displayName: 'C', ...entry }]), ...LIVE });

  it.each([
    [{ links: ['myapps', 'teams'] }, 'GUESTPASS_TENANTS[0].links[1]', 'tenantId'],
    [{ sharepointUrl: 'http://contoso.sharepoint.com/sites/guests' }, 'GUESTPASS_TENANTS[0].sharepointUrl', 'https://'],
    [{ sharepointUrl: 'https://contoso.sharepoint.com.evil.example/sites/x' }, 'GUESTPASS_TENANTS[0].sharepointUrl', 'sharepoint.com'],
    [{ links: ['myapps'], sharepointUrl: 'https://intranet.contoso.com/' }, 'GUESTPASS_TENANTS[0].sharepointUrl', 'sharepoint.com'],
    [{ links: ['sharepoint'] }, 'GUESTPASS_TENANTS[0].sharepointUrl', 'sharepointUrl'],
    [{ links: ['app'] }, 'GUESTPASS_TENANTS[0].appId', 'appId'],
    [{ appId: 'my-app' }, 'GUESTPASS_TENANTS[0].appId', 'GUID'],
  ])('%j → %s', (entry, key, hint) => {
    const error = failure(tenants(entry));
    expect(error.key).toBe(key);
    expect(error.message).toContain(hint);
  });

  it('offers Teams by default only when the entry has the tenant GUID', () => {
    expect(load(tenants({})).tenants[0]!.links).not.toContain('teams');
    expect(load(tenants({ tenantId: '11111111-2222-4333-8444-555555555555' })).tenants[0]!.links).toContain('teams');
  });

  it('accepts a SharePoint site on <name>.sharepoint.com', () => {
    const config = load(tenants({ sharepointUrl: 'https://contoso.sharepoint.com/sites/guests' }));
    expect(config.tenants[0]!.links).toContain('sharepoint');
  });
});
