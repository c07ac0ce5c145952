// What the sign-in page's content script and the service worker say to each other (types only).
// The worker owns the stores (single writer); when a sign-in page loads it hands the page a snapshot of the
// settings, of this tab's attempt for the request and of its decisions made in advance (plan.ts), so the page
// can act the instant the error appears without a round trip, then reports what it did.
import type { Attempt } from './attempts.ts';
import type { Plan } from './plan.ts';
import type { EffectiveSettings } from '../settings/settings.ts';
import type { ActivityKind } from '../settings/activity.ts';

export type ContentMessage =
  /** A sign-in page loaded: learn from its URL (read from the sender, not from us), answer with a Snapshot. */
  | { type: 'page' }
  /** `tenant` is being tried for the request that started at `original` (auto reroute or the person's pick). */
  | { type: 'tried'; tenant: string; original: string; loginHint?: string; chosen: boolean }
  /** Something shown or declined, for the popup's "last action". */
  | { type: 'log'; kind: Exclude<ActivityKind, 'learned' | 'rerouted'>; reason: string; tenant?: string }
  | { type: 'open-options' };

export interface Snapshot {
  settings: EffectiveSettings;
  attempt?: Attempt;
  /** What the page does in each state it can reach: the page only looks its answer up. */
  plan: Plan;
  /** The panel's style sheet (panel-style.ts), for the rare page that shows it. */
  panelCss: string;
}
