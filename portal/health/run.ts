// One health check of one tenant: read the snapshot with the portal's app-only Graph client, run the checks,
// build the report. Throws HealthCheckFailed only when nothing at all could be read (credentials refused, Graph
// unreachable): a missing permission or licence is a finding, never a failure.
import type { Client } from '@microsoft/microsoft-graph-client';
import { DEFAULT_CHECK_OPTIONS, guestPicture, runChecks, type CheckOptions } from './checks.ts';
import { GraphReader, type GraphReaderOptions } from './graph-reader.ts';
import { readTenantSnapshot, type TenantSnapshot } from './snapshot.ts';
import { worstSeverity, type HealthReport } from './types.ts';

export class HealthCheckFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HealthCheckFailed';
  }
}

export interface HealthCheckInput {
  client: Client;
  tenant: HealthReport['tenant'];
  now?: () => number;
  reader?: GraphReaderOptions;
  checks?: Partial<CheckOptions>;
}

const PARTS = ['authorizationPolicy', 'emailOtp', 'conditionalAccess', 'skus', 'roleAssignments', 'guests'] as const;

export async function runHealthCheck(input: HealthCheckInput): Promise<HealthReport> {
  const now = input.now ?? Date.now;
  const reader = new GraphReader(input.client, { now, ...input.reader });
  const snapshot: TenantSnapshot = await readTenantSnapshot(reader, now());
  const failed = PARTS.map((part) => snapshot[part]).filter((read) => !read.ok && read.reason === 'failed');
  if (failed.length === PARTS.length) {
    const first = failed[0]!;
    throw new HealthCheckFailed(`nothing could be read from Microsoft Graph: ${first.ok ? '' : first.detail}`);
  }
  const options = { ...DEFAULT_CHECK_OPTIONS, ...input.checks };
  const findings = runChecks(snapshot, options);
  return {
    tenant: input.tenant,
    generatedAt: new Date(snapshot.now).toISOString(),
    overall: worstSeverity(findings.map((f) => f.severity)),
    complete: failed.length === 0,
    findings,
    guests: guestPicture(snapshot, options),
    graphRequests: reader.requests,
  };
}

/** `npm run health` exit codes: 0 ok/info, 1 warnings, 2 critical, 3 could not run (or ran incompletely). */
export function exitCodeOf(report: HealthReport): 0 | 1 | 2 | 3 {
  if (!report.complete) return 3;
  return report.overall === 'critical' ? 2 : report.overall === 'warning' ? 1 : 0;
}
