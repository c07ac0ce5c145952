// Email addresses as guests type them. CONTRACT (implementation pending).

export type AddressHome = 'google' | 'microsoft-account' | 'other';

export type AddressRejectReason = 'empty' | 'too-long' | 'malformed' | 'plus-not-supported';

export type AddressParseResult =
  | { ok: true; address: string; local: string; domain: string; home: AddressHome }
  | { ok: false; reason: AddressRejectReason; message: string };

/** Trim, lower-case the domain (IDN to punycode), validate shape and length; `+` is rejected because Entra rejects it. */
export function parseAddress(input: string): AddressParseResult {
  void input;
  throw new Error('parseAddress: implementation pending');
}

/** google: gmail.com/googlemail.com; microsoft-account: outlook.com, hotmail.*, live.*, msn.com; other: work tenant or OTP. */
export function classifyAddressHome(domain: string): AddressHome {
  void domain;
  throw new Error('classifyAddressHome: implementation pending');
}
