// The portal's pino logger: JSON lines, secrets and personal data redacted by path.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

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
  'token',
  '*.token',
  'csrf',
  '*.csrf',
  'body',
  '*.body',
  'email.body',
];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'guestpass-portal' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
