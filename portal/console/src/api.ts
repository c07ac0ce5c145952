// The admin API (every write, and what only the portal knows: requests, dead letters, audit, health), called with the
// admin's token for `api://<clientId>/Guestpass.Manage`. Refusals arrive as RFC 9457 problems and are shown as such.
import type { Session } from './auth.ts';
import type { ConsoleConfig, Problem } from './contract.ts';
import { consoleBase } from './paths.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title || `The admin API answered ${status}.`);
  }
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch(`${consoleBase()}api/config`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  const body = (await res.json()) as Partial<ConsoleConfig>;
  const tenants = Array.isArray(body.tenants) ? body.tenants : [];
  return { tenants: tenants.map((t) => ({ ...t, graphBaseUrl: t.graphBaseUrl ?? body.graphBaseUrl })) };
}

export interface AdminApi {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /** The raw response (CSV downloads). */
  fetchRaw(path: string): Promise<Response>;
}

/** Paths are relative to the tenant: `/admin/api/t/<key>/<path>`. */
export function adminApi(session: Session): AdminApi {
  const base = `${consoleBase()}api/t/${encodeURIComponent(session.tenant.key)}`;
  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    const token = await session.token([session.tenant.scope]);
    const res = await fetch(`${base}/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json, application/problem+json, text/csv',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new ApiError(res.status, await problemOf(res));
    return res;
  }
  return {
    async get<T>(path: string) {
      return (await (await call('GET', path)).json()) as T;
    },
    async post<T>(path: string, body?: unknown) {
      const res = await call('POST', path, body ?? {});
      return (res.status === 204 ? {} : await res.json()) as T;
    },
    async put<T>(path: string, body: unknown) {
      return (await (await call('PUT', path, body)).json()) as T;
    },
    fetchRaw: (path) => call('GET', path),
  };
}

async function problemOf(res: Response): Promise<Problem> {
  try {
    const body = (await res.json()) as Problem;
    return typeof body === 'object' && body ? body : { status: res.status };
  } catch {
    return { status: res.status, title: res.status === 404 ? 'This part of the admin API is not available on this portal.' : `HTTP ${res.status}` };
  }
}
