// The portal's pino logger: JSON lines, secrets and personal data redacted by path.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config/index.ts';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'res.headers["set-cookie"]',
  'secret',
  '*.secret',
  'clientSecret',
  '*.clientSecret',
  '*.*.clientSecret',
  'credentials',
  '*.credentials',
  'password',
  '*.password',
  'databaseUrl',
  '*.databaseUrl',
  'connectionString',
  '*.connectionString',
  'token',
  '*.token',
  'csrf',
  '*.csrf',
  'body',
  '*.body',
  'email.body',
];

/**
 * Standard output, written in batches: lines collect in memory until 4 KB are waiting or 500 ms have passed, and go out
 * in one write instead of one write per request line. The trade-off: a process killed with SIGKILL (or a crash of
 * Node itself) loses at most those last 500 ms / 4 KB of lines. Every ordinary ending still writes them: pino flushes
 * this destination synchronously on process exit (including exit after an uncaught exception), and main.ts flushes
 * on SIGTERM/SIGINT and right after the ready line.
 */
export function batchedStdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 500 });
}

export function createLogger(level: LogLevel, destination: DestinationStream = batchedStdout()): Logger {
  return pino(
    {
      level,
      base: { service: 'guestpass-portal' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: isoTimeOncePerMs(),
    },
    destination,
  );
}

/**
 * pino's isoTime (`,"time":"<ISO 8601>"`), formatted at most once per millisecond: under load several lines share a
 * millisecond, and a Date plus toISOString per line is a measurable part of the request log's cost. Same output.
 */
export function isoTimeOncePerMs(now: () => number = Date.now): () => string {
  let lastMs = Number.NaN;
  let stamp = '';
  return () => {
    const ms = now();
    if (ms !== lastMs) {
      lastMs = ms;
      stamp = `,"time":"${new Date(ms).toISOString()}"`;
    }
    return stamp;
  };
}
