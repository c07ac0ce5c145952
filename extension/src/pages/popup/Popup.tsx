// Popup: known tenants with where each came from, their My Apps link and a Remove button (sent to the service
// worker, the single writer), the mode, and the last thing guestpass did (or declined) and why.
import { buildLink } from '../../../../shared/links.ts';
import type { PageMessage, Translate } from '../../common/messages.ts';
import type { ActivityEntry } from '../../common/activity.ts';
import type { EffectiveSettings, Mode } from '../../common/settings.ts';
import { describeActivity, SOURCE_KEY } from '../ui/words.ts';

const MODE_KEY: Record<Mode, string> = { automatic: 'modeAutomatic', ask: 'modeAsk', off: 'modeOff' };

export interface PopupProps {
  settings: EffectiveSettings;
  activity: ActivityEntry[];
  t: Translate;
  openOptions(): void;
  /** chrome.runtime.sendMessage to the service worker. */
  send?(message: PageMessage): Promise<unknown>;
  /** Formats a past time for people (passed in so tests are clock-free). */
  formatTime(at: number): string;
}

export function Popup({ settings, activity, t, openOptions, send, formatTime }: PopupProps) {
  const last = activity[0];
  return (
    <main>
      <h1>{t('extName')}</h1>
      <p data-testid="mode">
        <strong>{t('modeLabel')}:</strong> {t(MODE_KEY[settings.mode])}
        {settings.modeLocked ? ` (${t('modeLocked')})` : ''}
      </p>
      <h2>{t('knownTenants')}</h2>
      {settings.tenants.length === 0 ? (
        <p>{t('noTenants')}</p>
      ) : (
        <ul data-testid="tenants">
          {settings.tenants.map((k) => {
            const link = buildLink('myapps', k.tenant);
            return (
              <li key={k.tenant.value} data-tenant={k.tenant.value}>
                <span title={k.tenant.value}>{k.label ?? k.tenant.value}</span>{' '}
                <span class="note" data-testid="source">({t(SOURCE_KEY[k.source])})</span>{' '}
                {link.ok ? (
                  <a href={link.url} target="_blank" rel="noopener noreferrer">
                    {t('myApps')}
                  </a>
                ) : null}
                {!k.locked && send ? (
                  <>
                    {' '}
                    <button type="button" onClick={() => void send({ type: 'remove-tenant', value: k.tenant.value })}>
                      {t('remove')}
                    </button>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <h2>{t('lastActivity')}</h2>
      <p data-testid="last-activity">
        {last ? `${describeActivity(last, t)} · ${formatTime(last.at)}` : t('noActivity')}
      </p>
      <p>
        <button type="button" onClick={openOptions}>
          {t('openOptions')}
        </button>
      </p>
      <p class="note">{t('privacyNote')}</p>
    </main>
  );
}
