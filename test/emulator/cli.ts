// Run the emulator on its own: `npx tsx test/emulator/cli.ts [--port 8443] [--host 127.0.0.1] [--seed demo|empty]`.
// Prints what a person (or another process) needs to use it, and stops cleanly on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { DEMO_PEOPLE, DEMO_PORTAL_APP, DEMO_TENANT, DEMO_WEB_APP, PARTNER_TENANT } from './demo-tenant.ts';
import { startEmulator } from './index.ts';

function usage(message?: string): never {
  if (message) console.error(`error: ${message}`);
  console.error('usage: npx tsx test/emulator/cli.ts [--port <0-65535>] [--host <address>] [--seed demo|empty]');
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { port: { type: 'string', default: '8443' }, host: { type: 'string', default: '127.0.0.1' }, seed: { type: 'string', default: 'demo' }, help: { type: 'boolean', short: 'h' } } }));
} catch (error) {
  usage((error as Error).message);
}
if (values.help) usage();
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be 0-65535, got '${values.port}'`);
if (values.seed !== 'demo' && values.seed !== 'empty') usage(`--seed must be demo or empty, got '${values.seed}'`);

const emulator = await startEmulator({ port, host: values.host, seed: values.seed });
const hosts = ['login.microsoftonline.com', 'graph.microsoft.com', 'myapps.microsoft.com'];
const rules = hosts.map((h) => `MAP ${h} 127.0.0.1:${emulator.port}`).join(', ');
console.log(`Entra emulator listening on ${emulator.origin}

  Node clients      base URL ${emulator.origin}  (login and Graph: ${emulator.graphBaseUrl}/v1.0/...)
                    NODE_EXTRA_CA_CERTS=${emulator.caCertPath}
  msal-node         authority ${emulator.loginBaseUrl}/${DEMO_TENANT.id}, knownAuthorities ['127.0.0.1:${emulator.port}']
  CA certificate    ${emulator.caCertPath}
  leaf SPKI         ${emulator.spki}

  Chromium flags:
    --host-resolver-rules="${rules}"
    --ignore-certificate-errors-spki-list=${emulator.spki}

  Demo tenant       ${DEMO_TENANT.displayName}: ${DEMO_TENANT.domain} (${DEMO_TENANT.id})
  Partner tenant    ${PARTNER_TENANT.displayName}: ${PARTNER_TENANT.domain} (${PARTNER_TENANT.id})
  Portal app        ${DEMO_PORTAL_APP.clientId} (secret: ${DEMO_PORTAL_APP.clientSecret.replace(/.(?=.{4})/g, '*')})
  Web sign-in app   ${DEMO_WEB_APP.clientId} → ${DEMO_WEB_APP.redirectUri}
  Gmail guest       ${DEMO_PEOPLE.acceptedGmailGuest} — try https://login.microsoftonline.com/${DEMO_TENANT.domain}/oauth2/v2.0/authorize?client_id=${DEMO_WEB_APP.clientId}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(DEMO_WEB_APP.redirectUri)}

  Control API       GET ${emulator.origin}/_emulator/outbox · GET /_emulator/otp?address=… · POST /_emulator/scenario {"markup":"fluent"} · POST /_emulator/reset
Press Ctrl+C to stop.`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the emulator…`);
  await emulator.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
