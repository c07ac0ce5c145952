// The health check's vocabulary: findings (severity, evidence, plain-step fix, a Microsoft Learn link) and the
// report the console, the admin API and `npm run health` all show.
import type { LearnLink } from './learn-links.ts';

export type Severity = 'ok' | 'info' | 'warning' | 'critical';

/** The eight checks of issue 12, in the order the report lists them. */
export const CHECK_IDS = [
  'who-may-invite',
  'guest-access-level',
  'email-one-time-passcode',
  'guest-mfa',
  'usage-location',
  'pending-invitations',
  'stale-guests',
  'guest-directory-roles',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface Evidence {
  /** What Graph said, in one sentence. */
  summary: string;
  counts: Record<string, number>;
  /** Up to `maxExamples` affected objects, as "Display Name <address> — detail". */
  examples: string[];
}

export interface Finding {
  id: CheckId;
  severity: Severity;
  title: string;
  evidence: Evidence;
  /** Plain steps an admin can follow; empty when nothing needs doing. */
  fix: string[];
  learnMore: LearnLink;
  /** Set when the check could not read what it needs: the application permission to grant. */
  missingPermission?: string;
}

/** Guests by state and pending invitations by age: the picture on the console page. */
export interface GuestPicture {
  total: number;
  accepted: number;
  pending: number;
  /** Accepted guests without a sign-in for the stale threshold; null when sign-in activity was unavailable. */
  stale: number | null;
  neverSignedIn: number | null;
  pendingByAge: { under7Days: number; from7To30Days: number; from30To90Days: number; over90Days: number };
}

export interface HealthReport {
  tenant: { key: string; id?: string; displayName: string };
  generatedAt: string;
  /** The worst severity among the findings. */
  overall: Severity;
  /** False when a read failed for another reason than a missing permission or licence (Graph down, throttled…). */
  complete: boolean;
  findings: Finding[];
  guests: GuestPicture | null;
  /** Graph requests made, each request inside a `$batch` counted. */
  graphRequests: number;
}

const ORDER: Severity[] = ['ok', 'info', 'warning', 'critical'];

export function worstSeverity(severities: Iterable<Severity>): Severity {
  let worst: Severity = 'ok';
  for (const s of severities) if (ORDER.indexOf(s) > ORDER.indexOf(worst)) worst = s;
  return worst;
}
