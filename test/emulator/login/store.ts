// Short-lived sign-in state: pending authorize requests (the page's opaque `sCtx`), emailed passcodes and issued
// authorization codes. One store per emulator, cleared by reset().
import { randomBytes, randomInt } from 'node:crypto';
import type { Locale } from './strings.ts';

/** An authorize request being worked through (what Microsoft keeps behind `originalRequest` / `sCtx`). */
export interface SignInRequest {
  id: string;
  /** The path segment as requested: 'common', 'organizations', a GUID or a domain. */
  authoritySegment: string;
  /** null at a generic endpoint. */
  tenantId: string | null;
  protocol: 'oauth2-v2' | 'oauth2-v1' | 'saml2' | 'wsfed';
  clientId: string;
  redirectUri: string;
  responseType: string;
  responseMode: 'query' | 'fragment' | 'form_post';
  scope: string;
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  loginHint?: string;
  locale: Locale;
  createdAt: number;
}

/** Who signed in, decided when the passcode is accepted. */
export interface SignedInAccount {
  username: string;
  displayName: string;
  objectId: string;
  /** Tenant of the issued tokens: the host tenant at a tenant endpoint, the home tenant at a generic one. */
  tenantId: string;
  /** `idp` claim: google.com, live.com, mail, or the home tenant's issuer. */
  idp?: string;
}

export interface IssuedCode {
  request: SignInRequest;
  account: SignedInAccount;
  expiresAt: number;
}

/** A username accepted for a sign-in request, waiting for its passcode (what the page's flow token stands for). */
export interface PendingFlow {
  requestId: string;
  username: string;
}

export interface PasscodeRecord {
  code: string;
  expiresAt: number;
  attempts: number;
}

/** facts §5.7: one-time passcodes are valid 30 minutes. */
export const PASSCODE_LIFETIME_MS = 30 * 60_000;
const CODE_LIFETIME_MS = 10 * 60_000;
const REQUEST_LIFETIME_MS = 60 * 60_000;

export interface LoginStore {
  saveRequest(request: Omit<SignInRequest, 'id' | 'createdAt'>): SignInRequest;
  getRequest(id: string | undefined): SignInRequest | undefined;
  startFlow(requestId: string, username: string): string;
  getFlow(token: string | undefined): PendingFlow | undefined;
  issuePasscode(address: string): string;
  lastPasscode(address: string): string | undefined;
  checkPasscode(address: string, code: string): 'ok' | 'wrong' | 'expired' | 'none';
  issueCode(request: SignInRequest, account: SignedInAccount): string;
  /** Single use: a second redemption finds nothing. */
  takeCode(code: string): IssuedCode | 'expired' | undefined;
  issueRefreshToken(request: SignInRequest, account: SignedInAccount): string;
  /** Single use (rotation); undefined when unknown or older than 24 hours. */
  takeRefreshToken(token: string): { request: SignInRequest; account: SignedInAccount } | undefined;
  clear(): void;
}

export function createLoginStore(now: () => Date): LoginStore {
  const requests = new Map<string, SignInRequest>();
  const passcodes = new Map<string, PasscodeRecord>();
  const codes = new Map<string, IssuedCode>();
  const lastSent = new Map<string, string>();
  const flows = new Map<string, PendingFlow>();
  const refreshTokens = new Map<string, { request: SignInRequest; account: SignedInAccount; expiresAt: number }>(); // what was "emailed", even after it has been used
  const key = (address: string) => address.trim().toLowerCase();
  const t = () => now().getTime();
  return {
    saveRequest(request) {
      const saved: SignInRequest = { ...request, id: randomBytes(18).toString('base64url'), createdAt: t() };
      requests.set(saved.id, saved);
      return saved;
    },
    getRequest(id) {
      if (!id) return undefined;
      const r = requests.get(id);
      if (!r || t() - r.createdAt > REQUEST_LIFETIME_MS) return undefined;
      return r;
    },
    startFlow(requestId, username) {
      const token = randomBytes(24).toString('base64url');
      flows.set(token, { requestId, username });
      return token;
    },
    getFlow(token) {
      return token ? flows.get(token) : undefined;
    },
    issuePasscode(address) {
      const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
      passcodes.set(key(address), { code, expiresAt: t() + PASSCODE_LIFETIME_MS, attempts: 0 });
      lastSent.set(key(address), code);
      return code;
    },
    lastPasscode(address) {
      return lastSent.get(key(address));
    },
    checkPasscode(address, code) {
      const record = passcodes.get(key(address));
      if (!record) return 'none';
      if (t() > record.expiresAt) return 'expired';
      record.attempts++;
      if (record.attempts > 10 || record.code !== code.trim()) return 'wrong';
      passcodes.delete(key(address)); // a passcode works once
      return 'ok';
    },
    issueCode(request, account) {
      const code = `1.${randomBytes(32).toString('base64url')}`;
      codes.set(code, { request, account, expiresAt: t() + CODE_LIFETIME_MS });
      return code;
    },
    takeCode(code) {
      const issued = codes.get(code);
      if (!issued) return undefined;
      codes.delete(code);
      return t() > issued.expiresAt ? 'expired' : issued;
    },
    issueRefreshToken(request, account) {
      const token = `0.${randomBytes(48).toString('base64url')}`;
      refreshTokens.set(token, { request, account, expiresAt: t() + 24 * 3600_000 });
      return token;
    },
    takeRefreshToken(token) {
      const grant = refreshTokens.get(token);
      refreshTokens.delete(token);
      if (!grant || t() > grant.expiresAt) return undefined;
      return { request: grant.request, account: grant.account };
    },
    clear() {
      refreshTokens.clear();
      requests.clear();
      passcodes.clear();
      codes.clear();
      lastSent.clear();
      flows.clear();
    },
  };
}
