// Configuration from the environment: sensible defaults, demo mode without tenants, and start-up failures that
// name the key to fix (never echoing a secret).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../portal/config/index.ts';

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
    writeFileSync(join(envDir, '.env'), `GUESTPASS_TENANTS=tenants.json\nGUESTPASS_SECRET=${SECRET}\nPORT=4000\nHOST=0.0.0.0\n`);
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
    [{ GUESTPASS_PUBLIC_URL: 'ftp://x.example.com' }, 'GUESTPASS_PUBLIC_URL'],
    [{ GUESTPASS_TENANTS: '[{"domain": "contoso"' }, 'GUESTPASS_TENANTS'],
    [{ GUESTPASS_TENANTS: 'missing-file.json' }, 'GUESTPASS_TENANTS'],
    [{ GUESTPASS_TENANTS: '[{"domain": "contoso", "displayName": "C"}]', GUESTPASS_SECRET: SECRET }, 'GUESTPASS_TENANTS[0].domain'],
    [{ GUESTPASS_TENANTS: '[{"tenantId": "not-a-guid", "displayName": "C"}]', GUESTPASS_SECRET: SECRET }, 'GUESTPASS_TENANTS[0].tenantId'],
    [{ GUESTPASS_TENANTS: '[{"domain": "contoso.com"}]', GUESTPASS_SECRET: SECRET }, 'GUESTPASS_TENANTS[0].displayName'],
    [{ GUESTPASS_TENANTS: '[{"displayName": "C"}]', GUESTPASS_SECRET: SECRET }, 'GUESTPASS_TENANTS[0]'],
    [{ GUESTPASS_TENANTS: '[{"domain": "contoso.com", "displayName": "C", "links": ["myapps", "gopher"]}]', GUESTPASS_SECRET: SECRET }, 'GUESTPASS_TENANTS[0].links[1]'],
    [{ GUESTPASS_TENANTS: '[{"domain": "contoso.com", "displayName": "C", "colour": "red"}]', GUESTPASS_SECRET: SECRET }, 'GUESTPASS_TENANTS[0]'],
    [{ GUESTPASS_TENANTS: '[{"domain": "a.com", "displayName": "A"}, {"domain": "A.com", "displayName": "B"}]', GUESTPASS_SECRET: SECRET }, 'GUESTPASS_TENANTS[1]'],
    [{ GUESTPASS_TENANTS: '[{"domain": "contoso.com", "displayName": "C"}]' }, 'GUESTPASS_SECRET'],
    [{ GUESTPASS_SECRET: 'short' }, 'GUESTPASS_SECRET'],
    [{ GUESTPASS_TENANTS: '[{"domain": "contoso.com", "displayName": "C"}]', GUESTPASS_SECRET: SECRET, GUESTPASS_GRAPH_SECRET_CONTOSO_COM: 'x' }, 'GUESTPASS_GRAPH_CLIENT_ID_CONTOSO_COM'],
    [{ GUESTPASS_TENANTS: '[{"domain": "contoso.com", "displayName": "C", "clientId": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"}]', GUESTPASS_SECRET: SECRET }, 'GUESTPASS_GRAPH_SECRET_CONTOSO_COM'],
  ])('fails fast naming the key to fix: %j → %s', (env, key) => {
    const error = failure(env);
    expect(error.key).toBe(key);
    expect(error.message).toContain(key);
  });

  it('refuses a secret inside the tenants list, and never repeats it', () => {
    const error = failure({
      GUESTPASS_TENANTS: JSON.stringify([{ ...contoso, clientSecret: 'super-secret-value' }]),
      GUESTPASS_SECRET: SECRET,
    });
    expect(error.key).toBe('GUESTPASS_TENANTS[0].clientSecret');
    expect(error.message).not.toContain('super-secret-value');
  });

  it('never repeats a too-short GUESTPASS_SECRET in its message', () => {
    const error = failure({ GUESTPASS_SECRET: 'tiny-secret' });
    expect(error.message).not.toContain('tiny-secret');
  });
});
