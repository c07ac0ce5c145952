// "Lost your invitation?" over HTTP: the same answer for every valid address, clear refusals, CSRF and Origin checks.
// Most cases use a small stand-in service (test/portal/helpers.ts); the guest-or-stranger case runs the real resend
// service, store and worker against the Entra emulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createResendFeature } from '../../portal/resend/index.ts';
import { startServer } from '../../portal/server.ts';
import { DEMO_PEOPLE, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { startEmulator } from '../emulator/index.ts';
import { drain, emailsTo, portalConfig, silentLogger } from '../resend/support.ts';
import { CONTOSO, formSession, get, postForm, smallResendService, startTestPortal, type TestPortal } from './helpers.ts';

const path = '/t/contoso.onmicrosoft.com/resend';
let portal: TestPortal;
let resend: ReturnType<typeof smallResendService>;

beforeAll(async () => {
  resend = smallResendService({ perIp: 1000 });
  portal = await startTestPortal({ resend });
});
afterAll(async () => {
  await portal.close();
});
beforeEach(() => {
  resend.calls.length = 0;
});

function headersWithoutRequestId(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    if (key !== 'x-request-id' && key !== 'date') out[key] = value;
  });
  return out;
}

describe('the resend form', () => {
  it('answers 202 with the same page for every valid address, and hands each to the service as typed', async () => {
    const { cookie, token } = await formSession(portal.url, 'contoso.onmicrosoft.com');
    const answers = [];
    for (const email of ['conceptsuser@outlook.com', 'nobody@example.com', 'Jane.Doe@Gmail.com']) {
      const res = await postForm(`${portal.url}${path}`, { email, csrf: token }, { cookie });
      answers.push({ status: res.status, headers: headersWithoutRequestId(res), body: await res.text() });
    }
    expect(answers[0]!.status).toBe(202);
    expect(answers[0]!.body).toContain('If this address has an invitation from Contoso Ltd, it is on its way.');
    expect(answers[0]!.body).toContain('Already accepted? Sign in here:');
    expect(answers[0]!.body.toLowerCase()).toContain(`myapps.microsoft.com/?tenantid=${CONTOSO.tenantId}`);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(resend.calls.map((c) => [c.tenantKey, c.email])).toEqual([
      ['contoso.onmicrosoft.com', 'conceptsuser@outlook.com'],
      ['contoso.onmicrosoft.com', 'nobody@example.com'],
      ['contoso.onmicrosoft.com', 'Jane.Doe@Gmail.com'],
    ]);
    expect(resend.calls[0]!.clientIp).toMatch(/127\.0\.0\.1/);
  });

  it('explains with a 400 that Microsoft Entra does not support + in addresses', async () => {
    const { cookie, token } = await formSession(portal.url, 'contoso.onmicrosoft.com');
    const res = await postForm(`${portal.url}${path}`, { email: 'jane+x@gmail.com', csrf: token }, { cookie });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Microsoft Entra does not accept'); // shared's sentence for the 'plus' problem
  });

  it('asks for an address when the field is empty, without calling the service', async () => {
    const { cookie, token } = await formSession(portal.url, 'contoso.onmicrosoft.com');
    const res = await postForm(`${portal.url}${path}`, { email: '  ', csrf: token }, { cookie });
    expect(res.status).toBe(400);
    expect(resend.calls).toHaveLength(0);
  });

  it('refuses a form without the CSRF cookie, without the token, or with a forged token (403, nothing sent)', async () => {
    const { cookie, token } = await formSession(portal.url, 'contoso.onmicrosoft.com');
    const attempts = [
      postForm(`${portal.url}${path}`, { email: 'a@example.com', csrf: token }),
      postForm(`${portal.url}${path}`, { email: 'a@example.com' }, { cookie }),
      postForm(`${portal.url}${path}`, { email: 'a@example.com', csrf: `${token.slice(0, -2)}AA` }, { cookie }),
      postForm(`${portal.url}${path}`, { email: 'a@example.com', csrf: token }, { cookie: 'gp_csrf=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('This form has expired');
    }
    expect(resend.calls).toHaveLength(0);
  });

  it('answers 429 with Retry-After when the service says the client asked too often', async () => {
    const limited = smallResendService({ perIp: 1 });
    const small = await startTestPortal({ resend: limited });
    try {
      const { cookie, token } = await formSession(small.url, 'contoso.onmicrosoft.com');
      expect((await postForm(`${small.url}${path}`, { email: 'a@example.com', csrf: token }, { cookie })).status).toBe(202);
      const res = await postForm(`${small.url}${path}`, { email: 'b@example.com', csrf: token }, { cookie });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1800');
      expect(await res.text()).toContain('try again in 30 minutes');
    } finally {
      await small.close();
    }
  });

  it('answers with a 409 page naming whom to ask when the tenant has no resend set up', async () => {
    const res = await postForm(`${portal.url}/t/fabrikam.com/resend`, { email: 'a@example.com' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('cannot re-send invitations for Fabrikam');
    expect(html).toContain('guests@fabrikam.com');
    expect(resend.calls).toHaveLength(0);
  });

  it('answers 409 for every tenant when the portal runs without a resend service', async () => {
    const bare = await startTestPortal();
    try {
      const page = await (await get(`${bare.url}/t/contoso.onmicrosoft.com`)).text();
      expect(page).toContain('<fieldset disabled');
      const res = await postForm(`${bare.url}${path}`, { email: 'a@example.com' });
      expect(res.status).toBe(409);
    } finally {
      await bare.close();
    }
  });

  it('answers 404 for an unknown tenant', async () => {
    const res = await postForm(`${portal.url}/t/nope.onmicrosoft.com/resend`, { email: 'a@example.com' });
    expect(res.status).toBe(404);
  });
});

describe('the resend JSON API', () => {
  const json = (body: string, headers: Record<string, string> = {}) =>
    get(`${portal.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', origin: portal.server.config.publicBaseUrl, ...headers },
      body,
    });

  it('accepts JSON from the portal origin with a 202 and the same body for every address', async () => {
    const a = await json(JSON.stringify({ email: 'conceptsuser@outlook.com' }));
    const b = await json(JSON.stringify({ email: 'nobody@example.com' }));
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    const bodyA = await a.json();
    expect(bodyA).toEqual(await b.json());
    expect(bodyA).toMatchObject({ status: 'accepted', message: 'If this address has an invitation from Contoso Ltd, it is on its way.' });
    expect(new URL(bodyA.signInUrl).host).toBe('myapps.microsoft.com');
    expect(headersWithoutRequestId(a)).toEqual(headersWithoutRequestId(b));
  });

  it('returns the 400 reason as JSON', async () => {
    const res = await json(JSON.stringify({ email: 'jane+x@gmail.com' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 'error', reason: 'plus-not-supported' });
  });

  it('refuses JSON from another origin or without an Origin (403)', async () => {
    expect((await json(JSON.stringify({ email: 'a@example.com' }), { origin: 'https://evil.example' })).status).toBe(403);
    const noOrigin = await get(`${portal.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email: 'a@example.com' }),
    });
    expect(noOrigin.status).toBe(403);
    expect(resend.calls).toHaveLength(0);
  });

  it('answers malformed JSON with a 400 and a clear message, not a 500', async () => {
    const res = await json('{"email": ');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ message: 'The JSON in the request body is malformed.' });
  });

  it('answers JSON that is not an object with an address with a 400', async () => {
    expect((await json('[1,2,3]')).status).toBe(400);
    expect((await json('{"email": 42}')).status).toBe(400);
  });

  it('answers a wrong content type with 415', async () => {
    const res = await get(`${portal.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', accept: 'application/json' },
      body: 'email=a@example.com',
    });
    expect(res.status).toBe(415);
  });

  it('answers an oversized body with 413', async () => {
    const res = await json(JSON.stringify({ email: `${'a'.repeat(10_000)}@example.com` }));
    expect(res.status).toBe(413);
  });
});

describe('logging', () => {
  it('never writes the CSRF secret, Graph secrets, cookies or submitted addresses to the log', async () => {
    const { cookie, token } = await formSession(portal.url, 'contoso.onmicrosoft.com');
    await postForm(`${portal.url}${path}`, { email: 'private.person@example.com', csrf: token }, { cookie });
    await get(`${portal.url}/t/contoso.onmicrosoft.com?email=private.person%40example.com`);
    const log = portal.logs.join('\n');
    expect(portal.logs.length).toBeGreaterThan(0);
    expect(log).not.toContain('private.person');
    expect(log).not.toContain(portal.server.config.secret);
    expect(log).not.toContain(CONTOSO.credentials!.clientSecret!);
    expect(log).not.toContain(cookie.split('=')[1]!);
  });

  it('redacts secrets even when code logs an object holding them', () => {
    const before = portal.logs.length;
    portal.logger.info({ credentials: CONTOSO.credentials, req: { headers: { cookie: 'gp_csrf=abc', authorization: 'Bearer t' } } }, 'x');
    const line = portal.logs.slice(before).join('');
    expect(line).not.toContain('test-secret-value');
    expect(line).not.toContain('Bearer t');
    expect(line).not.toContain('gp_csrf=abc');
  });
});

describe('the resend form with the real service, against the Entra emulator', () => {
  it('answers a pending guest, an accepted guest and a stranger with the same page, and only the pending guest gets an email', async () => {
    const emulator = await startEmulator();
    const config = portalConfig(emulator);
    const feature = await createResendFeature({ config, logger: silentLogger });
    const server = await startServer({ config, logger: silentLogger, resend: feature.service });
    feature.worker.start();
    try {
      const resendPath = `/t/${DEMO_TENANT.domain}/resend`;
      const { cookie, token } = await formSession(server.url, DEMO_TENANT.domain);
      const answers = [];
      for (const email of [DEMO_PEOPLE.pendingOutlookGuest, DEMO_PEOPLE.acceptedGmailGuest, 'nobody.at.all@example.com']) {
        const res = await postForm(`${server.url}${resendPath}`, { email, csrf: token }, { cookie });
        answers.push({ status: res.status, headers: headersWithoutRequestId(res), body: await res.text() });
      }
      expect(answers[0]!.status).toBe(202);
      expect(answers[0]!.body).toContain(`If this address has an invitation from ${DEMO_TENANT.displayName}, it is on its way.`);
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
      // The service did tell them apart — only in what it did afterwards, never in the answer.
      await drain(feature.store, 60_000);
      expect(emailsTo(emulator, DEMO_PEOPLE.pendingOutlookGuest)).toBe(1);
      expect(emailsTo(emulator, DEMO_PEOPLE.acceptedGmailGuest)).toBe(0);
      expect(emulator.outbox()).toHaveLength(1);
    } finally {
      await server.close();
      await feature.close();
      await emulator.stop();
    }
  }, 120_000);
});
