// The plain environment variables (everything but the tenants list and per-tenant credentials) as one zod schema.
import { z } from 'zod';
import { parseTrustProxy } from './trust-proxy.ts';
import { ConfigError, type LogLevel } from './types.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const positiveInt = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) {
        ctx.addIssue({ code: 'custom', message: `must be a positive whole number, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const httpsUrl = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const raw = v === undefined || v.trim() === '' ? fallback : v.trim();
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be an absolute https URL, got "${raw}"` });
        return z.NEVER;
      }
      // Graph and the token endpoint are only ever reached over TLS (certificate checking stays on).
      if (url.protocol !== 'https:') {
        ctx.addIssue({ code: 'custom', message: `must use https, got "${raw}"` });
        return z.NEVER;
      }
      return url.origin + url.pathname.replace(/\/+$/, '');
    });

/** A TCP port (0–65535); `fallback` when unset or blank. */
const port = <T extends number | undefined>(fallback: T) =>
  z
    .string()
    .optional()
    .transform((v, ctx): number | T => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: `must be a port number 0–65535, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

export const envSchema = z.object({
  PORT: port(3000),
  HOST: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : '127.0.0.1')),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const level = (v && v.trim() ? v.trim().toLowerCase() : 'info') as LogLevel;
      if (!(LOG_LEVELS as readonly string[]).includes(level)) {
        ctx.addIssue({ code: 'custom', message: `must be one of ${LOG_LEVELS.join(', ')}, got "${v}"` });
        return z.NEVER;
      }
      return level;
    }),
  GUESTPASS_DATABASE: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : './data/guestpass.sqlite')),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      let url: URL | undefined;
      try {
        url = new URL(v.trim());
      } catch {
        url = undefined;
      }
      // The value may carry a password: the message never repeats it.
      if (!url || !['postgres:', 'postgresql:'].includes(url.protocol) || !url.hostname) {
        ctx.addIssue({ code: 'custom', message: 'must be a postgres://user:password@host:port/database URL (leave it unset for SQLite)' });
        return z.NEVER;
      }
      return v.trim();
    }),
  GUESTPASS_RETENTION_DAYS: positiveInt(30),
  GUESTPASS_GRAPH_CALLS_PER_SECOND: positiveInt(10),
  GUESTPASS_RESEND_WINDOW_MINUTES: positiveInt(60),
  GUESTPASS_RATE_PER_IP_PER_HOUR: positiveInt(20),
  GUESTPASS_RATE_PER_ADDRESS_PER_HOUR: positiveInt(3),
  GUESTPASS_RATE_PER_TENANT_PER_HOUR: positiveInt(500),
  GUESTPASS_LOGIN_BASE_URL: httpsUrl('https://login.microsoftonline.com'),
  GUESTPASS_GRAPH_BASE_URL: httpsUrl('https://graph.microsoft.com'),
  GUESTPASS_METRICS_PORT: port(undefined),
  GUESTPASS_METRICS_TOKEN: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      // Length only: the value is never echoed.
      if (v.length < 32) {
        ctx.addIssue({ code: 'custom', message: 'must be at least 32 characters long' });
        return z.NEVER;
      }
      return v;
    }),
  GUESTPASS_TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      try {
        return parseTrustProxy(v);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof ConfigError ? error.detail : String(error) });
        return z.NEVER;
      }
    }),
});

export type ParsedEnv = z.infer<typeof envSchema>;
