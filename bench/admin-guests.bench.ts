// The console's guest list on a big tenant (issue 9 bench): 10,000 emulated guests, the query the console sends
// (portal/console/src/graph.ts guestPage: $filter pending guests, $select, $top 50, $count + ConsistencyLevel: eventual)
// with a delegated Graph token of the demo admin (On-Behalf-Of through the portal app), over real HTTPS with the real
// graph-client. Rows: time to the first page (median; goal ≤ 1 s) against the same query on the seeded demo tenant
// (5 guests), the Graph calls one page costs, and a search by address on the big tenant.
// Node reads NODE_EXTRA_CA_CERTS only at start-up: the default export re-runs this file in a child that trusts the CA.
import { fileURLToPath } from 'node:url';
import { ConfidentialClientApplication, CryptoProvider } from '@azure/msal-node';
import { Client } from '@microsoft/microsoft-graph-client';
import type { DirectoryUser } from '../test/emulator/directory.ts';
import { DEMO_CONSOLE_USERS, DEMO_PORTAL_APP, DEMO_TENANT, PORTAL_API } from '../test/emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../test/emulator/index.ts';
import { get, submitForm } from '../test/emulator/login/test-helpers.ts';
import { childRows, rowsFromChild } from './emulator-child.ts';
import type { BenchRow } from './row.ts';

const SELF = fileURLToPath(import.meta.url);
const CHILD_FLAG = '--admin-guests-bench-child';
const GUESTS = 10_000;
const RUNS = 15;
const PORTAL_URL = 'http://127.0.0.1:4999';
const SELECT = ['id', 'displayName', 'mail', 'userPrincipalName', 'externalUserState', 'externalUserStateChangeDateTime', 'createdDateTime'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function addGuests(emulator: Emulator, count: number): void {
  const tenant = emulator.state.findTenant(DEMO_TENANT.id)!;
  const template = tenant.users.find((u) => u.userType === 'Guest')!;
  for (let i = 0; i < count; i++) {
    const address = `bench.guest.${i}@example${i % 50}.com`;
    const user: DirectoryUser = {
      ...structuredClone(template),
      id: `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}`,
      displayName: `Bench Guest ${i}`,
      mail: address,
      proxyAddresses: [`SMTP:${address}`],
      userPrincipalName: `${address.replace('@', '_')}#EXT#@${DEMO_TENANT.domain}`,
      externalUserState: i % 3 === 0 ? 'Accepted' : 'PendingAcceptance',
    };
    tenant.users.push(user);
  }
}

/** The demo admin's delegated Graph token: console sign-in (password, PKCE), then On-Behalf-Of through the portal app. */
async function delegatedGraphToken(emulator: Emulator): Promise<string> {
  const redirectUri = `${PORTAL_URL}/admin/`;
  const scope = `openid api://${DEMO_PORTAL_APP.clientId}/${PORTAL_API.scope}`;
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const params = new URLSearchParams({ client_id: DEMO_PORTAL_APP.clientId, redirect_uri: redirectUri, response_type: 'code', scope, code_challenge: challenge, code_challenge_method: 'S256' });
  const page = await get(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/authorize?${params}`);
  const password = await submitForm(emulator.origin, page, { loginfmt: DEMO_CONSOLE_USERS.admin.username });
  const done = await submitForm(emulator.origin, password, { passwd: DEMO_CONSOLE_USERS.admin.password });
  const code = new URL(done.location!).searchParams.get('code')!;
  const res = await fetch(`${emulator.origin}/${DEMO_TENANT.id}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { origin: PORTAL_URL },
    body: new URLSearchParams({ client_id: DEMO_PORTAL_APP.clientId, grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri, scope }),
  });
  const apiToken = ((await res.json()) as { access_token: string }).access_token;
  const msal = new ConfidentialClientApplication({
    auth: { clientId: DEMO_PORTAL_APP.clientId, clientSecret: DEMO_PORTAL_APP.clientSecret, authority: `${emulator.loginBaseUrl}/${DEMO_TENANT.id}`, knownAuthorities: [new URL(emulator.loginBaseUrl).host] },
  });
  return (await msal.acquireTokenOnBehalfOf({ oboAssertion: apiToken, scopes: ['https://graph.microsoft.com/.default'] }))!.accessToken;
}

async function measure(): Promise<BenchRow[]> {
  const emulator = await startEmulator({ portalUrl: PORTAL_URL });
  try {
    const token = await delegatedGraphToken(emulator);
    const client = Client.initWithMiddleware({
      authProvider: { getAccessToken: async () => token },
      baseUrl: emulator.graphBaseUrl,
      customHosts: new Set([new URL(emulator.graphBaseUrl).hostname]),
      defaultVersion: 'v1.0',
    });
    const firstPage = (search?: string) => {
      const request = client
        .api('/users')
        .header('ConsistencyLevel', 'eventual')
        .select(SELECT)
        .filter("userType eq 'Guest' and externalUserState eq 'PendingAcceptance'")
        .top(50)
        .count(true);
      if (search) request.search(`"displayName:${search}" OR "mail:${search}"`);
      return request.get() as Promise<{ value: unknown[]; '@odata.count'?: number }>;
    };
    const time = async (search?: string) => {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        rows = (await firstPage(search)).value.length;
        times.push(performance.now() - started);
      }
      return { ms: median(times), rows };
    };

    await time(); // warm up (TLS, JIT)
    const small = await time();
    addGuests(emulator, GUESTS);
    const before = emulator.requests().filter((r) => r.path.startsWith('/v1.0/')).length;
    const big = await time();
    const calls = (emulator.requests().filter((r) => r.path.startsWith('/v1.0/')).length - before) / RUNS;
    const search = await time('bench.guest.9999');
    if (big.rows !== 50) throw new Error(`expected a full first page, got ${big.rows}`);
    return [
      {
        measure: `console guest list, first page on ${GUESTS.toLocaleString('en-US')} guests (pending, $select/$top 50/$count, delegated token)`,
        value: Math.round(big.ms * 10) / 10,
        unit: 'ms',
        baseline: { label: 'same query on the 5-guest demo tenant', value: Math.round(small.ms * 10) / 10 },
        ratio: Math.round((big.ms / small.ms) * 100) / 100,
        goal: '≤ 1000 ms',
        met: big.ms <= 1000,
      },
      { measure: 'console guest list, Graph calls per first page', value: calls, unit: 'calls', goal: '1', met: calls === 1 },
      { measure: `console guest search by address on ${GUESTS.toLocaleString('en-US')} guests ($search, first page)`, value: Math.round(search.ms * 10) / 10, unit: 'ms', goal: '≤ 1000 ms', met: search.ms <= 1000 },
    ];
  } finally {
    await emulator.stop();
  }
}

export default function adminGuestsBench(): Promise<BenchRow[]> {
  return rowsFromChild(SELF, CHILD_FLAG);
}

if (process.argv.includes(CHILD_FLAG)) await childRows(measure);
