// The admin's invitations over HTTP (issue 13 "Invite directly" and its CSV test): a real portal with the real
// invitation queue and worker draining against the emulator, which answers POST /invitations with Microsoft's own
// validation and keeps an outbox. Tokens are real console tokens (test/support/console-token.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../portal/server.ts';
import { createResendFeature, featureDeps, type ResendFeature } from '../../portal/resend/index.ts';
import { DEMO_CONSOLE_USERS, DEMO_TENANT } from '../emulator/demo-tenant.ts';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { consoleAccessToken } from '../support/console-token.ts';
import { until } from '../support/console-world.ts';
import { portalConfig, silentLogger } from '../resend/support.ts';

let emulator: Emulator;
let portal: RunningServer;
let feature: ResendFeature;
let adminToken: string;
let configuredUrl: string;
const T = DEMO_TENANT.domain;

const api = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${portal.url}/admin/api/t/${T}/${path}`, { ...init, headers: { authorization: `Bearer ${init.token ?? adminToken}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
const post = (path: string, body: unknown, token?: string) => api(path, { method: 'POST', body: JSON.stringify(body), ...(token ? { token } : {}) });

const emailsTo = (address: string) => emulator.outbox().filter((e) => e.to === address);

/** Sending 195 invitations through the tenant's Graph budget takes a while on a loaded machine. */
const LONG = 150_000;

beforeAll(async () => {
  emulator = await startEmulator();
  const config = portalConfig(emulator);
  configuredUrl = config.publicBaseUrl;
  feature = await createResendFeature({ config, logger: silentLogger, tuning: { pollMs: 100, budget: { calls: 1000, perMs: 1_000 } } });
  portal = await startServer({ config, logger: silentLogger, ...featureDeps(feature) });
  emulator.setPortalUrl(portal.config.publicBaseUrl);
  feature.worker.start();
  adminToken = await consoleAccessToken(emulator, portal.config.publicBaseUrl, DEMO_CONSOLE_USERS.admin);
}, 60_000);
afterAll(async () => {
  await portal?.close();
  await feature?.close();
  await emulator?.stop();
});

/** 200 rows: 195 good guests and 5 bad rows (a `+` address, a formula, not an address, a duplicate, an http redirect). */
function twoHundredRows(): { csv: string; good: string[] } {
  const good = Array.from({ length: 195 }, (_, i) => `csv-guest-${i}@partner-${i % 7}.example`);
  const lines = ['Email,Display Name,Redirect,Language'];
  good.forEach((email, i) => {
    lines.push(`${email},"Guest ${i}, Partner",,${['de', 'fr', 'ja', ''][i % 4]}`);
    if (i === 10) lines.push('jane+work@gmail.com,Jane,,');
    if (i === 50) lines.push('=cmd|x@evil.example,Formula,,');
    if (i === 90) lines.push('not an address,Nobody,,');
    if (i === 130) lines.push(`${good[3]!.toUpperCase()},Again,,`);
    if (i === 170) lines.push('plain@partner.example,Plain,http://partner.example/,');
  });
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, good };
}

interface Progress {
  finished: boolean;
  counts: { rows: number; send: number; rejected: number; alreadyInvited: number };
  states: Record<string, number>;
  rows: { row: number; email: string; verdict: string; why?: string; state?: string }[];
}

describe('admin invitations over HTTP (real queue, emulator)', () => {
  const { csv, good } = twoHundredRows();

  it('a CSV of 200 rows with 5 bad ones: preview flags the 5 (a `+` address in Entra\'s words), sending gives 195 emails and per-row results in JSON and CSV', async () => {
    const preview = await post('invitations/preview', { csv });
    expect(preview.status).toBe(200);
    const p = (await preview.json()) as { counts: Progress['counts']; rows: Progress['rows'] };
    expect(p.counts).toMatchObject({ rows: 200, send: 195, rejected: 5 });
    const flagged = p.rows.filter((r) => r.verdict !== 'invite');
    expect(flagged.map((r) => r.verdict)).toEqual(['entra-rejects', 'entra-rejects', 'invalid', 'duplicate', 'bad-redirect']);
    expect(flagged[0]!.why).toContain("doesn't currently support plus symbols in email addresses");
    expect(flagged.every((r) => (r.why ?? '').length > 10)).toBe(true);
    expect(emulator.outbox().length).toBe(0); // a preview sends nothing

    const sent = await post('invitations/batches', { csv, resendPending: false });
    expect(sent.status).toBe(202);
    const { batchId } = (await sent.json()) as { batchId: string };
    let progress!: Progress;
    await until('the batch to finish', async () => {
      progress = (await (await api(`invitations/batches/${batchId}`)).json()) as Progress;
      return progress.finished;
    }, LONG);
    expect(progress.states).toMatchObject({ sent: 195, failed: 0 });
    for (const email of good) expect(emailsTo(email)).toHaveLength(1);
    expect(emulator.outbox().length).toBe(195);
    expect(emailsTo(good[0]!)[0]!.inviteRedirectUrl).toBe(`${configuredUrl}/t/${T}`); // the tenant's guestpass page
    // On-Behalf-Of the admin, in the row's language, with its display name (languages cycle de, fr, ja, none).
    expect(emailsTo(good[0]!)[0]).toMatchObject({ invitedBy: DEMO_CONSOLE_USERS.admin.id, messageLanguage: 'de-DE', invitedUserDisplayName: 'Guest 0, Partner' });
    expect(good.slice(1, 4).map((g) => emailsTo(g)[0]!.messageLanguage ?? null)).toEqual(['fr-FR', 'ja-JP', null]);
    expect(progress.rows).toHaveLength(200);
    const rejected = progress.rows.filter((r) => !r.state);
    expect(rejected.map((r) => [r.verdict, Boolean(r.why)])).toEqual([
      ['entra-rejects', true],
      ['entra-rejects', true],
      ['invalid', true],
      ['duplicate', true],
      ['bad-redirect', true],
    ]);

    const results = await api(`invitations/batches/${batchId}/results.csv`);
    expect(results.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await results.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(201);
    expect(lines[0]).toBe('row,line,email,verdict,state,explanation,job');
    expect(lines.filter((l) => /,invite,sent,/.test(l))).toHaveLength(195);
    // A refused row's address is not kept (the audit holds keyed hashes only): the row and line point into the admin's file.
    expect(lines.find((l) => l.includes('the character ""=""'))).toMatch(/^\d+,\d+,,entra-rejects,/);
  }, 240_000);

  it('uploading the same file again sends nothing twice (guestpass\'s own records, not Graph)', async () => {
    const before = emulator.outbox().length;
    const preview = (await (await post('invitations/preview', { csv })).json()) as { counts: Progress['counts'] };
    expect(preview.counts).toMatchObject({ send: 0, alreadyInvited: 195, rejected: 5 });
    const again = await post('invitations/batches', { csv });
    expect(again.status).toBe(202);
    const { batchId, counts } = (await again.json()) as { batchId: string; counts: Progress['counts'] };
    expect(counts).toMatchObject({ send: 0, alreadyInvited: 195 });
    const progress = (await (await api(`invitations/batches/${batchId}`)).json()) as Progress;
    expect(progress.finished).toBe(true);
    expect(progress.rows.filter((r) => r.verdict === 'already-invited')).toHaveLength(195);
    await new Promise((r) => setTimeout(r, 500));
    expect(emulator.outbox().length).toBe(before);

    // The same new file sent twice at once: the queue's own transaction decides, one email per address.
    const race = ['race-1@partner.example', 'race-2@partner.example', 'race-3@partner.example'];
    const file = `email\n${race.join('\n')}\n`;
    const [a, b] = await Promise.all([post('invitations/batches', { csv: file }), post('invitations/batches', { csv: file })]);
    const ids = [((await a.json()) as { batchId: string }).batchId, ((await b.json()) as { batchId: string }).batchId];
    await until('both uploads to finish', async () => {
      const all = await Promise.all(ids.map(async (id) => ((await (await api(`invitations/batches/${id}`)).json()) as Progress).finished));
      return all.every(Boolean);
    }, LONG);
    expect(race.map((r) => emailsTo(r).length)).toEqual([1, 1, 1]);
  });

  it('one address: invited On-Behalf-Of the admin once; the same address again sends nothing; a `+` address is refused in Entra\'s words', async () => {
    const one = await post('invitations', { email: 'single.guest@partner.example', displayName: 'Single Guest', messageLanguage: 'de' });
    expect(one.status).toBe(202);
    await until('the invitation', () => emailsTo('single.guest@partner.example').length === 1);
    expect(emailsTo('single.guest@partner.example')[0]).toMatchObject({ invitedBy: DEMO_CONSOLE_USERS.admin.id, messageLanguage: 'de-DE', invitedUserDisplayName: 'Single Guest' });
    const again = await post('invitations', { email: 'Single.Guest@PARTNER.example' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ outcome: 'already-invited' });
    const plus = await post('invitations', { email: 'single+tag@partner.example' });
    expect(plus.status).toBe(400);
    expect(plus.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await plus.json()) as { detail: string }).detail).toContain("doesn't currently support plus symbols");
    const audit = (await (await api('audit?action=invite-admin')).json()) as { entries: { actor?: { upn: string } }[] };
    expect(audit.entries[0]!.actor?.upn).toBe(DEMO_CONSOLE_USERS.admin.username);
    await new Promise((r) => setTimeout(r, 300));
    expect(emailsTo('single.guest@partner.example')).toHaveLength(1);
  });

  it('every upload is in the audit trail with the admin\'s identity and its outcome', async () => {
    const audit = (await (await api('audit?action=invite-csv-upload')).json()) as { entries: { actor?: { upn: string; oid: string }; detail: string }[] };
    expect(audit.entries).toHaveLength(4); // newest first: the two racing uploads, the repeated file, the first upload
    for (const entry of audit.entries) expect(entry).toMatchObject({ actor: { upn: DEMO_CONSOLE_USERS.admin.username, oid: DEMO_CONSOLE_USERS.admin.id } });
    expect(audit.entries[3]!.detail).toContain('200 rows: 195 to send (195 new, 0 re-sent), 0 already invited, 5 refused');
    expect(audit.entries[2]!.detail).toContain('200 rows: 0 to send (0 new, 0 re-sent), 195 already invited, 5 refused');
  });

  it('more than 1,000 rows, or more than the upload limit, is a clear problem; nothing is sent', async () => {
    const before = emulator.outbox().length;
    const big = `email\n${Array.from({ length: 1001 }, (_, i) => `many-${i}@partner.example`).join('\n')}\n`;
    for (const path of ['invitations/preview', 'invitations/batches']) {
      const res = await post(path, { csv: big });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ type: 'urn:guestpass:problem:too-many-rows', detail: expect.stringContaining('at most 1,000') });
    }
    const huge = await post('invitations/preview', { csv: `email\n${'x'.repeat(3 * 1024 * 1024)}` });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ type: 'urn:guestpass:problem:upload-too-large' });
    expect(emulator.outbox().length).toBe(before);
  });

  it('malformed CSV, JSON or a missing file is a 400 problem, never a 500', async () => {
    const cases: [string, RequestInit][] = [
      ['an unclosed quote', { body: JSON.stringify({ csv: 'email,name\nann@partner.example,"Ann\n' }) }],
      ['a stray quote', { body: JSON.stringify({ csv: 'email,name\nann@partner.example,An"n\n' }) }],
      ['no email column', { body: JSON.stringify({ csv: 'name\nAnn\n' }) }],
      ['a workbook', { body: JSON.stringify({ csv: 'PK\u0003\u0004\u0000\u0000' }) }],
      ['no csv field', { body: JSON.stringify({ file: 'x' }) }],
      ['broken JSON', { body: '{"csv": ' }],
    ];
    for (const [what, init] of cases) {
      const res = await api('invitations/batches', { method: 'POST', ...init });
      expect(res.status, what).toBe(400);
      expect(res.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
    }
    const raw = await api('invitations/preview', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'email\nraw@partner.example\n' });
    expect(raw.status).toBe(200);
  });

  it('an Approver (who only decides access requests) is refused with 403 on every invitation route', async () => {
    const approver = await consoleAccessToken(emulator, portal.config.publicBaseUrl, DEMO_CONSOLE_USERS.approver);
    for (const [path, body] of [
      ['invitations', { email: 'x@partner.example' }],
      ['invitations/preview', { csv: 'email\nx@partner.example\n' }],
      ['invitations/batches', { csv: 'email\nx@partner.example\n' }],
    ] as const) {
      const res = await post(path, body, approver);
      expect(res.status, path).toBe(403);
    }
    expect((await api('invitations/batches/00000000-0000-4000-8000-000000000000', { token: approver })).status).toBe(403);
    expect((await api('invitations/batches/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
