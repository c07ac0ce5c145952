// RFC 9457 problem details for the admin API: `application/problem+json`, never a stack trace. 401/403 also carry the
// RFC 6750 `WWW-Authenticate: Bearer` challenge (invalid_token / insufficient_scope) that OAuth clients read.
import type { Response } from 'express';

export interface Problem {
  status: number;
  /** Short stable name; the `type` URI is derived from it. */
  code: string;
  title: string;
  detail: string;
  [extension: string]: unknown;
}

export const PROBLEM_TYPE_BASE = 'urn:guestpass:problem:';

export function problem(status: number, code: string, title: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { status, code, title, detail, ...extra };
}

export function sendProblem(res: Response, p: Problem): void {
  const { status, code, title, detail, ...extensions } = p;
  res.status(status).set({ 'Content-Type': 'application/problem+json; charset=utf-8', 'Cache-Control': 'no-store' });
  if (status === 401) res.set('WWW-Authenticate', `Bearer error="invalid_token", error_description="${quoteSafe(title)}"`);
  else if (status === 403) res.set('WWW-Authenticate', `Bearer error="insufficient_scope", error_description="${quoteSafe(title)}"`);
  res.send(JSON.stringify({ type: `${PROBLEM_TYPE_BASE}${code}`, title, status, detail, ...extensions }));
}

function quoteSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]|["\\]/g, '');
}
