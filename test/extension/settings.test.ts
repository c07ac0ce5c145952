import { describe, expect, it } from 'vitest';
import { mergeSettings, readSettings, readUserTenants } from '../../extension/src/common/settings.ts';
import { addManualTenant, learnCandidate, removeTenant, setMode, trustTenant, updateTenant } from '../../extension/src/worker/tenant-store.ts';
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
    expect(s).toEqual({ mode: 'automatic', modeLocked: false, learning: true, learningLocked: false, tenants: [] });
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
    expect(r).toEqual({ ok: false, problem: 'portal-url', message: expect.stringContaining('https') }); // + the key Options translates (issue 13)
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

describe('learning tenants: candidates and trust', () => {
  const T = (value: string) => ({ kind: 'onmicrosoft' as const, value });

  it('a tenant seen in a URL is a candidate, kept with its source and time, and not duplicated', async () => {
    const local = memoryArea();
    expect(await learnCandidate(local, {}, T(DEMO), 'redemption-link', () => 42)).toEqual({ action: 'learned' });
    expect(await learnCandidate(local, {}, T(DEMO), 'tenant-url', () => 43)).toEqual({ action: 'none', reason: 'already-known' });
    expect(await readUserTenants(local)).toEqual([{ tenant: T(DEMO), source: 'redemption-link', addedAt: 42 }]);
    const s = await readSettings(local);
    expect(s.tenants.map((t) => [t.tenant.value, t.trusted])).toEqual([[DEMO, false]]);
  });

  it('candidates are capped on their own: the oldest candidate goes, trusted entries never', async () => {
    const local = memoryArea();
    const now = clock(0);
    await addManualTenant(local, { tenant: 'manual-first.onmicrosoft.com' }, now);
    await trustTenant(local, {}, T('signed.onmicrosoft.com'), 'signed-in', now);
    for (let i = 0; i < 3; i++) await learnCandidate(local, {}, T(`t${i}.onmicrosoft.com`), 'tenant-url', now, 3);
    const r = await learnCandidate(local, {}, T('t3.onmicrosoft.com'), 'tenant-url', now, 3);
    expect(r).toEqual({ action: 'learned', evicted: 't0.onmicrosoft.com' });
    expect((await readUserTenants(local)).map((t) => t.tenant.value)).toEqual([
      'manual-first.onmicrosoft.com',
      'signed.onmicrosoft.com',
      't1.onmicrosoft.com',
      't2.onmicrosoft.com',
      't3.onmicrosoft.com',
    ]);
  });

  it('a tenant the organisation already manages is not learned again', async () => {
    const r = await learnCandidate(memoryArea(), { tenants: [{ tenant: DEMO }] }, T(DEMO), 'tenant-url', () => 1);
    expect(r).toEqual({ action: 'none', reason: 'managed' });
  });

  it('trusting a candidate keeps its label and makes it trusted; a manual entry stays manual', async () => {
    const local = memoryArea();
    await learnCandidate(local, {}, T(DEMO), 'tenant-url', () => 1);
    await updateTenant(local, DEMO, { label: 'Ezaz' });
    expect(await trustTenant(local, {}, T(DEMO), 'confirmed', () => 2)).toEqual({ action: 'trusted', was: 'tenant-url' });
    await addManualTenant(local, { tenant: PARTNER }, () => 3);
    expect(await trustTenant(local, {}, T(PARTNER), 'signed-in', () => 4)).toEqual({ action: 'none', reason: 'already-trusted' });
    expect((await readUserTenants(local)).map((t) => [t.tenant.value, t.source, t.label])).toEqual([
      [DEMO, 'confirmed', 'Ezaz'],
      [PARTNER, 'manual', undefined],
    ]);
  });

  it('a removed tenant is not learned again from a URL, until the person trusts it again', async () => {
    const local = memoryArea();
    await learnCandidate(local, {}, T(DEMO), 'tenant-url', () => 1);
    await removeTenant(local, DEMO);
    expect(await learnCandidate(local, {}, T(DEMO), 'redemption-link', () => 2)).toEqual({ action: 'none', reason: 'forgotten' });
    await addManualTenant(local, { tenant: DEMO }, () => 3);
    await removeTenant(local, DEMO);
    await trustTenant(local, {}, T(DEMO), 'confirmed', () => 4);
    expect((await readUserTenants(local)).map((t) => t.source)).toEqual(['confirmed']);
  });

  it('tenants learned from URLs by earlier versions (and entries of unknown source) read as candidates', async () => {
    const local = memoryArea({
      tenants: [
        { tenant: T(DEMO), source: 'tenant-url', addedAt: 1 },
        { tenant: T(PARTNER), source: 'bogus', addedAt: 1 },
        { tenant: T('mine.onmicrosoft.com'), source: 'manual', addedAt: 1 },
      ],
    });
    const s = await readSettings(local);
    expect(s.tenants.map((t) => [t.tenant.value, t.trusted])).toEqual([
      ['mine.onmicrosoft.com', true],
      [DEMO, false],
      [PARTNER, false],
    ]);
  });
});

describe('the policy store answering late', () => {
  it('until it answers, the cached policy is used and locks what it locks', () => {
    const s = mergeSettings({ mode: 'automatic', policyCache: { mode: 'off' } }, undefined);
    expect(s).toMatchObject({ mode: 'off', modeLocked: true, learning: false, provisional: true });
  });

  it('with no policy ever seen, automatic becomes ask and nothing is learned until it answers (fail closed)', () => {
    expect(mergeSettings({}, undefined)).toMatchObject({ mode: 'ask', modeLocked: false, learning: false, provisional: true });
    expect(mergeSettings({}, {})).toEqual({ mode: 'automatic', modeLocked: false, learning: true, learningLocked: false, tenants: [] });
    expect(mergeSettings({}, { learning: false })).toMatchObject({ learning: false, learningLocked: true });
  });
});
