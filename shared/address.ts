// Email addresses as guests type them: normalised, checked against what Entra accepts for invitations, and
// classified by where the guest's account lives (which decides how they will sign in).
import { normaliseDomainName } from './tenant.ts';

export type AddressHome = 'google' | 'microsoft-account' | 'other';

export type AddressRejectReason = 'empty' | 'too-long' | 'malformed' | 'plus-not-supported';

/** Exactly what is wrong with a refused address: the key the portal's catalogues translate (`reason` groups them). */
export type AddressProblem =
  | 'empty'
  | 'too-long'
  | 'local-too-long'
  | 'domain-too-long'
  | 'incomplete'
  | 'two-at'
  | 'plus'
  | 'spaces'
  | 'character'
  | 'dots'
  | 'domain-trailing-dot'
  | 'not-a-domain'
  | 'not-a-full-domain';

/** What a problem's sentence may name: the one character Entra refuses (`character` only). */
export interface AddressProblemDetail {
  character: string;
}

/** One sentence per problem; every catalogue (this English one, the portal's others) has exactly these keys. */
export type AddressMessages = Readonly<Record<AddressProblem, (detail: AddressProblemDetail) => string>>;

/** The English sentences: what `message` carries (extension, logs, the portal's English catalogue). */
export const ADDRESS_MESSAGES: AddressMessages = {
  empty: () => 'Enter your email address.',
  'too-long': () => 'An email address can be at most 254 characters long.',
  'local-too-long': () => 'The part before "@" can be at most 64 characters long.',
  'domain-too-long': () => 'The domain after "@" is too long.',
  incomplete: () => 'Enter a full email address, such as name@example.com.',
  'two-at': () => 'An email address contains exactly one "@".',
  plus: () =>
    'Microsoft Entra does not accept "+" in invited addresses. Use the address without the "+…" part (for example name@gmail.com).',
  spaces: () => 'An email address cannot contain spaces.',
  character: ({ character }) => `Microsoft Entra does not accept the character "${character}" in invited addresses.`,
  dots: () => 'The part before "@" cannot start or end with a dot, or contain two dots in a row.',
  'domain-trailing-dot': () => 'The domain after "@" cannot end with a dot.',
  'not-a-domain': () => 'The part after "@" must be a domain name, such as example.com.',
  'not-a-full-domain': () => 'The part after "@" must be a full domain name, such as example.com.',
};

export type AddressParseResult =
  | { ok: true; address: string; local: string; domain: string; home: AddressHome }
  | ({ ok: false; reason: AddressRejectReason; problem: AddressProblem; message: string } & Partial<AddressProblemDetail>);

const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
// Entra rejects special characters such as `+`, `#` and `!` in invited addresses (facts §3), so only the plain
// dot-atom subset is accepted: letters, digits, dot, underscore, hyphen and apostrophe.
const LOCAL_CHARS = /^[A-Za-z0-9._'-]+$/;

const GOOGLE = new Set(['gmail.com', 'googlemail.com']);
// hotmail.* and live.*: the brand followed by a country or generic suffix (hotmail.co.uk, live.com.au, live.fr …).
const MSA_BRANDED = /^(?:hotmail|live)\.(?:com|net|[a-z]{2}|(?:co|com)\.[a-z]{2})$/;
const MSA_EXACT = new Set(['outlook.com', 'msn.com']);

function reject(reason: AddressRejectReason, problem: AddressProblem, character = ''): AddressParseResult {
  const message = ADDRESS_MESSAGES[problem]({ character });
  return character ? { ok: false, reason, problem, character, message } : { ok: false, reason, problem, message };
}

/** Trim, lower-case the domain (IDN to punycode), validate shape and length; `+` is rejected because Entra rejects it. */
export function parseAddress(input: string): AddressParseResult {
  if (typeof input !== 'string') return reject('empty', 'empty');
  const raw = input.trim();
  if (raw === '') return reject('empty', 'empty');
  if (raw.length > MAX_ADDRESS * 4) return reject('too-long', 'too-long');
  const at = raw.lastIndexOf('@');
  if (at === -1) return reject('malformed', 'incomplete');
  const local = raw.slice(0, at);
  const rawDomain = raw.slice(at + 1);
  if (local === '' || rawDomain === '') return reject('malformed', 'incomplete');
  if (local.includes('@')) return reject('malformed', 'two-at');
  if (local.length > MAX_LOCAL) return reject('too-long', 'local-too-long');
  if (local.includes('+')) return reject('plus-not-supported', 'plus');
  if (/\s/.test(local)) return reject('malformed', 'spaces');
  if (!LOCAL_CHARS.test(local)) {
    const bad = [...local].find((ch) => !/[A-Za-z0-9._'-]/.test(ch)) ?? '';
    return reject('malformed', 'character', bad);
  }
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return reject('malformed', 'dots');
  if (rawDomain.endsWith('.')) return reject('malformed', 'domain-trailing-dot');
  const domain = normaliseDomainName(rawDomain);
  if (!domain.ok) {
    return domain.reason === 'name-too-long' || domain.reason === 'label-too-long'
      ? reject('too-long', 'domain-too-long')
      : reject('malformed', 'not-a-domain');
  }
  if (!domain.domain.includes('.')) return reject('malformed', 'not-a-full-domain');
  const address = `${local}@${domain.domain}`;
  if (address.length > MAX_ADDRESS) return reject('too-long', 'too-long');
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
