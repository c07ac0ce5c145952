// The resend_jobs row as both engines return it (same columns, same migrations), and the listing the admin API reads.
// Only `invite_in_flight` differs: SQLite has no boolean type (0/1), PostgreSQL answers a boolean.
import type { JobListing, JobState } from './store.ts';

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
}

export const jobListing = (row: JobRow): JobListing => ({
  id: row.id,
  tenantKey: row.tenant_key,
  state: row.state,
  address: row.address,
  attempts: row.attempts,
  unknownOutcomes: row.unknown_outcomes,
  runAt: row.run_at,
  outcome: row.outcome,
  lastError: row.last_error,
  addressHash: row.address_hash,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
