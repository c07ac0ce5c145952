import { describe, expect, it } from 'vitest';
import { addressKey, classifyAddressHome, parseAddress, type AddressRejectReason } from '../../shared/address.ts';

function rejected(input: string): { reason: AddressRejectReason; message: string } {
  const r = parseAddress(input);
  if (r.ok) throw new Error(`expected "${input}" to be rejected, got ${r.address}`);
  return r;
}

describe('addresses guests type', () => {
  it('spaces are trimmed and the domain lower-cased; the local part is kept as typed', () => {
    expect(parseAddress('  Jane.Doe@GMAIL.com ')).toEqual({ ok: true, address: 'Jane.Doe@gmail.com', local: 'Jane.Doe', domain: 'gmail.com', home: 'google' });
  });

  it('an internationalised domain is stored in punycode', () => {
    expect(parseAddress('anna@Bücher.example')).toMatchObject({ ok: true, address: 'anna@xn--bcher-kva.example', home: 'other' });
  });

  it('apostrophes, hyphens and underscores are fine', () => {
    expect(parseAddress("o'brien-x_y@contoso-vendor.com")).toMatchObject({ ok: true, home: 'other' });
  });

  it('a 64-character local part and a 254-character address are accepted', () => {
    const local = 'a'.repeat(64);
    const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`; // 189
    expect(`${local}@${domain}`).toHaveLength(254);
    expect(parseAddress(`${local}@${domain}`).ok).toBe(true);
  });

  it('addressKey makes two spellings of one address equal', () => {
    expect(addressKey(' Jane.Doe@Gmail.com')).toBe(addressKey('jane.doe@gmail.com'));
  });
});

describe('what is refused, with a message that says why', () => {
  it('a "+" tag is refused with a message that names Entra and how to fix it', () => {
    const r = rejected('jane+partners@gmail.com');
    expect(r.reason).toBe('plus-not-supported');
    expect(r.message).toContain('"+"');
    expect(r.message).toContain('Microsoft Entra');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['jane', 'malformed'],
    ['@gmail.com', 'malformed'],
    ['jane@', 'malformed'],
    ['jane@@gmail.com', 'malformed'],
    ['a@b@gmail.com', 'malformed'],
    ['jane doe@gmail.com', 'malformed'],
    ['jane#1@gmail.com', 'malformed'],
    ['jane!@gmail.com', 'malformed'],
    ['"jane"@gmail.com', 'malformed'],
    ['.jane@gmail.com', 'malformed'],
    ['jane.@gmail.com', 'malformed'],
    ['ja..ne@gmail.com', 'malformed'],
    ['jäne@gmail.com', 'malformed'],
    ['jane@localhost', 'malformed'],
    ['jane@[127.0.0.1]', 'malformed'],
    ['jane@1.2.3.4', 'malformed'],
    ['jane@gmail.com.', 'malformed'],
    ['jane@gmail.com:25', 'malformed'],
    ['jane@gmail.com/x', 'malformed'],
    ['jane@gm ail.com', 'malformed'],
    ['Jane <jane@gmail.com>', 'malformed'],
    [`${'a'.repeat(65)}@gmail.com`, 'too-long'],
    [`a@${'b'.repeat(64)}.com`, 'too-long'],
    [`${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.com`, 'too-long'],
    ['a'.repeat(2000), 'too-long'],
  ] as const)('%j → %s', (input, reason) => {
    const r = rejected(input);
    expect(r.reason).toBe(reason);
    expect(r.message.length).toBeGreaterThan(10);
  });

  it('the message names the character Entra will not accept', () => {
    expect(rejected('jane#1@gmail.com').message).toContain('"#"');
  });

  it('non-string input is refused, not thrown on', () => {
    expect(parseAddress(null as unknown as string)).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('where the guest’s account lives', () => {
  it.each([
    ['gmail.com', 'google'],
    ['googlemail.com', 'google'],
    ['GMAIL.COM.', 'google'],
    ['outlook.com', 'microsoft-account'],
    ['hotmail.com', 'microsoft-account'],
    ['hotmail.co.uk', 'microsoft-account'],
    ['hotmail.fr', 'microsoft-account'],
    ['live.com', 'microsoft-account'],
    ['live.com.au', 'microsoft-account'],
    ['live.jp', 'microsoft-account'],
    ['msn.com', 'microsoft-account'],
    ['contoso.com', 'other'],
    ['yahoo.com', 'other'],
    ['gmail.com.evil.example', 'other'],
    ['live.contoso.com', 'other'],
    ['notgmail.com', 'other'],
    ['mail.outlook.com', 'other'],
  ] as const)('%s → %s', (domain, home) => {
    expect(classifyAddressHome(domain)).toBe(home);
  });

  it('parseAddress reports the home of the address', () => {
    expect(parseAddress('conceptsuser@outlook.com')).toMatchObject({ ok: true, home: 'microsoft-account' });
    expect(parseAddress('sam.vendor@contoso-vendor.com')).toMatchObject({ ok: true, home: 'other' });
  });
});
