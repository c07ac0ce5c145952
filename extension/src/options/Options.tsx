// Options page: add a tenant (validated by the shared parser), label it, give it a portal URL (https only),
// remove it, and choose the mode. Managed (organisation-pushed) entries and mode show locked.
import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../content/panel.ts';
import {
  addManualTenant,
  MODES,
  readSettings,
  removeTenant,
  setMode,
  updateTenant,
  type EffectiveSettings,
  type EffectiveTenant,
  type Mode,
  type StorageArea,
} from '../settings/settings.ts';
import { SOURCE_KEY } from '../ui/words.ts';

const MODE_KEY: Record<Mode, string> = { automatic: 'modeAutomatic', ask: 'modeAsk', off: 'modeOff' };

export interface OptionsProps {
  local: StorageArea;
  managed?: StorageArea;
  t: Translate;
  now(): number;
}

export function Options({ local, managed, t, now }: OptionsProps) {
  const [settings, setSettings] = useState<EffectiveSettings | undefined>();
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const reload = async () => setSettings(await readSettings(local, managed));
  useEffect(() => void reload(), []);

  const onAdd = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const result = await addManualTenant(
      local,
      { tenant: String(data.get('tenant') ?? ''), label: String(data.get('label') ?? ''), portalUrl: String(data.get('portalUrl') ?? '') },
      now,
    );
    if (!result.ok) {
      setStatus('');
      setError(result.message);
      return;
    }
    setError('');
    setStatus(t('added', [result.tenant.tenant.value]));
    form.reset();
    await reload();
  };

  if (!settings) return <main aria-busy="true" />;
  return (
    <main>
      <h1>{t('extName')}</h1>
      <fieldset disabled={settings.modeLocked}>
        <legend>{t('modeLabel')}</legend>
        {MODES.map((m) => (
          <label key={m}>
            <input
              type="radio"
              name="mode"
              value={m}
              checked={settings.mode === m}
              onChange={async () => {
                await setMode(local, m);
                await reload();
              }}
            />{' '}
            {t(MODE_KEY[m])}
          </label>
        ))}
        {settings.modeLocked ? <p class="note">{t('modeLocked')}</p> : null}
      </fieldset>

      <h2>{t('knownTenants')}</h2>
      {settings.tenants.length === 0 ? <p>{t('noTenants')}</p> : null}
      {settings.tenants.map((k) => (
        <TenantRow
          key={k.tenant.value}
          entry={k}
          t={t}
          onSave={async (changes) => {
            const r = await updateTenant(local, k.tenant.value, changes);
            if (r.ok) {
              setError('');
              setStatus(t('saved'));
            } else setError(r.message);
            await reload();
          }}
          onRemove={async () => {
            await removeTenant(local, k.tenant.value);
            await reload();
          }}
        />
      ))}

      <h2>{t('addTenant')}</h2>
      <form onSubmit={onAdd} aria-describedby="add-error">
        <label for="tenant">{t('tenantField')}</label>
        <input id="tenant" name="tenant" type="text" required autocomplete="off" spellcheck={false} />
        <label for="label">{t('labelField')}</label>
        <input id="label" name="label" type="text" />
        <label for="portalUrl">{t('portalField')}</label>
        <input id="portalUrl" name="portalUrl" type="url" placeholder="https://" />
        <p>
          <button type="submit">{t('add')}</button>
        </p>
      </form>
      <p id="add-error" class="error" role="alert">
        {error}
      </p>
      <p role="status">{status}</p>
      <p class="note">{t('privacyNote')}</p>
    </main>
  );
}

function TenantRow({
  entry,
  t,
  onSave,
  onRemove,
}: {
  entry: EffectiveTenant;
  t: Translate;
  onSave(changes: { label: string; portalUrl: string }): void;
  onRemove(): void;
}) {
  const id = entry.tenant.value;
  return (
    <form
      class="tenant"
      data-tenant={id}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget as HTMLFormElement);
        onSave({ label: String(data.get('label') ?? ''), portalUrl: String(data.get('portalUrl') ?? '') });
      }}
    >
      <fieldset disabled={entry.locked}>
        <legend>
          <strong>{entry.label ?? id}</strong> <span class="note">{id} · {t(SOURCE_KEY[entry.source])}</span>
        </legend>
        <label for={`label-${id}`}>{t('labelField')}</label>
        <input id={`label-${id}`} name="label" type="text" defaultValue={entry.label ?? ''} />
        <label for={`portal-${id}`}>{t('portalField')}</label>
        <input id={`portal-${id}`} name="portalUrl" type="url" defaultValue={entry.portalUrl ?? ''} />
        <p>
          <button type="submit">{t('save')}</button>{' '}
          <button type="button" onClick={onRemove}>
            {t('remove')}
          </button>
        </p>
      </fieldset>
    </form>
  );
}
