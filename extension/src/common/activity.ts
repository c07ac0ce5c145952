// What the extension last did or declined to do, and why. Kept in chrome.storage.local only; never sent anywhere.
import type { StorageArea } from './settings.ts';

export type ActivityKind = 'rerouted' | 'offered' | 'explained' | 'declined' | 'learned';

export interface ActivityEntry {
  at: number; // epoch ms
  kind: ActivityKind;
  /** A machine reason ('mode-off', 'account-not-found', 'aadsts-50020', …): the popup maps it to words. */
  reason: string;
  /** The tenant concerned, when there is one. */
  tenant?: string;
}

export const MAX_ACTIVITY = 20;
const KINDS: readonly ActivityKind[] = ['rerouted', 'offered', 'explained', 'declined', 'learned'];

export function isActivityEntry(value: unknown): value is ActivityEntry {
  const v = value as Partial<ActivityEntry> | null;
  return (
    !!v &&
    typeof v.at === 'number' &&
    typeof v.reason === 'string' &&
    v.reason.length <= 80 &&
    KINDS.includes(v.kind as ActivityKind) &&
    (v.tenant === undefined || (typeof v.tenant === 'string' && v.tenant.length <= 253))
  );
}

export async function readActivity(local: StorageArea): Promise<ActivityEntry[]> {
  const { activity } = await local.get(['activity']);
  return Array.isArray(activity) ? activity.filter(isActivityEntry) : [];
}

/** Newest first, bounded. */
export async function recordActivity(local: StorageArea, entry: ActivityEntry): Promise<void> {
  if (!isActivityEntry(entry) || !local.set) return;
  const current = await readActivity(local);
  await local.set({ activity: [entry, ...current].slice(0, MAX_ACTIVITY) });
}
