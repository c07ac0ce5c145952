// The service worker's message handling: checks who is asking, and is the single writer of the stores.
import { describe, expect, it } from 'vitest';
import { createMessageHandler, createQueue, type BackgroundDeps, type Sender } from '../../extension/src/background/handle-message.ts';
import { readActivity } from '../../extension/src/settings/activity.ts';
import { addManualTenant, readUserTenants } from '../../extension/src/settings/settings.ts';
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
    expect(r).toMatchObject({ settings: { tenants: [{ tenant: { value: 'ezaz2281.onmicrosoft.com' }, source: 'tenant-url' }] } });
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
    expect(first.settings).toEqual({ mode: 'automatic', modeLocked: false, tenants: [] });
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
    expect(await worker.handle({ type: 'page' }, at(atTenant, 7))).toMatchObject({
      attempt: { original: COMMON, tried: ['ezaz2281.onmicrosoft.com'], loginHint: 'jane.doe@gmail.com' },
    });
    expect(await worker.handle({ type: 'page' }, at(atTenant, 8))).not.toHaveProperty('attempt');
    // A restarted worker (memory gone) still knows, from chrome.storage.session.
    expect(await createMessageHandler(d).handle({ type: 'page' }, at(atTenant, 7))).toHaveProperty('attempt');
    await worker.tabClosed(7);
    expect(d.session.data).toEqual({});
  });
});
