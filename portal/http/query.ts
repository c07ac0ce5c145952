// Query-string access that skips Express 5's per-read parsing when the URL has no query at all.
import type { Request } from 'express';

const NO_QUERY: Record<string, unknown> = Object.freeze({});

/** The parsed query string. Express 5 re-parses `req.query` on every read, so a URL without `?` skips it. */
export function query(req: Request): Record<string, unknown> {
  return req.url.includes('?') ? (req.query as Record<string, unknown>) : NO_QUERY;
}

/** A parameter given once as a string (`?a=1&a=2` and `?a[b]=1` are not). */
export function singleQuery(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return undefined;
}

/** True when the client prefers JSON over HTML (fetch with `Accept: application/json`). */
export function wantsJson(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'json';
}
