import { render } from 'preact';
import { readActivity } from '../../common/activity.ts';
import type { PageMessage } from '../../common/messages.ts';
import { cleanPolicy, LOCAL_KEYS, mergeSettings, safeGet, type ManagedPolicy } from '../../common/settings.ts';
import { Popup } from './Popup.tsx';

const t = (key: string, subs?: string[]) => chrome.i18n.getMessage(key, subs);
const formatTime = (at: number) => new Date(at).toLocaleString(chrome.i18n.getUILanguage());

const send = (message: PageMessage) => chrome.runtime.sendMessage(message).catch(() => undefined);
// Shown at once from the local store and the last policy seen; again when the policy store answers.
let policy: ManagedPolicy | undefined;
void safeGet(chrome.storage.managed).then((raw) => {
  policy = cleanPolicy(raw);
  void show();
});

async function show() {
  const [local, activity] = await Promise.all([safeGet(chrome.storage.local, LOCAL_KEYS), readActivity(chrome.storage.local)]);
  render(
    <Popup
      settings={mergeSettings(local, policy)}
      activity={activity}
      t={t}
      formatTime={formatTime}
      send={send}
      openOptions={() => chrome.runtime.openOptionsPage()}
    />,
    document.getElementById('app')!,
  );
}

document.documentElement.lang = chrome.i18n.getUILanguage();
void show();
chrome.storage.onChanged.addListener(() => void show());
