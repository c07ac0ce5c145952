import { render } from 'preact';
import type { PageMessage } from '../../common/messages.ts';
import { Options } from './Options.tsx';

document.documentElement.lang = chrome.i18n.getUILanguage();
document.title = chrome.i18n.getMessage('extName');
render(
  <Options
    local={chrome.storage.local}
    managed={chrome.storage.managed}
    send={(message: PageMessage) => chrome.runtime.sendMessage(message).catch(() => undefined)}
    t={(key, subs) => chrome.i18n.getMessage(key, subs)}
    onStoreChange={(listener) => chrome.storage.onChanged.addListener(listener)}
  />,
  document.getElementById('app')!,
);
