// What the extension's contexts say to each other (types only). The service worker owns the stores (the single
// writer of chrome.storage.local and .session): the sign-in page's content script asks it for a snapshot when a page
// loads (its decisions made in advance, content-script/plan.ts) and reports what the guest and the page did; the
// options page and the popup read the stores and send every change here.
import type { PageDecision, Plan } from './decision.ts';
import type { ActivityKind } from './activity.ts';
import type { EffectiveSettings, Mode } from './settings.ts';

export type ContentMessage =
  /**
   * A sign-in page loaded: learn from its URL (read from the sender, not from us), answer with a Snapshot.
   * `fresh`: the tab arrived from another site (the referrer is another origin), so a new sign-in begins.
   */
  | { type: 'page'; fresh?: boolean }
  /** The guest typed an address and submitted the username step (trusted events only). */
  | { type: 'typed' }
  /** The guest submitted a password or passcode (`secret`), or pressed Accept on a consent page (`accept`); trusted events only. */
  | { type: 'credential'; step?: 'secret' | 'accept' }
  /** `tenant` is being tried for the request that started at `original` (auto reroute or the person's pick). */
  | { type: 'tried'; tenant: string; original: string; loginHint?: string; chosen: boolean }
  /** Something shown or declined, for the popup's "last action". */
  | { type: 'log'; kind: Exclude<ActivityKind, 'learned' | 'rerouted'>; reason: string; tenant?: string }
  | { type: 'open-options' };

/** From the options page and the popup (extension pages only). */
export type PageMessage =
  | { type: 'settings' }
  | { type: 'add-tenant'; tenant: string; label?: string; portalUrl?: string }
  | { type: 'update-tenant'; value: string; label?: string; portalUrl?: string }
  | { type: 'remove-tenant'; value: string }
  | { type: 'trust-tenant'; value: string }
  | { type: 'set-mode'; mode: Mode };

export interface Snapshot {
  settings: EffectiveSettings;
  /** What the page does in each state it can reach: the page only looks its answer up. */
  plan: Plan;
  /** The panel's style sheet (worker/panel-style.ts), for the rare page that shows it. */
  panelCss: string;
}

/** Worker → content script, when the policy store answered after the page got a provisional snapshot. */
export interface SnapshotPush {
  type: 'snapshot';
  snapshot: Snapshot;
}

/** chrome.i18n.getMessage's shape (passed in, so tests use the shipped strings without a browser). */
export type Translate = (key: string, substitutions?: string[]) => string;
