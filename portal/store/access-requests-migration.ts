// The access requests' tables (issue 13), one schema version on both engines. Listed in migrations.ts and
// postgres-migrations.ts under the same version number.

const table = (time: string) => `
  -- One row per request. The requester's words (address, name, organisation, reason, sponsor, the approver's message
  -- and note) are set to NULL by retention; the hash, state and times stay for the audit and the counts.
  CREATE TABLE access_requests (
    id               TEXT    PRIMARY KEY,
    tenant_key       TEXT    NOT NULL,
    address          TEXT,
    address_hash     TEXT    NOT NULL,
    name             TEXT,
    organisation     TEXT,
    reason           TEXT,
    sponsor          TEXT,
    lang             TEXT    NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('intake', 'pending', 'inviting', 'invited', 'denied', 'expired', 'resent', 'dropped', 'merged')),
    asks             INTEGER NOT NULL DEFAULT 1,
    run_at           ${time} NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    lease_token      TEXT,
    lease_expires_at ${time},
    created_at       ${time} NOT NULL,
    updated_at       ${time} NOT NULL,
    expires_at       ${time},
    decision         TEXT,
    decided_by_oid   TEXT,
    decided_by_upn   TEXT,
    decided_at       ${time},
    message          TEXT,
    redirect_url     TEXT,
    note             TEXT,
    job_id           TEXT,
    outcome          TEXT,
    last_error       TEXT,
    erased_at        ${time}
  );
  CREATE INDEX access_requests_due ON access_requests (state, run_at);
  CREATE INDEX access_requests_address ON access_requests (tenant_key, address_hash, state);
  CREATE INDEX access_requests_tenant ON access_requests (tenant_key, state, created_at);
  CREATE INDEX access_requests_decided ON access_requests (tenant_key, decision, decided_at);

  -- A tenant's policy as edited in the console (absent: the configuration's default).
  CREATE TABLE access_policies (
    tenant_key           TEXT    PRIMARY KEY,
    mode                 TEXT    NOT NULL CHECK (mode IN ('off', 'approval', 'pre-approved')),
    pre_approved_domains TEXT    NOT NULL,
    daily_cap            INTEGER NOT NULL,
    blocked_domains      TEXT    NOT NULL,
    updated_by           TEXT,
    updated_at           ${time} NOT NULL
  );
`;

export const ACCESS_REQUESTS_MIGRATION_NAME = 'access requests and per-tenant access policies';
export const ACCESS_REQUESTS_SQLITE = table('INTEGER');
export const ACCESS_REQUESTS_POSTGRES = table('BIGINT');
