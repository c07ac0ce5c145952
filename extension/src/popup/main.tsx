import { render } from 'preact';
import { readActivity } from '../settings/activity.ts';
import { readSettings } from '../settings/settings.ts';
import { Popup } from './Popup.tsx';

const t = (key: string, subs?: string[]) => chrome.i18n.getMessage(key, subs);
const formatTime = (at: number) => new Date(at).toLocaleString(chrome.i18n.getUILanguage());

async function show() {
  const [settings, activity] = await Promise.all([
    readSettings(chrome.storage.local, chrome.storage.managed),
    readActivity(chrome.storage.local),
  ]);
  render(
    <Popup settings={settings} activity={activity} t={t} formatTime={formatTime} openOptions={() => chrome.runtime.openOptionsPage()} />,
    document.getElementById('app')!,
  );
}

document.documentElement.lang = chrome.i18n.getUILanguage();
void show();
chrome.storage.onChanged.addListener(() => void show());
