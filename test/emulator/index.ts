// startEmulator(): the local HTTPS stand-in for login.microsoftonline.com, graph.microsoft.com and
// myapps.microsoft.com that every suite (and `npx tsx test/emulator/cli.ts`) runs against.
import { join } from 'node:path';
import express from 'express';
import type { EmulatorBehaviour, EmulatorState, OutboxEmail, RequestLogEntry } from './directory.ts';
import { DEFAULT_CERT_DIR, ensureEmulatorTls } from './certs.ts';
import { createFaultController, type FaultController } from './faults.ts';
import { createGraphHandler } from './graph/index.ts';
import { createLoginRouter } from './login/index.ts';
import { createLoginStore } from './login/store.ts';
import { createAccessTokenVerifier, createSigningKeys } from './login/tokens.ts';
import { createMyAppsRouter } from './myapps/index.ts';
import { createScenarioHolder, scenarioPatchSchema, type Scenario } from './scenario.ts';
import { applySeed, consoleRedirectUri, type SeedOptions } from './seed.ts';
import { createAppAdministration, type AppAdministration } from './app-admin.ts';
import { createEmulatorApp, listenHttps } from './server.ts';
import { createEmulatorState, DEFAULT_BEHAVIOUR, type FullEmulatorState } from './state.ts';

export type { Scenario } from './scenario.ts';

export interface Emulator {
  port: number;
  /** 'https://127.0.0.1:<port>': Node clients use it as base URL for both login and Graph. */
  origin: string;
  /** = origin (msal-node authority: `${loginBaseUrl}/${tenant}`). */
  loginBaseUrl: string;
  /** = origin (Graph at `${graphBaseUrl}/v1.0/...`). */
  graphBaseUrl: string;
  /** PEM of the emulator's CA (what NODE_EXTRA_CA_CERTS points at). */
  caCertPath: string;
  /** base64 SHA-256 of the leaf certificate's SubjectPublicKeyInfo (Chromium's --ignore-certificate-errors-spki-list). */
  spki: string;
  state: FullEmulatorState;
  outbox(): OutboxEmail[];
  requests(): RequestLogEntry[];
  faults: FaultController;
  scenario(): Scenario;
  setScenario(s: Partial<Scenario>): void;
  /** The one-time passcode most recently "emailed" to that address. */
  lastOtp(address: string): string | undefined;
  /**
   * Registers `<portalUrl>/admin/` as SPA redirect URI of the portal app in both demo tenants (the portal's port is
   * known only once it listens). Survives reset().
   */
  setPortalUrl(portalUrl: string): void;
  /**
   * Tests only: signs arbitrary claims with the tenants' real signing key (as published in their JWKS) — for tokens
   * the emulator would never issue (expired, wrong audience, app-only with an app role…). iat = nbf = `now`.
   */
  signToken(claims: Record<string, unknown>, options?: { lifetimeSeconds?: number; now?: Date }): Promise<string>;
  /** Run-time changes to app registrations: secrets (rotation, expiry) and admin consent. */
  apps: AppAdministration;
  /** Back to the seed; outbox, request log, faults, scenario and sign-in state cleared. */
  reset(): void;
  stop(): Promise<void>;
}

export interface StartEmulatorOptions {
  /** 0 (default) = an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  seed?: 'demo' | 'empty';
  now?: () => Date;
  behaviour?: Partial<EmulatorBehaviour>;
  /** Where the CA and leaf certificate are cached (default `.cache/emulator/` at the repo root). */
  certDir?: string;
  /** The portal's public URL, for the admin console's SPA redirect URI (see setPortalUrl). */
  portalUrl?: string;
  /** `api.requestedAccessTokenVersion` of the demo portal apps (default 2). */
  portalTokenVersion?: 1 | 2 | null;
}

function createControlRouter(emulator: () => Emulator, appsRouter: express.Router): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '16kb' }));
  router.get('/scenario', (_req, res) => {
    res.json(emulator().scenario());
  });
  router.post('/scenario', (req, res) => {
    const parsed = scenarioPatchSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid_scenario', issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`) });
      return;
    }
    emulator().setScenario(parsed.data as Partial<Scenario>);
    res.json(emulator().scenario());
  });
  router.get('/outbox', (_req, res) => {
    res.json(emulator().outbox());
  });
  router.get('/requests', (_req, res) => {
    res.json(emulator().requests());
  });
  router.get('/otp', (req, res) => {
    const address = typeof req.query.address === 'string' ? req.query.address : '';
    const code = address ? emulator().lastOtp(address) : undefined;
    if (!code) {
      res.status(404).json({ error: 'no_passcode', error_description: `No passcode was sent to '${address}'.` });
      return;
    }
    res.json({ address, code });
  });
  router.post('/portal-url', (req, res) => {
    const url = typeof req.body?.url === 'string' ? req.body.url : '';
    if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(url)) {
      res.status(400).json({ error: 'invalid_request', error_description: 'Give {"url": "<the portal\'s public http(s) URL>"}.' });
      return;
    }
    emulator().setPortalUrl(url);
    res.json({ spaRedirectUri: consoleRedirectUri(url) });
  });
  router.use('/tenants', appsRouter);
  router.post('/reset', (_req, res) => {
    emulator().reset();
    res.status(204).end();
  });
  return router;
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  const tls = await ensureEmulatorTls({ dir: options.certDir });
  const now = options.now ?? (() => new Date());
  const seed = options.seed ?? 'demo';
  const state = createEmulatorState({ now, behaviour: options.behaviour });
  const seedOptions: SeedOptions = {
    portalUrls: options.portalUrl ? [options.portalUrl] : [],
    ...(options.portalTokenVersion !== undefined ? { portalTokenVersion: options.portalTokenVersion } : {}),
  };
  applySeed(state, seed, seedOptions);
  const apps = createAppAdministration(state);
  const keys = await createSigningKeys({ cacheFile: join(options.certDir ?? DEFAULT_CERT_DIR, 'signing-key.json') });
  const store = createLoginStore(now);
  const scenario = createScenarioHolder();
  const faults = createFaultController();
  let origin = '';
  let emulator: Emulator | undefined;

  const graph = createGraphHandler({ state: state as EmulatorState, verifyAccessToken: createAccessTokenVerifier(keys, now) });
  const app = createEmulatorApp({
    state,
    control: createControlRouter(() => emulator!, apps.router),
    faultMiddleware: faults.middleware,
    graph,
    myApps: createMyAppsRouter({ state }),
    login: createLoginRouter({ state, keys, store, scenario, origin: () => origin }),
  });
  const running = await listenHttps(app, { key: tls.leafKeyPem, cert: tls.leafCertPem }, options.port ?? 0, options.host ?? '127.0.0.1');
  const host = options.host ?? '127.0.0.1';
  // Listening on every interface still means clients reach it as 127.0.0.1 (the leaf certificate's IP SAN).
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  origin = `https://${reachable.includes(':') ? `[${reachable}]` : reachable}:${running.port}`;

  emulator = {
    port: running.port,
    origin,
    loginBaseUrl: origin,
    graphBaseUrl: origin,
    caCertPath: tls.caCertPath,
    spki: tls.spki,
    state,
    outbox: () => [...state.outbox],
    requests: () => [...state.requestLog],
    faults,
    scenario: () => scenario.current(),
    setScenario: (s) => scenario.set(s),
    lastOtp: (address) => store.lastPasscode(address),
    apps,
    signToken: (claims, opts = {}) => keys.sign(claims, { lifetimeSeconds: opts.lifetimeSeconds ?? 3599, now: opts.now ?? now() }),
    setPortalUrl(portalUrl) {
      if (!seedOptions.portalUrls!.includes(portalUrl)) seedOptions.portalUrls!.push(portalUrl);
      const uri = consoleRedirectUri(portalUrl);
      for (const tenant of state.tenants) for (const app of tenant.apps) if (app.api && app.spaRedirectUris && !app.spaRedirectUris.includes(uri)) app.spaRedirectUris.push(uri);
    },
    reset() {
      applySeed(state, seed, seedOptions);
      state.outbox.splice(0, state.outbox.length);
      state.requestLog.splice(0, state.requestLog.length);
      state.behaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour };
      store.clear();
      scenario.reset();
      faults.clear();
    },
    stop: () => running.close(),
  };
  return emulator;
}
