// POST /v1.0/$batch (JSON batching): at most 20 requests (facts §3 "$batch"); each inner request goes through the
// same dispatcher with its own headers (ConsistencyLevel belongs inside each request) and through fault
// injection on its own, so a 200 batch can carry inner 429s.
import { faultErrorBody, faultRetryAfter, MALFORMED_BODY, type Fault, type FaultController } from '../faults.ts';
import { graphError, newRequestIds, type GraphCall, type GraphResponse } from './graph-call.ts';

export const MAX_BATCH_REQUESTS = 20;

interface InnerRequest {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

interface InnerResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

type Dispatch = (call: GraphCall) => Promise<GraphResponse>;

/** Thrown when an inner fault is a cut connection: the whole batch connection is cut, as the outer one would be. */
export class CutConnection extends Error {}

function readInnerRequests(call: GraphCall): InnerRequest[] | GraphResponse {
  const body = call.body as { requests?: unknown } | null;
  if (typeof body !== 'object' || body === null || !Array.isArray(body.requests)) {
    return graphError(call, 400, 'BadRequest', 'Invalid batch payload format.');
  }
  if (body.requests.length > MAX_BATCH_REQUESTS) {
    return graphError(call, 400, 'BadRequest', `Limit of ${MAX_BATCH_REQUESTS} requests per batch exceeded.`);
  }
  const seen = new Set<string>();
  const requests: InnerRequest[] = [];
  for (const raw of body.requests as unknown[]) {
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : '';
    if (id === '' || typeof r.method !== 'string' || typeof r.url !== 'string') {
      return graphError(call, 400, 'BadRequest', 'Invalid batch payload format: each request needs id, method and url.');
    }
    if (seen.has(id)) return graphError(call, 400, 'BadRequest', `Batch request id '${id}' is duplicated.`);
    seen.add(id);
    const headers: Record<string, string> = {};
    if (typeof r.headers === 'object' && r.headers !== null) {
      for (const [name, value] of Object.entries(r.headers)) headers[name.toLowerCase()] = String(value);
    }
    requests.push({ id, method: r.method.toUpperCase(), url: r.url, headers, body: r.body });
  }
  return requests;
}

function splitInnerUrl(url: string, version: string): { segments: string[]; query: URLSearchParams; path: string } | null {
  // Inner urls are relative to the version ("/users?$filter=…"); absolute urls are not allowed. graph-client's
  // BatchRequestContent keeps the version ("/v1.0/users"), so a leading version segment is accepted too.
  if (/^[a-z]+:\/\//i.test(url)) return null;
  const [rawPath = '', query = ''] = url.replace(/^\//, '').split(/\?(.*)/s);
  try {
    const segments = rawPath.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
    if (segments[0] === version) segments.shift();
    const path = rawPath.startsWith(`${version}/`) ? rawPath.slice(version.length + 1) : rawPath;
    return { segments, query: new URLSearchParams(query), path: query ? `${path}?${query}` : path };
  } catch {
    return null;
  }
}

function retryAfterHeader(fault: Parameters<typeof faultRetryAfter>[0]): Record<string, string> {
  const value = faultRetryAfter(fault);
  return value === null ? {} : { 'Retry-After': value };
}

async function applyInnerFault(fault: Fault, ids: { requestId: string; clientRequestId: string }, run: () => Promise<GraphResponse>): Promise<GraphResponse> {
  switch (fault.kind) {
    case 'status':
      return {
        status: fault.status,
        headers: retryAfterHeader(fault),
        body: fault.body ?? faultErrorBody(fault.status, ids.requestId, ids.clientRequestId),
      };
    case 'delay':
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      return run();
    case 'malformed':
      return { status: 200, rawBody: MALFORMED_BODY };
    case 'cut':
      throw new CutConnection();
    case 'slowAnswer': {
      const answer = await run();
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      return answer;
    }
    case 'lostResponse': {
      await run();
      if (fault.status === undefined) throw new CutConnection();
      return {
        status: fault.status,
        headers: retryAfterHeader(fault),
        body: faultErrorBody(fault.status, ids.requestId, ids.clientRequestId),
      };
    }
  }
}

export async function runBatch(call: GraphCall, dispatch: Dispatch, faults: FaultController | undefined): Promise<GraphResponse> {
  const requests = readInnerRequests(call);
  if (!Array.isArray(requests)) return requests;

  const responses: InnerResponse[] = [];
  for (const inner of requests) {
    const ids = newRequestIds(inner.headers['client-request-id']);
    const split = splitInnerUrl(inner.url, call.version);
    let response: GraphResponse;
    if (!split) {
      response = graphError(ids, 400, 'BadRequest', `Invalid request URL '${inner.url}'.`);
    } else {
      const innerCall: GraphCall = {
        ...call,
        method: inner.method,
        segments: split.segments,
        query: split.query,
        headers: inner.headers,
        body: inner.body,
        requestId: ids.requestId,
        clientRequestId: ids.clientRequestId,
      };
      const run = async (): Promise<GraphResponse> => {
        if (split.segments[0] === '$batch') return graphError(ids, 400, 'BadRequest', 'Nested batch requests are not supported.');
        return dispatch(innerCall);
      };
      const routeKey = `${inner.method} /${call.version}/${split.path}`;
      const fault = faults?.decide(routeKey) ?? null;
      response = fault ? await applyInnerFault(fault, ids, run) : await run();
    }
    responses.push({
      id: inner.id,
      status: response.status,
      headers: { 'Content-Type': 'application/json', ...response.headers },
      body: response.rawBody ?? response.body,
    });
  }
  return { status: 200, body: { responses } };
}
