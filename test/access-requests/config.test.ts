// A tenant entry's `accessRequests`: the default policy (and its lock), time limits and webhook, checked at start-up
// with messages that name the key to fix.
import { describe, expect, it } from 'vitest';
import { readTenants } from '../../portal/config/tenants-file.ts';

const entry = (accessRequests: unknown) => JSON.stringify([{ domain: 'contoso.com', displayName: 'Contoso', accessRequests }]);
const read = (accessRequests: unknown, env: Record<string, string> = {}) => readTenants({ GUESTPASS_TENANTS: entry(accessRequests), ...env }, process.cwd())[0]!;

describe('accessRequests in GUESTPASS_TENANTS', () => {
  it('absent: no settings (requests off, unlocked); given: domains normalised, defaults filled in', () => {
    expect(readTenants({ GUESTPASS_TENANTS: JSON.stringify([{ domain: 'contoso.com', displayName: 'Contoso' }]) }, process.cwd())[0]!.accessRequests).toBeUndefined();
    expect(read({ policy: 'pre-approved', preApprovedDomains: ['@Partner.COM', 'partner.com'], locked: true }).accessRequests).toEqual({
      policy: { mode: 'pre-approved', preApprovedDomains: ['partner.com'], dailyCap: 20, blockedDomains: [] },
      locked: true,
      expireAfterDays: 14,
      deleteAfterDays: 30,
    });
  });

  it('fails fast naming the key: an unknown policy, a bad domain, a bad number, an unknown field', () => {
    expect(() => read({ policy: 'everyone' })).toThrow(/GUESTPASS_TENANTS\[0\]\.accessRequests\.policy: must be "off", "approval" or "pre-approved"/);
    expect(() => read({ blockedDomains: ['ok.example', 'not a domain'] })).toThrow(/GUESTPASS_TENANTS\[0\]\.accessRequests\.blockedDomains\[1\]: "not a domain" is not a domain name/);
    expect(() => read({ dailyCap: -1 })).toThrow(/GUESTPASS_TENANTS\[0\]\.accessRequests\.dailyCap/);
    expect(() => read({ expireAfterDays: 0 })).toThrow(/GUESTPASS_TENANTS\[0\]\.accessRequests\.expireAfterDays/);
    expect(() => read({ approvers: [] })).toThrow(/GUESTPASS_TENANTS\[0\]\.accessRequests: has unknown field\(s\) approvers/);
  });

  it('a webhook: https (http only on this machine), no credentials in the URL, a known kind; the environment\'s URL wins (it is a secret)', () => {
    expect(read({ webhook: { kind: 'slack', url: 'https://hooks.example.com/T/B/X' } }).accessRequests!.webhook).toEqual({ kind: 'slack', url: 'https://hooks.example.com/T/B/X' });
    expect(() => read({ webhook: { kind: 'slack', url: 'http://hooks.example.com/x' } })).toThrow(/accessRequests\.webhook\.url: must be https/);
    expect(() => read({ webhook: { kind: 'slack', url: 'https://u:p@hooks.example.com/x' } })).toThrow(/must not carry a user name or password/);
    expect(() => read({ webhook: { kind: 'email', url: 'https://hooks.example.com/x' } })).toThrow(/webhook\.kind: must be "slack", "teams-workflows" or "generic"/);
    expect(() => read({ webhook: { kind: 'generic' } })).toThrow(/webhook\.url: is required \(or set GUESTPASS_ACCESS_WEBHOOK_URL_CONTOSO_COM\)/);
    const fromEnv = read({ webhook: { kind: 'teams-workflows' } }, { GUESTPASS_ACCESS_WEBHOOK_URL_CONTOSO_COM: 'https://prod.example.com/workflows/abc' });
    expect(fromEnv.accessRequests!.webhook).toEqual({ kind: 'teams-workflows', url: 'https://prod.example.com/workflows/abc' });
    expect(read({ webhook: { kind: 'generic', url: 'http://127.0.0.1:9/x' } }).accessRequests!.webhook?.url).toBe('http://127.0.0.1:9/x');
  });
});
