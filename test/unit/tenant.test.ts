import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isGuid, normaliseDomainName, parseTenant, sameTenant, type TenantRejectReason } from '../../shared/tenant.ts';

function accepted(input: string) {
  const r = parseTenant(input);
  if (!r.ok) throw new Error(`expected "${input}" to be accepted, got ${r.reason}: ${r.message}`);
  return r.tenant;
}

function rejectedWith(input: string): TenantRejectReason {
  const r = parseTenant(input);
  if (r.ok) throw new Error(`expected "${input}" to be rejected, got ${r.tenant.value}`);
  expect(r.message.length).toBeGreaterThan(10);
  return r.reason;
}

describe('what a person may type as a tenant', () => {
  it('a tenant id in any case, with spaces around it, becomes the lower-case GUID', () => {
    expect(accepted('  7F3C2281-B2B0-4E5A-9C1D-3E8F5A6B2281 ')).toEqual({ kind: 'guid', value: '7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281' });
  });

  it('name.onmicrosoft.com is recognised as the initial domain, lower-cased and without its trailing dot', () => {
    expect(accepted('Ezaz2281.OnMicrosoft.com.')).toEqual({ kind: 'onmicrosoft', value: 'ezaz2281.onmicrosoft.com' });
  });

  it('a deeper *.onmicrosoft.com name is an ordinary verified domain', () => {
    expect(accepted('contoso.mail.onmicrosoft.com').kind).toBe('domain');
  });

  it('a verified custom domain with non-ASCII letters becomes lower-case punycode', () => {
    expect(accepted('Bücher.Example')).toEqual({ kind: 'domain', value: 'xn--bcher-kva.example' });
    expect(accepted('münchen.de').value).toBe('xn--mnchen-3ya.de');
  });

  it('full-width letters and an ideographic full stop typed with a Japanese IME map to the plain name', () => {
    expect(accepted('ｃｏｎｔｏｓｏ．ｃｏｍ').value).toBe('contoso.com');
    expect(accepted('contoso.com。').value).toBe('contoso.com');
  });

  it('a name already in punycode stays as it is', () => {
    expect(accepted('xn--bcher-kva.example').value).toBe('xn--bcher-kva.example');
  });

  it('a 63-character label and a 253-character name are still accepted', () => {
    expect(accepted(`${'a'.repeat(63)}.com`).value).toHaveLength(67);
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(name).toHaveLength(253);
    expect(accepted(name).value).toBe(name);
  });

  it('two spellings of the same tenant compare equal once parsed', () => {
    expect(sameTenant(accepted('CONTOSO.com'), accepted('contoso.com.'))).toBe(true);
    expect(sameTenant(accepted('contoso.com'), accepted('fabrikam.com'))).toBe(false);
  });
});

describe('what is refused, and why', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['common', 'reserved'],
    ['Organizations', 'reserved'],
    ['consumers.', 'reserved'],
    ['onmicrosoft.com', 'reserved'],
    ['9188040d-6c67-4c5b-b112-36a304b66dad', 'reserved'], // the personal-account tenant is consumers by another name
    ['1.2.3.4', 'ip-address'],
    ['10.1', 'ip-address'],
    ['0x7f.1', 'ip-address'],
    ['::1', 'ip-address'],
    ['[2001:db8::1]', 'ip-address'],
    ['contoso.com:443', 'has-port'],
    ['contoso.com/tenant', 'has-path'],
    ['contoso.com?x=1', 'has-path'],
    ['contoso.com#top', 'has-path'],
    ['contoso.com\\evil', 'has-path'],
    ['jane@contoso.com', 'has-userinfo'],
    ['https://contoso.com', 'has-scheme'],
    ['HTTP://contoso.com', 'has-scheme'],
    ['javascript:alert(1)', 'has-scheme'],
    [`${'a'.repeat(64)}.com`, 'label-too-long'],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.com`, 'name-too-long'],
    ['x'.repeat(5000), 'name-too-long'],
    ['contoso .com', 'invalid-characters'],
    ['con\ttoso.com', 'invalid-characters'],
    ['contoso_corp.com', 'invalid-characters'],
    ['-contoso.com', 'invalid-characters'],
    ['contoso..com', 'invalid-characters'],
    ['contoso.com..', 'invalid-characters'],
    ['con%74oso.com', 'invalid-characters'],
    ['contoso', 'single-label'],
    ['ｃｏｎｔｏｓｏ', 'single-label'],
  ] as const)('%j is refused as %s', (input, reason) => {
    expect(rejectedWith(input)).toBe(reason);
  });

  it('a single word gets a suggestion of what to type instead', () => {
    const r = parseTenant('contoso');
    expect(!r.ok && r.message).toContain('contoso.onmicrosoft.com');
  });

  it('non-string input from untyped callers is refused, not thrown on', () => {
    expect(parseTenant(undefined as unknown as string)).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('helpers', () => {
  it('isGuid accepts only the 8-4-4-4-12 form', () => {
    expect(isGuid('7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281')).toBe(true);
    expect(isGuid('{7f3c2281-b2b0-4e5a-9c1d-3e8f5a6b2281}')).toBe(false);
    expect(isGuid('7f3c2281b2b04e5a9c1d3e8f5a6b2281')).toBe(false);
  });

  it('normaliseDomainName reports an empty name', () => {
    expect(normaliseDomainName(' ')).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('properties of parseTenant', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.webUrl(),
    fc.domain(),
    fc.emailAddress(),
    fc.ipV4(),
    fc.ipV6(),
    fc.uuid().map((u) => u.toUpperCase()),
  );

  it('never throws, and an accepted tenant never contains "/", ":", "@" or whitespace', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const r = parseTenant(input);
        if (r.ok) {
          expect(r.tenant.value).not.toMatch(/[/:@\s]/);
          expect(r.tenant.value).toBe(r.tenant.value.toLowerCase());
          expect(r.tenant.value.endsWith('.')).toBe(false);
        } else {
          expect(r.message).not.toBe('');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('parsing is idempotent: an accepted value parses to itself', () => {
    fc.assert(
      fc.property(fc.oneof(fc.domain(), fc.uuid(), fc.string({ unit: 'grapheme', maxLength: 40 })), (input) => {
        const r = parseTenant(input);
        if (r.ok) expect(parseTenant(r.tenant.value)).toEqual(r);
      }),
      { numRuns: 2000 },
    );
  });
});
