// Properties of the authority rewrite over generated requests: whatever the parameters and their encodings,
// a reroute lands on the allow-listed host with the validated tenant first, and every parameter but login_hint
// survives byte for byte.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rewriteAuthority, SIGN_IN_HOSTS } from '../../shared/authority-rewrite.ts';
import { parseTenant, type Tenant } from '../../shared/tenant.ts';

/** Raw query text as a browser might carry it: unreserved chars, %XX in either case, '+', '=', and non-ASCII. */
const rawChar = fc.oneof(
  fc.constantFrom(...'abcXYZ019-._~!$\'()*,;:@/?+'.split('')),
  fc.integer({ min: 0, max: 255 }).map((n) => '%' + n.toString(16).padStart(2, '0')),
  fc.integer({ min: 0, max: 255 }).map((n) => '%' + n.toString(16).padStart(2, '0').toUpperCase()),
  fc.constantFrom('é', '日', '%E6%97%A5', '='),
);
const rawText = (min: number) => fc.array(rawChar, { minLength: min, maxLength: 24 }).map((a) => a.join(''));
const rawKey = fc.oneof(
  fc.constantFrom('state', 'nonce', 'client_id', 'redirect_uri', 'code_challenge', 'scope', 'prompt', 'domain_hint', 'SAMLRequest', 'RelayState', 'wa', 'wctx'),
  rawText(1).filter((k) => !k.includes('=')),
);
const segment = fc.oneof(
  fc.tuple(rawKey, rawText(0)).map(([k, v]) => `${k}=${v}`),
  rawKey, // a key without '='
);
const loginHintSegment = fc.oneof(fc.constant('login_hint=old%40x.com'), fc.constant('login%5Fhint=a'), fc.constant('login_hint='));

const generic = fc.constantFrom('common', 'organizations', 'Common', 'ORGANIZATIONS');
const endpoint = fc.constantFrom(
  { path: '/oauth2/v2.0/authorize', requires: 'client_id' },
  { path: '/oauth2/authorize', requires: 'client_id' },
  { path: '/saml2', requires: 'SAMLRequest' },
  { path: '/wsfed', requires: 'wa' },
);
const tenantArb: fc.Arbitrary<Tenant> = fc
  .oneof(fc.uuid(), fc.domain(), fc.constantFrom('ezaz2281.onmicrosoft.com', 'Bücher.example', 'contoso.com.'))
  .map((s) => parseTenant(s))
  .filter((r) => r.ok)
  .map((r) => (r as { ok: true; tenant: Tenant }).tenant);
const hintArb = fc.option(fc.oneof(fc.emailAddress(), fc.constantFrom('jane+x@gmail.com', 'ユーザー@例え.jp')), { nil: undefined });

const request = fc.record({
  authority: generic,
  endpoint,
  segments: fc.array(segment, { maxLength: 12 }),
  hints: fc.array(loginHintSegment, { maxLength: 2 }),
  fragment: fc.option(rawText(0).map((f) => '#' + f.replace(/#/g, '')), { nil: undefined }),
  seed: fc.nat(),
});

function rawSegments(url: string): string[] {
  const q = url.includes('?') ? url.slice(url.indexOf('?') + 1).split('#')[0]! : '';
  return q === '' ? [] : q.split('&');
}

function isLoginHint(seg: string): boolean {
  const key = seg.split('=')[0]!;
  try {
    return decodeURIComponent(key.replace(/\+/g, ' ')) === 'login_hint';
  } catch {
    return false;
  }
}

describe('properties of rewriteAuthority', () => {
  it('a reroute stays on the allow-listed host, puts the validated tenant first and keeps every other parameter byte for byte', () => {
    fc.assert(
      fc.property(request, tenantArb, hintArb, (req, tenant, hint) => {
        const required = `${req.endpoint.requires}=x1`;
        const all = [...req.segments, ...req.hints];
        all.splice(req.seed % (all.length + 1), 0, required);
        const original = `https://login.microsoftonline.com/${req.authority}${req.endpoint.path}?${all.join('&')}${req.fragment ?? ''}`;
        const r = rewriteAuthority(original, tenant, hint === undefined ? undefined : { loginHint: hint });
        expect(r.action).toBe('reroute');
        if (r.action !== 'reroute') return;
        const parsed = new URL(r.url);
        expect(SIGN_IN_HOSTS).toContain(parsed.hostname);
        expect(parsed.protocol).toBe('https:');
        expect(parsed.username + parsed.password + parsed.port).toBe('');
        expect(r.url.startsWith(`https://login.microsoftonline.com/${tenant.value}/`)).toBe(true);
        expect(parsed.pathname.split('/')[1]).toBe(tenant.value);
        const before = rawSegments(original).filter((s) => !isLoginHint(s));
        const after = rawSegments(r.url).filter((s) => !isLoginHint(s));
        expect(after).toEqual(before);
        const hints = rawSegments(r.url).filter(isLoginHint);
        if (hint !== undefined && hint.trim() !== '') {
          expect(hints).toEqual([`login_hint=${encodeURIComponent(hint.trim())}`]);
          expect(parsed.searchParams.get('login_hint')).toBe(hint.trim());
        } else {
          expect(hints).toEqual(rawSegments(original).filter(isLoginHint));
        }
        expect(r.url.endsWith(req.fragment ?? '')).toBe(true);
      }),
      { numRuns: 600 },
    );
  });

  it('whatever the input, the result is a reroute or fallback to an allow-listed https host, or a decline — never a throw', () => {
    const anyUrl = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string({ unit: 'grapheme', maxLength: 120 }),
      fc.tuple(fc.constantFrom('https://login.microsoftonline.com', 'https://LOGIN.microsoftonline.com', 'http://login.microsoftonline.com', 'https://login.microsoftonline.com:443', 'https://a@login.microsoftonline.com'), fc.webPath(), fc.webQueryParameters())
        .map(([h, p, q]) => `${h}${p}?${q}`),
      fc.tuple(generic, endpoint, fc.webQueryParameters()).map(([a, e, q]) => `https://login.microsoftonline.com/${a}${e.path}?${q}`),
    );
    fc.assert(
      fc.property(anyUrl, tenantArb, hintArb, (url, tenant, hint) => {
        const r = rewriteAuthority(url, tenant, { loginHint: hint });
        if (r.action === 'none') return;
        const parsed = new URL(r.url);
        expect(parsed.protocol).toBe('https:');
        expect(parsed.username + parsed.password + parsed.port).toBe('');
        if (r.action === 'reroute') {
          expect(SIGN_IN_HOSTS).toContain(parsed.hostname);
          expect(parsed.pathname.split('/')[1]).toBe(tenant.value);
        } else {
          expect(parsed.hostname).toBe('myapps.microsoft.com');
        }
      }),
      { numRuns: 1200 },
    );
  });
});
