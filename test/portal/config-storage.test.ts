// The storage settings: DATABASE_URL selects PostgreSQL (and is never echoed: it may carry a password), retention
// days and the per-tenant Graph budget are positive whole numbers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../portal/config/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'guestpass-config-storage-'));
/** A complete live configuration: any storage setting counts as "configured", so tenants and the rest come with it. */
const LIVE = {
  GUESTPASS_TENANTS: JSON.stringify([{ domain: 'contoso.onmicrosoft.com', tenantId: '11111111-2222-4333-8444-555555555555', displayName: 'Contoso' }]),
  GUESTPASS_PUBLIC_URL: 'https://guests.example.com',
  GUESTPASS_SECRET: 's'.repeat(40),
};
const load = (env: Record<string, string>) => loadConfig(Object.keys(env).length ? { ...LIVE, ...env } : env, { cwd: dir, envFile: false });
const failure = (env: Record<string, string>): ConfigError => {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
};

describe('storage configuration', () => {
  it('without DATABASE_URL the store is the SQLite file; retention 30 days and 10 Graph calls per second by default', () => {
    const config = load({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config).toMatchObject({ retentionDays: 30, graphCallsPerSecond: 10 });
  });

  it('a postgres:// DATABASE_URL selects PostgreSQL', () => {
    const url = 'postgres://guestpass:pw@db.internal:5432/guestpass';
    expect(load({ DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(load({ DATABASE_URL: 'postgresql://db.internal/guestpass' }).databaseUrl).toBe('postgresql://db.internal/guestpass');
  });

  it.each(['mysql://u:hunter2-secret@db/x', 'not a url hunter2-secret', 'postgres://:hunter2-secret@/x'])(
    'DATABASE_URL %j stops the start with a message naming DATABASE_URL and not repeating the value',
    (value) => {
      const error = failure({ DATABASE_URL: value });
      expect(error.key).toBe('DATABASE_URL');
      expect(error.message).toMatch(/postgres:\/\/user:password@host/);
      expect(error.message).not.toContain('hunter2');
    },
  );

  it('retention days and the Graph budget must be positive whole numbers', () => {
    expect(load({ GUESTPASS_RETENTION_DAYS: '7', GUESTPASS_GRAPH_CALLS_PER_SECOND: '50' })).toMatchObject({ retentionDays: 7, graphCallsPerSecond: 50 });
    expect(failure({ GUESTPASS_RETENTION_DAYS: '0' }).key).toBe('GUESTPASS_RETENTION_DAYS');
    expect(failure({ GUESTPASS_GRAPH_CALLS_PER_SECOND: '2.5' }).key).toBe('GUESTPASS_GRAPH_CALLS_PER_SECOND');
  });
});
