// `npm start` with a bad setting stops at once with one line naming the key, and never starts listening.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPortal } from '../../portal/build.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

// What `npm start` runs: its prestart step builds dist/portal (build:portal), then node runs the bundle.
let entry: string;
beforeAll(async () => {
  entry = await buildPortal();
});

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [entry], {
    cwd: ROOT,
    env: { ...process.env, GUESTPASS_ENV_FILE: '/dev/null', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('starting with a bad configuration', () => {
  it('exits with status 1 and a message naming PORT when PORT is not a number', () => {
    const run = start({ PORT: 'eighty' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Configuration error in PORT');
    expect(run.stdout).not.toContain('portal ready');
  });

  it('exits naming GUESTPASS_SECRET when tenants are configured without it, without echoing other secrets', () => {
    const run = start({
      GUESTPASS_TENANTS: '[{"domain": "contoso.com", "displayName": "Contoso", "clientId": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"}]',
      GUESTPASS_SECRET: '',
      GUESTPASS_PUBLIC_URL: 'https://guests.example.com',
      GUESTPASS_GRAPH_SECRET_CONTOSO_COM: 'very-secret-graph-value',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('GUESTPASS_SECRET');
    expect(run.stderr + run.stdout).not.toContain('very-secret-graph-value');
  });

  it('exits naming GUESTPASS_TENANTS when the tenants list is empty, instead of starting the demo', () => {
    const run = start({ GUESTPASS_TENANTS: '[]', GUESTPASS_SECRET: 's'.repeat(40), GUESTPASS_PUBLIC_URL: 'https://guests.example.com' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Configuration error in GUESTPASS_TENANTS');
    expect(run.stdout + run.stderr).not.toMatch(/DEMO MODE|emulator started|portal ready/);
  });

  it('exits naming GUESTPASS_PUBLIC_URL when a live start has none, rather than linking guests to the server itself', () => {
    const run = start({ GUESTPASS_TENANTS: '[{"domain": "contoso.com", "displayName": "Contoso"}]', GUESTPASS_SECRET: 's'.repeat(40) });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Configuration error in GUESTPASS_PUBLIC_URL');
  });
});
