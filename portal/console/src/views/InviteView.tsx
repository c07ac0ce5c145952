// Invite guests (the guide's step 2, done better): one address, or a CSV of up to 1,000 — previewed row by row before
// anything is sent, then sent by the portal's durable queue On-Behalf-Of the signed-in admin, with progress and per-row
// results to download. The file is read here as text and judged by the admin API, which judges it again on "Send"
// (it never trusts this preview).
import { useEffect, useRef, useState } from 'preact/hooks';
import { adminApi } from '../api.ts';
import type { Session } from '../auth.ts';
import { saveResponse } from '../download.ts';
import { errorText } from '../format.ts';

interface Counts {
  rows: number;
  send: number;
  invite: number;
  resend: number;
  alreadyInvited: number;
  rejected: number;
}

interface PreviewRow {
  row: number;
  line: number;
  email: string;
  verdict: string;
  send: boolean;
  why?: string;
  notes?: string[];
}

interface Preview {
  counts: Counts;
  ignoredColumns?: string[];
  rows: PreviewRow[];
}

type JobState = 'queued' | 'in-flight' | 'held' | 'sent' | 'skipped' | 'failed';

interface ResultRow {
  row: number;
  line: number;
  email: string;
  verdict: string;
  why?: string;
  state?: JobState;
  reason?: string;
}

interface Progress {
  batchId: string;
  counts: Counts;
  states: Record<JobState, number>;
  finished: boolean;
  rows: ResultRow[];
}

const VERDICTS: Record<string, string> = {
  invite: 'Will be invited',
  resend: 'Will be re-sent',
  'already-invited': 'Skipped: already invited',
  duplicate: 'Refused: duplicate',
  missing: 'Refused: no address',
  invalid: 'Refused: not an address',
  'too-long': 'Refused: too long',
  'entra-rejects': 'Refused: Microsoft Entra rejects it',
  'bad-redirect': 'Refused: redirect',
  'bad-display-name': 'Refused: display name',
  refused: 'Refused by the portal',
};

const STATES: Record<JobState, string> = {
  queued: 'Waiting',
  'in-flight': 'Sending',
  held: 'Held',
  sent: 'Sent',
  skipped: 'Skipped',
  failed: 'Failed',
};

const LANGUAGES = [
  ['', "Microsoft's default (English)"],
  ['en', 'English'],
  ['de', 'Deutsch'],
  ['fr', 'Français'],
  ['es', 'Español'],
  ['ja', '日本語'],
] as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function InviteView({ session }: { session: Session }) {
  return (
    <section aria-labelledby="invite-title">
      <h1 id="invite-title">Invite guests</h1>
      <p>
        Invitations are sent by the portal's queue on your behalf (so your organisation's invitation rules apply), with
        the organisation's guestpass page as where guests land after accepting — unless you give another https
        address. An address guestpass already invited is not invited twice.
      </p>
      <InviteOne session={session} />
      <InviteCsv session={session} />
    </section>
  );
}

function InviteOne({ session }: { session: Session }) {
  const empty = { email: '', displayName: '', message: '', redirectUrl: '', messageLanguage: '' };
  const [form, setForm] = useState(empty);
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof empty) => (e: Event) => setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value });

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setStatus({ text: `Inviting ${form.email}…` });
    try {
      const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== ''));
      const answer = await adminApi(session).post<{ outcome: string; email?: string }>('invitations', body);
      setStatus(
        answer.outcome === 'already-invited'
          ? { text: `Not sent: guestpass already invited ${answer.email ?? form.email}. Resend it from Guests if it is still pending.` }
          : { text: `Queued: the invitation to ${answer.email ?? form.email} is sent on your behalf; the audit trail records it.` },
      );
      if (answer.outcome !== 'already-invited') setForm(empty);
    } catch (error) {
      setStatus({ text: `Not sent: ${errorText(error)}`, error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="invite-one-title">
      <h2 id="invite-one-title">One guest</h2>
      <form class="stack" onSubmit={(e) => void submit(e)}>
        <label>
          Email address <input type="email" required autocomplete="off" value={form.email} onInput={set('email')} />
        </label>
        <label>
          Display name (optional) <input type="text" maxLength={256} value={form.displayName} onInput={set('displayName')} />
        </label>
        <label>
          Personal message (optional) <textarea rows={3} maxLength={2000} value={form.message} onInput={set('message')} />
        </label>
        <label>
          Redirect after accepting (optional, https) <input type="url" placeholder="the organisation's guestpass page" value={form.redirectUrl} onInput={set('redirectUrl')} />
        </label>
        <label>
          Invitation email language{' '}
          <select value={form.messageLanguage} onChange={set('messageLanguage')}>
            {LANGUAGES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <p>
          <button type="submit" class="primary" disabled={busy}>
            Send invitation
          </button>
        </p>
      </form>
      <p role="status" class={status?.error ? 'error' : 'ok'}>
        {status?.text ?? ''}
      </p>
    </section>
  );
}

function InviteCsv({ session }: { session: Session }) {
  const api = adminApi(session);
  const [csv, setCsv] = useState<{ name: string; text: string }>();
  const [resendPending, setResendPending] = useState(false);
  const [preview, setPreview] = useState<Preview>();
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const [batchId, setBatchId] = useState<string>();
  const [progress, setProgress] = useState<Progress>();
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const progressHeading = useRef<HTMLHeadingElement>(null);

  async function runPreview(file: { name: string; text: string }, resend: boolean) {
    setPreview(undefined);
    setBatchId(undefined);
    setProgress(undefined);
    setStatus({ text: `Checking ${file.name}…` });
    try {
      const answer = await api.post<Preview>('invitations/preview', { csv: file.text, resendPending: resend });
      setPreview(answer);
      setStatus(undefined);
      setTimeout(() => previewHeading.current?.focus(), 0);
    } catch (error) {
      setStatus({ text: `${file.name} cannot be used: ${errorText(error)}`, error: true });
    }
  }

  async function pick(e: Event) {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    const picked = { name: file.name, text: await file.text() };
    setCsv(picked);
    await runPreview(picked, resendPending);
  }

  async function send() {
    if (!csv) return;
    setStatus({ text: 'Queuing the invitations…' });
    try {
      const answer = await api.post<{ batchId: string; counts: Counts }>('invitations/batches', { csv: csv.text, resendPending });
      setBatchId(answer.batchId);
      setStatus(undefined);
      setTimeout(() => progressHeading.current?.focus(), 0);
    } catch (error) {
      setStatus({ text: `Nothing was sent: ${errorText(error)}`, error: true });
    }
  }

  // Progress: polled while the queue works (every second; every 5 s while only held jobs wait).
  useEffect(() => {
    if (!batchId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      let next = 1_000;
      try {
        const p = await api.get<Progress>(`invitations/batches/${encodeURIComponent(batchId)}`);
        if (stopped) return;
        setProgress(p);
        if (p.finished) return;
        if (p.states.queued + p.states['in-flight'] === 0) next = 5_000;
      } catch (error) {
        if (stopped) return;
        setStatus({ text: `Progress could not be read (retrying): ${errorText(error)}`, error: true });
        next = 5_000;
      }
      timer = setTimeout(() => void poll(), next);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [batchId]);

  async function download() {
    try {
      await saveResponse(await api.fetchRaw(`invitations/batches/${encodeURIComponent(batchId!)}/results.csv`), `guestpass-invitations-${batchId}.csv`);
    } catch (error) {
      setStatus({ text: `Download failed: ${errorText(error)}`, error: true });
    }
  }

  const rows = preview ? (onlyFlagged ? preview.rows.filter((r) => r.verdict !== 'invite') : preview.rows) : [];
  return (
    <section aria-labelledby="invite-csv-title">
      <h2 id="invite-csv-title">Many guests from a CSV file</h2>
      <p>
        The first line names the columns: <code>email</code> (required), <code>display name</code>, <code>message</code>,{' '}
        <code>redirect</code> (https) and <code>language</code> (en, de, fr, es or ja), in any order. At most 1,000
        guests per file; Excel's "CSV UTF-8" and semicolon-separated exports both work. Nothing is sent before you
        confirm.
      </p>
      <div class="stack">
        <label>
          CSV file <input type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void pick(e)} />
        </label>
        <label>
          <input
            type="checkbox"
            checked={resendPending}
            onChange={(e) => {
              const on = (e.currentTarget as HTMLInputElement).checked;
              setResendPending(on);
              if (csv && !batchId) void runPreview(csv, on);
            }}
          />{' '}
          Also re-send pending invitations (addresses guestpass invited before that have not accepted yet)
        </label>
      </div>
      <p role="status" class={status?.error ? 'error' : 'ok'}>
        {status?.text ?? ''}
      </p>

      {preview && !batchId && (
        <>
          <h3 id="preview-title" tabIndex={-1} ref={previewHeading}>
            Preview of {csv?.name}
          </h3>
          <p>
            {plural(preview.counts.rows, 'row')}: <strong>{plural(preview.counts.send, 'invitation')} to send</strong>
            {preview.counts.resend ? ` (${preview.counts.resend.toLocaleString()} re-sent)` : ''}, {plural(preview.counts.alreadyInvited, 'address', 'addresses')} already
            invited (skipped), {plural(preview.counts.rejected, 'row')} refused.
            {preview.ignoredColumns?.length ? ` Ignored columns: ${preview.ignoredColumns.join(', ')}.` : ''}
          </p>
          <p class="toolbar">
            <button type="button" class="primary" disabled={preview.counts.send === 0} onClick={() => void send()}>
              Send {plural(preview.counts.send, 'invitation')}
            </button>
            <label>
              <input type="checkbox" checked={onlyFlagged} onChange={(e) => setOnlyFlagged((e.currentTarget as HTMLInputElement).checked)} /> Show only rows
              that need attention
            </label>
          </p>
          <table class="invite-rows">
            <caption>
              Rows of {csv?.name} ({rows.length.toLocaleString()} shown)
            </caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Email</th>
                <th scope="col">Verdict</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.row} data-row={r.row} class={r.verdict === 'invite' ? undefined : 'flagged'}>
                  <td>
                    {r.row} <span class="muted">(line {r.line})</span>
                  </td>
                  <td>{r.email || '—'}</td>
                  <td>{VERDICTS[r.verdict] ?? r.verdict}</td>
                  <td>
                    {r.why ?? ''}
                    {r.notes?.map((n) => (
                      <span key={n} class="muted">
                        {' '}
                        {n}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {batchId && (
        <>
          <h3 id="progress-title" tabIndex={-1} ref={progressHeading}>
            Sending {csv?.name}
          </h3>
          <BatchProgressView progress={progress} onDownload={() => void download()} />
        </>
      )}
    </section>
  );
}

function BatchProgressView({ progress, onDownload }: { progress?: Progress; onDownload(): void }) {
  const s = progress?.states;
  const toSend = progress ? progress.counts.send : 0;
  const done = s ? s.sent + s.skipped + s.failed : 0;
  const summary = !progress
    ? 'Queued; reading progress…'
    : progress.finished
      ? `Done: ${plural(s!.sent, 'invitation')} sent, ${s!.skipped.toLocaleString()} skipped, ${s!.failed.toLocaleString()} failed; ${plural(progress.counts.alreadyInvited, 'address', 'addresses')} already invited, ${plural(progress.counts.rejected, 'row')} refused.`
      : `${done.toLocaleString()} of ${toSend.toLocaleString()} done: ${s!.sent.toLocaleString()} sent, ${(s!.queued + s!['in-flight']).toLocaleString()} waiting${s!.held ? `, ${s!.held.toLocaleString()} held` : ''}.`;
  return (
    <>
      <p role="status" aria-live="polite">
        {summary}
      </p>
      {progress && (
        <label>
          Sent so far <progress max={Math.max(1, toSend)} value={done} />
        </label>
      )}
      {s && s.held > 0 && (
        <p class="note">
          Held invitations wait for something outside this file: your session (they continue while the console is open)
          or the portal's credentials for this organisation (see Tenant health). They are sent by themselves once that is
          fixed; nothing is lost.
        </p>
      )}
      {progress && (
        <>
          <p>
            <button type="button" onClick={onDownload}>
              Download results (CSV)
            </button>
          </p>
          <table class="invite-results">
            <caption>Results per row</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Email</th>
                <th scope="col">Result</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {progress.rows.map((r) => (
                <tr key={r.row} data-row={r.row}>
                  <td>{r.row}</td>
                  <td>{r.email || '—'}</td>
                  <td>{r.state && (r.verdict === 'invite' || r.verdict === 'resend') ? STATES[r.state] : (VERDICTS[r.verdict] ?? r.verdict)}</td>
                  <td>{[r.why, r.reason].filter(Boolean).join(' — ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
