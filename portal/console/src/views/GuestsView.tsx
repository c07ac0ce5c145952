// Guests, read from Graph with the admin's delegated token: pending (days waiting) and accepted (last sign-in where
// the tenant provides it), search by name or address, paging by Graph's nextLink. Resending goes through the admin API
// (its durable queue, window and Graph budget; the audit row carries the admin's identity).
import { useMemo, useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import type { Session } from '../auth.ts';
import { daysSince, errorText, when } from '../format.ts';
import { graphClient, guestPage, type GraphGuest, type GuestFilter, type GuestPage } from '../graph.ts';
import { useLoad } from '../use-load.ts';
import { LoadState } from './LoadState.tsx';

interface ResendAnswer {
  results?: { email: string; outcome: string; message?: string }[];
  accepted?: number;
}

export function GuestsView({ session }: { session: Session }) {
  const client = useMemo(() => graphClient(session), [session]);
  const [filter, setFilter] = useState<GuestFilter>('pending');
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  // Graph pages forward only: earlier pages are the links we came through.
  const [links, setLinks] = useState<(string | undefined)[]>([undefined]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const link = links[links.length - 1];
  const page = useLoad<GuestPage>(() => guestPage(client, { filter, search, nextLink: link, withSignIn: true }), [client, filter, search, link]);

  function restart(next: () => void) {
    next();
    setLinks([undefined]);
    setSelected(new Set());
  }

  async function resend(guests: GraphGuest[]) {
    const emails = guests.map((g) => g.mail).filter((m): m is string => Boolean(m));
    if (emails.length === 0) return;
    setStatus({ text: `Sending ${emails.length} invitation${emails.length === 1 ? '' : 's'} again…` });
    try {
      const answer = await adminApi(session).post<ResendAnswer>('resend', { emails });
      const queued = answer.results ? answer.results.filter((r) => r.outcome === 'accepted' || r.outcome === 'queued').length : (answer.accepted ?? emails.length);
      const others = (answer.results ?? []).filter((r) => r.outcome !== 'accepted' && r.outcome !== 'queued');
      setStatus({
        text:
          `Queued ${queued} invitation${queued === 1 ? '' : 's'} to be sent again.` +
          (others.length ? ` Not sent: ${others.map((r) => `${r.email} (${r.message ?? r.outcome})`).join('; ')}.` : ''),
        error: others.length > 0,
      });
      setSelected(new Set());
    } catch (error) {
      setStatus({ text: `Resend failed: ${errorText(error)}`, error: true });
    }
  }

  const guests = page.data?.guests ?? [];
  const pendingSelected = guests.filter((g) => selected.has(g.id) && g.externalUserState === 'PendingAcceptance');
  return (
    <section aria-labelledby="guests-title">
      <h1 id="guests-title">Guests</h1>
      <form
        class="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          restart(() => setSearch(typed));
        }}
      >
        <label>
          Show{' '}
          <select value={filter} onChange={(e) => restart(() => setFilter((e.currentTarget as HTMLSelectElement).value as GuestFilter))}>
            <option value="pending">Pending invitations</option>
            <option value="accepted">Accepted guests</option>
            <option value="all">All guests</option>
          </select>
        </label>
        <label>
          Name or address <input type="search" value={typed} onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit">Search</button>
      </form>
      <p class="actions">
        <button type="button" class="primary" disabled={pendingSelected.length === 0} onClick={() => void resend(pendingSelected)}>
          Resend selected ({pendingSelected.length})
        </button>
      </p>
      <p role="status" class={status?.error ? 'error' : 'ok'}>
        {status?.text ?? ''}
      </p>
      <LoadState loaded={page} what="guests" failed="Microsoft Graph did not answer the guest list" />
      {page.data?.signInUnavailable && (
        <p class="note">Last sign-in is not shown: reading it needs AuditLog.Read.All and Microsoft Entra ID P1 or P2 ({page.data.signInUnavailable}).</p>
      )}
      {!page.loading && !page.error && (
        <table class="guests">
          <caption>
            {page.data?.count !== undefined ? `${page.data.count} guest${page.data.count === 1 ? '' : 's'}` : `${guests.length} shown`}
            {search ? ` matching “${search}”` : ''}, page {links.length}
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <span class="visually-hidden">Select</span>
              </th>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">State</th>
              <th scope="col">Days waiting</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {guests.map((g) => {
              const pending = g.externalUserState === 'PendingAcceptance';
              const since = g.externalUserStateChangeDateTime ?? g.createdDateTime;
              return (
                <tr key={g.id} data-guest={g.mail ?? g.userPrincipalName}>
                  <td>
                    {pending && (
                      <input
                        type="checkbox"
                        aria-label={`Select ${g.displayName ?? g.mail ?? g.id}`}
                        checked={selected.has(g.id)}
                        onChange={(e) => {
                          const next = new Set(selected);
                          if ((e.currentTarget as HTMLInputElement).checked) next.add(g.id);
                          else next.delete(g.id);
                          setSelected(next);
                        }}
                      />
                    )}
                  </td>
                  <td>{g.displayName ?? '—'}</td>
                  <td>{g.mail ?? g.userPrincipalName ?? '—'}</td>
                  <td>{pending ? 'Pending' : g.externalUserState === 'Accepted' ? 'Accepted' : (g.externalUserState ?? '—')}</td>
                  <td>{pending ? (daysSince(since) ?? '—') : ''}</td>
                  <td>{g.signInActivity ? when(g.signInActivity.lastSignInDateTime) : page.data?.signInUnavailable ? 'not available' : '—'}</td>
                  <td>
                    {pending && g.mail && (
                      <button type="button" onClick={() => void resend([g])} aria-label={`Resend invitation to ${g.mail}`}>
                        Resend
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
            {guests.length === 0 && (
              <tr>
                <td colSpan={7}>No guests match.</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      <p class="pager">
        <button type="button" disabled={links.length <= 1} onClick={() => setLinks(links.slice(0, -1))}>
          Previous page
        </button>{' '}
        <button type="button" disabled={!page.data?.nextLink} onClick={() => page.data?.nextLink && setLinks([...links, page.data.nextLink])}>
          Next page
        </button>
      </p>
    </section>
  );
}
