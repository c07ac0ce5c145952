// The service worker's message handler: the single writer of chrome.storage.local (tenants, mode, activity, the
// policy cache) and of each tab's sign-in memory in chrome.storage.session. Sign-in pages get a snapshot (their
// decisions made in advance) and report what the guest did; the options page and the popup send every change here,
// so a removal and a learning write are applied one after the other (createQueue), never interleaved. Storage
// areas, clock and tab messaging are passed in.
import { authorityOf, learnTenantFromUrl, SIGN_IN_HOSTS, type LearnResult } from '../../../shared/authority-rewrite.ts';
import { parseTenant } from '../../../shared/tenant.ts';
import { isActivityEntry, recordActivity, type ActivityEntry } from '../common/activity.ts';
import type { Snapshot, SnapshotPush } from '../common/messages.ts';
import { cleanPolicy, isMode, LOCAL_KEYS, mergeSettings, safeGet, type EffectiveSettings, type ManagedPolicy, type StorageArea } from '../common/settings.ts';
import { planPage, TENANT_NOT_FOUND } from './decide.ts';
import { PANEL_CSS } from './panel-style.ts';
import { createPolicySource } from './policy.ts';
import { credentialCompleted, current, isSignIn, pageLoaded, triedTenant, typedAddress, type SignIn } from './sign-in-memory.ts';
import { addManualTenant, forgetCandidate, learnCandidate, removeTenant, setMode, trustTenant, updateTenant } from './tenant-store.ts';

export interface BackgroundDeps {
  local: StorageArea;
  managed?: StorageArea;
  /** chrome.storage.session: per-tab sign-in memory, gone when the browser closes. */
  session: StorageArea;
  now(): number;
  openOptions(): Promise<void> | void;
  /**
   * Run bookkeeping (sign-in memory, activity log) after the answer is sent, but before the next message is
   * handled: the page can navigate a few milliseconds sooner, and ordering between messages is kept.
   */
  later(job: () => Promise<unknown>): void;
  /** Origin of the extension's own pages (chrome-extension://<id>/): only they may change settings. */
  pagesOrigin?: string;
  /** Send a message to the content script of a tab (a fresh snapshot once the policy store answered). */
  push?(tabId: number, message: SnapshotPush): void;
}

/** Who sent the message, as the browser reports it (never as the message claims). */
export interface Sender {
  tabId?: number;
  url?: string;
}

export type HandleResult =
  | Snapshot
  | { settings: EffectiveSettings }
  | { ok: true; message?: string }
  | { ok: false; reason: string; message?: string; problem?: string; value?: string };

/** A refused options-page change: the problem key the page translates (and the value it names), the English sentence for logs. */
function refused(r: { problem: string; value?: string; message: string }): HandleResult {
  return { ok: false, reason: 'invalid', problem: r.problem, ...(r.value ? { value: r.value } : {}), message: r.message };
}

/** What a content script may log; 'rerouted' and 'learned' are recorded by the worker itself. */
const LOGGABLE = ['offered', 'explained', 'declined'];

function signInUrl(sender: Sender): string | undefined {
  try {
    const u = new URL(sender.url ?? '');
    return u.protocol === 'https:' && SIGN_IN_HOSTS.includes(u.hostname) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function tenantOfUrl(url: string): string | undefined {
  const a = authorityOf(url);
  return a.kind === 'tenant' ? a.tenant.value : undefined;
}

/** The tenant a page is about: its tenant endpoint, or the tenant of the redemption link it opens. */
function tenantOfPage(url: string): string | undefined {
  const learned = learnTenantFromUrl(url);
  return tenantOfUrl(url) ?? (learned.action === 'learn' ? learned.tenant.value : undefined);
}

const log = (deps: BackgroundDeps, kind: ActivityEntry['kind'], reason: string, tenant?: string) =>
  recordActivity(deps.local, tenant ? { at: deps.now(), kind, reason, tenant } : { at: deps.now(), kind, reason });

type Message = {
  type?: unknown;
  tenant?: unknown;
  original?: unknown;
  loginHint?: unknown;
  chosen?: unknown;
  kind?: unknown;
  reason?: unknown;
  fresh?: unknown;
  step?: unknown;
  value?: unknown;
  label?: unknown;
  portalUrl?: unknown;
  mode?: unknown;
} | null;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The worker's message handler. Settings and each tab's sign-in memory are also kept in memory (dropped when
 * storage changes or the tab closes), so a page's snapshot rarely needs a storage read.
 */
export function createMessageHandler(deps: BackgroundDeps) {
  let settings: Promise<EffectiveSettings> | undefined;
  // Stands in for the typed address in the pages' plans: URL-safe, and not guessable by a page that would
  // like its own text replaced by the address.
  const hint = `gp-${crypto.randomUUID()}`;
  const tabs = new Map<number, SignIn | undefined>();
  /** Tabs whose page got a provisional snapshot, and the address it was for. */
  const waiting = new Map<number, string>();

  const policy = createPolicySource(deps.managed, deps.local, () => {
    settings = undefined;
    deps.later(pushFinalSnapshots);
  });

  const currentSettings = () =>
    (settings ??= safeGet(deps.local, LOCAL_KEYS)
      .then((local) => mergeSettings(local, policy.known()))
      .catch((error: unknown) => {
        settings = undefined;
        throw error;
      }));
  /** The policy to check writes against: the store's answer, else the last one seen. */
  const policyNow = async (): Promise<ManagedPolicy> => policy.known() ?? cleanPolicy((await safeGet(deps.local, ['policyCache'])).policyCache);

  async function signInOf(tabId: number): Promise<SignIn | undefined> {
    if (!tabs.has(tabId)) {
      const stored = (await deps.session.get([`signin.${tabId}`]))[`signin.${tabId}`];
      tabs.set(tabId, isSignIn(stored) ? stored : undefined);
    }
    return current(tabs.get(tabId), deps.now());
  }
  async function saveSignIn(tabId: number, record: SignIn | undefined): Promise<void> {
    tabs.set(tabId, record);
    if (record) await deps.session.set?.({ [`signin.${tabId}`]: record });
    else await deps.session.remove?.(`signin.${tabId}`);
  }

  async function snapshotFor(tabId: number, url: string): Promise<Snapshot> {
    const [s, record] = await Promise.all([currentSettings(), signInOf(tabId)]);
    if (s.provisional) waiting.set(tabId, url);
    else waiting.delete(tabId);
    return { settings: s, plan: planPage(url, s, record?.attempt, hint), panelCss: PANEL_CSS };
  }

  async function pushFinalSnapshots(): Promise<void> {
    for (const [tabId, url] of [...waiting]) {
      waiting.delete(tabId);
      deps.push?.(tabId, { type: 'snapshot', snapshot: await snapshotFor(tabId, url) });
    }
  }

  /**
   * Run a learning write once the policy is known (it may switch learning off): at once when it is, else right
   * after the policy store answers — the page's snapshot never waits for it.
   */
  function whenPolicyKnown(job: () => Promise<unknown>): Promise<unknown> {
    if (policy.known()) return job();
    void policy.ready().then(() => deps.later(job));
    return Promise.resolve();
  }

  /** Learning from pages, if the settings allow it (not in mode off, not when the policy switched it off). */
  async function learnFrom(learned: LearnResult): Promise<void> {
    if (learned.action !== 'learn') return;
    await whenPolicyKnown(async () => {
      if (!(await currentSettings()).learning) return;
      const outcome = await learnCandidate(deps.local, await policyNow(), learned.tenant, learned.source, deps.now);
      if (outcome.action === 'learned') {
        settings = undefined;
        deps.later(() => log(deps, 'learned', learned.source, learned.tenant.value));
      }
    });
  }

  /** The guest signed in at `tenant` (typed in this tab, then a credential step): trusted, if learning is on. */
  async function signedIn(tenant: string): Promise<void> {
    const parsed = parseTenant(tenant);
    if (!parsed.ok) return;
    await whenPolicyKnown(async () => {
      if (!(await currentSettings()).learning) return;
      const outcome = await trustTenant(deps.local, await policyNow(), parsed.tenant, 'signed-in', deps.now);
      if (outcome.action === 'trusted') {
        settings = undefined;
        deps.later(() => log(deps, 'learned', 'signed-in', tenant));
      }
    });
  }

  async function fromSignInPage(m: Message, tabId: number, url: string): Promise<HandleResult> {
    switch (m?.type) {
      case 'page': {
        const learned = learnTenantFromUrl(url);
        const start = learned.action === 'learn' ? learned.tenant.value : undefined;
        await saveSignIn(tabId, pageLoaded(await signInOf(tabId), url, m.fresh === true, start, deps.now()));
        await learnFrom(learned);
        return snapshotFor(tabId, url);
      }
      case 'typed':
        await saveSignIn(tabId, typedAddress(await signInOf(tabId), deps.now()));
        return { ok: true };
      case 'credential': {
        // The guest signed in here: trusted, if they typed the address in this tab during this sign-in (a planted
        // URL with a login_hint skips the username page, so reaching this step proves nothing), or if they pressed
        // Accept on the tenant's consent page after entering their own passcode or password (redeeming an
        // invitation: a choice only the guest can make). Either way the sign-in moved on, so what was tried for its
        // request is forgotten.
        const record = await signInOf(tabId);
        const tenant = tenantOfPage(url) ?? record?.startTenant;
        await saveSignIn(tabId, credentialCompleted(record, deps.now(), m.step === 'secret'));
        const accepted = m.step === 'accept' && record?.secret === true;
        if ((record?.typed || accepted) && tenant) await signedIn(tenant);
        return { ok: true };
      }
      case 'tried': {
        // Only a tenant the person has, for the request this tab is on.
        const known = (await currentSettings()).tenants.find((t) => t.tenant.value === m.tenant);
        if (!known || typeof m.original !== 'string' || signInUrl({ url: m.original }) === undefined) return { ok: false, reason: 'unknown-tenant' };
        const tenant = known.tenant.value;
        const loginHint = typeof m.loginHint === 'string' && m.loginHint.length <= 320 ? m.loginHint : undefined;
        await saveSignIn(tabId, triedTenant(await signInOf(tabId), url, m.original, tenant, loginHint, deps.now()));
        if (m.chosen === true && !known.trusted) {
          // The one click that remembers: picking a candidate in the chooser confirms it.
          const outcome = await trustTenant(deps.local, await policyNow(), known.tenant, 'confirmed', deps.now);
          if (outcome.action === 'trusted') settings = undefined;
        }
        deps.later(() => log(deps, 'rerouted', m.chosen === true ? 'chosen' : 'account-not-found', tenant));
        return { ok: true };
      }
      case 'log': {
        const entry = { at: deps.now(), kind: m.kind, reason: m.reason, ...(typeof m.tenant === 'string' ? { tenant: m.tenant } : {}) };
        if (!LOGGABLE.includes(m.kind as string) || !isActivityEntry(entry)) return { ok: false, reason: 'invalid-entry' };
        if (entry.reason === `aadsts-${TENANT_NOT_FOUND}`) {
          // The sign-in service says this tenant does not exist: a candidate learned from this URL is not kept.
          const gone = tenantOfPage(url);
          if (gone && (await forgetCandidate(deps.local, gone))) settings = undefined;
        }
        deps.later(() => recordActivity(deps.local, entry));
        return { ok: true };
      }
      default:
        return { ok: false, reason: 'unknown-message' };
    }
  }

  async function fromExtensionPage(m: Message): Promise<HandleResult> {
    const changed = (r: HandleResult): HandleResult => {
      settings = undefined;
      return r;
    };
    switch (m?.type) {
      case 'settings':
        return { settings: await currentSettings() };
      case 'add-tenant': {
        const r = await addManualTenant(deps.local, { tenant: str(m.tenant) ?? '', label: str(m.label), portalUrl: str(m.portalUrl) }, deps.now);
        return changed(r.ok ? { ok: true, message: r.tenant.tenant.value } : refused(r));
      }
      case 'update-tenant': {
        const r = await updateTenant(deps.local, str(m.value) ?? '', { label: str(m.label), portalUrl: str(m.portalUrl) });
        return changed(r.ok ? { ok: true } : refused(r));
      }
      case 'remove-tenant':
        await removeTenant(deps.local, str(m.value) ?? '');
        return changed({ ok: true });
      case 'trust-tenant': {
        const parsed = parseTenant(str(m.value) ?? '');
        if (!parsed.ok) return refused(parsed);
        await trustTenant(deps.local, await policyNow(), parsed.tenant, 'confirmed', deps.now);
        return changed({ ok: true });
      }
      case 'set-mode': {
        if (!isMode(m.mode)) return { ok: false, reason: 'invalid' };
        // A locked mode is never overridden: this write waits for the policy store if it has not answered yet.
        if (isMode((await policy.ready()).mode)) return { ok: false, reason: 'locked' };
        await setMode(deps.local, m.mode);
        return changed({ ok: true });
      }
      default:
        return { ok: false, reason: 'unknown-message' };
    }
  }

  async function handle(message: unknown, sender: Sender): Promise<HandleResult> {
    const m = message as Message;
    if (m?.type === 'open-options') {
      await deps.openOptions();
      return { ok: true };
    }
    if (deps.pagesOrigin && sender.url !== undefined && sender.url.startsWith(deps.pagesOrigin)) return fromExtensionPage(m);
    const url = signInUrl(sender);
    if (!url || sender.tabId === undefined) return { ok: false, reason: 'not-from-sign-in-page' };
    return fromSignInPage(m, sender.tabId, url);
  }

  return {
    handle,
    /** chrome.storage.onChanged for 'local': the next question reads the store again. */
    settingsChanged() {
      settings = undefined;
    },
    /** chrome.storage.onChanged for 'managed': read the policy again. */
    policyChanged() {
      settings = undefined;
      policy.changed();
    },
    /** tabs.onRemoved: forget the tab (memory and session store). */
    async tabClosed(tabId: number) {
      tabs.delete(tabId);
      waiting.delete(tabId);
      await deps.session.remove?.(`signin.${tabId}`);
    },
  };
}

export type MessageHandler = ReturnType<typeof createMessageHandler>;

/** Serialise handling: two tabs reporting at once must not overwrite each other's read-modify-write. */
export function createQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const next = tail.then(job, job);
    tail = next.catch(() => {});
    return next;
  };
}
