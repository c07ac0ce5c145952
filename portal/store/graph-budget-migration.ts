// The Graph budget's take in one round trip on PostgreSQL: a function that does in the server what takeGraphCall
// did statement by statement. Measured (bench/instances.bench.ts; pg_stat_activity sampled while three instances
// drained): the budget row's lock was held across six client round trips, so instances queued on it ("Lock:
// tuple/transactionid") while its holder sat "idle in transaction" waiting for its own busy event loop. One schema
// version on both engines (listed in migrations.ts and postgres-migrations.ts); SQLite has nothing to change, as its
// transactions never leave the process.

export const GRAPH_BUDGET_TAKE_MIGRATION_NAME = 'Graph budget take in one round trip (PostgreSQL function)';

/** SQLite: nothing to do (the version is recorded, so both engines agree on it). */
export const GRAPH_BUDGET_TAKE_SQLITE = `SELECT 1;`;

export const GRAPH_BUDGET_TAKE_POSTGRES = `
  -- ok, or why not and how long to wait. The FOR UPDATE row lock serialises every instance's takes for the tenant;
  -- each statement after it sees what the previous holder committed (READ COMMITTED, a snapshot per statement).
  CREATE FUNCTION guestpass_take_graph_call(p_tenant TEXT, p_now BIGINT, p_calls INTEGER, p_per_ms BIGINT)
  RETURNS TABLE (ok BOOLEAN, wait_ms BIGINT, reason TEXT)
  LANGUAGE plpgsql AS $$
  DECLARE
    v_until BIGINT;
    v_full  BIGINT;
  BEGIN
    -- A lost take (crash before the WAL reaches disk) only forgets a call: no fsync while the lock is held.
    PERFORM set_config('synchronous_commit', 'off', true);
    INSERT INTO graph_budget (tenant_key) VALUES (p_tenant) ON CONFLICT (tenant_key) DO NOTHING;
    SELECT paused_until INTO v_until FROM graph_budget WHERE tenant_key = p_tenant FOR UPDATE;
    IF v_until > p_now THEN
      RETURN QUERY SELECT FALSE, v_until - p_now, 'paused'::TEXT;
      RETURN;
    END IF;
    DELETE FROM graph_calls WHERE tenant_key = p_tenant AND at <= p_now - p_per_ms;
    SELECT at INTO v_full FROM graph_calls WHERE tenant_key = p_tenant ORDER BY at DESC LIMIT 1 OFFSET p_calls - 1;
    IF FOUND THEN
      RETURN QUERY SELECT FALSE, GREATEST(1, v_full + p_per_ms - p_now), 'budget'::TEXT;
      RETURN;
    END IF;
    INSERT INTO graph_calls (tenant_key, at) VALUES (p_tenant, p_now);
    RETURN QUERY SELECT TRUE, 0::BIGINT, NULL::TEXT;
  END
  $$;
`;
