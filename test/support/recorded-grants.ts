// The real store, telling a test about every Graph call its budget grants. The budget's own table can't be read
// afterwards for that: each take prunes the calls older than the budget's period.
import type { ResendStore } from '../../portal/store/store.ts';

export function recordingGrants(store: ResendStore, onGrant: (tenantKey: string, at: number) => void): ResendStore {
  return new Proxy(store, {
    get(target, key) {
      if (key === 'takeGraphCall') {
        return async (...args: Parameters<ResendStore['takeGraphCall']>) => {
          const grant = await target.takeGraphCall(...args);
          if (grant.ok) onGrant(args[0], args[1]);
          return grant;
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
