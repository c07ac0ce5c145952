// The emulator's graph.microsoft.com: an Express router for '/v1.0/...' (facts §3). Authenticates the bearer
// token through ctx.verifyAccessToken, then hands a GraphCall to the shared dispatcher. Every answer carries
// Graph's `request-id` / `client-request-id` headers and, on failure, Graph's error JSON.
import express from 'express';
import type { GraphContext } from '../directory.ts';
import { faultControllerOf } from '../faults.ts';
import { CutConnection, runBatch } from './batch.ts';
import { dispatchGraphCall } from './dispatch.ts';
import { graphError, newRequestIds, type GraphCall, type GraphResponse, type RequestIds } from './graph-call.ts';

export { findInvitation, listInvitations, type InvitationRecord } from './invitations.ts';

/** The content type Graph answers JSON with; graph-client parses anything containing application/json. */
const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Graph sends this challenge with every 401. */
const WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

class BadJson extends Error {}

async function readJsonBody(req: express.Request): Promise<unknown> {
  if (req.body !== undefined) return req.body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadJson('payload too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadJson('not JSON');
  }
}

function send(res: express.Response, response: GraphResponse): void {
  res.status(response.status);
  for (const [name, value] of Object.entries(response.headers ?? {})) res.set(name, value);
  if (response.rawBody !== undefined) {
    res.type('application/json').send(response.rawBody);
  } else if (response.body === undefined) {
    res.end();
  } else {
    res.set('Content-Type', GRAPH_JSON).send(JSON.stringify(response.body));
  }
}

function decodeSegments(path: string): string[] | null {
  try {
    return path
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

function lowerCaseHeaders(req: express.Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export function createGraphHandler(ctx: GraphContext): express.Router {
  const router = express.Router();

  router.use(async (req, res, next) => {
    const versioned = /^\/(v1\.0|beta)(?:\/|$)(.*)$/.exec(req.path);
    if (!versioned) {
      next();
      return;
    }
    const ids: RequestIds = newRequestIds(req.get('client-request-id'));
    res.set('request-id', ids.requestId).set('client-request-id', ids.clientRequestId);
    // Graph answers browsers too (bearer tokens, no cookies): CORS for any origin, preflights without a token.
    res.set('Access-Control-Allow-Origin', '*').set('Access-Control-Expose-Headers', 'request-id, client-request-id, Retry-After, Location');
    if (req.method === 'OPTIONS') {
      res
        .set('Access-Control-Allow-Methods', 'GET, POST, PATCH, PUT, DELETE, OPTIONS')
        .set('Access-Control-Allow-Headers', req.get('access-control-request-headers') ?? 'Authorization, Content-Type, ConsistencyLevel, client-request-id')
        .set('Access-Control-Max-Age', '3600')
        .status(204)
        .end();
      return;
    }
    try {
      const version = versioned[1]!;

      const authorization = req.get('authorization') ?? '';
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      if (!token) {
        send(res, graphError(ids, 401, 'InvalidAuthenticationToken', 'Access token is empty.', { 'WWW-Authenticate': WWW_AUTHENTICATE }));
        return;
      }
      const verified = await ctx.verifyAccessToken(token);
      const tenant = verified ? ctx.state.findTenant(verified.tenantId) : undefined;
      if (!verified || !tenant) {
        send(res, graphError(ids, 401, 'InvalidAuthenticationToken', 'Access token validation failure.', { 'WWW-Authenticate': WWW_AUTHENTICATE }));
        return;
      }
      res.locals.appId = verified.appId;
      // A delegated token acts as its user: that user must (still) exist in the tenant.
      const delegatedUser = verified.userId ? tenant.users.find((u) => u.id === verified.userId) : undefined;
      if (verified.userId && !delegatedUser) {
        send(res, graphError(ids, 401, 'InvalidAuthenticationToken', 'Access token validation failure: the user does not exist.', { 'WWW-Authenticate': WWW_AUTHENTICATE }));
        return;
      }

      const segments = decodeSegments(versioned[2] ?? '');
      if (!segments) {
        send(res, graphError(ids, 400, 'BadRequest', `Invalid request URL '${req.path}'.`));
        return;
      }
      let body: unknown;
      try {
        body = ['POST', 'PATCH', 'PUT'].includes(req.method) ? await readJsonBody(req) : undefined;
      } catch (error) {
        if (!(error instanceof BadJson)) throw error;
        send(res, graphError(ids, 400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.'));
        return;
      }

      const queryStart = req.originalUrl.indexOf('?');
      const call: GraphCall = {
        method: req.method,
        segments,
        version,
        query: new URLSearchParams(queryStart === -1 ? '' : req.originalUrl.slice(queryStart + 1)),
        headers: lowerCaseHeaders(req),
        body,
        origin: `${req.protocol}://${req.get('host') ?? 'graph.microsoft.com'}`,
        requestId: ids.requestId,
        clientRequestId: ids.clientRequestId,
        caller: delegatedUser
          ? { tenant, appId: verified.appId, roles: [], scopes: verified.scopes ?? [], user: delegatedUser }
          : { tenant, appId: verified.appId, roles: verified.roles },
        state: ctx.state,
      };
      const faults = faultControllerOf(res);
      const dispatch = (c: GraphCall): Promise<GraphResponse> => dispatchGraphCall(c, (b) => runBatch(b, dispatch, faults));
      send(res, await dispatch(call));
    } catch (error) {
      if (error instanceof CutConnection) {
        req.socket.destroy();
        return;
      }
      send(res, graphError(ids, 500, 'UnknownError', 'The emulator failed to handle this request.'));
      console.error('[graph emulator]', error);
    }
  });

  return router;
}
