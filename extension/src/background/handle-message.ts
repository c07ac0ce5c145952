// The service worker's side of the sign-in page: learns tenants, hands each page a snapshot (settings + this
// tab's attempt), records what the page did. The single writer of chrome.storage.local and of the per-tab
// attempt memory in chrome.storage.session. Storage areas and clock are passed in.
import { learnTenantFromUrl, SIGN_IN_HOSTS } from '../../../shared/authority-rewrite.ts';
import { createAttemptMemory, type AttemptMemory } from '../content/attempts.ts';
import { planPage } from '../content/decide.ts';
import type { Snapshot } from '../content/messages.ts';
import { PANEL_CSS } from '../content/panel-style.ts';
import { isActivityEntry, recordActivity, type ActivityEntry } from '../settings/activity.ts';
import { learnTenant, readSettings, type EffectiveSettings, type StorageArea } from '../settings/settings.ts';

export interface BackgroundDeps {
  local: StorageArea;
  managed?: StorageArea;
  /** chrome.storage.session: per-tab attempt memory, gone when the browser closes. */
  session: StorageArea;
  now(): number;
  openOptions(): Promise<void> | void;
  /**
   * Run bookkeeping (attempt memory, activity log) after the answer is sent, but before the next message is
   * handled: the page can navigate a few milliseconds sooner, and ordering between messages is kept.
   */
  later(job: () => Promise<unknown>): void;
}

/** Who sent the message, as the browser reports it (never as the message claims). */
export interface Sender {
  tabId?: number;
  url?: string;
}

export type HandleResult = Snapshot | { ok: true } | { ok: false; reason: string };

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

const log = (deps: BackgroundDeps, kind: ActivityEntry['kind'], reason: string, tenant?: string) =>
  recordActivity(deps.local, tenant ? { at: deps.now(), kind, reason, tenant } : { at: deps.now(), kind, reason });

/**
 * The worker's message handler. Settings and each tab's attempt memory are also kept in memory (dropped when
 * storage changes or the tab closes), so a page's snapshot rarely needs a storage read.
 */
export function createMessageHandler(deps: BackgroundDeps) {
  let settings: Promise<EffectiveSettings> | undefined;
  // Stands in for the typed address in the pages' plans: URL-safe, and not guessable by a page that would
  // like its own text replaced by the address.
  const hint = `gp-${crypto.randomUUID()}`;
  const tabs = new Map<number, string | null>();

  const currentSettings = () =>
    (settings ??= readSettings(deps.local, deps.managed).catch((error: unknown) => {
      settings = undefined;
      throw error;
    }));

  async function attemptsOf(tabId: number): Promise<{ memory: AttemptMemory; save(): Promise<void> }> {
    const key = `attempts.${tabId}`;
    if (!tabs.has(tabId)) {
      const stored = (await deps.session.get([key]))[key];
      tabs.set(tabId, typeof stored === 'string' ? stored : null);
    }
    let changed = false;
    const store = {
      getItem: () => tabs.get(tabId) ?? null,
      setItem: (_k: string, v: string) => void (tabs.set(tabId, v), (changed = true)),
    };
    const memory = createAttemptMemory(store, deps.now);
    return { memory, save: async () => void (changed && deps.session.set && (await deps.session.set({ [key]: tabs.get(tabId) })) ) };
  }

  async function handle(message: unknown, sender: Sender): Promise<HandleResult> {
    const m = message as { type?: unknown; tenant?: unknown; original?: unknown; loginHint?: unknown; chosen?: unknown; kind?: unknown; reason?: unknown } | null;
    if (m?.type === 'open-options') {
      await deps.openOptions();
      return { ok: true };
    }
    const url = signInUrl(sender);
    if (!url || sender.tabId === undefined) return { ok: false, reason: 'not-from-sign-in-page' };
    const tabId = sender.tabId;

    switch (m?.type) {
      case 'page': {
        const learned = learnTenantFromUrl(url);
        if (learned.action === 'learn') {
          const outcome = await learnTenant(deps.local, deps.managed, learned.tenant, learned.source, deps.now);
          if (outcome.action === 'learned') {
            settings = undefined;
            deps.later(() => log(deps, 'learned', learned.source, learned.tenant.value));
          }
        }
        const [current, attempts] = await Promise.all([currentSettings(), attemptsOf(tabId)]);
        const attempt = attempts.memory.get(url);
        const plan = planPage(url, current, attempt, hint);
        return attempt ? { settings: current, attempt, plan, panelCss: PANEL_CSS } : { settings: current, plan, panelCss: PANEL_CSS };
      }
      case 'tried': {
        // Only a tenant the person actually has, for the request this tab is on.
        const tenant = (await currentSettings()).tenants.find((t) => t.tenant.value === m.tenant)?.tenant.value;
        if (!tenant || typeof m.original !== 'string' || signInUrl({ url: m.original }) === undefined) return { ok: false, reason: 'unknown-tenant' };
        const loginHint = typeof m.loginHint === 'string' && m.loginHint.length <= 320 ? m.loginHint : undefined;
        const attempts = await attemptsOf(tabId);
        attempts.memory.tried(url, m.original, tenant, loginHint);
        await attempts.save();
        deps.later(() => log(deps, 'rerouted', m.chosen === true ? 'chosen' : 'account-not-found', tenant));
        return { ok: true };
      }
      case 'log': {
        const entry = { at: deps.now(), kind: m.kind, reason: m.reason, ...(typeof m.tenant === 'string' ? { tenant: m.tenant } : {}) };
        if (!LOGGABLE.includes(m.kind as string) || !isActivityEntry(entry)) return { ok: false, reason: 'invalid-entry' };
        deps.later(() => recordActivity(deps.local, entry));
        return { ok: true };
      }
      default:
        return { ok: false, reason: 'unknown-message' };
    }
  }

  return {
    handle,
    /** chrome.storage.onChanged for 'local' or 'managed': the next question reads the stores again. */
    settingsChanged() {
      settings = undefined;
    },
    /** tabs.onRemoved: forget the tab (memory and session store). */
    async tabClosed(tabId: number) {
      tabs.delete(tabId);
      await deps.session.remove?.(`attempts.${tabId}`);
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
