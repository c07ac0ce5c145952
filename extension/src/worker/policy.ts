// The managed policy, without ever waiting on it. In Chromium the first chrome.storage.managed.get() after the
// browser starts takes about 3 s when no policy is installed (issue 10, measured in Chromium 156); later calls take
// 1 ms. Until it answers, settings are merged with the last policy seen (kept in chrome.storage.local by this,
// the only writer) and marked provisional — with no policy ever seen, automatic becomes ask and nothing is learned
// (settings.ts, mergeSettings) — and when it answers, the cache is brought up to date and `onKnown` runs.
import { cleanPolicy, safeGet, type ManagedPolicy, type StorageArea } from '../common/settings.ts';

export interface PolicySource {
  /** The policy as read in this worker's life, or undefined while the store has not answered. */
  known(): ManagedPolicy | undefined;
  /** Resolves once the store answered (writes that depend on a locked field wait for this). */
  ready(): Promise<ManagedPolicy>;
  /** chrome.storage.onChanged for 'managed': read it again. */
  changed(): void;
}

export function createPolicySource(managed: StorageArea | undefined, local: StorageArea, onKnown: (policy: ManagedPolicy) => void): PolicySource {
  let known: ManagedPolicy | undefined;
  let pending: Promise<ManagedPolicy>;

  const load = (): Promise<ManagedPolicy> =>
    (pending = safeGet(managed).then(async (raw) => {
      const policy = cleanPolicy(raw);
      known = policy;
      const cached = (await safeGet(local, ['policyCache'])).policyCache;
      if (JSON.stringify(cached) !== JSON.stringify(policy)) await local.set?.({ policyCache: policy }).catch(() => {});
      onKnown(policy);
      return policy;
    }));

  void load();
  return {
    known: () => known,
    ready: () => pending,
    changed: () => void load(),
  };
}
