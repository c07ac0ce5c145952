// One Graph request as the handlers see it, independent of Express, so `$batch` can dispatch its inner requests
// through exactly the same code as top-level ones (facts §3 "$batch": each inner request is handled on its own).
import { randomUUID } from 'node:crypto';
import type { DirectoryUser, EmulatedTenant, EmulatorState } from '../directory.ts';

export interface GraphCaller {
  tenant: EmulatedTenant;
  appId: string;
  /** App-only tokens: the application permissions (`roles`). */
  roles: readonly string[];
  /** Delegated tokens: the delegated permissions (`scp`) and the signed-in user. */
  scopes?: readonly string[];
  user?: DirectoryUser;
}

/** What a caller may do: its application permissions, or for a delegated token its delegated ones (`scp`). */
export function permissionsOf(caller: GraphCaller): readonly string[] {
  return caller.user ? (caller.scopes ?? []) : caller.roles;
}

export interface GraphCall {
  method: string;
  /** Path segments after the version, percent-decoded: ['users', 'abc'] for /v1.0/users/abc. */
  segments: string[];
  version: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
  /** 'https://127.0.0.1:PORT' — nextLinks point back at the origin the client used. */
  origin: string;
  requestId: string;
  clientRequestId: string;
  caller: GraphCaller;
  state: EmulatorState;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Emulator-only: send this text verbatim instead of JSON (malformed-body faults). */
  rawBody?: string;
}

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

export function newRequestIds(clientRequestId: string | undefined): RequestIds {
  const requestId = randomUUID();
  return { requestId, clientRequestId: clientRequestId?.trim() || requestId };
}

/** Graph's error body: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export function graphError(
  ids: RequestIds,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): GraphResponse {
  return {
    status,
    headers,
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          'request-id': ids.requestId,
          'client-request-id': ids.clientRequestId,
        },
      },
    },
  };
}

export const INSUFFICIENT_PRIVILEGES = 'Insufficient privileges to complete the operation.';

/**
 * 403 Authorization_RequestDenied unless the token grants one of `accepted`: an app-only token in its `roles`, a
 * delegated token in its `scp` (`delegated`, default the same names: most Graph permissions exist in both kinds).
 */
export function requireRole(call: GraphCall, accepted: readonly string[], delegated: readonly string[] = accepted): GraphResponse | null {
  const wanted = call.caller.user ? delegated : accepted;
  if (permissionsOf(call.caller).some((permission) => wanted.includes(permission))) return null;
  return graphError(call, 403, 'Authorization_RequestDenied', INSUFFICIENT_PRIVILEGES);
}

/**
 * Delegated calls also need the SIGNED-IN USER's directory role, as Entra checks it (Graph's "the calling user must be
 * assigned at least one of the following Microsoft Entra roles", e.g. user-delete.md: User Administrator or
 * Privileged Authentication Administrator; Global Administrator holds every permission). App-only calls are decided
 * by their application permission alone. 403 Authorization_RequestDenied, the same body as a missing permission.
 */
export function requireDirectoryRole(call: GraphCall, roles: readonly string[]): GraphResponse | null {
  const user = call.caller.user;
  if (!user) return null;
  if (user.directoryRoles.some((role) => role === 'Global Administrator' || roles.includes(role))) return null;
  return graphError(call, 403, 'Authorization_RequestDenied', INSUFFICIENT_PRIVILEGES);
}

/** Roles that may delete, restore, update and convert non-admin users (user-delete.md, directory-deleteditems-restore.md, user-convertexternaltointernalmemberuser.md). */
export const USER_ADMIN_ROLES = ['User Administrator', 'Privileged Authentication Administrator'] as const;

export function json(status: number, body: unknown): GraphResponse {
  return { status, body };
}

export function odataContext(call: GraphCall, fragment: string): string {
  return `https://graph.microsoft.com/${call.version}/$metadata#${fragment}`;
}
