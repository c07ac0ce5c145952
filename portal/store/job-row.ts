// The resend_jobs row as both engines return it (same columns, same migrations), and the listing the admin API reads.
// Only `invite_in_flight` differs: SQLite has no boolean type (0/1), PostgreSQL answers a boolean.
import type { AuditEntry, JobKind, JobListing, JobSnapshot, JobState } from './store.ts';

export interface JobRow<InFlight extends number | boolean = number | boolean> {
  id: string;
  tenant_key: string;
  address: string | null;
  address_hash: string;
  state: JobState;
  run_at: number;
  attempts: number;
  unknown_outcomes: number;
  invite_in_flight: InFlight;
  lease_token: string | null;
  lease_expires_at: number | null;
  outcome: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  kind: JobKind;
  payload: string | null;
  actor_oid: string | null;
  actor_upn: string | null;
  batch_id: string | null;
  batch_index: number | null;
  held_reason: string | null;
  user_id: string | null;
}

export const jobActor = (row: Pick<JobRow, 'actor_oid' | 'actor_upn'>) => (row.actor_oid ? { oid: row.actor_oid, upn: row.actor_upn ?? row.actor_oid } : null);

/** What getJob answers: the job's state, without the console's detail. */
export const jobSnapshot = (row: JobRow): JobSnapshot => ({
  id: row.id,
  tenantKey: row.tenant_key,
  state: row.state,
  address: row.address,
  attempts: row.attempts,
  unknownOutcomes: row.unknown_outcomes,
  runAt: row.run_at,
  outcome: row.outcome,
  lastError: row.last_error,
});

export const jobListing = (row: JobRow): JobListing => ({
  ...jobSnapshot(row),
  addressHash: row.address_hash,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  kind: row.kind,
  payload: row.payload,
  actor: jobActor(row),
  batchId: row.batch_id,
  heldReason: row.held_reason,
  userId: row.user_id,
});

/** An audit row as both engines select it (AUDIT_COLUMNS), as the interface returns it. */
export interface AuditRow {
  requestId: string;
  tenantKey: string;
  addressHash: string;
  event: string;
  detail: string | null;
  at: number;
  actorOid: string | null;
  actorUpn: string | null;
}
export const AUDIT_SELECT =
  'request_id AS "requestId", tenant_key AS "tenantKey", address_hash AS "addressHash", event, detail, at, actor_oid AS "actorOid", actor_upn AS "actorUpn"';

export const auditEntry = ({ detail, actorOid, actorUpn, ...rest }: AuditRow): AuditEntry => ({
  ...rest,
  detail: detail ?? undefined,
  ...(actorOid ? { actor: { oid: actorOid, upn: actorUpn ?? actorOid } } : {}),
});

/**
 * Who an audit record names: its `actor`, or — for writers that only put `by <upn> (<oid>)` (resend/service.ts
 * actorDetail) at the start of the detail — the admin parsed from there, so filtering by actor finds them too.
 */
export function auditActor(entry: AuditEntry): { oid: string; upn: string } | undefined {
  if (entry.actor) return entry.actor;
  const m = /^by (\S+) \(([0-9a-f-]{36})\)/i.exec(entry.detail ?? '');
  return m ? { upn: m[1]!, oid: m[2]! } : undefined;
}

/** The actor filter's LIKE pattern: a substring, with LIKE's wildcards taken literally (escape '\'). */
export const actorPattern = (actor: string) => `%${actor.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
