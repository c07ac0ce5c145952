// No English sentence on a non-English page. Every guest page is rendered in every language with every message that
// comes from shared/ (each address problem, each tenant problem the URL can reach), and its visible text (plus
// aria-label, alt and title) is searched for the English catalogue's sentences and for words only English uses.
// Tenant names, typed addresses and URLs are taken out first: they are the guest's, not the portal's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES, LANGS, type Lang, type Messages } from '../../portal/i18n/index.ts';
import { ADDRESS_MESSAGES, parseAddress, type AddressProblem } from '../../shared/address.ts';
import { LINK_CATALOGUE, LINK_MESSAGES } from '../../shared/links.ts';
import { parseTenant, TENANT_MESSAGES, type TenantProblem } from '../../shared/tenant.ts';
import { CONTOSO, csrfCookie, FABRIKAM, get, hiddenToken, postForm, smallResendService, startTestPortal, type TestPortal } from './helpers.ts';

const SLOT = '\u0001';

/** Every string a catalogue can produce, with each parameter replaced by SLOT (and `contact` also left out). */
function catalogueStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(catalogueStrings);
  if (typeof value === 'function') {
    const call = (missing: string[]) =>
      (value as (p: unknown) => unknown)(new Proxy({}, { get: (_t, key) => (missing.includes(String(key)) ? undefined : SLOT) }));
    return [...catalogueStrings(call([])), ...catalogueStrings(call(['contact']))];
  }
  if (value && typeof value === 'object') return Object.values(value).flatMap(catalogueStrings);
  return [];
}

/** Sentences and clauses of at least three English words: what would betray an untranslated message. */
function fragments(text: string): string[] {
  return text
    .split(SLOT)
    .flatMap((part) => part.split(/(?<=[.!?:;])\s+|[“”"()—]/))
    .map((f) => f.trim().replace(/[.:;,]$/, ''))
    .filter((f) => f.split(/\s+/).filter((word) => /^[A-Za-z][a-z'’-]+[,.]?$/.test(word)).length >= 3);
}

const ENGLISH_SOURCES = [
  ...catalogueStrings(CATALOGUES.en),
  ...catalogueStrings(ADDRESS_MESSAGES),
  ...catalogueStrings(TENANT_MESSAGES),
  ...catalogueStrings(LINK_MESSAGES),
  ...LINK_CATALOGUE.flatMap((def) => [def.name, def.description]),
];

const fragmentsByLang = new Map<Lang, string[]>();

/** English fragments that cannot legitimately appear in `lang` (a product name its catalogue keeps, such as the Entra admin center, can). */
function englishFragmentsFor(lang: Lang): string[] {
  let found = fragmentsByLang.get(lang);
  if (!found) {
    const own = Object.values(CATALOGUES[lang].linkNames).join('\n').toLowerCase();
    found = [...new Set(ENGLISH_SOURCES.flatMap(fragments))].filter((f) => !own.includes(f.toLowerCase()));
    fragmentsByLang.set(lang, found);
  }
  return found;
}

/** Words that occur in English sentences but in none of the other four languages (as whole words). */
const ENGLISH_ONLY_WORDS = /\b(?:the|your|you|please|cannot|must|with|this|enter|which|could|would|should)\b/i;

/** The page's human-readable text: text nodes and the attributes assistive technology reads out. */
function readableText(html: string, exclude: readonly string[]): string {
  const attrs = [...html.matchAll(/\s(?:aria-label|alt|title)="([^"]*)"/g)].map((m) => m[1]);
  const body = html.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ');
  let text = [body, ...attrs]
    .join(' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
  for (const x of exclude) if (x) text = text.split(x).join(' ');
  return text.replace(/https?:\/\/\S+|[\w.+#'-]*@[\w.-]+/g, ' ').replace(/\s+/g, ' ');
}

/** What on the page reads as English: catalogue fragments and English-only words. */
function englishOn(lang: Lang, text: string): string[] {
  const found = englishFragmentsFor(lang).filter((f) => text.includes(f));
  const word = ENGLISH_ONLY_WORDS.exec(text);
  if (word) found.push(`…${text.slice(Math.max(0, word.index - 40), word.index + 40)}…`);
  return found;
}

// One input per problem, as a guest might type it (checked below to cover every problem).
const ADDRESS_INPUTS: Record<AddressProblem, string> = {
  empty: ' ',
  'too-long': `${'a'.repeat(1100)}@example.com`,
  'local-too-long': `${'a'.repeat(65)}@example.com`,
  'domain-too-long': `jane@${`${'a'.repeat(60)}.`.repeat(5)}com`,
  incomplete: 'broken',
  'two-at': 'jane@doe@example.com',
  plus: 'jane+news@gmail.com',
  spaces: 'ja ne@gmail.com',
  character: 'jane#1@gmail.com',
  dots: '.jane@gmail.com',
  'domain-trailing-dot': 'jane@gmail.com.',
  'not-a-domain': 'jane@exa_mple.com',
  'not-a-full-domain': 'jane@localhost',
};

// Tenant segments as they arrive in /t/<segment> (decoded); problems no URL can produce are checked on the catalogue.
const TENANT_INPUTS: Partial<Record<TenantProblem, string>> = {
  'enter-tenant': ' ',
  'too-long': `${`${'a'.repeat(60)}.`.repeat(5)}com`,
  scheme: 'https://contoso.com',
  userinfo: 'user@contoso.com',
  path: 'contoso.com?x',
  'ip-address': '10.0.0.1',
  port: 'contoso.com:8080',
  spaces: 'con toso.com',
  percent: 'contoso%.com',
  'not-a-domain': 'exa[mple.com',
  'label-too-long': `${'a'.repeat(64)}.com`,
  'letters-digits-hyphens': 'exa_mple.com',
  'consumer-id': '9188040d-6c67-4c5b-b112-36a304b66dad',
  'reserved-bare': 'common',
  'single-label': 'contoso',
  'onmicrosoft-alone': 'onmicrosoft.com',
};

describe('the detector', () => {
  it('has an input for every address problem and every tenant problem a URL can reach', () => {
    for (const [problem, input] of Object.entries(ADDRESS_INPUTS)) {
      const r = parseAddress(input);
      expect(!r.ok && r.problem, input.slice(0, 40)).toBe(problem);
    }
    for (const [problem, input] of Object.entries(TENANT_INPUTS)) {
      const r = parseTenant(input);
      expect(!r.ok && r.problem, input.slice(0, 40)).toBe(problem);
    }
  });

  it('finds English on an English page and in English shared/ messages (so it can fail)', () => {
    expect(englishFragmentsFor('de').length).toBeGreaterThan(100);
    const html = `<p>${CATALOGUES.en.lostIntro}</p><p>${ADDRESS_MESSAGES['two-at']({ character: '' })}</p>`;
    const found = englishOn('de', readableText(html, []));
    expect(found).toEqual(expect.arrayContaining(['Enter the address the invitation was sent to', 'An email address contains exactly one']));
    expect(found.some((f) => f.startsWith('…'))).toBe(true); // and the English-only words
    expect(englishOn('de', readableText(`<p>${CATALOGUES.de.lostIntro}</p>`, []))).toEqual([]);
  });

  for (const lang of LANGS.filter((l) => l !== 'en')) {
    it(`finds no English in any ${lang} catalogue message, shared/ problems included`, () => {
      const m: Messages = CATALOGUES[lang];
      const texts = catalogueStrings(m).map((s) => s.replaceAll(SLOT, ' '));
      const found = texts.flatMap((t) => englishOn(lang, readableText(t, ['My Apps', 'My Account', 'Microsoft Teams'])).map((f) => `${t} → ${f}`));
      expect(found).toEqual([]);
    });
  }
});

describe('every guest page in every language', () => {
  let portal: TestPortal;
  let throttled: TestPortal;
  beforeAll(async () => {
    const outbox = [{ to: 'guest@example.com', tenantId: CONTOSO.tenantId!, sentAt: '2026-11-27T06:00:00Z', inviteRedeemUrl: 'https://login.microsoftonline.com/redeem?rd=x' }];
    portal = await startTestPortal({ resend: smallResendService(), config: { mode: 'demo' }, outbox, accessRequests: {} });
    throttled = await startTestPortal({ resend: smallResendService({ perIp: 0 }), accessRequests: { perIp: 0 } });
  });
  afterAll(async () => {
    await portal.close();
    await throttled.close();
  });

  /** Typed by the guest or configured by the admin: never the portal's own words. */
  const EXCLUDE = [CONTOSO.displayName, FABRIKAM.displayName, CONTOSO.contact!, FABRIKAM.contact!, 'guestpass', 'Microsoft Invitations'];

  for (const lang of LANGS.filter((l) => l !== 'en')) {
    it(`${lang}: no English sentence on any page, with every address and tenant message shown`, async () => {
      const headers = { 'accept-language': lang };
      const seen: { what: string; status: number; html: string; exclude: string[] }[] = [];
      const look = async (what: string, res: Response, exclude: string[] = []) => {
        seen.push({ what, status: res.status, html: await res.text(), exclude });
      };
      const base = `${portal.url}/t/contoso.onmicrosoft.com`;
      for (const path of ['/', '/t/contoso.onmicrosoft.com', '/t/fabrikam.com', '/t/contoso.onmicrosoft.com/card', '/t/contoso.onmicrosoft.com/request', '/t/fabrikam.com/request', '/demo/outbox', '/no/such/page', '/t/%E0%A4%A', '/t/unknown.example.com', '/t/contoso.onmicrosoft.com/go/nope', '/t/contoso.onmicrosoft.com/qr/nope.svg']) {
        await look(path, await get(`${portal.url}${path}`, { headers }), ['unknown.example.com', 'nope']);
      }
      for (const account of ['google', 'microsoft-account', 'other']) await look(account, await get(`${base}?account=${account}`, { headers }));
      for (const [problem, input] of Object.entries(ADDRESS_INPUTS)) {
        const q = encodeURIComponent(input);
        await look(`advice ${problem}`, await get(`${base}?email=${q}`, { headers }), [input, input.trim()]);
        await look(`login_hint ${problem}`, await get(`${base}/go/myapps?login_hint=${q}`, { headers }), [input]);
      }
      for (const [problem, input] of Object.entries(TENANT_INPUTS)) {
        const r = parseTenant(input);
        await look(`tenant ${problem}`, await get(`${portal.url}/t/${encodeURIComponent(input)}`, { headers }), [input.slice(0, 80), (!r.ok && r.value) || '']);
      }

      // The resend form and every answer it can get.
      const page = await get(`${base}?lang=${lang}`);
      const token = hiddenToken(await page.text())!;
      const cookie = csrfCookie(page)!;
      const post = (url: string, email: string, extra: Record<string, string> = {}) =>
        postForm(url, { csrf: token, email }, { cookie, ...headers, ...extra });
      await look('resend accepted', await post(`${base}/resend`, 'someone@example.com'));
      await look('resend without address', await post(`${base}/resend`, ''));
      for (const [problem, input] of Object.entries(ADDRESS_INPUTS)) {
        if (input.trim() !== '') await look(`resend ${problem}`, await post(`${base}/resend`, input), [input]);
      }
      await look('resend, expired form', await postForm(`${base}/resend`, { csrf: 'forged', email: 'a@example.com' }, { cookie, ...headers }));
      await look('resend, unavailable', await post(`${portal.url}/t/fabrikam.com/resend`, 'a@example.com'));
      await look('resend, throttled', await postForm(`${throttled.url}/t/contoso.onmicrosoft.com/resend`, { csrf: token, email: 'a@example.com' }, { cookie, ...headers }));
      const raw = (body: string, type: string, origin?: string) =>
        get(`${base}/resend`, { method: 'POST', body, headers: { 'content-type': type, accept: 'text/html', ...headers, ...(origin ? { origin } : {}) } });
      await look('resend, other origin', await raw('{"email":"a@example.com"}', 'application/json', 'https://evil.example'));
      await look('resend, wrong type', await raw('email=a', 'text/plain'));
      await look('resend, malformed JSON', await raw('{', 'application/json', new URL(portal.url).origin));
      await look('resend, too large', await raw(`email=${'a'.repeat(10_000)}`, 'application/x-www-form-urlencoded'));

      // "Ask for access": the form's answers — accepted, each field's problem, every address problem, expired form,
      // a tenant that takes no requests, too many requests.
      const requestPage = await get(`${base}/request?lang=${lang}`);
      const requestToken = hiddenToken(await requestPage.text())!;
      const requestCookie = csrfCookie(requestPage)!;
      const ask = (url: string, fields: Record<string, string>, p = portal) =>
        postForm(url.replace(portal.url, p.url), { csrf: requestToken, email: 'someone@example.com', name: 'Ada', organisation: 'Org', reason: 'Project', sponsor: '', ...fields }, { cookie: requestCookie, ...headers });
      await look('request accepted', await ask(`${base}/request`, {}));
      await look('request without address', await ask(`${base}/request`, { email: '' }));
      await look('request without name', await ask(`${base}/request`, { name: ' ' }));
      await look('request reason too long', await ask(`${base}/request`, { reason: 'x'.repeat(1001) }), ['x'.repeat(1001)]);
      for (const [problem, input] of Object.entries(ADDRESS_INPUTS)) {
        if (input.trim() !== '') await look(`request ${problem}`, await ask(`${base}/request`, { email: input }), [input, input.trim()]);
        if (input.trim() !== '') await look(`request sponsor ${problem}`, await ask(`${base}/request`, { sponsor: input }), [input, input.trim()]);
      }
      await look('request, expired form', await postForm(`${base}/request`, { csrf: 'forged', email: 'a@example.com' }, { cookie: requestCookie, ...headers }));
      await look('request, unavailable', await ask(`${portal.url}/t/fabrikam.com/request`, {}));
      await look('request, throttled', await ask(`${base}/request`, {}, throttled));

      const statuses = new Set(seen.map((s) => s.status));
      for (const status of [200, 202, 400, 403, 404, 409, 413, 415, 429]) expect(statuses, `status ${status} seen`).toContain(status);
      const found: string[] = [];
      for (const s of seen) {
        expect(s.html, s.what).toContain(`<html lang="${lang}">`);
        for (const f of englishOn(lang, readableText(s.html, [...EXCLUDE, ...s.exclude]))) found.push(`${s.what} (${s.status}): ${f}`);
      }
      expect(found).toEqual([]);
    });
  }
});
