// The B2B health page (issue 12): the health check's findings — severity, evidence with counts and examples, fix steps
// and the Microsoft Learn link — a picture of the tenant's guests, JSON/CSV export, and the lifecycle actions (the
// quarterly review, restore, convert, re-invite). The check runs on the portal with its own app-only credentials; the
// actions run through the admin API on behalf of the signed-in admin, so Entra's own role checks decide.
import { useState } from 'preact/hooks';
import type { Finding, HealthReport, Severity } from '../../../health/types.ts';
import { adminApi } from '../api.ts';
import type { Session } from '../auth.ts';
import { saveResponse } from '../download.ts';
import { errorText, when } from '../format.ts';
import { useLoad } from '../use-load.ts';
import { BarChart, pictureBars } from './GuestPictureChart.tsx';
import { GuestLifecycle } from './GuestLifecycle.tsx';
import { LoadState } from './LoadState.tsx';
import { QuarterlyReview } from './QuarterlyReview.tsx';
import './b2b-health.css';

const SEVERITY_TEXT: Record<Severity, string> = { ok: 'OK', info: 'Info', warning: 'Warning', critical: 'Critical' };

export function B2BHealthView({ session }: { session: Session }) {
  const api = adminApi(session);
  const [fresh, setFresh] = useState(0);
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const report = useLoad(() => api.get<HealthReport>(`b2b-health${fresh ? '?fresh=1' : ''}`), [session, fresh]);
  const r = report.data;

  async function exportAs(kind: 'json' | 'csv') {
    try {
      await saveResponse(await api.fetchRaw(`b2b-health.${kind}`), `guestpass-b2b-health-${session.tenant.key}.${kind}`);
      setStatus({ text: `Findings exported as ${kind.toUpperCase()}.` });
    } catch (error) {
      setStatus({ text: `Export failed: ${errorText(error)}`, error: true });
    }
  }

  return (
    <section aria-labelledby="b2b-title">
      <h1 id="b2b-title">B2B health</h1>
      <p class="muted">
        What the B2B set-up guide warns about, checked in one pass with the portal's own application permissions (the same check as{' '}
        <code>npm run health</code>).
      </p>
      <p class="toolbar">
        <button type="button" onClick={() => setFresh((n) => n + 1)} disabled={report.loading}>
          Check again
        </button>
        <button type="button" onClick={() => void exportAs('json')} disabled={!r}>
          Export JSON
        </button>
        <button type="button" onClick={() => void exportAs('csv')} disabled={!r}>
          Export CSV
        </button>
      </p>
      <p role="status" class={status?.error ? 'error' : 'ok'}>
        {status?.text ?? ''}
      </p>
      <LoadState loaded={report} what="the health check" failed="The health check could not run" />
      {r && !report.loading && (
        <>
          <p class="overall" data-overall={r.overall}>
            <span class={`severity severity-${r.overall}`}>{SEVERITY_TEXT[r.overall]}</span> Overall, checked {when(r.generatedAt)}
            {r.complete ? '' : ' — some reads failed (see the findings); run the check again'} · {r.graphRequests} Graph requests
          </p>
          {r.guests && (
            <div class="charts">
              <BarChart id="guests-by-state" title={`Guests by state (${r.guests.total} in all)`} bars={pictureBars(r.guests).byState} unit="Guests" />
              <BarChart id="pending-by-age" title="Pending invitations by age" bars={pictureBars(r.guests).byAge} unit="Invitations" />
            </div>
          )}
          <h2>Findings</h2>
          <ol class="findings">
            {r.findings.map((f) => (
              <FindingItem key={f.id} finding={f} />
            ))}
          </ol>
        </>
      )}
      <QuarterlyReview session={session} />
      <GuestLifecycle session={session} />
    </section>
  );
}

function FindingItem({ finding: f }: { finding: Finding }) {
  const counts = Object.entries(f.evidence.counts);
  return (
    <li class="finding" data-check={f.id} data-severity={f.severity}>
      <h3>
        <span class={`severity severity-${f.severity}`}>{SEVERITY_TEXT[f.severity]}</span> {f.title}
      </h3>
      <p>{f.evidence.summary}</p>
      {counts.length > 0 && (
        <dl class="counts">
          {counts.map(([name, value]) => (
            <div key={name}>
              <dt>{humanise(name)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {f.evidence.examples.length > 0 && (
        <>
          <p class="label">Examples</p>
          <ul class="examples">
            {f.evidence.examples.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </>
      )}
      {f.missingPermission && (
        <p class="note">
          Grant the portal app the application permission <code>{f.missingPermission}</code> (with admin consent) to check this.
        </p>
      )}
      {f.fix.length > 0 && (
        <>
          <p class="label">How to fix it</p>
          <ol class="fix">
            {f.fix.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </>
      )}
      <p>
        <a href={f.learnMore} target="_blank" rel="noopener noreferrer">
          Microsoft Learn: {learnTitle(f)}
        </a>
      </p>
    </li>
  );
}

/** `guestsWithoutUsageLocation` → "Guests without usage location". */
function humanise(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A link text that says where it goes (not "learn more" eight times). */
function learnTitle(f: Finding): string {
  return `${f.title.replace(/[.:]$/, '')} (how to fix)`;
}
