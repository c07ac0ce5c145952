// A small picture of the tenant's guests: by state, and pending invitations by age. Inline SVG drawn here (no chart
// service, nothing leaves the browser), accessible: role="img" named by its <title> and described by its <desc>,
// every bar labelled with its name and number in text (colour is never the only signal), and the same numbers
// in a table beside it. No style attributes: the console's CSP has no 'unsafe-inline' for styles.
import type { GuestPicture } from '../../../health/types.ts';

export interface Bar {
  label: string;
  value: number;
  /** A CSS class for the bar's fill (console.css / b2b-health.css). */
  tone: 'ok' | 'info' | 'warning' | 'critical' | 'neutral';
}

/** The bars for the two charts; `stale`/`neverSignedIn` are null when sign-in activity was unavailable. */
export function pictureBars(p: GuestPicture): { byState: Bar[]; byAge: Bar[] } {
  const byState: Bar[] =
    p.stale === null || p.neverSignedIn === null
      ? [
          { label: 'Accepted (sign-in activity not available)', value: p.accepted, tone: 'neutral' },
          { label: 'Pending invitation', value: p.pending, tone: 'info' },
        ]
      : [
          { label: 'Accepted, active', value: Math.max(0, p.accepted - p.stale - p.neverSignedIn), tone: 'ok' },
          { label: 'Accepted, no sign-in for 90 days', value: p.stale, tone: 'warning' },
          { label: 'Accepted, never signed in', value: p.neverSignedIn, tone: 'warning' },
          { label: 'Pending invitation', value: p.pending, tone: 'info' },
        ];
  const a = p.pendingByAge;
  const byAge: Bar[] = [
    { label: 'Under 7 days', value: a.under7Days, tone: 'info' },
    { label: '7 to 30 days', value: a.from7To30Days, tone: 'info' },
    { label: '30 to 90 days', value: a.from30To90Days, tone: 'warning' },
    { label: 'Over 90 days', value: a.over90Days, tone: 'warning' },
  ];
  return { byState, byAge };
}

const ROW = 28;
const LABEL_WIDTH = 250;
const BAR_WIDTH = 230;

/** One horizontal bar chart with its data table. */
export function BarChart({ id, title, bars, unit }: { id: string; title: string; bars: Bar[]; unit: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW + 8;
  const description = bars.map((b) => `${b.label}: ${b.value}`).join('; ');
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${LABEL_WIDTH + BAR_WIDTH + 60} ${height}`} width="100%" class="bars">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((b, i) => {
          const y = i * ROW + 4;
          const w = b.value === 0 ? 0 : Math.max(2, Math.round((b.value / max) * BAR_WIDTH));
          return (
            <g key={b.label}>
              <text x={LABEL_WIDTH - 8} y={y + ROW / 2 + 1} text-anchor="end" dominant-baseline="middle" class="bar-label">
                {b.label}
              </text>
              <rect x={LABEL_WIDTH} y={y + 4} width={w} height={ROW - 10} rx="2" class={`bar bar-${b.tone}`} />
              <text x={LABEL_WIDTH + w + 6} y={y + ROW / 2 + 1} dominant-baseline="middle" class="bar-value">
                {b.value}
              </text>
            </g>
          );
        })}
      </svg>
      <table class="chart-data">
        <caption class="visually-hidden">{title}: the numbers</caption>
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col">{unit}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td>{b.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
