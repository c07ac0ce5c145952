// @vitest-environment jsdom
// The in-page chooser / explanation: closed to the page, keyboard-usable, localized.
import { describe, expect, it } from 'vitest';
import { showPanel } from '../../extension/src/content-script/panel.ts';
import { PANEL_CSS } from '../../extension/src/worker/panel-style.ts';
import type { PageDecision } from '../../extension/src/worker/decide.ts';
import { translator } from './support.ts';

const choose: Extract<PageDecision, { action: 'choose' }> = {
  action: 'choose',
  intro: 'chooseIntro',
  reason: 'several-tenants',
  original: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?state=1',
  choices: [
    { tenant: 'ezaz2281.onmicrosoft.com', label: 'Ezaz Labs', url: 'https://login.microsoftonline.com/ezaz2281.onmicrosoft.com/x', sameRequest: true, trusted: true },
    { tenant: 'fabrikampartners.onmicrosoft.com', label: 'fabrikampartners.onmicrosoft.com', url: 'https://myapps.microsoft.com/fabrikampartners.onmicrosoft.com', sameRequest: false, trusted: false },
  ],
};

function page() {
  document.head.innerHTML = '<style>section,button{display:none!important}</style>';
  document.body.innerHTML = '';
  return document;
}

describe('in-page panel', () => {
  it('the page cannot reach into it: the shadow root is closed', () => {
    const doc = page();
    const picks: string[] = [];
    const { host } = showPanel(doc.body, choose, translator(), { pick: (u) => picks.push(u), openOptions: () => {} }, PANEL_CSS);
    expect(host.shadowRoot).toBeNull();
    expect(doc.querySelectorAll('button')).toHaveLength(0); // the page's own selectors find nothing
    expect(doc.body.textContent).toBe('');
  });

  it('is a labelled dialog; focus lands on the first choice; choices name the tenant by label', () => {
    const doc = page();
    const picks: string[] = [];
    const { root } = showPanel(doc.body, choose, translator(), { pick: (u, t) => picks.push(`${t} ${u}`), openOptions: () => {} }, PANEL_CSS);
    const dialog = root.querySelector('[role=dialog]')!;
    expect(root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe('guestpass');
    expect(root.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent).toContain('choose where to sign in');
    const buttons = [...root.querySelectorAll('li button')] as HTMLButtonElement[];
    // A candidate (only seen in a link) says so on its button.
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Ezaz Labs',
      'fabrikampartners.onmicrosoft.com (opens its My Apps page) — seen in a link, not confirmed',
    ]);
    expect(buttons[0]!.title).toBe('ezaz2281.onmicrosoft.com');
    expect(root.activeElement).toBe(buttons[0]);
    buttons[1]!.click();
    expect(picks).toEqual(['fabrikampartners.onmicrosoft.com https://myapps.microsoft.com/fabrikampartners.onmicrosoft.com']);
  });

  it('Escape dismisses it', () => {
    const doc = page();
    const { root, host } = showPanel(doc.body, choose, translator(), { pick: () => {}, openOptions: () => {} }, PANEL_CSS);
    root.querySelector('li button')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(host.isConnected).toBe(false);
  });

  it('speaks the browser’s language (Japanese) and marks it with lang', () => {
    const doc = page();
    const { root } = showPanel(
      doc.body,
      { action: 'explain', key: 'explain50020', showOptions: false, reason: 'aadsts-50020', portalUrl: 'https://portal.example/t/x' },
      translator('ja'),
      { pick: () => {}, openOptions: () => {} },
      PANEL_CSS,
    );
    expect(root.querySelector('section')!.lang).toBe('ja');
    expect(root.textContent).toContain('プライベート ウィンドウ');
    expect(root.querySelector('a')!.textContent).toBe('招待を再度依頼する');
    expect(root.querySelector('a')!.rel).toBe('noopener noreferrer');
  });
});
