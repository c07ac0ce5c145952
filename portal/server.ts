// Start/stop the portal's HTTP server. Tests use port 0 (an ephemeral port); the app is built after listening so
// a derived public URL names the port really obtained.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createApp, type AppDeps } from './app.ts';
import type { PortalConfig } from './config/index.ts';
import type { OperationsHandlers } from './routes/operations.ts';

export interface RunningServer {
  /** Base URL to reach the server locally, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** The metrics listener (GUESTPASS_METRICS_PORT), when configured: /metrics and /healthz/details. */
  metricsUrl?: string;
  /** The configuration the app was built with (publicBaseUrl reflects the real port when it was derived). */
  config: PortalConfig;
  server: Server;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Builds dependencies that need the final configuration (e.g. the real port), right before the app is created. */
  withConfig?: (config: PortalConfig) => Partial<Omit<AppDeps, 'config'>>;
}

export async function startServer(deps: AppDeps, options: StartOptions = {}): Promise<RunningServer> {
  const server = createServer();
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.config.port, deps.config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = deps.config.host.includes(':') ? `[${deps.config.host}]` : deps.config.host;
  const localHost = host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host;
  const config: PortalConfig = deps.config.publicBaseUrlExplicit
    ? { ...deps.config, port }
    : { ...deps.config, port, publicBaseUrl: `http://${localHost}:${port}` };
  const app = createApp({ ...deps, ...options.withConfig?.(config), config });
  server.on('request', app);
  const metricsServer = config.metrics?.port === undefined ? undefined : await listenMetrics(app.locals.operations as OperationsHandlers, config.metrics.port, deps.config.host);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${localHost}:${port}`,
    port,
    ...(metricsServer ? { metricsUrl: `http://${localHost}:${(metricsServer.address() as AddressInfo).port}` } : {}),
    config,
    server,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        metricsServer?.close();
        metricsServer?.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        // Keep-alive clients (load generators, browsers) must not hold the shutdown open.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
      return closing;
    },
  };
}

/** The operators' listener: only /metrics and /healthz/details (with tenant names and reasons), nothing for guests. */
async function listenMetrics(handlers: OperationsHandlers, port: number, host: string): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/metrics', handlers.metrics);
  app.get('/healthz/details', handlers.healthDetails);
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found (this listener serves /metrics and /healthz/details).\n');
  });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
