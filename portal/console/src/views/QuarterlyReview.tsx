// The quarterly guest review: the stale list (accepted guests without a sign-in for 90 days, and those who never
// signed in) → select → a dry run, or a removal behind a confirmation that names how many; the admin API reads each
// guest again first and keeps anyone who signed in since the list was made. Removed users can be restored from
// deleted items for 30 days.
import { useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import type { Session } from '../auth.ts';
import { errorText, when } from '../format.ts';
import { useLoad } from '../use-load.ts';
import { LoadState } from './LoadState.tsx';

interface StaleGuest {
  id: string;
  displayName: string;
  address: string;
  lastSignIn: string | null;
  reason: 'stale' | 'never-signed-in';
}
interface StaleList {
  madeAt: number;
  guests: StaleGuest[];
}
interface RemovalAnswer {
  dryRun: boolean;
  removed: number;
  wouldRemove: number;
  refused: number;
  results: { id: string; outcome: 'removed' | 'would-remove' | 'refused'; displayName?: string; reason?: string }[];
}
interface DeletedUser {
  id: string;
  displayName: string;
  mail: string | null;
  userType: string | null;
  deletedDateTime: string;
  restorableUntil: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function QuarterlyReview({ session }: { session: Session }) {
  const api = adminApi(session);
  const [list, setList] = useState<StaleList>();
  const [listError, setListError] = useState<string>();
  const [reading, setReading] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [answer, setAnswer] = useState<RemovalAnswer>();
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const [deletedRound, setDeletedRound] = useState(0);
  const deleted = useLoad(() => api.get<{ deleted: DeletedUser[] }>('lifecycle/deleted'), [session, deletedRound]);

  async function readList() {
    setReading(true);
    setListError(undefined);
    setAnswer(undefined);
    setConfirming(false);
    try {
      const next = await api.get<StaleList>('lifecycle/stale');
      setList(next);
      setSelected(new Set());
    } catch (error) {
      setListError(errorText(error));
    } finally {
      setReading(false);
    }
  }

  async function remove(dryRun: boolean) {
    if (!list) return;
    const ids = [...selected];
    setConfirming(false);
    setStatus({ text: dryRun ? `Checking ${plural(ids.length, 'guest')} (dry run)…` : `Removing ${plural(ids.length, 'guest')}…` });
    try {
      const result = await api.post<RemovalAnswer>('lifecycle/remove', { ids, listMadeAt: list.madeAt, confirmCount: ids.length, dryRun });
      setAnswer(result);
      setStatus({
        text: dryRun
          ? `Dry run: ${plural(result.wouldRemove, 'guest')} would be removed, ${result.refused} kept. Nothing was changed.`
          : `Removed ${plural(result.removed, 'guest')}${result.refused ? `; ${result.refused} kept (see below)` : ''}. They can be restored for 30 days.`,
        error: result.refused > 0,
      });
      if (!dryRun) {
        setList({ ...list, guests: list.guests.filter((g) => !result.results.some((r) => r.id === g.id && r.outcome === 'removed')) });
        setSelected(new Set());
        setDeletedRound((n) => n + 1);
      }
    } catch (error) {
      setStatus({ text: `${dryRun ? 'The dry run' : 'The removal'} failed: ${errorText(error)}`, error: true });
    }
  }

  async function restore(user: DeletedUser) {
    setStatus({ text: `Restoring ${user.displayName}…` });
    try {
      await api.post(`lifecycle/deleted/${encodeURIComponent(user.id)}/restore`, {});
      setStatus({ text: `Restored ${user.displayName}, with their groups.` });
      setDeletedRound((n) => n + 1);
    } catch (error) {
      setStatus({ text: `Could not restore ${user.displayName}: ${errorText(error)}`, error: true });
    }
  }

  const guests = list?.guests ?? [];
  const count = selected.size;
  const names = new Map(guests.map((g) => [g.id, g.displayName]));
  return (
    <section aria-labelledby="review-title" class="review">
      <h2 id="review-title">Quarterly guest review</h2>
      <p class="muted">
        Accepted guests without a sign-in for 90 days, and accepted guests who never signed in. Removal runs with your own
        rights in Microsoft Entra (User Administrator or higher); each guest is read again first and kept if they signed in
        since the list was made.
      </p>
      <p>
        <button type="button" onClick={() => void readList()} disabled={reading}>
          {list ? 'Read the stale list again' : 'Read the stale list'}
        </button>
      </p>
      {reading && <p role="status">Reading the stale list…</p>}
      {listError && (
        <p role="alert" class="error">
          The stale list could not be read: {listError}
        </p>
      )}
      {list && (
        <table class="stale">
          <caption>
            {plural(guests.length, 'stale guest')}, listed {when(new Date(list.madeAt).toISOString())}
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select every stale guest"
                  checked={guests.length > 0 && count === guests.length}
                  onChange={(e) => setSelected((e.currentTarget as HTMLInputElement).checked ? new Set(guests.map((g) => g.id)) : new Set())}
                />
              </th>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">Why</th>
              <th scope="col">Last sign-in</th>
            </tr>
          </thead>
          <tbody>
            {guests.map((g) => (
              <tr key={g.id} data-stale={g.address}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${g.displayName} (${g.address})`}
                    checked={selected.has(g.id)}
                    onChange={(e) => {
                      const next = new Set(selected);
                      if ((e.currentTarget as HTMLInputElement).checked) next.add(g.id);
                      else next.delete(g.id);
                      setSelected(next);
                      setConfirming(false);
                    }}
                  />
                </td>
                <td>{g.displayName}</td>
                <td>{g.address}</td>
                <td>{g.reason === 'stale' ? 'No sign-in for 90 days' : 'Never signed in'}</td>
                <td>{g.lastSignIn ? when(g.lastSignIn) : 'never'}</td>
              </tr>
            ))}
            {guests.length === 0 && (
              <tr>
                <td colSpan={5}>No stale guests.</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {list && (
        <p class="actions">
          <button type="button" disabled={count === 0} onClick={() => void remove(true)}>
            Dry run ({count})
          </button>{' '}
          <button type="button" class="danger" disabled={count === 0} onClick={() => setConfirming(true)}>
            Remove selected ({count})…
          </button>
        </p>
      )}
      {confirming && count > 0 && (
        <div class="confirm" role="group" aria-labelledby="confirm-title">
          <p id="confirm-title">
            <strong>
              Remove {plural(count, 'guest')} from {session.tenant.displayName}?
            </strong>{' '}
            {[...selected].map((id) => names.get(id) ?? id).join(', ')} will lose access at once. Each can be restored from deleted
            users for 30 days.
          </p>
          <button type="button" class="danger" onClick={() => void remove(false)}>
            Remove {plural(count, 'guest')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      <p role="status" class={status?.error ? 'error' : 'ok'}>
        {status?.text ?? ''}
      </p>
      {answer && answer.results.some((r) => r.outcome === 'refused') && (
        <ul class="kept">
          {answer.results
            .filter((r) => r.outcome === 'refused')
            .map((r) => (
              <li key={r.id}>
                {names.get(r.id) ?? r.id}: {r.reason}
              </li>
            ))}
        </ul>
      )}

      <h3 id="deleted-title">Deleted users (restorable for 30 days)</h3>
      <LoadState loaded={deleted} what="deleted users" failed="Deleted users could not be read" />
      {deleted.data && (
        <table aria-labelledby="deleted-title" class="deleted">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">Deleted</th>
              <th scope="col">Restorable until</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deleted.data.deleted.map((d) => (
              <tr key={d.id} data-deleted={d.mail ?? d.id}>
                <td>
                  {d.displayName}
                  {d.userType === 'Guest' ? '' : ` (${d.userType ?? 'user'})`}
                </td>
                <td>{d.mail ?? '—'}</td>
                <td>{when(d.deletedDateTime)}</td>
                <td>{when(d.restorableUntil)}</td>
                <td>
                  <button type="button" onClick={() => void restore(d)} aria-label={`Restore ${d.displayName}`}>
                    Restore
                  </button>
                </td>
              </tr>
            ))}
            {deleted.data.deleted.length === 0 && (
              <tr>
                <td colSpan={5}>No deleted users.</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
