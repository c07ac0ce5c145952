// One HTTPS server for every host the emulator stands in for. Requests are routed by Host (and, for Node
// clients that all talk to https://127.0.0.1:<port>, by path): Graph, the My Apps stand-in, else the login side.
// Order: control API (/_emulator, never faulted or logged) → request log → fault injection → routes.
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { EmulatorState, RequestLogEntry } from './directory.ts';
import { peekClaims } from './login/tokens.ts';

export interface ServerParts {
  state: EmulatorState;
  control: express.Router;
  faultMiddleware: express.RequestHandler;
  graph: express.Router;
  myApps: express.Router;
  login: express.Router;
}

const MAX_LOG_ENTRIES = 10_000;

function hostName(req: Request): string {
  return (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
}

export function isGraphRequest(req: Request): boolean {
  return hostName(req) === 'graph.microsoft.com' || /^\/(v1\.0|beta)(\/|$)/.test(req.path);
}

export function isMyAppsRequest(req: Request): boolean {
  return hostName(req) === 'myapps.microsoft.com';
}

/** Record every answered request (path + query only: bodies, which carry secrets and passcodes, are never kept). */
function requestLog(state: EmulatorState): express.RequestHandler {
  return (req, res, next) => {
    const startedAt = state.now().toISOString();
    res.on('finish', () => {
      const entry: RequestLogEntry = { at: startedAt, host: req.headers.host ?? '', method: req.method, path: req.originalUrl, status: res.statusCode };
      const auth = req.headers.authorization;
      if (auth?.startsWith('Bearer ')) {
        const claims = peekClaims(auth.slice(7));
        const appId = claims?.appid ?? claims?.azp;
        if (typeof appId === 'string') entry.appId = appId;
      }
      state.requestLog.push(entry);
      // A long CLI session must not grow without bound; tests never come near this.
      if (state.requestLog.length > MAX_LOG_ENTRIES) state.requestLog.splice(0, state.requestLog.length - MAX_LOG_ENTRIES);
    });
    next();
  };
}

export function createEmulatorApp(parts: ServerParts): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/_emulator', parts.control);
  app.use(requestLog(parts.state));
  app.use(parts.faultMiddleware);
  app.use((req, res, next) => (isGraphRequest(req) ? parts.graph(req, res, next) : next()));
  app.use((req, res, next) => (isMyAppsRequest(req) ? parts.myApps(req, res, next) : next()));
  app.use(parts.login);
  app.use((req, res) => {
    res.status(404).type('text/plain').send(`Not found: ${req.method} ${req.path}`);
  });
  // Whatever goes wrong: a short message, never a stack trace. Body-parser errors carry their own 4xx status.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    void next;
    const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode ?? 500;
    if (res.headersSent) {
      res.end();
      return;
    }
    const safe = status >= 400 && status < 500 ? status : 500;
    if (safe === 500) console.error(`emulator: ${req.method} ${req.path} failed:`, error);
    res.status(safe).json({ error: safe === 500 ? 'server_error' : 'invalid_request', error_description: safe === 500 ? 'The emulator failed to answer this request.' : (error as Error).message });
  });
  return app;
}

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function listenHttps(app: express.Express, tls: { key: string; cert: string }, port: number, host: string): Promise<RunningServer> {
  const server = createServer({ key: tls.key, cert: tls.cert, ALPNProtocols: ['http/1.1'] }, app);
  // Idle keep-alive sockets stay open long (as Microsoft's front doors do): with Node's 5 s default a loaded machine
  // lets a client reuse a socket the server is just closing, and a POST on it fails with ECONNRESET (not retried).
  server.keepAliveTimeout = 65_000;
  // Track raw sockets too: closeAllConnections() misses one still in its TLS handshake, which would hold close().
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    server,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
}
