// Access requests (issue 13): people who were never invited asked for access. Approvers see everything they wrote and
// approve (the invitation goes out On-Behalf-Of them, with an optional message and redirect) or deny (a note only
// approvers see). Admins also edit the tenant's policy here, unless the configuration locks it.
// Not the same thing as "Self-service requests" (RequestsView: resend jobs).
import { useRef, useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import type { Session } from '../auth.ts';
import { errorText } from '../format.ts';
import { useLoad } from '../use-load.ts';
import { LoadState } from './LoadState.tsx';

export interface AccessRequestRow {
  id: string;
  email: string | null;
  name: string | null;
  organisation: string | null;
  reason: string | null;
  sponsor: string | null;
  state: string;
  asks?: number;
  known?: boolean;
  createdAt?: number;
  expiresAt?: number | null;
  decidedBy?: string | null;
  note?: string | null;
  outcome?: string | null;
  invitation?: { state: string; reason?: string } | null;
}

interface PolicyAnswer {
  policy: { mode: 'off' | 'approval' | 'pre-approved'; preApprovedDomains: string[]; dailyCap: number; blockedDomains: string[] };
  locked: boolean;
  updatedBy?: string | null;
  expireAfterDays?: number;
  deleteAfterDays?: number;
  availability?: string;
}

const at = (ms: number | null | undefined) => (ms ? new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

type Decision = { kind: 'approve' | 'deny'; request: AccessRequestRow };

export function AccessRequestsView({ session, isAdmin }: { session: Session; isAdmin: boolean }) {
  const api = adminApi(session);
  const [showAll, setShowAll] = useState(false);
  const requests = useLoad(() => api.get<{ requests?: AccessRequestRow[] }>(`access-requests${showAll ? '?state=all' : ''}`), [session, showAll]);
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const [deciding, setDeciding] = useState<Decision>();
  const list = requests.data?.requests ?? [];

  return (
    <section aria-labelledby="access-title">
      <h1 id="access-title">Access requests</h1>
      <p>People who were not invited yet asked for access on the guest page. Approving sends the invitation on your behalf; a denial is never shown to the person.</p>
      <p role="status" class={status?.error ? 'error' : 'ok'}>
        {status?.text ?? ''}
      </p>
      <div class="toolbar">
        <label>
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll((e.currentTarget as HTMLInputElement).checked)} /> Show decided and closed requests too
        </label>
      </div>
      <LoadState loaded={requests} what="access requests" />
      {!requests.loading && !requests.error && (
        <table>
          <caption>{showAll ? 'All access requests' : 'Waiting for a decision'} ({list.length})</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Why</th>
              <th scope="col">Sponsor</th>
              <th scope="col">Asked</th>
              <th scope="col">State</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.id}>
                <td>
                  <strong>{r.name ?? '(deleted)'}</strong>
                  <br />
                  {r.email ?? '—'}
                  {r.organisation ? (
                    <>
                      <br />
                      <span class="muted">{r.organisation}</span>
                    </>
                  ) : null}
                  {r.known ? (
                    <>
                      <br />
                      <span class="muted">Already known to guestpass</span>
                    </>
                  ) : null}
                </td>
                <td>{r.reason ?? '—'}</td>
                <td>{r.sponsor ?? '—'}</td>
                <td>
                  {at(r.createdAt)}
                  {r.asks && r.asks > 1 ? <span class="muted"> (asked {r.asks} times)</span> : null}
                  {r.state === 'pending' && r.expiresAt ? (
                    <>
                      <br />
                      <span class="muted">expires {at(r.expiresAt)}</span>
                    </>
                  ) : null}
                </td>
                <td>
                  {r.state}
                  {r.decidedBy ? <span class="muted"> by {r.decidedBy}</span> : null}
                  {r.outcome ? <span class="muted"> — {r.outcome}</span> : null}
                  {r.note ? <span class="muted"> — note: {r.note}</span> : null}
                  {r.invitation ? (
                    <>
                      <br />
                      <span class={r.invitation.state === 'failed' ? 'error' : 'muted'}>
                        invitation {r.invitation.state}
                        {r.invitation.reason ? `: ${r.invitation.reason}` : ''}
                      </span>
                    </>
                  ) : null}
                </td>
                <td>
                  {r.state === 'pending' && (
                    <>
                      <button type="button" class="primary" onClick={() => setDeciding({ kind: 'approve', request: r })} aria-label={`Approve ${r.name ?? r.email ?? r.id}`}>
                        Approve
                      </button>{' '}
                      <button type="button" onClick={() => setDeciding({ kind: 'deny', request: r })} aria-label={`Deny ${r.name ?? r.email ?? r.id}`}>
                        Deny
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
            {list.length === 0 && (
              <tr>
                <td colSpan={6}>{showAll ? 'No access requests.' : 'No request is waiting for a decision.'}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {deciding && (
        <DecisionDialog
          decision={deciding}
          onClose={() => setDeciding(undefined)}
          onDone={(text, error) => {
            setStatus({ text, ...(error ? { error } : {}) });
            setDeciding(undefined);
            requests.reload();
          }}
          session={session}
        />
      )}
      <PolicyEditor session={session} isAdmin={isAdmin} />
    </section>
  );
}

function DecisionDialog({ decision, session, onClose, onDone }: { decision: Decision; session: Session; onClose(): void; onDone(text: string, error?: boolean): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [message, setMessage] = useState('');
  const [redirect, setRedirect] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const r = decision.request;
  const who = r.name ?? r.email ?? r.id;
  const approve = decision.kind === 'approve';
  const open = (el: HTMLDialogElement | null) => {
    (ref as { current: HTMLDialogElement | null }).current = el;
    if (el && !el.open) el.showModal();
  };

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = approve ? { ...(message.trim() ? { message: message.trim() } : {}), ...(redirect.trim() ? { redirectUrl: redirect.trim() } : {}) } : note.trim() ? { note: note.trim() } : {};
      await adminApi(session).post(`access-requests/${encodeURIComponent(r.id)}/${decision.kind}`, body);
      onDone(approve ? `Approved: the invitation to ${r.email ?? who} is on its way, sent on your behalf.` : `Denied the request of ${who}.`);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  }

  return (
    <dialog ref={open} aria-labelledby="decision-title" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="decision-title">{approve ? `Approve ${who}` : `Deny ${who}`}</h2>
        {approve ? (
          <>
            <p>The invitation goes to {r.email ?? 'the requester'} through the invitation queue, sent on your behalf.</p>
            <p>
              <label for="decision-message">Personal message (optional)</label>
              <br />
              <textarea id="decision-message" rows={3} maxLength={1000} value={message} onInput={(e) => setMessage((e.currentTarget as HTMLTextAreaElement).value)} />
            </p>
            <p>
              <label for="decision-redirect">Where they land after accepting (optional, https)</label>
              <br />
              <input id="decision-redirect" type="url" size={50} placeholder="https://" value={redirect} onInput={(e) => setRedirect((e.currentTarget as HTMLInputElement).value)} />
            </p>
          </>
        ) : (
          <p>
            <label for="decision-note">Note for the approvers (optional, never shown to {who})</label>
            <br />
            <textarea id="decision-note" rows={3} maxLength={1000} value={note} onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />
          </p>
        )}
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <p class="toolbar">
          <button type="submit" class="primary" disabled={busy}>
            {approve ? 'Approve and invite' : 'Deny'}
          </button>
          <button type="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
        </p>
      </form>
    </dialog>
  );
}

const lines = (text: string) => text.split(/[\s,;]+/).map((d) => d.trim()).filter(Boolean);

function PolicyEditor({ session, isAdmin }: { session: Session; isAdmin: boolean }) {
  const loaded = useLoad(() => adminApi(session).get<PolicyAnswer>('access-policy'), [session]);
  const [draft, setDraft] = useState<{ mode: string; pre: string; cap: string; blocked: string }>();
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const p = loaded.data;
  const d = draft ?? (p ? { mode: p.policy.mode, pre: p.policy.preApprovedDomains.join('\n'), cap: String(p.policy.dailyCap), blocked: p.policy.blockedDomains.join('\n') } : undefined);
  const readOnly = !isAdmin || Boolean(p?.locked);

  async function save(e: Event) {
    e.preventDefault();
    if (!d) return;
    try {
      await adminApi(session).put('access-policy', { mode: d.mode, preApprovedDomains: lines(d.pre), dailyCap: Number(d.cap), blockedDomains: lines(d.blocked) });
      setStatus({ text: 'Policy saved.' });
      setDraft(undefined);
      loaded.reload();
    } catch (error) {
      setStatus({ text: `Not saved: ${errorText(error)}`, error: true });
    }
  }

  return (
    <section aria-labelledby="policy-title">
      <h2 id="policy-title">Policy</h2>
      <LoadState loaded={loaded} what="the policy" />
      {p && d && (
        <form onSubmit={(e) => void save(e)}>
          {p.locked && <p class="note">This portal's configuration sets the policy for this organisation; it cannot be changed here.</p>}
          {!isAdmin && !p.locked && <p class="note">Only a Guestpass.Admin can change the policy.</p>}
          <fieldset disabled={readOnly}>
            <legend>Who may ask, and what happens</legend>
            {(
              [
                ['off', 'Off: the guest page does not offer access requests'],
                ['approval', 'Approval: every request waits for an approver'],
                ['pre-approved', 'Approval, and pre-approved domains are invited at once (up to a daily cap)'],
              ] as const
            ).map(([mode, label]) => (
              <p key={mode}>
                <label>
                  <input type="radio" name="mode" value={mode} checked={d.mode === mode} onChange={() => setDraft({ ...d, mode })} /> {label}
                </label>
              </p>
            ))}
            <p>
              <label for="policy-pre">Pre-approved domains (one per line)</label>
              <br />
              <textarea id="policy-pre" rows={3} value={d.pre} onInput={(e) => setDraft({ ...d, pre: (e.currentTarget as HTMLTextAreaElement).value })} />
            </p>
            <p>
              <label for="policy-cap">Invitations without an admin per day (pre-approved domains)</label>{' '}
              <input id="policy-cap" type="number" min={0} max={10000} value={d.cap} onInput={(e) => setDraft({ ...d, cap: (e.currentTarget as HTMLInputElement).value })} />
            </p>
            <p>
              <label for="policy-blocked">Blocked domains (never invited, never shown as blocked; one per line)</label>
              <br />
              <textarea id="policy-blocked" rows={3} value={d.blocked} onInput={(e) => setDraft({ ...d, blocked: (e.currentTarget as HTMLTextAreaElement).value })} />
            </p>
            <p>
              <button type="submit" class="primary">
                Save policy
              </button>
            </p>
          </fieldset>
          <p class="muted">
            Requests expire after {p.expireAfterDays ?? '?'} days; what requesters wrote is deleted {p.deleteAfterDays ?? '?'} days after the decision or expiry (configuration).
            {p.availability === 'invites-off' ? ' This organisation currently lets nobody invite guests (allowInvitesFrom: none), so requests are off.' : ''}
          </p>
          <p role="status" class={status?.error ? 'error' : 'ok'}>
            {status?.text ?? ''}
          </p>
        </form>
      )}
    </section>
  );
}
