// The audit trail: who did what, when, with which outcome; filtered by actor, action and time; exported as CSV by the
// admin API (formula cells neutralised there). The export needs the admin's token, so it is fetched and saved here.
import { useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import type { Session } from '../auth.ts';
import { saveResponse } from '../download.ts';
import { errorText, when } from '../format.ts';
import { useLoad } from '../use-load.ts';
import { LoadState } from './LoadState.tsx';

export interface AuditEntry {
  id?: string | number;
  at: string;
  actor?: { oid?: string; upn?: string; name?: string } | string;
  action: string;
  target?: string;
  outcome?: string;
  detail?: string;
}

interface Filters {
  actor: string;
  action: string;
  from: string;
  to: string;
}

function query(f: Filters): string {
  const q = new URLSearchParams();
  if (f.actor) q.set('actor', f.actor);
  if (f.action) q.set('action', f.action);
  if (f.from) q.set('from', new Date(`${f.from}T00:00:00`).toISOString());
  if (f.to) q.set('to', new Date(`${f.to}T23:59:59.999`).toISOString());
  const s = q.toString();
  return s ? `?${s}` : '';
}

function actorText(actor: AuditEntry['actor']): string {
  if (!actor) return '—';
  if (typeof actor === 'string') return actor;
  return [actor.upn ?? actor.name, actor.oid ? `(${actor.oid})` : ''].filter(Boolean).join(' ');
}

export function AuditView({ session }: { session: Session }) {
  const api = adminApi(session);
  const empty: Filters = { actor: '', action: '', from: '', to: '' };
  const [form, setForm] = useState<Filters>(empty);
  const [applied, setApplied] = useState<Filters>(empty);
  const [status, setStatus] = useState<string>();
  const entries = useLoad(() => api.get<{ entries?: AuditEntry[] }>(`audit${query(applied)}`), [session, applied]);
  const list = entries.data?.entries ?? [];

  async function exportCsv() {
    try {
      await saveResponse(await api.fetchRaw(`audit.csv${query(applied)}`), `guestpass-audit-${session.tenant.key}.csv`);
      setStatus('CSV exported.');
    } catch (error) {
      setStatus(`Export failed: ${errorText(error)}`);
    }
  }

  const set = (name: keyof Filters) => (e: Event) => setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value });
  const field = (name: keyof Filters, label: string, date = false) => (
    <label>
      {label} {date ? <input type="date" value={form[name]} onInput={set(name)} /> : <input type="text" value={form[name]} onInput={set(name)} />}
    </label>
  );
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit trail</h1>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(form);
        }}
      >
        {field('actor', 'Actor (UPN or object id)')}
        {field('action', 'Action')}
        {field('from', 'From', true)}
        {field('to', 'To', true)}
        <button type="submit">Filter</button>
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      </form>
      <p role="status">{status ?? ''}</p>
      <LoadState loaded={entries} what="the audit trail" />
      {!entries.loading && !entries.error && (
        <table>
          <caption>Audit entries ({list.length})</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Target</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {list.map((e, i) => (
              <tr key={e.id ?? i}>
                <td>{when(e.at)}</td>
                <td>{actorText(e.actor)}</td>
                <td>{e.action}</td>
                <td>{e.target ?? ''}</td>
                <td>
                  {e.outcome ?? ''}
                  {e.detail ? <span class="muted"> — {e.detail}</span> : null}
                </td>
              </tr>
            ))}
            {list.length === 0 && (
              <tr>
                <td colSpan={5}>No entries match.</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
