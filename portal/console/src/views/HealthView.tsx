// Tenant health from the admin API: do the portal's own Graph credentials work right now, which application
// permissions are granted against those needed, when the secret or certificate expires, when the last resend went
// out. The banner shows on every view while the credentials fail (resends are then held, not lost).
import type { Session } from '../auth.ts';
import { when } from '../format.ts';
import { adminApi } from '../api.ts';
import { useLoad } from '../use-load.ts';
import { LoadState } from './LoadState.tsx';

export interface TenantHealth {
  credentials?: { ok: boolean; error?: string; code?: string; checkedAt?: string };
  permissions?: { granted?: string[]; needed?: string[]; missing?: string[] };
  credentialExpiresAt?: string | null;
  lastResendAt?: string | null;
  held?: number;
  dead?: number;
}

const WARN_DAYS = 30;

function useHealth(session: Session) {
  return useLoad(() => adminApi(session).get<TenantHealth>('health'), [session]);
}

export function HealthBanner({ session }: { session: Session }) {
  const health = useHealth(session);
  const h = health.data;
  if (!h?.credentials || h.credentials.ok) return null;
  return (
    <div class="banner" role="alert">
      <strong>The portal cannot reach Microsoft Graph for {session.tenant.displayName}.</strong> {h.credentials.code ? `${h.credentials.code}: ` : ''}
      {h.credentials.error ?? 'Its credentials were refused.'} Resend requests are held{h.held ? ` (${h.held} now)` : ''} and go out by themselves once
      the credentials work again. See Tenant health.
    </div>
  );
}

export function HealthView({ session }: { session: Session }) {
  const health = useHealth(session);
  const h = health.data;
  const expiresIn = h?.credentialExpiresAt ? Math.ceil((Date.parse(h.credentialExpiresAt) - Date.now()) / 86_400_000) : undefined;
  const missing = h?.permissions?.missing ?? (h?.permissions?.needed ?? []).filter((p) => !(h?.permissions?.granted ?? []).includes(p));
  return (
    <section aria-labelledby="health-title">
      <h1 id="health-title">Tenant health</h1>
      <LoadState loaded={health} what="the tenant's health" />
      {h && (
        <dl class="health">
          <dt>Graph credentials</dt>
          <dd class={h.credentials?.ok ? 'ok' : 'error'}>
            {h.credentials?.ok ? 'Working: a token was issued and Graph answered a read.' : `Failing — ${h.credentials?.code ?? ''} ${h.credentials?.error ?? ''}`}
            {h.credentials?.checkedAt ? ` (checked ${when(h.credentials.checkedAt)})` : ''}
          </dd>
          <dt>Application permissions</dt>
          <dd class={missing.length ? 'error' : 'ok'}>
            Granted: {(h.permissions?.granted ?? []).join(', ') || 'none'}.
            {missing.length ? ` Missing: ${missing.join(', ')} — grant admin consent for them.` : ' Everything needed is granted.'}
          </dd>
          <dt>Secret or certificate expires</dt>
          <dd class={expiresIn !== undefined && expiresIn <= WARN_DAYS ? 'error' : ''}>
            {h.credentialExpiresAt ? `${when(h.credentialExpiresAt)}${expiresIn !== undefined && expiresIn <= WARN_DAYS ? ` — in ${expiresIn} days: add a new one now` : ''}` : 'unknown'}
          </dd>
          <dt>Last resend sent</dt>
          <dd>{when(h.lastResendAt)}</dd>
          <dt>Held / dead requests</dt>
          <dd>
            {h.held ?? 0} held, {h.dead ?? 0} dead
          </dd>
        </dl>
      )}
    </section>
  );
}
