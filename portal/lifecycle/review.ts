// The quarterly guest review: the stale list (from the health check's snapshot), then removal of the guests the
// admin selected — behind a confirmation naming how many, with a dry run, each user read again just before its
// deletion and refused when it is no longer a guest, has signed in since the list was made, or is not stale by the
// stale list's own rule (so an id that was never on the list is not deleted either). The list's time comes from the
// client: one in the future or older than a day is refused. Removed users stay restorable from deleted items for 30
// days.
import type { Client } from '@microsoft/microsoft-graph-client';
import { DEFAULT_CHECK_OPTIONS, staleLists, staleReason } from '../health/checks.ts';
import { GraphReader, type GraphReaderOptions } from '../health/graph-reader.ts';
import { guestFromUser, GUEST_USER_SELECT, readGuestsWithSignIns, type Guest } from '../health/snapshot.ts';
import { call, NEEDED, type Audit, type Refusal } from './graph-call.ts';

export interface StaleList {
  /** When the list was read: a guest who signs in after this is no longer removable from it. */
  madeAt: number;
  guests: { id: string; displayName: string; address: string; lastSignIn: number | null; reason: 'stale' | 'never-signed-in' }[];
}

export type StaleListResult = { ok: true; list: StaleList } | { ok: false; reason: string };

/** `reader`: e.g. `beforeRequests`, so the admin API takes this bulk read from the tenant's Graph budget too. */
export async function readStaleList(client: Client, now: () => number = Date.now, staleDays = DEFAULT_CHECK_OPTIONS.staleDays, reader: GraphReaderOptions = {}): Promise<StaleListResult> {
  const snapshot = { now: now(), ...(await readGuestsWithSignIns(new GraphReader(client, { ...reader, now }))) };
  if (!snapshot.guests.ok) return { ok: false, reason: snapshot.guests.reason === 'permission' ? `grant ${snapshot.guests.permission}` : snapshot.guests.detail };
  if (!snapshot.signInActivity.ok) {
    return { ok: false, reason: snapshot.signInActivity.reason === 'licence' ? 'sign-in activity needs Microsoft Entra ID P1 or P2' : snapshot.signInActivity.reason === 'permission' ? `grant ${snapshot.signInActivity.permission}` : snapshot.signInActivity.detail };
  }
  const { stale, never } = staleLists(snapshot, { staleDays });
  const entry = (g: Guest, reason: 'stale' | 'never-signed-in') => ({ id: g.id, displayName: g.displayName, address: g.address, lastSignIn: g.lastSignIn ?? null, reason });
  return { ok: true, list: { madeAt: snapshot.now, guests: [...stale.map((g) => entry(g, 'stale')), ...never.map((g) => entry(g, 'never-signed-in'))] } };
}

export interface RemovalRequest {
  ids: string[];
  /** The list's `madeAt`. */
  listMadeAt: number;
  /** How many the admin confirmed ("Remove 3 guests"): must equal ids.length. */
  confirmedCount: number;
  dryRun: boolean;
  /** The server's time now (the list's time is checked against it, and each guest is judged stale at it). */
  now: number;
  /** The stale list's threshold (default: the health check's). */
  staleDays?: number;
}

/** A list older than this is made again before anything is removed from it. */
export const STALE_LIST_MAX_AGE_MS = 24 * 3_600_000;
/** Clock difference tolerated between the instance that made the list and the one removing from it. */
const CLOCK_SKEW_MS = 60_000;

export type RemovalOutcome =
  | { id: string; outcome: 'removed' | 'would-remove'; displayName: string }
  | { id: string; outcome: 'refused'; reason: string; refusal?: Refusal['kind'] };

export type RemovalResult = { ok: true; results: RemovalOutcome[] } | { ok: false; reason: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface UserNow {
  id: string;
  displayName?: string | null;
  userType?: string | null;
}

export async function removeStaleGuests(client: Client, request: RemovalRequest, audit: Audit): Promise<RemovalResult> {
  const ids = [...new Set(request.ids)];
  if (ids.length === 0) return { ok: false, reason: 'select at least one guest' };
  if (ids.length > 500) return { ok: false, reason: 'at most 500 guests per removal' };
  if (ids.some((id) => !GUID.test(id))) return { ok: false, reason: 'user ids must be GUIDs' };
  if (request.confirmedCount !== ids.length) return { ok: false, reason: `the confirmation was for ${request.confirmedCount} guest(s) but ${ids.length} are selected: confirm again` };
  // "Signed in since the list was made" is only a safeguard with the list's real time: not a future one, not a stale one.
  if (request.listMadeAt > request.now + CLOCK_SKEW_MS) return { ok: false, reason: 'the list is dated in the future: make the list again' };
  if (request.listMadeAt < request.now - STALE_LIST_MAX_AGE_MS) return { ok: false, reason: 'the list is more than 24 hours old: make the list again' };
  const staleDays = request.staleDays ?? DEFAULT_CHECK_OPTIONS.staleDays;

  const results: RemovalOutcome[] = [];
  for (const id of ids) {
    // Read again right before deleting: the list may be hours old.
    const read = await call(() => client.api(`/users/${id}`).select(GUEST_USER_SELECT).get() as Promise<UserNow>, NEEDED.read);
    const refuse = async (reason: string, refusal?: Refusal['kind']) => {
      results.push({ id, outcome: 'refused', reason, ...(refusal ? { refusal } : {}) });
      await audit({ action: 'remove-guest', targetId: id, outcome: 'refused', reason });
    };
    if (!read.ok) {
      await refuse(read.refusal.reason, read.refusal.kind);
      continue;
    }
    const user = read.value;
    if (user.userType !== 'Guest') {
      await refuse('not a guest (any more): only guests are removed by the review');
      continue;
    }
    const guest = guestFromUser(user);
    if (!guest || guest.lastSignIn === undefined) {
      await refuse('the user could not be read as a guest with its sign-in activity: kept');
      continue;
    }
    const lastSignIn = guest.lastSignIn;
    if (lastSignIn !== null && lastSignIn > request.listMadeAt) {
      await refuse('signed in since the list was made: kept');
      continue;
    }
    if (staleReason(guest, request.now, { staleDays }) === null) {
      await refuse(`not a stale guest (accepted, and no sign-in for ${staleDays} days or none at all for 30 days after accepting): kept`);
      continue;
    }
    const displayName = user.displayName ?? id;
    if (request.dryRun) {
      results.push({ id, outcome: 'would-remove', displayName });
      await audit({ action: 'remove-guest', targetId: id, outcome: 'dry-run', detail: { displayName } });
      continue;
    }
    const deleted = await call(() => client.api(`/users/${id}`).delete() as Promise<unknown>, NEEDED.remove);
    if (!deleted.ok) {
      results.push({ id, outcome: 'refused', reason: deleted.refusal.reason, refusal: deleted.refusal.kind });
      await audit({ action: 'remove-guest', targetId: id, outcome: deleted.refusal.kind === 'failed' ? 'failed' : 'refused', reason: deleted.refusal.reason });
      continue;
    }
    results.push({ id, outcome: 'removed', displayName });
    await audit({ action: 'remove-guest', targetId: id, outcome: 'done', detail: { displayName, lastSignIn: lastSignIn === null ? null : new Date(lastSignIn).toISOString() } });
  }
  return { ok: true, results };
}

export interface DeletedUserEntry {
  id: string;
  displayName: string;
  mail: string | null;
  userType: string | null;
  deletedDateTime: string;
}

export async function listDeletedUsers(client: Client) {
  return call(async () => {
    const page = (await client.api('/directory/deletedItems/microsoft.graph.user').select(['id', 'displayName', 'mail', 'userType', 'deletedDateTime']).get()) as { value: DeletedUserEntry[] };
    return page.value;
  }, NEEDED.read);
}

export async function restoreDeletedUser(client: Client, id: string, audit: Audit) {
  if (!GUID.test(id)) return { ok: false as const, refusal: { kind: 'rejected' as const, reason: 'user ids must be GUIDs' } };
  const restored = await call(() => client.api(`/directory/deletedItems/${id}/restore`).post({}) as Promise<{ id: string; displayName?: string }>, NEEDED.restore);
  await audit(restored.ok ? { action: 'restore-user', targetId: id, outcome: 'done', detail: { displayName: restored.value.displayName ?? null } } : { action: 'restore-user', targetId: id, outcome: restored.refusal.kind === 'failed' ? 'failed' : 'refused', reason: restored.refusal.reason });
  return restored;
}
