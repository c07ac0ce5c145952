import { describe, expect, it } from 'vitest';
import { createAttemptMemory, requestKey } from '../../extension/src/content/attempts.ts';

const COMMON =
  'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=c0ffee00&redirect_uri=https%3A%2F%2Fmyapps.microsoft.com%2Fsignin-oidc&response_type=code&scope=openid&state=s1&nonce=n1';
const AT_TENANT =
  'https://login.microsoftonline.com/ezaz2281.onmicrosoft.com/oauth2/v2.0/authorize?nonce=n1&state=s1&client_id=c0ffee00&redirect_uri=https%3A%2F%2Fmyapps.microsoft.com%2Fsignin-oidc&response_type=code&scope=openid&login_hint=jane.doe%40gmail.com';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('per-tab attempt memory', () => {
  it('the original request and its reroute to a tenant share one record', () => {
    expect(requestKey(COMMON)).toBe(requestKey(AT_TENANT));
    expect(requestKey(COMMON.replace('state=s1', 'state=s2'))).not.toBe(requestKey(COMMON));
  });

  it('remembers every tenant tried for the request, in order, and the address typed', () => {
    const memory = createAttemptMemory(memoryStorage(), () => 1000);
    memory.tried(COMMON, COMMON, 'ezaz2281.onmicrosoft.com', 'jane.doe@gmail.com');
    memory.tried(AT_TENANT, COMMON, 'fabrikampartners.onmicrosoft.com');
    expect(memory.get(AT_TENANT)).toEqual({
      original: COMMON,
      loginHint: 'jane.doe@gmail.com',
      tried: ['ezaz2281.onmicrosoft.com', 'fabrikampartners.onmicrosoft.com'],
      at: 1000,
    });
  });

  it('an old record (over an hour) no longer counts', () => {
    let now = 0;
    const memory = createAttemptMemory(memoryStorage(), () => now);
    memory.tried(COMMON, COMMON, 'ezaz2281.onmicrosoft.com');
    now = 61 * 60 * 1000;
    expect(memory.get(COMMON)).toBeUndefined();
  });

  it('garbage written into the store by the page is ignored', () => {
    const store = memoryStorage();
    store.setItem('guestpass.attempts', '{not json');
    const memory = createAttemptMemory(store, () => 0);
    expect(memory.get(COMMON)).toBeUndefined();
    memory.tried(COMMON, COMMON, 'x.onmicrosoft.com');
    expect(memory.get(COMMON)?.tried).toEqual(['x.onmicrosoft.com']);
  });

  it('keeps at most 20 requests', () => {
    let now = 0;
    const store = memoryStorage();
    const memory = createAttemptMemory(store, () => now++);
    for (let i = 0; i < 25; i++) memory.tried(COMMON.replace('s1', `s${i}`), COMMON, 't.onmicrosoft.com');
    expect(Object.keys(JSON.parse(store.getItem('guestpass.attempts')!))).toHaveLength(20);
    expect(memory.get(COMMON.replace('s1', 's24'))).toBeDefined();
    expect(memory.get(COMMON.replace('s1', 's0'))).toBeUndefined();
  });
});
