// Email addresses as guests type them: normalised, checked against what Entra accepts for invitations, and
// classified by where the guest's account lives (which decides how they will sign in).
import { normaliseDomainName } from './tenant.ts';

export type AddressHome = 'google' | 'microsoft-account' | 'other';

export type AddressRejectReason = 'empty' | 'too-long' | 'malformed' | 'plus-not-supported';

export type AddressParseResult =
  | { ok: true; address: string; local: string; domain: string; home: AddressHome }
  | { ok: false; reason: AddressRejectReason; message: string };

const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
// Entra rejects special characters such as `+`, `#` and `!` in invited addresses (facts §3), so only the plain
// dot-atom subset is accepted: letters, digits, dot, underscore, hyphen and apostrophe.
const LOCAL_CHARS = /^[A-Za-z0-9._'-]+$/;

const GOOGLE = new Set(['gmail.com', 'googlemail.com']);
// hotmail.* and live.*: the brand followed by a country or generic suffix (hotmail.co.uk, live.com.au, live.fr …).
const MSA_BRANDED = /^(?:hotmail|live)\.(?:com|net|[a-z]{2}|(?:co|com)\.[a-z]{2})$/;
const MSA_EXACT = new Set(['outlook.com', 'msn.com']);

function reject(reason: AddressRejectReason, message: string): AddressParseResult {
  return { ok: false, reason, message };
}

/** Trim, lower-case the domain (IDN to punycode), validate shape and length; `+` is rejected because Entra rejects it. */
export function parseAddress(input: string): AddressParseResult {
  if (typeof input !== 'string') return reject('empty', 'Enter your email address.');
  const raw = input.trim();
  if (raw === '') return reject('empty', 'Enter your email address.');
  if (raw.length > MAX_ADDRESS * 4) return reject('too-long', 'An email address can be at most 254 characters long.');
  const at = raw.lastIndexOf('@');
  if (at === -1) return reject('malformed', 'Enter a full email address, such as name@example.com.');
  const local = raw.slice(0, at);
  const rawDomain = raw.slice(at + 1);
  if (local === '' || rawDomain === '') return reject('malformed', 'Enter a full email address, such as name@example.com.');
  if (local.includes('@')) return reject('malformed', 'An email address contains exactly one "@".');
  if (local.length > MAX_LOCAL) return reject('too-long', 'The part before "@" can be at most 64 characters long.');
  if (local.includes('+')) {
    return reject(
      'plus-not-supported',
      'Microsoft Entra does not accept "+" in invited addresses. Use the address without the "+…" part (for example name@gmail.com).',
    );
  }
  if (/\s/.test(local)) return reject('malformed', 'An email address cannot contain spaces.');
  if (!LOCAL_CHARS.test(local)) {
    const bad = [...local].find((ch) => !/[A-Za-z0-9._'-]/.test(ch)) ?? '';
    return reject('malformed', `Microsoft Entra does not accept the character "${bad}" in invited addresses.`);
  }
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return reject('malformed', 'The part before "@" cannot start or end with a dot, or contain two dots in a row.');
  }
  if (rawDomain.endsWith('.')) return reject('malformed', 'The domain after "@" cannot end with a dot.');
  const domain = normaliseDomainName(rawDomain);
  if (!domain.ok) {
    return domain.reason === 'name-too-long' || domain.reason === 'label-too-long'
      ? reject('too-long', 'The domain after "@" is too long.')
      : reject('malformed', 'The part after "@" must be a domain name, such as example.com.');
  }
  if (!domain.domain.includes('.')) return reject('malformed', 'The part after "@" must be a full domain name, such as example.com.');
  const address = `${local}@${domain.domain}`;
  if (address.length > MAX_ADDRESS) return reject('too-long', 'An email address can be at most 254 characters long.');
  return { ok: true, address, local, domain: domain.domain, home: classifyAddressHome(domain.domain) };
}

/** google: gmail.com/googlemail.com; microsoft-account: outlook.com, hotmail.*, live.*, msn.com; other: work tenant or OTP. */
export function classifyAddressHome(domain: string): AddressHome {
  const d = domain.trim().toLowerCase().replace(/\.$/, '');
  if (GOOGLE.has(d)) return 'google';
  if (MSA_EXACT.has(d) || MSA_BRANDED.test(d)) return 'microsoft-account';
  return 'other';
}

/** The key two spellings of one address share (Entra compares addresses case-insensitively). */
export function addressKey(address: string): string {
  return address.trim().toLowerCase();
}
