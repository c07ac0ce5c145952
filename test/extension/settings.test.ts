import { describe, expect, it } from 'vitest';
import {
  addManualTenant,
  learnTenant,
  readSettings,
  readUserTenants,
  removeTenant,
  setMode,
  updateTenant,
} from '../../extension/src/settings/settings.ts';
import { memoryArea, rejectingArea } from './support.ts';

const DEMO = 'ezaz2281.onmicrosoft.com';
const PARTNER = 'fabrikampartners.onmicrosoft.com';
const clock = (start = 1_000) => {
  let t = start;
  return () => t++;
};

describe('typed storage merged with the managed policy', () => {
  it('with nothing stored, the mode is automatic and no tenant is known', async () => {
    const s = await readSettings(memoryArea(), rejectingArea);
    expect(s).toEqual({ mode: 'automatic', modeLocked: false, tenants: [] });
  });

  it('managed tenants come first, show as locked, and win over the same tenant added by the person', async () => {
    const local = memoryArea();
    await addManualTenant(local, { tenant: DEMO, label: 'Mine' }, clock());
    await addManualTenant(local, { tenant: PARTNER }, clock());
    const managed = memoryArea({ tenants: [{ tenant: 'EZAZ2281.onmicrosoft.com', label: 'Ezaz (IT)', portalUrl: 'https://portal.example/t/ezaz' }] });
    const s = await readSettings(local, managed);
    expect(s.tenants.map((t) => [t.tenant.value, t.label, t.locked, t.source])).toEqual([
      [DEMO, 'Ezaz (IT)', true, 'managed'],
      [PARTNER, undefined, false, 'manual'],
    ]);
    expect(s.tenants[0]!.portalUrl).toBe('https://portal.example/t/ezaz');
  });

  it('a managed mode overrides the person’s choice and is locked', async () => {
    const local = memoryArea();
    await setMode(local, 'automatic');
    const s = await readSettings(local, memoryArea({ mode: 'off' }));
    expect(s.mode).toBe('off');
    expect(s.modeLocked).toBe(true);
  });

  it('invalid managed or stored entries are dropped rather than used for navigation', async () => {
    const local = memoryArea({
      mode: 'sideways',
      tenants: [{ tenant: { kind: 'domain', value: 'common' }, source: 'manual', addedAt: 1 }, { tenant: { kind: 'domain', value: 'evil.com/x' } }],
    });
    const managed = memoryArea({ tenants: [{ tenant: 'organizations' }, { tenant: '' }, { tenant: PARTNER, portalUrl: 'http://insecure.example' }] });
    const s = await readSettings(local, managed);
    expect(s.mode).toBe('automatic');
    expect(s.tenants.map((t) => t.tenant.value)).toEqual([PARTNER]);
    expect(s.tenants[0]!.portalUrl).toBeUndefined();
  });
});

describe('options: add, label, portal, remove', () => {
  it('adding a reserved or malformed tenant is refused with the parser’s message and nothing is stored', async () => {
    const local = memoryArea();
    for (const bad of ['common', 'contoso', 'https://login.microsoftonline.com/x', '']) {
      const r = await addManualTenant(local, { tenant: bad }, clock());
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message.length).toBeGreaterThan(5);
    }
    expect(await readUserTenants(local)).toEqual([]);
  });

  it('a portal URL must be https', async () => {
    const local = memoryArea();
    const r = await addManualTenant(local, { tenant: DEMO, portalUrl: 'http://portal.example' }, clock());
    expect(r).toEqual({ ok: false, message: expect.stringContaining('https') });
    const ok = await addManualTenant(local, { tenant: DEMO, portalUrl: 'https://portal.example/t/x' }, clock());
    expect(ok.ok).toBe(true);
    const bad = await updateTenant(local, DEMO, { portalUrl: 'javascript:alert(1)' });
    expect(bad.ok).toBe(false);
    expect((await readUserTenants(local))[0]!.portalUrl).toBe('https://portal.example/t/x');
  });

  it('label edits and removal apply to the person’s own entries', async () => {
    const local = memoryArea();
    await addManualTenant(local, { tenant: DEMO }, clock());
    await updateTenant(local, DEMO, { label: '  Ezaz Labs ' });
    expect((await readUserTenants(local))[0]!.label).toBe('Ezaz Labs');
    await removeTenant(local, DEMO);
    expect(await readUserTenants(local)).toEqual([]);
  });
});

describe('learning tenants', () => {
  it('keeps the source and the time it was learned, and does not duplicate', async () => {
    const local = memoryArea();
    const r = await learnTenant(local, undefined, { kind: 'onmicrosoft', value: DEMO }, 'redemption-link', () => 42);
    expect(r).toEqual({ action: 'learned' });
    expect(await learnTenant(local, undefined, { kind: 'onmicrosoft', value: DEMO }, 'tenant-url', () => 43)).toEqual({
      action: 'none',
      reason: 'already-known',
    });
    expect(await readUserTenants(local)).toEqual([{ tenant: { kind: 'onmicrosoft', value: DEMO }, source: 'redemption-link', addedAt: 42 }]);
  });

  it('the list is bounded: the oldest learned tenant goes, manual ones never', async () => {
    const local = memoryArea();
    const now = clock(0);
    await addManualTenant(local, { tenant: 'manual-first.onmicrosoft.com' }, now);
    for (let i = 0; i < 3; i++) await learnTenant(local, undefined, { kind: 'onmicrosoft', value: `t${i}.onmicrosoft.com` }, 'tenant-url', now, 3);
    const r = await learnTenant(local, undefined, { kind: 'onmicrosoft', value: 't3.onmicrosoft.com' }, 'tenant-url', now, 3);
    expect(r).toEqual({ action: 'learned', evicted: 't0.onmicrosoft.com' });
    expect((await readUserTenants(local)).map((t) => t.tenant.value)).toEqual([
      'manual-first.onmicrosoft.com',
      't1.onmicrosoft.com',
      't2.onmicrosoft.com',
      't3.onmicrosoft.com',
    ]);
  });

  it('a tenant the organisation already manages is not learned again', async () => {
    const r = await learnTenant(memoryArea(), memoryArea({ tenants: [{ tenant: DEMO }] }), { kind: 'onmicrosoft', value: DEMO }, 'tenant-url', () => 1);
    expect(r).toEqual({ action: 'none', reason: 'managed' });
  });
});
