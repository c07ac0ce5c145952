// Choosing the guest pages' language: Accept-Language (q-values, region tags), the `?lang=` switch that works with
// JavaScript off, and the chosen language kept across the resend form's POST and its answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGS, negotiateLang } from '../../portal/i18n/index.ts';
import { csrfCookie, get, hiddenToken, postForm, smallResendService, startTestPortal, type TestPortal } from './helpers.ts';

describe('negotiateLang', () => {
  it('takes the highest q-value the portal speaks, whatever the order', () => {
    expect(negotiateLang('de;q=0.5, fr;q=0.8, en;q=0.1')).toBe('fr');
    expect(negotiateLang('en;q=0.2, ja;q=0.9')).toBe('ja');
  });

  it('reads the language of a region tag: fr-CA is French, ja-JP Japanese, es-419 Spanish', () => {
    expect(negotiateLang('fr-CA')).toBe('fr');
    expect(negotiateLang('ja-JP,ja;q=0.9')).toBe('ja');
    expect(negotiateLang('es-419')).toBe('es');
    expect(negotiateLang('DE-at')).toBe('de');
  });

  it('skips languages it does not have and falls back to English when none is left', () => {
    expect(negotiateLang('zh-CN, ko;q=0.9, es;q=0.3')).toBe('es');
    expect(negotiateLang('zh-CN, ko')).toBe('en');
    expect(negotiateLang('*')).toBe('en');
    expect(negotiateLang('')).toBe('en');
    expect(negotiateLang(undefined)).toBe('en');
    expect(negotiateLang(';;;,q=,fr;q=abc')).toBe('en');
  });

  it('never picks a language the browser refused with q=0', () => {
    expect(negotiateLang('fr;q=0, es;q=0.1')).toBe('es');
  });

  it('keeps the browser order among equal q-values', () => {
    expect(negotiateLang('ja, de')).toBe('ja');
    expect(negotiateLang('de;q=0.7, ja;q=0.7')).toBe('de');
  });

  it('lets ?lang= win over the header, and ignores a ?lang= it does not know', () => {
    expect(negotiateLang('de-DE', 'ja')).toBe('ja');
    expect(negotiateLang('de-DE', 'fr-CA')).toBe('fr');
    expect(negotiateLang('de-DE', 'xx')).toBe('de');
    expect(negotiateLang('de-DE', ['fr'])).toBe('de');
  });
});

describe('over HTTP', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal({ resend: smallResendService() });
  });
  afterAll(async () => {
    await portal.close();
  });

  const TITLES = {
    en: 'Sign in as a guest of Contoso Ltd',
    de: 'Als Gast bei Contoso Ltd anmelden',
    fr: 'Se connecter en tant qu’invité de Contoso Ltd',
    es: 'Iniciar sesión como invitado de Contoso Ltd',
    ja: 'Contoso Ltd のゲストとしてサインイン',
  } as const;

  for (const [header, lang] of [['fr-CA,fr;q=0.9', 'fr'], ['ja-JP', 'ja'], ['es-MX', 'es'], ['de-CH', 'de'], ['pt-BR', 'en']] as const) {
    it(`answers "${header}" in ${lang}: lang attribute, Content-Language and the text`, async () => {
      const res = await get(`${portal.url}/t/contoso.onmicrosoft.com`, { headers: { 'accept-language': header } });
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(res.headers.get('content-language')).toBe(lang);
      expect(html).toContain(TITLES[lang]);
    });
  }

  it('?lang= overrides Accept-Language', async () => {
    const html = await (await get(`${portal.url}/t/contoso.onmicrosoft.com?lang=ja`, { headers: { 'accept-language': 'de' } })).text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain(TITLES.ja);
  });

  it('every page has a switch with a link to each other language, marked with hreflang and lang', async () => {
    for (const path of ['/', '/t/contoso.onmicrosoft.com', '/t/contoso.onmicrosoft.com/card', '/t/nowhere.example.com', '/no/such/page']) {
      const html = await (await get(`${portal.url}${path}`, { headers: { 'accept-language': 'es' } })).text();
      const nav = /<nav class="language-switch" aria-label="Idioma">(.*?)<\/nav>/.exec(html)?.[1];
      expect(nav, path).toBeDefined();
      for (const lang of LANGS) {
        if (lang === 'es') expect(nav).toContain('<span lang="es" aria-current="true">Español</span>');
        else expect(nav, `${path} → ${lang}`).toContain(`href="${path}?lang=${lang}" lang="${lang}" hreflang="${lang}"`);
      }
    }
  });

  it('the switch keeps the advice a guest asked for, and drops other query parameters', async () => {
    const html = await (
      await get(`${portal.url}/t/contoso.onmicrosoft.com?email=jane%40gmail.com&utm_source=x&lang=de`)
    ).text();
    expect(html).toContain('data-home="google"');
    expect(html).toContain('href="/t/contoso.onmicrosoft.com?email=jane%40gmail.com&amp;lang=fr"');
    expect(html).not.toContain('utm_source');
  });

  it('a switch link never leaves the site, whatever path was asked for', async () => {
    for (const path of ['//evil.example/x', '/\\evil.example/x', '///evil.example']) {
      const html = await (await get(`${portal.url}${path}`)).text();
      const hrefs = [...html.matchAll(/hreflang="\w+"/g)].length;
      expect(hrefs, path).toBe(LANGS.length - 1);
      for (const m of html.matchAll(/href="([^"]*)" lang="\w+" hreflang/g)) {
        expect(m[1]!.startsWith('/') && !m[1]!.startsWith('//') && !m[1]!.startsWith('/\\'), `${path}: ${m[1]}`).toBe(true);
      }
    }
  });

  it('a language chosen with ?lang= stays on for the portal’s own links, the resend POST and its answer', async () => {
    const page = await get(`${portal.url}/t/contoso.onmicrosoft.com?lang=es`, { headers: { 'accept-language': 'en' } });
    const html = await page.text();
    expect(html).toContain('href="/t/contoso.onmicrosoft.com?account=google&amp;lang=es#advice"');
    expect(html).toContain('<input type="hidden" name="lang" value="es"/>');
    expect(html).toContain('href="/t/contoso.onmicrosoft.com/card?lang=es"');
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(action).toBe('/t/contoso.onmicrosoft.com/resend?lang=es');

    const answer = await postForm(
      `${portal.url}${action}`,
      { csrf: hiddenToken(html)!, email: 'someone@example.com' },
      { cookie: csrfCookie(page)!, 'accept-language': 'en' },
    );
    expect(answer.status).toBe(202);
    const text = await answer.text();
    expect(text).toContain('<html lang="es">');
    expect(text).toContain('Solicitud recibida');
    expect(text).toContain('href="/t/contoso.onmicrosoft.com?lang=es"'); // back to the tenant page, still in Spanish
    // The answer to a POST has no address of its own: its switch leads to the tenant page.
    expect(text).toContain('href="/t/contoso.onmicrosoft.com?lang=de" lang="de" hreflang="de"');
  });

  it('a language that came from the browser is not written into links (the browser sends it again)', async () => {
    const html = await (await get(`${portal.url}/t/contoso.onmicrosoft.com`, { headers: { 'accept-language': 'fr' } })).text();
    expect(html).toContain('action="/t/contoso.onmicrosoft.com/resend"');
    expect(html).not.toContain('name="lang"');
  });
});

describe('the resend answer', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal({ resend: smallResendService() });
  });
  afterAll(async () => {
    await portal.close();
  });

  const SPAM_WORDS = { en: 'spam or junk folder', de: 'Spam- oder Junk-Ordner', fr: 'courrier indésirable', es: 'correo no deseado', ja: '迷惑メール フォルダー' };

  for (const lang of LANGS) {
    it(`tells the guest (${lang}) to look in the spam folder for Microsoft Invitations, with the national-cloud senders`, async () => {
      const page = await get(`${portal.url}/t/contoso.onmicrosoft.com?lang=${lang}`);
      const html = await page.text();
      const res = await postForm(
        `${portal.url}/t/contoso.onmicrosoft.com/resend?lang=${lang}`,
        { csrf: hiddenToken(html)!, email: 'someone@example.com' },
        { cookie: csrfCookie(page)! },
      );
      expect(res.status).toBe(202);
      const text = await res.text();
      expect(text).toContain(SPAM_WORDS[lang]);
      expect(text).toContain('Microsoft Invitations (invites@microsoft.com)');
      expect(text).toContain('invites@azuread.us');
      expect(text).toContain('Invites@oe.21vianet.com');
    });
  }
});
