// Dead letters: requests that failed for a reason of their own (not the portal's credentials: those are held). Retry
// requeues one, or every one of a reason, through the same queue and window as any resend.
import { useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import type { Session } from '../auth.ts';
import { errorText, when } from '../format.ts';
import { useLoad } from '../use-load.ts';
import { LoadState } from './LoadState.tsx';

export interface DeadLetter {
  id: string;
  address?: string;
  /** Older name of `address`. */
  email?: string;
  reason: string;
  detail?: string;
  attempts?: number;
  deadAt?: string;
  failedAt?: string;
}

export function DeadLettersView({ session }: { session: Session }) {
  const api = adminApi(session);
  const letters = useLoad(() => api.get<{ deadLetters?: DeadLetter[] }>('dead-letters'), [session]);
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const list = letters.data?.deadLetters ?? [];
  const reasons = [...new Set(list.map((d) => d.reason))];

  async function retry(what: { id: string } | { reason: string }) {
    try {
      const answer = await api.post<{ requeued?: number }>('id' in what ? `dead-letters/${encodeURIComponent(what.id)}/retry` : 'dead-letters/retry', 'id' in what ? {} : what);
      const n = answer.requeued ?? 1;
      setStatus({ text: `Requeued ${n} request${n === 1 ? '' : 's'}.` });
      letters.reload();
    } catch (error) {
      setStatus({ text: `Retry failed: ${errorText(error)}`, error: true });
    }
  }

  return (
    <section aria-labelledby="dead-title">
      <h1 id="dead-title">Dead letters</h1>
      <p role="status" class={status?.error ? 'error' : 'ok'}>
        {status?.text ?? ''}
      </p>
      <LoadState loaded={letters} what="dead letters" />
      {reasons.length > 0 && (
        <ul class="reasons">
          {reasons.map((reason) => {
            const n = list.filter((d) => d.reason === reason).length;
            return (
              <li key={reason}>
                <button type="button" onClick={() => void retry({ reason })}>
                  Retry all {n} with reason “{reason}”
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {!letters.loading && !letters.error && (
        <table>
          <caption>Dead letters ({list.length})</caption>
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Reason</th>
              <th scope="col">Attempts</th>
              <th scope="col">Failed</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((d) => (
              <tr key={d.id}>
                <td>{d.address ?? d.email ?? '—'}</td>
                <td>
                  {d.reason}
                  {d.detail ? <span class="muted"> — {d.detail}</span> : null}
                </td>
                <td>{d.attempts ?? ''}</td>
                <td>{when(d.deadAt ?? d.failedAt)}</td>
                <td>
                  <button type="button" onClick={() => void retry({ id: d.id })} aria-label={`Retry ${d.address ?? d.email ?? d.id}`}>
                    Retry
                  </button>
                </td>
              </tr>
            ))}
            {list.length === 0 && (
              <tr>
                <td colSpan={5}>Nothing is dead-lettered.</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
