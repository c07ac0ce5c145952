// The service worker's message handling: checks who is asking, and is the single writer of the stores.
import { describe, expect, it } from 'vitest';
import { createMessageHandler, createQueue, type BackgroundDeps, type Sender } from '../../extension/src/worker/handle-message.ts';
import { readActivity } from '../../extension/src/common/activity.ts';
import { readUserTenants } from '../../extension/src/common/settings.ts';
import { addManualTenant } from '../../extension/src/worker/tenant-store.ts';
import { memoryArea } from './support.ts';

const deps = () => {
  const opened: number[] = [];
  return { local: memoryArea(), managed: memoryArea(), session: memoryArea(), now: () => 777, openOptions: () => void opened.push(1),
    later: (job: () => Promise<unknown>) => void job(), opened };
};
const at = (url: string, tabId = 1) => ({ tabId, url });
const handleMessage = (message: unknown, sender: Sender, d: BackgroundDeps) => createMessageHandler(d).handle(message, sender);
const COMMON = 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=c&state=s';

describe('service worker messages', () => {
  it('only a sign-in page on login.microsoftonline.com is listened to (the URL comes from the browser, not the message)', async () => {
    const d = deps();
    for (const url of ['https://evil.example/ezaz2281.onmicrosoft.com/oauth2/v2.0/authorize', 'http://login.microsoftonline.com/x.onmicrosoft.com/', undefined]) {
      expect(await handleMessage({ type: 'page' }, { tabId: 1, url }, d)).toEqual({ ok: false, reason: 'not-from-sign-in-page' });
    }
    expect(await handleMessage({ type: 'decide', page: { state: 'account-not-found', signal: 'x' } }, { url: COMMON }, d)).toEqual({
      ok: false,
      reason: 'not-from-sign-in-page',
    });
    expect(await readUserTenants(d.local)).toEqual([]);
  });

  it('a learned tenant is stored with its source and time, and the popup can say so', async () => {
    const d = deps();
    const r = await handleMessage({ type: 'page' }, at('https://login.microsoftonline.com/ezaz2281.onmicrosoft.com/oauth2/v2.0/authorize?client_id=c'), d);
    expect(r).toMatchObject({ settings: { tenants: [{ tenant: { value: 'ezaz2281.onmicrosoft.com' }, source: 'tenant-url', trusted: false }] } });
    await new Promise((resolve) => setTimeout(resolve, 0)); // the activity line is written after answering
    expect(await readUserTenants(d.local)).toEqual([{ tenant: { kind: 'onmicrosoft', value: 'ezaz2281.onmicrosoft.com' }, source: 'tenant-url', addedAt: 777 }]);
    expect((await readActivity(d.local))[0]).toEqual({ at: 777, kind: 'learned', reason: 'tenant-url', tenant: 'ezaz2281.onmicrosoft.com' });
  });

  it('a content script can only log what pages show, and only a tenant the person has can be tried', async () => {
    const d = deps();
    const worker = createMessageHandler(d);
    for (const entry of [{ kind: 'rerouted', reason: 'x' }, { kind: 'learned', reason: 'x' }, { kind: 'offered', reason: 1 }, { kind: 'hack', reason: 'x' }]) {
      expect(await worker.handle({ type: 'log', ...entry }, at(COMMON))).toEqual({ ok: false, reason: 'invalid-entry' });
    }
    expect(await worker.handle({ type: 'tried', tenant: 'evil.onmicrosoft.com', original: COMMON, chosen: true }, at(COMMON))).toEqual({
      ok: false,
      reason: 'unknown-tenant',
    });
    expect(await readActivity(d.local)).toEqual([]);
    expect(d.session.data).toEqual({});
  });

  it('open-options opens the options page; unknown messages are refused', async () => {
    const d = deps();
    expect(await handleMessage({ type: 'open-options' }, {}, d)).toEqual({ ok: true });
    expect(d.opened).toEqual([1]);
    expect(await handleMessage({ type: 'navigate', url: 'https://evil.example' }, at(COMMON), d)).toEqual({ ok: false, reason: 'unknown-message' });
    expect(await handleMessage(null, at(COMMON), d)).toEqual({ ok: false, reason: 'unknown-message' });
  });

  it('pages loading in several tabs at once are all learned (handling is queued)', async () => {
    const d = deps();
    const queue = createQueue();
    await Promise.all(
      ['a1.onmicrosoft.com', 'a2.onmicrosoft.com', 'a3.onmicrosoft.com'].map((t, i) =>
        queue(() => handleMessage({ type: 'page' }, at(`https://login.microsoftonline.com/${t}/oauth2/v2.0/authorize?client_id=c`, i), d)),
      ),
    );
    expect((await readUserTenants(d.local)).map((t) => t.tenant.value).sort()).toEqual(['a1.onmicrosoft.com', 'a2.onmicrosoft.com', 'a3.onmicrosoft.com']);
  });

  it('the activity log is bounded and newest first', async () => {
    const d = deps();
    for (let i = 0; i < 25; i++) {
      await handleMessage({ type: 'page' }, at(`https://login.microsoftonline.com/t${i}.onmicrosoft.com/oauth2/v2.0/authorize?client_id=c`), d);
    }
    const log = await readActivity(d.local);
    expect(log).toHaveLength(20);
    expect(log[0]!.tenant).toBe('t24.onmicrosoft.com');
  });

  it('a tenant added in the options page after the worker started is in the next page’s snapshot', async () => {
    const d = deps();
    const worker = createMessageHandler(d);
    const first = (await worker.handle({ type: 'page' }, at(COMMON))) as { settings: unknown };
    expect(first.settings).toEqual({ mode: 'automatic', modeLocked: false, learning: true, learningLocked: false, tenants: [] });
    await addManualTenant(d.local, { tenant: 'ezaz2281.onmicrosoft.com' }, () => 1);
    worker.settingsChanged();
    const snapshot = (await worker.handle({ type: 'page' }, at(COMMON))) as { settings: { tenants: { tenant: { value: string } }[] } };
    expect(snapshot.settings.tenants.map((t) => t.tenant.value)).toEqual(['ezaz2281.onmicrosoft.com']);
  });

  it('what was tried is in the next snapshot of the same request in that tab only, and dropped when the tab closes', async () => {
    const d = deps();
    const worker = createMessageHandler(d);
    await addManualTenant(d.local, { tenant: 'ezaz2281.onmicrosoft.com' }, () => 1);
    const tried = await worker.handle({ type: 'tried', tenant: 'ezaz2281.onmicrosoft.com', original: COMMON, loginHint: 'jane.doe@gmail.com', chosen: false }, at(COMMON, 7));
    expect(tried).toEqual({ ok: true });
    const atTenant = COMMON.replace('/common/', '/ezaz2281.onmicrosoft.com/') + '&login_hint=jane.doe%40gmail.com';
    await worker.handle({ type: 'page' }, at(atTenant, 7));
    expect(d.session.data['signin.7']).toMatchObject({ attempt: { original: COMMON, tried: ['ezaz2281.onmicrosoft.com'], loginHint: 'jane.doe@gmail.com' } });
    await worker.handle({ type: 'page' }, at(atTenant, 8));
    expect(d.session.data['signin.8']).not.toHaveProperty('attempt');
    // A restarted worker (memory gone) still knows, from chrome.storage.session: the tenant is not offered again.
    const again = (await createMessageHandler(d).handle({ type: 'page' }, at(atTenant, 7))) as { plan: { username: Record<string, { plain: { reason: string } }> } };
    expect(again.plan.username['account-not-found'].plain.reason).toBe('no-tenant-left');
    await worker.tabClosed(7);
    expect(Object.keys(d.session.data)).toEqual(['signin.8']);
  });
});

describe('trust: who decides where a guest’s address goes', () => {
  const EVIL = 'https://login.microsoftonline.com/evil.onmicrosoft.com/oauth2/v2.0/authorize?client_id=c&state=e';
  const PLANTED = `${EVIL}&login_hint=jane.doe%40gmail.com`;
  const POSTED = 'https://login.microsoftonline.com/evil.onmicrosoft.com/login';
  const REDEEM = `https://login.microsoftonline.com/redeem?rd=${encodeURIComponent('https://invitations.microsoft.com/redeem/?tenant=ezaz2281.onmicrosoft.com&user=u&ticket=t&ver=2.0')}`;
  const sources = async (d: ReturnType<typeof deps>) => (await readUserTenants(d.local)).map((t) => `${t.tenant.value}:${t.source}`);

  it('a URL alone makes a candidate; reaching a credential step without typing (a planted login_hint) adds no trust', async () => {
    const d = deps();
    const worker = createMessageHandler(d);
    await worker.handle({ type: 'page', fresh: true }, at(PLANTED, 3));
    await worker.handle({ type: 'page' }, at(POSTED, 3));
    await worker.handle({ type: 'credential' }, at(POSTED, 3));
    expect(await sources(d)).toEqual(['evil.onmicrosoft.com:tenant-url']);
  });

  it('typing the address in the tab, then a completed credential step at the tenant, makes it trusted', async () => {
    const d = deps();
    const worker = createMessageHandler(d);
    await worker.handle({ type: 'page', fresh: true }, at(REDEEM, 3));
    await worker.handle({ type: 'typed' }, at(REDEEM, 3));
    await worker.handle({ type: 'credential' }, at('https://login.microsoftonline.com/ezaz2281.onmicrosoft.com/login', 3));
    expect(await sources(d)).toEqual(['ezaz2281.onmicrosoft.com:signed-in']);
    // Typing in another tab does not count for this one.
    await worker.handle({ type: 'page', fresh: true }, at(EVIL, 4));
    await worker.handle({ type: 'typed' }, at(EVIL, 5));
    await worker.handle({ type: 'credential' }, at(POSTED, 4));
    expect(await sources(d)).toEqual(['ezaz2281.onmicrosoft.com:signed-in', 'evil.onmicrosoft.com:tenant-url']);
  });

  it('picking a candidate in the chooser is the one click that trusts it', async () => {
    const d = deps();
    const worker = createMessageHandler(d);
    await worker.handle({ type: 'page' }, at(EVIL, 3));
    expect(await worker.handle({ type: 'tried', tenant: 'evil.onmicrosoft.com', original: COMMON, chosen: false }, at(COMMON, 3))).toEqual({ ok: true });
    expect(await sources(d)).toEqual(['evil.onmicrosoft.com:tenant-url']);
    await worker.handle({ type: 'tried', tenant: 'evil.onmicrosoft.com', original: COMMON, chosen: true }, at(COMMON, 3));
    expect(await sources(d)).toEqual(['evil.onmicrosoft.com:confirmed']);
  });

  it('a tenant the sign-in service says does not exist (AADSTS90002) is not kept; a trusted one is never dropped so', async () => {
    const d = deps();
    const worker = createMessageHandler(d);
    await worker.handle({ type: 'page' }, at(EVIL, 3));
    await worker.handle({ type: 'log', kind: 'declined', reason: 'aadsts-90002' }, at(EVIL, 3));
    expect(await sources(d)).toEqual([]);
    await addManualTenant(d.local, { tenant: 'ezaz2281.onmicrosoft.com' }, () => 1);
    await worker.handle({ type: 'log', kind: 'declined', reason: 'aadsts-90002' }, at(COMMON.replace('/common/', '/ezaz2281.onmicrosoft.com/'), 3));
    expect(await sources(d)).toEqual(['ezaz2281.onmicrosoft.com:manual']);
  });

  it('mode off learns nothing, and neither does a policy that switches learning off', async () => {
    for (const d of [Object.assign(deps(), { local: memoryArea({ mode: 'off' }) }), Object.assign(deps(), { managed: memoryArea({ learning: false }) })]) {
      const worker = createMessageHandler(d);
      await new Promise((r) => setTimeout(r, 0)); // the policy store answers
      await worker.handle({ type: 'page' }, at(REDEEM, 3));
      await worker.handle({ type: 'typed' }, at(REDEEM, 3));
      await worker.handle({ type: 'credential' }, at(REDEEM, 3));
      expect(await sources(d)).toEqual([]);
    }
  });

  it('settings change only through messages from the extension’s own pages, and a removal is not undone by learning', async () => {
    const d = { ...deps(), pagesOrigin: 'chrome-extension://abc/' };
    const worker = createMessageHandler(d);
    const queue = createQueue();
    const options = { url: 'chrome-extension://abc/src/pages/options/index.html', tabId: 9 };
    expect(await worker.handle({ type: 'remove-tenant', value: 'x.onmicrosoft.com' }, at(COMMON))).toEqual({ ok: false, reason: 'unknown-message' });
    await worker.handle({ type: 'page' }, at(EVIL, 3));
    // The removal and a page of the same tenant loading at once: one after the other, and the removal holds.
    await Promise.all([
      queue(() => worker.handle({ type: 'remove-tenant', value: 'evil.onmicrosoft.com' }, options)),
      queue(() => worker.handle({ type: 'page' }, at(EVIL, 4))),
    ]);
    expect(await sources(d)).toEqual([]);
    expect(await worker.handle({ type: 'add-tenant', tenant: 'common' }, options)).toMatchObject({ ok: false, message: expect.any(String) });
    expect(await worker.handle({ type: 'add-tenant', tenant: 'ezaz2281.onmicrosoft.com' }, options)).toEqual({ ok: true, message: 'ezaz2281.onmicrosoft.com' });
    expect(await sources(d)).toEqual(['ezaz2281.onmicrosoft.com:manual']);
  });

  it('a locked mode cannot be changed, even before the policy store answers', async () => {
    let answer!: (v: Record<string, unknown>) => void;
    const managed = { get: () => new Promise<Record<string, unknown>>((r) => (answer = r)) };
    const d = { ...deps(), managed, pagesOrigin: 'chrome-extension://abc/' };
    const worker = createMessageHandler(d);
    const change = worker.handle({ type: 'set-mode', mode: 'automatic' }, { url: 'chrome-extension://abc/x.html' });
    answer({ mode: 'off' });
    expect(await change).toEqual({ ok: false, reason: 'locked' });
    expect(d.local.data.mode).toBeUndefined();
  });
});

describe('never waiting on the policy store', () => {
  it('a page gets its snapshot at once from the cached policy, and the final one is pushed when the store answers', async () => {
    let answer!: (v: Record<string, unknown>) => void;
    const managed = { get: () => new Promise<Record<string, unknown>>((r) => (answer = r)) };
    const pushed: { tabId: number; message: { snapshot: { settings: { mode: string; provisional?: boolean } } } }[] = [];
    const d = { ...deps(), local: memoryArea({ policyCache: { mode: 'ask' } }), managed, push: (tabId: number, message: never) => void pushed.push({ tabId, message }) };
    const worker = createMessageHandler(d);
    const first = (await worker.handle({ type: 'page' }, at(COMMON, 4))) as { settings: { mode: string; modeLocked: boolean; provisional?: boolean } };
    expect(first.settings).toMatchObject({ mode: 'ask', modeLocked: true, provisional: true });
    answer({ mode: 'off' });
    await new Promise((r) => setTimeout(r, 10));
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.tabId).toBe(4);
    expect(pushed[0]!.message.snapshot.settings).toMatchObject({ mode: 'off' });
    expect(pushed[0]!.message.snapshot.settings.provisional).toBeUndefined();
    expect(d.local.data.policyCache).toEqual({ mode: 'off' });
  });
});

