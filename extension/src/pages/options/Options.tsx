// Options page: add a tenant (validated by the shared parser), label it, give it a portal URL (https only),
// trust or remove it, and choose the mode. Managed (organisation-pushed) entries and mode show locked. It shows at
// once from the local store and the last policy the worker saw, and again when the policy store answers (which can
// take seconds right after the browser starts). Every change is a message to the service worker, the stores'
// single writer.
import { useEffect, useState } from 'preact/hooks';
import type { PageMessage, Translate } from '../../common/messages.ts';
import {
  cleanPolicy,
  isCandidateSource,
  LOCAL_KEYS,
  mergeSettings,
  MODES,
  safeGet,
  type EffectiveSettings,
  type EffectiveTenant,
  type Mode,
  type StorageArea,
} from '../../common/settings.ts';
import { SOURCE_KEY } from '../ui/words.ts';

const MODE_KEY: Record<Mode, string> = { automatic: 'modeAutomatic', ask: 'modeAsk', off: 'modeOff' };

export type Send = (message: PageMessage) => Promise<{ ok?: boolean; message?: string; reason?: string; problem?: string; value?: string } | undefined>;

/** A refusal in the page's language: the worker's problem key through _locales, else its (English) sentence. */
function refusal(t: Translate, r: Awaited<ReturnType<Send>>): string {
  const said = r?.problem ? t(`problem_${r.problem.replaceAll('-', '_')}`, [r.value ?? '']) : '';
  return said || r?.message || t('settingsPending');
}

export interface OptionsProps {
  local: StorageArea;
  managed?: StorageArea;
  /** chrome.runtime.sendMessage to the service worker. */
  send: Send;
  t: Translate;
  /** Subscribe to store changes (chrome.storage.onChanged); returns nothing. */
  onStoreChange?(listener: () => void): void;
}

/**
 * Settings as known now, then as final: the local store with the cached policy at once, then with the policy
 * store's answer whenever it comes (never waited for before the first render).
 */
export function watchSettings(local: StorageArea, managed: StorageArea | undefined, show: (s: EffectiveSettings) => void, onStoreChange?: (l: () => void) => void) {
  let policy: ReturnType<typeof cleanPolicy> | undefined;
  const render = async () => show(mergeSettings(await safeGet(local, LOCAL_KEYS), policy));
  void render();
  void safeGet(managed).then((raw) => {
    policy = cleanPolicy(raw);
    return render();
  });
  onStoreChange?.(() => {
    // A managed change is read again; a local one re-merges with what is known.
    void safeGet(managed).then((raw) => {
      policy = cleanPolicy(raw);
      return render();
    });
  });
}

export function Options({ local, managed, send, t, onStoreChange }: OptionsProps) {
  const [settings, setSettings] = useState<EffectiveSettings | undefined>();
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  useEffect(() => watchSettings(local, managed, setSettings, onStoreChange), []);
  const reload = async () => setSettings(mergeSettings(await safeGet(local, LOCAL_KEYS), cleanPolicy(await safeGet(managed))));

  const onAdd = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const tenant = String(data.get('tenant') ?? '');
    const result = await send({ type: 'add-tenant', tenant, label: String(data.get('label') ?? ''), portalUrl: String(data.get('portalUrl') ?? '') });
    if (!result?.ok) {
      setStatus('');
      setError(refusal(t, result));
      return;
    }
    setError('');
    setStatus(t('added', [result.message ?? tenant]));
    form.reset();
    await reload();
  };

  if (!settings) return <main aria-busy="true" />;
  const locked = settings.modeLocked;
  return (
    <main>
      <h1>{t('extName')}</h1>
      {settings.provisional ? <p class="note" role="status">{t('settingsPending')}</p> : null}
      <fieldset disabled={locked}>
        <legend>{t('modeLabel')}</legend>
        {MODES.map((m) => (
          <label key={m}>
            <input
              type="radio"
              name="mode"
              value={m}
              checked={settings.mode === m}
              onChange={async () => {
                await send({ type: 'set-mode', mode: m });
                await reload();
              }}
            />{' '}
            {t(MODE_KEY[m])}
          </label>
        ))}
        {locked ? <p class="note">{t('modeLocked')}</p> : null}
      </fieldset>
      {settings.learningLocked && !settings.learning ? <p class="note">{t('learningLocked')}</p> : null}

      <h2>{t('knownTenants')}</h2>
      {settings.tenants.length === 0 ? <p>{t('noTenants')}</p> : null}
      {settings.tenants.map((k) => (
        <TenantRow
          key={k.tenant.value}
          entry={k}
          t={t}
          onSave={async (changes) => {
            const r = await send({ type: 'update-tenant', value: k.tenant.value, ...changes });
            if (r?.ok) {
              setError('');
              setStatus(t('saved'));
            } else setError(refusal(t, r));
            await reload();
          }}
          onTrust={async () => {
            await send({ type: 'trust-tenant', value: k.tenant.value });
            await reload();
          }}
          onRemove={async () => {
            await send({ type: 'remove-tenant', value: k.tenant.value });
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
  onTrust,
  onRemove,
}: {
  entry: EffectiveTenant;
  t: Translate;
  onSave(changes: { label: string; portalUrl: string }): void;
  onTrust(): void;
  onRemove(): void;
}) {
  const id = entry.tenant.value;
  const candidate = isCandidateSource(entry.source);
  return (
    <form
      class="tenant"
      data-tenant={id}
      data-trusted={String(entry.trusted)}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget as HTMLFormElement);
        onSave({ label: String(data.get('label') ?? ''), portalUrl: String(data.get('portalUrl') ?? '') });
      }}
    >
      <fieldset disabled={entry.locked}>
        <legend>
          <strong>{entry.label ?? id}</strong> <span class="note" data-testid="source">{id} · {t(SOURCE_KEY[entry.source])}</span>
        </legend>
        {candidate ? <p class="note">{t('sourceCandidateNote')}</p> : null}
        <label for={`label-${id}`}>{t('labelField')}</label>
        <input id={`label-${id}`} name="label" type="text" defaultValue={entry.label ?? ''} />
        <label for={`portal-${id}`}>{t('portalField')}</label>
        <input id={`portal-${id}`} name="portalUrl" type="url" defaultValue={entry.portalUrl ?? ''} />
        <p>
          <button type="submit">{t('save')}</button>{' '}
          {candidate ? (
            <>
              <button type="button" onClick={onTrust}>
                {t('trust')}
              </button>{' '}
            </>
          ) : null}
          <button type="button" onClick={onRemove}>
            {t('remove')}
          </button>
        </p>
      </fieldset>
    </form>
  );
}
