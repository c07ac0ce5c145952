// Retention: finished resend jobs (done and dead) and audit records older than the configured number of days are
// deleted, once at start and then every hour. A done job's address is already cleared when it finishes; a dead
// job keeps its address (an admin needs it) until it is resolved or pruned here. Several instances may prune at
// once: the deletes are idempotent.
import type pino from 'pino';
import type { ResendStore } from './store.ts';

const DAY_MS = 86_400_000;

export interface Retention {
  /** Runs one pass now (tests, and the first pass at start). */
  runOnce(): Promise<void>;
  stop(): void;
}

export function startRetention(options: {
  store: Pick<ResendStore, 'prune'>;
  retentionDays: number;
  now: () => number;
  logger: pino.Logger;
  everyMs?: number;
}): Retention {
  const { store, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const runOnce = async () => {
    try {
      const pruned = await store.prune(options.now() - options.retentionDays * DAY_MS);
      if (pruned.jobs || pruned.audit) logger.info({ ...pruned, retentionDays: options.retentionDays }, 'retention: old resend records deleted');
    } catch (error) {
      // The next pass tries again; nothing is lost by pruning late.
      logger.error({ err: error }, 'retention: pruning failed');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void runOnce().then(schedule), options.everyMs ?? 3_600_000);
    timer.unref();
  };
  void runOnce().then(schedule);
  return {
    runOnce,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
