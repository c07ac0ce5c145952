// "One Graph budget per tenant shared by every instance and every feature": the admin API's own On-Behalf-Of calls
// (ctx.deps.adminGraph, for admin writes) take from the same per-tenant budget as the resend/invitation worker.
// Real msal-node OBO and graph-client against the emulator.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { findTenant } from '../../portal/config/index.ts';
import { createResendFeature, featureDeps, type ResendFeature } from '../../portal/resend/index.ts';
import { DEMO_CONSOLE_USERS, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { consoleAccessToken } from '../support/console-token.ts';
import { portalConfig, silentLogger } from '../resend/support.ts';

const PORTAL = 'http://127.0.0.1:4000';
let emulator: Emulator;
let feature: ResendFeature | undefined;
beforeEach(async () => {
  emulator = await startEmulator({ portalUrl: PORTAL });
});
afterEach(async () => {
  await feature?.close();
  feature = undefined;
  await emulator.stop();
});

const graphReads = () => emulator.requests().filter((r) => r.method === 'GET' && r.path.startsWith('/v1.0/users')).length;

it('the admin API\'s On-Behalf-Of calls wait for the tenant\'s shared Graph budget, which the worker\'s calls use up too', async () => {
  const config = portalConfig(emulator);
  feature = await createResendFeature({ config, logger: silentLogger, tuning: { budget: { calls: 2, perMs: 60_000 } } });
  const tenant = findTenant(config.tenants, DEMO_TENANT.domain)!;
  const token = await consoleAccessToken(emulator, PORTAL, DEMO_CONSOLE_USERS.admin);
  // Another feature (the worker, here directly) takes one call of the tenant's budget.
  expect(await feature.graphBudget.take(tenant.key)).toBe(true);

  const graph = await featureDeps(feature).adminGraph!(tenant, token);
  await graph.api('/users').top(1).get();
  expect(graphReads()).toBe(1);
  const third = graph.api('/users').top(1).get();
  third.catch(() => undefined); // rejected when the store closes under the waiting call, at the end
  const raced = await Promise.race([third.then(() => 'answered'), new Promise((r) => setTimeout(() => r('waiting'), 700))]);
  expect(raced).toBe('waiting');
  expect(graphReads()).toBe(1);
});
