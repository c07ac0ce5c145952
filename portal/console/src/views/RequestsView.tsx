// Self-service requests and their outcomes. Addresses are shown while a request is queued, held or dead (someone may
// need to act on it); finished requests are found by typing an address, never listed in clear.
import { useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import type { Session } from '../auth.ts';
import { when } from '../format.ts';
import { useLoad } from '../use-load.ts';
import { LoadState } from './LoadState.tsx';

export interface RequestRow {
  id: string;
  address?: string;
  email?: string;
  state: string;
  /** 'resend' (self-service or an admin's) or 'invite' (the invitation queue). */
  kind?: string;
  /** The admin who ordered it (it then runs On-Behalf-Of them). */
  actor?: { oid: string; upn: string };
  reason?: string;
  attempts?: number;
  createdAt?: string;
  updatedAt?: string;
}

export function RequestsView({ session }: { session: Session }) {
  const [typed, setTyped] = useState('');
  const [email, setEmail] = useState('');
  const rows = useLoad(
    () => adminApi(session).get<{ requests?: RequestRow[] }>(`requests${email ? `?email=${encodeURIComponent(email)}` : ''}`),
    [session, email],
  );
  const list = rows.data?.requests ?? [];
  return (
    <section aria-labelledby="requests-title">
      <h1 id="requests-title">Self-service requests</h1>
      <p>
        Requests and invitations waiting, held or dead. Held ones go out by themselves once their cause is gone: the
        portal's own credentials work again (see Health), or the admin who ordered them opens this console again. Type an
        address to find its finished requests.
      </p>
      <form
        class="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setEmail(typed.trim());
        }}
      >
        <label>
          Address <input type="email" value={typed} onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <button type="submit">Find</button>
      </form>
      <LoadState loaded={rows} what="requests" />
      {!rows.loading && !rows.error && <RequestTable rows={list} caption={email ? `Requests for ${email}` : 'Open requests'} />}
    </section>
  );
}

function RequestTable({ rows, caption }: { rows: RequestRow[]; caption: string }) {
  return (
    <table>
      <caption>
        {caption} ({rows.length})
      </caption>
      <thead>
        <tr>
          <th scope="col">Address</th>
          <th scope="col">Kind</th>
          <th scope="col">State</th>
          <th scope="col">Reason</th>
          <th scope="col">Attempts</th>
          <th scope="col">Asked</th>
          <th scope="col">Last change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{r.address ?? r.email ?? 'hidden (finished)'}</td>
            <td>{r.kind === 'invite' ? 'invitation' : 'resend'}{r.actor ? ` by ${r.actor.upn}` : ''}</td>
            <td>{r.state}</td>
            <td>{heldHint(r) ?? r.reason ?? ''}</td>
            <td>{r.attempts ?? ''}</td>
            <td>{when(r.createdAt)}</td>
            <td>{when(r.updatedAt)}</td>
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={7}>No requests.</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** What a held request waits for, in words an admin can act on. */
function heldHint(r: RequestRow): string | undefined {
  if (r.state !== 'held' || !r.reason) return undefined;
  if (r.reason === 'admin-session-needed') return `Waiting for ${r.actor?.upn ?? 'the admin who ordered it'} to open this console again (it is sent on their behalf).`;
  if (r.reason.startsWith('credentials:')) return `The portal's own credentials or consent fail (${r.reason.slice(13)}): fix them (see Health); it then goes out by itself.`;
  return r.reason;
}
